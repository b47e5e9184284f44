// citemap new: scaffolds a project around one article that checks and renders as written, so a new
// author starts from a working map and edits it rather than from a blank page.
#include "cli/commands.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/panel_words.hpp"
#include "sources/source_text.hpp"
#include "sources/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <iterator>
#include <numeric>
#include <vector>

namespace citemap {

namespace {

// A TOML basic string: the quote must survive exactly, whatever the article contains.
std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// The map's title: "Map: " ("Mapa: ", "Carte : ") and the source's title when that is written in Latin
// letters; a title in another script as it is ("Map: " before an Arabic headline mixed two scripts and
// two directions).
std::string map_title(const std::string& source_title, const PanelWords& words) {
    const std::string titled = std::string(words.map) + std::string(words.colon) + source_title;
    for (const char32_t c : utf8::to_u32(source_title)) {
        const bool ascii_letter = (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
        const bool latin_letter = (c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
        if (ascii_letter || latin_letter)
            return titled;
        const bool neutral = c < 0xC0 || (c >= 0x2000 && c <= 0x206F); // digits, spaces, punctuation, quotes
        if (!neutral)
            return source_title; // the first letter is of another script
    }
    return titled;
}

// The article's language as far as `new` can tell: one with panel words (`words`), or one citemap has
// none for (Italian, Portuguese, Dutch: `words` null), or English when it cannot tell (`told` false,
// `evidence` says what it saw).
struct ArticleLanguage {
    std::string_view code, name;
    const PanelWords* words = nullptr;
    bool told = true;
    std::string evidence; // "German 3, Spanish 2"
};

// The language of the article by its commonest short words ("the", "der", "les", "los", "il", "os"...)
// and letters only one of the languages writes (ß ä ö ü, ñ ¿ ¡, œ, ã õ), counted over its first 3000
// words. A long text's language has five such signs at least and twice as many as the next one's; a
// headline and a two-sentence lede has too few ("La sierra bajo sospecha. Según testigos, San Andrés
// tiene la carretera bloqueada desde el lunes…" has four) and is told by two when no other language
// shows one (audit s19 D12: it was titled "Map: …" in English, with no word said). Words the languages
// share ("la", "de", "que", "in", "il", "como") count for none.
ArticleLanguage article_language(const std::string& text) {
    struct Signs {
        std::string_view code, name;
        std::initializer_list<std::string_view> common;
        std::initializer_list<char32_t> letters;
    };
    static const Signs kSigns[] = {
        {"en", "English", {"the", "and", "of", "to", "is", "was", "that", "with", "for", "said", "from", "has", "were",
                           "are", "have", "had", "will", "this", "their", "after", "by", "it"}, {}},
        {"fr", "French", {"le", "les", "des", "et", "est", "une", "du", "dans", "pour", "qui", "sur", "pas", "au", "aux",
                          "avec", "sont", "ont", "elle", "selon", "depuis", "cette", "leur"}, {U'\u0153'}},
        {"de", "German", {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "von", "ein", "eine", "auf",
                          "sich", "im", "seit", "sind", "wird", "wurde", "nach", "bei", "zum", "zur", "auch", "noch",
                          "dass", "f\u00fcr", "\u00fcber"},
         {U'\u00DF', U'\u00E4', U'\u00F6', U'\u00FC', U'\u201E'}},
        {"es", "Spanish", {"el", "los", "las", "y", "del", "por", "una", "con", "para", "se", "es", "al", "fue", "seg\u00fan",
                           "tiene", "hasta", "nadie", "pero", "muy", "tambi\u00e9n", "est\u00e1n"},
         {U'\u00F1', U'\u00BF', U'\u00A1'}},
        // Languages citemap has no words for: told apart so `new` can say so (audit s18 D7).
        {"it", "Italian", {"il", "che", "di", "della", "delle", "dei", "gli", "non", "nel", "nella", "alla", "sono", "anche", "sul", "ha"}, {}},
        {"pt", "Portuguese", {"o", "os", "do", "da", "dos", "das", "em", "na", "foi", "n\u00e3o", "s\u00e3o", "pelo", "pela", "ao", "uma"},
         {U'\u00E3', U'\u00F5'}},
        {"nl", "Dutch", {"het", "een", "van", "niet", "zijn", "voor", "op", "met", "dat", "ook", "werd", "naar", "bij"}, {}},
    };
    std::size_t counts[std::size(kSigns)] = {};
    std::string word;
    std::size_t words = 0;
    auto count = [&] {
        for (std::size_t i = 0; i < std::size(kSigns); ++i)
            counts[i] += std::count(kSigns[i].common.begin(), kSigns[i].common.end(), word);
        word.clear();
        ++words;
    };
    for (std::size_t pos = 0; pos < text.size() && words < 3000;) {
        const std::size_t at = pos;
        const char32_t c = utf8::decode(text, pos).value_or(U' ');
        if (pos == at)
            ++pos;
        for (std::size_t i = 0; i < std::size(kSigns); ++i) // ä and Ä alike
            counts[i] += std::count(kSigns[i].letters.begin(), kSigns[i].letters.end(), c >= 0xC0 && c <= 0xDE ? c + 0x20 : c);
        if (c < 0x80 ? std::isalpha(static_cast<int>(c)) != 0 : c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x250)
            word += utf8::encode(c < 0x80 ? static_cast<char32_t>(std::tolower(static_cast<int>(c)))
                                 : (c >= 0xC0 && c <= 0xDE) ? c + 0x20
                                                           : c);
        else if (!word.empty())
            count();
    }
    if (!word.empty())
        count();
    std::vector<std::size_t> order(std::size(kSigns));
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
    const std::size_t best = order[0], second = counts[order[1]];
    const bool long_text = counts[best] >= 5 && 2 * second <= counts[best];
    const bool short_text = counts[best] >= 2 && second == 0;
    if (long_text || short_text)
        return {kSigns[best].code, kSigns[best].name, find_panel_words(kSigns[best].code), true, {}};
    ArticleLanguage unsure{"en", "English", &english_words(), false, {}};
    for (const std::size_t i : order)
        if (counts[i] > 0)
            unsure.evidence += (unsure.evidence.empty() ? "" : ", ") + std::string(kSigns[i].name) + " " +
                               std::to_string(counts[i]);
    return unsure;
}

std::size_t count_occurrences(std::string_view text, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

struct QuotePass {
    std::size_t min_words;
    bool ended; // only sentences that end with . ! or ?: a headline ("Rebels hold Tasi as the date line
                // divides the islands") has none, however long
};

std::string example_quote(const SourceText& src, QuotePass pass);

// The example claim's quote: the first words of a sentence (at least six, when the sentence has them)
// that occur once in the whole text, so it needs no prefix or suffix, carried on to the end of their
// clause so that it reads as a statement ("Rebel fighters have held Tasi island since Saturday", not
// "... Tasi island since", audit s13 D10). Prose first: a reader expects a claim to quote a statement,
// not the headline.
std::string example_quote(const SourceText& src) {
    for (const QuotePass pass : {QuotePass{6, true}, QuotePass{6, false}, QuotePass{2, false}})
        if (std::string q = example_quote(src, pass); !q.empty())
            return q;
    return {};
}

// Where the clause that the first `from` bytes of `sentence` end in ends: at the next ", " "; " ": "
// or the sentence's final punctuation, when that comes within kClauseWords words; else `from`.
std::size_t clause_end(const std::string& sentence, std::size_t from) {
    constexpr std::size_t kClauseWords = 16;
    std::size_t words = static_cast<std::size_t>(std::count(sentence.begin(), sentence.begin() + static_cast<long>(from), ' ')) + 1;
    for (std::size_t i = from; i < sentence.size(); ++i) {
        const char c = sentence[i];
        const bool last = i + 1 == sentence.size();
        if ((c == ',' || c == ';' || c == ':') && (last || sentence[i + 1] == ' '))
            return i;
        if ((c == '.' || c == '!' || c == '?') && last)
            return i;
        if (c == ' ' && ++words > kClauseWords)
            return from;
    }
    return sentence.size();
}

bool ends_as_statement(const std::string& sentence) {
    std::size_t end = sentence.find_last_not_of(" \"\u201D'");
    return end != std::string::npos && std::string_view(".!?").find(sentence[end]) != std::string_view::npos;
}

std::string example_quote(const SourceText& src, QuotePass pass) {
    const std::string& text = src.text();
    for (const SentenceRange& s : src.sentences()) {
        const std::string sentence = src.slice(s);
        if (sentence.find('\n') != std::string::npos || sentence.size() < 12 ||
            static_cast<std::size_t>(std::count(sentence.begin(), sentence.end(), ' ')) + 1 < pass.min_words ||
            (pass.ended && !ends_as_statement(sentence)))
            continue;
        std::size_t words = 0;
        for (std::size_t i = 0; i <= sentence.size(); ++i) {
            if (i < sentence.size() && sentence[i] != ' ')
                continue;
            if (++words < 6 && i < sentence.size())
                continue;
            if (count_occurrences(text, sentence.substr(0, i)) == 1)
                return sentence.substr(0, clause_end(sentence, i)); // a longer run of a unique one is unique
        }
    }
    return {};
}

// The longest title the scaffold writes, in bytes; a longer first sentence is cut at a word.
constexpr std::size_t kTitleMax = 80;

// The title of the source: its first sentence, a headline or the lead's opening, with the lines of a
// hard-wrapped paragraph joined (the first line alone of "VARNA NOVA, 3 May (Wire) - Troops withdrew
// overnight from a" stopped mid-sentence, audit s11) and without a final full stop; over kTitleMax
// bytes, cut at the last space before it, with an ellipsis.
std::string headline(const SourceText& src) {
    if (src.sentences().empty())
        return "Untitled source";
    std::string line;
    for (const char c : src.slice(src.sentences().front())) {
        const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (!space)
            line += c;
        else if (!line.empty() && line.back() != ' ')
            line += ' ';
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '.'))
        line.pop_back();
    if (line.size() > kTitleMax) {
        // At a space; in a script written without them, at the start of a UTF-8 character.
        std::size_t cut = line.rfind(' ', kTitleMax - 3);
        if (cut == std::string::npos || cut == 0)
            for (cut = kTitleMax - 3; cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80;)
                --cut;
        line.resize(cut);
        while (!line.empty() && std::string_view(",;:- ").find(line.back()) != std::string_view::npos)
            line.pop_back();
        line += "\u2026";
    }
    return line.empty() ? "Untitled source" : line;
}

// A square of about 11 km at `lon, lat`: a placeholder the author replaces with their own drawing.
std::string zones_geojson(double lon, double lat) {
    const double d = 0.05;
    char ring[320];
    std::snprintf(ring, sizeof ring, "[[[%.6g, %.6g], [%.6g, %.6g], [%.6g, %.6g], [%.6g, %.6g], [%.6g, %.6g]]]", lon - d,
                  lat - d, lon + d, lat - d, lon + d, lat + d, lon - d, lat + d, lon - d, lat - d);
    return std::string(R"({
  "type": "FeatureCollection",
  "features": [
    {
      "type": "Feature",
      "properties": {
        "id": "example-zone",
        "name": "Example zone",
        "note": "A placeholder: draw your zones in geojson.io or QGIS and keep id and name"
      },
      "geometry": {
        "type": "Polygon",
        "coordinates": )") + ring + R"(
      }
    }
  ]
}
)";
}

} // namespace

int run_new(const NewOptions& o) {
    namespace fs = std::filesystem;
    if (!o.lang.empty() && !find_panel_words(o.lang))
        throw Error({}, "--lang " + o.lang + " is not a language citemap has words for",
                    "use one of " + known_panel_languages() + ", or leave --lang out");
    const fs::path dir = o.dir;
    const fs::path source_in = o.source;
    if (!fs::is_regular_file(source_in))
        throw Error({o.source, 0, 0, {}}, "cannot read the source text",
                    "name the article as a UTF-8 text file: --source article.txt");
    const fs::path source_out = dir / source_in.filename();
    const fs::path map_toml = dir / "map.toml", zones = dir / "zones.geojson";

    // Never overwrite: a project folder holds hand-written work.
    for (const fs::path& p : {map_toml, zones})
        if (fs::exists(p))
            throw Error({p.string(), 0, 0, {}}, "already exists; citemap new does not overwrite a project",
                        "choose a new folder, or edit the existing map.toml");
    const bool same_file = fs::exists(source_out) && fs::equivalent(source_out, source_in);
    if (fs::exists(source_out) && !same_file)
        throw Error({source_out.string(), 0, 0, {}}, "already exists; citemap new does not overwrite it",
                    "choose a new folder, or rename the source text");

    SourceSpec spec;
    spec.id = "article";
    spec.file = source_in;
    spec.file_as_written = source_in.filename().string();
    const SourceText src = SourceText::load(spec); // invalid UTF-8 fails here, naming line and column
    const std::string quote = example_quote(src);
    if (quote.empty())
        throw Error({o.source, 0, 0, {}}, "found no sentence to quote in the source",
                    "give a text with at least one sentence of prose");

    std::string toml;
    toml += "# A citemap project: every key is described in docs/map-toml.md of the citemap sources.\n"
            "# Check it with `citemap check DIR`, render it with `citemap render DIR`,\n"
            "# or keep a live preview open with `citemap watch DIR`.\n\n";
    // The map's own words in the article's language: `lang` when it is not English, and the title
    // and subtitle in it ("Map: " and an English subtitle over a Spanish article, audit s17 D16).
    // An article in a language citemap has no words for keeps English words, said on stderr, and its
    // title without "Map: " (English before an Italian headline, audit s18 D7).
    const ArticleLanguage seen = o.lang.empty() ? article_language(src.text()) : ArticleLanguage{o.lang, {}, &panel_words(o.lang), true, {}};
    const PanelWords& words = seen.words ? *seen.words : english_words();
    toml += "title    = " + toml_string(seen.words ? map_title(headline(src), words) : headline(src)) + "\n";
    toml += "subtitle = " + toml_string(words.scaffold_subtitle) + "\n";
    toml += "# labels = \"en+ar\"      # a second script under the names: name_<tag> of each feature\n";
    if (!seen.words)
        toml += "# The article looks " + std::string(seen.name) + ": citemap has no " + std::string(seen.name) +
                " words, so the legend, citations and credits are in English.\n"
                "# lang   = \"fr\"         # the legend, citations and credits in en, fr, de or es\n";
    else if (&words == &english_words())
        toml += "# lang   = \"fr\"         # the legend, citations and credits in en, fr, de or es\n";
    else
        toml += "lang     = " + toml_string(words.code) + "           # the legend, citations and credits (" +
                std::string(o.lang.empty() ? "the article's language" : "--lang") + "): en, fr, de or es\n";
    toml += "# page   = \"a4-landscape\"\n\n";
    toml += "[[source]]                # the cited text, verbatim UTF-8; more sources are allowed\n";
    toml += "id    = \"article\"\n";
    toml += "file  = " + toml_string(spec.file_as_written) + "\n";
    toml += "title = " + toml_string(headline(src)) + "\n";
    toml += "# published = \"YYYY-MM-DD\"   # dates the outputs\n\n";
    toml += "[zones]                   # your drawing: any format OGR reads, features need id and name\n";
    toml += std::string("# zones.geojson holds one placeholder square ") +
            (o.at ? "at the place given to citemap new" : "at 0\u00B0, 0\u00B0 (citemap new --at LON,LAT puts it elsewhere)") +
            ": replace it with your drawing (docs/quickstart.md shows how without a GIS)\n";
    toml += "file = \"zones.geojson\"\n\n";
    toml += "# [[layer]]               # base layers under the zones: land | sea | outline | boundary | "
            "localities\n"
            "# file = \"../base/outline.geojson\"\n"
            "# role = \"outline\"\n\n";
    toml += "[status.example]          # one table per status; the legend follows this order\n";
    toml += "label = \"Example status: say what the text claims\"\n";
    toml += "color = \"#0072b2\"\n\n";
    toml += "[[claim]]                 # one statement of the text about one zone\n";
    toml += "zone          = \"example-zone\"\n";
    toml += "status        = \"example\"\n";
    toml += "modality      = \"reported\"   # reported | plan | projection | denial\n";
    toml += "attributed_to = \"the article\"\n";
    toml += "cite = [{ source = \"article\", quote = " + toml_string(quote) +
            " }]   # the exact words of the source\n";

    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error({o.dir, 0, 0, {}}, "cannot create the project folder: " + ec.message(),
                    "choose a folder you can write to");
    if (!same_file) // byte for byte: the quotes are checked against this copy
        fs::copy_file(source_in, source_out);
    write_text_atomically(zones, o.at ? zones_geojson(o.at->first, o.at->second) : zones_geojson(0.05, 0.05));
    write_text_atomically(map_toml, toml);
    if (!seen.told)
        std::cerr << "citemap: cannot tell the article's language from its words ("
                  << (seen.evidence.empty() ? "none of them is a common word of " + known_panel_languages()
                                            : "common words and letters seen: " + seen.evidence)
                  << "); the map's own words (legend, claim titles, citations, credits) will be English\n"
                  << "  if the article is not English, pass --lang (one of " << known_panel_languages()
                  << ") to citemap new, or set lang in " << map_toml.string() << "\n";
    if (!seen.words)
        std::cerr << "citemap: the article looks " << seen.name << " (" << seen.code << "); citemap has words for "
                  << known_panel_languages() << "\n"
                  << "  the map's own words (legend, claim titles, citations, credits) will be English; set lang in "
                  << map_toml.string() << " to another of those, or add " << seen.name
                  << " as one table in src/core/panel_words.cpp (docs/map-toml.md, lang)\n";
    std::cerr << "citemap: wrote " << map_toml.string() << ", " << zones.string() << " and "
              << source_out.string() << "\n"
              << "  next: draw your zones into zones.geojson, then `citemap render " << o.dir << "`\n";
    return 0;
}

} // namespace citemap
