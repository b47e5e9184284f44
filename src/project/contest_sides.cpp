// The sides of a contested zone (see contest_sides.hpp).
#include "project/contest_sides.hpp"

#include <algorithm>
#include <set>

namespace citemap {

std::vector<ContestSide> contest_sides(const Project& p, const Contest& c) {
    std::set<int> numbers;
    for (const auto& [a, b] : c.claims)
        numbers.insert({a, b});
    std::vector<ContestSide> sides;
    for (const StatusSpec& st : p.spec.statuses)
        for (const bool denied : {false, true}) {
            ContestSide side{&st, denied, {}, {}};
            std::set<std::string> sources;
            for (const Claim& claim : p.claims)
                if (claim.status == &st && (claim.spec->modality == Modality::denial) == denied &&
                    numbers.count(claim.number)) {
                    side.claims.push_back(claim.number);
                    for (const CitationSpec& q : claim.spec->cites)
                        sources.insert(q.source);
                }
            if (side.claims.empty())
                continue;
            std::sort(side.claims.begin(), side.claims.end());
            side.sources.assign(sources.begin(), sources.end());
            sides.push_back(std::move(side));
        }
    return sides;
}

} // namespace citemap
