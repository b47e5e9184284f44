// Threads: Pango's two tasks per new font pattern (a match and a sort) run on the thread that asked
// for the font, not on threads of their own; every other g_thread_new still starts a thread. Cairo's
// font faces, shared by every thread's text engine, are made one at a time and kept. And the
// backends' pool counts the calling thread among its workers.
#include "core/parallel.hpp"
#include "text/cairo_faces.hpp"
#include "text/pango_threads.hpp"
#include "text/pango_text.hpp"
#include "test_support.hpp"

#include <cairo-ft.h>
#include <glib.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <latch>
#include <set>
#include <stdexcept>
#include <thread>

using namespace citemap;

namespace {
gpointer record_thread(gpointer data) {
    *static_cast<std::thread::id*>(data) = std::this_thread::get_id();
    return nullptr;
}
} // namespace

TEST_CASE("Pango's font-set tasks run on the calling thread, other threads are GLib's") {
    REQUIRE(pango_tasks_inline());
    for (const char* name : {"[pango] FcFontSetMatch", "[pango] FcFontSetSort"}) {
        std::thread::id ran_on;
        GThread* t = g_thread_new(name, record_thread, &ran_on);
        REQUIRE(t != nullptr);
        CHECK(ran_on == std::this_thread::get_id()); // already done when g_thread_new returns
        g_thread_unref(t);
    }
    for (const char* name : {"[pango] fontconfig", "worker", static_cast<const char*>(nullptr)}) {
        std::thread::id ran_on;
        GThread* t = g_thread_new(name, record_thread, &ran_on);
        g_thread_join(t);
        CHECK(ran_on != std::this_thread::get_id());
    }
}

TEST_CASE("measuring text at new sizes goes through the inline tasks, with the same metrics") {
    // A fresh thread: its own text engine and font maps, so every size below is a new pattern.
    std::vector<TextMetrics> first, again;
    unsigned long before = 0, after = 0;
    std::thread([&] {
        before = pango_tasks_run_inline();
        for (int i = 0; i < 30; ++i)
            first.push_back(text_engine().measure("Khan Younis \u0631\u0641\u062D", {"Noto Sans", 6.0 + i * 0.37}));
        after = pango_tasks_run_inline();
    }).join();
    // Pango 1.50 (Debian 12's) asks for two tasks per new pattern; later versions keep one thread per
    // font map and ask for none.
    if (pango_version() < PANGO_VERSION_ENCODE(1, 51, 0))
        CHECK(after - before >= 2 * 30);
    std::thread([&] {
        for (int i = 0; i < 30; ++i)
            again.push_back(text_engine().measure("Khan Younis \u0631\u0641\u062D", {"Noto Sans", 6.0 + i * 0.37}));
    }).join();
    for (int i = 1; i < 30; ++i)
        CHECK(first[i].width > first[i - 1].width); // each size was really laid out at its size
    for (int i = 0; i < 30; ++i)
        CHECK(first[i].width == again[i].width);
}

namespace {
// Installed fonts outside the families the text engines load (so no test made their faces before),
// one pattern per font file and face index.
std::vector<FcPattern*> unused_font_files(std::size_t n) {
    REQUIRE(FcInit());
    FcFontSet* system = FcConfigGetFonts(nullptr, FcSetSystem);
    REQUIRE(system != nullptr);
    std::vector<FcPattern*> out;
    std::set<std::pair<std::string, int>> seen;
    for (int i = 0; i < system->nfont && out.size() < n; ++i) {
        FcPattern* font = system->fonts[i];
        FcChar8 *family = nullptr, *file = nullptr;
        int index = 0;
        if (FcPatternGetString(font, FC_FAMILY, 0, &family) != FcResultMatch ||
            FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch ||
            std::strncmp(reinterpret_cast<const char*>(family), "Noto Sans", 9) == 0)
            continue;
        FcPatternGetInteger(font, FC_INDEX, 0, &index);
        if (seen.emplace(reinterpret_cast<const char*>(file), index).second)
            out.push_back(font);
    }
    REQUIRE(out.size() == n);
    return out;
}
} // namespace

// Cairo 1.16 links a new face into the list it searches before finishing it, and unlinks a face whose
// last reference goes, both without a lock; the faces are shared by every thread's text engine.
TEST_CASE("cairo's font faces are made one at a time, shared by every thread, and kept") {
    REQUIRE(cairo_faces_guarded());
    const std::vector<FcPattern*> fonts = unused_font_files(65);

    // Kept: a face whose every user let it go is the same face when a font of that file is made again
    // (cairo freed it and made a new one, without the data set on the first).
    static cairo_user_data_key_t mark;
    cairo_font_face_t* face = cairo_ft_font_face_create_for_pattern(fonts.back());
    REQUIRE(cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS);
    REQUIRE(cairo_font_face_set_user_data(face, &mark, &mark, nullptr) == CAIRO_STATUS_SUCCESS);
    cairo_font_face_destroy(face);
    cairo_font_face_t* again = cairo_ft_font_face_create_for_pattern(fonts.back());
    CHECK(cairo_font_face_get_user_data(again, &mark) == &mark);
    cairo_font_face_destroy(again);

    // Made once: threads that all make their first faces of the same files at the same moment get
    // the same face for each file.
    constexpr std::size_t kThreads = 8, kFiles = 64;
    const std::size_t kept_before = cairo_faces_kept();
    std::latch start(kThreads);
    std::vector<std::vector<cairo_font_face_t*>> got(kThreads);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            start.arrive_and_wait();
            for (std::size_t f = 0; f < kFiles; ++f)
                got[t].push_back(cairo_ft_font_face_create_for_pattern(fonts[f]));
        });
    for (std::thread& th : threads)
        th.join();
    for (std::size_t f = 0; f < kFiles; ++f)
        for (std::size_t t = 0; t < kThreads; ++t) {
            CHECK(cairo_font_face_status(got[t][f]) == CAIRO_STATUS_SUCCESS);
            CHECK(got[t][f] == got[0][f]);
        }
    CHECK(std::set<cairo_font_face_t*>(got[0].begin(), got[0].end()).size() == kFiles); // one per file
    CHECK(cairo_faces_kept() >= kept_before + 1);
    for (const auto& faces : got)
        for (cairo_font_face_t* f : faces)
            cairo_font_face_destroy(f);
}

// The backends' pool: the calling thread is one of its workers (its text engine is warm from layout),
// and every task still runs once, with the first failure in task order rethrown.
TEST_CASE("run_parallel works on the calling thread too") {
    for (unsigned jobs : {2u, 3u}) {
        std::latch all_started(jobs); // the first `jobs` tasks run at once, so on `jobs` threads
        std::vector<std::thread::id> ran_on(jobs + 5);
        std::vector<std::function<void()>> tasks;
        for (std::size_t i = 0; i < ran_on.size(); ++i)
            tasks.emplace_back([&, i] {
                if (i < jobs)
                    all_started.arrive_and_wait();
                ran_on[i] = std::this_thread::get_id();
            });
        run_parallel(tasks, jobs);
        const std::set<std::thread::id> first(ran_on.begin(), ran_on.begin() + jobs);
        CHECK(first.size() == jobs);
        CHECK(first.count(std::this_thread::get_id()) == 1);
        for (const auto& id : ran_on)
            CHECK(id != std::thread::id{});
    }
    std::vector<std::function<void()>> failing = {[] {}, [] { throw std::runtime_error("second"); },
                                                  [] { throw std::runtime_error("third"); }};
    CHECK_THROWS_WITH_AS(run_parallel(failing, 2), "second", std::runtime_error);
}

// The pool's workers outlive a batch: later batches run on threads whose thread_local state (a text
// engine and its fonts, the PNG encoder's buffers) is still there; and a task may run a batch of its own.
TEST_CASE("run_parallel keeps its workers from one batch to the next, and batches nest") {
    thread_local int tasks_seen = 0; // per thread: 0 on a thread that never ran one of these tasks
    int helpers = 0, new_threads = 0;
    for (int batch = 0; batch < 20; ++batch) {
        std::latch all_started(3);
        std::vector<int> seen_before(3);
        std::vector<std::thread::id> ran_on(3);
        std::vector<std::function<void()>> tasks;
        for (std::size_t i = 0; i < 3; ++i)
            tasks.emplace_back([&, i] {
                seen_before[i] = tasks_seen++;
                ran_on[i] = std::this_thread::get_id();
                all_started.arrive_and_wait(); // all three at once: on three threads
            });
        run_parallel(tasks, 3);
        CHECK(std::set<std::thread::id>(ran_on.begin(), ran_on.end()).size() == 3);
        for (std::size_t i = 0; i < 3; ++i)
            if (ran_on[i] != std::this_thread::get_id()) {
                ++helpers;
                new_threads += seen_before[i] == 0 ? 1 : 0;
            }
    }
    CHECK(helpers == 40);
    CHECK(new_threads < 10); // a thread per helper and batch would make all 40 new

    // Every worker busy with an outer task that itself runs a batch which needs two threads at once.
    std::atomic<int> inner_done{0};
    std::vector<std::function<void()>> outer;
    for (int i = 0; i < 3; ++i)
        outer.emplace_back([&] {
            std::latch both(2);
            std::vector<std::function<void()>> inner(2, [&] {
                both.arrive_and_wait();
                ++inner_done;
            });
            run_parallel(inner, 2);
        });
    run_parallel(outer, 3);
    CHECK(inner_done == 6);
}

// The PNG writer draws the next band on the calling thread while the workers encode the last one.
TEST_CASE("run_parallel's first task runs on the calling thread while the workers take the others") {
    std::atomic<int> tasks_started{0};
    std::thread::id first_on;
    bool saw_a_worker = false;
    std::vector<std::function<void()>> tasks(4, [&] { ++tasks_started; });
    run_parallel(tasks, 2, [&] {
        first_on = std::this_thread::get_id();
        // A worker starts on the tasks while this one still runs (waited for up to 10 s).
        for (int i = 0; i < 10000 && !saw_a_worker; ++i) {
            saw_a_worker = tasks_started > 0;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });
    CHECK(first_on == std::this_thread::get_id());
    CHECK(saw_a_worker);
    CHECK(tasks_started == 4);
    CHECK_THROWS_WITH_AS(run_parallel(tasks, 2, [] { throw std::runtime_error("first"); }), "first",
                         std::runtime_error);
    CHECK(tasks_started == 8); // the tasks still ran
}
