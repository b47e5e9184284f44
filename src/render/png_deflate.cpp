// A deflate encoder for map rows: greedy LZ77 that tries, at each byte, the pixel to the left, the
// pixel above and one hash-table candidate, then a two-pass dynamic Huffman code per block. Map
// pages are mostly flat fills, so nearly every byte is covered by a 258-byte match found by one
// comparison; libdeflate's fastest level (which this replaces for PNG) searched a hash chain at
// every position and was the largest single cost of a render (~65 ms an A4 page, ~0.5 s an A1
// sheet). Deterministic by construction: no state outlives a stripe, no table is read before it
// is written, and ties are broken by a fixed order.
#include "render/png_deflate.hpp"

#include "core/parallel.hpp"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace citemap {

namespace {

constexpr std::size_t kWindow = 32768;
constexpr std::size_t kMinMatch = 3;
constexpr std::size_t kMaxMatch = 258;
constexpr unsigned kHashBits = 15;
// Symbols per block: small enough for the code to follow the page (sea, land, legend), large
// enough that a block's code-length header (~100 bytes) does not matter.
constexpr std::size_t kBlockSymbols = std::size_t{1} << 15;
// Rows of about this many pixels form a stripe, the unit of parallel work (768 KiB of RGB rows). A
// function of the width alone, so the stream depends neither on the number of threads nor on
// whether the image is drawn whole or in bands, and RGB and palette images cut at the same rows.
constexpr std::size_t kStripePixels = std::size_t{1} << 18;

constexpr std::array<std::uint16_t, 29> kLenBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<std::uint8_t, 29> kLenExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                    2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<std::uint16_t, 30> kDistBase = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                                     33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                                     1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<std::uint8_t, 30> kDistExtra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                     6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
// The order in which a dynamic block header lists the code-length code's lengths (RFC 1951 3.2.7).
constexpr std::array<std::uint8_t, 19> kClenOrder = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// Length 3..258 -> index of its length code (0..28).
constexpr auto kLenIndex = [] {
    std::array<std::uint8_t, kMaxMatch + 1> t{};
    for (std::size_t c = 0; c < kLenBase.size(); ++c)
        for (std::size_t l = kLenBase[c]; l < kLenBase[c] + (std::size_t{1} << kLenExtra[c]) && l <= kMaxMatch; ++l)
            t[l] = static_cast<std::uint8_t>(c);
    t[kMaxMatch] = 28; // 258 has its own code, not 227 + 31
    return t;
}();

// Distance - 1 -> distance code, zlib's way: exact below 256, by 128-byte steps above.
constexpr auto kDistIndex = [] {
    std::array<std::uint8_t, 512> t{};
    for (std::size_t c = 0; c < kDistBase.size(); ++c)
        for (std::size_t d = kDistBase[c]; d < kDistBase[c] + (std::size_t{1} << kDistExtra[c]); ++d)
            t[d - 1 < 256 ? d - 1 : 256 + ((d - 1) >> 7)] = static_cast<std::uint8_t>(c);
    return t;
}();

inline unsigned dist_code(std::size_t d) {
    return kDistIndex[d - 1 < 256 ? d - 1 : 256 + ((d - 1) >> 7)];
}

// Bits out, least significant first, into a growing buffer; `reserve` before each block.
class BitWriter {
public:
    void reserve(std::size_t more) {
        if (size_ + more <= bytes_.size())
            return;
        bytes_.resize(std::max(bytes_.size() * 2, size_ + more));
    }
    void put(std::uint32_t bits, unsigned count) {
        buf_ |= std::uint64_t{bits} << n_;
        n_ += count;
        if (n_ >= 32) {
            for (int i = 0; i < 4; ++i)
                bytes_[size_++] = static_cast<unsigned char>(buf_ >> (8 * i));
            buf_ >>= 32;
            n_ -= 32;
        }
    }
    void align() {
        while (n_ > 0) {
            bytes_[size_++] = static_cast<unsigned char>(buf_);
            buf_ >>= 8;
            n_ = n_ > 8 ? n_ - 8 : 0;
        }
        buf_ = 0;
    }
    void bytes(const unsigned char* p, std::size_t n) {
        std::memcpy(bytes_.data() + size_, p, n);
        size_ += n;
    }
    // The bytes at their exact size: a stripe's pieces wait for the others, and the spare capacity
    // of each (the buffer grows by doubling) would add up to tens of MB on an A1 sheet.
    [[nodiscard]] std::vector<unsigned char> take() {
        return std::vector<unsigned char>(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(size_));
    }

private:
    std::vector<unsigned char> bytes_;
    std::size_t size_ = 0;
    std::uint64_t buf_ = 0;
    unsigned n_ = 0;
};

// Code lengths of at most `limit` bits for the symbols of nonzero frequency (at least two). Huffman
// by two queues over the symbols sorted by (frequency, symbol), then, if too deep, lengths moved up
// until the Kraft sum fits (miniz's method); the longest codes go to the rarest symbols.
void code_lengths(const std::uint32_t* freq, std::size_t n, unsigned limit, std::uint8_t* lengths) {
    std::fill(lengths, lengths + n, std::uint8_t{0});
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sym;
    for (std::size_t i = 0; i < n; ++i)
        if (freq[i] > 0)
            sym.emplace_back(freq[i], static_cast<std::uint32_t>(i));
    std::sort(sym.begin(), sym.end());
    const std::size_t m = sym.size();
    std::vector<std::uint64_t> weight(2 * m - 1);
    std::vector<std::uint32_t> parent(2 * m - 1, 0);
    for (std::size_t i = 0; i < m; ++i)
        weight[i] = sym[i].first;
    std::size_t leaf = 0, node = m;
    for (std::size_t next = m; next < 2 * m - 1; ++next) {
        std::size_t pick[2];
        for (std::size_t& p : pick)
            p = leaf < m && (node >= next || weight[leaf] <= weight[node]) ? leaf++ : node++;
        weight[next] = weight[pick[0]] + weight[pick[1]];
        parent[pick[0]] = parent[pick[1]] = static_cast<std::uint32_t>(next);
    }
    std::vector<unsigned> depth(2 * m - 1, 0);
    for (std::size_t k = 2 * m - 1; k-- > 1;)
        depth[k - 1] = depth[parent[k - 1]] + 1;
    std::array<std::uint32_t, 64> count{};
    for (std::size_t i = 0; i < m; ++i)
        ++count[std::min(depth[i], 63u)];
    for (unsigned l = limit + 1; l < count.size(); ++l) {
        count[limit] += count[l];
        count[l] = 0;
    }
    std::uint64_t kraft = 0;
    for (unsigned l = 1; l <= limit; ++l)
        kraft += std::uint64_t{count[l]} << (limit - l);
    while (kraft > (std::uint64_t{1} << limit)) {
        --count[limit];
        for (unsigned l = limit - 1; l > 0; --l)
            if (count[l] > 0) {
                --count[l];
                count[l + 1] += 2;
                break;
            }
        --kraft;
    }
    std::size_t i = 0;
    for (unsigned l = limit; l >= 1; --l)
        for (std::uint32_t c = 0; c < count[l]; ++c)
            lengths[sym[i++].second] = static_cast<std::uint8_t>(l);
}

// Canonical codes (RFC 1951 3.2.2), bit-reversed because deflate sends Huffman codes first bit first.
void canonical_codes(const std::uint8_t* lengths, std::size_t n, std::uint16_t* codes) {
    std::array<std::uint16_t, 16> count{}, next{};
    for (std::size_t i = 0; i < n; ++i)
        ++count[lengths[i]];
    count[0] = 0;
    unsigned code = 0;
    for (unsigned b = 1; b < 16; ++b) {
        code = (code + count[b - 1]) << 1;
        next[b] = static_cast<std::uint16_t>(code);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned len = lengths[i];
        if (len == 0)
            continue;
        const unsigned c = next[len]++;
        unsigned r = 0;
        for (unsigned b = 0; b < len; ++b)
            r |= ((c >> b) & 1u) << (len - 1 - b);
        codes[i] = static_cast<std::uint16_t>(r);
    }
}

// At least two symbols in use, so every code is complete (a one-symbol code is legal only by a
// special case some inflaters reject).
void at_least_two(std::uint32_t* freq, std::size_t n) {
    const auto used = static_cast<std::size_t>(std::count_if(freq, freq + n, [](std::uint32_t f) { return f > 0; }));
    for (std::size_t i = 0, added = 0; used + added < 2 && i < n; ++i)
        if (freq[i] == 0) {
            freq[i] = 1;
            ++added;
        }
}

// One block's symbols: a literal byte, or a match as flag | length << 15 | (distance - 1).
struct Block {
    std::vector<std::uint32_t> symbols;
    std::array<std::uint32_t, 286> lit_freq{};
    std::array<std::uint32_t, 30> dist_freq{};
};

constexpr std::uint32_t kMatchFlag = 0x80000000u;

// Writes `block` (which covers raw bytes [from, to) of `data`) as a dynamic Huffman block, or as
// stored blocks when that is smaller (noise), then clears it.
void emit_block(BitWriter& out, Block& block, const unsigned char* data, std::size_t from, std::size_t to,
                bool final) {
    block.lit_freq[256] = 1; // end of block
    at_least_two(block.lit_freq.data(), block.lit_freq.size());
    at_least_two(block.dist_freq.data(), block.dist_freq.size());
    std::array<std::uint8_t, 286> lit_len{};
    std::array<std::uint8_t, 30> dist_len{};
    code_lengths(block.lit_freq.data(), lit_len.size(), 15, lit_len.data());
    code_lengths(block.dist_freq.data(), dist_len.size(), 15, dist_len.data());
    std::size_t hlit = 286, hdist = 30;
    while (hlit > 257 && lit_len[hlit - 1] == 0)
        --hlit;
    while (hdist > 1 && dist_len[hdist - 1] == 0)
        --hdist;

    // The code lengths, run-length coded with 16 (repeat the previous 3-6 times), 17 (3-10 zeros)
    // and 18 (11-138 zeros); one sequence over both codes, as the format allows.
    std::vector<std::uint8_t> all(lit_len.begin(), lit_len.begin() + static_cast<std::ptrdiff_t>(hlit));
    all.insert(all.end(), dist_len.begin(), dist_len.begin() + static_cast<std::ptrdiff_t>(hdist));
    std::vector<std::pair<std::uint8_t, std::uint8_t>> rle; // (symbol, extra bits value)
    for (std::size_t i = 0; i < all.size();) {
        const std::uint8_t v = all[i];
        std::size_t run = 1;
        while (i + run < all.size() && all[i + run] == v)
            ++run;
        i += run;
        if (v == 0) {
            for (; run >= 11; run -= std::min<std::size_t>(run, 138))
                rle.emplace_back(18, static_cast<std::uint8_t>(std::min<std::size_t>(run, 138) - 11));
            if (run >= 3) {
                rle.emplace_back(17, static_cast<std::uint8_t>(run - 3));
                run = 0;
            }
        } else {
            rle.emplace_back(v, 0);
            --run;
            for (; run >= 3; run -= std::min<std::size_t>(run, 6))
                rle.emplace_back(16, static_cast<std::uint8_t>(std::min<std::size_t>(run, 6) - 3));
        }
        for (; run > 0; --run)
            rle.emplace_back(v, 0);
    }
    std::array<std::uint32_t, 19> clen_freq{};
    for (const auto& [s, e] : rle)
        ++clen_freq[s];
    at_least_two(clen_freq.data(), clen_freq.size());
    std::array<std::uint8_t, 19> clen_len{};
    code_lengths(clen_freq.data(), clen_len.size(), 7, clen_len.data());
    std::size_t hclen = 19;
    while (hclen > 4 && clen_len[kClenOrder[hclen - 1]] == 0)
        --hclen;

    std::uint64_t bits = 3 + 5 + 5 + 4 + 3 * hclen;
    for (const auto& [s, e] : rle)
        bits += clen_len[s] + (s == 16 ? 2 : s == 17 ? 3 : s == 18 ? 7 : 0);
    for (std::size_t i = 0; i < hlit; ++i)
        bits += std::uint64_t{block.lit_freq[i]} * (lit_len[i] + (i > 256 ? kLenExtra[i - 257] : 0));
    for (std::size_t i = 0; i < hdist; ++i)
        bits += std::uint64_t{block.dist_freq[i]} * (dist_len[i] + kDistExtra[i]);
    const std::size_t raw = to - from;
    const std::uint64_t stored_bits = (raw + 5 * (raw / 65535 + 1)) * 8;

    if (stored_bits < bits) {
        out.reserve(raw + 5 * (raw / 65535 + 1) + 8);
        std::size_t at = from;
        do { // a stored block holds at most 65535 bytes
            const std::size_t n = std::min<std::size_t>(65535, to - at);
            out.put(final && at + n == to ? 1 : 0, 1);
            out.put(0, 2);
            out.align();
            const unsigned char head[4] = {static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
                                           static_cast<unsigned char>(~n), static_cast<unsigned char>(~n >> 8)};
            out.bytes(head, 4);
            out.bytes(data + at, n);
            at += n;
        } while (at < to);
    } else {
        out.reserve(static_cast<std::size_t>(bits / 8) + 16);
        std::array<std::uint16_t, 286> lit_code{};
        std::array<std::uint16_t, 30> dist_code_bits{};
        std::array<std::uint16_t, 19> clen_code{};
        canonical_codes(lit_len.data(), lit_len.size(), lit_code.data());
        canonical_codes(dist_len.data(), dist_len.size(), dist_code_bits.data());
        canonical_codes(clen_len.data(), clen_len.size(), clen_code.data());
        out.put(final ? 1 : 0, 1);
        out.put(2, 2);
        out.put(static_cast<std::uint32_t>(hlit - 257), 5);
        out.put(static_cast<std::uint32_t>(hdist - 1), 5);
        out.put(static_cast<std::uint32_t>(hclen - 4), 4);
        for (std::size_t k = 0; k < hclen; ++k)
            out.put(clen_len[kClenOrder[k]], 3);
        for (const auto& [s, e] : rle) {
            out.put(clen_code[s], clen_len[s]);
            if (s >= 16)
                out.put(e, s == 16 ? 2 : s == 17 ? 3 : 7);
        }
        for (const std::uint32_t sym : block.symbols) {
            if ((sym & kMatchFlag) == 0) {
                out.put(lit_code[sym], lit_len[sym]);
                continue;
            }
            const std::size_t len = (sym >> 15) & 0x1FF;
            const std::size_t d = (sym & 0x7FFF) + 1;
            const unsigned lc = kLenIndex[len];
            out.put(lit_code[257 + lc], lit_len[257 + lc]);
            out.put(static_cast<std::uint32_t>(len - kLenBase[lc]), kLenExtra[lc]);
            const unsigned dc = dist_code(d);
            out.put(dist_code_bits[dc], dist_len[dc]);
            out.put(static_cast<std::uint32_t>(d - kDistBase[dc]), kDistExtra[dc]);
        }
        out.put(lit_code[256], lit_len[256]);
    }
    block.symbols.clear();
    block.lit_freq.fill(0);
    block.dist_freq.fill(0);
}

inline std::size_t match_length(const unsigned char* a, const unsigned char* b, std::size_t limit) {
    std::size_t n = 0;
#ifdef __SSE2__
    // Sixteen bytes a comparison (every x86-64 has SSE2): most of a map page is 258-byte matches.
    for (; n + 16 <= limit; n += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + n));
        const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + n));
        const auto differ = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y))) ^ 0xFFFFu;
        if (differ != 0)
            return n + static_cast<std::size_t>(std::countr_zero(differ));
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
        for (; n + 8 <= limit; n += 8) {
            std::uint64_t x, y;
            std::memcpy(&x, a + n, 8);
            std::memcpy(&y, b + n, 8);
            if (x != y)
                return n + static_cast<std::size_t>(std::countr_zero(x ^ y)) / 8;
        }
    }
    while (n < limit && a[n] == b[n])
        ++n;
    return n;
}

inline std::uint32_t hash4(const unsigned char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return (v * 2654435761u) >> (32 - kHashBits);
}

// Deflates bytes [start, end) of `data`; bytes before `start` (the stripe's history, at least the
// 32 KiB window or all of the image before it) are only referred to. Ends on a byte boundary: with
// the final block when `final`, otherwise with an empty stored block, so stripes concatenate.
// A worker thread's buffers, kept from stripe to stripe: allocating them per stripe cost a page
// fault per 4 KiB (1.4 s of system time on ten A1 sheets). Reset before each use, so nothing carries
// over from the stripe before.
struct Scratch {
    std::vector<unsigned char> rows;
    std::vector<std::uint32_t> head;
    Block block;
};

std::vector<unsigned char> deflate_stripe(const unsigned char* data, std::size_t start, std::size_t end,
                                          std::size_t row_bytes, std::size_t pixel_bytes, bool final,
                                          Scratch& scratch) {
    BitWriter out;
    out.reserve((end - start) / 32 + 1024);
    std::vector<std::uint32_t>& head = scratch.head;
    head.assign(std::size_t{1} << kHashBits, 0xFFFFFFFFu);
    Block& block = scratch.block;
    block.symbols.clear();
    block.symbols.reserve(kBlockSymbols);
    block.lit_freq.fill(0);
    block.dist_freq.fill(0);
    std::size_t block_start = start;
    const std::size_t candidates[2] = {pixel_bytes, row_bytes};
    for (std::size_t pos = start; pos < end;) {
        const std::size_t limit = std::min(kMaxMatch, end - pos);
        std::size_t best = 0, best_d = 0;
        if (limit >= kMinMatch) {
            for (const std::size_t d : candidates) {
                if (d > pos || d > kWindow || best == limit)
                    continue;
                const std::size_t len = match_length(data + pos, data + pos - d, limit);
                if (len > best) {
                    best = len;
                    best_d = d;
                }
            }
            if (best < limit && limit >= 4) {
                const std::uint32_t h = hash4(data + pos);
                const std::uint32_t cand = head[h];
                head[h] = static_cast<std::uint32_t>(pos);
                if (cand != 0xFFFFFFFFu && pos - cand <= kWindow && pos - cand != best_d) {
                    const std::size_t len = match_length(data + pos, data + cand, limit);
                    if (len > best) {
                        best = len;
                        best_d = pos - cand;
                    }
                }
            }
        }
        if (best >= kMinMatch) {
            block.symbols.push_back(kMatchFlag | static_cast<std::uint32_t>(best << 15) |
                                    static_cast<std::uint32_t>(best_d - 1));
            ++block.lit_freq[257 + kLenIndex[best]];
            ++block.dist_freq[dist_code(best_d)];
            pos += best;
        } else {
            block.symbols.push_back(data[pos]);
            ++block.lit_freq[data[pos]];
            ++pos;
        }
        if (block.symbols.size() >= kBlockSymbols && pos < end) {
            emit_block(out, block, data, block_start, pos, false);
            block_start = pos;
        }
    }
    emit_block(out, block, data, block_start, end, final);
    out.reserve(8);
    if (!final) {
        out.put(0, 3); // an empty stored block: BFINAL 0, BTYPE 00, then LEN 0 and NLEN 0xFFFF
        out.align();
        const unsigned char sync[4] = {0, 0, 0xFF, 0xFF};
        out.bytes(sync, 4);
    }
    out.align();
    return out.take();
}

} // namespace

std::size_t png_stripe_rows(std::size_t width) {
    return std::max<std::size_t>(1, kStripePixels / std::max<std::size_t>(1, width));
}

PngRowEncoder::PngRowEncoder(std::size_t row_bytes, std::size_t height, std::size_t pixel_bytes, std::size_t stripe_rows)
    : row_bytes_(row_bytes), height_(height), pixel_bytes_(pixel_bytes), stripe_rows_(std::max<std::size_t>(1, stripe_rows)),
      history_rows_((kWindow + row_bytes - 1) / row_bytes),
      parts_(std::max<std::size_t>(1, (height + stripe_rows_ - 1) / stripe_rows_)), adlers_(parts_.size()) {}

void PngRowEncoder::encode(std::size_t last, const std::function<void(std::size_t, unsigned char*)>& make_row,
                           unsigned jobs, const std::function<void()>& alongside) {
    const std::size_t rb = row_bytes_;
    std::vector<std::function<void()>> tasks;
    for (; next_ < parts_.size() && std::min(height_, (next_ + 1) * stripe_rows_) <= last; ++next_)
        tasks.emplace_back([&, s = next_] {
            thread_local Scratch scratch;
            const std::size_t first = s * stripe_rows_;
            const std::size_t end = std::min(height_, first + stripe_rows_);
            const std::size_t from = first > history_rows_ ? first - history_rows_ : 0;
            std::vector<unsigned char>& buf = scratch.rows;
            buf.resize((end - from) * rb); // every byte is written by make_row below
            for (std::size_t y = from; y < end; ++y)
                make_row(y, buf.data() + (y - from) * rb);
            const std::size_t start = (first - from) * rb;
            parts_[s] = deflate_stripe(buf.data(), start, buf.size(), rb, pixel_bytes_, s + 1 == parts_.size(), scratch);
            adlers_[s] = libdeflate_adler32(1, buf.data() + start, buf.size() - start);
        });
    run_parallel(tasks, jobs, alongside);
}

std::vector<std::vector<unsigned char>> PngRowEncoder::finish() {
    if (next_ < parts_.size())
        throw std::logic_error("PngRowEncoder::finish before every row was encoded");
    uLong adler = 1;
    for (std::size_t s = 0; s < parts_.size(); ++s) {
        const std::size_t first = s * stripe_rows_;
        const std::size_t len = (std::min(height_, first + stripe_rows_) - first) * row_bytes_;
        adler = adler32_combine(adler, adlers_[s], static_cast<z_off_t>(len));
    }
    // 0x78: deflate with a 32 KiB window; 0x01: FLEVEL 0 (fastest) and FCHECK making it a multiple of 31.
    const unsigned char header[2] = {0x78, 0x01};
    parts_.front().insert(parts_.front().begin(), header, header + 2);
    for (int i = 3; i >= 0; --i)
        parts_.back().push_back(static_cast<unsigned char>(adler >> (8 * i)));
    return std::move(parts_);
}

std::vector<std::vector<unsigned char>> deflate_png_rows(const PngRows& rows, unsigned jobs) {
    PngRowEncoder encoder(rows.row_bytes, rows.height, rows.pixel_bytes,
                          png_stripe_rows((rows.row_bytes - 1) / std::max<std::size_t>(1, rows.pixel_bytes)));
    encoder.encode(rows.height, rows.make_row, jobs);
    return encoder.finish();
}

} // namespace citemap
