#include "sims/cli/spawn.hpp"

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

extern char** environ;

namespace gqalut::cli {

namespace {

// posix_spawn with every signal unblocked and at its default in the child; `fa` says where
// its output goes. Returns the child's pid, or -1.
pid_t spawn_child(const std::vector<std::string>& argv, const posix_spawn_file_actions_t& fa, char* const* envp) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    sigset_t all;
    sigemptyset(&all);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaddset(&all, s);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, args[0], &fa, &attr, args.data(), envp);
    posix_spawnattr_destroy(&attr);
    return rc == 0 ? pid : -1;
}

int wait_child(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Our environment with `env` replacing (or adding) variables of the same names.
std::vector<std::string> merged_environment(const std::vector<std::string>& env) {
    std::vector<std::string> out;
    auto name_of = [](const std::string& kv) { return kv.substr(0, kv.find('=')); };
    for (char** e = environ; *e; ++e) {
        const std::string kv = *e;
        bool replaced = false;
        for (const auto& x : env) replaced = replaced || name_of(x) == name_of(kv);
        if (!replaced) out.push_back(kv);
    }
    out.insert(out.end(), env.begin(), env.end());
    return out;
}

}  // namespace

int run_program(const std::vector<std::string>& argv) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
    const pid_t pid = spawn_child(argv, fa, environ);
    posix_spawn_file_actions_destroy(&fa);
    return pid < 0 ? -1 : wait_child(pid);
}

ProgramOutput run_captured(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    ProgramOutput result;
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0) return result;
    if (pipe(err_pipe) != 0) {
        close(out_pipe[0]);
        close(out_pipe[1]);
        return result;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, err_pipe[1], STDERR_FILENO);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) posix_spawn_file_actions_addclose(&fa, fd);
    std::vector<std::string> vars = merged_environment(env);
    std::vector<char*> envp;
    for (auto& v : vars) envp.push_back(v.data());
    envp.push_back(nullptr);
    const pid_t pid = spawn_child(argv, fa, envp.data());
    posix_spawn_file_actions_destroy(&fa);
    close(out_pipe[1]);
    close(err_pipe[1]);
    // Both pipes drained together, so a child filling one of them never blocks.
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    for (int open_pipes = 2; open_pipes > 0;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[4096];
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                sinks[i]->append(buf, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_pipes;
            }
        }
    }
    for (const pollfd& f : fds)
        if (f.fd >= 0) close(f.fd);
    if (pid >= 0) result.status = wait_child(pid);
    return result;
}

int run_script(const std::string& script, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"/usr/bin/python3", std::string(GQALUT_SOURCE_DIR) + "/scripts/" + script};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv);
}

}  // namespace gqalut::cli
