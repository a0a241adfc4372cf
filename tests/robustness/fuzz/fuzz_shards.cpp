// libFuzzer target: the shard merger of `gqalut explore --merge`. The input is a set of files,
// each "NAME\n" then its text, separated by lines "%%\n". For a small fixed sweep, merging must
// either fail with BadInput or return exactly the sweep's points, each once, in job order.
#include <cstdint>
#include <string>
#include <vector>

#include "model/errors.hpp"
#include "sims/explore/shards.hpp"

namespace {

gqalut::explore::Sweep small_sweep() {
    gqalut::explore::Sweep s;
    s.values = {{"gelu", "exp"}, {"int8"}, {"4", "8"}, {"gqa-rm", "optimal"}, {"parallel", "uniform"}, {"1", "2"}, {"none"}, {"off"}, {"absolute"}};
    return s;
}

std::vector<gqalut::explore::ShardFile> split_files(const std::string& text) {
    std::vector<gqalut::explore::ShardFile> files;
    size_t at = 0;
    while (at <= text.size() && files.size() < 8) {
        size_t end = text.find("\n%%\n", at);
        if (end == std::string::npos) end = text.size();
        const std::string chunk = text.substr(at, end - at);
        const size_t nl = chunk.find('\n');
        files.push_back({chunk.substr(0, nl), nl == std::string::npos ? "" : chunk.substr(nl + 1)});
        at = end + 4;
    }
    return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const gqalut::explore::Sweep sweep = small_sweep();
    static const size_t expected = [] {
        size_t n = 0;
        for (const auto& j : gqalut::explore::jobs(sweep)) n += gqalut::explore::pricings(sweep, j).size();
        return n;
    }();
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<gqalut::explore::Point> points;
    try {
        points = gqalut::explore::merge_shards(split_files(text), sweep);
    } catch (const gqalut::BadInput&) {
        return 0;
    }
    if (points.size() != expected) __builtin_trap();
    for (size_t i = 1; i < points.size(); ++i)
        if (points[i].job < points[i - 1].job) __builtin_trap();
    // What merged must write back and merge again to the same points.
    const std::string csv = gqalut::explore::to_csv(points);
    if (gqalut::explore::to_csv(gqalut::explore::from_csv(csv, "round-trip")) != csv) __builtin_trap();
    return 0;
}
