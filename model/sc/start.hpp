// sc_start() that keeps AddressSanitizer's idea of the main stack right across SystemC's
// coroutine switches. Every sc_start() of the project's programs and tests goes through start().
//
// Debian's SystemC 2.3.4 (QuickThreads coroutines) announces each switch to ASan, but for the
// main coroutine it passes the stack it never recorded: address 0, size 0. After the first
// sc_start() that ran a process, ASan believes the main stack is empty. Two faults follow:
// - the next exception thrown on it cannot be unpoisoned ("ASan is ignoring requested
//   __asan_handle_no_return ... top: 0x000000000000"), so redzones of the frames it unwound stay
//   poisoned and a later frame there is reported as a stack-buffer-overflow;
// - LeakSanitizer, scanning the stacks at exit, faults ("Tracer caught signal 11").
// docs/results/robustness.md has the evidence. MainStack records the bounds ASan has before the
// kernel runs and puts them back when control is on the main stack again. Without the ASan
// runtime it does nothing.
#pragma once
#include <cstddef>

#include <systemc>

// ASan's fiber interface, declared weak as SystemC itself does: the functions are there when the
// ASan runtime is in the process (whether or not the code including this was instrumented, so an
// uninstrumented platform linked with a sanitized gqalut gets the fix too), null otherwise.
extern "C" {
__attribute__((weak)) void __sanitizer_start_switch_fiber(void** fake_stack_save, const void* bottom, std::size_t size);
__attribute__((weak)) void __sanitizer_finish_switch_fiber(void* fake_stack_save, const void** bottom_old,
                                                           std::size_t* size_old);
}

namespace gqalut::sc {

class MainStack {
public:
    // Whether the ASan runtime is in the process (else MainStack does nothing).
    static bool available() { return __sanitizer_start_switch_fiber && __sanitizer_finish_switch_fiber; }

    // Construct on the main stack before the first sc_start().
    MainStack() {
        if (!available()) return;
        // ASan tells the bounds it had only when a switch finishes: switch to the same stack.
        void* fake = nullptr;
        __sanitizer_start_switch_fiber(&fake, nullptr, 0);
        __sanitizer_finish_switch_fiber(fake, &bottom_, &size_);
        restore();
    }

    // Call on the main stack, after sc_start() returned.
    void restore() const {
        if (size_ == 0) return;   // no ASan runtime, or recorded after SystemC had lost them
        void* fake = nullptr;
        __sanitizer_start_switch_fiber(&fake, bottom_, size_);
        __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
    }

    // Whether `p` lies in the stack recorded (always false without the ASan runtime).
    bool holds(const void* p) const {
        const char* b = static_cast<const char*>(bottom_);
        return b && static_cast<const char*>(p) >= b && static_cast<const char*>(p) < b + size_;
    }

private:
    const void* bottom_ = nullptr;
    std::size_t size_ = 0;
};

// The main stack as it was at the first call (which must come before the first sc_start()).
inline const MainStack& main_stack() {
    static const MainStack recorded;
    return recorded;
}

// sc_start() from the main stack, with ASan's view of that stack put back after it returns.
inline void start() {
    const MainStack& stack = main_stack();
    sc_core::sc_start();
    stack.restore();
}

inline void start(const sc_core::sc_time& duration) {
    const MainStack& stack = main_stack();
    sc_core::sc_start(duration);
    stack.restore();
}

}  // namespace gqalut::sc
