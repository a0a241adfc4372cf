// The bound fp32_mul_round assumes of the significand product: the RTL's 48-bit product of two
// significands with the hidden bit set (rtl/gqalut_fp32_mul.sv, the same expression) is at
// least 2^BoundLog2 (46) for every pair of fractions.
module gqalut_formal_fp32_prod_bound #(
  parameter int BoundLog2 = 46
) (
  input logic clk_i
);

  (* anyconst *) logic [22:0] fa, fb;
  logic [47:0] prod;
  assign prod = 48'({1'b1, fa}) * 48'({1'b1, fb});

  always_comb assert (prod >= (48'd1 << BoundLog2));

endmodule
