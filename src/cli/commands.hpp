// The subcommands, each returning the process exit status (0 ok, 1 problems found, 2 usage).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace citemap {

struct RenderOptions {
    std::vector<std::string> projects; // one or more project folders
    std::string output;
    std::vector<std::string> formats{"svg", "png", "pdf"};
    std::string page; // overrides the project's [[output]] pages
    std::string panel; // "beside" or "below": overrides every page's panel placement (as panel = in [[output]])
    double dpi = 300;
    std::string svg_text = "text"; // or "outlines"
    bool quiet = false;
    int jobs = 0; // threads for loading and for the backends; 0: one per hardware thread
};

struct CiteOptions {
    std::string project;
    bool json = false;
};

struct NewOptions {
    std::string dir;    // the project folder to create
    std::string source; // the article the project cites
    std::optional<std::pair<double, double>> at; // lon, lat of the placeholder zone; none: 0°, 0°
    std::string lang; // map.toml's `lang`; empty: the article's, as far as its words tell
};

struct WatchOptions {
    std::string project;
    std::string output;                    // as render's -o
    std::vector<std::string> formats{"svg"}; // the preview needs only the SVG; add png,pdf to keep them fresh
    std::string page;
    int port = 0; // 0: any free port (the URL is printed)
};

int run_render(const RenderOptions& options);
int run_check(const std::string& project, int jobs = 0, bool quiet = false); // jobs 0: one per hardware thread
int run_cite(const CiteOptions& options);
int run_stats(const CiteOptions& options); // same options: a project and --json
int run_new(const NewOptions& options);
int run_watch(const WatchOptions& options); // until SIGINT/SIGTERM

} // namespace citemap
