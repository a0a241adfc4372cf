// Splitting a sweep into shards and joining them back. A shard file is the CSV of the jobs
// whose index modulo N is I, named shard-I-of-N.csv, with the sweep's options on its first
// line; merging checks that a set of such files is exactly one complete sweep.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sims/explore/sweep.hpp"

namespace gqalut::explore {

constexpr int kMaxShards = 100000;

struct ShardId {
    int index = 0, count = 1;
    std::string file_name() const;   // "shard-I-of-N.csv"
};

// "--shard I/N" with 0 <= I < N <= kMaxShards; throws BadInput.
ShardId parse_shard_option(const std::string& text);
// True for names of the form shard-<digits>-of-<digits>.csv (what a merge must account for).
bool looks_like_shard_file(const std::string& name);
// The shard a file name written by explore stands for; throws BadInput for a name that looks
// like a shard file but is not one explore writes (leading zeros, I >= N, N = 0, huge numbers).
ShardId parse_shard_file_name(const std::string& name);

// The text of a shard file.
std::string shard_text(const Sweep& s, const ShardId& id, const std::vector<Point>& points);

struct ShardFile {
    std::string name;   // file name (for messages and its shard number)
    std::string text;
};

// Checks that `files` are the shards 0..N-1 of one split of sweep `s`, each once, made by that
// sweep, and that together they hold every point of the sweep exactly once (every job, every
// indexing style and lane count), with the rows of one job agreeing on its accuracy. Returns
// the points in the order an unsharded run writes them. Throws BadInput naming what is wrong.
std::vector<Point> merge_shards(const std::vector<ShardFile>& files, const Sweep& s);

}  // namespace gqalut::explore
