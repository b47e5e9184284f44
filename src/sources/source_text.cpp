// Paragraphs are blank-line blocks when the text has blank lines, otherwise its non-empty lines.
#include "sources/source_text.hpp"

#include "core/input_file.hpp"
#include "sources/line_ends.hpp"
#include "sources/sentence_splitter.hpp"
#include "sources/text_encoding.hpp"
#include "sources/utf8.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace citemap {

namespace {

std::vector<TextRange> split_paragraphs(const std::string& t) {
    // A text saved with lone CRs (classic Mac OS) was one line, every quote in paragraph 1.
    struct Line {
        TextRange text;        // without its line end
        std::size_t next = 0;  // where the next line starts
    };
    std::vector<Line> lines;
    for (std::size_t b = 0; b < t.size();) {
        std::size_t e = t.find_first_of("\r\n", b);
        if (e == std::string::npos)
            e = t.size();
        const std::size_t next = e + line_end_at(t, e);
        lines.push_back({{b, e}, next});
        b = next;
    }
    auto blank = [&](const TextRange& r) {
        return std::all_of(t.begin() + r.begin, t.begin() + r.end, [](char c) { return c == ' ' || c == '\t'; });
    };
    const bool has_blank_lines = std::any_of(lines.begin(), lines.end(), [&](const Line& l) { return blank(l.text); });
    std::vector<TextRange> out;
    std::size_t after_last = std::string::npos; // where the line after the last one kept starts
    for (const auto& l : lines) {
        if (blank(l.text))
            continue;
        // With blank lines, consecutive non-blank lines form one (hard-wrapped) paragraph.
        if (has_blank_lines && !out.empty() && after_last == l.text.begin)
            out.back().end = l.text.end;
        else
            out.push_back(l.text);
        after_last = l.next;
    }
    for (auto& p : out)
        while (p.end > p.begin && t[p.end - 1] == ' ')
            --p.end;
    return out;
}

} // namespace

SourceText::SourceText(SourceSpec spec, std::string text) : spec_(std::move(spec)), text_(std::move(text)) {
    if (text_.rfind("\xEF\xBB\xBF", 0) == 0)
        text_.erase(0, 3); // a BOM is not part of the text
    paragraphs_ = split_paragraphs(text_);
    for (std::size_t p = 0; p < paragraphs_.size(); ++p) {
        const auto& para = paragraphs_[p];
        int n = 0;
        for (auto [b, e] : split_sentences(std::string_view(text_).substr(para.begin, para.end - para.begin)))
            sentences_.push_back({{para.begin + b, para.begin + e}, static_cast<int>(p + 1), ++n});
    }
    // Code points before each block of kBlock bytes, counted once: code_point_at then counts at most
    // one block. utf8::count counts lead bytes, so counts over any split of the bytes add up.
    block_code_points_.push_back(0);
    for (std::size_t b = 0; b + kBlock <= text_.size(); b += kBlock)
        block_code_points_.push_back(block_code_points_.back() + utf8::count(std::string_view(text_).substr(b, kBlock)));
}

SourceText SourceText::from_string(SourceSpec spec, std::string text) {
    require_utf8(text, spec.file.string(), "source '" + spec.id + "'");
    return SourceText(std::move(spec), std::move(text));
}

SourceText SourceText::load(const SourceSpec& spec) {
    const Where at{spec.where.file, spec.where.line, spec.where.column, {}};
    std::string text;
    try {
        // 32 MiB is a book; a cited news report is a few kilobytes.
        text = read_bounded(spec.file, spec.file_as_written, at, 32u << 20);
    } catch (const Error& e) {
        throw Error(at, "cannot read source '" + spec.id + "': " + e.message(), e.hint());
    }
    // An empty file made every quote "not found, nothing is close", one error per quote, none naming
    // the cause.
    if (std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }) ||
        text == "\xEF\xBB\xBF")
        throw Error(at,
                    "source '" + spec.id + "' is empty: '" + spec.file_as_written + "' holds " +
                        (text.empty() ? "no text at all (0 bytes)" : "only white space"),
                    "paste the article the claims quote into it and save it (as UTF-8), or name the file that holds it");
    return from_string(spec, std::move(text));
}

std::size_t SourceText::code_point_at(std::size_t byte) const {
    byte = std::min(byte, text_.size());
    const std::size_t block = byte / kBlock;
    return block_code_points_[block] +
           utf8::count(std::string_view(text_).substr(block * kBlock, byte - block * kBlock));
}

const SentenceRange& SourceText::sentence_at(std::size_t byte) const {
    // A span in white space outside every sentence (a text of spaces has none) belongs to no sentence.
    static const SentenceRange none{};
    if (sentences_.empty())
        return none;
    auto it = std::upper_bound(sentences_.begin(), sentences_.end(), byte,
                               [](std::size_t b, const SentenceRange& s) { return b < s.begin; });
    if (it != sentences_.begin())
        --it;
    return *it;
}

} // namespace citemap
