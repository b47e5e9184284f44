// Opens citemap-preview.so once (see preview_server.hpp).
#include "cli/preview_server.hpp"

#include "core/module_file.hpp"

namespace citemap {

const PreviewModule& preview_module() {
    // Only watch asks, from its one thread, before its main loop starts.
    static const ModuleFile file = open_module("citemap-preview.so", "CITEMAP_PREVIEW_MODULE",
                                               "it serves citemap watch's preview page");
    static const PreviewModule& module =
        module_entry<PreviewModule>(file, CITEMAP_PREVIEW_MODULE_ENTRY, kPreviewModuleAbi);
    return module;
}

} // namespace citemap
