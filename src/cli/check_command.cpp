// citemap check: everything render validates, nothing written.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "core/escape.hpp"
#include "core/parallel.hpp"
#include "layout/layout.hpp"
#include "render/cairo_renderer.hpp"
#include "text/pango_text.hpp"

#include <cstdio>
#include <functional>
#include <iostream>

namespace citemap {

namespace {

// What to write so zone `zone` declares `other` among the zones it overlaps on purpose: the whole
// list when it has one (a second `overlaps` key is a TOML error, audit s11), as a [[zone]] key or,
// for a drawn zone, as its feature's comma-separated property.
std::string overlaps_advice(const Project& p, const std::string& zone, const std::string& other) {
    const Zone* z = p.geo.zone(zone);
    std::vector<std::string> ids = z ? z->overlaps : std::vector<std::string>{};
    ids.push_back(other);
    std::string list;
    if (z && z->derived) {
        for (const std::string& id : ids)
            list += (list.empty() ? "" : ", ") + ("\"" + id + "\"");
        return ids.size() > 1 ? "overlaps = [" + list + "] (its [[zone]]'s list, with \"" + other + "\" added)"
                              : "overlaps = [" + list + "] in its [[zone]]";
    }
    for (const std::string& id : ids)
        list += (list.empty() ? "" : ",") + id;
    return "the property \"overlaps\": \"" + list + "\" on its feature in " + p.spec.zones_file_as_written;
}

} // namespace

int run_check(const std::string& dir, int jobs) {
    start_font_setup(); // while the project loads
    auto project = load_for_command(dir, false);
    if (!project)
        return 1;
    // Lay out every page as render would, so a project check passes never fails to render. Pages are
    // laid out in parallel (each thread with its own text engine and GEOS handle); their messages
    // are printed in the order of the outputs.
    const std::vector<OutputSpec>& outputs = project->spec.outputs;
    std::vector<std::string> messages(outputs.size());
    std::vector<std::function<void()>> tasks;
    const std::string date = document_date(*project);
    for (std::size_t i = 0; i < outputs.size(); ++i)
        tasks.emplace_back([&, i] {
            const OutputSpec& out = outputs[i];
            LayoutOptions lo;
            lo.date_iso = date;
            lo.labels = out.labels;
            lo.theme = out.theme;
            lo.panel = panel_placement(out.panel); // as render lays it out
            lo.find_larger_page = true;
            lo.jobs = jobs > 0 ? static_cast<unsigned>(jobs) : default_jobs();
            try {
                const std::optional<Project> shown =
                    out.zones.empty() ? std::nullopt : std::optional<Project>(project_of_output(dir, out));
                const Scene scene = layout_map(shown ? *shown : *project, *parse_page(out.page), lo);
                if (auto why = raster_problem(scene, 300))
                    throw Error({project->spec.file.string(), out.where.line, out.where.column, {}},
                                "page '" + out.page + "' cannot be rendered: " + *why, "choose a smaller page");
            } catch (const Error& e) {
                messages[i] = "citemap: " + e.format() + "\n";
            }
        });
    run_parallel(tasks, jobs > 0 ? static_cast<unsigned>(jobs) : default_jobs());
    int problems = 0;
    for (const std::string& m : messages)
        if (!m.empty()) {
            std::cerr << m;
            ++problems;
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
                     "claims hold there, declare it in zone '";
        if (c.inner.empty())
            std::cout << terminal_escape(c.zone_b) << "': " << terminal_escape(overlaps_advice(*project, c.zone_b, c.zone_a)) << "\n";
        else // the inner zone nests in the other (part_of chains, so a part of a part is fine)
            std::cout << terminal_escape(c.inner) << "' (it lies inside '"
                      << terminal_escape(c.inner == c.zone_a ? c.zone_b : c.zone_a) << "'): part_of = \""
                      << terminal_escape(c.inner == c.zone_a ? c.zone_b : c.zone_a) << "\"\n";
    }
    if (problems)
        return 1;
    std::cout << "ok: " << project->geo.zones.size() << " zones, " << project->claims.size() << " claims, "
              << quotes << " quotes verified against " << project->sources.size() << " source(s)\n";
    return 0;
}

} // namespace citemap
