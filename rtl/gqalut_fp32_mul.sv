// IEEE binary32 multiply as docs/numeric-definition.md §5 defines it: subnormal operands read as zero (DAZ), the
// product is rounded to nearest even with IEEE gradual underflow, a subnormal rounded result
// is flushed to signed zero (a product that rounds up to the smallest normal stays normal),
// overflow gives infinity, any NaN result is the canonical quiet NaN 0x7FC00000.
module gqalut_fp32_mul (
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] y_o
);

  localparam logic [31:0] CanonicalNan = 32'h7FC0_0000;

  logic       sign;
  logic       a_zero, b_zero, a_inf, b_inf, a_nan, b_nan;
  logic [47:0] prod, prod_n;
  logic        norm;
  logic signed [9:0] exp_n, exp_r;
  logic [23:0] mant;
  logic        guard, sticky;
  logic [22:0] frac_r;

  assign sign   = a_i[31] ^ b_i[31];
  gqalut_fp32_class u_class_a (
    .x_i   (a_i[30:0]),
    .zero_o(a_zero),
    .inf_o (a_inf),
    .nan_o (a_nan)
  );
  gqalut_fp32_class u_class_b (
    .x_i   (b_i[30:0]),
    .zero_o(b_zero),
    .inf_o (b_inf),
    .nan_o (b_nan)
  );

  // Significand product in [2^46, 2^48), normalised to bit 47.
  assign prod   = 48'({1'b1, a_i[22:0]}) * 48'({1'b1, b_i[22:0]});
  assign norm   = prod[47];
  assign prod_n = norm ? prod : {prod[46:0], 1'b0};
  // Biased exponent of prod_n * 2^-47.
  assign exp_n  = $signed({2'b00, a_i[30:23]}) + $signed({2'b00, b_i[30:23]}) - 10'sd127 +
                  $signed({9'd0, norm});

  assign mant   = prod_n[47:24];
  assign guard  = prod_n[23];
  assign sticky = |prod_n[22:0];
  gqalut_fp32_round u_round (
    .mant_i  (mant),
    .guard_i (guard),
    .sticky_i(sticky),
    .exp_i   (exp_n),
    .exp_o   (exp_r),
    .frac_o  (frac_r)
  );

  logic [7:0] exp_bits;
  assign exp_bits = exp_r[7:0];

  always_comb begin
    if (a_nan || b_nan || (a_inf && b_zero) || (a_zero && b_inf)) begin
      y_o = CanonicalNan;
    end else if (a_inf || b_inf) begin
      y_o = {sign, 8'hFF, 23'd0};
    end else if (a_zero || b_zero) begin
      y_o = {sign, 31'd0};
    end else if (exp_n >= 10'sd1) begin
      if (exp_r >= 10'sd255) begin
        y_o = {sign, 8'hFF, 23'd0};
      end else begin
        y_o = {sign, exp_bits, frac_r};
      end
    end else if ((exp_n == 10'sd0) && (&mant)) begin
      // In [2^-126 - 2^-150, 2^-126): rounds (at the subnormal LSB 2^-149) up to 2^-126.
      y_o = {sign, 8'd1, 23'd0};
    end else begin
      // A subnormal (or zero) rounded result: flushed to signed zero.
      y_o = {sign, 31'd0};
    end
  end

endmodule
