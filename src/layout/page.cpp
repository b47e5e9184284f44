// ISO 216 and US paper sizes in millimetres.
#include "layout/page.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

namespace citemap {

std::optional<PageSize> parse_page(const std::string& raw) {
    std::string t;
    for (char c : raw)
        if (!std::isspace(static_cast<unsigned char>(c)))
            t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    struct Named {
        const char* name;
        double w, h;
    };
    static const Named papers[] = {
        {"a5", 148, 210},         {"a4", 210, 297},        {"a3", 297, 420},         {"a2", 420, 594},
        {"letter", 215.9, 279.4}, {"legal", 215.9, 355.6}, {"tabloid", 279.4, 431.8}};
    for (const auto& p : papers) {
        const std::string n = p.name;
        if (t == n || t == n + "-portrait")
            return PageSize{p.w, p.h, false, raw};
        if (t == n + "-landscape")
            return PageSize{p.h, p.w, false, raw};
    }
    std::smatch m;
    static const std::regex explicit_size(R"(([0-9]+(?:\.[0-9]+)?)x([0-9]+(?:\.[0-9]+)?)mm)");
    static const std::regex figure_width(R"(([0-9]+(?:\.[0-9]+)?)mm(?:-max([0-9]+(?:\.[0-9]+)?)mm)?)");
    if (std::regex_match(t, m, explicit_size)) {
        const double w = std::stod(m[1]), h = std::stod(m[2]);
        if (w >= 50 && h >= 50 && w <= 2000 && h <= 2000)
            return PageSize{w, h, false, raw};
    } else if (std::regex_match(t, m, figure_width)) {
        const double w = std::stod(m[1]);
        const double max_h = m[2].matched ? std::stod(m[2]) : 240;
        if (w >= 60 && w <= 2000 && max_h >= 60 && max_h <= 2000)
            return PageSize{w, 0, true, raw, max_h};
    }
    return std::nullopt;
}

std::string page_help() {
    return "use a4, a3, a5, letter, legal or tabloid with -portrait or -landscape, \"WxHmm\" (50-2000 mm), "
           "or a figure width such as \"170mm\" (at most 240 mm tall; \"170mm-max200mm\" sets the height)";
}

} // namespace citemap
