// Reads map.toml into a MapSpec; every error names map.toml:line:column and what to write instead.
#pragma once

#include "spec/map_spec.hpp"

#include <filesystem>

namespace citemap {

// Throws Error for a file that cannot be parsed; collects per-key problems into diags.
[[nodiscard]] MapSpec read_spec(const std::filesystem::path& project_dir, Diagnostics& diags);

// Parses map.toml text directly (tests): `file_label` is what errors call the file.
[[nodiscard]] MapSpec parse_spec(std::string_view toml_text, const std::filesystem::path& project_dir,
                                 const std::string& file_label, Diagnostics& diags);

} // namespace citemap
