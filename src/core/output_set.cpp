// Staging folder + renameat2(RENAME_EXCHANGE): the swap of two folders in one step (Linux >= 3.15).
#include "core/output_set.hpp"

#include "core/error.hpp"
#include "core/parallel.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <mutex>
#include <set>
#include <unistd.h>

namespace citemap {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStagingTag = ".citemap-new-";
constexpr std::string_view kOldTag = ".citemap-old-";

// The process id a temporary's name ends with; 0 when it ends with none.
long owner_pid(const std::string& name) {
    const auto dash = name.rfind('-');
    if (dash == std::string::npos || dash + 1 == name.size())
        return 0;
    long pid = 0;
    for (std::size_t i = dash + 1; i < name.size(); ++i) {
        if (name[i] < '0' || name[i] > '9' || pid > 100'000'000)
            return 0;
        pid = pid * 10 + (name[i] - '0');
    }
    return pid;
}

bool alive(long pid) {
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// fsync of a file or a folder (a folder's, so a rename that follows cannot reach the disk before the
// names in it do).
void sync_path(const fs::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error({p.string(), 0, 0, {}}, "cannot open to sync to disk", "check the output folder");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        throw Error({p.string(), 0, 0, {}}, "cannot sync to disk", "check free space and the disk");
}

// Every path synced at once, a thread each: ext4 (and any journalling filesystem) commits the syncs
// waiting together in one transaction. One after the other, on the writer threads, the small bench
// render's 11 syncs each waited for a journal commit of its own: 12-59 ms of its wall time on a disk
// shared with other builds, 1.3-5 ms together (strace).
void sync_together(const std::vector<fs::path>& paths) {
    constexpr std::size_t kSyncThreads = 16;
    std::vector<std::function<void()>> syncs;
    for (const fs::path& p : paths)
        syncs.emplace_back([&p] { sync_path(p); });
    run_parallel(syncs, static_cast<unsigned>(std::min(paths.size(), kSyncThreads)));
}

// The staging folders of this process's sets that have not committed (synced_at_commit).
struct StagingFolders {
    std::mutex mutex;
    std::set<fs::path> folders;

    static StagingFolders& get() {
        static StagingFolders s;
        return s;
    }
    void add(const fs::path& folder) {
        const std::lock_guard lock(mutex);
        folders.insert(folder.lexically_normal());
    }
    void remove(const fs::path& folder) {
        const std::lock_guard lock(mutex);
        folders.erase(folder.lexically_normal());
    }
};

// Removes a replaced set. Each file is unlinked on a thread of its own: on ext4 mounted with
// `discard` (this machine's, and common on SSDs) unlinking a file whose blocks are on disk waits
// ~4 ms for their discard, and the waits overlap; one after the other they were 40 ms of a 150 ms
// render of the small bench project.
void remove_set(const fs::path& dir) {
    std::error_code ec;
    std::vector<std::function<void()>> unlinks;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file(ec))
            unlinks.emplace_back([p = e.path()] { ::unlink(p.c_str()); });
    constexpr unsigned kUnlinkThreads = 4;
    run_parallel(unlinks, kUnlinkThreads);
    fs::remove_all(dir, ec);
}

fs::path parent_of(const fs::path& p) {
    return p.parent_path().empty() ? fs::path(".") : p.parent_path();
}

} // namespace

bool synced_at_commit(const fs::path& folder) {
    StagingFolders& s = StagingFolders::get();
    const std::lock_guard lock(s.mutex);
    return s.folders.count(folder.lexically_normal()) > 0;
}

void remove_orphaned_temporaries(const fs::path& final_dir) {
    std::error_code ec;
    const std::string prefix = "." + final_dir.filename().string() + ".citemap-";
    const fs::path parent = parent_of(final_dir);
    for (const auto& e : fs::directory_iterator(parent, ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || alive(owner_pid(name)))
            continue;
        // A run killed between moving the old set aside and moving the new one in (only without
        // RENAME_EXCHANGE): the old set is the one to restore.
        if (name.find(kOldTag) != std::string::npos && !fs::exists(final_dir, ec))
            fs::rename(e.path(), final_dir, ec);
        else
            fs::remove_all(e.path(), ec);
    }
    // Single-file temporaries (write_atomically) from runs that wrote straight into the folder.
    for (const auto& e : fs::directory_iterator(final_dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos &&
            owner_pid(name) != 0 && !alive(owner_pid(name)) && e.is_regular_file(ec))
            fs::remove(e.path(), ec);
    }
}

OutputSet::OutputSet(fs::path final_dir, const fs::path& project_dir) : final_(std::move(final_dir)) {
    std::error_code ec;
    if (final_.filename().empty())
        final_ = final_.parent_path();
    if (fs::is_symlink(final_, ec))
        final_ = fs::canonical(final_, ec);
    const fs::path abs_final = fs::weakly_canonical(fs::absolute(final_), ec);
    // "-o ." or "-o ..": the staging folder goes beside the folder itself, which needs its real name.
    if (const std::string name = final_.filename().string(); name.empty() || name == "." || name == "..")
        final_ = abs_final;
    const fs::path abs_project = fs::weakly_canonical(fs::absolute(project_dir), ec);
    const fs::path rel = abs_project.lexically_relative(abs_final);
    if (abs_final == abs_final.root_path() || (!rel.empty() && *rel.begin() != ".."))
        throw Error({final_.string(), 0, 0, {}}, "the output folder contains the project folder",
                    "render into a folder of its own, e.g. -o output/NAME");
    fs::create_directories(parent_of(final_), ec);
    if (ec)
        throw Error({parent_of(final_).string(), 0, 0, {}}, "cannot create the output folder: " + ec.message(),
                    "choose another -o folder");
    remove_orphaned_temporaries(final_);
    for (const auto& e : fs::directory_iterator(final_, ec))
        if (e.is_directory())
            throw Error({final_.string(), 0, 0, {}},
                        "the output folder holds a sub-folder ('" + e.path().filename().string() +
                            "'); citemap replaces the folder as a whole",
                        "render into a folder of its own, e.g. -o output/NAME");
    staging_ = parent_of(final_) / ("." + final_.filename().string() + std::string(kStagingTag) +
                                    std::to_string(static_cast<long>(::getpid())));
    fs::remove_all(staging_, ec);
    fs::create_directory(staging_, ec);
    if (ec)
        throw Error({staging_.string(), 0, 0, {}}, "cannot create a staging folder: " + ec.message(),
                    "check that the output folder's parent is writable");
    StagingFolders::get().add(staging_);
}

OutputSet::~OutputSet() {
    StagingFolders::get().remove(staging_);
    std::error_code ec;
    if (!committed_)
        fs::remove_all(staging_, ec);
}

void OutputSet::commit() {
    // Nothing in the staging folder is on disk for sure yet: write_atomically left the syncs to here,
    // where they are made at once, before any name leaves the folder. A reader never sees the folder
    // before the swap, so a file there needs no sync of its own before its rename inside it.
    StagingFolders::get().remove(staging_);
    std::set<std::string> written;
    std::vector<fs::path> to_sync;
    for (const auto& e : fs::directory_iterator(staging_)) {
        written.insert(e.path().filename().string());
        to_sync.push_back(e.path());
    }
    std::error_code ec;
    const bool had_old = fs::is_directory(final_, ec);
    // A shell (or a render started) inside the output folder would be left in the swapped-away old
    // folder: there the files are moved in one by one, each rename atomic, and the folder stays.
    const fs::path cwd = fs::current_path(ec);
    const fs::path rel = ec ? fs::path() : cwd.lexically_relative(fs::weakly_canonical(fs::absolute(final_), ec));
    if (had_old && !rel.empty() && *rel.begin() != "..") {
        sync_together(to_sync);
        for (const std::string& name : written)
            fs::rename(staging_ / name, final_ / name);
        committed_ = true;
        sync_path(final_);
        fs::remove_all(staging_, ec);
        return;
    }
    if (had_old)
        for (const auto& e : fs::directory_iterator(final_, ec)) {
            const std::string name = e.path().filename().string();
            if (written.count(name) || !e.is_regular_file())
                continue;
            // Files this render did not write (another page size, the author's notes) stay: a hard link
            // keeps them in the old set too until the swap. They are on disk already; their new names
            // are synced with the folder.
            std::error_code lec;
            fs::create_hard_link(e.path(), staging_ / name, lec);
            if (lec) {
                fs::copy_file(e.path(), staging_ / name, lec);
                to_sync.push_back(staging_ / name);
            }
        }
    to_sync.push_back(staging_);
    sync_together(to_sync);
    const fs::path parent = parent_of(final_);
    fs::path replaced; // where the old set is after the swap
    if (!had_old) {
        fs::rename(staging_, final_);
    } else if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), RENAME_EXCHANGE) == 0) {
        replaced = staging_; // the exchange left the old set under the staging name
    } else {
        if (errno != EINVAL && errno != ENOSYS)
            throw Error({final_.string(), 0, 0, {}}, "cannot replace the output folder",
                        "check that it is writable");
        // No exchange on this filesystem: two renames, with the old set restorable by the next run.
        replaced = parent / ("." + final_.filename().string() + std::string(kOldTag) +
                             std::to_string(static_cast<long>(::getpid())));
        fs::rename(final_, replaced);
        fs::rename(staging_, final_);
    }
    committed_ = true;
    // The swap is on disk before the old set's files go: unlinked first, they could reach the disk
    // before the swap does, and a power loss leave the old set's folder in place, emptied.
    sync_path(parent);
    if (!replaced.empty())
        remove_set(replaced);
}

} // namespace citemap
