// Writes a file through a temporary sibling and a rename, so a failure never leaves half a map behind.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

namespace citemap {

// Calls `write(tmp_path)`, syncs tmp_path to disk (in an OutputSet's staging folder, the set's commit
// does), then renames it over `target`. On any exception the temporary file is removed and the old
// target is left untouched.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& tmp)>& write);
void write_text_atomically(const std::filesystem::path& target, std::string_view contents);

} // namespace citemap
