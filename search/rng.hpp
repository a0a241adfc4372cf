// The searchers' random numbers: std::mt19937_64 with our own transforms, so a seed gives the
// same stream on every standard library (std:: distributions are implementation-defined).
#pragma once
#include <cmath>
#include <cstdint>
#include <random>

namespace gqalut {

class Rng {
public:
    explicit Rng(uint64_t seed) : eng_(seed) {}

    uint64_t bits() { return eng_(); }
    // Uniform in [0, 1) with 53 random bits.
    double uniform01() { return static_cast<double>(eng_() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform01(); }
    // Uniform integer in [lo, hi] (lo <= hi), unbiased by rejection.
    int64_t uniform_int(int64_t lo, int64_t hi) {
        const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
        if (span == 0) return static_cast<int64_t>(eng_());   // the full 64-bit range
        const uint64_t limit = UINT64_MAX - UINT64_MAX % span;
        uint64_t r;
        do r = eng_();
        while (r >= limit);
        return lo + static_cast<int64_t>(r % span);
    }
    // Standard normal by Box-Muller; two uniforms per call, no cached second value, so the
    // stream position depends only on the number of calls.
    double normal() {
        const double u1 = 1.0 - uniform01();   // (0, 1]: log is finite
        const double u2 = uniform01();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586476925 * u2);
    }

private:
    std::mt19937_64 eng_;
};

// An independent stream for sub-task `stream` of a run seeded with `seed` (splitmix64 mixing).
inline uint64_t derive_seed(uint64_t seed, uint64_t stream) {
    uint64_t z = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

}  // namespace gqalut
