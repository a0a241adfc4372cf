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

// The lemma of gqalut_fp32_mul_round.smt2: its binary64 of the exact product equals the one
// from SMT-LIB operations (ok_o; eb_ref_i is the exponent the latter reads).
(* smtlib2_module, blackbox *)
module gqalut_formal_fp32_scale_spec (
  input  logic [47:0] p_i,
  input  logic [7:0]  ea_i,
  input  logic [7:0]  eb_i,
  input  logic [7:0]  eb_ref_i,
  (* smtlib2_comb_expr = "(|gqalut_formal_fp32_scale_ok| p_i ea_i eb_i eb_ref_i)" *)
  output logic        ok_o
);
endmodule
