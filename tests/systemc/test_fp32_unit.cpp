// FP32 cycle model against the golden model: random words (all bit patterns and values in the
// table range) plus corner cases (NaNs, infinities, signed zeros, subnormals, extremes,
// breakpoints and their neighbours, products that overflow or underflow), random stalls.
#include "model/sc/fp32_ops.hpp"
#include "tests/systemc/sc_test_util.hpp"

using namespace gqalut;
using namespace gqalut::test;

namespace {
void fp32_tables(unit::PinLevelUnit& u, Totals& tot, uint64_t seed, uint64_t count) {
    const sim::InputSpec random{false, count};
    for (int n : {4, 8, 16, 32}) {
        for (const char* f : {"gelu", "exp"}) {
            const PwlTable t = uniform_table(f, Precision::fp32, n, std::string(f) == "exp" ? -8 : -4, std::string(f) == "exp" ? 0 : 4);
            add(tot, run_table(u, t, 0, random, {0.3, 0.3, seed + static_cast<uint64_t>(n)}));
        }
        for (uint64_t k = 0; k < 3; ++k)
            add(tot, run_table(u, random_fp32_table(n, seed * 100 + static_cast<uint64_t>(n) * 7 + k), 0, random,
                               {0.3, 0.3, seed + k}));
    }
}

void fp32_l1(unit::PinLevelUnit& u, Totals& t) { fp32_tables(u, t, 1, 50000); }
void fp32_l8(unit::PinLevelUnit& u, Totals& t) { fp32_tables(u, t, 2, 50000); }
void fp32_binary(unit::PinLevelUnit& u, Totals& t) { fp32_tables(u, t, 3, 20000); }
const UnitCase kCases[] = {
    {"fp32 random+corners", fp32_shape(), cost::Indexing::parallel, 0, fp32_l1},
    {"fp32 lanes 8", fp32_shape(32, 8), cost::Indexing::parallel, 0, fp32_l8},
    {"fp32 binary search", fp32_shape(32, 1), cost::Indexing::binary_search, 7, fp32_binary},
};
}  // namespace

TEST_CASE("fp32 random and corner cases, N in {4,8,16,32}, stalls", "[fp32]") { run_case(kCases[0]); }
TEST_CASE("fp32 lanes 8 random and corner cases", "[fp32][lanes]") { run_case(kCases[1]); }
TEST_CASE("fp32 binary-search comparators", "[fp32][binary]") { run_case(kCases[2]); }

// The binary32 operators on their own, against the golden model's, on random bit patterns and
// on operand pairs built to hit rounding ties, cancellation, overflow and the FTZ boundary.
TEST_CASE("fp32 operators match the golden model bit for bit", "[fp32][ops]") {
    std::mt19937_64 rng(12345);
    uint64_t checked = 0, bad = 0;
    auto check = [&](uint32_t a, uint32_t b) {
        const uint32_t m = sc::fp32::mul(a, b), gm = f32_bits(fp32_mul(f32_from_bits(a), f32_from_bits(b)));
        const uint32_t s = sc::fp32::add(a, b), gs = f32_bits(fp32_add(f32_from_bits(a), f32_from_bits(b)));
        checked += 2;
        if (m != gm || s != gs) {
            if (++bad < 10)
                UNSCOPED_INFO(std::hex << "a=" << a << " b=" << b << " mul " << m << " vs " << gm << " add " << s << " vs " << gs);
        }
        // Comparator: x >= p with DAZ, -0 = +0, NaN false.
        const float xf = fp32_daz(f32_from_bits(a)), pf = fp32_daz(f32_from_bits(b));
        if ((sc::fp32::key_breakpoint(b) <= sc::fp32::key_input(a)) != (xf >= pf)) {
            if (++bad < 10) UNSCOPED_INFO(std::hex << "compare x=" << a << " p=" << b);
        }
    };
    const uint32_t special[] = {0x00000000u, 0x80000000u, 0x7F800000u, 0xFF800000u, 0x7FC00000u, 0x7F800001u,
                                0x00000001u, 0x807FFFFFu, 0x00800000u, 0x80800000u, 0x7F7FFFFFu, 0xFF7FFFFFu,
                                0x3F800000u, 0xBF800000u, 0x00800001u, 0x34000000u, 0x1F800000u, 0x5F800000u};
    for (uint32_t a : special)
        for (uint32_t b : special) check(a, b);
    for (int i = 0; i < 2000000; ++i) {
        const uint32_t a = static_cast<uint32_t>(rng()), b = static_cast<uint32_t>(rng());
        check(a, b);
        // Close exponents (cancellation, ties), and pairs whose product lands near 2^-126.
        const uint32_t c = (a & 0x807FFFFFu) | ((b & 0x0F000000u) + 0x30000000u);
        check(c, c ^ 0x80000000u ^ (static_cast<uint32_t>(rng()) & 0x1FFu));
        check(a & 0xBFFFFFFFu | 0x20000000u, (b & 0x807FFFFFu) | 0x1F000000u);
        check(c, (c & 0xFF800000u) | (static_cast<uint32_t>(rng()) & 0x7u));
    }
    std::printf("fp32 operators: %llu results checked, %llu differ\n", static_cast<unsigned long long>(checked),
                static_cast<unsigned long long>(bad));
    CHECK(bad == 0);
}
