// An uninterpreted function F(acc, r) in the SMT2 that Yosys writes: the requantizer of both
// sides of the datapath miter (standin/gqalut_requant.sv, standin/gqalut_ref_requant.sv).
// Operands are padded to fixed widths, so one function serves every configuration;
// rtl/formal/abstract.py declares it.
(* smtlib2_module, blackbox *)
module gqalut_formal_requant_fn (
  input  logic [127:0] acc_i,
  input  logic [15:0]  r_i,
  (* smtlib2_comb_expr = "(|gqalut_formal_requant_fn| acc_i r_i)" *)
  output logic [31:0]  y_o
);
endmodule
