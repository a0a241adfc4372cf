// Requantizer lemma: rtl/gqalut_requant.sv equals the reference gqalut_ref_requant for every
// AccW-bit accumulator and every RW-bit shift (combinational; one step).
module gqalut_formal_requant #(
  parameter int AccW      = 25,
  parameter int OutW      = 8,
  parameter bit OutSigned = 1'b1,
  parameter int RW        = 6
) (
  input logic clk_i
);

  (* anyconst *) logic signed [AccW-1:0] acc;
  (* anyconst *) logic signed [RW-1:0]   r;

  logic [OutW-1:0] y_rtl, y_ref;
  gqalut_requant #(
    .AccW(AccW), .OutW(OutW), .RW(RW)
  ) u_dut (
    .acc_i   (acc),
    .r_i     (r),
    .signed_i(OutSigned),
    .y_o  (y_rtl)
  );
  gqalut_ref_requant #(
    .AccW(AccW), .OutW(OutW), .OutSigned(OutSigned)
  ) u_ref (
    .acc_i(acc),
    .r_i  (16'(r)),
    .y_o  (y_ref)
  );

  always_comb assert (y_rtl == y_ref);

endmodule
