// Hashing with GLib's GChecksum (already linked through Pango): no extra dependency for SHA-256.
#include "project/input_hashes.hpp"

#include "core/error.hpp"

#include <glib.h>

#include <fstream>
#include <iterator>

namespace citemap {

namespace {

std::string sha256_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error({file.string(), 0, 0, {}}, "cannot read the file to record its hash",
                    "check that it still exists");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    gchar* hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(bytes.data()),
                                             bytes.size());
    std::string out = hex;
    g_free(hex);
    return out;
}

} // namespace

std::vector<InputRecord> input_hashes(const MapSpec& spec) {
    std::vector<InputRecord> out;
    out.push_back({spec.file.filename().string(), sha256_of(spec.file)});
    for (const SourceSpec& s : spec.sources)
        out.push_back({s.file_as_written, sha256_of(s.file)});
    if (!spec.zones_file.empty()) // a project may have only derived zones
        out.push_back({spec.zones_file_as_written, sha256_of(spec.zones_file)});
    for (const LayerSpec& l : spec.layers)
        out.push_back({l.file_as_written, sha256_of(l.file)});
    for (const auto* list : {&spec.lines, &spec.places})
        for (const FeatureSpec& f : *list)
            if (!f.file.empty())
                out.push_back({f.file_as_written, sha256_of(f.file)});
    return out;
}

} // namespace citemap
