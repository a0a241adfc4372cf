// gqalut vectors --table FILE --out DIR [--shape NAME] [--scales A..B] [--requant S_O]
//                [--inputs exhaustive|random:N] [--seed S] [--format text|json]
// Golden vectors for RTL testbenches (rtl/tb/gqalut_tb.sv): for each scale, the configuration
// writes that load the table (config_writes) and a block of input vectors with the output
// words GoldenUnit predicts. Files in DIR:
//   vectors.vh   unit parameters and sizes, included by the testbench
//   ops.hex      one op per line, 80 bits: kind[79:76] addr[75:64] data[63:0];
//                kind 1 = configuration write, 2 = stream `data` input vectors, 15 = end
//   in.hex       one input vector per line (Lanes x InW bits, lane 0 in the low bits)
//   expect.hex   the expected output vector per input vector (Lanes x OutW bits)
// Nothing is written unless every check passes.
#include <climits>
#include <cstdio>
#include <iostream>
#include <regex>

#include "model/errors.hpp"
#include "model/fp32_datapath.hpp"
#include "model/table_io.hpp"
#include "model/unit_config.hpp"
#include "sims/cli/options.hpp"
#include "sims/cli/outputs.hpp"

namespace gqalut::cli {

namespace {

// "int8_p8_n32_l1", "fp32_n32_l1", "scaler32_p8_n32_l1" (UnitShape::name()); the scaler core
// width is 8 unless a "_c<K>" suffix gives it.
UnitShape parse_shape(const std::string& name) {
    static const std::regex re(R"((int|fp|scaler)(\d+)(?:_p(\d+))?_n(\d+)_l(\d+)(?:_c(\d+))?)");
    // libstdc++ matches \d+ with one stack frame per character: a name of a few ten thousand
    // digits overflowed the stack. Every valid name is far shorter than the bound.
    constexpr size_t kLongestName = 100;
    std::smatch m;
    if (name.size() > kLongestName || !std::regex_match(name, m, re))
        throw BadInput("--shape: '" + name.substr(0, kLongestName) + (name.size() > kLongestName ? "...' (" + std::to_string(name.size()) + " characters)" : "'") +
                       " is not a unit name like int8_p8_n32_l1, fp32_n32_l1 or scaler32_p8_n32_l1");
    // More than 9 digits is out of every range below (and of int): read as INT_MAX.
    const auto num = [&](int i) {
        const std::string d = m[static_cast<size_t>(i)].str();
        return d.size() > 9 ? INT_MAX : std::stoi(d);
    };
    UnitShape s;
    const std::string kind = m[1].str();
    s.in_width = num(2);
    s.max_entries = num(4);
    s.lanes = num(5);
    if (kind == "fp") {
        if (s.in_width != 32 || m[3].matched || m[6].matched) throw BadInput("--shape: '" + name + "': the FP32 unit is fp32_n<N>_l<L>");
        s.kind = UnitKind::fp32_unit;
        s.par_width = 32;
    } else {
        if (!m[3].matched) throw BadInput("--shape: '" + name + "' needs _p<ParW>");
        s.kind = kind == "int" ? UnitKind::int_unit : UnitKind::scaler_unit;
        s.par_width = num(3);
        if (kind == "int" && m[6].matched) throw BadInput("--shape: '" + name + "': _c<K> is for the scaler unit");
        if (kind == "int" && s.in_width != 8 && s.in_width != 16 && s.in_width != 32)
            throw BadInput("--shape: '" + name + "': INT units are 8, 16 or 32 bits wide");
        if (kind == "scaler" && (s.in_width < 2 || s.in_width > 32))
            throw BadInput("--shape: '" + name + "': the scaler input is 2..32 bits");
        s.core_width = m[6].matched ? num(6) : 8;
        if (s.core_width < 2 || s.core_width > 32) throw BadInput("--shape: '" + name + "': the scaler core is 2..32 bits");
        if (s.par_width < 2 || s.par_width > 32) throw BadInput("--shape: '" + name + "': ParW must be 2..32");
    }
    if (s.max_entries < 2 || s.max_entries > 256) throw BadInput("--shape: '" + name + "': entries must be 2..256");
    if (s.lanes < 1 || s.lanes > 64) throw BadInput("--shape: '" + name + "': lanes must be 1..64");
    return s;
}

// Hex of the concatenation of lanes (lane 0 in the low bits), each `width` bits.
std::string hex_lanes(const std::vector<i128>& lanes, int width) {
    const int total = width * static_cast<int>(lanes.size());
    std::string s;
    for (int d = (total + 3) / 4 - 1; d >= 0; --d) {
        int nibble = 0;
        for (int b = 3; b >= 0; --b) {
            const int bit = 4 * d + b;
            const int v = bit < total ? static_cast<int>((lanes[static_cast<size_t>(bit / width)] >> (bit % width)) & 1) : 0;
            nibble = nibble * 2 + v;
        }
        s += "0123456789abcdef"[nibble];
    }
    return s;
}

std::string op_line(int kind, uint32_t addr, uint64_t data) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%x%03x%016llx\n", kind, addr & 0xFFF, static_cast<unsigned long long>(data));
    return buf;
}

uint64_t splitmix(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// --inputs: 0 for exhaustive (every code), else the N of random:N; throws BadInput.
long long random_count(const UnitShape& shape, const std::string& spec) {
    if (spec == "exhaustive") {
        if (shape.in_width > 16)
            throw BadInput("--inputs exhaustive needs an input width of at most 16 bits (this unit has " +
                           std::to_string(shape.in_width) + "); use --inputs random:N");
        return 0;
    }
    static const std::regex re(R"(random:(\d{1,8}))");
    std::smatch m;
    if (!std::regex_match(spec, m, re) || std::stoll(m[1].str()) < 1)
        throw BadInput("--inputs: '" + spec + "' is neither exhaustive nor random:N with 1 <= N <= 99999999");
    return std::stoll(m[1].str());
}

// The set is made in memory before it is written (one set, or nothing): a request whose files
// would exceed kMaxSetBytes is refused before any work, with the sizes, instead of running out
// of memory (random:99999999 on 64 lanes of 7 scales is about 3.6 GB of hex).
constexpr unsigned long long kMaxSetBytes = 1ull << 32;
void check_set_size(const UnitShape& shape, long long n_random, size_t scales) {
    const unsigned long long lanes = static_cast<unsigned long long>(shape.lanes);
    const unsigned long long words = n_random == 0 ? 1ull << shape.in_width : static_cast<unsigned long long>(n_random);
    const unsigned long long vectors = (words + lanes - 1) / lanes;
    const unsigned long long line = (lanes * static_cast<unsigned long long>(shape.in_width) + 3) / 4 +
                                    (lanes * static_cast<unsigned long long>(shape.out_width()) + 3) / 4 + 2;
    const unsigned long long bytes = vectors * line * scales + words * sizeof(uint64_t);
    if (bytes > kMaxSetBytes)
        throw BadInput("--inputs: " + std::to_string(words) + " input words on " + std::to_string(lanes) + " lane(s) for " +
                       std::to_string(scales) + " scale(s) make about " + std::to_string(bytes >> 20) +
                       " MiB of vectors, more than the 4096 MiB a set may hold; use fewer inputs or scales");
}

// Input words: every code (n == 0) or n random words with corner values mixed in.
std::vector<uint64_t> input_words(const UnitShape& shape, long long n, uint64_t seed) {
    const int w = shape.in_width;
    const uint64_t mask = w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1;
    std::vector<uint64_t> words;
    if (n == 0) {
        for (uint64_t c = 0; c <= mask; ++c) words.push_back(c);
        return words;
    }
    std::vector<uint64_t> corners = {0, 1, mask, mask - 1, mask >> 1, (mask >> 1) + 1};
    if (shape.kind == UnitKind::fp32_unit)
        corners.insert(corners.end(), {0x80000000, 0x00000001, 0x007FFFFF, 0x00800000, 0x7F7FFFFF, 0x7F800000,
                                       0xFF800000, 0x7FC00000, 0x7F800001, 0x3F800000, 0xBF800000});
    uint64_t x = seed;
    for (long long i = 0; i < n; ++i) {
        const uint64_t r = splitmix(x);
        words.push_back(r % 8 == 0 ? corners[static_cast<size_t>((r >> 8) % corners.size())] : (splitmix(x) & mask));
    }
    return words;
}

}  // namespace

int run_vectors(const Args& args) {
    std::string table_path, out_dir, shape_name, scales_opt, inputs, format;
    int requant = 0;
    uint64_t seed = 1;
    po::options_description desc("vectors options");
    desc.add_options()
        ("table", po::value<std::string>(&table_path)->required(), "table file (own format or the reference JSON)")
        ("out", po::value<std::string>(&out_dir)->required(), "output directory (created if missing)")
        ("shape", po::value<std::string>(&shape_name), "unit configuration, e.g. int8_p8_n32_l1 (default: the table's, 32 entries, 1 lane)")
        ("scales", po::value<std::string>(&scales_opt), "INT: scales A..B (default: the table's scales)")
        ("requant", po::value<int>(&requant), "INT: enable the requantizer with output fraction bits S_O")
        ("inputs", po::value<std::string>(&inputs)->default_value("exhaustive"), "exhaustive or random:N")
        ("seed", seed_value(&seed), "seed of random:N inputs");
    add_format_option(desc, format);
    po::variables_map vm;
    if (!parse(args, desc, vm,
               "gqalut vectors --table FILE --out DIR [--shape NAME] [--scales A..B] [--requant S_O] "
               "[--inputs exhaustive|random:N] [--seed S] [--format text|json]"))
        return kOk;
    const Format fmt = parse_format(format);
    const PwlTable t = load_table(table_path);
    const UnitShape shape = vm.count("shape") ? parse_shape(shape_name) : shape_for(t, 32, 1);
    const bool int_unit = shape.kind == UnitKind::int_unit;
    std::vector<int> scales;
    if (vm.count("scales")) {
        if (!int_unit) throw BadInput("--scales is for INT units (the " + shape.name() + " unit has no scale register)");
        scales = parse_int_range(scales_opt, "--scales", 0, 31);
    } else if (int_unit) {
        scales = t.scales;
    } else {
        scales = {shape.kind == UnitKind::scaler_unit ? t.params.k - 3 : 0};
    }
    RequantConfig rq;
    if (vm.count("requant")) {
        if (!int_unit) throw BadInput("--requant is for INT units");
        rq = RequantConfig{true, requant};
    }
    const long long n_random = random_count(shape, inputs);
    check_set_size(shape, n_random, scales.size());
    const std::vector<std::string> names = {"vectors.vh", "ops.hex", "in.hex", "expect.hex"};
    check_output_dir(out_dir, "--out", names, {{"--table", table_path}});
    work_starts();
    std::vector<uint64_t> words = input_words(shape, n_random, seed);
    const size_t lanes = static_cast<size_t>(shape.lanes);
    for (size_t i = 0; words.size() % lanes != 0; ++i) words.push_back(words[i]);
    const size_t vectors_per_scale = words.size() / lanes;

    // Everything in memory first: config_writes and GoldenUnit check that the table fits.
    std::string ops, in_hex, expect_hex;
    size_t writes = 0;
    for (int s : scales) {
        const std::vector<CfgWrite> cfg = config_writes(t, s, shape, rq);
        const GoldenUnit golden(t, s, shape, rq);
        for (const CfgWrite& w : cfg) ops += op_line(1, w.addr, w.data);
        writes += cfg.size();
        ops += op_line(2, 0, vectors_per_scale);
        for (size_t v = 0; v < vectors_per_scale; ++v) {
            std::vector<i128> in, out;
            for (size_t l = 0; l < lanes; ++l) {
                const uint64_t w = words[v * lanes + l];
                in.push_back(static_cast<i128>(w));
                out.push_back(golden.output(w));
            }
            in_hex += hex_lanes(in, shape.in_width) + "\n";
            expect_hex += hex_lanes(out, shape.out_width()) + "\n";
        }
    }
    ops += op_line(15, 0, 0);
    const size_t total_vectors = vectors_per_scale * scales.size();
    const int kind = shape.kind == UnitKind::int_unit ? 0 : shape.kind == UnitKind::fp32_unit ? 1 : 2;
    std::string vh = "// Generated by gqalut vectors from " + table_path + " for " + shape.name() + ".\n";
    const auto param = [&vh](const char* n, size_t v, const char* what) {
        vh += std::string("localparam int ") + n + " = " + std::to_string(v) + ";   // " + what + "\n";
    };
    param("Kind", static_cast<size_t>(kind), "0 INT, 1 FP32, 2 multi-range scaler");
    param("InW", static_cast<size_t>(shape.in_width), "input width per lane");
    param("ParW", static_cast<size_t>(shape.par_width), "slope / intercept width");
    param("CoreW", static_cast<size_t>(shape.core_width), "scaler core width");
    param("MaxEntries", static_cast<size_t>(shape.max_entries), "LUT depth");
    param("Lanes", lanes, "lanes");
    param("OutW", static_cast<size_t>(shape.out_width()), "output width per lane");
    param("NumOps", writes + scales.size() + 1, "lines of ops.hex");
    param("NumVectors", total_vectors, "lines of in.hex and expect.hex");

    // The four files as one set: a failure leaves the previous set, concurrent runs never mix.
    write_file_set(out_dir, {{names[0], vh}, {names[1], ops}, {names[2], in_hex}, {names[3], expect_hex}});

    if (fmt == Format::json) {
        nlohmann::json j;
        j["out"] = out_dir;
        j["shape"] = shape.name();
        j["scales"] = scales;
        j["writes"] = writes;
        j["vectors"] = total_vectors;
        j["elements"] = total_vectors * lanes;
        j["files"] = names;
        print_json(j);
    } else {
        std::cout << "wrote " << total_vectors << " vectors (" << total_vectors * lanes << " elements) and " << writes
                  << " configuration writes for " << scales.size() << " scale(s) of " << shape.name() << " to "
                  << out_dir << "\n";
    }
    return kOk;
}

namespace {
const RegisterCommand reg{{"vectors", "golden test vectors (config writes, inputs, outputs) for RTL testbenches", run_vectors, 60}};
}  // namespace

}  // namespace gqalut::cli
