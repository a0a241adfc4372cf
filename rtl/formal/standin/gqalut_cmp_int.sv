// Stand-in for rtl/gqalut_cmp_int.sv in the INT datapath miter's parts (same name, parameters
// and ports): an uninterpreted function of the operand, the breakpoints and N, so the parts
// hold for any comparator bank in its place. The comparator lemma (gqalut_formal_int_cmp.sv,
// on the real module) proves rtl/gqalut_cmp_int.sv equal to the reference's segment count; the
// SMT solvers did not finish that count at MaxEntries 32 inside the miter (400 s).
module gqalut_cmp_int #(
  parameter int XW         = 8,
  parameter int BpW        = 9,
  parameter bit Signed     = 1'b1,
  parameter int MaxEntries = 32
) (
  input  logic [XW-1:0]                   x_i,
  input  logic [(MaxEntries-1)*BpW-1:0]   bp_i,
  input  logic [$clog2(MaxEntries+1)-1:0] n_i,
  output logic [$clog2(MaxEntries)-1:0]   idx_o
);

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (XW > 63 || (MaxEntries - 1) * BpW > 1024 || $clog2(MaxEntries + 1) > 8)
      $fatal(1, "gqalut_cmp_int stand-in: operands wider than the function's");
  end
`endif

  logic [7:0] idx;
  gqalut_formal_cmp_fn u_fn (
    .x_i  ({Signed, 63'(x_i)}),   // the comparison's signedness in the top bit
    .bp_i (1024'(bp_i)),
    .n_i  (8'(n_i)),
    .idx_o(idx)
  );
  assign idx_o = idx[$clog2(MaxEntries)-1:0];

endmodule

