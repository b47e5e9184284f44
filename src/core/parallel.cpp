// A fixed pool for one batch of tasks, the calling thread among them: workers take the next task
// index from an atomic counter.
#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace citemap {

void run_parallel(const std::vector<std::function<void()>>& tasks, unsigned jobs) {
    std::vector<std::exception_ptr> errors(tasks.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < tasks.size();) {
            try {
                tasks[i]();
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    const std::size_t threads = std::min<std::size_t>(std::max(1u, jobs), tasks.size());
    if (threads <= 1) {
        work();
    } else {
        // The calling thread is one of the workers: its thread_local state (the text engine's font
        // maps and the fonts they loaded while laying out) is warm, where a new thread's is built
        // from nothing.
        std::vector<std::jthread> pool;
        for (std::size_t t = 1; t < threads; ++t)
            pool.emplace_back(work);
        work();
    }
    for (const auto& e : errors)
        if (e)
            std::rethrow_exception(e);
}

unsigned default_jobs() {
    return std::max(1u, std::thread::hardware_concurrency());
}

} // namespace citemap
