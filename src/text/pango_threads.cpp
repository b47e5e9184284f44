// Pango 1.50 (Debian 12) starts two threads, "[pango] FcFontSetMatch" and "[pango] FcFontSetSort",
// for every font pattern it has not seen, and a pattern is new for every text size: a render that
// measures text at the sizes the composition search tries started ~260 threads, each created,
// scheduled and joined only for the caller to wait at once for its answer (the match), or never to
// need it (the sort serves fallback fonts only). Over the small font set of TextEngine both answers
// take microseconds, less than starting a thread; this definition of g_thread_new, which the
// executable's symbol takes for every library that calls it, runs those two tasks on the calling
// thread and passes every other thread to GLib. Later Pango versions use one long-lived thread
// per font map instead, with other names, which pass through unchanged.
#include "text/pango_threads.hpp"

#include <dlfcn.h>
#include <glib.h>

#include <atomic>
#include <cstring>

namespace {
std::atomic<unsigned long> g_inline_tasks{0};

using GThreadNew = GThread* (*)(const gchar*, GThreadFunc, gpointer);

GThreadNew glib_thread_new() {
    static const auto real = reinterpret_cast<GThreadNew>(dlsym(RTLD_NEXT, "g_thread_new"));
    return real;
}

bool pango_font_set_task(const gchar* name) {
    static constexpr char kPrefix[] = "[pango] FcFontSet";
    return name && std::strncmp(name, kPrefix, sizeof kPrefix - 1) == 0;
}
} // namespace

extern "C" GThread* g_thread_new(const gchar* name, GThreadFunc func, gpointer data) {
    if (pango_font_set_task(name)) {
        g_inline_tasks.fetch_add(1, std::memory_order_relaxed);
        func(data); // stores its answer and signals it, as on its own thread
        // The caller unrefs the thread it is given: hand it a reference to the current one.
        return g_thread_ref(g_thread_self());
    }
    return glib_thread_new()(name, func, data);
}

namespace citemap {
bool pango_tasks_inline() {
    return glib_thread_new() != nullptr;
}

unsigned long pango_tasks_run_inline() {
    return g_inline_tasks.load(std::memory_order_relaxed);
}
} // namespace citemap
