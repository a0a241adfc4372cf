// The SystemC tests run their Catch2 session inside sc_main. SystemC elaborates once per
// process and every test case builds its own unit, so each test case runs in its own process:
// ctest runs them one by one (catch_discover_tests); run without arguments, this binary forks
// a child per test case itself and sums up.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <systemc>
#include <unistd.h>

#include "sims/tb/sc_process.hpp"

namespace {
// Before main(): libsystemc's main prints its banner on stdout before sc_main runs, which
// would end up in the test list catch_discover_tests reads.
const bool quiet = [] { return setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0) == 0; }();

std::string escape(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (c == ',' || c == '[' || c == ']' || c == '\\' || c == '"') out += '\\';
        out += c;
    }
    return out;
}

int run_each_in_a_child(int argc, char* argv[]) {
    Catch::Session session;
    if (int rc = session.applyCommandLine(argc, argv)) return rc;
    const auto tests = Catch::getAllTestCasesSorted(session.config());
    int failed = 0;
    for (const auto& tc : tests) {
        std::fflush(stdout);
        const pid_t pid = fork();
        if (pid == 0) {   // Catch allows one session per process: the child reuses its copy
            const std::string spec = escape(tc.name);
            const char* args[] = {argv[0], spec.c_str()};
            if (int rc = session.applyCommandLine(2, args)) _exit(rc);
            gqalut::sim::prepare_systemc();
            const int rc = session.run();
            std::fflush(stdout);
            _exit(rc == 0 ? 0 : 1);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!ok) ++failed;
        std::printf("%s  %s\n", ok ? "ok  " : "FAIL", tc.name.c_str());
    }
    std::printf("%zu test cases, %d failed\n", tests.size(), failed);
    return failed == 0 ? 0 : 1;
}
}  // namespace

int sc_main(int argc, char* argv[]) {
    (void)quiet;
    if (argc == 1) return run_each_in_a_child(argc, argv);
    gqalut::sim::prepare_systemc();
    return Catch::Session().run(argc, argv);
}
