// An output folder written all at once. Files are written into a hidden staging folder (beside
// the output folder, or inside it when it exists) and moved into place by commit(); a failed
// run, or one stopped by SIGINT, SIGTERM or SIGHUP, removes the staging folder, so the output
// folder is left as it was (not created when it did not exist).
#pragma once
#include <string>

namespace gqalut::cli {

class StagedDir {
public:
    // Checks first that `dir` can be written (an existing writable folder, or a new one in a
    // writable folder); throws BadInput naming `option` otherwise.
    StagedDir(std::string dir, const std::string& option);
    ~StagedDir();
    StagedDir(const StagedDir&) = delete;
    StagedDir& operator=(const StagedDir&) = delete;

    const std::string& path() const { return staging_; }   // where to write
    const std::string& dir() const { return dir_; }        // where the files end up
    void commit();   // moves every file into dir() (creating it), replacing files of the same name

private:
    std::string dir_, staging_;
    bool committed_ = false;
};

}  // namespace gqalut::cli
