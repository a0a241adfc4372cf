// Stand-in for rtl/gqalut_requant.sv in the datapath proof (same name, parameters and ports):
// an uninterpreted function of the accumulator and the shift, the same one the reference's
// requantizer is replaced by (standin/gqalut_ref_requant.sv). The datapath miter so proves
// that the unit feeds its requantizer the reference's accumulator and shift and uses its
// result as the reference does; the requantizer lemma (gqalut_formal_requant.sv) proves
// rtl/gqalut_requant.sv equal to gqalut_ref_requant for every input. Together: the unit as
// built equals the reference.
module gqalut_requant #(
  parameter int AccW = 25,
  parameter int OutW = 8,
  parameter int RW   = 6
) (
  input  logic signed [AccW-1:0] acc_i,
  input  logic signed [RW-1:0]   r_i,
  input  logic                   signed_i,
  output logic [OutW-1:0]        y_o
);

  logic [31:0] y;
  gqalut_formal_requant_fn u_fn (
    .acc_i({signed_i, 127'(acc_i)}),   // the output's signedness in the top bit
    .r_i  (16'(r_i)),
    .y_o  (y)
  );
  assign y_o = y[OutW-1:0];

endmodule
