// Pango's per-font-pattern threads run on the calling thread instead (see pango_threads.cpp).
#pragma once

namespace citemap {

// True when GLib's own g_thread_new was found behind citemap's: every thread Pango does not start
// for a font pattern is GLib's. Referenced by the text engine so the definition is always linked.
[[nodiscard]] bool pango_tasks_inline();

// How many of Pango's font-pattern tasks have run on their caller's thread so far (for tests).
[[nodiscard]] unsigned long pango_tasks_run_inline();

} // namespace citemap
