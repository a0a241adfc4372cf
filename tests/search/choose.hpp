// Brute-force helper of the search tests: every nondecreasing choice of breakpoints.
#pragma once
#include <functional>
#include <vector>

namespace gqalut::test {

// Calls visit with every nondecreasing choice of `count` values from `cand` (cur: the prefix
// chosen so far, from: the first index it may take next).
inline void choose(const std::vector<double>& cand, size_t count, std::vector<double>& cur, size_t from,
                   const std::function<void(const std::vector<double>&)>& visit) {
    if (cur.size() == count) {
        visit(cur);
        return;
    }
    for (size_t i = from; i < cand.size(); ++i) {
        cur.push_back(cand[i]);
        choose(cand, count, cur, i, visit);
        cur.pop_back();
    }
}

}  // namespace gqalut::test
