// The binary32 specification of rtl/formal/gqalut_fp32_spec.smt2 as cells of the SMT2 that
// Yosys writes: ok_o is 1 iff y_i is the specified result of a_i * b_i (gqalut_formal_fp32_mul_spec)
// or a_i + b_i (gqalut_formal_fp32_add_spec). The run script prepends the .smt2 definitions.
(* smtlib2_module, blackbox *)
module gqalut_formal_fp32_mul_spec (
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  input  logic [31:0] y_i,
  (* smtlib2_comb_expr = "(|gqalut_formal_fp32_mul_ok| a_i b_i y_i)" *)
  output logic        ok_o
);
endmodule

(* smtlib2_module, blackbox *)
module gqalut_formal_fp32_add_spec (
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  input  logic [31:0] y_i,
  (* smtlib2_comb_expr = "(|gqalut_formal_fp32_add_ok| a_i b_i y_i)" *)
  output logic        ok_o
);
endmodule
