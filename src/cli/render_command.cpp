// citemap render: lays out each requested page once and hands the Scene to every backend.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "companions/companions.hpp"
#include "layout/layout.hpp"
#include "render/cairo_renderer.hpp"
#include "render/svg_writer.hpp"

#include <iostream>
#include <set>

namespace citemap {

int run_render(const RenderOptions& o) {
    std::set<std::string> formats;
    for (const auto& f : o.formats) {
        if (f != "svg" && f != "png" && f != "pdf") {
            std::cerr << "citemap: error: unknown format '" << f << "'\n  use svg, png and/or pdf\n";
            return 2;
        }
        formats.insert(f);
    }
    std::vector<OutputSpec> outputs;
    if (!o.page.empty()) {
        if (!parse_page(o.page)) {
            std::cerr << "citemap: error: unknown page '" << o.page << "'\n  " << page_help() << "\n";
            return 2;
        }
        OutputSpec single;
        single.page = o.page;
        outputs.push_back(single);
    }

    auto project = load_for_command(o.project, o.quiet);
    if (!project)
        return 1;
    if (outputs.empty())
        outputs = project->spec.outputs;
    for (const OutputSpec& out : outputs)
        if (!parse_page(out.page)) {
            std::cerr << "citemap: " << project->spec.file.string() << ": error: unknown page '" << out.page
                      << "'\n  " << page_help() << "\n";
            return 1;
        }

    std::filesystem::path dir = o.output;
    if (dir.empty())
        dir = std::filesystem::path("output") /
              std::filesystem::absolute(o.project).lexically_normal().filename();
    if (dir.filename().empty())
        dir = dir.parent_path();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw Error({dir.string(), 0, 0, {}}, "cannot create the output folder: " + ec.message(),
                    "choose another -o folder");

    LayoutOptions lo;
    lo.date_iso = document_date(*project);
    std::string first_svg, alt_text;
    for (const OutputSpec& out : outputs) {
        lo.labels = out.labels;
        lo.theme = out.theme;
        const Scene scene = layout_map(*project, *parse_page(out.page), lo);
        const auto base = dir / out.name;
        if (formats.count("svg"))
            write_svg(scene, base.string() + ".svg", {true, o.svg_text == "outlines"});
        if (formats.count("png"))
            write_png(scene, base.string() + ".png", o.dpi);
        if (formats.count("pdf"))
            write_pdf(scene, base.string() + ".pdf");
        if (first_svg.empty()) {
            first_svg = render_svg(scene, {false});
            alt_text = scene.meta.description;
        }
        if (!o.quiet)
            std::cerr << "citemap: wrote " << base.string() << ".{" <<
                [&] {
                    std::string s;
                    for (const auto& f : formats)
                        s += (s.empty() ? "" : ",") + f;
                    return s;
                }() << "} ("
                      << out.page << ")\n";
    }
    write_companions(*project, dir, first_svg, lo.date_iso, alt_text);
    if (!o.quiet)
        std::cerr << "citemap: wrote citations.md, annotations.jsonld, article.html, alt-text.txt\n";
    return 0;
}

} // namespace citemap
