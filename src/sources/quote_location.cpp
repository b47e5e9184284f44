// Quote locations (see quote_location.hpp).
#include "sources/quote_location.hpp"

namespace citemap {

std::string quote_location(const ResolvedQuote& q) {
    std::string out = "\u00B6" + std::to_string(q.paragraph) + " s" + std::to_string(q.sentence);
    if (q.end_paragraph != q.paragraph)
        out += "\u2013\u00B6" + std::to_string(q.end_paragraph) + " s" + std::to_string(q.end_sentence);
    else if (q.end_sentence != q.sentence)
        out += "\u2013s" + std::to_string(q.end_sentence);
    return out;
}

std::string quote_location_words(const ResolvedQuote& q) {
    const auto words = [](int paragraph, int sentence) {
        return "paragraph " + std::to_string(paragraph) + ", sentence " + std::to_string(sentence);
    };
    std::string out = words(q.paragraph, q.sentence);
    if (q.end_paragraph != q.paragraph)
        out += " to " + words(q.end_paragraph, q.end_sentence);
    else if (q.end_sentence != q.sentence)
        out += " to sentence " + std::to_string(q.end_sentence);
    return out;
}

bool quote_touches_paragraph(const ResolvedQuote& q, int paragraph) {
    return paragraph >= q.paragraph && paragraph <= q.end_paragraph;
}

} // namespace citemap
