// Loading a project for a subcommand: prints every diagnostic once, in one format.
#pragma once

#include "project/project.hpp"

#include <functional>
#include <iostream>
#include <optional>
#include <string>

namespace citemap {

// Prints warnings and errors to `log` (stderr by default); nullopt when there were errors, except
// with `keep_failed_checks` when the only errors are [[check]]s the drawing does not pass: the project
// is whole then, and the caller reports the failure (stats shows the areas behind it).
[[nodiscard]] std::optional<Project> load_for_command(const std::string& dir, bool quiet,
                                                      std::ostream& log = std::cerr,
                                                      bool keep_failed_checks = false);
// The project as an [[output]] with `zones = [...]` shows it (keep_output_zones), loaded again: a
// Project's geometry is not copied. Loaded once already without errors, so none are expected; one
// that appears (the folder changed meanwhile) is thrown.
[[nodiscard]] Project project_of_output(const std::string& dir, const OutputSpec& output);
// LayoutOptions::subset for `output`: project_of_output with its zones = [...] set to the ids asked for.
[[nodiscard]] std::function<Project(const std::vector<std::string>& ids)> output_subsets(const std::string& dir,
                                                                                          const OutputSpec& output);
// SOURCE_DATE_EPOCH if set, else the newest source's publication date: never the clock. One ISO 8601
// form for every output (SVG, PNG, PDF, JSON-LD): "2025-11-12T00:00:00Z", UTC.
[[nodiscard]] std::string document_date(const Project& p);

} // namespace citemap
