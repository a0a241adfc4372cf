// Files the tool reads and writes. Inputs are read whole, up to a size cap. Outputs replace
// their old version atomically and only if it is a regular file: a directory, device, FIFO or
// socket at an output path is refused, never deleted and recreated; a symbolic link to a
// regular file stays and the file it names is replaced. Errors are BadInput naming the path.
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace gqalut {

// The most an input file (table, constants, CSV) may hold; /dev/zero and the like stop here.
constexpr size_t kMaxInputFileBytes = size_t(16) << 20;

// The whole file; throws BadInput "PATH: cannot open: REASON", "PATH: is a directory, ...", or
// "PATH: larger than 16 MiB ...".
std::string read_text_file(const std::string& path);

// Why `path` cannot be written ("" if it can): empty, a directory or another file that is not
// regular, its directory missing or not writable.
std::string unwritable_reason(const std::string& path);
// Checks before long work that `path` can be written; throws BadInput "PATH: cannot write: WHY".
void check_writable(const std::string& path);

// Writes through a temporary file in the same directory (a short name, so any legal file name
// works), then renames it onto `path`: a failed write leaves whatever was there untouched. An
// existing file keeps its permission bits.
void write_file_atomic(const std::string& path, const std::string& content);

// NAME -> CONTENT, written into one directory.
using FileSet = std::vector<std::pair<std::string, std::string>>;

// Writes every file of `files` into `dir` (created, with its missing parents, if absent) as one
// set: all files go into a temporary folder inside `dir` first, then move in under an exclusive
// lock on `dir`, each swapped with its old version by an atomic exchange that is undone if a
// later one fails. A failure leaves the previous set as it was; two writers never mix their
// sets. A member that exists and is not a regular file (a folder, a link, a device) is refused.
void write_file_set(const std::string& dir, const FileSet& files);

// Whether both paths exist and name the same file (device and inode, links followed).
bool same_file(const std::string& a, const std::string& b);

}  // namespace gqalut
