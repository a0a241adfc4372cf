// One lane of the FP32 pwl datapath (docs/numeric-definition.md §5), registers after each stage:
//   s0 input register                                     (ld_i[0])
//   s1 compare: i = #{ j < N-1 : x >= p_j }               (ld_i[1])
//   s2 LUT read, product fmul(k_i, x)                     (ld_i[2])
//   s3 sum fadd(product, b_i) into the output register    (ld_i[3])
module gqalut_fp32_lane #(
  parameter int MaxEntries = 32
) (
  input  logic                            clk_i,
  input  logic                            rst_ni,
  input  logic [3:0]                      ld_i,
  input  logic [31:0]                     x_i,
  input  logic [$clog2(MaxEntries+1)-1:0] n_i,
  input  logic [(MaxEntries-1)*32-1:0]    bp_i,
  input  logic [MaxEntries*32-1:0]        slope_i,
  input  logic [MaxEntries*32-1:0]        icpt_i,
  output logic [31:0]                     out_o
);

  localparam int IdxW = $clog2(MaxEntries);

  logic [31:0] x0_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      x0_q <= '0;
    end else if (ld_i[0]) begin
      x0_q <= x_i;
    end
  end

  // Stage 1: comparator bank.
  logic [IdxW-1:0] idx;
  gqalut_cmp_fp32 #(
    .MaxEntries(MaxEntries)
  ) u_cmp (
    .x_i  (x0_q),
    .bp_i (bp_i),
    .n_i  (n_i),
    .idx_o(idx)
  );

  logic [31:0]     x1_q;
  logic [IdxW-1:0] idx1_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      x1_q   <= '0;
      idx1_q <= '0;
    end else if (ld_i[1]) begin
      x1_q   <= x0_q;
      idx1_q <= idx;
    end
  end

  // Stage 2: LUT read and multiply.
  logic [31:0] prod;
  gqalut_fp32_mul u_mul (
    .a_i(slope_i[idx1_q*32 +: 32]),
    .b_i(x1_q),
    .y_o(prod)
  );

  logic [31:0] prod2_q, icpt2_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      prod2_q <= '0;
      icpt2_q <= '0;
    end else if (ld_i[2]) begin
      prod2_q <= prod;
      icpt2_q <= icpt_i[idx1_q*32 +: 32];
    end
  end

  // Stage 3: add into the output register.
  logic [31:0] sum, out_q;
  gqalut_fp32_add u_add (
    .a_i(prod2_q),
    .b_i(icpt2_q),
    .y_o(sum)
  );

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      out_q <= '0;
    end else if (ld_i[3]) begin
      out_q <= sum;
    end
  end
  assign out_o = out_q;

endmodule
