// ASan's bounds of the main stack after SystemC ran a process: lost with a bare sc_start()
// (Debian's SystemC 2.3.4 announces the main coroutine's stack as empty), and right again after
// gqalut::sc::start() (model/sc/start.hpp). One mode per run, as one process elaborates one design:
//   mechanism  a bare sc_start() loses them and MainStack::restore() puts them back;
//   vp, sim    `gqalut vp` and `gqalut sim --model cycle` (the pin-level unit's own sc_start
//              loop), run in this process through gqalut's sc_main, leave them right.
// Without the ASan runtime there are no bounds to check: each mode only runs (and must exit 0).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <systemc>

#include "model/sc/start.hpp"
#include "model/table_io.hpp"
#include "search/uniform.hpp"

namespace {

using gqalut::sc::MainStack;

const bool kAsan = MainStack::available();

struct Ticker : sc_core::sc_module {
    SC_HAS_PROCESS(Ticker);
    explicit Ticker(sc_core::sc_module_name n) : sc_module(n) { SC_THREAD(run); }
    void run() {
        for (;;) sc_core::wait(10, sc_core::SC_NS);
    }
};

const char* holds(const MainStack& s, const void* local) {
    return !kAsan ? "(no ASan)" : s.holds(local) ? "holds main's locals" : "LOST";
}

int mechanism() {
    const int local = 0;
    const MainStack before;
    Ticker ticker("ticker");
    sc_core::sc_start(sc_core::sc_time(100, sc_core::SC_NS));
    const MainStack lost;   // what SystemC left
    before.restore();
    const MainStack after;
    std::printf("asan_main_stack mechanism: before sc_start %s, after it %s (SystemC), after restore() %s\n",
                holds(before, &local), holds(lost, &local), holds(after, &local));
    return !kAsan || (before.holds(&local) && after.holds(&local)) ? 0 : 1;
}

// Runs gqalut with `args` through its own sc_main (the subcommands are linked in), then asks ASan
// where the main stack is.
int gqalut_run(std::vector<std::string> args) {
    const int local = 0;
    const MainStack before;
    args.insert(args.begin(), "gqalut");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int status = sc_core::sc_elab_and_sim(static_cast<int>(args.size()), argv.data());
    const MainStack after;
    std::printf("asan_main_stack %s: exit %d; before the run %s, after it %s\n", args[1].c_str(), status,
                holds(before, &local), holds(after, &local));
    return status == 0 && (!kAsan || (before.holds(&local) && after.holds(&local))) ? 0 : 1;
}

}  // namespace

// Not sc_main: the gqalut command line linked in has that.
int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "mechanism") return mechanism();
    if (mode == "vp") return gqalut_run({"vp", "--kernel", "gelu", "--rows", "2", "--cols", "16"});
    if (mode == "sim") {
        char dir[] = "/tmp/gqalut-asan-main-stack-XXXXXX";
        if (!mkdtemp(dir)) return 1;
        const std::string table = std::string(dir) + "/gelu8.json";
        gqalut::save_table(gqalut::uniform_table("gelu", gqalut::Precision::int8, 8, -4, 4), table);
        const int status = gqalut_run({"sim", "--table", table, "--model", "cycle", "--scale", "3", "--inputs", "random:200"});
        std::filesystem::remove_all(dir);
        return status;
    }
    std::fprintf(stderr, "usage: asan_main_stack mechanism|vp|sim\n");
    return 2;
}
