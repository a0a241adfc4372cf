#include "file_io.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "errors.hpp"

namespace gqalut {

namespace {

std::string reason() { return std::strerror(errno); }

std::string parent_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// What an output path resolves to (itself, or the regular file a symbolic link names), or why
// it may not be written: the reason, with `target` left empty.
std::string resolve_output(const std::string& path, std::string& target) {
    target.clear();
    if (path.empty()) return "an empty path names no file";
    struct stat st{};
    if (lstat(path.c_str(), &st) != 0) {   // a new file: its directory must exist
        if (errno == ENAMETOOLONG) return "the name is longer than the file system allows (" + reason() + ")";
        const std::string parent = parent_of(path);
        if (stat(parent.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return "directory " + parent + " does not exist";
        target = path;
        return "";
    }
    std::string t = path;
    if (S_ISLNK(st.st_mode)) {
        char* resolved = realpath(path.c_str(), nullptr);
        if (!resolved) return "it is a symbolic link to nothing (" + reason() + ")";
        t = resolved;
        std::free(resolved);
        if (stat(t.c_str(), &st) != 0) return reason();
    }
    if (S_ISDIR(st.st_mode)) return "it is a directory";
    if (!S_ISREG(st.st_mode)) return "it is not a regular file (a device, FIFO or socket) and is never replaced";
    target = t;
    return "";
}

std::string resolved_output(const std::string& path) {
    std::string target;
    const std::string why = resolve_output(path, target);
    if (!why.empty()) throw BadInput(path + ": cannot write: " + why);
    return target;
}

// Permission bits for a new version of `path`: those of the existing file, kept exactly, or
// the default for a new one (the umask applies).
struct FileMode {
    mode_t bits = 0666;
    bool keep = false;
};
FileMode mode_for(const std::string& path) {
    struct stat st{};
    if (stat(path.c_str(), &st) != 0) return {};
    return {static_cast<mode_t>(st.st_mode & 07777), true};
}

// ".gqalut-" and eight random letters or digits: 16 bytes, so the temporary fits any directory.
std::string temp_name() {
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::string s = ".gqalut-";
    for (int i = 0; i < 8; ++i) s += digits[rng() % (sizeof digits - 1)];
    return s;
}

void write_all(int fd, const std::string& content, const std::string& path) {
    for (size_t done = 0; done < content.size();) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw BadInput(path + ": write failed: " + reason());
        done += static_cast<size_t>(n);
    }
}

// A new file `name` in directory `dirfd` with `mode` (or -1 with errno set, EEXIST if taken).
int open_new_at(int dirfd, const std::string& name, mode_t mode) {
    return openat(dirfd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
}

// Fills the new file `name` (open as `fd`) and closes it; on failure removes it and throws.
// `shown` is the path for messages.
void fill_new_file(int fd, int dirfd, const std::string& name, FileMode mode, const std::string& content,
                   const std::string& shown) {
    try {
        if (mode.keep && fchmod(fd, mode.bits) != 0) throw BadInput(shown + ": cannot write: " + reason());
        write_all(fd, content, shown);
    } catch (...) {
        ::close(fd);
        unlinkat(dirfd, name.c_str(), 0);
        throw;
    }
    if (::close(fd) != 0) {
        const std::string why = reason();
        unlinkat(dirfd, name.c_str(), 0);
        throw BadInput(shown + ": write failed: " + why);
    }
}

// A file descriptor closed at scope exit.
struct Fd {
    int fd;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// A member of a file set may be absent or a regular file; nothing else is replaced.
void check_member(const std::string& path) {
    struct stat st{};
    if (lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return;
        throw BadInput(path + ": cannot write: " + reason());
    }
    if (!S_ISREG(st.st_mode)) throw BadInput(path + ": exists and is not a regular file; not replaced");
}

}  // namespace

std::string read_text_file(const std::string& path) {
    struct stat st{};
    if (stat(path.c_str(), &st) != 0) throw BadInput(path + ": cannot open: " + reason());
    if (S_ISDIR(st.st_mode)) throw BadInput(path + ": is a directory, expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw BadInput(path + ": cannot open: " + reason());
    std::string text;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<size_t>(in.gcount()));
        if (text.size() > kMaxInputFileBytes)
            throw BadInput(path + ": larger than " + std::to_string(kMaxInputFileBytes >> 20) +
                           " MiB, the most an input file may hold");
    }
    if (in.bad()) throw BadInput(path + ": read failed");
    return text;
}

std::string unwritable_reason(const std::string& path) {
    std::string target;
    std::string why = resolve_output(path, target);
    if (why.empty() && access(parent_of(target).c_str(), W_OK) != 0)
        why = "directory " + parent_of(target) + " is not writable";
    return why;
}

void check_writable(const std::string& path) {
    const std::string why = unwritable_reason(path);
    if (!why.empty()) throw BadInput(path + ": cannot write: " + why);
}

void write_file_atomic(const std::string& path, const std::string& content) {
    const std::string target = resolved_output(path);
    const std::string dir = parent_of(target);
    const Fd dirfd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirfd.fd < 0) throw BadInput(path + ": cannot write: " + reason());
    const std::string name = target.substr(target.find_last_of('/') + 1);
    const FileMode mode = mode_for(target);
    std::string tmp;
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
        tmp = temp_name();
        fd = open_new_at(dirfd.fd, tmp, mode.bits);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) throw BadInput(path + ": cannot write: " + reason());
    fill_new_file(fd, dirfd.fd, tmp, mode, content, path);
    if (renameat(dirfd.fd, tmp.c_str(), dirfd.fd, name.c_str()) != 0) {
        const std::string why = reason();
        unlinkat(dirfd.fd, tmp.c_str(), 0);
        throw BadInput(path + ": cannot write: " + why);
    }
}

void write_file_set(const std::string& dir, const FileSet& files) {
    namespace fs = std::filesystem;
    if (dir.empty()) throw BadInput("an empty path names no directory");
    std::error_code ec;
    struct stat st{};
    std::string created;   // the outermost directory this call made, removed again on failure
    if (stat(dir.c_str(), &st) != 0) {
        for (fs::path p = fs::absolute(dir, ec); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) created = p.string();
        if (!fs::create_directories(dir, ec) && ec) throw BadInput(dir + ": cannot create directory: " + ec.message());
    } else if (!S_ISDIR(st.st_mode)) {
        throw BadInput(dir + ": is not a directory");
    }
    const auto undo_created = [&] {
        if (!created.empty()) fs::remove_all(created, ec);
    };
    for (const auto& f : files) check_member(dir + "/" + f.first);

    // Every file into a temporary folder inside `dir` (same file system: renames are atomic).
    std::string tmp = dir + "/.gqalut-XXXXXX";
    if (!mkdtemp(tmp.data())) {
        const std::string why = reason();
        undo_created();
        throw BadInput(dir + ": cannot write: " + why);
    }
    const auto remove_tmp = [&] { fs::remove_all(tmp, ec); };
    const Fd tmpfd(open(tmp.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    const Fd dirfd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    try {
        if (tmpfd.fd < 0 || dirfd.fd < 0) throw BadInput(dir + ": cannot write: " + reason());
        for (const auto& [name, content] : files) {
            const std::string shown = dir + "/" + name;
            const FileMode mode = mode_for(shown);
            const int fd = open_new_at(tmpfd.fd, name, mode.bits);
            if (fd < 0) throw BadInput(shown + ": cannot write: " + reason());
            fill_new_file(fd, tmpfd.fd, name, mode, content, shown);
        }
        // One writer at a time swaps its set in (the lock ends when dirfd is closed).
        while (flock(dirfd.fd, LOCK_EX) != 0)
            if (errno != EINTR) throw BadInput(dir + ": cannot lock: " + reason());
        for (const auto& f : files) check_member(dir + "/" + f.first);   // again, under the lock
        std::vector<std::pair<std::string, bool>> moved;   // name, whether it was exchanged
        try {
            for (const auto& f : files) {
                const char* n = f.first.c_str();
                struct stat old{};
                const bool exists = fstatat(dirfd.fd, n, &old, AT_SYMLINK_NOFOLLOW) == 0;
                int rc = renameat2(tmpfd.fd, n, dirfd.fd, n, exists ? RENAME_EXCHANGE : RENAME_NOREPLACE);
                // A file system without the exchange: a plain replace (this file cannot be undone).
                if (rc != 0 && errno == EINVAL && exists) rc = renameat(tmpfd.fd, n, dirfd.fd, n);
                if (rc != 0) throw BadInput(dir + "/" + f.first + ": cannot write: " + reason());
                moved.emplace_back(f.first, exists);
            }
        } catch (...) {
            for (auto it = moved.rbegin(); it != moved.rend(); ++it) {
                const char* n = it->first.c_str();
                renameat2(tmpfd.fd, n, dirfd.fd, n, RENAME_EXCHANGE);
                if (!it->second) unlinkat(dirfd.fd, n, 0);
            }
            throw;
        }
    } catch (...) {
        remove_tmp();
        undo_created();
        throw;
    }
    remove_tmp();   // now holds the previous versions
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa{}, sb{};
    return stat(a.c_str(), &sa) == 0 && stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace gqalut
