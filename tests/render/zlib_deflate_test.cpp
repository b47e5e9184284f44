// zlib_deflate gives the same bytes call after call, from different stack contents, at both efforts,
// and they inflate to the input. (The deflater it replaced, ISA-L, passed this and still differed
// between processes about once in a hundred: see zlib_deflate.cpp.)
#include "render/zlib_deflate.hpp"
#include "test_support.hpp"

#include <libdeflate.h>

#include <cstring>
#include <random>
#include <string>

using namespace citemap;

namespace {

[[gnu::noinline]] std::string deflate(const std::string& in, DeflateEffort effort) {
    const Deflated z = zlib_deflate(reinterpret_cast<const unsigned char*>(in.data()), in.size(), effort);
    return std::string(reinterpret_cast<const char*>(z.data.get()), z.size);
}

// Leaves `pattern` in a large stack area, returns, and deflates in the same stack region.
[[gnu::noinline]] void scribble(unsigned char pattern) {
    volatile unsigned char garbage[16384];
    for (std::size_t i = 0; i < sizeof garbage; ++i)
        garbage[i] = static_cast<unsigned char>(pattern + i * 7);
}

std::string deflate_after_stack_garbage(const std::string& in, unsigned char pattern, DeflateEffort effort) {
    scribble(pattern);
    return deflate(in, effort);
}

} // namespace

TEST_CASE("zlib_deflate: same bytes for the same input, whatever is on the stack; inflates back") {
    std::mt19937 rng(3);
    std::string in;
    // Map-like data: long runs, repeats at row distance, some noise.
    for (int row = 0; row < 400; ++row)
        for (int x = 0; x < 3000; ++x)
            in += static_cast<char>((x / 97 + row / 50) % 5 == 0 ? rng() % 256 : (x / 200) * 17);
    for (DeflateEffort effort : {DeflateEffort::fast, DeflateEffort::small}) {
        CAPTURE(static_cast<int>(effort));
        const std::string a = deflate_after_stack_garbage(in, 0x00, effort);
        REQUIRE(!a.empty());
        for (unsigned char p : {0x11, 0x5A, 0xFF, 0x0C})
            CHECK(deflate_after_stack_garbage(in, p, effort) == a);
        std::string back(in.size(), '\0');
        std::size_t got = 0;
        std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> d(
            libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
        REQUIRE(libdeflate_zlib_decompress(d.get(), a.data(), a.size(), back.data(), back.size(), &got) ==
                LIBDEFLATE_SUCCESS);
        CHECK(got == in.size());
        CHECK(back == in);
        CHECK(a.size() < in.size() / 3);
    }
}
