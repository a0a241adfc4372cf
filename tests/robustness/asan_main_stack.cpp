// ASan's bounds of the main stack after SystemC ran a process: lost (Debian's SystemC 2.3.4
// announces the main coroutine's stack as empty), and right again after MainStack::restore()
// (tests/robustness/fuzz/asan_main_stack.hpp). Without ASan there is nothing to check.
#include <cstdio>
#include <systemc>

#include "tests/robustness/fuzz/asan_main_stack.hpp"

namespace {

struct Ticker : sc_core::sc_module {
    SC_HAS_PROCESS(Ticker);
    explicit Ticker(sc_core::sc_module_name n) : sc_module(n) { SC_THREAD(run); }
    void run() {
        for (;;) sc_core::wait(10, sc_core::SC_NS);
    }
};

}  // namespace

int sc_main(int, char**) {
#ifndef GQALUT_ASAN
    std::puts("asan_main_stack: not built with ASan, nothing to check");
    return 0;
#else
    using gqalut::test::MainStack;
    const int local = 0;
    const MainStack before;
    Ticker ticker("ticker");
    sc_core::sc_start(sc_core::sc_time(100, sc_core::SC_NS));
    const MainStack lost;   // what SystemC left
    before.restore();
    const MainStack after;
    std::printf("asan_main_stack: before sc_start %s, after it %s, after restore() %s\n",
                before.holds(&local) ? "holds main's locals" : "LOST", lost.holds(&local) ? "holds them" : "lost (SystemC)",
                after.holds(&local) ? "holds them" : "LOST");
    return before.holds(&local) && after.holds(&local) ? 0 : 1;
#endif
}
