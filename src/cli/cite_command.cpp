// citemap cite: every citation with its span, then what the map leaves out of the source.
#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "companions/companions.hpp"
#include "core/escape.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>

namespace citemap {

int run_cite(const CiteOptions& o) {
    auto project = load_for_command(o.project, o.json);
    if (!project)
        return 1;
    const std::string json = citations_json(*project);
    if (o.json) {
        std::cout << json;
        return 0;
    }
    const auto j = nlohmann::json::parse(json);
    // Built first and shown escaped: names and quotes come from inputs and reach a terminal.
    std::ostringstream out;
    for (const auto& c : j["citations"])
        out << "[" << c["claim"].get<int>() << "] " << c["zone"].get<std::string>() << " | "
                  << c["status"].get<std::string>() << " | " << c["modality"].get<std::string>() << " | "
                  << c["attributed_to"].get<std::string>() << "\n    " << c["source"].get<std::string>()
                  << " para " << c["paragraph"].get<int>() << " sentence " << c["sentence"].get<int>()
                  << (c["end_paragraph"] != c["paragraph"] || c["end_sentence"] != c["sentence"]
                          ? " to para " + c["end_paragraph"].dump() + " sentence " + c["end_sentence"].dump()
                          : "")
                  << " ["
                  << c["start"].get<int>() << "," << c["end"].get<int>() << "): \u201C"
                  << c["exact"].get<std::string>() << "\u201D\n";
    out << "\nParagraphs no claim cites:\n";
    for (const auto& u : j["uncited_paragraphs"])
        out << "  " << u["source"].get<std::string>() << " para " << u["paragraph"].get<int>() << ": "
                  << u["text"].get<std::string>().substr(0, 100) << "\u2026\n";
    std::cout << terminal_escape(out.str());
    return 0;
}

} // namespace citemap
