// The pwl unit as hardware sees it (docs/pin-interface.md): its elaboration parameters, its
// configuration registers, and the words on its output port. Shared by the SystemC cycle model,
// the RTL testbenches and the TLM accelerator, so every level loads a table the same way and
// the golden model predicts the exact output word.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fixed_format.hpp"
#include "pwl_table.hpp"
#include "scaler_datapath.hpp"

namespace gqalut {

enum class UnitKind { int_unit, fp32_unit, scaler_unit };

// Elaboration-time parameters of one hardware configuration.
struct UnitShape {
    UnitKind kind = UnitKind::int_unit;
    int in_width = 8;       // InW: input code width per lane (fp32: 32; scaler: its input width)
    int par_width = 8;      // ParW: slope/intercept register width (INT and scaler core)
    int max_entries = 32;   // MaxEntries: LUT depth
    int lanes = 1;
    int core_width = 8;     // scaler core input width (UQ3.(core_width-3))

    // Output word width per lane (docs/pin-interface.md).
    int out_width() const;
    // INT accumulator width: runtime lambda_k, lambda_b in [0, ParW] and s in [0, InW-1].
    int acc_width() const { return 2 * par_width + in_width + 1; }
    std::string name() const;   // "int8_p8_n32_l1"
};

// The shapes of the three unit kinds: INT with k-bit inputs and parameters; FP32; the
// multi-range scaler with an in_width-bit input and a core_width-bit core (parameters as wide
// as the core; paper Table 2: 32-bit input, 8-bit core).
UnitShape int_shape(int k, int max_entries = 32, int lanes = 1);
UnitShape fp32_shape(int max_entries = 32, int lanes = 1);
UnitShape scaler_shape(int max_entries = 32, int lanes = 1, int in_width = 32, int core_width = 8);

// The smallest shape that runs table t (lanes and max_entries as given).
UnitShape shape_for(const PwlTable& t, int max_entries = 32, int lanes = 1);

// Configuration register addresses (word addresses on cfg_addr_i).
namespace reg {
constexpr uint32_t kNEntries = 0x000;   // active entries N, 1..MaxEntries
constexpr uint32_t kScale = 0x001;      // s, 0..InW-1 (INT unit)
constexpr uint32_t kLambdaK = 0x002;    // slope fraction bits, 0..ParW
constexpr uint32_t kLambdaB = 0x003;    // intercept fraction bits, 0..ParW
constexpr uint32_t kRqEnable = 0x004;   // INT unit: 1 = requantize to InW bits
constexpr uint32_t kRqFrac = 0x005;     // INT unit: output fraction bits s_o (signed)
constexpr uint32_t kClearError = 0x006; // write: clears cfg_err_o
// INT unit datapath options (numeric-definition.md §8-§10); reset values: no option.
constexpr uint32_t kSymmetry = 0x008;   // 0 none, 1 odd, 2 even, 3 point, 4 shifted
constexpr uint32_t kCenter = 0x009;     // point symmetry c: an intercept code (ParW bits)
constexpr uint32_t kClampLo = 0x00A;    // clamp bounds: (InW+1)-bit codes, reset -2^InW ...
constexpr uint32_t kClampHi = 0x00B;    // ... and 2^InW - 1 (never clamp)
constexpr uint32_t kIcptMode = 0x00C;   // 0 absolute, 1 segment-relative intercepts
constexpr uint32_t kOrigin = 0x00D;     // P_{-1} of relative intercepts: (InW+1)-bit code
constexpr uint32_t kFunc = 0x010;       // scaler: 0 = div, 1 = rsqrt
constexpr uint32_t kPreset = 0x011;     // scaler: 0 = comparators (sub-range table), 1 = normalize
constexpr uint32_t kInFrac = 0x012;     // scaler: input fraction bits
constexpr uint32_t kOutFrac = 0x013;    // scaler: output fraction bits (UQ(32-F).F output)
constexpr uint32_t kReduce = 0x014;     // scaler: 0 none (FUNC, PRESET), 1 exp2, 2 log2, 3 exp (§12)
constexpr uint32_t kOctave = 0x015;     // scaler: 1 = RSQRT normalize over one octave, x 1/sqrt(2) for odd sigma (§6)
constexpr int kNumSymmetries = 5;       // SYMMETRY values 0..4
constexpr int kNumReductions = 4;       // REDUCE values 0..3
constexpr uint32_t kSubRangeLo = 0x020; // scaler: + i, i < kMaxSubRanges: threshold code
constexpr uint32_t kSubRangeShift = 0x028;   // scaler: + i: shift sigma (signed)
constexpr uint32_t kBreakpoint = 0x100; // + j, j < MaxEntries-1
constexpr uint32_t kSlope = 0x200;      // + i, i < MaxEntries
constexpr uint32_t kIntercept = 0x300;  // + i
constexpr int kMaxSubRanges = 4;
}  // namespace reg

struct CfgWrite {
    uint32_t addr;
    uint64_t data;   // two's complement, sign-extended to 64 bits
};

// Requantizer settings of the INT unit.
struct RequantConfig {
    bool enable = false;
    int out_frac = 0;   // s_o; the output has InW bits
};

// The register writes that load table t at scale s (INT; ignored otherwise) into a unit of
// shape `shape`: every register the table's unit kind uses, the option registers included (at
// their reset values when the table does not use them). Throws BadInput if the table does not
// fit the shape.
std::vector<CfgWrite> config_writes(const PwlTable& t, int scale, const UnitShape& shape,
                                    const RequantConfig& rq = {});

// Golden prediction of one lane's output word for one input word, for the configuration that
// config_writes() loads: the words compared bit for bit at every level.
class GoldenUnit {
public:
    GoldenUnit(const PwlTable& t, int scale, const UnitShape& shape, const RequantConfig& rq = {});
    // Input and output words as unsigned bit patterns of in_width / out_width bits (an output
    // wider than 64 bits, INT32's accumulator, is returned as i128 two's complement).
    i128 output(uint64_t in_word) const;
    const UnitShape& shape() const { return shape_; }
    // Input word <-> signed code (INT) helpers.
    int64_t code_of(uint64_t in_word) const;
    uint64_t word_of(int64_t code) const;

private:
    UnitShape shape_;
    RequantConfig rq_;
    std::optional<IntDatapath> int_;
    std::optional<ScalerDatapath> scaler_;
    Fp32Lut fp32_;
};

// The INT option registers' writes for `mode` on a k-bit input (reset values where unused).
std::vector<CfgWrite> mode_writes(const IntMode& mode, int k);

// Bit-pattern helpers: the low `width` bits of v, and sign extension of a width-bit pattern.
i128 mask_bits(i128 v, int width);
int64_t sign_extend(uint64_t v, int width);

}  // namespace gqalut
