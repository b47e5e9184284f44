// libFuzzer target: a source text and a quote (separated by the first NUL byte) through the paragraph and
// sentence splitters and the quote resolver, exact and normalised.
#include "sources/quote_resolver.hpp"
#include "sources/sentence_splitter.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace citemap;
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto nul = input.find('\0');
    const std::string text = input.substr(0, nul);
    const std::string quote = nul == std::string::npos ? text.substr(text.size() / 2) : input.substr(nul + 1);
    (void)split_sentences(text);
    try {
        SourceSpec spec;
        spec.id = "fuzz";
        const SourceText source = SourceText::from_string(spec, text);
        for (const auto& para : source.paragraphs())
            (void)split_sentences(source.slice(para));
        for (MatchMode mode : {MatchMode::exact, MatchMode::normalized}) {
            CitationSpec c;
            c.source = "fuzz";
            c.quote = quote;
            try {
                const ResolvedQuote q = resolve_quote(c, source, mode);
                (void)source.sentence_at(q.bytes.begin);
            } catch (const Error& e) {
                (void)e.format();
            }
        }
    } catch (const Error&) {
    }
    return 0;
}
