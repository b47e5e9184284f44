// Quote locations (see quote_location.hpp).
#include "sources/quote_location.hpp"

namespace citemap {

std::string quote_location(const ResolvedQuote& q, const PanelWords& w) {
    const std::string s(w.sentence_mark);
    std::string out = "\u00B6" + std::to_string(q.paragraph) + " " + s + std::to_string(q.sentence);
    if (q.end_paragraph != q.paragraph)
        out += "\u2013\u00B6" + std::to_string(q.end_paragraph) + " " + s + std::to_string(q.end_sentence);
    else if (q.end_sentence != q.sentence)
        out += "\u2013" + s + std::to_string(q.end_sentence);
    return out;
}

std::string quote_location_words(const ResolvedQuote& q, const PanelWords& w) {
    const auto words = [&](int paragraph, int sentence) {
        return fill(w.paragraph_sentence, {std::to_string(paragraph), std::to_string(sentence)});
    };
    std::string out = words(q.paragraph, q.sentence);
    if (q.end_paragraph != q.paragraph)
        out += std::string(w.to) + words(q.end_paragraph, q.end_sentence);
    else if (q.end_sentence != q.sentence)
        out += fill(w.to_sentence, {std::to_string(q.end_sentence)});
    return out;
}

bool quote_touches_paragraph(const ResolvedQuote& q, int paragraph) {
    return paragraph >= q.paragraph && paragraph <= q.end_paragraph;
}

} // namespace citemap
