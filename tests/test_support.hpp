// Helpers for tests: the repository's folders and small project builders.
#pragma once

#include "core/error.hpp"
#include "project/project.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace citemap::test {

// The smallest map.toml the reader accepts: one source, zones file, status and claim.
inline constexpr const char* kMinimalMapToml = R"(title = "T"
[[source]]
id = "a"
file = "a.txt"
title = "A"
[zones]
file = "z.geojson"
[status.x]
label = "X"
color = "#112233"
[[claim]]
zone = "z1"
status = "x"
modality = "reported"
attributed_to = "the article"
cite = [{ source = "a", quote = "q" }]
)";

inline std::filesystem::path source_root() {
    return CITEMAP_SOURCE_ROOT;
}
inline std::filesystem::path gaza() {
    return source_root() / "geodata" / "gaza-2025-11";
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

inline void write_file(const std::filesystem::path& p, const std::string& s) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << s;
}

// A fresh folder under the build's temporary area, removed when the test ends.
struct TempDir {
    std::filesystem::path path;
    explicit TempDir(const std::string& name) {
        path = std::filesystem::temp_directory_path() /
               ("citemap-test-" + name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

// Loads a project and fails the test, printing every diagnostic, when it does not load cleanly.
inline Project load_clean(const std::filesystem::path& dir) {
    Diagnostics d;
    auto p = load_project(dir, d);
    std::string all;
    for (const auto& x : d.all())
        if (x.level == Diagnostic::Level::error)
            all += x.format() + "\n";
    INFO(all);
    REQUIRE(!d.has_errors());
    REQUIRE(p.has_value());
    return std::move(*p);
}

} // namespace citemap::test
