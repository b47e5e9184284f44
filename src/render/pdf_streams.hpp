// Cairo deflates PDF streams with zlib's default level, which was a third of the time of a big map's
// PDF. citemap asks Cairo for uncompressed streams (CAIRO_DEBUG_PDF, set before main) and deflates
// them itself with libdeflate, rewriting the objects and the xref table.
#pragma once

#include <string>

namespace citemap {

// Deflates every stream of `pdf` (a PDF as Cairo writes it: one classic xref table, objects in
// order) that has no /Filter yet, updating its /Length (direct, or the object it refers to) and the
// xref offsets. Streams Cairo already compressed (or encoded otherwise) are left as they are.
// Throws Error naming `where` when the file does not have that structure.
void deflate_pdf_streams(std::string& pdf, const std::string& where);

} // namespace citemap
