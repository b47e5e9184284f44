// What Cairo cannot write into a PDF, appended as an incremental update (ISO 32000-1, 7.5.6): the
// XMP metadata stream on the catalog and the page's geospatial viewport (/VP with a /GEO measure).
#pragma once

#include "scene/scene.hpp"

#include <string>

namespace citemap {

// Appends the update to `pdf`, the bytes of a single-page PDF written by Cairo (classic xref table).
// Throws Error naming `where` when the file does not have the structure Cairo writes.
void append_pdf_update(std::string& pdf, const Scene& scene, const std::string& where);

} // namespace citemap
