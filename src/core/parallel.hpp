// Runs independent tasks on up to `jobs` threads: the calling thread and workers of a pool kept for
// the life of the process. Tasks write their own files, so the outputs do not depend on the thread
// count; with jobs == 1 everything runs on the calling thread, in order.
#pragma once

#include <functional>
#include <vector>

namespace citemap {

// Every task runs even when another fails; afterwards the first failure (in task order, not in
// time order, so the message is the same on every run) is rethrown.
void run_parallel(const std::vector<std::function<void()>>& tasks, unsigned jobs);

// The same, with `first` run on the calling thread while the workers start on `tasks`, which the
// calling thread then joins (`first` counts as one of the `jobs`). Its failure is rethrown first.
void run_parallel(const std::vector<std::function<void()>>& tasks, unsigned jobs, const std::function<void()>& first);

// The default for -j: the machine's hardware threads.
[[nodiscard]] unsigned default_jobs();

} // namespace citemap
