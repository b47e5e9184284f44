// Which files a project may read: its own folder and the shared folders it declares in
// `shared = ["../base"]`, never a hidden file or folder, never through a link that leads elsewhere.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace citemap {

struct PathProblem {
    std::string message;
    std::string hint;
};

struct PathPolicy {
    std::filesystem::path project;                  // the project folder
    std::vector<std::filesystem::path> shared;      // declared folders, lexically normal ("../base")
};

// Why `written` cannot be a shared folder (nullopt: it can). Shared folders are siblings of the project
// such as "../base": relative, below the project's parent, not hidden.
[[nodiscard]] std::optional<PathProblem> shared_folder_problem(const std::filesystem::path& project,
                                                               std::string_view written);
// Why the project may not read `written` (nullopt: it may).
[[nodiscard]] std::optional<PathProblem> input_path_problem(const PathPolicy& policy, std::string_view written);

} // namespace citemap
