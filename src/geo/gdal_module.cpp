// Finds and opens citemap-gdal.so once (see gdal_module.hpp). Beside the executable in a build tree
// (build/src/), in the install's module folder otherwise (meson install: lib/<arch>/citemap/).
#include "geo/gdal_module.hpp"

#include "core/shared_object.hpp"

#include <atomic>
#include <cstdlib>
#include <mutex>

namespace citemap {

namespace {

constexpr const char* kModuleFile = "citemap-gdal.so";

std::filesystem::path executable_folder() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

std::vector<std::filesystem::path> candidates() {
    std::vector<std::filesystem::path> out;
    if (const char* named = std::getenv("CITEMAP_GDAL_MODULE"); named && *named)
        out.emplace_back(named);
    const auto folder = executable_folder();
    if (!folder.empty()) {
        out.push_back(folder / kModuleFile);
        // Installed: bindir and the module folder are both relative to the prefix.
        const auto installed = std::filesystem::path(CITEMAP_MODULE_DIR).lexically_relative(CITEMAP_BIN_DIR);
        if (!installed.empty())
            out.push_back((folder / installed / kModuleFile).lexically_normal());
    }
    return out;
}

struct Loaded {
    SharedObject handle;
    const GdalModule* module = nullptr;
};

std::atomic<bool> loaded{false};

Loaded load() {
    std::string tried;
    std::error_code ec;
    for (const auto& path : candidates()) {
        tried += (tried.empty() ? "" : ", ") + path.string();
        if (!std::filesystem::exists(path, ec))
            continue;
        // Never unloaded while the process runs (NODELETE): GDAL registers exit handlers of its own.
        SharedObject handle(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE));
        if (!handle) {
            const char* why = dlerror();
            throw Error({path.string(), 0, 0, {}}, std::string("cannot load citemap's GDAL module: ") + (why ? why : "?"),
                        "reinstall citemap, or rebuild it (meson compile -C build): the module must come from the "
                        "same build as the program");
        }
        const auto entry = reinterpret_cast<GdalModuleEntry>(dlsym(handle.get(), CITEMAP_GDAL_MODULE_ENTRY));
        const GdalModule* module = entry ? entry(kGdalModuleAbi) : nullptr;
        if (!module)
            throw Error({path.string(), 0, 0, {}}, "citemap's GDAL module is from another version of citemap",
                        "rebuild or reinstall citemap so the program and its module match");
        loaded = true;
        return {std::move(handle), module};
    }
    throw Error({}, "citemap's GDAL module (" + std::string(kModuleFile) + ") is missing; looked for " + tried,
                "it reads formats other than plain GeoJSON and CRSs other than UTM: reinstall citemap (meson install "
                "puts it in the library folder), or set CITEMAP_GDAL_MODULE to its path");
}

} // namespace

const GdalModule& gdal_module() {
    static std::mutex mutex;
    static Loaded module;
    const std::lock_guard lock(mutex);
    if (!module.module)
        module = load();
    return *module.module;
}

bool gdal_module_loaded() {
    return loaded;
}

} // namespace citemap
