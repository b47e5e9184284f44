// The HTTP side of `citemap watch` (the preview page, the map, long polls for the next render), behind
// one interface in a module of its own (citemap-preview.so) that only watch opens: libsoup and the
// libraries only it needs (sqlite3, Kerberos, nghttp2, libpsl, ...: 13 shared objects, ~3,500 symbol
// bindings) cost every other command's start-up their dynamic linking. See docs/architecture.md.
#pragma once

#include <memory>
#include <string>

namespace citemap {

// Serves on 127.0.0.1 from the GLib main loop the caller runs.
class PreviewServer {
  public:
    PreviewServer() = default;
    PreviewServer(const PreviewServer&) = delete;
    PreviewServer& operator=(const PreviewServer&) = delete;
    virtual ~PreviewServer() = default;

    [[nodiscard]] virtual int port() const = 0;
    // After a render: /state answers `state_json` to a page that has not seen `version`, and the long
    // polls waiting get it now; `svg`, unless empty, is the map /map.svg serves from now on.
    virtual void publish(int version, const std::string& state_json, const std::string& svg) = 0;
    // Answers the waiting long polls with the state they have seen, so no proxy or browser times them out.
    virtual void keep_alive() = 0;
    // Answers the waiting long polls and stops listening.
    virtual void stop() = 0;
};

class PreviewModule {
  public:
    PreviewModule() = default;
    PreviewModule(const PreviewModule&) = delete;
    PreviewModule& operator=(const PreviewModule&) = delete;
    virtual ~PreviewModule() = default;
    // Listens on 127.0.0.1:`port` (0: any free port). Throws Error when it cannot.
    [[nodiscard]] virtual std::unique_ptr<PreviewServer> listen(int port) const = 0;
};

// The module, opened on the first call (where core/module_file looks: CITEMAP_PREVIEW_MODULE, beside
// the executable, the install's module folder). Throws Error when it is missing or from another build.
[[nodiscard]] const PreviewModule& preview_module();

// The module's one exported symbol; `abi` must equal kPreviewModuleAbi.
constexpr int kPreviewModuleAbi = 1;
#define CITEMAP_PREVIEW_MODULE_ENTRY "citemap_preview_module"

} // namespace citemap
