// Rewrites Cairo's PDF once, in memory: objects keep their numbers and order; only stream bodies,
// their dictionaries' /Length and /Filter, the indirect length objects and the xref change.
#include "render/pdf_streams.hpp"

#include "core/error.hpp"
#include "render/pdf_syntax.hpp"
#include "render/zlib_deflate.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <string_view>
#include <vector>

namespace citemap {

namespace {

struct XrefEntry {
    std::size_t offset = 0;
    std::string generation_and_type; // "00000 n" or "65535 f": copied as it was
};

// The unsigned integer at `at` (after blanks); npos when there is none.
std::size_t read_number(std::string_view s, std::size_t& at) {
    at = skip_pdf_space(s, at);
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(s.data() + at, s.data() + s.size(), v);
    if (ec != std::errc{})
        return std::string_view::npos;
    at = static_cast<std::size_t>(end - s.data());
    return v;
}

// Where "/Length" (not /Length1, /Length2 ...) starts in a stream dictionary.
std::size_t find_length_key(std::string_view dict) {
    for (std::size_t at = dict.find("/Length"); at != std::string_view::npos; at = dict.find("/Length", at + 1)) {
        const std::size_t after = at + 7;
        if (after < dict.size() && (pdf_space(dict[after]) || dict[after] == '/'))
            return at;
    }
    return std::string_view::npos;
}

// Where the keyword "stream" that opens an object's stream data is: right after the dictionary's
// ">>" and before an end of line (the word inside a string, say a title, is not it).
std::size_t stream_keyword(std::string_view text) {
    for (std::size_t k = text.find("stream"); k != std::string_view::npos; k = text.find("stream", k + 1)) {
        if (k + 6 >= text.size() || (text[k + 6] != '\n' && text[k + 6] != '\r'))
            continue;
        std::size_t b = k;
        while (b > 0 && pdf_space(text[b - 1]))
            --b;
        if (b >= 2 && text.substr(b - 2, 2) == ">>")
            return k;
    }
    return std::string_view::npos;
}

} // namespace

void deflate_pdf_streams(std::string& pdf, const std::string& where) {
    auto fail = [&](const std::string& what) {
        return Error({where, 0, 0, {}}, what, "report this: the PDF does not have the structure Cairo writes");
    };
    const std::string_view in(pdf);
    const std::size_t sx = in.rfind("startxref");
    if (sx == std::string_view::npos)
        throw fail("no startxref in the PDF");
    std::size_t at = sx + 9;
    const std::size_t xref_at = read_number(in, at);
    if (xref_at == std::string_view::npos || xref_at >= in.size() || in.substr(xref_at, 4) != "xref")
        throw fail("no xref table where startxref points");
    const std::size_t trailer_at = in.find("trailer", xref_at);
    if (trailer_at == std::string_view::npos)
        throw fail("no trailer in the PDF");

    // The xref table: subsections "first count", then count entries of 20 bytes each.
    std::vector<std::pair<int, int>> subsections;
    std::vector<XrefEntry> entries;
    at = xref_at + 4;
    while (skip_pdf_space(in, at) < trailer_at) {
        const std::size_t first = read_number(in, at), count = read_number(in, at);
        if (first == std::string_view::npos || count == std::string_view::npos || count > in.size() / 20)
            throw fail("an unreadable xref subsection");
        subsections.emplace_back(static_cast<int>(first), static_cast<int>(count));
        at = skip_pdf_space(in, at);
        for (std::size_t k = 0; k < count; ++k, at += 20) {
            if (at + 18 > in.size())
                throw fail("a truncated xref table");
            std::size_t p = at;
            const std::size_t offset = read_number(in, p);
            if (offset == std::string_view::npos)
                throw fail("an unreadable xref entry");
            entries.push_back({offset, std::string(in.substr(at + 11, 7))});
        }
    }

    // Objects in file order, each running to the next one (the last to the xref table). Cairo gives
    // numbers it reserved but never wrote the offset of another object, so offsets are the key and
    // each object's number is read from its own "N 0 obj".
    std::vector<std::size_t> starts;
    for (const XrefEntry& e : entries)
        if (e.generation_and_type.back() == 'n') {
            if (e.offset >= xref_at)
                throw fail("an xref offset past the table");
            starts.push_back(e.offset);
        }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    if (starts.empty())
        throw fail("no objects in the PDF");
    std::map<int, std::string_view> body;    // number -> "N 0 obj ... endobj\n"
    std::vector<int> order;                  // numbers in file order
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : xref_at;
        const std::string_view text = in.substr(starts[i], end - starts[i]);
        std::size_t p = 0;
        const std::size_t number = read_number(text, p);
        if (number == std::string_view::npos || number > 0x7FFFFFFF || body.count(static_cast<int>(number)))
            throw fail("an xref offset that is not the start of an object");
        body[static_cast<int>(number)] = text;
        order.push_back(static_cast<int>(number));
    }

    std::map<int, std::string> replaced;        // rewritten objects
    std::map<int, std::size_t> indirect_length; // length object -> its stream's new length
    for (const auto& [number, text] : body) {
        const std::size_t keyword = stream_keyword(text);
        if (keyword == std::string_view::npos)
            continue;
        const std::size_t dict_end = text.rfind(">>", keyword);
        const std::size_t obj_end = text.find("obj");
        if (dict_end == std::string_view::npos || obj_end == std::string_view::npos || obj_end > dict_end)
            throw fail("a stream without a dictionary in object " + std::to_string(number));
        const std::string_view dict = text.substr(obj_end + 3, dict_end - obj_end - 3);
        if (dict.find("/Filter") != std::string_view::npos)
            continue; // already encoded (Cairo's font subsets, images)
        const std::size_t key = find_length_key(dict);
        if (key == std::string_view::npos)
            throw fail("a stream without /Length in object " + std::to_string(number));
        std::size_t p = key + 7;
        std::size_t length = read_number(dict, p);
        const std::size_t value_end = p;
        std::size_t q = skip_pdf_space(dict, p);
        int length_object = -1;
        if (length != std::string_view::npos && dict.substr(q, 1) == "0") {
            std::size_t r = q + 1;
            r = skip_pdf_space(dict, r);
            if (dict.substr(r, 1) == "R") {
                length_object = static_cast<int>(length);
                const auto it = body.find(length_object);
                std::size_t v = it == body.end() ? std::string_view::npos : it->second.find("obj");
                length = v == std::string_view::npos ? v : read_number(it->second, v += 3);
            }
        }
        // The data starts after the end of line that follows the keyword.
        std::size_t data = keyword + 6;
        if (text.substr(data, 2) == "\r\n")
            data += 2;
        else if (data < text.size() && text[data] == '\n')
            ++data;
        if (length == std::string_view::npos || data + length > text.size())
            throw fail("a stream whose /Length runs past its object " + std::to_string(number));
        // Harder work on the many small streams (fonts' CMaps, short pages); a big map's page stream
        // of tens of MB at the fast level.
        const Deflated z = zlib_deflate(reinterpret_cast<const unsigned char*>(text.data() + data), length,
                                        length < (std::size_t{1} << 20) ? DeflateEffort::small : DeflateEffort::fast);
        if (z.size == 0)
            throw fail("cannot compress a stream of object " + std::to_string(number));
        std::string out;
        out.reserve(data + z.size + (text.size() - data - length) + 32);
        out.append(text.substr(0, obj_end + 3));
        if (length_object >= 0) {
            indirect_length[length_object] = z.size;
            out.append(dict);
        } else {
            out.append(dict.substr(0, key + 7)).append(" " + std::to_string(z.size)).append(dict.substr(value_end));
        }
        out.append(" /Filter /FlateDecode ");
        out.append(text.substr(dict_end, data - dict_end));
        out.append(reinterpret_cast<const char*>(z.data.get()), z.size);
        out.append(text.substr(data + length));
        replaced[number] = std::move(out);
    }
    for (const auto& [number, length] : indirect_length)
        replaced[number] = std::to_string(number) + " 0 obj\n   " + std::to_string(length) + "\nendobj\n";

    std::string result;
    std::size_t total = starts.front();
    for (const auto& [number, text] : body) {
        const auto it = replaced.find(number);
        total += it == replaced.end() ? text.size() : it->second.size();
    }
    result.reserve(total + (in.size() - xref_at) + 64);
    result.append(in.substr(0, starts.front()));
    std::map<std::size_t, std::size_t> moved; // old offset -> new offset
    for (std::size_t i = 0; i < order.size(); ++i) {
        moved[starts[i]] = result.size();
        const auto it = replaced.find(order[i]);
        result.append(it == replaced.end() ? body[order[i]] : std::string_view(it->second));
    }
    const std::size_t new_xref = result.size();
    result += "xref\n";
    std::size_t k = 0;
    for (const auto& [first, count] : subsections) {
        result += std::to_string(first) + " " + std::to_string(count) + "\n";
        for (int i = 0; i < count; ++i, ++k) {
            const XrefEntry& e = entries[k];
            const std::size_t offset = e.generation_and_type.back() == 'n' ? moved[e.offset] : e.offset;
            char line[24];
            std::snprintf(line, sizeof line, "%010zu %s \n", offset, e.generation_and_type.c_str());
            result += line;
        }
    }
    const std::size_t after_trailer = in.rfind("startxref");
    result.append(in.substr(trailer_at, after_trailer - trailer_at));
    result += "startxref\n" + std::to_string(new_xref) + "\n%%EOF\n";
    pdf = std::move(result);
}

} // namespace citemap
