// XMP as Adobe's XMP specification part 1 lays it out: one rdf:Description, language alternatives for
// title and description, ordered arrays (rdf:Seq) for the lists.
#include "render/xmp_packet.hpp"

#include "core/escape.hpp"

namespace citemap {

namespace {

std::string alt(const std::string& v) {
    return "<rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(v) + "</rdf:li></rdf:Alt>";
}

std::string seq(const std::vector<std::string>& items) {
    std::string s = "<rdf:Seq>";
    for (const auto& i : items)
        s += "<rdf:li>" + xml_escape(i) + "</rdf:li>";
    return s + "</rdf:Seq>";
}

std::string prop(const char* name, const std::string& v) {
    return std::string(" <citemap:") + name + ">" + xml_escape(v) + "</citemap:" + name + ">";
}

} // namespace

std::string xmp_packet(const Metadata& meta, const std::string& format) {
    const std::string tool = meta.creator + (meta.version.empty() ? "" : " " + meta.version);
    std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "<rdf:Description rdf:about=\"\"\n"
                    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                    " xmlns:citemap=\"" +
                    std::string(kXmpNamespace) + "\">\n";
    x += "<dc:format>" + xml_escape(format) + "</dc:format>\n";
    x += "<dc:title>" + alt(meta.title) + "</dc:title>\n";
    x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(meta.language()) + "</rdf:li></rdf:Bag></dc:language>\n";
    if (!meta.description.empty())
        x += "<dc:description>" + alt(meta.description) + "</dc:description>\n";
    if (!meta.date_iso.empty()) {
        x += "<dc:date>" + seq({meta.date_iso}) + "</dc:date>\n";
        x += "<xmp:CreateDate>" + xml_escape(meta.date_iso) + "</xmp:CreateDate>\n";
        x += "<xmp:ModifyDate>" + xml_escape(meta.date_iso) + "</xmp:ModifyDate>\n";
    }
    x += "<xmp:CreatorTool>" + xml_escape(tool) + "</xmp:CreatorTool>\n";
    if (!meta.sources.empty())
        x += "<dc:source>" + xml_escape(meta.sources.front()) + "</dc:source>\n";
    x += "<citemap:version>" + xml_escape(meta.version) + "</citemap:version>\n";
    x += "<citemap:sources>" + seq(meta.sources) + "</citemap:sources>\n";
    x += "<citemap:claims><rdf:Seq>\n";
    for (const ClaimRecord& c : meta.claims) {
        x += "<rdf:li rdf:parseType=\"Resource\">" + prop("number", std::to_string(c.number)) +
             prop("zone", c.zone) + prop("status", c.status) + prop("modality", c.modality) +
             prop("attributedTo", c.attributed_to) + (c.since.empty() ? "" : prop("since", c.since)) +
             (c.until.empty() ? "" : prop("until", c.until)) + " <citemap:quotes>" + seq(c.quotes) +
             "</citemap:quotes></rdf:li>\n";
    }
    x += "</rdf:Seq></citemap:claims>\n";
    x += "<citemap:inputs><rdf:Seq>\n";
    for (const InputRecord& i : meta.inputs)
        x += "<rdf:li rdf:parseType=\"Resource\">" + prop("path", i.path) + prop("sha256", i.sha256) +
             "</rdf:li>\n";
    x += "</rdf:Seq></citemap:inputs>\n";
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
    return x;
}

std::string provenance_text(const Metadata& meta) {
    std::string s;
    for (const ClaimRecord& c : meta.claims) {
        s += std::to_string(c.number) + ". " + c.zone + ": " + c.status + " (" + c.modality + ", " +
             c.attributed_to + ")\n";
        for (const auto& q : c.quotes)
            s += "   \u201C" + q + "\u201D\n";
    }
    for (const auto& src : meta.sources)
        s += "Source: " + src + "\n";
    for (const InputRecord& i : meta.inputs)
        s += "Input: " + i.path + " sha256:" + i.sha256 + "\n";
    return s;
}

} // namespace citemap
