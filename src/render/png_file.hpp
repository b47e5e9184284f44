// PNG encoding with libpng: Cairo's own writer records neither the DPI (pHYs) nor any text metadata.
#pragma once

#include "scene/scene.hpp"

#include <filesystem>

namespace citemap {

// `argb` is Cairo's premultiplied native-endian ARGB32; the page background is opaque, so RGB is written.
void write_png_file(const std::filesystem::path& path, const unsigned char* argb, int width, int height,
                    int stride, double dpi, const Metadata& meta);

} // namespace citemap
