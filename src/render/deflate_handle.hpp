// RAII for libdeflate: one compressor per PNG (its state is not shareable between threads).
#pragma once

#include <libdeflate.h>

#include <memory>

namespace citemap {

struct DeflateCompressorDeleter {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using DeflateCompressor = std::unique_ptr<libdeflate_compressor, DeflateCompressorDeleter>;

} // namespace citemap
