// Where citemap's modules are looked for, and what a missing or mismatched one says.
#include "core/module_file.hpp"

#include "core/error.hpp"

#include <cstdlib>
#include <vector>

namespace citemap {

namespace {

std::filesystem::path executable_folder() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

std::vector<std::filesystem::path> candidates(const char* file, const char* env) {
    std::vector<std::filesystem::path> out;
    if (const char* named = std::getenv(env); named && *named)
        out.emplace_back(named);
    const auto folder = executable_folder();
    if (!folder.empty()) {
        out.push_back(folder / file);
        // Installed: bindir and the module folder are both relative to the prefix.
        const auto installed = std::filesystem::path(CITEMAP_MODULE_DIR).lexically_relative(CITEMAP_BIN_DIR);
        if (!installed.empty())
            out.push_back((folder / installed / file).lexically_normal());
    }
    return out;
}

} // namespace

ModuleFile open_module(const char* file, const char* env, const std::string& need) {
    std::string tried;
    std::error_code ec;
    for (const auto& path : candidates(file, env)) {
        tried += (tried.empty() ? "" : ", ") + path.string();
        if (!std::filesystem::exists(path, ec))
            continue;
        SharedObject handle(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE));
        if (!handle) {
            const char* why = dlerror();
            throw Error({path.string(), 0, 0, {}}, std::string("cannot load citemap's module: ") + (why ? why : "?"),
                        "reinstall citemap, or rebuild it (meson compile -C build): the module must come from the "
                        "same build as the program");
        }
        return {std::move(handle), path};
    }
    throw Error({}, "citemap's module " + std::string(file) + " is missing; looked for " + tried,
                need + ": reinstall citemap (meson install puts it in the library folder), or set " + env +
                    " to its path");
}

void* module_symbol(const ModuleFile& module, const char* symbol) {
    return dlsym(module.handle.get(), symbol);
}

void throw_module_mismatch(const ModuleFile& module) {
    throw Error({module.path.string(), 0, 0, {}}, "this module is from another version of citemap",
                "rebuild or reinstall citemap so the program and its modules match");
}

} // namespace citemap
