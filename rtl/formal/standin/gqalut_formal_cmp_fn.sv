// An uninterpreted function F(x, bp, n) in the SMT2 that Yosys writes: the comparator bank
// of the INT datapath miter's parts (standin/gqalut_cmp_int.sv). Operands are padded to fixed
// widths, so one function serves every configuration; rtl/formal/abstract.py declares it.
(* smtlib2_module, blackbox *)
module gqalut_formal_cmp_fn (
  input  logic [63:0]   x_i,
  input  logic [1023:0] bp_i,
  input  logic [7:0]    n_i,
  (* smtlib2_comb_expr = "(|gqalut_formal_cmp_fn| x_i bp_i n_i)" *)
  output logic [7:0]    idx_o
);
endmodule
