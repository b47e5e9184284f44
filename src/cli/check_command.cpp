// citemap check: everything render validates, nothing written.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "core/escape.hpp"
#include "layout/layout.hpp"
#include "render/cairo_renderer.hpp"

#include <iostream>

namespace citemap {

int run_check(const std::string& dir) {
    auto project = load_for_command(dir, false);
    if (!project)
        return 1;
    // Lay out every page as render would, so a project check passes never fails to render.
    int problems = 0;
    LayoutOptions lo;
    lo.date_iso = document_date(*project);
    for (const OutputSpec& out : project->spec.outputs) {
        lo.labels = out.labels;
        lo.theme = out.theme;
        try {
            const Scene scene = layout_map(*project, *parse_page(out.page), lo);
            if (auto why = raster_problem(scene, 300))
                throw Error({project->spec.file.string(), out.where.line, out.where.column, {}},
                            "page '" + out.page + "' cannot be rendered: " + *why, "choose a smaller page");
        } catch (const Error& e) {
            std::cerr << "citemap: " << e.format() << "\n";
            ++problems;
        }
    }
    std::size_t quotes = 0;
    for (const Claim& c : project->claims)
        quotes += c.quotes.size();
    for (const CheckResult& r : project->checks)
        std::cout << describe_check(*project, r) << "\n";
    if (problems)
        return 1;
    std::cout << "ok: " << project->geo.zones.size() << " zones, " << project->claims.size() << " claims, "
              << quotes << " quotes verified against " << project->sources.size() << " source(s)\n";
    return 0;
}

} // namespace citemap
