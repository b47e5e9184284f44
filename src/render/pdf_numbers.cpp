// Cairo 1.16 writes each coordinate of a PDF page through _cairo_dtostr, which calls glibc's
// snprintf with "%f" (numbers under 0.1: "%.18f", then "%.*f" with the digits that keep 6
// significant ones). glibc prints a double exactly with multi-precision arithmetic (__printf_fp,
// hack_digit, __mpn_divrem): 208 M instructions for the 85,926 numbers of Gaza's A4 page, 40 % of
// its PDF. libcairo calls the fortified __snprintf_chk, and the executable's definition is the one
// every library's call finds (as g_thread_new in text/pango_threads.cpp): this one prints exactly
// those three formats itself, rounding the exact binary value to the nearest as glibc does (ties to
// even; compared with glibc on 24 M values at precisions 0-18, and the PDFs are byte-identical), and
// hands every other call to glibc's own. A locale whose decimal point is not "." goes to glibc too.
#include "render/pdf_numbers.hpp"

#include <dlfcn.h>
#include <langinfo.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstring>

namespace {

using VsnprintfChk = int (*)(char*, std::size_t, int, std::size_t, const char*, va_list);

VsnprintfChk glibc_vsnprintf_chk() {
    static const auto real = reinterpret_cast<VsnprintfChk>(dlsym(RTLD_NEXT, "__vsnprintf_chk"));
    return real;
}

// The precision a format of Cairo's asks for: "%f" 6, "%.18f" 18, "%.*f" from the arguments (-2);
// -1 for any other format.
int cairo_format(const char* format) {
    if (std::strcmp(format, "%f") == 0)
        return 6;
    if (std::strcmp(format, "%.18f") == 0)
        return 18;
    if (std::strcmp(format, "%.*f") == 0)
        return -2;
    return -1;
}

} // namespace

namespace citemap {

namespace {

__extension__ typedef unsigned __int128 Wide; // GCC's and Clang's; -Wpedantic would warn on the bare name

constexpr std::uint64_t kPow10[19] = {1ULL,
                                      10ULL,
                                      100ULL,
                                      1000ULL,
                                      10000ULL,
                                      100000ULL,
                                      1000000ULL,
                                      10000000ULL,
                                      100000000ULL,
                                      1000000000ULL,
                                      10000000000ULL,
                                      100000000000ULL,
                                      1000000000000ULL,
                                      10000000000000ULL,
                                      100000000000000ULL,
                                      1000000000000000ULL,
                                      10000000000000000ULL,
                                      100000000000000000ULL,
                                      1000000000000000000ULL};

// |d| * 10^precision rounded to the nearest integer, ties to even, when it is under 10^19 (a page's
// coordinates, Cairo's "%.18f" of numbers under 0.1): |d| is m 2^e exactly (m < 2^53), so m 10^p is
// exact in 128 bits and the 2^e a shift whose lost bits say which way to round. std::to_chars gives
// the same digits by a general algorithm (Ryu printf) at about six times the cost.
bool scaled_integer(double d, int precision, std::uint64_t& q) {
    const double a = std::fabs(d);
    if (precision > 18 || !(a * static_cast<double>(kPow10[precision]) < 1e19))
        return false;
    const auto bits = std::bit_cast<std::uint64_t>(a);
    const auto biased = static_cast<int>(bits >> 52); // the sign bit is clear
    const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | (biased > 0 ? std::uint64_t{1} << 52 : 0);
    const int e = (biased > 0 ? biased : 1) - 1075;
    const Wide v = static_cast<Wide>(m) * kPow10[precision];
    q = 0;
    if (e >= 0) {
        q = static_cast<std::uint64_t>(v << e);
    } else if (e > -128) { // else |d| 10^p < 2^113 / 2^128: 0
        const auto shift = static_cast<unsigned>(-e);
        const Wide lost = v & ((Wide{1} << shift) - 1), half = Wide{1} << (shift - 1);
        q = static_cast<std::uint64_t>(v >> shift);
        if (lost > half || (lost == half && (q & 1) != 0))
            ++q;
    }
    return true;
}

} // namespace

int print_fixed(char* out, std::size_t size, int precision, double d) {
    if (!std::isfinite(d) || precision < 0 || size == 0)
        return -1;
    std::uint64_t q = 0;
    if (!scaled_integer(d, precision, q)) {
        const auto [end, ec] = std::to_chars(out, out + size - 1, d, std::chars_format::fixed, precision);
        if (ec != std::errc{})
            return -1;
        *end = '\0';
        return static_cast<int>(end - out);
    }
    // q's digits from the right, the point `precision` digits in, at least one digit before it; the
    // sign of any negative number (glibc prints -0.000000 for -0.0 and -1e-9).
    char digits[24];
    char* const end = digits + sizeof digits;
    char* p = end;
    for (int k = 0; k < precision; ++k, q /= 10)
        *--p = static_cast<char>('0' + q % 10);
    if (precision > 0)
        *--p = '.';
    do
        *--p = static_cast<char>('0' + q % 10);
    while ((q /= 10) != 0);
    if (std::signbit(d))
        *--p = '-';
    const auto n = static_cast<std::size_t>(end - p);
    if (n + 1 > size)
        return -1;
    std::memcpy(out, p, n);
    out[n] = '\0';
    return static_cast<int>(n);
}

bool pdf_numbers_fast() {
    return glibc_vsnprintf_chk() != nullptr;
}

} // namespace citemap

// glibc's declaration (under _FORTIFY_SOURCE) is noexcept, as this definition must be to match it.
extern "C" int __snprintf_chk(char* s, std::size_t maxlen, int flag, std::size_t slen, const char* format,
                              ...) noexcept {
    va_list ap;
    va_start(ap, format);
    int n = -1;
    const int precision = cairo_format(format);
    // slen < maxlen is a caller's overflow: glibc's own reports it.
    if (precision != -1 && slen >= maxlen && std::strcmp(nl_langinfo(RADIXCHAR), ".") == 0) {
        va_list arg;
        va_copy(arg, ap);
        const int digits = precision == -2 ? va_arg(arg, int) : precision;
        n = citemap::print_fixed(s, maxlen, digits, va_arg(arg, double));
        va_end(arg);
    }
    if (n < 0)
        n = glibc_vsnprintf_chk()(s, maxlen, flag, slen, format, ap);
    va_end(ap);
    return n;
}
