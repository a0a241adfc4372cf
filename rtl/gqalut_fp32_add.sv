// IEEE binary32 add as docs/numeric-definition.md §5 defines it: subnormal operands read as zero (DAZ), round to
// nearest even, a subnormal result is flushed to signed zero, overflow gives infinity, an exact
// zero sum is +0 (and -0 + -0 = -0), any NaN result is the canonical quiet NaN 0x7FC00000.
// The sum of two normals below 2^-126 is exact (both are multiples of 2^-149), so flushing by
// the normalised exponent equals IEEE gradual underflow followed by the flush.
module gqalut_fp32_add (
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] y_o
);

  localparam logic [31:0] CanonicalNan = 32'h7FC0_0000;

  logic a_zero, b_zero, a_inf, b_inf, a_nan, b_nan;
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

  // Order by magnitude: greater >= lesser.
  logic        swap;
  logic [31:0] greater, lesser;
  assign swap  = b_i[30:0] > a_i[30:0];
  assign greater   = swap ? b_i : a_i;
  assign lesser = swap ? a_i : b_i;

  // Align the smaller significand: 24 bits + guard, round, sticky.
  logic [7:0]  exp_diff;
  logic [26:0] greater_ext, lesser_ext, lesser_sh, lost_mask;
  logic        lost;
  assign exp_diff  = greater[30:23] - lesser[30:23];
  assign greater_ext   = {1'b1, greater[22:0], 3'b000};
  assign lesser_ext = {1'b1, lesser[22:0], 3'b000};
  always_comb begin
    if (exp_diff >= 8'd27) begin
      lesser_sh  = 27'd0;
      lost_mask = '1;
    end else begin
      lesser_sh  = lesser_ext >> exp_diff;
      lost_mask = ~(27'h7FF_FFFF << exp_diff);
    end
  end
  assign lost = |(lesser_ext & lost_mask);

  logic        subtract;
  logic [27:0] sum;
  assign subtract = greater[31] ^ lesser[31];
  assign sum = subtract ? ({1'b0, greater_ext} - {1'b0, lesser_sh[26:1], lesser_sh[0] | lost})
                        : ({1'b0, greater_ext} + {1'b0, lesser_sh[26:1], lesser_sh[0] | lost});

  // Leading zeros of sum[26:0] (sum != 0 when used).
  function automatic logic [4:0] lzc27(input logic [26:0] v);
    lzc27 = 5'd27;
    for (int i = 0; i < 27; i++) begin
      if (v[i]) lzc27 = 5'(26 - i);
    end
  endfunction

  logic [4:0]        lz;
  logic [26:0]       sum_n;
  logic signed [9:0] exp_g, exp_n, exp_r;
  assign lz    = lzc27(sum[26:0]);
  assign exp_g = $signed({2'b00, greater[30:23]});
  assign sum_n = sum[27] ? {sum[27:2], sum[1] | sum[0]} : (sum[26:0] << lz);
  assign exp_n = sum[27] ? (exp_g + 10'sd1) : (exp_g - $signed({5'd0, lz}));

  logic [23:0] mant;
  logic        guard, sticky;
  logic [22:0] frac_r;
  assign mant   = sum_n[26:3];
  assign guard  = sum_n[2];
  assign sticky = |sum_n[1:0];
  gqalut_fp32_round u_round (
    .mant_i  (mant),
    .guard_i (guard),
    .sticky_i(sticky),
    .exp_i   (exp_n),
    .exp_o   (exp_r),
    .frac_o  (frac_r)
  );

  logic a_sign, b_sign, g_sign;
  logic [7:0] exp_bits;
  assign a_sign   = a_i[31];
  assign b_sign   = b_i[31];
  assign g_sign   = greater[31];
  assign exp_bits = exp_r[7:0];

  always_comb begin
    if (a_nan || b_nan || (a_inf && b_inf && (a_sign != b_sign))) begin
      y_o = CanonicalNan;
    end else if (a_inf) begin
      y_o = {a_sign, 8'hFF, 23'd0};
    end else if (b_inf) begin
      y_o = {b_sign, 8'hFF, 23'd0};
    end else if (a_zero && b_zero) begin
      y_o = {a_sign & b_sign, 31'd0};
    end else if (a_zero) begin
      y_o = b_i;
    end else if (b_zero) begin
      y_o = a_i;
    end else if (sum == 28'd0) begin
      y_o = 32'd0;                          // exact cancellation: +0
    end else if (exp_r >= 10'sd255) begin
      y_o = {g_sign, 8'hFF, 23'd0};
    end else if (exp_r <= 10'sd0) begin
      y_o = {g_sign, 31'd0};                // subnormal sum: flushed to signed zero
    end else begin
      y_o = {g_sign, exp_bits, frac_r};
    end
  end

endmodule
