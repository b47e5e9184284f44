// The XMP packet (RDF/XML) both the PDF and the PNG carry: title, description, date, creator tool,
// and citemap's provenance: every claim with its quotes, the sources, and the inputs' SHA-256.
#pragma once

#include "scene/scene.hpp"

#include <string>

namespace citemap {

// Namespace of citemap's own XMP properties.
inline constexpr const char* kXmpNamespace = "https://citemap.invalid/ns/provenance/1.0/";

// `format` is the file's MIME type (dc:format).
[[nodiscard]] std::string xmp_packet(const Metadata& meta, const std::string& format);

// One line per claim and quote, for readers that show plain text only (the PNG's Comment chunk).
[[nodiscard]] std::string provenance_text(const Metadata& meta);

} // namespace citemap
