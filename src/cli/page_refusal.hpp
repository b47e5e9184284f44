// A page's refusal as render and check print it, so the two commands word it alike.
#pragma once

#include "core/error.hpp"
#include "project/project.hpp"

#include <string>

namespace citemap {

// "citemap: DIR/map.toml: [[output]] NAME: error: ...": the layout's error (which names the page only)
// said of map.toml and of what the page was asked as, `asked` ("[[output]] postcard", "--page 90mm"):
// two [[output]]s may share a page size, and check named neither file nor output (audit s16 D11).
[[nodiscard]] std::string page_refusal(const Project& p, const std::string& asked, const Error& e);

} // namespace citemap
