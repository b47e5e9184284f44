// Threads: Pango's two tasks per new font pattern (a match and a sort) run on the thread that asked
// for the font, not on threads of their own; every other g_thread_new still starts a thread. And the
// backends' pool counts the calling thread among its workers.
#include "core/parallel.hpp"
#include "text/pango_threads.hpp"
#include "text/pango_text.hpp"
#include "test_support.hpp"

#include <glib.h>

#include <atomic>
#include <chrono>
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
