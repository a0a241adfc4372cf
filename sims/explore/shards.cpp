#include "sims/explore/shards.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "model/errors.hpp"

namespace gqalut::explore {

namespace {

// The I and N of "shard-I-of-N.csv" (each one or more digits), or nullopt. Not std::regex:
// libstdc++ matches [0-9]+ with one stack frame per character, so a long name overflowed the stack.
std::optional<std::pair<std::string, std::string>> shard_name_numbers(const std::string& name) {
    const std::string head = "shard-", middle = "-of-", tail = ".csv";
    if (name.size() < head.size() + tail.size() || name.compare(0, head.size(), head) != 0 ||
        name.compare(name.size() - tail.size(), tail.size(), tail) != 0)
        return std::nullopt;
    const std::string body = name.substr(head.size(), name.size() - head.size() - tail.size());
    const size_t at = body.find(middle);
    if (at == std::string::npos) return std::nullopt;
    std::pair<std::string, std::string> numbers{body.substr(0, at), body.substr(at + middle.size())};
    const auto digits = [](const std::string& t) {
        return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(numbers.first) || !digits(numbers.second)) return std::nullopt;
    return numbers;
}

// A decimal without leading zeros within [lo, hi], or -1.
long long canonical_number(const std::string& s, long long lo, long long hi) {
    if (s.empty() || s.size() > 9 || (s.size() > 1 && s[0] == '0')) return -1;
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return -1;   // every character a digit ("2/3" is not 2)
    return v >= lo && v <= hi ? v : -1;
}

std::string header_line(const Sweep& s, const ShardId& id) {
    return "# gqalut explore shard " + std::to_string(id.index) + " of " + std::to_string(id.count) + ": " + s.options();
}

}  // namespace

std::string ShardId::file_name() const {
    return "shard-" + std::to_string(index) + "-of-" + std::to_string(count) + ".csv";
}

ShardId parse_shard_option(const std::string& text) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) throw BadInput("--shard: '" + text + "' is not I/N");
    const long long n = canonical_number(text.substr(slash + 1), 1, kMaxShards);
    const long long i = canonical_number(text.substr(0, slash), 0, kMaxShards - 1);
    if (n < 0 || i < 0 || i >= n)
        throw BadInput("--shard: '" + text + "' needs integers 0 <= I < N <= " + std::to_string(kMaxShards));
    return {static_cast<int>(i), static_cast<int>(n)};
}

bool looks_like_shard_file(const std::string& name) { return shard_name_numbers(name).has_value(); }

ShardId parse_shard_file_name(const std::string& name) {
    const auto numbers = shard_name_numbers(name);
    if (!numbers) throw BadInput(name + ": not a shard-I-of-N.csv file name");
    const long long n = canonical_number(numbers->second, 1, kMaxShards);
    const long long i = canonical_number(numbers->first, 0, kMaxShards - 1);
    if (n < 0 || i < 0 || i >= n)
        throw BadInput(name + ": not a shard explore writes (I and N without leading zeros, 0 <= I < N <= " +
                       std::to_string(kMaxShards) + ")");
    return {static_cast<int>(i), static_cast<int>(n)};
}

std::string shard_text(const Sweep& s, const ShardId& id, const std::vector<Point>& points) {
    return header_line(s, id) + "\n" + to_csv(points);
}

std::vector<Point> merge_shards(const std::vector<ShardFile>& files, const Sweep& s) {
    if (files.empty()) throw BadInput("no shard-I-of-N.csv files to merge");
    std::map<int, const ShardFile*> by_index;
    int count = -1;
    for (const auto& f : files) {
        const ShardId id = parse_shard_file_name(f.name);
        if (count >= 0 && id.count != count)
            throw BadInput(f.name + ": a shard of a split into " + std::to_string(id.count) + ", the others are of " +
                           std::to_string(count));
        count = id.count;
        if (!by_index.emplace(id.index, &f).second) throw BadInput(f.name + ": shard " + std::to_string(id.index) + " given twice");
    }
    for (int i = 0; i < count; ++i)
        if (!by_index.count(i)) throw BadInput(ShardId{i, count}.file_name() + " is missing (shard " + std::to_string(i) + " of " +
                                               std::to_string(count) + ")");

    const std::vector<Job> all_jobs = jobs(s);
    // (job, position among the job's pricings) -> the point; where each came from for messages.
    std::map<std::pair<size_t, size_t>, Point> got;
    std::map<std::pair<size_t, size_t>, std::string> from;
    std::map<size_t, std::pair<Point, std::string>> first_of_job;
    const size_t indexing = axis_index("indexing"), lanes = axis_index("lanes");
    for (const auto& [index, file] : by_index) {
        const std::string first = file->text.substr(0, file->text.find('\n'));
        if (first != header_line(s, {index, count}))
            throw BadInput(file->name + ": line 1: not made by this sweep (expected '" + header_line(s, {index, count}) + "')");
        const std::vector<Point> points = from_csv(file->text, file->name);
        for (size_t row = 0; row < points.size(); ++row) {
            const Point& p = points[row];
            const std::string where = file->name + ": line " + std::to_string(row + 3);
            if (p.job >= all_jobs.size())
                throw BadInput(where + ": job " + std::to_string(p.job) + " is not in this sweep (it has " +
                               std::to_string(all_jobs.size()) + " jobs)");
            if (static_cast<int>(p.job % static_cast<size_t>(count)) != index)
                throw BadInput(where + ": job " + std::to_string(p.job) + " belongs to shard " +
                               std::to_string(p.job % static_cast<size_t>(count)));
            const Job& j = all_jobs[p.job];
            for (size_t a = 0; a < axes().size(); ++a)
                if (axes()[a].searched && p.values[a] != j.values[a])
                    throw BadInput(where + ": job " + std::to_string(p.job) + " is " + j.describe() + ", the row has " +
                                   axes()[a].column + " " + p.values[a]);
            const auto pr = pricings(s, j);
            const auto at = std::find(pr.begin(), pr.end(), std::make_pair(p.values[indexing], std::stoi(p.values[lanes])));
            if (at == pr.end())
                throw BadInput(where + ": job " + std::to_string(p.job) + " (" + j.describe() + ") is not priced for indexing " +
                               p.values[indexing] + " lanes " + p.values[lanes] + " in this sweep");
            const auto key = std::make_pair(p.job, static_cast<size_t>(at - pr.begin()));
            if (got.count(key)) throw BadInput(where + ": the same point as " + from[key]);
            const auto first_row = first_of_job.emplace(p.job, std::make_pair(p, where)).first->second;
            const Point& q = first_row.first;
            if (std::tie(q.mse_mean, q.max_abs_error, q.max_rel_error, q.mse_per_scale) !=
                std::tie(p.mse_mean, p.max_abs_error, p.max_rel_error, p.mse_per_scale))
                throw BadInput(where + ": job " + std::to_string(p.job) + ": its accuracy differs from " + first_row.second);
            got.emplace(key, p);
            from.emplace(key, where);
        }
    }
    std::vector<Point> out;
    for (const Job& j : all_jobs) {
        const auto pr = pricings(s, j);
        for (size_t k = 0; k < pr.size(); ++k) {
            const auto it = got.find({j.index, k});
            if (it == got.end())
                throw BadInput(ShardId{static_cast<int>(j.index % static_cast<size_t>(count)), count}.file_name() +
                               ": no row for job " + std::to_string(j.index) + " (" + j.describe() + ") indexing " +
                               pr[k].first + " lanes " + std::to_string(pr[k].second));
            out.push_back(it->second);
        }
    }
    return out;
}

}  // namespace gqalut::explore
