// citemap stats: the drawing in numbers (equal-area), so an author can compare it with the text.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "core/escape.hpp"
#include "geo/geometry_ops.hpp"
#include "project/contest_sides.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace citemap {

int run_stats(const CiteOptions& o) {
    auto project = load_for_command(o.project, o.json, std::cerr, true);
    if (!project)
        return 1;
    const Project& p = *project;
    const GeosContext& ctx = *p.geo.ctx;
    double outline_km2 = 0;
    if (const BaseLayer* outline = p.geo.layer(LayerRole::outline)) {
        std::vector<const GEOSGeometry*> parts;
        for (const Feature& f : outline->features)
            parts.push_back(f.geom_ea.get());
        outline_km2 = geom::area(ctx, geom::union_all(ctx, parts).get()) / 1e6;
    }
    nlohmann::json j;
    j["crs"] = p.geo.projection->authority();
    j["outline_km2"] = outline_km2;
    j["zones"] = nlohmann::json::array();
    for (const Zone& z : p.geo.zones) {
        const double km2 = geom::area(ctx, z.geom_ea.get()) / 1e6;
        nlohmann::json claims = nlohmann::json::array();
        for (const Claim* c : p.claims_of(z.id))
            claims.push_back(c->number);
        j["zones"].push_back(
            {{"id", z.id},
             {"name", z.name},
             {"derived", z.derived},
             {"km2", km2},
             // No outline layer, no share: null rather than a misleading 0 %.
             {"share_of_outline", outline_km2 > 0 ? nlohmann::json(km2 / outline_km2) : nlohmann::json()},
             {"claims", claims}});
    }
    j["conflicts"] = nlohmann::json::array();
    for (const Conflict& c : p.conflicts)
        j["conflicts"].push_back({{"zones", {c.zone_a, c.zone_b}}, {"km2", c.km2}});
    // Zones the sources contradict each other on (Contest), one entry each: every status given there
    // with its claims and their sources, and how many pairs of claims cannot hold at once (twenty
    // claims on one town made 77 pairs, printed one by one before).
    j["contested"] = nlohmann::json::array();
    for (const Contest& c : p.contests) {
        nlohmann::json sides = nlohmann::json::array();
        for (const ContestSide& side : contest_sides(p, c))
            sides.push_back({{"status", side.status->key},
                             {"modality", side.denied ? "denial" : "reported"},
                             {"claims", side.claims},
                             {"sources", side.sources}});
        j["contested"].push_back({{"zone", c.zone}, {"statuses", sides}, {"pairs", c.claims.size()}});
    }
    j["checks"] = nlohmann::json::array();
    for (const CheckResult& r : p.checks)
        j["checks"].push_back({{"zones", r.spec->zones},
                               {"share_of", r.spec->share_of},
                               {"share", r.share},
                               {"claimed", claimed_share(*r.spec)},
                               {"line", r.spec->where.line},
                               {"quote", r.spec->quote},
                               {"description", describe_check(p, r)},
                               {"passed", r.passed}});
    // The areas are shown either way; a check the drawing fails still makes the exit status 1.
    const bool all_passed = std::all_of(p.checks.begin(), p.checks.end(), [](const CheckResult& r) { return r.passed; });
    if (o.json) {
        std::cout << j.dump(2) << "\n";
        return all_passed ? 0 : 1;
    }
    std::printf("CRS %s; areas in an equal-area projection", j["crs"].get<std::string>().c_str());
    if (outline_km2 > 0)
        std::printf("; outline %.2f km\u00B2", outline_km2);
    std::printf("\n");
    for (const auto& z : j["zones"]) {
        char share[16] = "";
        if (!z["share_of_outline"].is_null()) {
            const double percent = 100 * z["share_of_outline"].get<double>();
            // A zone that is there, however small, does not read as none: 0.004 % printed as 0.0 %.
            if (percent > 0 && percent < 0.05)
                std::snprintf(share, sizeof share, "<0.1 %%");
            else
                std::snprintf(share, sizeof share, "%5.1f %%", percent);
        }
        // A town block of 0.0081 km² would print as 0.01: small zones get four decimals.
        const double km2 = z["km2"].get<double>();
        std::printf(km2 < 1 ? "  %-22s %9.4f km\u00B2  %7s  claims %s%s\n" : "  %-22s %9.2f km\u00B2  %7s  claims %s%s\n",
                    terminal_escape(z["id"].get<std::string>()).c_str(), km2, share, z["claims"].dump().c_str(),
                    z["derived"].get<bool>() ? "  (derived)" : "");
    }
    for (const auto& c : j["conflicts"])
        std::printf("  conflict: %s / %s, %.2f km\u00B2\n", terminal_escape(c["zones"][0].get<std::string>()).c_str(),
                    terminal_escape(c["zones"][1].get<std::string>()).c_str(), c["km2"].get<double>());
    for (const auto& c : j["contested"]) {
        std::string sides;
        for (const auto& side : c["statuses"])
            sides += (sides.empty() ? "" : " against ") + std::string(side["modality"] == "denial" ? "denied " : "") +
                     terminal_escape(side["status"].get<std::string>()) + " (claims " +
                     side["claims"].dump() + ", sources " + terminal_escape(side["sources"].dump()) + ")";
        std::printf("  contested between sources: %s: %s\n", terminal_escape(c["zone"].get<std::string>()).c_str(),
                    sides.c_str());
    }
    for (const auto& c : j["checks"])
        std::printf("  %s\n", terminal_escape(c["description"].get<std::string>()).c_str());
    return all_passed ? 0 : 1;
}

} // namespace citemap
