// citemap's command line: render, check, cite, stats, new, watch. Errors are printed once, here, in one format.
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/escape.hpp"
#include "core/parallel.hpp"

#include <CLI/CLI.hpp>

#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <iostream>

int main(int argc, char** argv) {
    using namespace citemap;
    // glibc raises its mmap threshold each time a big block is freed (up to 32 MiB), after which big
    // blocks (a parsed GeoJSON's buffers, coordinate copies, raster surfaces) come from the heap and
    // stay resident after their free, under whatever small allocation lands above them. A fixed
    // threshold returns every block of 128 KiB or more to the system when freed: the 1 M-vertex bench
    // project peaked at 267 MiB with the sliding threshold, 232 MiB without (same output).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    // glibc gives each new thread that allocates an arena of its own (up to 8 per core), and the
    // pool's workers live to the end of the process, each keeping its arena's free blocks between
    // the engine and caches it holds. No more arenas than threads that can run at once: the 1 M-vertex
    // bench project peaked at 137 MiB with an arena per thread, 128 MiB with two on two cores, at
    // the same CPU time (perf stat, small bench and the Gaza page).
    mallopt(M_ARENA_MAX, static_cast<int>(default_jobs()));
    CLI::App app{"citemap: static maps in which every region carries its citations"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "citemap 0.1.0");

    RenderOptions render;
    auto* r = app.add_subcommand("render", "render a project to SVG, PNG and PDF with its companions");
    r->add_option("project", render.projects, "project folder(s) (with map.toml)")->required();
    r->add_option("-o,--output", render.output,
                  "output folder (default: output/<project name>; with several projects, one subfolder each)");
    r->add_option("--format", render.formats, "comma-separated: svg,png,pdf")->delimiter(',');
    r->add_option("--page", render.page,
                  "page: a4-landscape, a3-portrait, letter-landscape, 200x150mm, 170mm ...");
    r->add_option("--panel", render.panel,
                  "where title, legend and citations go on every page rendered: beside or below the map "
                  "(as panel = in [[output]])")
        ->check(CLI::IsMember({"beside", "below", "auto"}));
    r->add_option("--dpi", render.dpi, "PNG resolution")->check(CLI::Range(36, 1200));
    r->add_option("--svg-text", render.svg_text, "SVG text as real <text> (default) or glyph outlines")
        ->check(CLI::IsMember({"text", "outlines"}));
    r->add_flag("-q,--quiet", render.quiet, "print errors only");
    r->add_option("-j,--jobs", render.jobs, "threads (default: one per hardware thread); output is the same")
        ->check(CLI::Range(1, 256));

    std::string check_project;
    auto* c = app.add_subcommand("check",
                                 "validate a project: spec, sources, quotes, zones, checks; write nothing");
    c->add_option("project", check_project, "project folder (with map.toml)")->required();
    int check_jobs = 0;
    c->add_option("-j,--jobs", check_jobs, "threads (default: one per hardware thread); output is the same")
        ->check(CLI::Range(1, 256));
    bool check_quiet = false;
    c->add_flag("-q,--quiet", check_quiet, "print no warnings: errors and the check's results only (as render -q)");

    CiteOptions cite;
    auto* ci = app.add_subcommand(
        "cite", "list every citation resolved to its span, and the paragraphs no claim cites");
    ci->add_option("project", cite.project, "project folder (with map.toml)")->required();
    ci->add_flag("--json", cite.json, "machine-readable output");

    CiteOptions stats;
    auto* st = app.add_subcommand("stats", "areas, shares, overlaps and quantitative checks of the drawing");
    st->add_option("project", stats.project, "project folder (with map.toml)")->required();
    st->add_flag("--json", stats.json, "machine-readable output");

    NewOptions scaffold;
    auto* nw = app.add_subcommand("new", "scaffold a project around an article: map.toml, zones, the text");
    nw->add_option("dir", scaffold.dir, "folder of the new project")->required();
    nw->add_option("--source", scaffold.source, "the article (UTF-8 text) the map cites")->required();
    std::vector<double> new_at;
    nw->add_option("--at", new_at, "LON,LAT: where the placeholder zone goes (near the place the article is about)")
        ->delimiter(',')
        ->expected(2);
    nw->add_option("--lang", scaffold.lang, "en, fr, de or es: the map's own words (default: the article's language)");

    WatchOptions watch;
    auto* wa = app.add_subcommand("watch", "re-render on every save and serve a live preview on 127.0.0.1");
    wa->add_option("project", watch.project, "project folder (with map.toml)")->required();
    wa->add_option("-o,--output", watch.output, "output folder (default: output/<project name>)");
    wa->add_option("--format", watch.formats, "comma-separated: svg,png,pdf (svg is always written)")
        ->delimiter(',');
    wa->add_option("--page", watch.page, "preview this page instead of the project's outputs");
    wa->add_option("--port", watch.port, "port on 127.0.0.1 (default 0: any free port)")
        ->check(CLI::Range(0, 65535));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }

    try {
        if (*r)
            return run_render(render);
        if (*c)
            return run_check(check_project, check_jobs, check_quiet);
        if (*ci)
            return run_cite(cite);
        if (*st)
            return run_stats(stats);
        if (*nw) {
            if (new_at.size() == 2) {
                if (std::abs(new_at[0]) > 180 || std::abs(new_at[1]) > 85) {
                    std::cerr << "citemap: error: --at " << new_at[0] << "," << new_at[1]
                              << " is not a longitude, latitude\n  give --at LON,LAT in degrees, longitude first "
                                 "(e.g. --at 34.45,31.5)\n";
                    return 2;
                }
                scaffold.at = std::pair{new_at[0], new_at[1]};
            }
            return run_new(scaffold);
        }
        if (*wa) {
            if (std::find(watch.formats.begin(), watch.formats.end(), "svg") == watch.formats.end())
                watch.formats.push_back("svg");
            return run_watch(watch);
        }
    } catch (const Error& e) {
        std::cerr << "citemap: " << e.format() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "citemap: error: " << terminal_escape(e.what()) << "\n";
        return 1;
    }
    return 2;
}
