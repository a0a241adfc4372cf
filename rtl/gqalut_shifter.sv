// Left shifter of a two's complement code by a runtime amount into a wider word (exact: OutW
// holds InW + the largest shift). Used for the intercept shift B << (s + lo - lb) and the
// product alignment (K * q) << (lo - lk).
module gqalut_shifter #(
  parameter int InW  = 8,
  parameter int OutW = 24,
  parameter int ShW  = 4
) (
  input  logic signed [InW-1:0]  d_i,
  input  logic [ShW-1:0]         sh_i,
  output logic signed [OutW-1:0] d_o
);

  assign d_o = OutW'(d_i) <<< sh_i;

endmodule
