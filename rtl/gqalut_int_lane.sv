// One lane of the INT pwl datapath (docs/numeric-definition.md §2), registers after each stage:
//   s0 input register        x, e                       (ld_i[0])
//   s1 compare               i = #{ j < N-1 : P_j <= x } (ld_i[1])
//   s2 LUT read, multiply, intercept shift               (ld_i[2])
//   s3 add, requantizer into the output register         (ld_i[3])
// acc = (K_i * x) << sp + (B_i << sb), exact in AccW bits. With the requantizer the output is
// requantize(acc, r + e) to RqOutW bits, else acc. e is a per-element addition to the
// requantizer shift carried along the pipeline (the scaler's sigma; 0 for the INT unit).
module gqalut_int_lane #(
  parameter int InW        = 8,      // input code width
  parameter bit InSigned   = 1'b1,   // codes are two's complement (else unsigned)
  parameter int ParW       = 8,      // slope / intercept width
  parameter int MaxEntries = 32,
  parameter int MaxScale   = 7,      // largest s in the intercept shift
  parameter int EW         = 1,      // width of e (two's complement)
  parameter int RW         = 6,      // width of the requantizer shift (two's complement)
  parameter int RqOutW     = 8,
  parameter bit RqSigned   = 1'b1,
  parameter bit RqAlways   = 1'b0,   // 1: the output is always requantized (rq_en_i unused)
  parameter int OutW       = 25
) (
  input  logic                            clk_i,
  input  logic                            rst_ni,
  input  logic [3:0]                      ld_i,
  input  logic [InW-1:0]                  x_i,
  input  logic signed [EW-1:0]            e_i,
  input  logic [$clog2(MaxEntries+1)-1:0] n_i,
  input  logic [(MaxEntries-1)*(InW+1)-1:0] bp_i,
  input  logic [MaxEntries*ParW-1:0]      slope_i,
  input  logic [MaxEntries*ParW-1:0]      icpt_i,
  input  logic [$clog2(ParW+1)-1:0]       sp_i,      // lo - lk
  input  logic [$clog2(MaxScale+ParW+1)-1:0] sb_i,    // s + lo - lb
  input  logic                            rq_en_i,
  input  logic signed [RW-1:0]            r_i,       // requantizer shift, before e
  output logic [OutW-1:0]                 out_o
);

  localparam int IdxW  = $clog2(MaxEntries);
  localparam int BpW   = InW + 1;                           // one past the largest code fits
  localparam int SpW   = $clog2(ParW + 1);
  localparam int SbW   = $clog2(MaxScale + ParW + 1);
  localparam int XeW   = InW + (InSigned ? 0 : 1);          // input as a signed operand
  localparam int ProdW = ParW + XeW;
  localparam int PshW  = ProdW + ParW;                      // product after lo - lk <= ParW
  localparam int BshW  = ParW + MaxScale + ParW;            // intercept after sb
  localparam int AccW  = (PshW > BshW ? PshW : BshW) + 1;

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (!RqAlways && OutW != AccW) $fatal(1, "gqalut_int_lane: OutW must be AccW = %0d", AccW);
    if (RqOutW > OutW) $fatal(1, "gqalut_int_lane: RqOutW must not exceed OutW");
  end
`endif

  // s0: input register.
  logic [InW-1:0]       x0_q;
  logic signed [EW-1:0] e0_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      x0_q <= '0;
      e0_q <= '0;
    end else if (ld_i[0]) begin
      x0_q <= x_i;
      e0_q <= e_i;
    end
  end

  // Stage 1: comparator bank.
  logic [IdxW-1:0] idx;
  gqalut_cmp_int #(
    .XW        (InW),
    .BpW       (BpW),
    .Signed    (InSigned),
    .MaxEntries(MaxEntries)
  ) u_cmp (
    .x_i  (x0_q),
    .bp_i (bp_i),
    .n_i  (n_i),
    .idx_o(idx)
  );

  logic [InW-1:0]       x1_q;
  logic [IdxW-1:0]      idx1_q;
  logic signed [EW-1:0] e1_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      x1_q   <= '0;
      idx1_q <= '0;
      e1_q   <= '0;
    end else if (ld_i[1]) begin
      x1_q   <= x0_q;
      idx1_q <= idx;
      e1_q   <= e0_q;
    end
  end

  // Stage 2: LUT read, multiply, intercept shift.
  logic signed [ParW-1:0]  slope, icpt;
  logic signed [XeW-1:0]   x_op;
  logic signed [ProdW-1:0] prod;
  logic signed [BshW-1:0]  icpt_sh;
  assign slope = $signed(slope_i[idx1_q*ParW +: ParW]);
  assign icpt  = $signed(icpt_i[idx1_q*ParW +: ParW]);
  if (InSigned) begin : gen_x_signed
    assign x_op = $signed(x1_q);
  end else begin : gen_x_unsigned
    assign x_op = $signed({1'b0, x1_q});
  end
  assign prod = ProdW'(slope) * ProdW'(x_op);

  gqalut_shifter #(
    .InW (ParW),
    .OutW(BshW),
    .ShW (SbW)
  ) u_icpt_shift (
    .d_i (icpt),
    .sh_i(sb_i),
    .d_o (icpt_sh)
  );

  logic signed [ProdW-1:0] prod2_q;
  logic signed [BshW-1:0]  icpt2_q;
  logic signed [EW-1:0]    e2_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      prod2_q <= '0;
      icpt2_q <= '0;
      e2_q    <= '0;
    end else if (ld_i[2]) begin
      prod2_q <= prod;
      icpt2_q <= icpt_sh;
      e2_q    <= e1_q;
    end
  end

  // Stage 3: align the product, add, requantize.
  logic signed [PshW-1:0] prod_sh;
  logic signed [AccW-1:0] acc;
  gqalut_shifter #(
    .InW (ProdW),
    .OutW(PshW),
    .ShW (SpW)
  ) u_prod_shift (
    .d_i (prod2_q),
    .sh_i(sp_i),
    .d_o (prod_sh)
  );
  assign acc = AccW'(prod_sh) + AccW'(icpt2_q);

  logic signed [RW-1:0] r_tot;
  logic [RqOutW-1:0]    rq;
  assign r_tot = r_i + RW'(e2_q);
  gqalut_requant #(
    .AccW     (AccW),
    .OutW     (RqOutW),
    .OutSigned(RqSigned),
    .RW       (RW)
  ) u_requant (
    .acc_i(acc),
    .r_i  (r_tot),
    .y_o  (rq)
  );

  logic [OutW-1:0] out_d, out_q;
  if (RqAlways) begin : gen_rq_always
    if (RqSigned) begin : gen_signed
      assign out_d = OutW'($signed(rq));
    end else begin : gen_unsigned
      assign out_d = OutW'(rq);
    end
    logic unused_rq_en;
    assign unused_rq_en = rq_en_i;
  end else begin : gen_rq_optional
    if (RqSigned) begin : gen_signed
      assign out_d = rq_en_i ? OutW'($signed(rq)) : OutW'(acc);
    end else begin : gen_unsigned
      assign out_d = rq_en_i ? OutW'(rq) : OutW'(acc);
    end
  end

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      out_q <= '0;
    end else if (ld_i[3]) begin
      out_q <= out_d;
    end
  end
  assign out_o = out_q;

endmodule
