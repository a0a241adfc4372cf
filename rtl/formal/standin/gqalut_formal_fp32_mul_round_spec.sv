// The multiply of rtl/formal/gqalut_fp32_mul_round.smt2 (SMT-LIB's rounding of the exact
// product, the significand product uninterpreted).
(* smtlib2_module, blackbox *)
module gqalut_formal_fp32_mul_round_spec (
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  input  logic [31:0] y_i,
  (* smtlib2_comb_expr = "(|gqalut_formal_fp32_mul_round_ok| a_i b_i y_i)" *)
  output logic        ok_o
);
endmodule
