// LUT-based pwl unit with the multi-range input scaler (DIV, RSQRT; numeric-definition.md §6,
// paper Table 2) and the range reduction (EXP2, LOG2, EXP; §12), docs/pin-interface.md:
// latency 4 (input register, sub-range select or range reduction + core code, compare, LUT
// read + multiply, add + requantizer into the output register).
// Per lane, DIV/RSQRT: sigma from the sub-range comparators or the leading one, the unsigned
// CoreW-bit core code c = min(2^CoreW - 1, round_half_up(u * 2^-(IN_FRAC + sigma - (CoreW-3)))),
// the INT core at s = CoreW - 3, and the output requantize(acc, lo + (CoreW-3) + e, (32,
// OUT_FRAC, unsigned)) with e = sigma (DIV) or sigma/2 (RSQRT). REDUCE != 0: the core code and
// e = -n (EXP2, EXP) or the integer part (LOG2, added to acc) of gqalut_range_reduce, the core
// at s = CoreW, the output signed for LOG2. OCTAVE (RSQRT, normalize): sigma = msb - 2, e =
// floor(sigma/2), and an odd sigma multiplies the sum by 46341 at 16 more fraction bits in the
// core's last stage (gqalut_int_lane HalfSqrt).
module gqalut_pwl_scaler #(
  parameter int InW        = 32,     // scaler input width
  parameter int CoreW      = 8,      // core input width: UQ3.(CoreW-3) or UQ0.CoreW codes
  parameter int ParW       = CoreW,  // slope / intercept width
  parameter int MaxEntries = 32,
  parameter int Lanes      = 1,
  parameter bit Reduce     = 1'b1,   // build the range reduction (EXP2, LOG2, EXP)
  parameter bit Octave     = 1'b1    // build the RSQRT octave's constant multiplier
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  logic                  in_valid_i,
  output logic                  in_ready_o,
  input  logic [Lanes*InW-1:0]  in_data_i,
  output logic                  out_valid_o,
  input  logic                  out_ready_i,
  output logic [Lanes*32-1:0]   out_data_o,
  input  logic                  cfg_we_i,
  input  logic [11:0]           cfg_addr_i,
  input  logic [63:0]           cfg_wdata_i,
  output logic                  idle_o,
  output logic                  cfg_err_o
);

  localparam int OutW     = 32;
  localparam int CoreFrac = CoreW - 3;
  localparam int NW       = $clog2(MaxEntries + 1);
  localparam int LW       = $clog2(ParW + 1);
  localparam int IfW      = $clog2(InW + 1);
  localparam int ShW      = $clog2(InW + 1) + 1;
  localparam int SgW      = $clog2(InW + 2) + 1;                    // sigma: -InW-1..InW
  localparam int EW       = Reduce ? 11 : SgW;                      // e: also -n, n in [-512, 511]
  localparam int IpW      = $clog2(InW + 1) + 2;                    // LOG2 integer part
  localparam int RcW      = $clog2(2 * InW + CoreW + 2) + 1;        // core code shift
  localparam int MaxScale = Reduce ? CoreW : CoreFrac;              // the core's scale
  localparam int SbW      = $clog2(MaxScale + ParW + 1);
  localparam int RW0      = $clog2(ParW + CoreW + 2 * InW + 34 + (Octave ? 16 : 0)) + 1;
  localparam int RW       = Reduce && RW0 < 12 ? 12 : RW0;          // output requantizer shift
  localparam int AShW     = $clog2(ParW + CoreW + 1);               // LOG2: lo + CoreW

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (InW < 2 || InW > 32) $fatal(1, "gqalut_pwl_scaler: InW must be 2..32");
    if (CoreW < 4 || CoreW > 16) $fatal(1, "gqalut_pwl_scaler: CoreW must be 4..16");
    if (ParW < 2 || ParW > 32) $fatal(1, "gqalut_pwl_scaler: ParW must be 2..32");
    if (MaxEntries < 2 || MaxEntries > 256) $fatal(1, "gqalut_pwl_scaler: MaxEntries must be 2..256");
    if (Lanes < 1) $fatal(1, "gqalut_pwl_scaler: Lanes must be at least 1");
  end
`endif

  logic [4:0] ld;
  gqalut_pipe_ctrl #(
    .Depth(5)
  ) u_pipe_ctrl (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .in_valid_i (in_valid_i),
    .in_ready_o (in_ready_o),
    .out_valid_o(out_valid_o),
    .out_ready_i(out_ready_i),
    .idle_o     (idle_o),
    .ld_o       (ld)
  );

  logic [2:0] hit, ok;
  logic       cfg_wr;
  gqalut_cfg_ctrl #(
    .NumBlocks(3)
  ) u_cfg_ctrl (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .cfg_we_i  (cfg_we_i),
    .cfg_addr_i(cfg_addr_i),
    .idle_i    (idle_o),
    .hit_i     (hit),
    .ok_i      (ok),
    .wr_o      (cfg_wr),
    .cfg_err_o (cfg_err_o)
  );

  logic [NW-1:0]                       n_entries;
  logic [(MaxEntries-1)*(CoreW+1)-1:0] bp;
  logic [MaxEntries*ParW-1:0]          slope, icpt;
  gqalut_lut_regs #(
    .MaxEntries(MaxEntries),
    .BpW       (CoreW + 1),
    .ParW      (ParW)
  ) u_lut_regs (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .we_i   (cfg_wr & hit[0]),
    .addr_i (cfg_addr_i),
    .wdata_i(cfg_wdata_i),
    .hit_o  (hit[0]),
    .ok_o   (ok[0]),
    .n_o    (n_entries),
    .bp_o   (bp),
    .slope_o(slope),
    .icpt_o (icpt)
  );

  logic [LW-1:0] lambda_k, lambda_b;
  gqalut_lambda_regs #(
    .ParW(ParW)
  ) u_lambda_regs (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .we_i      (cfg_wr & hit[1]),
    .addr_i    (cfg_addr_i),
    .wdata_i   (cfg_wdata_i),
    .hit_o     (hit[1]),
    .ok_o      (ok[1]),
    .lambda_k_o(lambda_k),
    .lambda_b_o(lambda_b)
  );

  logic                  func, preset;
  logic [IfW-1:0]        in_frac;
  logic [5:0]            out_frac;
  logic [4*(InW+1)-1:0]  sr_lo;
  logic [4*ShW-1:0]      sr_shift;
  logic [1:0]            reduce;
  logic                  octave;
  gqalut_scaler_regs #(
    .InW   (InW),
    .Reduce(Reduce),
    .Octave(Octave)
  ) u_scaler_regs (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .we_i      (cfg_wr & hit[2]),
    .addr_i    (cfg_addr_i),
    .wdata_i   (cfg_wdata_i),
    .hit_o     (hit[2]),
    .ok_o      (ok[2]),
    .func_o    (func),
    .preset_o  (preset),
    .in_frac_o (in_frac),
    .out_frac_o(out_frac),
    .sr_lo_o   (sr_lo),
    .sr_shift_o(sr_shift),
    .reduce_o  (reduce),
    .octave_o  (octave)
  );

  // The core's scale: CoreW - 3 (DIV/RSQRT), CoreW with the range reduction.
  logic                 reduces, log2;
  logic [SbW-1:0]       core_frac;
  logic [LW-1:0]        lambda_o, shift_p;
  logic [SbW-1:0]       shift_b;
  logic signed [RW-1:0] shift_r;
  logic [AShW-1:0]      shift_a;
  assign reduces   = reduce != 2'd0;
  assign log2      = reduce == 2'd2;
  assign core_frac = reduces ? SbW'(CoreW) : SbW'(CoreFrac);
  assign lambda_o  = (lambda_k > lambda_b) ? lambda_k : lambda_b;
  assign shift_p   = lambda_o - lambda_k;
  assign shift_b   = core_frac + SbW'(lambda_o) - SbW'(lambda_b);
  assign shift_r   = $signed(RW'(lambda_o)) + $signed(RW'(core_frac)) - $signed(RW'(out_frac));
  assign shift_a   = AShW'(lambda_o) + AShW'(CoreW);

  for (genvar l = 0; l < Lanes; l++) begin : gen_lane
    // s0: input register.
    logic [InW-1:0] u0_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        u0_q <= '0;
      end else if (ld[0]) begin
        u0_q <= in_data_i[l*InW +: InW];
      end
    end

    // Front stage: sub-range select and core code, or the range reduction (registered as the
    // core's input).
    logic signed [SgW-1:0] sigma, e_sr;
    logic signed [RcW-1:0] shift_c;
    logic [CoreW-1:0]      code_sr, code;
    logic signed [EW-1:0]  e;
    logic signed [IpW-1:0] ip;
    logic                  zero, odd;
    logic [$clog2(InW)-1:0] lead;
    gqalut_lead_one #(
      .W(InW)
    ) u_lead_one (
      .v_i  (u0_q),
      .idx_o(lead)
    );
    gqalut_range_select #(
      .InW(InW),
      .SgW(SgW)
    ) u_range_select (
      .u_i       (u0_q),
      .lead_i    (lead),
      .func_i    (func),
      .preset_i  (preset),
      .octave_i  (octave),
      .in_frac_i (in_frac),
      .sr_lo_i   (sr_lo),
      .sr_shift_i(sr_shift),
      .sigma_o   (sigma),
      .e_o       (e_sr),
      .odd_o     (odd)
    );
    assign shift_c = $signed(RcW'(in_frac)) + RcW'(sigma) - RcW'(CoreFrac);
    gqalut_core_code #(
      .InW  (InW),
      .CoreW(CoreW),
      .RcW  (RcW)
    ) u_core_code (
      .u_i (u0_q),
      .rc_i(shift_c),
      .c_o (code_sr)
    );

    if (Reduce) begin : gen_reduce
      logic [CoreW-1:0]      code_rr;
      logic signed [EW-1:0]  e_rr;
      logic                  z_rr;
      gqalut_range_reduce #(
        .InW  (InW),
        .CoreW(CoreW),
        .EW   (EW),
        .IpW  (IpW)
      ) u_range_reduce (
        .u_i      (u0_q),
        .lead_i   (lead),
        .mode_i   (reduce),
        .in_frac_i(in_frac),
        .c_o      (code_rr),
        .e_o      (e_rr),
        .ip_o     (ip),
        .z_o      (z_rr)
      );
      assign code = reduces ? code_rr : code_sr;
      assign e    = reduces ? e_rr : EW'(e_sr);
      assign zero = log2 && z_rr;
    end else begin : gen_no_reduce
      assign code = code_sr;
      assign e    = e_sr;
      assign ip   = '0;
      assign zero = 1'b0;
    end

    gqalut_int_lane #(
      .InW       (CoreW),
      .InSigned  (1'b0),
      .ParW      (ParW),
      .MaxEntries(MaxEntries),
      .MaxScale  (MaxScale),
      .EW        (EW),
      .RW        (RW),
      .RqOutW    (OutW),
      .RqSigned  (1'b0),
      .RqAlways  (1'b1),
      .OutW      (OutW),
      .Options   (1'b0),
      .Addend    (Reduce),
      .AW        (IpW),
      .AShW      (AShW),
      .HalfSqrt  (Octave)
    ) u_core (
      .clk_i      (clk_i),
      .rst_ni     (rst_ni),
      .ld_i       (ld[4:1]),
      .x_i        (code),
      .e_i        (e),
      .a_i        (ip),
      .z_i        (zero),
      .h_i        (odd && !reduces),
      .n_i        (n_entries),
      .bp_i       (bp),
      .slope_i    (slope),
      .icpt_i     (icpt),
      .sp_i       (shift_p),
      .sb_i       (shift_b),
      .lo_i       (lambda_o),
      .sym_i      (3'd0),
      .center_i   ('0),
      .clamp_lo_i ('0),
      .clamp_hi_i ('0),
      .rel_i      (1'b0),
      .origin_i   ('0),
      .a_en_i     (log2),
      .ash_i      (shift_a),
      .rq_en_i    (1'b1),
      .rq_signed_i(log2),
      .r_i        (shift_r),
      .out_o      (out_data_o[l*OutW +: OutW])
    );
  end

endmodule
