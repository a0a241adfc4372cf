// LUT-based pwl unit, INT-k datapath (numeric-definition.md §2, §8-§11, docs/pin-interface.md):
// Lanes lanes sharing one handshake and one LUT, latency 3 (input register, fold + clamp +
// compare, LUT read + operand + multiply, add + symmetry fix + requantizer into the output
// register).
// Output word per lane: acc = (K_i * q) << (lo - lk) + (B_i << (s + lo - lb)), lo = max(lk, lb),
// as an AccW = 2*ParW + InW + 1 bit two's complement word, or with RQ_ENABLE the requantized
// InW-bit code requantize(acc, lo + s, (InW, s_o)) sign-extended to AccW bits; with the
// datapath options q'' = clamp(fold(q)) in place of q, the relative operand and the symmetry fix.
module gqalut_pwl_int #(
  parameter int InW        = 8,      // input code width k
  parameter int ParW       = InW,    // slope / intercept width W
  parameter int MaxEntries = 32,     // LUT depth
  parameter int Lanes      = 1,
  parameter bit Requant    = 1'b1,   // build the optional requantizer
  parameter bit Options    = 1'b1    // build the datapath options (symmetry, clamp, relative intercepts)
) (
  input  logic                            clk_i,
  input  logic                            rst_ni,
  input  logic                            in_valid_i,
  output logic                            in_ready_o,
  input  logic [Lanes*InW-1:0]            in_data_i,
  output logic                            out_valid_o,
  input  logic                            out_ready_i,
  output logic [Lanes*(2*ParW+InW+1)-1:0] out_data_o,
  input  logic                            cfg_we_i,
  input  logic [11:0]                     cfg_addr_i,
  input  logic [63:0]                     cfg_wdata_i,
  output logic                            idle_o,
  output logic                            cfg_err_o
);

  localparam int AccW     = 2 * ParW + InW + 1;
  localparam int NW       = $clog2(MaxEntries + 1);
  localparam int LW       = $clog2(ParW + 1);
  localparam int SW       = $clog2(InW);
  localparam int FW       = $clog2(2 * InW + 1) + 1;
  localparam int MaxScale = InW - 1;
  localparam int SbW      = $clog2(MaxScale + ParW + 1);
  localparam int RW       = $clog2(ParW + 2 * InW + 1) + 1;

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (InW < 2 || InW > 32) $fatal(1, "gqalut_pwl_int: InW must be 2..32");
    if (ParW < 2 || ParW > 32) $fatal(1, "gqalut_pwl_int: ParW must be 2..32");
    if (MaxEntries < 2 || MaxEntries > 256) $fatal(1, "gqalut_pwl_int: MaxEntries must be 2..256");
    if (Lanes < 1) $fatal(1, "gqalut_pwl_int: Lanes must be at least 1");
  end
`endif

  // Pipeline control.
  logic [3:0] ld;
  gqalut_pipe_ctrl #(
    .Depth(4)
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

  // Configuration registers.
  logic [3:0] hit, ok;
  logic       cfg_wr;
  gqalut_cfg_ctrl #(
    .NumBlocks(4)
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

  logic [NW-1:0]                    n_entries;
  logic [(MaxEntries-1)*(InW+1)-1:0] bp;
  logic [MaxEntries*ParW-1:0]       slope, icpt;
  gqalut_lut_regs #(
    .MaxEntries(MaxEntries),
    .BpW       (InW + 1),
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

  logic [SW-1:0]        scale;
  logic                 rq_en;
  logic signed [FW-1:0] rq_frac;
  gqalut_int_regs #(
    .InW    (InW),
    .Requant(Requant)
  ) u_int_regs (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .we_i     (cfg_wr & hit[2]),
    .addr_i   (cfg_addr_i),
    .wdata_i  (cfg_wdata_i),
    .hit_o    (hit[2]),
    .ok_o     (ok[2]),
    .scale_o  (scale),
    .rq_en_o  (rq_en),
    .rq_frac_o(rq_frac)
  );

  logic [2:0]            sym;
  logic signed [ParW-1:0] center;
  logic signed [InW:0]    clamp_lo, clamp_hi, origin;
  logic                   rel;
  gqalut_option_regs #(
    .InW    (InW),
    .ParW   (ParW),
    .Options(Options)
  ) u_option_regs (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .we_i      (cfg_wr & hit[3]),
    .addr_i    (cfg_addr_i),
    .wdata_i   (cfg_wdata_i),
    .hit_o     (hit[3]),
    .ok_o      (ok[3]),
    .sym_o     (sym),
    .center_o  (center),
    .clamp_lo_o(clamp_lo),
    .clamp_hi_o(clamp_hi),
    .rel_o     (rel),
    .origin_o  (origin)
  );

  // Shift amounts, fixed while elements are in flight (writes need an idle unit).
  logic [LW-1:0]        lambda_o, shift_p;
  logic [SbW-1:0]       shift_b;
  logic signed [RW-1:0] shift_r;
  assign lambda_o = (lambda_k > lambda_b) ? lambda_k : lambda_b;
  assign shift_p  = lambda_o - lambda_k;
  assign shift_b  = SbW'(scale) + SbW'(lambda_o) - SbW'(lambda_b);
  assign shift_r  = $signed(RW'(lambda_o)) + $signed(RW'(scale)) - RW'(rq_frac);

  for (genvar l = 0; l < Lanes; l++) begin : gen_lane
    gqalut_int_lane #(
      .InW       (InW),
      .InSigned  (1'b1),
      .ParW      (ParW),
      .MaxEntries(MaxEntries),
      .MaxScale  (MaxScale),
      .EW        (1),
      .RW        (RW),
      .RqOutW    (InW),
      .RqSigned  (1'b1),
      .RqAlways  (1'b0),
      .OutW      (AccW),
      .Options   (Options),
      .Addend    (1'b0),
      .AW        (1),
      .AShW      (1)
    ) u_lane (
      .clk_i      (clk_i),
      .rst_ni     (rst_ni),
      .ld_i       (ld),
      .x_i        (in_data_i[l*InW +: InW]),
      .e_i        (1'b0),
      .a_i        (1'b0),
      .z_i        (1'b0),
      .h_i        (1'b0),
      .n_i        (n_entries),
      .bp_i       (bp),
      .slope_i    (slope),
      .icpt_i     (icpt),
      .sp_i       (shift_p),
      .sb_i       (shift_b),
      .lo_i       (lambda_o),
      .sym_i      (sym),
      .center_i   (center),
      .clamp_lo_i (clamp_lo),
      .clamp_hi_i (clamp_hi),
      .rel_i      (rel),
      .origin_i   (origin),
      .a_en_i     (1'b0),
      .ash_i      (1'b0),
      .rq_en_i    (rq_en & Requant),
      .rq_signed_i(1'b1),
      .r_i        (shift_r),
      .out_o      (out_data_o[l*AccW +: AccW])
    );
  end

endmodule
