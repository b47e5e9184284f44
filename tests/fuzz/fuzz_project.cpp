// libFuzzer target: a whole project folder through load_project, as `check` loads it before layout. The
// other targets take one file each with the rest held fixed; here map.toml's values reach the readers
// they configure (a buffer's km, a check's share, a [[line]] or [[place]] file, a shared base layer, a
// CRS) and the files they name can be anything.
// The input is the folder's files joined by kSeparator, in the order of kFiles; a seed's map.toml names
// them by those names. Missing parts are missing files.
#include "project/project.hpp"

#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace {

constexpr std::array<const char*, 8> kFiles = {"map.toml",       "zones.geojson",  "a.txt",          "b.txt",
                                               "layer1.geojson", "layer2.geojson", "layer3.geojson", "layer4.geojson"};

// Not a NUL alone: files may hold NUL bytes (a UTF-16 source, a GeoPackage), and these four bytes are
// in no text file and rarely in a binary one.
constexpr std::string_view kSeparator("\0\x1e\x1e\0", 4);

// project/ and base/ beside it (map.toml may say shared = ["../base"]; the last file goes there), made once
// per process and rewritten for every input.
const std::filesystem::path& root() {
    static const std::filesystem::path dir = [] {
        const std::filesystem::path tmp = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
        const auto d = tmp / ("citemap-fuzz-" + std::to_string(::getpid()) + "-project");
        std::filesystem::create_directories(d / "project");
        std::filesystem::create_directories(d / "base");
        return d;
    }();
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace citemap;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::filesystem::path project = root() / "project", base = root() / "base";
    std::size_t at = 0;
    for (std::size_t i = 0; i < kFiles.size(); ++i) {
        const std::filesystem::path file = (i + 1 == kFiles.size() ? base : project) / kFiles[i];
        std::error_code ec;
        std::filesystem::remove(file, ec);
        if (at > input.size())
            continue;
        const std::size_t end = std::min(input.find(kSeparator, at), input.size());
        std::ofstream(file, std::ios::binary).write(input.data() + at, static_cast<std::streamsize>(end - at));
        at = end + kSeparator.size();
    }
    Diagnostics diags;
    try {
        (void)load_project(project, diags);
    } catch (const Error& e) {
        (void)e.format();
    }
    for (const Diagnostic& d : diags.all())
        (void)d.format();
    return 0;
}
