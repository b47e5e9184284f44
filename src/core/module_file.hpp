// Finds and opens one of citemap's modules: shared objects opened only by the commands that need them
// (citemap-gdal.so, citemap-preview.so), so that every other run skips their libraries' dynamic linking.
#pragma once

#include "core/shared_object.hpp"

#include <filesystem>
#include <string>

namespace citemap {

struct ModuleFile {
    SharedObject handle;
    std::filesystem::path path;
};

// Opens `file` from the path in the environment variable `env` when it is set (the test programs, which
// are not beside it), else beside the executable (build/src/), else in the install's module folder
// (lib/<arch>/citemap/), and never unloads it (libraries such as GDAL and GLib's type system register
// exit handlers and types of their own). Throws Error naming where it looked; `need` says what the
// module is for.
[[nodiscard]] ModuleFile open_module(const char* file, const char* env, const std::string& need);

[[nodiscard]] void* module_symbol(const ModuleFile& module, const char* symbol);
[[noreturn]] void throw_module_mismatch(const ModuleFile& module);

// The module's interface from its entry point `symbol`, called with `abi`. Throws Error when the entry
// is missing or returns null: the module is from another build of citemap.
template <typename Interface>
const Interface& module_entry(const ModuleFile& module, const char* symbol, int abi) {
    using Entry = const Interface* (*)(int);
    const auto entry = reinterpret_cast<Entry>(module_symbol(module, symbol));
    const Interface* found = entry ? entry(abi) : nullptr;
    if (!found)
        throw_module_mismatch(module);
    return *found;
}

} // namespace citemap
