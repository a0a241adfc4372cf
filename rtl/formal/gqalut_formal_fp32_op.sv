// FP32 operator proof: rtl/gqalut_fp32_mul.sv (Add = 0) or rtl/gqalut_fp32_add.sv (Add = 1)
// equals the IEEE specification of gqalut_fp32_spec.smt2 for every pair of operands, or for
// the sub-space the parameters select (combinational; one step).
//   FixA, FixB: bit masks of a and b fixed to ValA, ValB (0: the operand is free);
//   biased exponents ea, eb in [ExpALo, ExpAHi], [ExpBLo, ExpBHi], ea - eb in [DiffLo, DiffHi],
//   ea + eb in [SumLo, SumHi];
//   Signs: 0 free, 1 a and b of the same sign, 2 of different signs.
module gqalut_formal_fp32_op #(
  parameter bit          Add    = 1'b0,
  parameter bit          Exact  = 1'b0,   // multiply: against gqalut_fp32_mul_exact.smt2
  parameter bit          Round  = 1'b0,   // multiply: against gqalut_fp32_mul_round.smt2
  parameter logic [31:0] FixA   = 32'd0,
  parameter logic [31:0] ValA   = 32'd0,
  parameter logic [31:0] FixB   = 32'd0,
  parameter logic [31:0] ValB   = 32'd0,
  parameter int          ExpALo = 0,
  parameter int          ExpAHi = 255,
  parameter int          ExpBLo = 0,
  parameter int          ExpBHi = 255,
  parameter int          DiffLo = -255,
  parameter int          DiffHi = 255,
  parameter int          SumLo  = 0,
  parameter int          SumHi  = 510,
  parameter int          Signs  = 0
) (
  input logic clk_i
);

  // Fixed bits are constants of the operands (not assumptions), so the solver's rewriting
  // sees them: with both exponents fixed the significand product is the only multiplier.
  (* anyconst *) logic [31:0] a_free, b_free;
  logic [31:0] a, b;
  for (genvar i = 0; i < 32; i++) begin : gen_bit
    assign a[i] = FixA[i] ? ValA[i] : a_free[i];
    assign b[i] = FixB[i] ? ValB[i] : b_free[i];
  end

  int ea, eb;
  always_comb begin
    ea = 32'(a[30:23]);
    eb = 32'(b[30:23]);
    assume ((ea >= ExpALo) && (ea <= ExpAHi) && (eb >= ExpBLo) && (eb <= ExpBHi));
    assume ((ea - eb >= DiffLo) && (ea - eb <= DiffHi));
    assume ((ea + eb >= SumLo) && (ea + eb <= SumHi));
    assume ((Signs == 0) || ((a[31] == b[31]) == (Signs == 1)));
  end

  logic [31:0] y;
  logic        ok;
  if (Add) begin : gen_add
    gqalut_fp32_add u_dut (.a_i(a), .b_i(b), .y_o(y));
    gqalut_formal_fp32_add_spec u_spec (.a_i(a), .b_i(b), .y_i(y), .ok_o(ok));
  end else if (Exact) begin : gen_mul_exact
    gqalut_fp32_mul u_dut (.a_i(a), .b_i(b), .y_o(y));
    gqalut_formal_fp32_mul_exact_spec u_spec (.a_i(a), .b_i(b), .y_i(y), .ok_o(ok));
  end else if (Round) begin : gen_mul_round
    gqalut_fp32_mul u_dut (.a_i(a), .b_i(b), .y_o(y));
    gqalut_formal_fp32_mul_round_spec u_spec (.a_i(a), .b_i(b), .y_i(y), .ok_o(ok));
  end else begin : gen_mul
    gqalut_fp32_mul u_dut (.a_i(a), .b_i(b), .y_o(y));
    gqalut_formal_fp32_mul_spec u_spec (.a_i(a), .b_i(b), .y_i(y), .ok_o(ok));
  end

  always_comb assert (ok);

endmodule
