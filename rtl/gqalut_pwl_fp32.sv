// LUT-based pwl unit, FP32 datapath (docs/numeric-definition.md §5, docs/pin-interface.md): Lanes lanes sharing one
// handshake and one LUT, latency 3 (input register, compare, LUT read + fmul, fadd into the
// output register). Output word per lane: the binary32 bits of fadd(fmul(k_i, x), b_i).
module gqalut_pwl_fp32 #(
  parameter int MaxEntries = 32,
  parameter int Lanes      = 1
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  logic                  in_valid_i,
  output logic                  in_ready_o,
  input  logic [Lanes*32-1:0]   in_data_i,
  output logic                  out_valid_o,
  input  logic                  out_ready_i,
  output logic [Lanes*32-1:0]   out_data_o,
  input  logic                  cfg_we_i,
  input  logic [11:0]           cfg_addr_i,
  input  logic [63:0]           cfg_wdata_i,
  output logic                  idle_o,
  output logic                  cfg_err_o
);

  localparam int NW = $clog2(MaxEntries + 1);

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (MaxEntries < 2 || MaxEntries > 256) $fatal(1, "gqalut_pwl_fp32: MaxEntries must be 2..256");
    if (Lanes < 1) $fatal(1, "gqalut_pwl_fp32: Lanes must be at least 1");
  end
`endif

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

  logic hit, ok, cfg_wr;
  gqalut_cfg_ctrl #(
    .NumBlocks(1)
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

  logic [NW-1:0]                n_entries;
  logic [(MaxEntries-1)*32-1:0] bp;
  logic [MaxEntries*32-1:0]     slope, icpt;
  gqalut_lut_regs #(
    .MaxEntries(MaxEntries),
    .BpW       (32),
    .ParW      (32)
  ) u_lut_regs (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .we_i   (cfg_wr & hit),
    .addr_i (cfg_addr_i),
    .wdata_i(cfg_wdata_i),
    .hit_o  (hit),
    .ok_o   (ok),
    .n_o    (n_entries),
    .bp_o   (bp),
    .slope_o(slope),
    .icpt_o (icpt)
  );

  for (genvar l = 0; l < Lanes; l++) begin : gen_lane
    gqalut_fp32_lane #(
      .MaxEntries(MaxEntries)
    ) u_lane (
      .clk_i  (clk_i),
      .rst_ni (rst_ni),
      .ld_i   (ld),
      .x_i    (in_data_i[l*32 +: 32]),
      .n_i    (n_entries),
      .bp_i   (bp),
      .slope_i(slope),
      .icpt_i (icpt),
      .out_o  (out_data_o[l*32 +: 32])
    );
  end

endmodule
