// Staging folder + renameat2(RENAME_EXCHANGE): the swap of two folders in one step (Linux >= 3.15).
#include "core/output_set.hpp"

#include "core/error.hpp"
#include "core/parallel.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
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

// fsync of a folder, so a rename that follows cannot reach the disk before the names in it do.
void sync_dir(const fs::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throw Error({p.string(), 0, 0, {}}, "cannot open to sync to disk", "check the output folder");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        throw Error({p.string(), 0, 0, {}}, "cannot sync to disk", "check free space and the disk");
}

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
}

OutputSet::~OutputSet() {
    std::error_code ec;
    if (!committed_)
        fs::remove_all(staging_, ec);
}

void OutputSet::commit() {
    // Every file here is on disk already: write_atomically synced each before naming it. Syncing them
    // again cost a device flush per file (~4 ms each on ext4 after the rename touched the inode, even
    // with fdatasync), one after the other at the very end of every render.
    std::set<std::string> written;
    for (const auto& e : fs::directory_iterator(staging_))
        written.insert(e.path().filename().string());
    std::error_code ec;
    const bool had_old = fs::is_directory(final_, ec);
    // A shell (or a render started) inside the output folder would be left in the swapped-away old
    // folder: there the files are moved in one by one, each rename atomic, and the folder stays.
    const fs::path cwd = fs::current_path(ec);
    const fs::path rel = ec ? fs::path() : cwd.lexically_relative(fs::weakly_canonical(fs::absolute(final_), ec));
    if (had_old && !rel.empty() && *rel.begin() != "..") {
        for (const std::string& name : written)
            fs::rename(staging_ / name, final_ / name);
        committed_ = true;
        sync_dir(final_);
        fs::remove_all(staging_, ec);
        return;
    }
    if (had_old)
        for (const auto& e : fs::directory_iterator(final_, ec)) {
            const std::string name = e.path().filename().string();
            if (written.count(name) || !e.is_regular_file())
                continue;
            // Files this render did not write (another page size, the author's notes) stay: a hard link
            // keeps them in the old set too until the swap.
            std::error_code lec;
            fs::create_hard_link(e.path(), staging_ / name, lec);
            if (lec)
                fs::copy_file(e.path(), staging_ / name, lec);
        }
    sync_dir(staging_);
    if (!had_old) {
        fs::rename(staging_, final_);
    } else if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, final_.c_str(), RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS)
            throw Error({final_.string(), 0, 0, {}}, "cannot replace the output folder",
                        "check that it is writable");
        // No exchange on this filesystem: two renames, with the old set restorable by the next run.
        const fs::path old = parent_of(final_) / ("." + final_.filename().string() + std::string(kOldTag) +
                                                  std::to_string(static_cast<long>(::getpid())));
        fs::rename(final_, old);
        fs::rename(staging_, final_);
        committed_ = true;
        sync_dir(parent_of(final_));
        remove_set(old);
        return;
    }
    committed_ = true;
    sync_dir(parent_of(final_));
    // After the exchange the staging name holds the old set.
    remove_set(staging_);
}

} // namespace citemap
