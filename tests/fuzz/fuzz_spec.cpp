// libFuzzer target: map.toml text -> MapSpec. Any input must end in a value or an Error, never a crash,
// a hang or a stack overflow (toml_bounds.cpp and the hand parsers exist because of such inputs).
#include "spec/spec_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace citemap;
    Diagnostics diags;
    try {
        (void)parse_spec(std::string_view(reinterpret_cast<const char*>(data), size), "/nonexistent/fuzz/project",
                         "map.toml", diags);
    } catch (const Error&) {
    }
    for (const Diagnostic& d : diags.all())
        (void)d.format(); // formatting escapes input text for the terminal: exercise it too
    return 0;
}
