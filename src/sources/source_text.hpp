// A cited source: its verbatim text, split into paragraphs and sentences, with code-point offsets.
#pragma once

#include "spec/map_spec.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace citemap {

struct TextRange {
    std::size_t begin = 0; // byte offsets into SourceText::text
    std::size_t end = 0;
};

struct SentenceRange : TextRange {
    int paragraph = 0; // 1-based
    int number = 0;    // 1-based within its paragraph
};

class SourceText {
  public:
    // Reads the file; invalid UTF-8 is an Error naming line and column.
    static SourceText load(const SourceSpec& spec);
    static SourceText from_string(SourceSpec spec, std::string text);

    [[nodiscard]] const SourceSpec& spec() const { return spec_; }
    [[nodiscard]] const std::string& text() const { return text_; }
    [[nodiscard]] const std::vector<TextRange>& paragraphs() const { return paragraphs_; }
    [[nodiscard]] const std::vector<SentenceRange>& sentences() const { return sentences_; }
    [[nodiscard]] std::size_t code_point_at(std::size_t byte) const;
    [[nodiscard]] const SentenceRange& sentence_at(std::size_t byte) const;
    [[nodiscard]] std::string slice(TextRange r) const { return text_.substr(r.begin, r.end - r.begin); }

  private:
    SourceText(SourceSpec spec, std::string text);
    SourceSpec spec_;
    std::string text_;
    std::vector<TextRange> paragraphs_;
    std::vector<SentenceRange> sentences_;
    static constexpr std::size_t kBlock = 4096;
    std::vector<std::size_t> block_code_points_; // code points before each kBlock bytes
};

} // namespace citemap
