// An output folder replaced as a whole: every file of a render goes into a staging folder beside it,
// which is swapped in with one atomic rename, so a reader (or a kill -9) sees the old set or the new
// set, never a mix. Temporaries that a killed run left behind are removed by the next one.
#pragma once

#include <filesystem>

namespace citemap {

class OutputSet {
  public:
    // Removes what killed runs left beside and inside `final_dir`, then creates the staging folder.
    // Throws Error when `final_dir` cannot be replaced as a whole (it holds sub-folders or the project).
    OutputSet(std::filesystem::path final_dir, const std::filesystem::path& project_dir);
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    // Removes the staging folder unless commit() ran: a failed render leaves the old set untouched.
    ~OutputSet();

    // Where this render writes its files, each with write_atomically (which leaves syncing them to
    // disk to commit()).
    [[nodiscard]] const std::filesystem::path& dir() const { return staging_; }
    // Keeps files of the old set that this render did not write, syncs every file and the staging
    // folder at once and swaps it in; when the working directory is inside the output folder, moves
    // the files in one by one instead (each atomically), so the folder a shell stands in is not
    // swapped away.
    void commit();

  private:
    std::filesystem::path final_, staging_;
    bool committed_ = false;
};

// Whether `folder` is the staging folder of an OutputSet of this process that has not committed:
// write_atomically leaves its files' syncs to commit(), which makes them all at once.
[[nodiscard]] bool synced_at_commit(const std::filesystem::path& folder);

// Removes `.NAME.tmp-PID` files and `.DIR.citemap-*-PID` folders whose process is gone.
void remove_orphaned_temporaries(const std::filesystem::path& final_dir);

} // namespace citemap
