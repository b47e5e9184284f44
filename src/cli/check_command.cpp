// citemap check: everything render validates, nothing written.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "layout/page.hpp"

#include <iostream>

namespace citemap {

int run_check(const std::string& dir) {
    auto project = load_for_command(dir, false);
    if (!project)
        return 1;
    int problems = 0;
    for (const OutputSpec& out : project->spec.outputs)
        if (!parse_page(out.page)) {
            std::cerr << "citemap: " << project->spec.file.string() << ": error: unknown page '" << out.page
                      << "'\n  " << page_help() << "\n";
            ++problems;
        }
    std::size_t quotes = 0;
    for (const Claim& c : project->claims)
        quotes += c.quotes.size();
    for (const CheckResult& r : project->checks)
        std::cout << "check " << (r.passed ? "passed" : "FAILED") << ": " << r.zones_km2 << " km\u00B2 of "
                  << r.reference_km2 << " km\u00B2 = " << r.share * 100 << " %\n";
    if (problems)
        return 1;
    std::cout << "ok: " << project->geo.zones.size() << " zones, " << project->claims.size() << " claims, "
              << quotes << " quotes verified against " << project->sources.size() << " source(s)\n";
    return 0;
}

} // namespace citemap
