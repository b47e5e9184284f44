// Opens citemap-gdal.so once (see gdal_module.hpp), where core/module_file looks for citemap's modules.
#include "geo/gdal_module.hpp"

#include "core/module_file.hpp"

#include <atomic>
#include <mutex>

namespace citemap {

namespace {

std::atomic<bool> loaded{false};

struct Loaded {
    ModuleFile file;
    const GdalModule* module = nullptr;
};

Loaded load() {
    Loaded l{open_module("citemap-gdal.so", "CITEMAP_GDAL_MODULE",
                         "it reads formats other than plain GeoJSON and CRSs other than UTM"),
             nullptr};
    l.module = &module_entry<GdalModule>(l.file, CITEMAP_GDAL_MODULE_ENTRY, kGdalModuleAbi);
    loaded = true;
    return l;
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
