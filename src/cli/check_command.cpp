// citemap check: everything render validates, nothing written.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "cli/page_refusal.hpp"
#include "core/escape.hpp"
#include "core/parallel.hpp"
#include "core/timeline.hpp"
#include "layout/layout.hpp"
#include "render/cairo_renderer.hpp"
#include "text/pango_text.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

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

// One page of the check, between its two tasks.
struct PageCheck {
    std::optional<Project> shown; // the project with the output's own zones, when it names them
    std::unique_ptr<PageLayout> layout; // the composition search's result, until drawn
    std::string message;          // the page's error, if any
    std::mutex m;
    std::condition_variable cv;
    bool searched = false;

    // Marks the search finished however it ends (a failure other than Error is rethrown by
    // run_parallel, and the drawing must not wait for it).
    struct Searched {
        PageCheck& page;
        explicit Searched(PageCheck& p) : page(p) {}
        Searched(const Searched&) = delete;
        Searched& operator=(const Searched&) = delete;
        ~Searched() {
            {
                const std::lock_guard lock(page.m);
                page.searched = true;
            }
            page.cv.notify_all();
        }
    };
    // Whether there is a layout to draw, once the search is finished.
    bool wait_for_search() {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return searched; });
        return layout != nullptr;
    }
};

} // namespace

int run_check(const std::string& dir, int jobs, bool quiet) {
    struct PrintTimeline {
        ~PrintTimeline() { timeline::print(); }
    } print_timeline; // CITEMAP_TIMELINE: the stages timed below, however the check ends
    const timeline::Span whole("check");
    start_font_setup(); // while the project loads
    const unsigned threads = jobs > 0 ? static_cast<unsigned>(jobs) : default_jobs();
    // Meanwhile the pool's workers build their text engines and load the fonts (as render's do): a
    // page laid out on a cold worker first paid for that, after the load, on the check's longest path.
    std::optional<Project> project;
    std::vector<std::function<void()>> warming;
    for (unsigned t = 1; t < std::min(threads, 4u); ++t) // a project has a few pages
        warming.emplace_back([] {
            const timeline::Span span("warm text engine");
            warm_text_engine();
        });
    run_parallel(warming, threads, [&] {
        const timeline::Span span("load");
        project = load_for_command(dir, quiet);
    });
    if (!project)
        return 1;
    // Lay out every page as render would, so a project check passes never fails to render. Each thread
    // has its own text engine and GEOS handle; the messages are printed in the order of the outputs.
    const std::vector<OutputSpec>& outputs = project->spec.outputs;
    std::vector<PageCheck> pages(outputs.size());
    const std::string date = document_date(*project);
    // A page's composition search, up to the plan to draw first (PageLayout).
    auto search = [&](std::size_t i) {
        const OutputSpec& out = outputs[i];
        PageCheck& page = pages[i];
        const PageCheck::Searched searched{page};
        const timeline::Span span("search page", static_cast<long>(i));
        LayoutOptions lo;
        lo.date_iso = date;
        lo.labels = out.labels;
        lo.theme = out.theme;
        lo.panel = panel_placement(out.panel); // as render lays it out
        lo.find_larger_page = true;
        lo.jobs = jobs > 0 ? static_cast<unsigned>(jobs) : default_jobs();
        lo.subset = output_subsets(dir, out);
        // Only the map sheet is looked at: further sheets are counted and a claim taller than a
        // column refused, as render sets them, but not set (as layout_map did before the search and
        // the drawing became two tasks; setting them was 11 % of the 1000-zone check).
        lo.map_sheet_only = true;
        try {
            if (!out.zones.empty())
                page.shown.emplace(project_of_output(dir, out));
            page.layout = std::make_unique<PageLayout>(page.shown ? *page.shown : *project, *parse_page(out.page), lo);
        } catch (const Error& e) {
            page.message = page_refusal(*project, "[[output]] " + out.name, e); // as render words it
        }
    };
    // Its drawing, once the search is done: plans drawn until one passes the layout-quality check.
    auto draw = [&](std::size_t i) {
        const OutputSpec& out = outputs[i];
        PageCheck& page = pages[i];
        if (!page.wait_for_search())
            return;
        const timeline::Span span("draw page", static_cast<long>(i));
        std::optional<Scene> scene;
        try {
            scene.emplace(std::move(page.layout->draw().front()));
        } catch (const Error& e) {
            page.message = page_refusal(*project, "[[output]] " + out.name, e);
        }
        if (scene)
            if (auto why = raster_problem(*scene, 300))
                page.message = "citemap: " +
                               Error({project->spec.file.string(), out.where.line, out.where.column, {}},
                                     "page '" + out.page + "' cannot be rendered: " + *why, "choose a smaller page")
                                   .format() +
                               "\n";
        page.layout.reset();
    };
    // Each thread shapes a text once, at any size (text/shape_cache.cpp), and every search sets the
    // same title, credits, legend and citations: searches on two threads cost 75 M instructions more
    // than on one (Gaza, three pages, 1,405 against 1,309 M in all). So with more pages than threads
    // one task searches every page in turn, and each page's drawing is a task of its own that waits
    // for its search; three whole pages on two threads left one thread with two of them. With a
    // thread for every page, each page is one task, its drawing on the thread that searched it.
    // A second thread first computes the zones' overlaps that every page's drawing asks for
    // (prepare_zone_overlaps), while the first page is searched.
    std::vector<std::function<void()>> tasks;
    if (threads >= outputs.size()) {
        for (std::size_t i = 0; i < outputs.size(); ++i)
            tasks.emplace_back([&, i] {
                search(i);
                draw(i);
            });
    } else {
        tasks.emplace_back([&] {
            // Each search marks its page searched however it ends; a failure other than Error must not
            // leave the later pages' drawings waiting, so every page is searched before it goes on.
            std::exception_ptr failure;
            for (std::size_t i = 0; i < outputs.size(); ++i)
                try {
                    search(i);
                } catch (...) {
                    if (!failure)
                        failure = std::current_exception();
                }
            if (failure)
                std::rethrow_exception(failure);
        });
        for (std::size_t i = 0; i < outputs.size(); ++i)
            tasks.emplace_back([&, i] { draw(i); });
    }
    // Not for pages that all show zones of their own: each is drawn from a project of its own.
    if (threads > 1 && std::any_of(outputs.begin(), outputs.end(), [](const OutputSpec& o) { return o.zones.empty(); }))
        tasks.insert(tasks.begin() + 1, [&] {
            const timeline::Span span("zone overlaps");
            prepare_zone_overlaps(*project);
        });
    run_parallel(tasks, threads);
    int problems = 0;
    for (const PageCheck& page : pages)
        if (!page.message.empty()) {
            std::cerr << page.message;
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
