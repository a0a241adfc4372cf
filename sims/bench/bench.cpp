#include "sims/bench/bench.hpp"

#include <algorithm>

namespace gqalut::bench {

namespace {
std::vector<Section>& registry() {
    static std::vector<Section> r;
    return r;
}
}  // namespace

RegisterSection::RegisterSection(const Section& s) { registry().push_back(s); }

std::vector<Section> sections() {
    std::vector<Section> s = registry();
    std::sort(s.begin(), s.end(), [](const Section& a, const Section& b) { return a.rank < b.rank; });
    return s;
}

double seconds(const std::function<void()>& body) {
    const auto t0 = std::chrono::steady_clock::now();
    body();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double rate(const Options& opt, const std::function<void(size_t)>& body, size_t first_n) {
    size_t n = first_n;
    for (;;) {
        const double s = seconds([&] { body(n); });
        if (s >= opt.min_seconds || n >= (size_t(1) << 40)) return static_cast<double>(n) / s;
        n = s <= 0 ? n * 16 : static_cast<size_t>(static_cast<double>(n) * std::min(16.0, 1.2 * opt.min_seconds / s)) + 1;
    }
}

}  // namespace gqalut::bench
