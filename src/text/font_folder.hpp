// The faces citemap draws with, read from fontconfig's cache of their folder without fontconfig's whole
// set-up (see font_folder.cpp).
#pragma once

#include <fontconfig/fontconfig.h>

namespace citemap {

// Every face in the folder Debian's fonts-noto-core installs Noto Sans and Noto Sans Arabic in, from
// fontconfig's cache of it, in the cache's order; null where the folder has no valid cache. Read once a
// process, never freed.
[[nodiscard]] const FcFontSet* noto_folder_faces();

// True when citemap's FcInit, which leaves fontconfig's configuration to its first use, is the one
// libraries call. Referenced by the text engine so the definition is always linked.
[[nodiscard]] bool fontconfig_init_deferred();

} // namespace citemap
