// The PDF's numbers: citemap's "%f" for Cairo prints glibc's digits, and other formats reach glibc.
#include "render/pdf_numbers.hpp"
#include "test_support.hpp"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

using namespace citemap;

extern "C" int __snprintf_chk(char* s, std::size_t maxlen, int flag, std::size_t slen, const char* format,
                              ...) noexcept;

namespace {

std::string glibc(const char* format, ...) {
    char buf[400];
    va_list ap;
    va_start(ap, format);
    std::vsnprintf(buf, sizeof buf, format, ap); // not fortified: glibc's own
    va_end(ap);
    return buf;
}

} // namespace

TEST_CASE("fixed-point numbers have glibc's digits at every precision, ties to even") {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> page(-3000, 3000);
    int checked = 0;
    auto same = [&](double d, int precision) {
        char buf[400];
        const int n = print_fixed(buf, sizeof buf, precision, d);
        const std::string want = glibc("%.*f", precision, d);
        CAPTURE(d);
        CAPTURE(precision);
        REQUIRE(n == static_cast<int>(want.size()));
        REQUIRE(std::string(buf) == want);
        ++checked;
    };
    for (int i = 0; i < 40000; ++i) {
        const double d = page(rng);
        const int precision = i % 19;
        same(d, precision);
        same(d * 1e-7, precision); // Cairo's "%.18f" numbers under 0.1
        same(d * 1e12, precision); // past 10^19 once scaled: the general way
        // Dyadic values sit exactly halfway between two results at some precision.
        same(std::ldexp(static_cast<double>(rng() % 100000), -static_cast<int>(rng() % 60)), precision);
        same(std::round(d * 64) / 64 + 5e-7, 6);
    }
    for (double d : {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 13.0 / 128, -1e-9, 9.9999995, 5e-324, 1e300})
        for (int precision = 0; precision <= 18; ++precision)
            same(d, precision);
    CHECK(checked > 200000);
}

TEST_CASE("Cairo's three number formats are printed here and every other format by glibc") {
    REQUIRE(pdf_numbers_fast());
    char buf[64];
    CHECK(__snprintf_chk(buf, sizeof buf, 1, sizeof buf, "%f", 841.889764) == 10);
    CHECK(std::string(buf) == "841.889764");
    CHECK(__snprintf_chk(buf, sizeof buf, 1, sizeof buf, "%.18f", 0.0123456789) == 20);
    CHECK(std::string(buf) == glibc("%.18f", 0.0123456789));
    CHECK(__snprintf_chk(buf, sizeof buf, 1, sizeof buf, "%.*f", 8, -0.0123456789) == 11);
    CHECK(std::string(buf) == "-0.01234568");
    // Handed on: the arguments are read as glibc reads them.
    CHECK(__snprintf_chk(buf, sizeof buf, 1, sizeof buf, "%d %s %g", 42, "dots", 0.5) == 11);
    CHECK(std::string(buf) == "42 dots 0.5");
    CHECK(__snprintf_chk(buf, sizeof buf, 1, sizeof buf, "%f", INFINITY) == 3);
    CHECK(std::string(buf) == "inf");
    // Cut to the buffer as snprintf cuts, with the length it would have written.
    CHECK(__snprintf_chk(buf, 6, 1, sizeof buf, "%f", 841.889764) == 10);
    CHECK(std::string(buf) == "841.8");
}
