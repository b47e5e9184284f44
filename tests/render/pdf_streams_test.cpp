// Cairo's PDF streams deflated by citemap: every stream decodes to the bytes it had, /Length and the
// indirect length objects say the new size, the xref points at every object, and nothing else moves.
#include "render/cairo_renderer.hpp"
#include "render/pdf_streams.hpp"
#include "render/pdf_update.hpp"
#include "test_support.hpp"

#include <libdeflate.h>

#include <map>
#include <random>
#include <regex>

using namespace citemap;

namespace {

struct Stream {
    std::string dict, data;
};

// Inflates a zlib stream whose decoded size is unknown (grows the buffer until it fits).
std::string inflate(const std::string& z) {
    std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> d(
        libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
    for (std::size_t cap = z.size() * 4 + 64;; cap *= 2) {
        std::string out(cap, '\0');
        std::size_t got = 0;
        const auto r = libdeflate_zlib_decompress(d.get(), z.data(), z.size(), out.data(), cap, &got);
        if (r == LIBDEFLATE_SUCCESS) {
            out.resize(got);
            return out;
        }
        REQUIRE(r == LIBDEFLATE_INSUFFICIENT_SPACE);
    }
}

// Reads a PDF the way a strict reader does: the xref tables (the last one, then each /Prev) give each
// object's offset, newer sections first; a stream's /Length (direct or indirect) says where it ends.
std::map<int, Stream> read_streams(const std::string& pdf, std::map<int, std::string>* objects = nullptr) {
    const auto sx = pdf.rfind("startxref");
    REQUIRE(sx != std::string::npos);
    std::map<int, std::size_t> offsets;
    for (std::size_t xref = std::stoul(pdf.substr(sx + 9));;) {
        REQUIRE(pdf.compare(xref, 4, "xref") == 0);
        std::size_t at = xref + 5;
        while (pdf.compare(at, 7, "trailer") != 0) {
            const std::size_t nl = pdf.find('\n', at);
            const int first = std::stoi(pdf.substr(at)), count = std::stoi(pdf.substr(pdf.find(' ', at)));
            at = nl + 1;
            for (int k = 0; k < count; ++k, at += 20)
                if (pdf[at + 17] == 'n')
                    offsets.emplace(first + k, std::stoul(pdf.substr(at, 10))); // newer entries win
        }
        const std::size_t end = pdf.find("startxref", at), prev = pdf.find("/Prev ", at);
        if (prev == std::string::npos || prev > end)
            break;
        xref = std::stoul(pdf.substr(prev + 6));
    }
    auto object_at = [&](int n) {
        const std::size_t off = offsets.at(n);
        const std::size_t end = pdf.find("endobj", off);
        return pdf.substr(off, end - off);
    };
    std::map<int, Stream> streams;
    for (const auto& [n, off] : offsets) {
        const std::string head = std::to_string(n) + " 0 obj";
        if (pdf.compare(off, head.size(), head) != 0)
            continue; // Cairo points numbers it reserved and never wrote at another object
        const std::string text = object_at(n);
        if (objects)
            (*objects)[n] = text;
        // Cairo ends a stream dictionary with ">>" on a line before "stream" (no regex: std::regex
        // recurses per character and overflows the stack on a long object).
        const std::size_t kw = text.find(">>\nstream\n");
        if (kw == std::string::npos || text.compare(head.size(), 2, "\n<") != 0)
            continue;
        const std::string dict = text.substr(head.size() + 1, kw + 2 - head.size() - 1);
        static const std::regex len_re(R"(/Length\s+(\d+)(\s+0\s+R)?)");
        std::smatch l;
        REQUIRE(std::regex_search(dict, l, len_re));
        std::size_t length = std::stoul(l[1]);
        if (l[2].matched) {
            const std::string length_object = object_at(static_cast<int>(length));
            length = std::stoul(length_object.substr(length_object.find("obj") + 3));
        }
        const std::size_t data = off + kw + 10;
        REQUIRE(data + length <= pdf.size());
        CHECK(pdf.compare(data + length, 10, "\nendstream") == 0);
        streams[n] = {dict, pdf.substr(data, length)};
    }
    return streams;
}

std::string object(int n, const std::string& body) {
    return std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
}

// A small PDF with Cairo's layout: streams with indirect and direct lengths, one already filtered,
// a title with the word "stream" in it, a number reserved at another object's offset.
std::string handmade_pdf(const std::string& content, const std::string& cmap, const std::string& packed) {
    std::vector<std::pair<int, std::string>> objs = {
        {5, "<< /Length 6 0 R\n>>\nstream\n" + content + "\nendstream"},
        {6, "   " + std::to_string(content.size())},
        {7, "<< /Length " + std::to_string(cmap.size()) + " >>\nstream\n" + cmap + "\nendstream"},
        {8, "<< /Length " + std::to_string(packed.size()) + " /Filter /FlateDecode /Length1 99 >>\nstream\n" +
                packed + "\nendstream"},
        {1, "<< /Title (Mainstream >> stream of claims) /Producer (test) >>"},
        {2, "<< /Type /Catalog /Pages 3 0 R >>"},
        {3, "<< /Type /Pages /Kids [4 0 R] /Count 1 >>"},
        {4, "<< /Type /Page /Parent 3 0 R /Contents 5 0 R >>"}};
    std::string pdf = "%PDF-1.5\n%\xB5\xED\xAE\xFB\n";
    std::map<int, std::size_t> off;
    for (const auto& [n, body] : objs) {
        off[n] = pdf.size();
        pdf += object(n, body);
    }
    off[9] = off[5]; // reserved, never written (Cairo does this)
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 10\n0000000000 65535 f \n";
    for (int n = 1; n < 10; ++n) {
        char line[24];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off[n]);
        pdf += line;
    }
    pdf += "trailer\n<< /Size 10 /Root 2 0 R /Info 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace

TEST_CASE("deflated PDF streams decode to the bytes they had; lengths and xref follow") {
    std::mt19937 rng(11);
    for (int round = 0; round < 8; ++round) {
        std::string content, cmap, raw_packed;
        std::uniform_real_distribution<double> coord(0, 800);
        for (int i = 0; i < 200 + round * 900; ++i)
            content += std::to_string(coord(rng)) + " " + std::to_string(coord(rng)) + (i % 7 ? " l\n" : " m\n");
        content += "B*";
        for (int i = 0; i < 50 + round; ++i)
            cmap += "<" + std::to_string(1000 + i) + "> <00" + std::to_string(40 + i % 50) + ">\n";
        // An already deflated stream must pass through untouched, bytes and all.
        std::string packed;
        for (int i = 0; i < 300; ++i)
            packed += static_cast<char>(rng() & 0xFF);

        std::string pdf = handmade_pdf(content, cmap, packed);
        std::map<int, std::string> before_objects;
        const auto before = read_streams(pdf, &before_objects);
        REQUIRE(before.size() == 3);
        deflate_pdf_streams(pdf, "test.pdf");
        std::map<int, std::string> after_objects;
        const auto after = read_streams(pdf, &after_objects);
        REQUIRE(after.size() == 3);
        CHECK(after.at(5).dict.find("/Filter /FlateDecode") != std::string::npos);
        CHECK(after.at(7).dict.find("/Filter /FlateDecode") != std::string::npos);
        CHECK(inflate(after.at(5).data) == content);
        CHECK(inflate(after.at(7).data) == cmap);
        CHECK(after.at(5).data.size() < content.size() / 2);
        CHECK(after.at(8).data == packed);
        CHECK(after.at(8).dict == before.at(8).dict);
        // Objects without streams are the same bytes (the Info title mentions "stream").
        for (int n : {1, 2, 3, 4})
            CHECK(after_objects.at(n) == before_objects.at(n));
        CHECK(pdf.find("/Root 2 0 R /Info 1 0 R") != std::string::npos);
    }
}

TEST_CASE("a structure citemap does not know is an error, not a damaged PDF") {
    std::string not_pdf = "%PDF-1.5\n1 0 obj\n<< >>\nendobj\nstartxref\n9999\n%%EOF\n";
    CHECK_THROWS_AS(deflate_pdf_streams(not_pdf, "x.pdf"), Error);
    std::string pdf = handmade_pdf("0 0 m", "", "");
    pdf.replace(pdf.find("/Length 6 0 R"), 13, "/Length 9999 ");
    CHECK_THROWS_AS(deflate_pdf_streams(pdf, "x.pdf"), Error);
}

TEST_CASE("a map PDF from Cairo has every content stream deflated and reads back") {
    test::TempDir dir("pdfstreams");
    Scene s;
    s.width = 300;
    s.height = 200;
    Item item;
    Shape shape;
    shape.rings.push_back({{10, 10}, {290, 10}, {150, 190}, {10, 10}}); // not a rectangle: Cairo writes "re"
    shape.fill = Fill{Color{0.8, 0.2, 0.2, 1}, {}};
    item.parts.emplace_back(shape);
    s.layer("zones", "Zones").items.push_back(std::move(item));
    write_pdf(s, dir.path / "m.pdf");
    const std::string pdf = test::read_file(dir.path / "m.pdf");
    const auto streams = read_streams(pdf);
    REQUIRE(!streams.empty());
    bool drew = false;
    for (const auto& entry : streams) {
        const auto& st = entry.second;
        if (st.dict.find("/Type /Metadata") != std::string::npos)
            continue; // the XMP packet stays readable text (added after, by the incremental update)
        const auto object = entry.first; // named, not bound: clang 14 cannot capture a structured binding
        CAPTURE(object);
        REQUIRE(st.dict.find("/FlateDecode") != std::string::npos);
        drew = drew || inflate(st.data).find("290 10 l") != std::string::npos;
    }
    CHECK(drew);
}

// The incremental update finds Cairo's trailer entries and its page object by scanning (no regular
// expression over a file of tens of MB): here in hand-written PDFs with the spacing PDF allows, a
// /Pages tree before the page, and "/Type /Page" inside a stream and inside a string.
TEST_CASE("the PDF update finds the page object and the trailer entries however they are spaced") {
    Scene scene;
    scene.width = 100;
    scene.height = 80;
    scene.georef.frame = {10, 10, 90, 70};
    scene.georef.corners_lonlat = {{34.2, 31.6}, {34.2, 31.2}, {34.6, 31.2}, {34.6, 31.6}};
    scene.georef.wkt = "PROJCS[\"test\"]";
    for (const std::string& page_head : {std::string("<< /Type /Page /Parent 2 0 R >>"),
                                         std::string("<</Type/Page/Parent 2 0 R>>"),
                                         std::string("<<\n/Type\n/Page\n% a comment\n/Parent 2 0 R\n>>"),
                                         std::string("  <<  /Type  /Page>>")}) {
        for (const std::string& trailer_spacing : {std::string(" "), std::string("\n"), std::string("  \r\n")}) {
            const std::string s = trailer_spacing;
            std::string pdf = "%PDF-1.7\n"
                              "1 0 obj\n<< /Length 26 >>\nstream\nq /Type /Page 0 obj << Q\nendstream\nendobj\n"
                              "2 0 obj\n<< /Type /Pages /Kids [ 17 0 R ] /Count 1 >>\nendobj\n"
                              "3 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                              "4 0 obj\n<< /Producer (x 0 obj << /Type /Page) >>\nendobj\n"
                              "17 0 obj\n" + page_head + "\nendobj\n"
                              "xref\n0 1\n0000000000 65535 f \n"
                              "trailer\n<< /Size" + s + "18 /Root" + s + "3" + s + "0" + s + "R /Info" + s + "4" + s +
                              "0" + s + "R >>\nstartxref\n123\n%%EOF\n";
            const std::string before = pdf;
            append_pdf_update(pdf, scene, "test.pdf");
            CAPTURE(page_head);
            CAPTURE(trailer_spacing);
            REQUIRE(pdf.starts_with(before)); // an incremental update: Cairo's bytes stay as they were
            const std::string update = pdf.substr(before.size());
            CHECK(update.find("\n17 0 obj\n") != std::string::npos); // the page, with its viewport
            CHECK(update.find("/VP [") != std::string::npos);
            CHECK(update.find("\n2 0 obj") == std::string::npos);
            CHECK(update.find("\n3 0 obj\n") != std::string::npos); // the catalog, with the metadata
            CHECK(update.find("18 0 obj\n<< /Type /Metadata") != std::string::npos); // object /Size
            CHECK(update.find("/Metadata 18 0 R /Lang (en)") != std::string::npos); // an English map by default
            CHECK(update.find("/Size 19 /Root 3 0 R /Info 4 0 R /Prev 123 >>") != std::string::npos);
        }
    }
    std::string no_page = "%PDF-1.7\n2 0 obj\n<< /Type /Pages >>\nendobj\ntrailer\n<< /Size 3 /Root 2 0 R /Info 2 0 R >>\n"
                          "startxref\n0\n%%EOF\n";
    CHECK_THROWS_WITH(append_pdf_update(no_page, scene, "test.pdf"), doctest::Contains("no page object"));
    std::string no_info = "%PDF-1.7\n1 0 obj\n<< /Type /Page >>\nendobj\ntrailer\n<< /Size 3 /Root 1 0 R /Info 2 R >>\n"
                          "startxref\n0\n%%EOF\n";
    CHECK_THROWS_WITH(append_pdf_update(no_info, scene, "test.pdf"), doctest::Contains("/Info"));
}
