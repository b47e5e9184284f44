// citemap check: everything render validates, nothing written.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "core/escape.hpp"
#include "layout/layout.hpp"
#include "render/cairo_renderer.hpp"

#include <cstdio>
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
        std::cout << terminal_escape(describe_check(*project, r)) << "\n";
    // Not an error (sources do contradict each other), but never silent: the map hatches it.
    for (const Conflict& c : project->conflicts) {
        char km2[32];
        std::snprintf(km2, sizeof km2, "%.2f", c.km2);
        std::cout << "conflict: zones '" << terminal_escape(c.zone_a) << "' and '" << terminal_escape(c.zone_b)
                  << "' overlap over " << km2
                  << " km\u00B2 with different statuses; the map hatches it as a claims conflict. If both "
                     "claims hold there, declare it in zone '"
                  << terminal_escape(c.zone_b) << "': overlaps = [\"" << terminal_escape(c.zone_a)
                  << "\"] (or part_of = \"" << terminal_escape(c.zone_a) << "\" when it lies inside)\n";
    }
    if (problems)
        return 1;
    std::cout << "ok: " << project->geo.zones.size() << " zones, " << project->claims.size() << " claims, "
              << quotes << " quotes verified against " << project->sources.size() << " source(s)\n";
    return 0;
}

} // namespace citemap
