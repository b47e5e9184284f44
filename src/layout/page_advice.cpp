// Advice for a page no layout passes. The old advice named `panel = "below"` and `"beside"` even when
// `auto` had drawn both, and "a larger page" without knowing that one would do (audit-8-s10).
#include "layout/page_advice.hpp"

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "project/output_subset.hpp"
#include "project/project.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace citemap {

namespace {

// "a", "a or b", "a, b, or c" (with "and" for `joined_by`)
std::string listed(const std::vector<std::string>& parts, const std::string& joined_by = "or") {
    std::string s;
    for (std::size_t i = 0; i < parts.size(); ++i)
        s += (i == 0 ? "" : i + 1 < parts.size() ? ", " : parts.size() > 2 ? ", " + joined_by + " " : " " + joined_by + " ") + parts[i];
    return s;
}

// How many sheets `page` runs to when it lays out and passes with the refused page's options and panel
// placement `panel`; 0 when it is refused.
std::size_t page_passes(const Project& p, const PageSize& page, const LayoutOptions& options, PanelPlacement panel) {
    LayoutOptions quiet = options;
    quiet.panel = panel;
    quiet.find_larger_page = false;
    quiet.diagnostics = nullptr;
    quiet.counts = nullptr;
    quiet.map_sheet_only = true; // only whether it passes
    quiet.subset = nullptr;
    std::size_t sheets = 1;
    quiet.sheet_count = &sheets;
    try {
        (void)layout_sheets(p, page, quiet);
        return std::max<std::size_t>(sheets, 1);
    } catch (const Error&) {
        return 0;
    }
}

using Passes = PagePasses;

// The advice `advise` gives, asking `passes` of one page after another, each question following from
// the answers before it. Each page is a layout of seconds (sixty city wards at 60 mm: 70, 80, 100, 140,
// 90, 110 and 120 mm, 20 s), and they are independent: `advise` is run again and again, the pages it
// asks that are not laid out yet taken as refused (the answer most get), and each of options.jobs
// threads lays out the first page it asks that no thread has taken, until it asks none that is not
// laid out. It then has every answer it asks for, so the advice is the same whatever the number of
// jobs; with one job, the pages are laid out as it asks them. A thread takes its next page as soon as
// its last is laid out: asked in rounds of `jobs` pages, each round waited for its slowest, and the
// sixty wards' two slow pages (100 and 110 mm, 7 s each against 0.4-1.2 s for the others) were laid out
// one after the other at -j2 (16 s), where now 110 mm starts while 100 mm is still laid out (10 s).
std::string advised(const Project& p, const LayoutOptions& options,
                    const std::function<std::string(const Passes&)>& advise) {
    using Key = std::pair<std::string, PanelPlacement>;
    std::map<Key, std::size_t> known;
    std::set<Key> taken; // being laid out
    std::mutex m;
    std::condition_variable answered;
    std::exception_ptr failed; // a failure other than a refusal: every thread stops
    auto lay_out_pages = [&] {
        std::unique_lock lock(m);
        while (!failed) {
            // The first page the advice asks that is neither known nor taken.
            std::optional<std::pair<PageSize, PanelPlacement>> next;
            bool waits = false; // it asks a page another thread is laying out
            (void)advise([&](const PageSize& page, PanelPlacement panel) {
                const Key key{page.name, panel};
                if (const auto it = known.find(key); it != known.end())
                    return it->second;
                if (taken.count(key))
                    waits = true;
                else if (!next)
                    next.emplace(page, panel);
                return std::size_t{0}; // what the next questions are, not the advice: this page is laid out before
            });
            if (!next) {
                if (!waits)
                    return; // every page it asks is known
                answered.wait(lock);
                continue;
            }
            const Key key{next->first.name, next->second};
            taken.insert(key);
            lock.unlock();
            std::size_t passed = 0;
            std::exception_ptr error;
            try {
                passed = page_passes(p, next->first, options, next->second);
            } catch (...) {
                error = std::current_exception();
            }
            lock.lock();
            taken.erase(key);
            known[key] = passed;
            if (error && !failed)
                failed = error;
            answered.notify_all();
        }
    };
    run_parallel(std::vector<std::function<void()>>(std::max(1u, options.jobs), lay_out_pages), std::max(1u, options.jobs));
    if (failed)
        std::rethrow_exception(failed);
    return advise([&](const PageSize& page, PanelPlacement panel) { return known.at({page.name, panel}); });
}

// The first of `pages` that lays out and passes, and the ones refused before it.
std::optional<PageSize> first_page_that_passes(const std::vector<PageSize>& pages, const Passes& passes,
                                               PanelPlacement panel, std::vector<std::string>& refused) {
    for (const PageSize& larger : pages) {
        if (passes(larger, panel))
            return larger;
        refused.push_back(larger.name);
    }
    return std::nullopt;
}

// A figure's height limit as its name gives it ("-max200mm"), when one was asked for: it goes with
// an advised width.
std::string max_height_suffix(const PageSize& figure) {
    return figure.max_height_mm == PageSize{}.max_height_mm
               ? ""
               : "-max" + std::to_string(static_cast<int>(std::round(figure.max_height_mm))) + "mm";
}

// A figure like `like`, `width_mm` wide.
std::optional<PageSize> figure_of_width(int width_mm, const PageSize& like) {
    return parse_page(std::to_string(width_mm) + "mm" + max_height_suffix(like));
}

// A figure `k` 10 mm steps wider than `page` on the 10 mm grid, or a page given as "WxHmm" `k` 10 mm
// steps wider and as much taller as keeps its shape; nullopt for a named paper, whose family's larger
// sizes are the steps (larger_pages).
std::function<std::optional<PageSize>(int)> grid_of_larger(const PageSize& page) {
    const int base = static_cast<int>(std::floor(page.width_mm / 10 + 1e-9)) * 10;
    if (page.figure)
        return [page, base](int k) { return figure_of_width(base + 10 * k, page); };
    if (page.name.find('x') == std::string::npos)
        return {};
    return [page, base](int k) {
        const int w = base + 10 * k;
        const int h = static_cast<int>(std::round(page.height_mm * w / page.width_mm));
        return parse_page(std::to_string(w) + "x" + std::to_string(h) + "mm");
    };
}

// The change to the page, said where the page was given: on the command line, or in map.toml, where a
// key is quoted as it is written (`page = "90mm"`), as the panel advice quotes `panel = "below"`.
std::string use_page(const std::string& name, const LayoutOptions& options) {
    return options.page_from_command_line ? "use --page " + name : "use `page = \"" + name + "\"` in this [[output]]";
}

// "use a --page larger than a3 (a4 and a3 were laid out and refused too)": `than` is "larger" or "wider".
std::string use_page_beyond(const std::vector<std::string>& refused, const std::string& than,
                            const LayoutOptions& options) {
    return std::string(options.page_from_command_line ? "use a --page " : "use a page ") + than + " than " +
           refused.back() + " (" + listed(refused, "and") + (refused.size() > 1 ? " were" : " was") +
           " laid out and refused too)";
}

// The same paper turned upright: "a4-portrait" for "a4-landscape", "210x297mm" for "297x210mm".
std::optional<PageSize> upright(const PageSize& page) {
    std::string name = page.name;
    if (const auto at = name.rfind("-landscape"); at != std::string::npos && at + 10 == name.size())
        name = name.substr(0, at) + "-portrait";
    else
        name = std::to_string(static_cast<int>(std::round(page.height_mm))) + "x" +
               std::to_string(static_cast<int>(std::round(page.width_mm))) + "mm";
    return parse_page(name);
}

// A land much taller than wide on a landscape page: the page turned upright, or the next larger
// upright page, named when it was laid out and passed; else a portrait page or one taller by a quarter.
std::string tall_land_advice(const PageSize& page, const LayoutOptions& options, const Passes& passes) {
    const bool cli = options.page_from_command_line;
    std::string hint;
    std::vector<std::string> refused;
    std::optional<PageSize> passing;
    if (const std::optional<PageSize> turned = upright(page); turned && options.find_larger_page) {
        std::vector<PageSize> pages = larger_pages(*turned);
        pages.insert(pages.begin(), *turned);
        pages.resize(std::min<std::size_t>(pages.size(), 3));
        passing = first_page_that_passes(pages, passes, options.panel, refused);
    }
    if (passing)
        hint = use_page(passing->name, options) + " (laid out and checked: the map and its panels pass there)";
    else if (!refused.empty())
        hint = "use a portrait page larger than " + refused.back() + " (" + listed(refused, "and") +
               (refused.size() > 1 ? " were" : " was") + " laid out and refused too)";
    else
        hint = "use a portrait page (such as a4-portrait) or a page at least " +
               std::to_string(static_cast<int>(std::ceil(page.height_mm * 1.25 / 5) * 5)) + " mm high";
    if (options.panel == PanelPlacement::below)
        hint += cli ? ", and let the panels go beside the map (leave out --panel below)"
                    : ", and let the panels go beside the map (remove `panel = \"below\"`)";
    return hint;
}

// figure_width_advice, asking `passes`.
std::string figure_width_hint(const PageSize& page, const LayoutOptions& options, int modelled_mm, const Passes& passes) {
    const bool cli = options.page_from_command_line;
    std::vector<PageSize> widths;
    if (modelled_mm > 0)
        if (auto modelled = figure_of_width(modelled_mm, page))
            widths.push_back(*modelled);
    for (const PageSize& wider : larger_pages(page))
        if (widths.size() < 3 && (widths.empty() || wider.width_mm > widths.front().width_mm))
            widths.push_back(wider);
    std::vector<std::string> refused;
    if (options.find_larger_page) {
        if (const std::optional<PageSize> passing = first_page_that_passes(widths, passes, options.panel, refused))
            return use_page(passing->name, options) + " (laid out and checked: the map takes a fair share there), or a shorter title and "
                                       "fewer statuses in the legend";
        if (!refused.empty())
            return use_page_beyond(refused, "wider", options) + ", or a shorter title and fewer statuses in the legend";
    }
    return (modelled_mm > 0 ? use_page(std::to_string(modelled_mm) + "mm" + max_height_suffix(page), options) + " or wider"
                            : std::string(cli ? "use a wider --page" : "use a wider page")) +
           ", or a shorter title and fewer statuses in the legend";
}

// Fewer claims per page, as tried: the zone, line or place with the most claims, alone on the page.
struct FewerClaims {
    std::size_t items = 0; // the zones, lines and places the page's claims are about
    std::string busiest;
    std::size_t busiest_claims = 0;
    std::optional<bool> passes; // unset: not laid out (no LayoutOptions::subset, or no search for advice)
};

// The page of the busiest item alone, laid out: when even it is refused, no sharing out of the claims
// between [[output]]s makes the page pass, and "fewer claims per page" is not advised (audit s16 D2: a
// postcard of one zone's claims was refused as the whole project was).
FewerClaims try_fewer_claims(const Project& p, const PageSize& page, const LayoutOptions& options) {
    FewerClaims fewer;
    const auto items = claims_by_item(p);
    fewer.items = items.size();
    for (const auto& [id, claims] : items)
        if (claims.size() > fewer.busiest_claims) {
            fewer.busiest = id;
            fewer.busiest_claims = claims.size();
        }
    if (fewer.items > 1 && options.find_larger_page && options.subset)
        fewer.passes = page_passes(options.subset({fewer.busiest}), page, options, options.panel) > 0;
    return fewer;
}

// refused_page_advice, asking `passes`.
std::string refused_page_hint(const Project& p, const PageSize& page, const LayoutOptions& options,
                              TriedPlacements tried, const FewerClaims& fewer, const Passes& passes) {
    if (tried.tall_land)
        return tall_land_advice(page, options, passes);
    const bool cli = options.page_from_command_line;
    std::vector<std::string> parts;
    std::vector<std::string> refused;
    std::optional<PageSize> larger;
    if (options.find_larger_page) {
        if (const auto grid = grid_of_larger(page))
            larger = least_page_that_passes(grid, passes, options.panel, refused);
        else
            larger = first_page_that_passes(larger_pages(page), passes, options.panel, refused);
    }
    if (larger)
        parts.push_back(use_page(larger->name, options) + " (laid out and checked: the map and its panels pass there)");
    else if (!refused.empty())
        parts.push_back(use_page_beyond(refused, "larger", options));
    else
        parts.push_back(cli ? "use a larger --page" : "use a larger page");
    // A placement the search drew is no advice: `auto` draws the plans each would (layout_sheets).
    // One it did not draw is laid out when the search for a larger page is on, and advised only when
    // it passes: d-hamra at 90mm --panel beside advised --panel below, which `auto` had refused
    // (audit s12 D5).
    auto untried = [&](bool was_tried, PanelPlacement placement, const char* flag, const char* key) {
        if (was_tried)
            return;
        if (options.find_larger_page && !passes(page, placement))
            return;
        parts.push_back(cli ? flag : key);
    };
    untried(tried.below, PanelPlacement::below, "--panel below", "`panel = \"below\"` in this [[output]]");
    untried(tried.beside, PanelPlacement::beside, "--panel beside", "`panel = \"beside\"` in this [[output]]");
    // Fewer claims: an [[output]]'s `zones` shows some zones with their claims (output_subset.hpp), when
    // the page's claims are about more than one and the busiest alone passes (try_fewer_claims).
    const std::string tried_alone =
        fewer.passes ? "zones = [\"" + fewer.busiest + "\"] alone, " + std::to_string(fewer.busiest_claims) +
                           (fewer.busiest_claims == 1 ? " claim" : " claims") + ", was laid out and passes"
                     : "";
    if (fewer.items > 1 && fewer.passes.value_or(true)) {
        if (p.claims.size() < p.spec.claims.size())
            parts.push_back("fewer zones in this [[output]]'s zones = [...] (it shows " + std::to_string(p.claims.size()) +
                            " of the project's " + std::to_string(p.spec.claims.size()) + " claims" +
                            (fewer.passes ? "; " + tried_alone : "") + ")");
        else
            parts.push_back(cli ? "fewer claims per page: [[output]]s in map.toml with zones = [...] show the zones, "
                                  "lines and places each names, with their claims" +
                                      (fewer.passes ? " (" + tried_alone + ")" : "")
                                : "fewer claims per page: zones = [...] in this [[output]] shows only the zones, lines "
                                  "and places it names, with their claims (" +
                                      std::to_string(p.claims.size()) + " claims now" +
                                      (fewer.passes ? "; " + tried_alone : "") +
                                      "); several [[output]]s can share them out");
    }
    return listed(parts);
}

} // namespace

// least_page_that_passes: 1, 2, 4, 8 ... steps up to the first that passes,
// then halving the interval between the largest refused step and the pass. Passing is not monotonic
// in the width (d-hamra: 110mm passes, 120mm and 130mm not; c-marrow at 90mm: 140 passes, 160 to 180
// not), so a smaller page than the one advised may pass; the one advised was laid out and passed, so
// following it works. Scanning the skipped steps from below as well took up to 12 layouts, each a
// refused page's whole search: f-calder's postcard 11 (4.0 s wall), with the same advice as 8.
std::optional<PageSize> least_page_that_passes(const std::function<std::optional<PageSize>(int)>& page_of,
                                               const Passes& passes, PanelPlacement panel,
                                               std::vector<std::string>& refused) {
    constexpr int kMostLayouts = 12;
    int tried = 0;
    // The passing pages laid out, by step: the least is advised only when it needs no more sheets than
    // the best of them (k-harwick 300x60mm: 320x64mm ran to 3 sheets where a larger page holds more).
    std::map<int, std::pair<PageSize, std::size_t>> passed;
    auto step_passes = [&](int k) -> bool {
        const std::optional<PageSize> page = page_of(k);
        if (!page)
            return false;
        ++tried;
        if (const std::size_t sheets = passes(*page, panel)) {
            passed.emplace(k, std::make_pair(*page, sheets));
            return true;
        }
        refused.push_back(page->name);
        return false;
    };
    int pass = 0, below = 0; // the pass, and the largest refused step under it
    for (int k = 1; tried < kMostLayouts && page_of(k); k *= 2) {
        if (step_passes(k)) {
            pass = k;
            break;
        }
        below = k;
    }
    if (passed.empty())
        return std::nullopt;
    const int first_pass = pass;
    while (pass - below > 1 && tried < kMostLayouts) {
        const int mid = (below + pass) / 2;
        (step_passes(mid) ? pass : below) = mid;
    }
    // One layout more, the next doubling's step, when the least runs to more than one sheet: the page
    // a reader is told to use should not trade a few millimetres for a sheet more.
    if (passed.at(pass).second > 1 && tried < kMostLayouts) {
        const std::size_t listed = refused.size();
        if (!step_passes(2 * first_pass))
            refused.resize(listed); // larger than the advice: not one the reader would try
    }
    std::size_t fewest = passed.at(pass).second;
    for (const auto& step : passed)
        fewest = std::min(fewest, step.second.second);
    for (const auto& step : passed)
        if (step.first >= pass && step.second.second == fewest)
            return step.second.first;
    return passed.at(pass).first;
}

std::string figure_width_advice(const Project& p, const PageSize& page, const LayoutOptions& options, int modelled_mm) {
    return advised(p, options, [&](const Passes& passes) { return figure_width_hint(page, options, modelled_mm, passes); });
}

std::string refused_page_advice(const Project& p, const PageSize& page, const LayoutOptions& options,
                                TriedPlacements tried) {
    const FewerClaims fewer = try_fewer_claims(p, page, options);
    return advised(p, options, [&](const Passes& passes) { return refused_page_hint(p, page, options, tried, fewer, passes); });
}

} // namespace citemap
