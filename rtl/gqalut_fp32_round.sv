// Round to nearest even of a normalised 24-bit significand (hidden bit at 23) with its guard
// and sticky bits, as docs/numeric-definition.md §5 rounds binary32 results; shared by the multiplier and the adder.
// A carry out of the significand (1.11..1 rounding up to 2.0) increments the exponent and
// leaves a zero fraction.
module gqalut_fp32_round (
  input  logic [23:0]       mant_i,
  input  logic              guard_i,
  input  logic              sticky_i,
  input  logic signed [9:0] exp_i,
  output logic signed [9:0] exp_o,
  output logic [22:0]       frac_o
);

  logic        round_up;
  logic [24:0] mant_r;
  assign round_up = guard_i & (sticky_i | mant_i[0]);
  assign mant_r   = {1'b0, mant_i} + 25'(round_up);
  assign exp_o    = exp_i + $signed({9'd0, mant_r[24]});
  assign frac_o   = mant_r[24] ? 23'd0 : mant_r[22:0];
  // mant_r[23] is the hidden bit of a rounded significand that did not carry out.
  logic unused_hidden;
  assign unused_hidden = mant_r[23];

endmodule
