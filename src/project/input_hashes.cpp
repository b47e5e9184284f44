// Hashing with GLib's GChecksum (already linked through Pango): no extra dependency for SHA-256.
#include "project/input_hashes.hpp"

#include "core/error.hpp"

#include <glib.h>

#include <fstream>
#include <memory>
#include <vector>

namespace citemap {

namespace {

std::string sha256_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error({file.string(), 0, 0, {}}, "cannot read the file to record its hash",
                    "check that it still exists");
    // A piece at a time: a big base layer (25 MB for the 1 M-vertex bench outline) is never held whole
    // for its hash, and a char-by-char copy into one string cost as much as the hash itself.
    std::unique_ptr<GChecksum, decltype(&g_checksum_free)> sum(g_checksum_new(G_CHECKSUM_SHA256), &g_checksum_free);
    std::vector<char> piece(std::size_t{1} << 16);
    while (in) {
        in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
        if (in.gcount() > 0)
            g_checksum_update(sum.get(), reinterpret_cast<const guchar*>(piece.data()),
                              static_cast<gssize>(in.gcount()));
    }
    if (in.bad())
        throw Error({file.string(), 0, 0, {}}, "cannot read the file to record its hash",
                    "check that it is readable");
    return g_checksum_get_string(sum.get());
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
