// citemap render: lays out each requested page once and hands the Scene to every backend. Projects
// load in parallel, then every page of every project is laid out as its own task, then every backend
// of every page runs as its own task (-j threads); messages are collected per project and page and
// printed in the order the projects and their pages were named.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "cli/page_refusal.hpp"
#include "companions/companions.hpp"
#include "core/atomic_file.hpp"
#include "core/output_set.hpp"
#include "core/parallel.hpp"
#include "layout/layout.hpp"
#include "project/input_hashes.hpp"
#include "render/cairo_renderer.hpp"
#include "render/georef_sidecars.hpp"
#include "render/svg_writer.hpp"
#include "scene/generalise.hpp"
#include "text/pango_text.hpp"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

namespace citemap {

namespace {

struct Page {
    OutputSpec spec;
    std::optional<Project> shown; // an [[output]] with zones = [...]: the project with only those
    std::vector<Scene> sheets; // the map, then the sheets its citations continue on
    Diagnostics warnings;      // from its layout
    std::string error;         // why it cannot be rendered, formatted; empty when it can
};

struct ProjectJob {
    std::string folder;
    std::filesystem::path dir;      // where its files go
    std::unique_ptr<OutputSet> set; // staged there, swapped in whole once every file is written
    std::optional<Project> project;
    std::vector<OutputSpec> outputs; // the pages asked for
    std::vector<Page> pages;         // one per output, in their order
    std::string date_iso;
    std::vector<InputRecord> inputs;
    std::ostringstream log; // diagnostics, printed in project order once all are loaded
    int status = 0;
};

std::filesystem::path output_dir(const RenderOptions& o, const std::string& folder) {
    const auto name = std::filesystem::absolute(folder).lexically_normal().filename();
    std::filesystem::path dir;
    if (o.output.empty())
        dir = std::filesystem::path("output") / name;
    else if (o.projects.size() > 1)
        dir = std::filesystem::path(o.output) / name; // several projects: one subfolder each
    else
        dir = o.output;
    if (dir.filename().empty())
        dir = dir.parent_path();
    return dir;
}

// Load and check the pages: the first half of everything before the first file is written.
void load(const RenderOptions& o, const std::vector<OutputSpec>& override_pages, ProjectJob& job) {
    job.project = load_for_command(job.folder, o.quiet, job.log);
    if (!job.project) {
        job.status = 1;
        return;
    }
    const Project& project = *job.project;
    job.outputs = override_pages.empty() ? project.spec.outputs : override_pages;
    if (!o.panel.empty())
        for (OutputSpec& out : job.outputs)
            out.panel = o.panel;
    for (const OutputSpec& out : job.outputs)
        if (!parse_page(out.page)) {
            job.log << "citemap: " << project.spec.file.string() << ": error: " << page_error(out.page, out.page)
                    << "\n  " << page_help() << "\n";
            job.status = 1;
            return;
        }
    job.date_iso = document_date(project);
    job.pages.resize(job.outputs.size());
}

// The second half, one task per page: lay it out and make it ready for the backends. Its messages
// stay with the page, and are printed in page order.
void lay_out(const RenderOptions& o, bool png, ProjectJob& job, std::size_t k) {
    const Project& project = *job.project;
    const OutputSpec& out = job.outputs[k];
    Page& page = job.pages[k];
    page.spec = out;
    LayoutOptions lo;
    lo.date_iso = job.date_iso;
    lo.diagnostics = &page.warnings;
    lo.labels = out.labels;
    lo.theme = out.theme;
    lo.panel = panel_placement(out.panel);
    // A page asked for with --page has no [[output]] to edit: its messages speak of the options.
    lo.page_from_command_line = !o.page.empty();
    lo.find_larger_page = true; // a refused page's advice names one that passes
    lo.jobs = o.jobs > 0 ? static_cast<unsigned>(o.jobs) : default_jobs();
    lo.subset = output_subsets(job.folder, out); // tried before fewer claims per page are advised
    // A page that cannot be laid out legibly stops the project before any file is written.
    try {
        if (!out.zones.empty())
            page.shown = project_of_output(job.folder, out);
        page.sheets = layout_sheets(page.shown ? *page.shown : project, *parse_page(out.page), lo);
    } catch (const Error& e) {
        page.error = page_refusal(project, o.page.empty() ? "[[output]] " + out.name : "--page " + o.page, e);
        return;
    }
    for (Scene& sheet : page.sheets) {
        if (auto why = png ? raster_problem(sheet, o.dpi) : std::nullopt) {
            page.error = "citemap: " +
                         Error({project.spec.file.string(), out.where.line, out.where.column, {}},
                               "page '" + out.page + "' cannot be rendered: " + *why, "lower --dpi or the page size")
                             .format() +
                         "\n";
            return;
        }
    }
}

// Every failing page's message, in page order, so one run shows everything to change; then nothing
// of the project is written (its files are swapped in as one set or not at all: a folder of maps
// where one page is stale or missing would be read as complete). Without one, every page's warnings.
void finish_layout(const RenderOptions& o, ProjectJob& job) {
    std::size_t failed = 0;
    for (const Page& page : job.pages)
        if (!page.error.empty()) {
            job.log << page.error;
            ++failed;
        }
    if (failed > 0) {
        if (job.pages.size() > 1)
            job.log << "citemap: " << job.project->spec.file.string() << ": error: " << failed << " of "
                    << job.pages.size() << " pages cannot be laid out, so none of this project's files were written\n"
                    << "  each message above says what to change; the pages are written together once every one passes\n";
        job.status = 1;
        return;
    }
    if (!o.quiet)
        for (const Page& page : job.pages)
            for (const Diagnostic& d : page.warnings.all())
                job.log << "citemap: " << d.format() << "\n";
}

std::string joined(const std::set<std::string>& formats) {
    std::string s;
    for (const auto& f : formats)
        s += (s.empty() ? "" : ",") + f;
    return s;
}

} // namespace

int run_render(const RenderOptions& o) {
    start_font_setup(); // while the projects load
    std::set<std::string> formats;
    for (const auto& f : o.formats) {
        if (f != "svg" && f != "png" && f != "pdf") {
            std::cerr << "citemap: error: unknown format '" << f << "'\n  use svg, png and/or pdf\n";
            return 2;
        }
        formats.insert(f);
    }
    std::vector<OutputSpec> override_pages;
    if (!o.page.empty()) {
        if (!parse_page(o.page)) {
            std::cerr << "citemap: error: " << page_error(o.page, o.page) << "\n  " << page_help() << "\n";
            return 2;
        }
        OutputSpec single;
        single.page = o.page;
        // map-<page>.*: a one-off page never replaces the project's own map.* (or another page's).
        single.name = "map-";
        for (char c : o.page)
            single.name += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ? c : '-';
        override_pages.push_back(single);
    }
    const unsigned jobs = o.jobs > 0 ? static_cast<unsigned>(o.jobs) : default_jobs();

    std::vector<ProjectJob> projects(o.projects.size());
    std::vector<std::function<void()>> loading;
    for (std::size_t i = 0; i < o.projects.size(); ++i) {
        projects[i].folder = o.projects[i];
        projects[i].dir = output_dir(o, o.projects[i]);
        loading.emplace_back([&, i] { load(o, override_pages, projects[i]); });
    }
    run_parallel(loading, jobs);
    // Every page of every project is laid out as a task of its own.
    std::vector<std::function<void()>> laying_out;
    for (ProjectJob& job : projects)
        if (job.status == 0)
            for (std::size_t k = 0; k < job.pages.size(); ++k)
                laying_out.emplace_back(
                    [&o, &job, k, png = formats.count("png") > 0] { lay_out(o, png, job, k); });
    const std::size_t pages = laying_out.size();
    // A thread with no page of its own first computes the zones' overlaps that every page's drawing
    // asks for (prepare_zone_overlaps) while the pages are searched: on the Gaza page's thread, 28 M
    // instructions of its drawing.
    if (pages < jobs)
        for (ProjectJob& job : projects)
            if (job.status == 0 && std::any_of(job.outputs.begin(), job.outputs.end(),
                                               [](const OutputSpec& out) { return out.zones.empty(); }))
                laying_out.emplace_back([&job] { prepare_zone_overlaps(*job.project); });
    // Meanwhile the other workers build their text engines and load the fonts, which the backends
    // that run on them next would otherwise do first (a page is laid out on one thread, and a cold
    // engine made the Gaza page's PDF task draw ~10 times slower than the warm one's).
    for (std::size_t t = 1; pages > 0 && t < jobs && t <= 2 * pages; ++t)
        laying_out.emplace_back([] { warm_text_engine(); });
    // The inputs' hashes, which only the written files record, are read meanwhile too: hashing the
    // 1 M-vertex bench project's 25 MB outline took ~0.1 s of the single-threaded load before layout.
    for (ProjectJob& job : projects)
        if (job.status == 0)
            laying_out.emplace_back([&job] { job.inputs = input_hashes(job.project->spec); });
    run_parallel(laying_out, jobs);
    for (ProjectJob& job : projects)
        if (job.status == 0) {
            for (Page& page : job.pages)
                for (Scene& sheet : page.sheets)
                    sheet.meta.inputs = job.inputs;
            finish_layout(o, job);
        }
    int status = 0;
    for (ProjectJob& job : projects) {
        std::cerr << job.log.str();
        status = std::max(status, job.status);
    }
    if (status != 0)
        return status;

    // From here on only the Scenes are drawn, and the companions read the spec, sources and claims:
    // the base layers' geometry (GEOS copies of every feature, most of the memory a big layer takes)
    // goes back to the system before the backends allocate their surfaces and streams. The 1 M-vertex
    // bench project peaked at 229 MiB with it kept.
    bool released = false;
    for (ProjectJob& job : projects)
        for (BaseLayer& layer : job.project->geo.layers) {
            released = released || !layer.features.empty();
            std::vector<Feature>().swap(layer.features);
        }
    // After layout, which measured the full geometry, and after that geometry is gone (generalising
    // a big layer builds a table of every vertex); before the backends, which draw the result.
    std::vector<std::function<void()>> generalising;
    constexpr std::size_t kTrimAfterVertices = std::size_t{1} << 16;
    std::atomic<bool> big_table{false};
    for (ProjectJob& job : projects)
        for (Page& page : job.pages)
            for (Scene& sheet : page.sheets)
                generalising.emplace_back([&o, &sheet, &big_table] {
                    if (generalise(sheet, generalise_tolerance(o.dpi)).before > kTrimAfterVertices)
                        big_table = true;
                });
    run_parallel(generalising, jobs);
    // Freed blocks inside the heap stay resident until trimmed: the released geometry, and every
    // ring the generaliser replaced (their new copies land in fresh pages, the old ones leave holes:
    // +21 MiB resident for the 1 M-vertex page when trimmed before it). Trimmed once, after both, so
    // the backends start from 94 MiB there instead of 115.
    if (released || big_table)
        malloc_trim(0);

    // Every file of every page is one task; the longest (PNG) first so the pool finishes together. A PNG
    // whose page is one big band may have a helper task, which draws part of it once the PNG task has
    // drawn the rest up to there: the helpers go last, when every other task has a thread.
    const bool outlines = o.svg_text == "outlines";
    std::vector<std::function<void()>> writing, helping;
    auto add_png_tasks = [&](std::vector<std::function<void()>> tasks) {
        writing.push_back(std::move(tasks.front()));
        for (std::size_t i = 1; i < tasks.size(); ++i)
            helping.push_back(std::move(tasks[i]));
    };
    for (ProjectJob& job : projects) {
        // Each project's files go to a staging folder, swapped in whole after the last one is written:
        // a failed or killed render leaves the old set (and the next run removes the staging folder).
        job.set = std::make_unique<OutputSet>(job.dir, job.folder);
        const std::filesystem::path& staging = job.set->dir();
        std::size_t companion_page = 0;
        while (companion_page + 1 < job.pages.size() && job.pages[companion_page].shown)
            ++companion_page;
        if (job.pages[companion_page].shown)
            companion_page = 0;
        for (std::size_t k = 0; k < job.pages.size(); ++k) {
            const std::vector<Scene>& sheets = job.pages[k].sheets;
            const Scene& scene = sheets.front();
            const std::string base = (staging / job.pages[k].spec.name).string();
            if (formats.count("png"))
                add_png_tasks(png_image_tasks(scene, base + ".png", o.dpi, jobs));
            if (formats.count("pdf"))
                writing.emplace_back([&sheets, base] {
                    std::vector<const Scene*> pdf_pages;
                    for (const Scene& s : sheets)
                        pdf_pages.push_back(&s);
                    write_pdf(pdf_pages, base + ".pdf"); // one PDF, a page per sheet
                });
            // Further sheets: NAME-2.png, NAME-2.svg, ...
            for (std::size_t si = 1; si < sheets.size(); ++si) {
                const Scene& sheet = sheets[si];
                const std::string stem = base + "-" + std::to_string(si + 1);
                if (formats.count("png"))
                    add_png_tasks(png_image_tasks(sheet, stem + ".png", o.dpi, jobs));
                if (formats.count("svg"))
                    writing.emplace_back([&sheet, stem, outlines] {
                        write_text_atomically(stem + ".svg", render_svg(sheet, {true, outlines}));
                    });
            }
            // The PNGs' georeferencing, a task apart: small files whose syncs to disk need not wait
            // behind the image's.
            if (formats.count("png"))
                writing.emplace_back([&sheets, base, &o] {
                    for (std::size_t si = 0; si < sheets.size(); ++si)
                        write_georef_sidecars(sheets[si], (si == 0 ? base : base + "-" + std::to_string(si + 1)) + ".png",
                                              o.dpi / 72.0);
                });
            // A figure's citations ready for the document's caption (the only place they are when
            // the figure had no room for them).
            if (parse_page(job.pages[k].spec.page)->figure)
                writing.emplace_back([&job, k, base] {
                    const Page& page = job.pages[k];
                    write_caption_companions(page.shown ? *page.shown : *job.project, base);
                });
            // The first page's SVG is also the map inside article.html: rendered once for both. The
            // companions list every claim, so the map beside them is the first page that shows them
            // all (an [[output]] with zones = [...] shows some), when there is one.
            const bool companions = k == companion_page;
            if (!formats.count("svg") && !companions)
                continue;
            writing.emplace_back([&job, &scene, &staging, base, companions, outlines, svg = formats.count("svg") > 0] {
                std::string text = svg || !outlines ? render_svg(scene, {true, outlines}) : std::string{};
                if (svg)
                    write_text_atomically(base + ".svg", text);
                if (!companions)
                    return;
                const std::string html_svg = outlines ? render_svg(scene, {false}) : inline_svg(std::move(text));
                write_companions(*job.project, staging, html_svg, job.date_iso, scene.meta.description);
            });
        }
    }
    for (auto& task : helping)
        writing.push_back(std::move(task));
    run_parallel(writing, jobs);
    for (ProjectJob& job : projects)
        job.set->commit();
    if (!o.quiet)
        for (const ProjectJob& job : projects) {
            for (const Page& page : job.pages)
                std::cerr << "citemap: wrote " << (job.dir / page.spec.name).string()
                          << (formats.size() == 1 ? "." + joined(formats) : ".{" + joined(formats) + "}") << " ("
                          << page.spec.page
                          << (page.sheets.size() > 1 ? ", " + std::to_string(page.sheets.size()) + " sheets" : "")
                          << ")"
                          << (page.sheets.front().citations_in_caption
                                  ? "; its citations are in " + page.spec.name + ".caption.{md,html,tex}, for the figure's caption"
                                  : "")
                          << "\n";
            std::cerr << "citemap: wrote citations.md, annotations.jsonld, article.html, alt-text.txt\n";
        }
    return 0;
}

} // namespace citemap
