// Shared by render, check and cite.
#include "cli/load.hpp"

#include "project/output_subset.hpp"

#include <cstdlib>
#include <ctime>
#include <iostream>

namespace citemap {

std::optional<Project> load_for_command(const std::string& dir, bool quiet, std::ostream& log,
                                        bool keep_failed_checks) {
    Diagnostics diags;
    std::optional<Project> p;
    try {
        if (!std::filesystem::is_directory(dir))
            throw Error({dir, 0, 0, {}}, "not a project folder", "name a folder that contains map.toml");
        p = load_project(dir, diags);
    } catch (const Error& e) {
        diags.add(e);
    }
    int errors = 0;
    for (const Diagnostic& d : diags.all()) {
        if (d.level == Diagnostic::Level::error && !(keep_failed_checks && d.failed_check && p))
            ++errors;
        else if (quiet)
            continue;
        log << "citemap: " << d.format() << "\n";
    }
    if (errors) {
        log << "citemap: " << errors << " error(s); nothing written\n";
        return std::nullopt;
    }
    return p;
}

Project project_of_output(const std::string& dir, const OutputSpec& output) {
    Diagnostics diags; // printed by the first load already
    std::optional<Project> p = load_project(dir, diags);
    if (!p)
        throw Error({dir, 0, 0, "[[output]] " + output.name}, "the project could not be loaded again for this output",
                    "run citemap check on it; was it changed while citemap ran?");
    keep_output_zones(*p, output);
    return std::move(*p);
}

std::function<Project(const std::vector<std::string>& ids)> output_subsets(const std::string& dir, const OutputSpec& output) {
    return [dir, output](const std::vector<std::string>& ids) {
        OutputSpec some = output;
        some.zones = ids;
        return project_of_output(dir, some);
    };
}

std::string document_date(const Project& p) {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        const long long v = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && v >= 0) {
            const std::time_t t = static_cast<std::time_t>(v);
            std::tm tm{};
            gmtime_r(&t, &tm);
            char buf[32];
            std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
            return buf;
        }
    }
    std::string newest;
    for (const SourceSpec& s : p.spec.sources)
        if (s.published.size() >= 10 && s.published > newest)
            newest = s.published.substr(0, 10);
    return (newest.empty() ? "1970-01-01" : newest) + "T00:00:00Z";
}

} // namespace citemap
