// Regular-file checks and bounded reads for every input citemap opens itself or hands to GDAL.
#include "core/input_file.hpp"

#include <algorithm>
#include <fstream>

namespace citemap {

void require_regular_file(const std::filesystem::path& path, const std::string& written, const Where& from) {
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st))
        throw Error(from, "cannot find '" + written + "'",
                    "check the path; it is relative to the project folder");
    if (!std::filesystem::is_regular_file(st))
        throw Error(from, "'" + written + "' is not a regular file (a folder, pipe or device)",
                    "name a data file; citemap does not read pipes, devices or sockets");
}

std::string read_bounded(const std::filesystem::path& path, const std::string& written, const Where& from,
                         std::size_t max_bytes) {
    require_regular_file(path, written, from);
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes)
        throw Error(from,
                    "'" + written + "' is " + std::to_string(size >> 20) + " MiB, more than the " +
                        std::to_string(max_bytes >> 20) + " MiB citemap reads",
                    "cite an excerpt of the text, or split the source into several [[source]] files");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(from, "cannot read '" + written + "'", "check the file's permissions");
    // Sized by the file, not by the limit: a zero-filled buffer of the limit (32 MiB for a source)
    // cost more than reading a typical article. Read on to EOF in case the file grew since stat.
    std::string text(std::min<std::size_t>(ec ? 0 : size, max_bytes) + 1, '\0');
    std::size_t got = 0;
    while (in.read(text.data() + got, static_cast<std::streamsize>(text.size() - got)), in.gcount() > 0) {
        got += static_cast<std::size_t>(in.gcount());
        if (got < text.size() || got > max_bytes)
            break;
        text.resize(std::min(text.size() * 2, max_bytes + 1));
    }
    text.resize(got);
    if (text.size() > max_bytes)
        throw Error(from, "'" + written + "' is larger than the " + std::to_string(max_bytes >> 20) +
                              " MiB citemap reads",
                    "cite an excerpt of the text");
    return text;
}

} // namespace citemap
