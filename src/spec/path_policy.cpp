// The path policy: lexical rules first (NUL, absolute, hidden, declared folder), then the real path,
// so a symbolic link cannot lead out of the folder the written path names.
#include "spec/path_policy.hpp"

#include "core/closest_name.hpp"

#include <algorithm>

namespace citemap {

namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& component) {
    const std::string s = component.string();
    return !s.empty() && s[0] == '.' && s != "." && s != "..";
}

std::optional<PathProblem> lexical_problem(std::string_view written, std::string_view what) {
    const std::string w(what);
    if (written.find('\0') != std::string_view::npos)
        return PathProblem{w + " contains a NUL character", "remove the \\u0000 from the path"};
    const fs::path p{std::string(written)};
    if (p.is_absolute() || written.rfind("/vsi", 0) == 0 || written.find("://") != std::string_view::npos ||
        p.has_root_name())
        return PathProblem{w + " '" + std::string(written) + "' is not a relative path",
                           "name files relative to the project folder, e.g. \"zones.geojson\" or "
                           "\"../base/x.geojson\" with shared = [\"../base\"]"};
    for (const auto& c : p)
        if (hidden(c))
            return PathProblem{w + " '" + std::string(written) + "' names a hidden file or folder ('" +
                                   c.string() + "')",
                               "citemap never reads hidden files or folders; copy the data to a visible one"};
    return std::nullopt;
}

// `inner` lies at or below `outer` once both are resolved on disk.
bool resolves_inside(const fs::path& inner, const fs::path& outer, std::string& where_to) {
    std::error_code ec1, ec2;
    const fs::path a = fs::weakly_canonical(inner, ec1);
    const fs::path b = fs::weakly_canonical(outer, ec2);
    if (ec1 || ec2) {
        where_to = "an unreadable place";
        return false;
    }
    const fs::path rel = a.lexically_relative(b);
    where_to = a.string();
    if (rel.empty() || *rel.begin() == "..")
        return false;
    for (const auto& c : rel)
        if (hidden(c))
            return false;
    return true;
}

} // namespace

std::optional<PathProblem> shared_folder_problem(const fs::path& project, std::string_view written) {
    if (auto p = lexical_problem(written, "shared folder"))
        return p;
    const fs::path norm = fs::path(std::string(written)).lexically_normal();
    auto it = norm.begin();
    const bool sibling = it != norm.end() && *it == ".." && std::next(it) != norm.end() &&
                         std::none_of(std::next(it), norm.end(), [](const fs::path& c) { return c == ".."; });
    if (!sibling)
        return PathProblem{"shared folder '" + std::string(written) + "' is not beside the project",
                           "declare folders next to the project folder, e.g. shared = [\"../base\"]; files "
                           "inside the project need no declaration"};
    std::string to;
    if (!resolves_inside(project / norm, project / "..", to))
        return PathProblem{"shared folder '" + std::string(written) +
                               "' is a symbolic link that leads out of the project's parent folder (to " + to +
                               ")",
                           "copy the shared data into a real folder beside the project"};
    std::error_code ec;
    if (!fs::is_directory(project / norm, ec)) {
        std::vector<std::string> beside;
        for (const auto& e : fs::directory_iterator(project / "..", ec))
            if (e.is_directory(ec) && e.path().filename().string().front() != '.')
                beside.push_back("../" + e.path().filename().string());
        std::sort(beside.begin(), beside.end());
        return PathProblem{"shared folder '" + std::string(written) + "' does not exist",
                           did_you_mean(written, beside) + "name a folder beside the project, e.g. shared = [\"../base\"]"};
    }
    return std::nullopt;
}

std::optional<PathProblem> input_path_problem(const PathPolicy& policy, std::string_view written) {
    if (auto p = lexical_problem(written, "file"))
        return p;
    const fs::path norm = fs::path(std::string(written)).lexically_normal();
    fs::path root = policy.project;
    if (norm.begin() != norm.end() && *norm.begin() == "..") {
        const fs::path* declared = nullptr;
        for (const fs::path& s : policy.shared) {
            const fs::path rel = norm.lexically_relative(s);
            if (!rel.empty() && *rel.begin() != ".." && rel != ".")
                declared = &s;
        }
        if (!declared) {
            auto it = norm.begin();
            const bool named_sibling =
                std::distance(norm.begin(), norm.end()) >= 3 && *std::next(it) != "..";
            return PathProblem{
                "file '" + std::string(written) + "' lies outside the project folder" +
                    (policy.shared.empty() ? std::string() : " and the shared folders it declares"),
                named_sibling ? "declare the folder at the top of map.toml: shared = [\"../" +
                                    std::next(it)->string() + "\"], or copy the file into the project"
                              : "copy the file into the project folder or into a shared folder beside it"};
        }
        root = policy.project / *declared;
    }
    std::string to;
    if (!resolves_inside(policy.project / norm, root, to))
        return PathProblem{"file '" + std::string(written) + "' is a symbolic link that leads out of " +
                               (root == policy.project ? "the project folder" : "its shared folder") + " (to " +
                               to + ")",
                           "copy the file itself into the project or a declared shared folder"};
    return std::nullopt;
}

} // namespace citemap
