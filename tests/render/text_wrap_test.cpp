// TextEngine::wrap answers some widths without Pango: a text that fits whole is one line, and a width
// between two widths that gave the same lines gets those lines; at_most_lines answers from a
// narrower width that gave few enough lines or a wider one that gave too many. Both rest on how Pango breaks; here
// every answer is compared with Pango's own, on generated texts (Latin, Arabic, words longer than the
// line, hyphens, runs of spaces, forced breaks) asked at widths in random order, including the
// boundary where a text just fits.
#include "text/pango_text.hpp"
#include "sources/utf8.hpp"
#include "test_support.hpp"

#include <pango/pango.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace citemap;

namespace {

std::string word(std::mt19937& rng) {
    static const std::vector<std::string> arabic = {"\u0628", "\u062A", "\u0633", "\u0645", "\u0644", "\u0627",
                                                    "\u0646", "\u0631", "\u0639", "\u064A", "\u0647", "\u062D"};
    std::uniform_int_distribution<int> kind(0, 9), len(1, 9), letter(0, 25), pick(0, 11);
    std::string w;
    const int k = kind(rng);
    if (k == 0) { // longer than the narrow widths asked below
        for (int i = 0; i < 28; ++i)
            w += static_cast<char>('a' + letter(rng));
    } else if (k <= 2) {
        for (int i = len(rng); i > 0; --i)
            w += arabic[static_cast<std::size_t>(pick(rng))];
    } else if (k == 3) {
        w = "north-east-" + std::to_string(letter(rng) * 37);
    } else if (k == 4) {
        w = "\u201C" + std::string(1, static_cast<char>('A' + letter(rng))) + "ab\u201D,";
    } else {
        for (int i = len(rng); i > 0; --i)
            w += static_cast<char>('a' + letter(rng));
    }
    return w;
}

std::string text(std::mt19937& rng, int words) {
    std::uniform_int_distribution<int> gap(0, 12);
    std::string t;
    for (int i = 0; i < words; ++i) {
        if (i > 0) {
            const int g = gap(rng);
            t += g == 0 ? "  " : g == 1 && i % 7 == 3 ? "\n" : " ";
        }
        t += word(rng);
    }
    if (gap(rng) == 0)
        t += "  "; // trailing blanks: Pango keeps them on the line, wrap() drops them
    return t;
}

// Widths to ask about a text: `count` drawn at random, then exactly the text's one-line width and one
// Pango unit either side of it (the boundary between one line and two).
std::vector<double> widths_to_ask(std::mt19937& rng, std::uniform_real_distribution<double>& width, int count,
                                  double whole) {
    std::vector<double> widths;
    for (int i = 0; i < count; ++i)
        widths.push_back(width(rng));
    for (double d : {0.0, 1.0 / PANGO_SCALE, -1.0 / PANGO_SCALE})
        widths.push_back(whole + d);
    return widths;
}

} // namespace

TEST_CASE("wrap gives Pango's lines at every width, asked in any order") {
    const std::vector<Font> fonts = {Font{"Noto Sans", 7.5, Weight::regular, false},
                                     Font{"Noto Sans", 11, Weight::bold, false},
                                     Font{"Noto Sans", 9, Weight::medium, true}};
    std::mt19937 rng(20251126);
    std::uniform_real_distribution<double> width(3, 320);
    int multi_line = 0, one_line = 0, checked = 0;
    for (int n = 0; n < 36; ++n) {
        const std::string t = text(rng, 1 + n % 12 * 3);
        const Font& f = fonts[static_cast<std::size_t>(n) % fonts.size()];
        TextEngine engine; // its own caches, filled only by this text's questions
        std::vector<double> widths = widths_to_ask(rng, width, 30, engine.measure(t, f).width);
        widths.push_back(widths[3]); // asked again
        std::shuffle(widths.begin(), widths.end(), rng);
        for (double w : widths) {
            const std::vector<std::string> pango = engine.wrap_with_pango(t, f, w);
            CAPTURE(t);
            CAPTURE(w);
            CHECK(engine.wrap(t, f, w) == pango);
            (pango.size() > 1 ? multi_line : one_line) += 1;
            ++checked;
        }
    }
    // The texts exercise both answers (and Pango itself), not just one of them.
    CHECK(multi_line > 200);
    CHECK(one_line > 200);
    CHECK(checked == 36 * 34);
}

TEST_CASE("a wrapped line keeps the paragraph's direction and the isolates the break split") {
    // An English citation line quoting Arabic: the quote is isolated (utf8::isolate_rtl), the locator
    // follows it. Drawn line by line, each line must still read left to right with the quote's words
    // inside its marks: the last Arabic word before the closing mark, not after the locator.
    const std::string arabic = "\u062A\u0633\u064A\u0637\u0631 \u0623\u0644\u0648\u064A\u0629 \u0627\u0644\u0648\u0627\u062F\u064A "
                               "\u0639\u0644\u0649 \u062D\u064A \u0627\u0644\u0633\u0648\u0642 \u0648\u062D\u064A \u0628\u0627\u0628 "
                               "\u0627\u0644\u0646\u0647\u0631 \u0628\u0627\u0644\u0643\u0627\u0645\u0644";
    const std::string text = "\u201C\u2068" + arabic + "\u2069\u201D (brigades \u00B62 s1)";
    const Font f{"Noto Sans", 8, Weight::regular, false};
    TextEngine engine;
    int split = 0;
    for (double w = 40; w < engine.measure(text, f).width; w += 7) {
        const auto lines = engine.wrap(text, f, w);
        CAPTURE(w);
        split += lines.size() > 1;
        for (const std::string& line : lines) {
            CAPTURE(line);
            CHECK_FALSE(engine.measure(line, f).rtl); // the paragraph's direction on every line
            int depth = 0;
            for (char32_t c : utf8::to_u32(line)) {
                depth += c == 0x2068 ? 1 : c == 0x2069 ? -1 : 0;
                CHECK(depth >= 0);
            }
            CHECK(depth == 0); // every isolate closed on its own line
        }
    }
    CHECK(split > 5);
    // An Arabic paragraph keeps its direction on a line that starts with Latin letters.
    const std::string rtl_text = arabic + " Wadi Brigades " + arabic;
    for (double w = 30; w < engine.measure(rtl_text, f).width; w += 9)
        for (const std::string& line : engine.wrap(rtl_text, f, w)) {
            CAPTURE(line);
            CHECK(engine.measure(line, f).rtl);
        }
}

TEST_CASE("a number and its unit, and a short parenthetical, stay on one line") {
    // "Evacuation zone (10 km)" wrapped as "Evacuation zone (10" / "km)" on a figure page.
    const Font f{"Noto Sans", 7.5, Weight::medium, false};
    TextEngine engine;
    std::mt19937 rng(28);
    const std::vector<std::string> units = {"km", "m", "km\u00B2", "ha", "mi"};
    const std::vector<std::string> heads = {"Evacuation zone", "Closed area", "Buffer", "Strip of land along the river"};
    int wrapped = 0;
    for (int n = 0; n < 40; ++n) {
        const std::string amount = std::to_string(1 + rng() % 400);
        const std::string unit = units[rng() % units.size()];
        const std::string head = heads[rng() % heads.size()];
        const bool paren = n % 2 == 0;
        const std::string t = paren ? head + " (" + amount + " " + unit + ") east" : head + " " + amount + " " + unit + " wide";
        const std::string kept = paren ? "(" + amount + " " + unit + ")" : amount + " " + unit;
        const double whole = engine.measure(t, f).width;
        for (double w = engine.measure(kept, f).width + 1; w < whole; w += 3) {
            const auto lines = engine.wrap(t, f, w);
            CAPTURE(t);
            CAPTURE(w);
            wrapped += lines.size() > 1;
            bool whole_on_a_line = false;
            for (const std::string& line : lines)
                whole_on_a_line = whole_on_a_line || line.find(kept) != std::string::npos;
            CHECK(whole_on_a_line);
        }
    }
    CHECK(wrapped > 100);
}

TEST_CASE("a geographic generic and its name stay on one line") {
    // "Valle inferior del río / Chico" and "Río / Chico" on a 90 mm and a 60 mm figure (audit s17 D14).
    const Font f{"Noto Sans", 7, Weight::bold, false};
    TextEngine engine;
    const std::vector<std::pair<std::string, std::string>> names = {
        {"Valle inferior del r\u00EDo Chico", "r\u00EDo Chico"},
        {"R\u00EDo Chico", "R\u00EDo Chico"},
        {"Caf\u00E9s along the rue de Rivoli", "rue de Rivoli"},
        {"Farms of Wadi al-Rim", "Wadi al-Rim"},
        {"South bank of Wadi Gaza", "Wadi Gaza"},
        {"Reserva de la isla \u00C1nimas", "isla \u00C1nimas"}};
    int wrapped = 0;
    for (const auto& entry : names) { // not a structured binding: clang 14 cannot capture one in a lambda
        const std::string& name = entry.first;
        const std::string& kept = entry.second;
        CAPTURE(name);
        for (double w = 1; w < engine.measure(name, f).width; w += 2) {
            const auto lines = engine.wrap(name, f, w);
            wrapped += lines.size() > 1;
            CHECK(std::any_of(lines.begin(), lines.end(),
                              [&](const std::string& l) { return l.find(kept) != std::string::npos; }));
        }
    }
    CHECK(wrapped > 50);
    // A generic followed by a lower-case word is no name: "the river bank" breaks where it must.
    CHECK(engine.wrap("the river bank", f, engine.measure("river", f).width + 1).size() == 3);
}

namespace {

// Text in one of three scripts: Latin words (some longer than a narrow line), Arabic words (right to
// left), or Chinese, which Pango may break between any two ideographs, with a comma or a space now
// and then.
std::string script_text(std::mt19937& rng, int script, int words) {
    if (script == 0)
        return text(rng, words);
    std::uniform_int_distribution<int> len(1, 8), pick(0, 19), punct(0, 9);
    static const std::vector<std::string> arabic = {"\u0628", "\u062A", "\u0633", "\u0645", "\u0644", "\u0627", "\u0646",
                                                    "\u0631", "\u0639", "\u064A", "\u0647", "\u062D", "\u062C", "\u062F",
                                                    "\u0641", "\u0642", "\u0643", "\u0648", "\u0635", "\u0637"};
    static const std::vector<std::string> han = {"\u4E2D", "\u56FD", "\u5730", "\u56FE", "\u57CE", "\u5E02", "\u6CB3",
                                                 "\u5C71", "\u5317", "\u5357", "\u4E1C", "\u897F", "\u533A", "\u53BF",
                                                 "\u6751", "\u8DEF", "\u6E2F", "\u6D77", "\u5CB8", "\u8FB9"};
    const auto& letters = script == 1 ? arabic : han;
    std::string t;
    for (int i = 0; i < words; ++i) {
        if (i > 0)
            t += script == 1 ? " " : punct(rng) == 0 ? "\uFF0C" : punct(rng) == 1 ? " " : "";
        for (int k = len(rng); k > 0; --k)
            t += letters[static_cast<std::size_t>(pick(rng))];
    }
    return t;
}

} // namespace

TEST_CASE("answers from the kept wraps are Pango's, in Latin, Arabic and Chinese, asked in any order") {
    // wrap() and at_most_lines() answer from what they already know where that is exact; every
    // answer is compared with Pango's own (wrap_with_pango, never kept), and at_most_lines with one
    // line fewer, the same and one more than Pango gives, so a wrong inference either way shows.
    const std::vector<Font> fonts = {Font{"Noto Sans", 7.5, Weight::regular, false},
                                     Font{"Noto Sans", 10, Weight::bold, false}};
    std::mt19937 rng(7202611);
    std::uniform_real_distribution<double> width(3, 260);
    int checked = 0, multi_line = 0, tight = 0;
    std::array<int, 3> by_script{}; // answers of three lines or more, per script
    for (int n = 0; n < 30; ++n) {
        const int script = n % 3;
        const std::string t = script_text(rng, script, 2 + n % 10 * 3);
        const Font& f = fonts[static_cast<std::size_t>(n / 3) % fonts.size()];
        TextEngine engine;
        std::vector<double> widths = widths_to_ask(rng, width, 24, engine.measure(t, f).width);
        std::shuffle(widths.begin(), widths.end(), rng);
        for (double w : widths) {
            const std::vector<std::string> pango = engine.wrap_with_pango(t, f, w);
            CAPTURE(t);
            CAPTURE(w);
            for (std::size_t lines : {pango.size() - 1, pango.size(), pango.size() + 1})
                if (lines > 0)
                    CHECK(engine.at_most_lines(t, f, w, lines) == (pango.size() <= lines));
            // A lower bound, from the wraps known so far, and never a miss of one.
            const std::size_t least = engine.lines_at_least(t, f, w);
            CHECK(least >= 1);
            CHECK(least <= pango.size());
            tight += pango.size() > 1 && least == pango.size();
            CHECK(engine.wrap(t, f, w) == pango);
            CHECK(engine.lines_at_least(t, f, w) == pango.size()); // known now
            multi_line += pango.size() > 1;
            by_script[static_cast<std::size_t>(script)] += pango.size() > 2;
            ++checked;
        }
    }
    CHECK(checked == 30 * 27);
    CHECK(multi_line > checked / 3);
    CHECK(tight > checked / 10); // several lines bounded exactly, not just 1 throughout
    for (int s : by_script)
        CHECK(s > 40); // every script wraps to three lines and more, not only the Latin texts
}

namespace {

// Citation-like text: Latin words with accents, numbers and their units, short parentheticals,
// curly quotes, hyphens and dashes, lines of digits alone, a word now and then in Greek or Cyrillic
// (another script's run inside the line), and words longer than the line (broken with a hyphen).
std::string citation_text(std::mt19937& rng, int words) {
    static const std::vector<std::string> vocabulary = {
        "Gaza",     "ceasefire", "withdrawal", "line",      "Israeli",    "military", "\u00E9tat",  "M\u00FCnchen",
        "\u0141\u00F3d\u017A", "Espa\u00F1a",  "2025",      "10 km",      "(\u00B69 s1)", "(UN)",     "\u201Cheld\u201D",
        "Be\u2019eri", "north-east", "\u2014",  "zones;",    "AV",         "Ty",       "To,",        "\u0393\u03AC\u03B6\u03B1",
        "\u0413\u0430\u0437\u0430", "50 %",     "US$",       "1,200",      "of",       "the",        "(dashed outline)"};
    std::uniform_int_distribution<std::size_t> pick(0, vocabulary.size() - 1);
    std::uniform_int_distribution<int> kind(0, 19), letter(0, 25);
    std::string t;
    for (int i = 0; i < words; ++i) {
        if (i > 0)
            t += kind(rng) == 0 ? "  " : " ";
        if (kind(rng) == 0)
            for (int k = 0; k < 30; ++k)
                t += static_cast<char>('a' + letter(rng));
        else
            t += vocabulary[pick(rng)];
    }
    return t;
}

} // namespace

TEST_CASE("the metrics wrap keeps for its lines are the lines' own, measured apart") {
    // A wrapped line is measured again when it is drawn; TextEngine takes those metrics from the
    // paragraph Pango has just wrapped, where they are exactly what shaping the line on its own
    // gives. Every line of every wrap is compared with a second engine that only measures.
    const std::vector<Font> fonts = {Font{"Noto Sans", 7.5, Weight::regular, false},
                                     Font{"Noto Sans", 11, Weight::bold, false},
                                     Font{"Noto Sans", 9, Weight::medium, true}};
    std::mt19937 rng(2611207);
    std::uniform_real_distribution<double> width(20, 300);
    TextEngine wrapping, apart;
    int lines = 0;
    for (int n = 0; n < 90; ++n) {
        const int kind = n % 9;
        const std::string t = kind < 6 ? citation_text(rng, 4 + n % 7 * 4) : script_text(rng, kind - 6, 3 + n % 5 * 3);
        const Font& f = fonts[static_cast<std::size_t>(n) % fonts.size()];
        for (double w : widths_to_ask(rng, width, 8, apart.measure(t, f).width)) {
            CAPTURE(t);
            CAPTURE(w);
            for (const std::string& line : wrapping.wrap(t, f, w)) {
                CAPTURE(line);
                const TextMetrics kept = wrapping.measure(line, f), own = apart.measure(line, f);
                CHECK(kept.width == own.width);
                CHECK(kept.rtl == own.rtl);
                ++lines;
            }
        }
    }
    // The answers compared are mostly kept ones, not measured afresh.
    CHECK(lines > 1500);
    CHECK(wrapping.lines_kept() > static_cast<std::size_t>(lines) / 4);
}

TEST_CASE("a word too long for its line is hyphenated between syllables, and the hyphen is on the line") {
    // A 60 mm figure's legend read "Under quaranti" / "ne" and "Contami" / "nated": Pango broke the
    // words by characters, at any letter, and its hyphen was lost as each line was drawn on its own.
    const Font f{"Noto Sans", 7.5, Weight::medium, false};
    TextEngine engine;
    // Words with syllables to break at wherever a width from 70 % of theirs is asked.
    const std::vector<std::string> words = {"quarantine", "Contaminated", "demilitarised", "governorate",
                                            "temporarily", "Evacuated"};
    auto vowel = [](char c) { return std::string("aeiouyAEIOUY").find(c) != std::string::npos; };
    int hyphenated = 0;
    for (const std::string& w : words)
        for (const std::string& t : {w, "Under " + w, w + " zone"}) {
            const double whole = engine.measure(w, f).width;
            for (double width = whole * 0.7; width < whole; width += 1) {
                CAPTURE(t);
                CAPTURE(width);
                const auto lines = engine.wrap(t, f, width);
                std::string joined;
                for (std::size_t i = 0; i < lines.size(); ++i) {
                    const std::string& line = lines[i];
                    REQUIRE_FALSE(line.empty());
                    const bool broken = i + 1 < lines.size() && std::isalpha(static_cast<unsigned char>(line.back())) == 0 &&
                                        line.back() == '-';
                    if (broken) {
                        ++hyphenated;
                        // The break is between syllables: two letters at least before it, three after,
                        // the next letter a consonant before a vowel, the one before it a vowel or a
                        // consonant after a vowel.
                        const std::string before = line.substr(line.rfind(' ') == std::string::npos ? 0 : line.rfind(' ') + 1);
                        const std::string& next = lines[i + 1];
                        const std::string after = next.substr(0, next.find(' '));
                        CHECK(before.size() - 1 >= 2);
                        CHECK(after.size() >= 3);
                        CHECK_FALSE(vowel(after[0]));
                        CHECK(vowel(after[1]));
                        joined += line.substr(0, line.size() - 1);
                    } else {
                        // A line never ends inside a word without its hyphen.
                        if (i + 1 < lines.size())
                            CHECK(t.find(line + " ") != std::string::npos);
                        joined += line + (i + 1 < lines.size() ? " " : "");
                    }
                    // Hyphen and all, the line fits the width Pango was given.
                    CHECK(engine.measure(line, f).width <= width + 0.5);
                }
                CHECK(joined == t); // nothing lost or doubled
            }
        }
    CHECK(hyphenated > 40);
}

TEST_CASE("a wrap's lines hold from its widest line up to the width asked, and a new size's lines are bounded") {
    // wrap() answers a width between a wrap's widest line and the width Pango was given from that
    // wrap (Pango breaks greedily); lines_at_least() bounds the lines at a text size never wrapped
    // from the text's width at another size. Both are compared with Pango at the widest line itself
    // and a Pango unit either side, where an answer one unit too generous shows.
    const std::vector<Font> fonts = {Font{"Noto Sans", 7.5, Weight::regular, false},
                                     Font{"Noto Sans", 11, Weight::bold, false},
                                     Font{"Noto Sans", 9, Weight::regular, true}};
    std::mt19937 rng(27112026);
    std::uniform_real_distribution<double> width(40, 300), unit(0, 1);
    int same = 0, bounded = 0, checked = 0;
    for (int n = 0; n < 60; ++n) {
        const int kind = n % 6;
        const std::string t = kind < 4 ? citation_text(rng, 6 + n % 8 * 4) : script_text(rng, kind - 3, 4 + n % 5 * 3);
        const Font& f = fonts[static_cast<std::size_t>(n) % fonts.size()];
        TextEngine engine, apart;
        const double asked = width(rng);
        const std::vector<std::string> first = engine.wrap(t, f, asked);
        double widest = 0;
        for (const std::string& line : first)
            widest = std::max(widest, apart.measure(line, f).width);
        const double u = 1.0 / PANGO_SCALE;
        for (double w : {widest + u, widest, widest - u, widest + unit(rng) * (asked - widest), (widest + asked) / 2}) {
            if (w <= 0 || w > asked)
                continue;
            const std::vector<std::string> pango = apart.wrap_with_pango(t, f, w);
            CAPTURE(t);
            CAPTURE(asked);
            CAPTURE(w);
            CHECK(engine.wrap(t, f, w) == pango);
            same += w > widest && pango == first;
            ++checked;
        }
        // Another size, from the width measured at this one.
        Font other = f;
        other.size = f.size * (n % 2 ? 1.45 : 0.8);
        TextEngine fresh;
        (void)fresh.measure(t, f);
        for (int k = 0; k < 6; ++k) {
            const double w = width(rng);
            const std::size_t least = fresh.lines_at_least(t, other, w);
            const std::size_t lines = apart.wrap_with_pango(t, other, w).size();
            CAPTURE(t);
            CAPTURE(w);
            CHECK(least <= lines);
            bounded += least > 1 && least + 1 >= lines;
        }
    }
    CHECK(checked > 200);
    CHECK(same > 60);     // the widths above the widest line are answered, not only asked of Pango
    CHECK(bounded > 100); // the bound is within a line of Pango's count for most multi-line texts
}

TEST_CASE("a text measured at one size is known to fit whole at another, where its scaled width leaves room") {
    // wrap() answers one line at a new size from the width at another, scaled, when that is narrower
    // by more than rounding could make up (surely_narrower): compared with Pango at widths from the
    // scaled width itself to 4 % above it, where a margin too small shows as a line Pango breaks.
    const std::vector<Font> fonts = {Font{"Noto Sans", 6.6, Weight::regular, false},
                                     Font{"Noto Sans", 7.2, Weight::bold, false},
                                     Font{"Noto Sans", 6.6, Weight::regular, true}};
    std::mt19937 rng(1311);
    int one_line = 0, checked = 0;
    for (int n = 0; n < 90; ++n) {
        const int kind = n % 5;
        const std::string t = kind < 3 ? citation_text(rng, 2 + n % 6 * 2) : script_text(rng, kind - 2, 2 + n % 4 * 2);
        const Font& f = fonts[static_cast<std::size_t>(n) % fonts.size()];
        Font other = f;
        other.size = f.size * std::array{0.7, 0.8, 0.9, 1.1, 1.3, 1.8}[static_cast<std::size_t>(n) % 6];
        TextEngine apart;
        const double exact = apart.measure(t, other).width;
        const double scaled = [&] {
            TextEngine at_f;
            return at_f.measure(t, f).width * other.size / f.size;
        }();
        for (int k = 0; k <= 40; ++k) {
            // Widths across the margin, a Pango unit apart about the scaled width (where the rounding
            // of the advances decides), then up to 4 % above it: past 2 % and a point, it is kept.
            const double w = k < 16 ? scaled + (k - 4) / static_cast<double>(PANGO_SCALE)
                                    : scaled * (1 + (k - 16) * 0.0016) + (k % 4) * 0.4;
            TextEngine engine;
            (void)engine.measure(t, f); // the width at another size, and nothing at this one
            const std::vector<std::string> lines = engine.wrap(t, other, w);
            CAPTURE(t);
            CAPTURE(other.size);
            CAPTURE(w);
            CHECK(lines == apart.wrap_with_pango(t, other, w));
            one_line += exact <= w && lines.size() == 1;
            ++checked;
        }
    }
    CHECK(checked == 90 * 41);
    CHECK(one_line > 1000);
}

namespace {

// Every paragraph of the bundled projects' texts and every string of their map.toml (titles, notes,
// names, quotes), each also as a citation line sets it: the quote in typographic marks, its locator
// and its source.
std::vector<std::string> bundled_texts() {
    std::vector<std::string> out;
    for (const char* project : {"gaza-2025-11", "example-brenna", "example-solund"}) {
        for (const auto& entry : std::filesystem::directory_iterator(test::source_root() / "geodata" / project)) {
            const std::string ext = entry.path().extension().string();
            if (ext != ".txt" && ext != ".toml")
                continue;
            std::ifstream in(entry.path());
            for (std::string line; std::getline(in, line);) {
                if (ext == ".txt") {
                    if (line.size() > 3)
                        out.push_back(line);
                    continue;
                }
                for (std::size_t open = line.find('"'); open != std::string::npos;) {
                    const std::size_t close = line.find('"', open + 1);
                    if (close == std::string::npos)
                        break;
                    if (close - open > 12) {
                        const std::string s = line.substr(open + 1, close - open - 1);
                        out.push_back(s);
                        out.push_back("\u201C" + s + "\u201D \u2009(\u00B6" + std::to_string(close % 9) +
                                      " s2) reported by Reuters, 12 November 2025");
                    }
                    open = line.find('"', close + 1);
                }
            }
        }
    }
    return out;
}

} // namespace

TEST_CASE("the line breaker sets Pango's lines, at every width and size, on bundled and generated texts") {
    // wrap() breaks a paragraph itself (text/line_breaker.cpp) from its items, break attributes and
    // shaping kept across widths, and asks Pango only where a line would end inside a word. Its lines
    // must be Pango's: every text here is wrapped at widths from a few ems to its whole width, and at
    // one Pango unit either side of each width where Pango's lines change.
    std::vector<std::string> texts = bundled_texts();
    REQUIRE(texts.size() > 100);
    std::mt19937 rng(20251128);
    for (int n = 0; n < 60; ++n)
        texts.push_back(n % 3 == 0 ? script_text(rng, 1, 4 + n % 9) : text(rng, 3 + n % 14 * 3));
    for (int n = 0; n < 20; ++n) // mixed: an Arabic name inside an English line, with an isolate
        texts.push_back(text(rng, 4 + n % 5) + " \u2068" + script_text(rng, 1, 1 + n % 4) + "\u2069 (" +
                        std::to_string(n * 7) + " km) " + text(rng, 3 + n % 6));
    const std::vector<Font> fonts = {Font{"Noto Sans", 6.6, Weight::regular, false},
                                     Font{"Noto Sans", 7.5, Weight::regular, true},
                                     Font{"Noto Sans", 9, Weight::medium, false},
                                     Font{"Noto Sans", 12.5, Weight::bold, false}};
    TextEngine engine;
    int answered = 0, left = 0, multi_line = 0, wide_answered = 0, wide_left = 0;
    for (std::size_t t = 0; t < texts.size(); ++t) {
        const std::string& s = texts[t];
        for (std::size_t fi = t % 2; fi < fonts.size(); fi += 2) {
            const Font& f = fonts[fi];
            const double whole = engine.measure(s, f).width;
            std::vector<double> widths;
            for (double w = 2.5 * f.size; w < whole + 2; w *= 1.13)
                widths.push_back(w);
            for (std::size_t i = 0, n = t % 3 == 0 ? widths.size() : 0; i + 1 < n; ++i) // where Pango's lines change
                if (engine.wrap_with_pango(s, f, widths[i]) != engine.wrap_with_pango(s, f, widths[i + 1])) {
                    double lo = widths[i], hi = widths[i + 1];
                    while (hi - lo > 0.5 / PANGO_SCALE) {
                        const double mid = (lo + hi) / 2;
                        (engine.wrap_with_pango(s, f, mid) == engine.wrap_with_pango(s, f, lo) ? lo : hi) = mid;
                    }
                    widths.insert(widths.end(), {lo, hi, hi + 1.0 / PANGO_SCALE});
                }
            for (double w : widths) {
                const auto own = engine.wrap_without_pango(s, f, w);
                // A column, where no word but the generated 28-letter ones is too long for a line; a
                // forced break is always Pango's.
                const bool wide = w >= 12 * f.size && s.find('\n') == std::string::npos;
                (own ? (wide ? wide_answered : answered) : (wide ? wide_left : left)) += 1;
                if (!own)
                    continue;
                const auto pango = engine.wrap_with_pango(s, f, w);
                CAPTURE(s);
                CAPTURE(f.size);
                CAPTURE(w);
                CHECK(*own == pango);
                multi_line += pango.size() > 1;
            }
        }
    }
    MESSAGE("line breaker: ", answered + wide_answered, " wraps answered (", multi_line, " of several lines), ",
            left + wide_left, " left to Pango; at widths of 12 ems or more ", wide_answered, " and ", wide_left);
    // Pango is asked where a word does not fit a line (narrow widths, the generated 28-letter words):
    // in a column, rarely.
    CHECK(wide_answered > 20 * wide_left);
    CHECK(multi_line > 10000);
}
