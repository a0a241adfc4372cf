#include "sims/cli/staged_dir.hpp"

#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

#include "model/errors.hpp"

namespace fs = std::filesystem;

namespace gqalut::cli {

namespace {

std::mutex& registry_mutex() {
    static std::mutex m;
    return m;
}
std::set<std::string>& staging_dirs() {
    static std::set<std::string> s;
    return s;
}

sigset_t stop_signals() {
    sigset_t s;
    sigemptyset(&s);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&s, sig);
    return s;
}

// Once per process: the stop signals are blocked (threads started later inherit that) and one
// thread waits for them, removes the staging folders, then dies of the signal as usual.
void watch_stop_signals() {
    static std::once_flag once;
    std::call_once(once, [] {
        const sigset_t s = stop_signals();
        pthread_sigmask(SIG_BLOCK, &s, nullptr);
        std::thread([s] {
            int sig = 0;
            if (sigwait(&s, &sig) != 0) return;
            {
                std::lock_guard<std::mutex> lock(registry_mutex());
                std::error_code ec;
                for (const auto& d : staging_dirs()) fs::remove_all(d, ec);
                staging_dirs().clear();
            }
            std::signal(sig, SIG_DFL);
            sigset_t one;
            sigemptyset(&one);
            sigaddset(&one, sig);
            pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
            raise(sig);
        }).detach();
    });
}

bool writable_dir(const std::string& d) { return access(d.c_str(), W_OK | X_OK) == 0; }

}  // namespace

StagedDir::StagedDir(std::string dir, const std::string& option) : dir_(std::move(dir)) {
    if (dir_.empty()) throw BadInput(option + ": empty folder name");
    while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
    std::error_code ec;
    const auto st = fs::status(dir_, ec);
    char host[64] = "host";
    gethostname(host, sizeof host - 1);
    const std::string tag = ".partial-" + std::string(host) + "-" + std::to_string(getpid());
    if (fs::exists(st)) {
        if (!fs::is_directory(st)) throw BadInput(option + ": " + dir_ + " exists and is not a directory");
        if (!writable_dir(dir_)) throw BadInput(option + ": cannot write into " + dir_ + " (permission denied)");
        staging_ = dir_ + "/" + tag;
    } else {
        const fs::path p(dir_);
        const std::string parent = p.has_parent_path() ? p.parent_path().string() : ".";
        if (!fs::is_directory(parent, ec)) throw BadInput(option + ": cannot create " + dir_ + " (no folder " + parent + ")");
        if (!writable_dir(parent)) throw BadInput(option + ": cannot create " + dir_ + " (" + parent + " is not writable)");
        // A short unique name of its own, not the folder's name with a suffix: any legal name
        // (255 bytes) must work.
        staging_ = (fs::path(parent) / ".gqalut-partial-XXXXXX").string();
    }
    watch_stop_signals();
    std::lock_guard<std::mutex> lock(registry_mutex());
    if (fs::exists(st)) {
        if (!fs::create_directory(staging_, ec) || ec)
            throw BadInput(option + ": cannot write " + dir_ + " (" + (ec ? ec.message() : "exists") + ")");
    } else if (!mkdtemp(staging_.data())) {
        throw BadInput(option + ": cannot create " + dir_ + " (" + std::strerror(errno) + ")");
    }
    staging_dirs().insert(staging_);
}

StagedDir::~StagedDir() {
    std::lock_guard<std::mutex> lock(registry_mutex());
    if (!committed_) {
        std::error_code ec;
        fs::remove_all(staging_, ec);
    }
    staging_dirs().erase(staging_);
}

void StagedDir::commit() {
    std::lock_guard<std::mutex> lock(registry_mutex());
    std::error_code ec;
    if (!fs::exists(dir_, ec)) {
        fs::rename(staging_, dir_, ec);
        if (!ec) {
            committed_ = true;
            return;
        }
    }
    // The folder exists (or appeared meanwhile): move the files in one by one, after checking
    // that none can fail on what is there, so a refusal leaves the folder as it was.
    for (auto it = fs::recursive_directory_iterator(staging_); it != fs::recursive_directory_iterator(); ++it) {
        const fs::path to = fs::path(dir_) / fs::relative(it->path(), staging_);
        const auto existing = fs::symlink_status(to, ec);
        if (!fs::exists(existing)) continue;
        if (it->is_directory() ? !fs::is_directory(existing) : !fs::is_regular_file(existing))
            throw BadInput(to.string() + " exists and is not a " + (it->is_directory() ? "folder" : "regular file") +
                           "; it is left as it is, and nothing was written");
    }
    for (auto it = fs::recursive_directory_iterator(staging_); it != fs::recursive_directory_iterator(); ++it) {
        const fs::path rel = fs::relative(it->path(), staging_);
        const fs::path to = fs::path(dir_) / rel;
        if (it->is_directory()) {
            fs::create_directories(to, ec);
        } else {
            const auto existing = fs::symlink_status(to, ec);
            if (fs::exists(existing) && !fs::is_regular_file(existing))
                throw BadInput(to.string() + " exists and is not a regular file; it is left as it is");
            fs::rename(it->path(), to, ec);
        }
        if (ec) throw BadInput("cannot move " + it->path().string() + " to " + to.string() + ": " + ec.message());
    }
    fs::remove_all(staging_, ec);
    committed_ = true;
}

}  // namespace gqalut::cli
