// The INT datapath options (docs/numeric-definition.md §8-§11: symmetry folding, input clamp,
// segment-relative intercepts) against an independent evaluation in real arithmetic: the input
// as x = q 2^-s, breakpoints and bounds as reals, y = k (x - p) + b and the symmetry fix as
// written in the definition. Every INT8 code at every scale for every combination of options,
// INT16 exhaustively for a few tables; values are dyadic with fewer than 53 bits, so double is
// exact and the comparison is ==.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "model/errors.hpp"
#include "model/int_datapath.hpp"
#include "model/table_io.hpp"
#include "model/unit_config.hpp"
#include "tests/model/model_tables.hpp"

using namespace gqalut;

namespace {

const Symmetry kSymmetries[] = {Symmetry::none, Symmetry::odd, Symmetry::even, Symmetry::point, Symmetry::shifted};

// The definition in real numbers, independent of the shifts and widths of the implementation.
double brute_force(const IntParams& p, int s, const LutCodes& lut, const IntMode& m, int64_t q) {
    const double unit = std::ldexp(1.0, -s);
    const double x = static_cast<double>(q) * unit;
    double v = m.folded() ? std::fabs(x) : x;
    if (m.clamp) v = std::min(std::max(v, static_cast<double>(m.clamp_lo) * unit), static_cast<double>(m.clamp_hi) * unit);
    size_t i = 0;
    for (int64_t b : lut.breakpoints)
        if (static_cast<double>(b) * unit <= v) ++i;
    const double k = std::ldexp(static_cast<double>(lut.slopes[i]), -p.lambda_k);
    const double b = std::ldexp(static_cast<double>(lut.intercepts[i]), -p.lambda_b);
    double y;
    if (m.relative) {
        const int64_t start = i == 0 ? m.origin : lut.breakpoints[i - 1];
        y = k * (v - static_cast<double>(start) * unit) + b;
    } else {
        y = k * v + b;
    }
    if (x < 0) {
        if (m.symmetry == Symmetry::odd) y = -y;
        if (m.symmetry == Symmetry::point) y = 2.0 * std::ldexp(static_cast<double>(m.center), -p.lambda_b) - y;
        if (m.symmetry == Symmetry::shifted) y = x + y;
    }
    return y;
}

// Random LUT codes that a table may hold: sorted breakpoints in the operand's range (folded:
// 0 .. 2^(k-1)+1, the top one never firing), extreme and random slopes and intercepts.
LutCodes random_lut(std::mt19937_64& rng, const IntParams& p, int n, bool folded) {
    LutCodes l;
    const int64_t lo = folded ? 0 : p.bp_min(), hi = p.bp_max(folded);
    std::uniform_int_distribution<int64_t> bp(lo, hi);
    for (int j = 0; j + 1 < n; ++j) {
        const int r = static_cast<int>(rng() % 8);
        l.breakpoints.push_back(r == 0 ? lo : r == 1 ? hi : r == 2 ? hi - 1 : bp(rng));
    }
    std::sort(l.breakpoints.begin(), l.breakpoints.end());
    const int64_t pmin = -(int64_t(1) << (p.width - 1)), pmax = -pmin - 1;
    std::uniform_int_distribution<int64_t> par(pmin, pmax);
    for (int i = 0; i < n; ++i) {
        const int r = static_cast<int>(rng() % 6);
        l.slopes.push_back(r == 0 ? pmin : r == 1 ? pmax : par(rng));
        l.intercepts.push_back(r == 2 ? pmin : r == 3 ? pmax : par(rng));
    }
    return l;
}

// Random option registers within what a table loads: bounds and origin inside the operand range.
IntMode random_mode(std::mt19937_64& rng, const IntParams& p, Symmetry sym, bool clamp, bool relative) {
    IntMode m;
    m.symmetry = sym;
    const bool folded = sym != Symmetry::none;
    const int64_t lo = folded ? 0 : p.min_code(), hi = p.top_operand(folded);
    std::uniform_int_distribution<int64_t> op(lo, hi);
    std::uniform_int_distribution<int64_t> par(-(int64_t(1) << (p.width - 1)), (int64_t(1) << (p.width - 1)) - 1);
    if (sym == Symmetry::point) m.center = par(rng);
    m.clamp = clamp;
    if (clamp) {
        m.clamp_lo = op(rng);
        m.clamp_hi = op(rng);
        if (m.clamp_lo > m.clamp_hi && rng() % 4 != 0) std::swap(m.clamp_lo, m.clamp_hi);   // sometimes L > H
    }
    m.relative = relative;
    if (relative) m.origin = op(rng);
    return m;
}

struct Count {
    uint64_t checked = 0, bad = 0;
};

void check_every_code(const IntParams& p, int s, const LutCodes& lut, const IntMode& m, Count& c) {
    const IntDatapath dp(p, s, lut, m);
    const FixFormat out{p.k, s, true};
    for (int64_t q = p.min_code(); q <= p.max_code(); ++q) {
        const double want = brute_force(p, s, lut, m, q);
        const double got = dp.value(q);
        // The requantizer in real numbers: round half up to s fraction bits, saturate.
        const double r = std::floor(std::ldexp(want, s) + 0.5);
        const double rq = std::min(std::max(r, static_cast<double>(out.min_code())), static_cast<double>(out.max_code()));
        ++c.checked;
        if (got != want || static_cast<double>(dp.requantized(q, out)) != rq) {
            if (++c.bad <= 5)
                UNSCOPED_INFO("k " << p.k << " s " << s << " sym " << to_string(m.symmetry) << " clamp " << m.clamp << " rel "
                                   << m.relative << " q " << q << ": got " << got << " want " << want);
        }
    }
}

}  // namespace

TEST_CASE("int8: every option combination, every code at every scale, against the real-number definition", "[options]") {
    std::mt19937_64 rng(8);
    Count c;
    for (Symmetry sym : kSymmetries)
        for (bool clamp : {false, true})
            for (bool relative : {false, true})
                for (int t = 0; t < 6; ++t) {
                    IntParams p{8, true, static_cast<int>(6 + rng() % 3), static_cast<int>(rng() % 9), static_cast<int>(rng() % 9)};
                    const int n = 1 + static_cast<int>(rng() % 16);
                    const LutCodes lut = random_lut(rng, p, n, sym != Symmetry::none);
                    for (int s = 0; s < 8; ++s) check_every_code(p, s, lut, random_mode(rng, p, sym, clamp, relative), c);
                }
    std::printf("int8 options: %llu codes checked, %llu differ\n", static_cast<unsigned long long>(c.checked),
                static_cast<unsigned long long>(c.bad));
    CHECK(c.checked == 5u * 2u * 2u * 6u * 8u * 256u);
    CHECK(c.bad == 0);
}

TEST_CASE("int16: every option combination, every code, against the real-number definition", "[options]") {
    std::mt19937_64 rng(16);
    Count c;
    for (Symmetry sym : kSymmetries)
        for (bool clamp : {false, true})
            for (bool relative : {false, true}) {
                IntParams p{16, true, 16, static_cast<int>(rng() % 17), static_cast<int>(rng() % 17)};
                const LutCodes lut = random_lut(rng, p, 1 + static_cast<int>(rng() % 32), sym != Symmetry::none);
                const int s = static_cast<int>(rng() % 16);
                check_every_code(p, s, lut, random_mode(rng, p, sym, clamp, relative), c);
            }
    CHECK(c.checked == 5u * 2u * 2u * 65536u);
    CHECK(c.bad == 0);
}

TEST_CASE("the most negative code folds exactly to 2^(k-1), 2^(k-1)+1 never fires", "[options]") {
    const IntParams p{8, true, 8, 6, 6};
    IntMode odd;
    odd.symmetry = Symmetry::odd;
    // Segment 1 from |x| = 128 (x = -2 at s = 6): only q = -128 reaches it.
    const IntDatapath dp(p, 6, LutCodes{{128}, {64, 0}, {0, 32}}, odd);
    CHECK(dp.steps(-128).folded == 128);
    CHECK(dp.segment(-128) == 1);
    CHECK(dp.segment(127) == 0);
    CHECK(dp.segment(-127) == 0);
    CHECK(dp.value(-128) == -0.5);          // -(intercept 0.5)
    CHECK(dp.value(-127) == -127.0 / 64);   // -(1 * 127/64)
    CHECK(dp.value(127) == 127.0 / 64);
    // 129 = 2^(k-1)+1 is the folded "never fires" code: -128 stays in segment 0.
    const IntDatapath never(p, 6, LutCodes{{129}, {64, 0}, {0, 32}}, odd);
    CHECK(never.segment(-128) == 0);
    CHECK(never.value(-128) == -2.0);
    // Unfolded, 129 is out of range and 128 never fires.
    CHECK_THROWS_AS(IntDatapath(p, 6, LutCodes{{129}, {64, 0}, {0, 32}}), BadInput);
    CHECK(IntDatapath(p, 6, LutCodes{{128}, {64, 0}, {0, 32}}).segment(-128) == 0);
    // Shared breakpoints: the code of p = 2 at s = 6 is 128 folded, clamped to 128 unfolded.
    CHECK(breakpoint_code(2.0, 6, p, true) == 128);
    CHECK(breakpoint_code(9.0, 6, p, true) == 129);
    CHECK(breakpoint_code(9.0, 6, p, false) == 128);
}

TEST_CASE("symmetry fixes: odd, even, point with its centre, shifted with the original x", "[options]") {
    const IntParams p{8, true, 8, 6, 6};
    const LutCodes lut{{}, {16}, {8}};   // pwl(x') = x'/4 + 1/8
    auto y = [&](Symmetry s, int64_t center, int64_t q) {
        IntMode m;
        m.symmetry = s;
        m.center = center;
        return IntDatapath(p, 4, lut, m).value(q);
    };
    // q = -32 at s = 4: x = -2, x' = 2, pwl = 0.625.
    CHECK(y(Symmetry::none, 0, -32) == -0.375);
    CHECK(y(Symmetry::odd, 0, -32) == -0.625);
    CHECK(y(Symmetry::even, 0, -32) == 0.625);
    CHECK(y(Symmetry::point, 32, -32) == 1.0 - 0.625);   // c = 1/2: 2c - pwl
    CHECK(y(Symmetry::shifted, 0, -32) == -2.0 + 0.625);
    for (Symmetry s : kSymmetries) CHECK(y(s, 32, 32) == 0.625);   // x >= 0: pwl(x) always
    CHECK(y(Symmetry::odd, 0, 0) == 0.125);                          // zero is not negative
}

TEST_CASE("clamp: fold first, then clamp, L > H gives H, the shifted fix uses the original x", "[options]") {
    const IntParams p{8, true, 8, 6, 6};
    IntMode m;
    m.clamp = true;
    m.clamp_lo = -20;
    m.clamp_hi = 50;
    const IntDatapath dp(p, 0, LutCodes{{0}, {64, 64}, {0, 0}}, m);   // y = x
    CHECK(dp.value(-128) == -20);
    CHECK(dp.value(-20) == -20);
    CHECK(dp.value(127) == 50);
    CHECK(dp.value(7) == 7);
    m.clamp_lo = 10;
    m.clamp_hi = 5;   // L > H: every input gives H
    CHECK(IntDatapath(p, 0, LutCodes{{}, {64}, {0}}, m).value(-100) == 5);
    m.symmetry = Symmetry::shifted;   // fold, clamp to [0, 40], then x + pwl
    m.clamp_lo = 0;
    m.clamp_hi = 40;
    const IntDatapath sh(p, 0, LutCodes{{}, {64}, {0}}, m);
    CHECK(sh.steps(-100).folded == 100);
    CHECK(sh.steps(-100).operand == 40);
    CHECK(sh.value(-100) == -100 + 40);
}

TEST_CASE("relative intercepts: d = q'' - P_{i-1}, ORIGIN for segment 0, (k+1)-bit wrap", "[options]") {
    const IntParams p{8, true, 8, 6, 6};
    IntMode m;
    m.relative = true;
    m.origin = -64;
    const LutCodes lut{{0, 32}, {64, 32, 0}, {-64, 0, 16}};
    const IntDatapath dp(p, 5, lut, m);
    CHECK(dp.steps(-64).mac_in == 0);
    CHECK(dp.value(-64) == -1.0);           // segment 0 starts at -2 with value -1
    CHECK(dp.value(-128) == -3.0);          // -1 + 1 * (-4 - -2)
    CHECK(dp.steps(10).start == 0);
    CHECK(dp.value(10) == 0.5 * 10 / 32);   // segment 1 from 0: 0 + 0.5 * x
    CHECK(dp.value(127) == 0.25);           // segment 2: constant 16/64
    // Register contents no table loads: the difference wraps to k+1 = 9 bits.
    m.origin = 255;
    const IntDatapath wrap(p, 0, LutCodes{{}, {1}, {0}}, m);
    CHECK(wrap.steps(-128).mac_in == (-128 - 255) + 512);
    CHECK(wrap.acc(-128) == 129);
}

TEST_CASE("every option at its reset value is the datapath of section 2", "[options]") {
    std::mt19937_64 rng(2);
    for (int t = 0; t < 20; ++t) {
        const IntParams p{8, true, 8, static_cast<int>(rng() % 9), static_cast<int>(rng() % 9)};
        const LutCodes lut = random_lut(rng, p, 1 + static_cast<int>(rng() % 32), false);
        IntMode reset;
        reset.clamp = true;   // the reset bounds -2^k, 2^k - 1: never clamp
        reset.clamp_lo = -256;
        reset.clamp_hi = 255;
        const int s = static_cast<int>(rng() % 8);
        const IntDatapath a(p, s, lut), b(p, s, lut, reset);
        for (int64_t q = -128; q < 128; ++q) {
            const i128 plain = static_cast<i128>(lut.slopes[static_cast<size_t>(a.segment(q))]) * q *
                                   (i128(1) << (p.lambda_o() - p.lambda_k)) +
                               static_cast<i128>(lut.intercepts[static_cast<size_t>(a.segment(q))]) *
                                   (i128(1) << (s + p.lambda_o() - p.lambda_b));
            REQUIRE(a.acc(q) == plain);
            REQUIRE(b.acc(q) == plain);
        }
    }
}

TEST_CASE("the result word fits AccW = 2W+k+1 bits for extreme registers", "[options]") {
    // Corner operands of the bound in numeric-definition.md §11, every symmetry, both shift cases.
    for (int k : {8, 16}) {
        const int w = k;
        const int64_t pmin = -(int64_t(1) << (w - 1)), pmax = -pmin - 1;
        const i128 lim = i128(1) << (2 * w + k);   // |y| < 2^(2W+k)
        for (auto [lk, lb] : {std::pair<int, int>{0, w}, {w, 0}, {w, w}, {0, 0}})
            for (Symmetry sym : kSymmetries)
                for (int64_t kk : {pmin, pmax})
                    for (int64_t bb : {pmin, pmax})
                        for (int64_t c : {pmin, pmax}) {
                            const IntParams p{k, true, w, lk, lb};
                            IntMode m;
                            m.symmetry = sym;
                            m.center = sym == Symmetry::point ? c : 0;
                            m.relative = true;
                            m.origin = (int64_t(1) << k) - 1;   // d = -2^k for q'' = -1 ... wraps
                            const IntDatapath dp(p, k - 1, LutCodes{{}, {kk}, {bb}}, m);
                            for (int64_t q : {-(int64_t(1) << (k - 1)), int64_t(-1), int64_t(0), (int64_t(1) << (k - 1)) - 1}) {
                                const i128 y = dp.acc(q);
                                CHECK(y < lim);
                                CHECK(y >= -lim);
                            }
                        }
    }
}

TEST_CASE("table options give the register values of sections 9 and 10 at each scale", "[options]") {
    const LutCodes one{{}, {0}, {0}};
    PwlTable t = test::per_scale_table("tanh", -3, 2.5, IntParams{8, true, 8, 6, 6}, {{0, one}, {4, one}, {6, one}});
    t.datapath.clamp = true;
    t.datapath.intercept = InterceptMode::relative;
    IntMode m = t.mode_for_scale(4);
    CHECK(m.clamp_lo == -48);
    CHECK(m.clamp_hi == 40);
    CHECK(m.origin == -48);
    CHECK(t.mode_for_scale(6).clamp_lo == -128);   // -192 clamped to the code range
    CHECK(t.mode_for_scale(6).clamp_hi == 127);    // 160 clamped
    t.datapath.symmetry = Symmetry::odd;           // folded: [0, max(3, 2.5)]
    m = t.mode_for_scale(4);
    CHECK(m.clamp_lo == 0);
    CHECK(m.clamp_hi == 48);
    CHECK(m.origin == 0);
    CHECK(t.mode_for_scale(6).clamp_hi == 128);    // the folded operand reaches 2^(k-1)
    CHECK(t.bp_max() == 129);
    // config_writes writes every option register; a v1 table writes their reset values.
    const auto writes = config_writes(t, 4, int_shape(8));
    auto value = [&](const std::vector<CfgWrite>& w, uint32_t a) {
        for (const auto& x : w)
            if (x.addr == a) return static_cast<int64_t>(x.data);
        FAIL("register not written");
        return int64_t(0);
    };
    CHECK(value(writes, reg::kSymmetry) == 1);
    CHECK(value(writes, reg::kClampLo) == 0);
    CHECK(value(writes, reg::kClampHi) == 48);
    CHECK(value(writes, reg::kIcptMode) == 1);
    PwlTable v1 = t;
    v1.datapath = {};
    const auto plain = config_writes(v1, 4, int_shape(8));
    CHECK(value(plain, reg::kSymmetry) == 0);
    CHECK(value(plain, reg::kClampLo) == -256);
    CHECK(value(plain, reg::kClampHi) == 255);
    CHECK(value(plain, reg::kIcptMode) == 0);
    CHECK(value(plain, reg::kOrigin) == 0);
    CHECK(value(plain, reg::kCenter) == 0);
}

TEST_CASE("GoldenUnit follows the table's options word for word", "[options]") {
    std::mt19937_64 rng(3);
    for (Symmetry sym : kSymmetries) {
        const IntParams p{8, true, 8, 6, 5};
        PwlTable t = test::per_scale_table("gelu", -4, 4, p, {{3, random_lut(rng, p, 6, sym != Symmetry::none)}});
        t.datapath.symmetry = sym;
        t.datapath.center = sym == Symmetry::point ? 16 : 0;
        t.datapath.clamp = true;
        t.datapath.intercept = InterceptMode::relative;
        validate(t);
        const GoldenUnit g(t, 3, int_shape(8));
        const IntDatapath dp = int_datapath(t, 3);
        for (int64_t q = -128; q < 128; ++q) CHECK(g.output(g.word_of(q)) == mask_bits(dp.acc(q), 25));
    }
}

TEST_CASE("table files: the datapath block round-trips, version 1 loads unchanged, bad fields are named", "[options][table]") {
    const std::string base = R"({"format":"gqalut-table","version":VER,"function":"sigmoid","range":[-8,8],"entries":2,)"
                             R"("precision":"int8","param_format":{"width":8,"lambda_k":6,"lambda_b":6},"scales":[3],)"
                             R"("scheme":"per-scale","per_scale":{"3":{"breakpoints":[40],"slopes":[10,0],"intercepts":[32,63]}}DP})";
    auto text = [&](const std::string& ver, const std::string& dp) {
        std::string s = base;
        s.replace(s.find("VER"), 3, ver);
        s.replace(s.find("DP"), 2, dp);
        return s;
    };
    const auto error_of = test::table_error;
    const PwlTable v1 = table_from_json_text(text("1", ""), "t.json");
    CHECK(v1.datapath.is_default());
    CHECK(v1.format_version() == 1);
    CHECK(table_to_json(v1)["version"] == 1);
    CHECK_FALSE(table_to_json(v1).contains("datapath"));
    const PwlTable v2 = table_from_json_text(
        text("2", R"(,"datapath":{"symmetry":"point","center":32,"clamp":true,"intercept":"relative"})"), "t.json");
    CHECK(v2.datapath.symmetry == Symmetry::point);
    CHECK(v2.datapath.center == 32);
    CHECK(v2.datapath.clamp);
    CHECK(v2.datapath.intercept == InterceptMode::relative);
    CHECK(v2.format_version() == 2);
    const PwlTable back = table_from_json_text(table_to_json(v2).dump(), "t.json");
    CHECK(back.datapath == v2.datapath);
    CHECK(table_to_json(back) == table_to_json(v2));
    // A v2 file without options reads as v1 behaviour.
    CHECK(table_from_json_text(text("2", ""), "t.json").datapath.is_default());
    CHECK(error_of(text("1", R"(,"datapath":{"clamp":true})")) == "t.json: datapath: needs version 2 (the file says version 1)");
    CHECK(error_of(text("2", R"(,"datapath":{"symmetry":"radial"})")).find("t.json: datapath.symmetry: unknown symmetry 'radial'") == 0);
    CHECK(error_of(text("2", R"(,"datapath":{"symmetry":"point"})")).find("t.json: datapath.center: missing") == 0);
    CHECK(error_of(text("2", R"(,"datapath":{"symmetry":"point","center":300})")) ==
          "t.json: datapath.center: 300 does not fit signed 8 bits");
    CHECK(error_of(text("2", R"(,"datapath":{"clamp":1})")) == "t.json: datapath.clamp: expected true or false, got 1");
    CHECK(error_of(text("2", R"(,"datapath":{"fold":true})")).find("t.json: datapath.fold: unknown field") == 0);
    CHECK(error_of(text("2", R"(,"datapath":{"center":3})")) == "t.json: datapath.center: applies to point symmetry only");
    // Folded tables take the breakpoint 2^(k-1)+1; unfolded ones do not.
    const std::string folded = text("2", R"(,"datapath":{"symmetry":"odd"})");
    std::string f129 = folded, u129 = text("1", "");
    f129.replace(f129.find("[40]"), 4, "[129]");
    u129.replace(u129.find("[40]"), 4, "[129]");
    CHECK(error_of(f129).empty());
    CHECK(error_of(u129) == "t.json: per_scale.3.breakpoints[0]: 129 outside [-128, 128]");
}
