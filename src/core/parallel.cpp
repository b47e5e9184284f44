// A pool of worker threads kept for the life of the process, and batches of tasks run on it with the
// calling thread among the workers: each takes the next task index from the batch's atomic counter.
#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

namespace citemap {

namespace {

struct Batch {
    const std::vector<std::function<void()>>& tasks;
    std::vector<std::exception_ptr>& errors;
    std::atomic<std::size_t> next{0};
    unsigned slots = 0;  // helpers still wanted
    unsigned inside = 0; // helpers working on it

    void drain() {
        for (std::size_t i; (i = next.fetch_add(1)) < tasks.size();) {
            try {
                tasks[i]();
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    }
    [[nodiscard]] bool wants_help() const { return slots > 0 && next.load() < tasks.size(); }
};

// Workers are started when a batch wants more helpers than are waiting, and then wait for the next
// batch instead of exiting: their thread_local state (a text engine with its font maps and the fonts
// it loaded, the PNG encoder's buffers) stays warm from one batch to the next, and a batch does not
// pay for starting and joining threads (the PNG encoder asks for one batch per band). Never
// destroyed: the workers wait on its condition variable until the process exits.
class Pool {
  public:
    static Pool& get() {
        static Pool* pool = new Pool;
        return *pool;
    }

    // `helpers` workers join the calling thread, which runs `caller` (its share, then b.drain()).
    void run(Batch& b, unsigned helpers, const std::function<void()>& caller) {
        std::unique_lock lock(m_);
        b.slots = helpers;
        open_.push_back(&b);
        unsigned wanted = 0;
        for (const Batch* o : open_)
            wanted += o->wants_help() ? o->slots : 0;
        // Every slot gets a thread now: the first `jobs` tasks of a batch start at once, as they did
        // when each batch started its own threads, even while older workers are busy elsewhere. A
        // thread that cannot be started leaves its share to the caller.
        try {
            for (; waiting_ < wanted; ++waiting_)
                std::thread([this] { work(); }).detach();
        } catch (const std::system_error&) {
        }
        lock.unlock();
        work_cv_.notify_all();
        caller();
        lock.lock();
        b.slots = 0;
        done_cv_.wait(lock, [&] { return b.inside == 0; });
        open_.erase(std::find(open_.begin(), open_.end(), &b));
    }

  private:
    Pool() = default;

    void work() {
        std::unique_lock lock(m_);
        while (true) {
            Batch* b = nullptr;
            work_cv_.wait(lock, [&] {
                for (Batch* o : open_)
                    if (o->wants_help()) {
                        b = o;
                        return true;
                    }
                return false;
            });
            --b->slots;
            ++b->inside;
            --waiting_;
            lock.unlock();
            b->drain();
            lock.lock();
            ++waiting_;
            if (--b->inside == 0)
                done_cv_.notify_all();
        }
    }

    std::mutex m_;
    std::condition_variable work_cv_, done_cv_;
    std::vector<Batch*> open_;
    unsigned waiting_ = 0; // workers not inside a batch
};

} // namespace

void run_parallel(const std::vector<std::function<void()>>& tasks, unsigned jobs) {
    run_parallel(tasks, jobs, {});
}

void run_parallel(const std::vector<std::function<void()>>& tasks, unsigned jobs, const std::function<void()>& first) {
    std::vector<std::exception_ptr> errors(tasks.size());
    Batch batch{tasks, errors};
    std::exception_ptr first_error;
    auto caller = [&] {
        if (first) {
            try {
                first();
            } catch (...) {
                first_error = std::current_exception();
            }
        }
        batch.drain();
    };
    const std::size_t threads = std::min<std::size_t>(std::max(1u, jobs), tasks.size() + (first ? 1 : 0));
    if (threads <= 1 || tasks.empty())
        caller();
    else
        // The calling thread is one of the workers: its thread_local state (the text engine's font
        // maps and the fonts they loaded while laying out) is warm.
        Pool::get().run(batch, static_cast<unsigned>(std::min(threads - 1, tasks.size())), caller);
    if (first_error)
        std::rethrow_exception(first_error);
    for (const auto& e : errors)
        if (e)
            std::rethrow_exception(e);
}

unsigned default_jobs() {
    static const unsigned jobs = std::max(1u, std::thread::hardware_concurrency()); // reads /sys each call
    return jobs;
}

} // namespace citemap
