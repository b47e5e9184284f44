// Fontconfig's set-up reads its whole configuration (fonts.conf and ~40 files of conf.d, 25 M
// instructions) and maps and filters every font cache (~1,900 faces here, 16 M), 41 M instructions in
// all, on every citemap command: a quarter of a small project's check. TextEngine needs only the faces of
// Noto Sans and Noto Sans Arabic (small_font_config), which Debian's fonts-noto-core installs in one
// folder: they are read from fontconfig's cache of that folder (2.5 M instructions), found where the
// system's configuration finds it (Debian's cache folders) and used only while it is valid for the
// folder (fontconfig checks the folder's time stamp): the same patterns, in the same order, the system's
// font set holds, unless the system's configuration adds other faces of these families from elsewhere
// (a newer Noto Sans in ~/.fonts) or rejects these: then citemap still draws with fonts-noto-core's, the
// same faces on every Debian machine. Elsewhere (no such folder, no valid cache, a family missing, a
// configuration named in FONTCONFIG_FILE, FONTCONFIG_PATH or FONTCONFIG_SYSROOT) the system's set is used.
//
// Pango's font maps start a thread that calls FcInit and wait for it before their first font. FcInit
// defined here, which their call binds to, leaves the configuration to its first use: fontconfig loads
// it itself on the first call that asks for the current configuration (a null FcConfig*), as for a
// program that never calls FcInit. The system's whole font set (the fallback map for scripts the small
// set lacks, small_font_config without the folder) still gets it, when first asked.
#include "text/font_folder.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <memory>

namespace {

// Where fonts-noto-core puts NotoSans-*.ttf and NotoSansArabic-*.ttf.
constexpr char kNotoFolder[] = "/usr/share/fonts/truetype/noto";

// The cache folders of Debian's /etc/fonts/fonts.conf, in its order.
constexpr char kCacheFolders[] = R"(<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <cachedir>/var/cache/fontconfig</cachedir>
  <cachedir prefix="xdg">fontconfig</cachedir>
  <cachedir>~/.fontconfig</cachedir>
</fontconfig>)";

struct FcConfigDeleter {
    void operator()(FcConfig* c) const { FcConfigDestroy(c); }
};

FcFontSet* read_noto_folder() {
    // A configuration named in the environment is the user's choice of fonts: it is read whole.
    for (const char* variable : {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"})
        if (std::getenv(variable))
            return nullptr;
    const std::unique_ptr<FcConfig, FcConfigDeleter> config(FcConfigCreate());
    if (!config ||
        !FcConfigParseAndLoadFromMemory(config.get(), reinterpret_cast<const FcChar8*>(kCacheFolders), FcFalse))
        return nullptr;
    // Only a cache valid for the folder as it is now; never a scan of its files (fontconfig's own set-up
    // would scan them, and write the cache).
    FcCache* cache = FcDirCacheLoad(reinterpret_cast<const FcChar8*>(kNotoFolder), config.get(), nullptr);
    if (!cache)
        return nullptr;
    FcFontSet* faces = FcCacheCopySet(cache); // each face holds the cache mapped
    FcDirCacheUnload(cache);
    return faces;
}

} // namespace

extern "C" FcBool FcInit(void) {
    return FcTrue;
}

namespace citemap {

const FcFontSet* noto_folder_faces() {
    static const FcFontSet* const faces = read_noto_folder();
    return faces;
}

bool fontconfig_init_deferred() {
    return dlsym(RTLD_DEFAULT, "FcInit") == reinterpret_cast<void*>(&FcInit);
}

} // namespace citemap
