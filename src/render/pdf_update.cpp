// Incremental update of Cairo's PDF: the original bytes stay untouched, new versions of the catalog
// and the page follow with their own xref section pointing back (/Prev) at Cairo's. Everything
// written is a function of the Scene, so the file stays byte-identical between runs.
#include "render/pdf_update.hpp"

#include "core/error.hpp"
#include "render/pdf_syntax.hpp"
#include "render/xmp_packet.hpp"

#include <cstdio>
#include <cctype>
#include <map>
#include <optional>
#include <string_view>

namespace citemap {

namespace {

std::string pdf_num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

// A PDF literal string: backslash, parentheses and line ends escaped.
std::string pdf_string(const std::string& s) {
    std::string o = "(";
    for (char c : s) {
        if (c == '(' || c == ')' || c == '\\')
            o += '\\';
        if (c == '\n') {
            o += "\\n";
            continue;
        }
        if (c == '\r') {
            o += "\\r";
            continue;
        }
        o += c;
    }
    return o + ")";
}

// The unsigned number at `at` (nullopt when there is none), `at` moved past it.
std::optional<long> number_at(std::string_view s, std::size_t& at) {
    const std::size_t from = at;
    long v = 0;
    while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at])) && v < 1'000'000'000)
        v = v * 10 + (s[at++] - '0');
    if (at == from)
        return std::nullopt;
    return v;
}

// "<key> N" (a number) or, with `reference`, "<key> N 0 R": the value of the first such entry.
std::optional<long> entry(std::string_view dict, std::string_view key, bool reference) {
    for (std::size_t k = dict.find(key); k != std::string_view::npos; k = dict.find(key, k + 1)) {
        std::size_t at = k + key.size();
        if (at >= dict.size() || !pdf_space(dict[at]))
            continue;
        at = skip_pdf_space(dict, at);
        const std::optional<long> v = number_at(dict, at);
        if (!v)
            continue;
        if (!reference)
            return v;
        std::size_t r = skip_pdf_space(dict, at);
        if (r == at || r >= dict.size() || dict[r] != '0')
            continue;
        const std::size_t after_zero = r + 1;
        r = skip_pdf_space(dict, after_zero);
        if (r != after_zero && r < dict.size() && dict[r] == 'R')
            return v;
    }
    return std::nullopt;
}

// The number of the first object whose dictionary opens with /Type /Page (Cairo's page, not the
// /Pages tree): a scan for "\nN 0 obj", which a regular expression over the whole file did ~10x
// slower (a big map's PDF is tens of MB).
std::optional<long> first_page_object(std::string_view pdf) {
    for (std::size_t at = pdf.find(" 0 obj"); at != std::string_view::npos; at = pdf.find(" 0 obj", at + 1)) {
        std::size_t digits = at;
        while (digits > 0 && std::isdigit(static_cast<unsigned char>(pdf[digits - 1])))
            --digits;
        if (digits == at || digits == 0 || pdf[digits - 1] != '\n')
            continue;
        std::size_t p = skip_pdf_space(pdf, at + 6);
        if (pdf.substr(p, 2) != "<<")
            continue;
        p = skip_pdf_space(pdf, p + 2);
        if (pdf.substr(p, 5) != "/Type")
            continue;
        p = skip_pdf_space(pdf, p + 5);
        if (pdf.substr(p, 5) != "/Page" || p + 5 >= pdf.size())
            continue;
        const char next = pdf[p + 5];
        if (pdf_space(next) || next == '%' || next == '/' || next == '>')
            return number_at(pdf, digits);
    }
    return std::nullopt;
}

struct ObjectText {
    int number = 0;
    std::string dict; // from "<<" to the matching final ">>"
};

// The dictionary of object `number`, as Cairo writes it: "N 0 obj\n<< ... >>\nendobj".
ObjectText object_dict(const std::string& pdf, int number, const std::string& where) {
    const std::string head = "\n" + std::to_string(number) + " 0 obj";
    const auto at = pdf.rfind(head);
    const auto open = at == std::string::npos ? at : pdf.find("<<", at);
    const auto end = open == std::string::npos ? open : pdf.find("endobj", open);
    const auto close = end == std::string::npos ? end : pdf.rfind(">>", end);
    if (close == std::string::npos || close < open)
        throw Error({where, 0, 0, {}}, "cannot find PDF object " + std::to_string(number),
                    "report this: the PDF does not have the structure Cairo writes");
    return {number, pdf.substr(open, close + 2 - open)};
}

// Adds entries before the dictionary's closing ">>" (a line of its own: Cairo's dictionaries may end
// their lines with % comments).
std::string with_entries(const std::string& dict, const std::string& entries) {
    return dict.substr(0, dict.size() - 2) + "\n" + entries + "\n>>";
}

std::string geo_viewport(const Scene& scene) {
    const MapGeoref& g = scene.georef;
    // PDF user space has y growing upwards from the bottom of the page.
    const double x0 = g.frame.minx, x1 = g.frame.maxx;
    const double y0 = scene.height - g.frame.maxy, y1 = scene.height - g.frame.miny;
    std::string gpts;
    for (const Point& c : g.corners_lonlat)
        gpts += pdf_num(c.y) + " " + pdf_num(c.x) + " ";
    std::string gcs = "<< /Type /PROJCS /WKT " + pdf_string(g.wkt);
    if (g.epsg)
        gcs += " /EPSG " + std::to_string(g.epsg);
    gcs += " >>";
    // Bounds and LPTS: the corners upper-left, lower-left, lower-right, upper-right of the viewport's
    // unit square, matching the order of GPTS (as GDAL writes it, so GDAL and QGIS read it back).
    return "/VP [ << /Type /Viewport /Name (Map) /BBox [ " + pdf_num(x0) + " " + pdf_num(y0) + " " +
           pdf_num(x1) + " " + pdf_num(y1) +
           " ] /Measure << /Type /Measure /Subtype /GEO /Bounds [ 0 1 0 0 1 0 1 1 ]"
           " /LPTS [ 0 1 0 0 1 0 1 1 ] /GPTS [ " +
           gpts + "] /GCS " + gcs + " >> >> ]";
}

} // namespace

void append_pdf_update(std::string& pdf, const Scene& scene, const std::string& where) {
    auto fail = [&](const std::string& what) {
        return Error({where, 0, 0, {}}, what, "report this: the PDF does not have the structure Cairo writes");
    };
    const auto sx = pdf.rfind("startxref");
    const auto tr = pdf.rfind("trailer");
    if (sx == std::string::npos || tr == std::string::npos || tr > sx)
        throw fail("no trailer in the PDF");
    const std::string_view trailer = std::string_view(pdf).substr(tr, sx - tr);
    auto find_int = [&](std::string_view key, bool reference) {
        const std::optional<long> v = entry(trailer, key, reference);
        if (!v)
            throw fail("no " + std::string(key) + " in the PDF trailer");
        return static_cast<int>(*v);
    };
    const int size = find_int("/Size", false);
    const int root = find_int("/Root", true);
    const int info = find_int("/Info", true);
    const long prev = std::stol(pdf.substr(sx + 9));

    const std::optional<long> page_number = first_page_object(pdf);
    if (!page_number)
        throw fail("no page object in the PDF");
    const int page = static_cast<int>(*page_number);

    if (pdf.back() != '\n')
        pdf += '\n';
    std::map<int, std::size_t> offsets;
    auto add = [&](int number, const std::string& body) {
        offsets[number] = pdf.size();
        pdf += std::to_string(number) + " 0 obj\n" + body + "\nendobj\n";
    };
    const int xmp_obj = size;
    const std::string xmp = xmp_packet(scene.meta, "application/pdf");
    add(xmp_obj, "<< /Type /Metadata /Subtype /XML /Length " + std::to_string(xmp.size()) + " >>\nstream\n" +
                     xmp + "\nendstream");
    add(root, with_entries(object_dict(pdf, root, where).dict, "/Metadata " + std::to_string(xmp_obj) + " 0 R /Lang " +
                                                                    pdf_string(scene.meta.language())));
    if (!scene.georef.corners_lonlat.empty() && !scene.georef.wkt.empty())
        add(page, with_entries(object_dict(pdf, page, where).dict, geo_viewport(scene)));

    const std::size_t xref_at = pdf.size();
    pdf += "xref\n0 1\n0000000000 65535 f \n";
    for (const auto& [number, offset] : offsets) {
        char line[32];
        std::snprintf(line, sizeof line, "%d 1\n%010zu 00000 n \n", number, offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(size + 1) + " /Root " + std::to_string(root) + " 0 R /Info " +
           std::to_string(info) + " 0 R /Prev " + std::to_string(prev) + " >>\nstartxref\n" +
           std::to_string(xref_at) + "\n%%EOF\n";
}

} // namespace citemap
