// libFuzzer target: a GeoJSON zones file through OGR, reprojection, GEOS validity, repair and clipping,
// as `check` loads it. The input goes to a file because the loader, like citemap, opens paths.
#include "geo/geography.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace citemap;
    static const std::filesystem::path file = [] {
        const std::filesystem::path dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
        return dir / ("citemap-fuzz-" + std::to_string(::getpid()) + "-zones.geojson");
    }();
    std::ofstream(file, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                  static_cast<std::streamsize>(size));
    MapSpec spec;
    spec.zones_file = file;
    spec.zones_file_as_written = "zones.geojson";
    spec.zones_where = {"map.toml", 1, 1, {}};
    Diagnostics diags;
    try {
        const Geography geo = load_geography(spec, diags);
        (void)geo.zones.size();
    } catch (const Error& e) {
        (void)e.format();
    }
    return 0;
}
