// citemap watch: re-renders a project whenever one of its inputs is saved and serves a preview page on
// 127.0.0.1 that updates itself. Each render is run_render itself (load -> layout -> render), so the
// preview can never differ from `citemap render`; this file only adds the loop, the file monitors and
// the preview server (cli/preview_server.hpp: libsoup 3, in a module of its own, on the GLib main loop
// that GFileMonitor already uses).
#include "cli/commands.hpp"
#include "cli/preview_server.hpp"
#include "core/error.hpp"
#include "spec/spec_reader.hpp"

#include <gio/gio.h>
#include <glib-unix.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <vector>

namespace citemap {

namespace {

namespace fs = std::filesystem;

template <typename T> struct GObjectUnref {
    void operator()(T* p) const { g_object_unref(p); }
};
template <typename T> using GPtr = std::unique_ptr<T, GObjectUnref<T>>;

struct Watch {
    RenderOptions render;
    fs::path project;
    fs::path output_dir;
    GMainLoop* loop = nullptr;
    PreviewServer* server = nullptr;
    std::map<fs::path, GPtr<GFileMonitor>> monitors; // one per folder holding an input
    std::set<fs::path> inputs;                       // files whose change triggers a render
    guint pending_render = 0;                        // debounce timer
    int version = 0;                                 // renders attempted
    int map_version = 0;                             // the render the served SVG comes from
    std::string error;                               // the last render's messages when it failed

    [[nodiscard]] std::string state_json() const {
        nlohmann::json j = {{"version", version},
                            {"map_version", map_version},
                            {"error", error},
                            {"project", project.string()}};
        return j.dump();
    }
};

fs::path canonical_or_self(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : c;
}

void on_file_event(GFileMonitor*, GFile* file, GFile* other, GFileMonitorEvent event, gpointer data);

// The inputs as the spec names them now: map.toml, sources, zones, layers, lines and places. When map.toml does not
// parse, the previous set stays; the project folder itself is always watched.
void update_monitors(Watch& w) {
    std::set<fs::path> inputs{canonical_or_self(w.project / "map.toml")};
    try {
        Diagnostics ignored; // the render reports problems; here only the file names matter
        const MapSpec spec = read_spec(w.project, ignored);
        for (const SourceSpec& s : spec.sources)
            if (!s.file.empty())
                inputs.insert(canonical_or_self(s.file));
        if (!spec.zones_file.empty())
            inputs.insert(canonical_or_self(spec.zones_file));
        for (const LayerSpec& l : spec.layers)
            if (!l.file.empty())
                inputs.insert(canonical_or_self(l.file));
        for (const auto* features : {&spec.lines, &spec.places})
            for (const FeatureSpec& f : *features)
                if (!f.file.empty())
                    inputs.insert(canonical_or_self(f.file));
        w.inputs = std::move(inputs);
    } catch (const Error&) {
        w.inputs.insert(inputs.begin(), inputs.end());
    }
    std::set<fs::path> folders{canonical_or_self(w.project)};
    for (const fs::path& f : w.inputs)
        folders.insert(f.parent_path());
    for (const fs::path& folder : folders) {
        if (w.monitors.count(folder) || !fs::is_directory(folder))
            continue;
        GPtr<GFile> dir(g_file_new_for_path(folder.c_str()));
        GError* err = nullptr;
        GFileMonitor* m = g_file_monitor_directory(dir.get(), G_FILE_MONITOR_WATCH_MOVES, nullptr, &err);
        if (!m) {
            std::cerr << "citemap: warning: cannot watch " << folder.string() << ": " << err->message << "\n";
            g_error_free(err);
            continue;
        }
        g_file_monitor_set_rate_limit(m, 100);
        g_signal_connect(m, "changed", G_CALLBACK(on_file_event), &w);
        w.monitors.emplace(folder, GPtr<GFileMonitor>(m));
    }
}

// One render, exactly as `citemap render` does it; its messages are captured for the page.
void render_once(Watch& w) {
    std::ostringstream messages;
    std::streambuf* const terminal = std::cerr.rdbuf(messages.rdbuf());
    int status = 1;
    try {
        status = run_render(w.render);
    } catch (const Error& e) {
        messages << "citemap: " << e.format() << "\n";
    } catch (const std::exception& e) {
        messages << "citemap: error: " << e.what() << "\n";
    }
    std::cerr.rdbuf(terminal);
    ++w.version;
    w.error.clear();
    std::string svg; // the new map, when the render made one
    if (status == 0) {
        // The first page is the preview; its name is the first [[output]]'s (or "map").
        std::string name = "map";
        try {
            Diagnostics ignored;
            const MapSpec spec = read_spec(w.project, ignored);
            if (w.render.page.empty() && !spec.outputs.empty())
                name = spec.outputs.front().name;
        } catch (const Error&) {
        }
        std::ifstream in(w.output_dir / (name + ".svg"), std::ios::binary);
        svg.assign(std::istreambuf_iterator<char>(in), {});
        if (!svg.empty())
            w.map_version = w.version;
        std::cerr << "citemap: render " << w.version << " ok\n";
    } else {
        w.error = messages.str();
        if (w.error.empty())
            w.error = "citemap: the render failed without a message\n";
        std::cerr << w.error << "citemap: render " << w.version << " failed; the preview keeps render "
                  << w.map_version << "\n";
    }
    update_monitors(w);
    w.server->publish(w.version, w.state_json(), svg);
}

gboolean on_render_due(gpointer data) {
    auto& w = *static_cast<Watch*>(data);
    w.pending_render = 0;
    render_once(w);
    return G_SOURCE_REMOVE;
}

bool ignored_name(const std::string& name) {
    // Editors' swap and backup files, and hidden files, are not inputs.
    return name.empty() || name.front() == '.' || name.back() == '~' || name.front() == '#' ||
           (name.size() > 4 && (name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".tmp")));
}

bool is_input(const Watch& w, GFile* file) {
    if (!file)
        return false;
    char* raw = g_file_get_path(file);
    if (!raw)
        return false;
    const fs::path p = canonical_or_self(raw);
    g_free(raw);
    if (ignored_name(p.filename().string()))
        return false;
    // citemap's own outputs (and their temporary files) never trigger a render.
    const auto rel = p.lexically_relative(w.output_dir);
    if (!rel.empty() && *rel.begin() != "..")
        return false;
    // Any file in the project folder may be an input (a new zones file named in the next save).
    return w.inputs.count(p) || p.parent_path() == canonical_or_self(w.project);
}

void on_file_event(GFileMonitor*, GFile* file, GFile* other, GFileMonitorEvent event, gpointer data) {
    auto& w = *static_cast<Watch*>(data);
    if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
        event == G_FILE_MONITOR_EVENT_UNMOUNTED)
        return;
    if (!is_input(w, file) && !is_input(w, other))
        return;
    // Saving is often several events (truncate, write, rename): render once they settle.
    if (w.pending_render)
        g_source_remove(w.pending_render);
    w.pending_render = g_timeout_add(150, on_render_due, &w);
}

gboolean on_keep_alive(gpointer data) {
    static_cast<Watch*>(data)->server->keep_alive();
    return G_SOURCE_CONTINUE;
}

gboolean on_signal(gpointer data) {
    g_main_loop_quit(static_cast<GMainLoop*>(data));
    return G_SOURCE_REMOVE;
}

fs::path default_output_dir(const std::string& folder, const std::string& output) {
    if (!output.empty())
        return output;
    return fs::path("output") / fs::absolute(folder).lexically_normal().filename();
}

} // namespace

int run_watch(const WatchOptions& o) {
    Watch w;
    w.project = o.project;
    if (!fs::is_directory(w.project))
        throw Error({o.project, 0, 0, {}}, "not a project folder", "name a folder that contains map.toml");
    w.render.projects = {o.project};
    w.render.output = default_output_dir(o.project, o.output).string();
    w.render.formats = o.formats;
    w.render.page = o.page;
    w.render.quiet = true;
    fs::create_directories(w.render.output);
    w.output_dir = canonical_or_self(w.render.output);

    const std::unique_ptr<PreviewServer> server = preview_module().listen(o.port);
    w.server = server.get();
    const int port = server->port();

    render_once(w); // the first map before anyone asks; a broken project still serves its error
    std::cout << "citemap: watching " << o.project << "; preview at http://127.0.0.1:" << port << "/"
              << std::endl;

    GMainLoop* loop = g_main_loop_new(nullptr, FALSE);
    w.loop = loop;
    const guint keep_alive = g_timeout_add_seconds(20, on_keep_alive, &w);
    const guint sigint = g_unix_signal_add(SIGINT, on_signal, loop);
    const guint sigterm = g_unix_signal_add(SIGTERM, on_signal, loop);
    g_main_loop_run(loop);
    g_source_remove(keep_alive);
    g_source_remove(sigint);
    g_source_remove(sigterm);
    if (w.pending_render)
        g_source_remove(w.pending_render);
    server->stop();
    g_main_loop_unref(loop);
    std::cerr << "citemap: watch stopped\n";
    return 0;
}

} // namespace citemap
