// Stand-in for the reference requantizer (rtl/formal/gqalut_ref_requant.sv) in the datapath
// proof: the uninterpreted function standin/gqalut_requant.sv gives the unit.
module gqalut_ref_requant #(
  parameter int AccW      = 25,
  parameter int OutW      = 8,
  parameter bit OutSigned = 1'b1
) (
  input  logic signed [AccW-1:0] acc_i,
  input  logic signed [15:0]     r_i,
  output logic [OutW-1:0]        y_o
);

  logic [31:0] y;
  gqalut_formal_requant_fn u_fn (
    .acc_i({OutSigned, 127'(acc_i)}),
    .r_i  (r_i),
    .y_o  (y)
  );
  assign y_o = y[OutW-1:0];

endmodule
