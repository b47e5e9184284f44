// Temporary file + rename(2): atomic on one filesystem, which a sibling path guarantees.
#include "core/atomic_file.hpp"

#include "core/error.hpp"
#include "core/output_set.hpp"

#include <fcntl.h>
#include <fstream>
#include <unistd.h>

namespace citemap {

void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& tmp)>& write) {
    const auto tmp = target.parent_path() / ("." + target.filename().string() + ".tmp-" +
                                             std::to_string(static_cast<long>(getpid())));
    // In an output set's staging folder, which no reader sees before the set is swapped in, the set
    // syncs all its files at once before the swap (OutputSet::commit); here their writing back starts.
    const bool synced_later = synced_at_commit(target.parent_path());
    try {
        write(tmp);
        // The data reaches the disk before the name does: after a power loss the target is the old
        // file or the whole new one, never a short one.
        if (const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
            const int rc = synced_later ? ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE) : ::fsync(fd);
            ::close(fd);
            if (rc != 0)
                throw Error({target.string(), 0, 0, {}}, "cannot sync to disk", "check free space and the disk");
        }
        std::filesystem::rename(tmp, target);
    } catch (const std::filesystem::filesystem_error& e) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw Error({target.string(), 0, 0, {}}, std::string("cannot write: ") + e.code().message(),
                    "check that the output folder exists and is writable");
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw;
    }
}

void write_text_atomically(const std::filesystem::path& target, std::string_view contents) {
    write_atomically(target, [&](const std::filesystem::path& tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        out.close();
        if (!out)
            throw Error({target.string(), 0, 0, {}}, "cannot write", "check free space and permissions");
    });
}

} // namespace citemap
