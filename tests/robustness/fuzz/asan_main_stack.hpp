// Keeps AddressSanitizer's idea of the main stack right across SystemC's coroutine switches.
//
// Debian's SystemC 2.3.4 (QuickThreads coroutines) announces each switch to ASan, but for the
// main coroutine it passes the stack it never recorded: address 0, size 0. After the first
// sc_start() that ran a process, ASan believes the main stack is empty, so the next exception
// thrown on it cannot be unpoisoned ("ASan is ignoring requested __asan_handle_no_return ...
// top: 0x000000000000"), and redzones of frames that exception unwound stay poisoned: a later
// frame there (ASan's own sigaltstack call inside the next throw) is reported as a
// stack-buffer-overflow. The same happens with clang's ASan; whether a false report follows
// depends on the frame layout. docs/results/robustness.md has the evidence.
//
// MainStack records the bounds ASan has before the kernel runs and puts them back whenever
// control is back on the main stack (after each sc_start()). Without ASan it does nothing.
#pragma once
#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define GQALUT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GQALUT_ASAN 1
#endif
#endif

#ifdef GQALUT_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

namespace gqalut::test {

class MainStack {
public:
    // Call on the main stack before the first sc_start().
    MainStack() {
#ifdef GQALUT_ASAN
        // ASan tells the bounds it had only when a switch finishes: switch to the same stack.
        void* fake = nullptr;
        __sanitizer_start_switch_fiber(&fake, nullptr, 0);
        __sanitizer_finish_switch_fiber(fake, &bottom_, &size_);
        restore();
#endif
    }

    // Call on the main stack, after sc_start() returned.
    void restore() const {
#ifdef GQALUT_ASAN
        void* fake = nullptr;
        __sanitizer_start_switch_fiber(&fake, bottom_, size_);
        __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
#endif
    }

    // Whether `p` lies in the stack recorded (always false without ASan).
    bool holds(const void* p) const {
        const char* b = static_cast<const char*>(bottom_);
        return b && static_cast<const char*>(p) >= b && static_cast<const char*>(p) < b + size_;
    }

private:
    const void* bottom_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace gqalut::test
