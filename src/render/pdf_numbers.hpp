// Cairo prints every number of a PDF with snprintf("%f"); citemap's __snprintf_chk prints those with
// std::to_chars, to the same digits (see pdf_numbers.cpp).
#pragma once

#include <cstddef>

namespace citemap {

// `d` with `precision` digits after the point, as glibc's "%.*f" in the C locale: the characters and
// a NUL in `out` (of `size` bytes) and their count; -1, writing nothing, when `d` is not finite or the
// text with its NUL does not fit.
int print_fixed(char* out, std::size_t size, int precision, double d);

// True when the __snprintf_chk behind citemap's was found (it hands on every other format). Referenced
// by the PDF writer so the definition is always linked.
[[nodiscard]] bool pdf_numbers_fast();

} // namespace citemap
