// Reading input files safely: only regular files are opened (a FIFO or a device would block or never
// end), and no more than a bound is read.
#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <string>

namespace citemap {

// Throws Error at `from` unless `path` is a regular file. `written` is the path as the author wrote it.
void require_regular_file(const std::filesystem::path& path, const std::string& written, const Where& from);
// The whole file, refusing it (Error at `from`) when it is not regular or larger than `max_bytes`.
[[nodiscard]] std::string read_bounded(const std::filesystem::path& path, const std::string& written,
                                       const Where& from, std::size_t max_bytes);

} // namespace citemap
