// The timed stages of a command (timeline.hpp): kept under a lock, threads numbered as they first end one.
#include "core/timeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <thread>
#include <vector>

namespace citemap::timeline {

namespace {

bool enabled() {
    static const bool on = std::getenv("CITEMAP_TIMELINE") != nullptr;
    return on;
}

double wall_ms() {
    static const auto origin = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - origin).count();
}

// The calling thread's CPU time: a stage's wall time on a loaded machine says little of its cost.
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Stage {
    const char* what;
    long page;
    std::size_t thread;
    double start, end, cpu;
};

struct Record {
    std::mutex m;
    std::vector<Stage> stages;
    std::vector<std::thread::id> threads;
};

Record& record() {
    static Record* r = new Record; // never destroyed: workers may end a stage while the process exits
    return *r;
}

} // namespace

Span::Span(const char* what, long page) : what_(what), page_(page) {
    if (!enabled())
        return;
    start_ = wall_ms();
    cpu_ = cpu_ms();
}

Span::~Span() {
    if (!enabled())
        return;
    const double end = wall_ms(), cpu = cpu_ms() - cpu_;
    Record& r = record();
    const std::lock_guard lock(r.m);
    const auto at = std::find(r.threads.begin(), r.threads.end(), std::this_thread::get_id());
    const std::size_t thread = static_cast<std::size_t>(at - r.threads.begin());
    if (at == r.threads.end())
        r.threads.push_back(std::this_thread::get_id());
    r.stages.push_back({what_, page_, thread, start_, end, cpu});
}

void print() {
    if (!enabled())
        return;
    Record& r = record();
    const std::lock_guard lock(r.m);
    std::stable_sort(r.stages.begin(), r.stages.end(), [](const Stage& a, const Stage& b) { return a.start < b.start; });
    for (const Stage& s : r.stages) {
        std::fprintf(stderr, "timeline: thread %zu %9.2f - %9.2f ms  cpu %8.2f ms  %s", s.thread, s.start, s.end, s.cpu, s.what);
        if (s.page >= 0)
            std::fprintf(stderr, " %ld", s.page + 1);
        std::fputc('\n', stderr);
    }
    r.stages.clear();
}

} // namespace citemap::timeline
