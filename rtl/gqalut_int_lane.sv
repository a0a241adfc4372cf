// One lane of the INT pwl datapath (numeric-definition.md §2, with the options of §8-§11),
// registers after each stage:
//   s0 input register        x, e, a, z                             (ld_i[0])
//   s1 fold, clamp, compare  q'' = clamp(fold(x)), i = #{ j < N-1 : P_j <= q'' } (ld_i[1])
//   s2 LUT read, operand (q'' - P_{i-1} or q''), multiply, intercept shift (ld_i[2])
//   s3 add, symmetry fix, addend, requantizer into the output register   (ld_i[3])
// acc = (K_i * d) << sp + (B_i << sb). With Options (the INT unit's datapath options) the
// result y is acc with the symmetry fix for x < 0 (-acc; (CENTER << (sb+1)) - acc; acc + (x <<
// lo)); with Addend (the scaler's LOG2) y = acc + (a << ash) when a_en_i, and z forces the
// requantizer's minimum; with HalfSqrt (the scaler's RSQRT octave) h multiplies y by C =
// round(2^16/sqrt(2)) = 46341 exactly, as shift-adds, at 16 more fraction bits. The output is
// requantize(y, r + e) (h: requantize(y * C, r + e + 16)) to RqOutW bits, else y. e, a, z, h
// are per-element values carried along the pipeline (the scaler's result shift, integer part,
// log2(0) flag and odd-exponent flag).
module gqalut_int_lane #(
  parameter int InW        = 8,      // input code width
  parameter bit InSigned   = 1'b1,   // codes are two's complement (else unsigned)
  parameter int ParW       = 8,      // slope / intercept width
  parameter int MaxEntries = 32,
  parameter int MaxScale   = 7,      // largest s in the intercept shift
  parameter int EW         = 1,      // width of e (two's complement)
  parameter int RW         = 6,      // width of the requantizer shift (two's complement)
  parameter int RqOutW     = 8,
  parameter bit RqSigned   = 1'b1,   // the requantized code is sign-extended to OutW
  parameter bit RqAlways   = 1'b0,   // 1: the output is always requantized (rq_en_i unused)
  parameter int OutW       = 25,
  parameter bit Options    = 1'b0,   // fold, clamp, relative intercepts, symmetry fix (signed input)
  parameter bit Addend     = 1'b0,   // the carried addend a << ash and the minimum flag z
  parameter int AW         = 1,      // width of a (two's complement)
  parameter int AShW       = 1,      // width of ash
  parameter bit HalfSqrt   = 1'b0    // the carried flag h multiplies y by 46341 / 2^16
) (
  input  logic                            clk_i,
  input  logic                            rst_ni,
  input  logic [3:0]                      ld_i,
  input  logic [InW-1:0]                  x_i,
  input  logic signed [EW-1:0]            e_i,
  input  logic signed [AW-1:0]            a_i,
  input  logic                            z_i,
  input  logic                            h_i,
  input  logic [$clog2(MaxEntries+1)-1:0] n_i,
  input  logic [(MaxEntries-1)*(InW+1)-1:0] bp_i,
  input  logic [MaxEntries*ParW-1:0]      slope_i,
  input  logic [MaxEntries*ParW-1:0]      icpt_i,
  input  logic [$clog2(ParW+1)-1:0]       sp_i,      // lo - lk
  input  logic [$clog2(MaxScale+ParW+1)-1:0] sb_i,    // s + lo - lb
  input  logic [$clog2(ParW+1)-1:0]       lo_i,      // lo: the shifted symmetry fix x << lo
  input  logic [2:0]                      sym_i,     // SYMMETRY (Options)
  input  logic signed [ParW-1:0]          center_i,  // CENTER (Options)
  input  logic signed [InW:0]             clamp_lo_i,
  input  logic signed [InW:0]             clamp_hi_i,
  input  logic                            rel_i,     // ICPT_MODE (Options)
  input  logic signed [InW:0]             origin_i,
  input  logic                            a_en_i,    // add a << ash (Addend)
  input  logic [AShW-1:0]                 ash_i,
  input  logic                            rq_en_i,
  input  logic                            rq_signed_i,   // the requantized code is signed
  input  logic signed [RW-1:0]            r_i,       // requantizer shift, before e
  output logic [OutW-1:0]                 out_o
);

  localparam int IdxW  = $clog2(MaxEntries);
  localparam int BpW   = InW + 1;                           // one past the largest code fits
  localparam int SpW   = $clog2(ParW + 1);
  localparam int SbW   = $clog2(MaxScale + ParW + 1);
  localparam int XeW   = InW + (InSigned ? 0 : 1);          // input as a signed operand
  localparam int XoW   = Options ? InW + 1 : XeW;           // the MAC operand: q'', or d
  localparam int ProdW = ParW + XoW;
  localparam int PshW  = ProdW + ParW;                      // product after lo - lk <= ParW
  localparam int BshW  = ParW + MaxScale + ParW;            // intercept after sb
  localparam int AccW  = (PshW > BshW ? PshW : BshW) + 1;
  localparam int YW    = (Options || Addend) ? AccW + 1 : AccW;   // with the fix or the addend
  localparam int AvW   = Options ? InW : AW;                // the carried addend value

  // Symmetry codes of SYMMETRY (docs/pin-interface.md).
  localparam logic [2:0] SymOdd = 3'd1, SymPoint = 3'd3, SymShifted = 3'd4;

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (!RqAlways && OutW != 2 * ParW + InW + 1) $fatal(1, "gqalut_int_lane: OutW must be 2*ParW+InW+1");
    if (RqOutW > OutW) $fatal(1, "gqalut_int_lane: RqOutW must not exceed OutW");
    if (Options && !InSigned) $fatal(1, "gqalut_int_lane: the datapath options need a signed input");
    if (Options && Addend) $fatal(1, "gqalut_int_lane: Options and Addend are for different units");
    if (HalfSqrt && !RqAlways) $fatal(1, "gqalut_int_lane: HalfSqrt needs RqAlways (y * C is only requantized)");
  end
`endif

  // s0: input register.
  logic [InW-1:0]       x0_q;
  logic signed [EW-1:0] e0_q;
  logic signed [AW-1:0] a0_q;
  logic                 z0_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      x0_q <= '0;
      e0_q <= '0;
      a0_q <= '0;
      z0_q <= 1'b0;
    end else if (ld_i[0]) begin
      x0_q <= x_i;
      e0_q <= e_i;
      a0_q <= a_i;
      z0_q <= z_i;
    end
  end

  // Stage 1: fold and clamp (Options), comparator bank. Without the options the comparators
  // and the multiplier see the input code itself.
  localparam int CmpXW = Options ? InW + 1 : InW;
  logic [CmpXW-1:0]      cmp_x;
  logic [IdxW-1:0]       idx;
  logic [InW-1:0]        x1_q;
  logic signed [XoW-1:0] op1_q;   // the operand q'' after stage 1
  if (Options) begin : gen_operand
    logic signed [InW:0] x_ext, folded, low, op;
    assign x_ext  = (InW + 1)'($signed(x0_q));
    // |x| is exact in InW+1 bits: -2^(InW-1) folds to 2^(InW-1).
    assign folded = (sym_i != 3'd0 && x0_q[InW-1]) ? -x_ext : x_ext;
    assign low    = (folded < clamp_lo_i) ? clamp_lo_i : folded;
    assign op     = (low > clamp_hi_i) ? clamp_hi_i : low;
    assign cmp_x  = op;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        op1_q <= '0;
      end else if (ld_i[1]) begin
        op1_q <= op;
      end
    end
  end else begin : gen_no_operand
    assign cmp_x = x0_q;
    if (InSigned) begin : gen_signed
      assign op1_q = $signed(x1_q);
    end else begin : gen_unsigned
      assign op1_q = $signed({1'b0, x1_q});
    end
    logic unused_options;
    assign unused_options = ^{sym_i, clamp_lo_i, clamp_hi_i};
  end

  gqalut_cmp_int #(
    .XW        (CmpXW),
    .BpW       (BpW),
    .Signed    (InSigned),
    .MaxEntries(MaxEntries)
  ) u_cmp (
    .x_i  (cmp_x),
    .bp_i (bp_i),
    .n_i  (n_i),
    .idx_o(idx)
  );

  logic [IdxW-1:0]       idx1_q;
  logic signed [EW-1:0]  e1_q;
  logic signed [AW-1:0]  a1_q;
  logic                  z1_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      x1_q   <= '0;
      idx1_q <= '0;
      e1_q   <= '0;
      a1_q   <= '0;
      z1_q   <= 1'b0;
    end else if (ld_i[1]) begin
      x1_q   <= x0_q;
      idx1_q <= idx;
      e1_q   <= e0_q;
      a1_q   <= a0_q;
      z1_q   <= z0_q;
    end
  end

  // Stage 2: LUT read, operand, multiply, intercept shift; the fix terms of the element.
  logic signed [ParW-1:0]  slope, icpt;
  logic signed [XoW-1:0]   x_op;
  logic signed [ProdW-1:0] prod;
  logic signed [BshW-1:0]  icpt_sh;
  logic                    neg, inv, use_c;
  logic signed [AvW-1:0]   av;
  assign slope = $signed(slope_i[idx1_q*ParW +: ParW]);
  assign icpt  = $signed(icpt_i[idx1_q*ParW +: ParW]);
  if (Options) begin : gen_fix_terms
    logic signed [InW:0] start;
    logic [IdxW-1:0]     prev;
    // Relative intercepts: d = q'' - P_{i-1} (ORIGIN for segment 0), InW+1 bits, wrapping.
    assign prev  = idx1_q - IdxW'(1);
    assign start = (idx1_q == '0) ? origin_i : $signed(bp_i[prev*BpW +: BpW]);
    assign x_op  = rel_i ? op1_q - start : op1_q;
    assign neg   = (sym_i != 3'd0) && x1_q[InW-1];
    assign inv   = neg && (sym_i == SymOdd || sym_i == SymPoint);
    assign use_c = neg && (sym_i == SymPoint);
    assign av    = (neg && sym_i == SymShifted) ? $signed(x1_q) : '0;
    logic unused_addend_in;
    assign unused_addend_in = ^{a1_q, a_en_i, ash_i};
  end else begin : gen_no_fix_terms
    assign x_op  = op1_q;
    assign neg   = 1'b0;
    assign inv   = 1'b0;
    assign use_c = 1'b0;
    assign av    = a1_q;
    logic unused_relative;
    assign unused_relative = ^{rel_i, origin_i, neg};
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
  logic signed [AvW-1:0]   av2_q;
  logic                    inv2_q, usec2_q, z2_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      prod2_q <= '0;
      icpt2_q <= '0;
      e2_q    <= '0;
      av2_q   <= '0;
      inv2_q  <= 1'b0;
      usec2_q <= 1'b0;
      z2_q    <= 1'b0;
    end else if (ld_i[2]) begin
      prod2_q <= prod;
      icpt2_q <= icpt_sh;
      e2_q    <= e1_q;
      av2_q   <= av;
      inv2_q  <= inv;
      usec2_q <= use_c;
      z2_q    <= z1_q;
    end
  end

  // Stage 3: align the product, add, fix or addend, requantize.
  logic signed [PshW-1:0] prod_sh;
  logic signed [AccW-1:0] acc;
  logic signed [YW-1:0]   y;
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

  if (Options) begin : gen_fix
    logic signed [YW-1:0] center_term, x_term;
    assign center_term = YW'(center_i) <<< (YW'(sb_i) + YW'(1));   // 2c in the result's fraction
    assign x_term      = YW'(av2_q) <<< lo_i;                       // x in the result's fraction
    assign y = (inv2_q ? -(YW'(acc)) : YW'(acc)) + (usec2_q ? center_term : '0) + x_term;
  end else if (Addend) begin : gen_addend
    assign y = YW'(acc) + (a_en_i ? (YW'(av2_q) <<< ash_i) : '0);
    logic unused_fix;
    assign unused_fix = ^{inv2_q, usec2_q, center_i, lo_i};
  end else begin : gen_plain
    assign y = acc;
    logic unused_fix;
    assign unused_fix = ^{inv2_q, usec2_q, av2_q, a_en_i, ash_i, center_i, lo_i};
  end

  // The odd-exponent flag h rides along s0..s2 like e (HalfSqrt only).
  localparam int HW = HalfSqrt ? YW + 16 : YW;
  logic signed [HW-1:0] yh;
  logic signed [RW-1:0] r_tot, r_h;
  if (HalfSqrt) begin : gen_half_sqrt
    // C = round(2^16 / sqrt(2)) (numeric-definition.md §6); y * C as one shifted copy of y per
    // set bit of C (7 terms, 6 adders).
    localparam logic [15:0] HalfSqrtCode = 16'd46341;
    logic h0_q, h1_q, h2_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        h0_q <= 1'b0;
        h1_q <= 1'b0;
        h2_q <= 1'b0;
      end else begin
        if (ld_i[0]) h0_q <= h_i;
        if (ld_i[1]) h1_q <= h0_q;
        if (ld_i[2]) h2_q <= h1_q;
      end
    end
    logic signed [HW-1:0] y_ext, y_c;
    assign y_ext = HW'(y);
    always_comb begin
      y_c = '0;
      for (int b = 0; b < 16; b++) begin
        if (HalfSqrtCode[b]) y_c = y_c + (y_ext <<< b);
      end
    end
    assign yh  = h2_q ? y_c : y_ext;
    assign r_h = h2_q ? RW'(16) : '0;
  end else begin : gen_no_half_sqrt
    assign yh  = y;
    assign r_h = '0;
    logic unused_h;
    assign unused_h = h_i;
  end

  logic [RqOutW-1:0]    rq, rq_min, rq_out;
  assign r_tot = r_i + RW'(e2_q) + r_h;
  gqalut_requant #(
    .AccW(HW),
    .OutW(RqOutW),
    .RW  (RW)
  ) u_requant (
    .acc_i     (yh),
    .r_i       (r_tot),
    .signed_i  (rq_signed_i),
    .y_o       (rq)
  );
  // z: the requantizer's minimum (the scaler's log2 of 0 with a signed output).
  assign rq_min = rq_signed_i ? {1'b1, {(RqOutW - 1){1'b0}}} : '0;
  assign rq_out = (Addend && z2_q) ? rq_min : rq;

  logic [OutW-1:0] out_d, out_q;
  if (RqAlways) begin : gen_rq_always
    if (RqSigned) begin : gen_signed
      assign out_d = OutW'($signed(rq_out));
    end else begin : gen_unsigned
      assign out_d = OutW'(rq_out);
    end
    logic unused_rq_en;
    assign unused_rq_en = rq_en_i;
  end else begin : gen_rq_optional
    // y is exact in OutW = 2*ParW+InW+1 bits (numeric-definition.md §11): OutW'(y) drops only
    // copies of the sign bit.
    if (RqSigned) begin : gen_signed
      assign out_d = rq_en_i ? OutW'($signed(rq_out)) : OutW'(y);
    end else begin : gen_unsigned
      assign out_d = rq_en_i ? OutW'(rq_out) : OutW'(y);
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
