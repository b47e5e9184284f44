// ISO 216 and US paper sizes in millimetres.
#include "layout/page.hpp"

#include "spec/field_syntax.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

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
        {"a6", 105, 148},         {"a5", 148, 210},        {"a4", 210, 297},         {"a3", 297, 420},
        {"a2", 420, 594},         {"a1", 594, 841},        {"a0", 841, 1189},        {"letter", 215.9, 279.4},
        {"legal", 215.9, 355.6},  {"tabloid", 279.4, 431.8}};
    for (const auto& p : papers) {
        const std::string n = p.name;
        if (t == n || t == n + "-portrait")
            return PageSize{p.w, p.h, false, raw};
        if (t == n + "-landscape")
            return PageSize{p.h, p.w, false, raw};
    }
    // "WxHmm", "Wmm" or "Wmm-maxHmm", numbers parsed by hand and bounded, so no length or exponent can
    // throw (std::regex recursed per character; std::stod threw on 400 digits).
    std::string_view v(t);
    std::optional<double> max_h = 240;
    if (const auto cut = v.find("mm-max"); cut != std::string_view::npos) {
        const std::string_view tail = v.substr(cut + 6);
        if (tail.size() < 3 || tail.substr(tail.size() - 2) != "mm" || v.substr(0, cut).find('x') != std::string_view::npos)
            return std::nullopt;
        max_h = plain_decimal(tail.substr(0, tail.size() - 2));
        v = v.substr(0, cut + 2);
    }
    if (v.size() < 3 || v.substr(v.size() - 2) != "mm")
        return std::nullopt;
    const std::string_view dims = v.substr(0, v.size() - 2);
    if (const auto x = dims.find('x'); x != std::string_view::npos) {
        const auto w = plain_decimal(dims.substr(0, x)), h = plain_decimal(dims.substr(x + 1));
        if (w && h && *w >= 50 && *h >= 50 && *w <= 2000 && *h <= 2000)
            return PageSize{*w, *h, false, raw};
    } else if (const auto w = plain_decimal(dims); w && max_h && *w >= 60 && *w <= 2000 && *max_h >= 60 &&
                                                   *max_h <= 2000) {
        return PageSize{*w, 0, true, raw, *max_h};
    }
    return std::nullopt;
}

std::string page_error(const std::string& raw, const std::string& display) {
    std::string t;
    for (char c : raw)
        if (!std::isspace(static_cast<unsigned char>(c)))
            t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string unknown = "unknown page '" + display + "'";
    std::string_view v(t);
    if (v.size() < 3 || v.substr(v.size() - 2) != "mm")
        return unknown;
    auto mm = [](double x) {
        std::string s = std::to_string(x);
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.')
            s.pop_back();
        return s + " mm";
    };
    // "page '100x40mm' is 40 mm high: a page must be at least 50 mm high"
    auto out_of = [&](const std::string& is, const std::string& must, double x, double lo, double hi) {
        return "page '" + display + "' " + is + ": " + must + (x < lo ? " at least " + mm(lo) : " at most " + mm(hi));
    };
    std::string_view dims = v.substr(0, v.size() - 2);
    if (const auto cut = dims.find("mm-max"); cut != std::string_view::npos) {
        const auto w = plain_decimal(dims.substr(0, cut)), h = plain_decimal(dims.substr(cut + 6));
        if (w && h && (*w < 60 || *w > 2000))
            return out_of("is a figure " + mm(*w) + " wide", "a figure must be", *w, 60, 2000) + " wide";
        if (w && h && (*h < 60 || *h > 2000))
            return out_of("lets a figure be " + mm(*h) + " high", "its height limit must be", *h, 60, 2000);
        return unknown;
    }
    if (const auto x = dims.find('x'); x != std::string_view::npos) {
        const auto w = plain_decimal(dims.substr(0, x)), h = plain_decimal(dims.substr(x + 1));
        if (w && h && (*w < 50 || *w > 2000))
            return out_of("is " + mm(*w) + " wide", "a page must be", *w, 50, 2000) + " wide";
        if (w && h && (*h < 50 || *h > 2000))
            return out_of("is " + mm(*h) + " high", "a page must be", *h, 50, 2000) + " high";
        return unknown;
    }
    if (const auto w = plain_decimal(dims); w && (*w < 60 || *w > 2000))
        return out_of("is a figure " + mm(*w) + " wide", "a figure must be", *w, 60, 2000) + " wide";
    return unknown;
}

std::vector<PageSize> larger_pages(const PageSize& page) {
    std::vector<std::string> names;
    auto mm = [](double x) { return std::to_string(static_cast<int>(std::ceil(x / 10 - 1e-9) * 10)); };
    if (page.figure) {
        const std::string max = page.max_height_mm == 240 ? "" : "-max" + mm(page.max_height_mm) + "mm";
        for (double more : {30, 60, 100})
            names.push_back(mm(page.width_mm + more) + "mm" + max);
    } else {
        // The paper families in size order; a named page is read back by its lower-case name.
        static const std::vector<std::vector<std::string>> families = {{"a6", "a5", "a4", "a3", "a2", "a1", "a0"},
                                                                      {"letter", "legal", "tabloid"}};
        std::string t;
        for (char c : page.name)
            t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const std::string orientation = page.width_mm > page.height_mm ? "-landscape" : "-portrait";
        for (const auto& family : families)
            for (std::size_t i = 0; i < family.size(); ++i)
                if (t == family[i] || t == family[i] + "-portrait" || t == family[i] + "-landscape")
                    for (std::size_t j = i + 1; j < family.size() && j <= i + 3; ++j)
                        names.push_back(family[j] + orientation);
        if (names.empty())
            for (double k : {1.25, 1.5, 2.0})
                names.push_back(mm(page.width_mm * k) + "x" + mm(page.height_mm * k) + "mm");
    }
    std::vector<PageSize> out;
    for (const std::string& n : names)
        if (auto p = parse_page(n))
            out.push_back(*p);
    return out;
}

std::string page_help() {
    return "use a6, a5, a4, a3, a2, a1, a0, letter, legal or tabloid with -portrait or -landscape, \"WxHmm\" (50-2000 mm), "
           "or a figure width such as \"170mm\" (at most 240 mm tall; \"170mm-max200mm\" sets the height)";
}

} // namespace citemap
