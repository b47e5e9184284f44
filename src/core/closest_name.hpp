// "Did you mean ...?": the known name nearest to a misspelt one, for error hints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace citemap {

// Edit distance (insertions, deletions, substitutions, transpositions), ignoring ASCII case.
[[nodiscard]] std::size_t name_distance(std::string_view a, std::string_view b);

// The known name closest to `wrong` when it is close enough to be a slip of the keyboard (a third of
// its length, at least one edit; names under three characters never), else empty.
[[nodiscard]] std::string closest_name(std::string_view wrong, const std::vector<std::string>& known);

// The names joined with ", ", for the "known: ..." part of a hint.
[[nodiscard]] std::string name_list(const std::vector<std::string>& names);

// "did you mean 'east'? " or "" — to put in front of a hint.
[[nodiscard]] std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& known);

} // namespace citemap
