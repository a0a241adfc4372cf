// INT datapath option registers (docs/pin-interface.md, numeric-definition.md §8-§10):
// SYMMETRY (0x008, 0..4), CENTER (0x009, ParW-bit code), CLAMP_LO (0x00A) and CLAMP_HI (0x00B)
// (InW+1-bit codes), ICPT_MODE (0x00C, bit 0), ORIGIN (0x00D, InW+1-bit code).
// Reset: no symmetry, CENTER 0, CLAMP_LO = -2^InW and CLAMP_HI = 2^InW - 1 (never clamp),
// absolute intercepts, ORIGIN 0. Built with Options = 0 (the unit without the options) the
// registers are their reset values and only writes of those values are accepted.
module gqalut_option_regs #(
  parameter int InW     = 8,
  parameter int ParW    = 8,
  parameter bit Options = 1'b1
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  logic                   we_i,
  input  logic [11:0]            addr_i,
  input  logic [63:0]            wdata_i,
  output logic                   hit_o,
  output logic                   ok_o,
  output logic [2:0]             sym_o,
  output logic signed [ParW-1:0] center_o,
  output logic signed [InW:0]    clamp_lo_o,
  output logic signed [InW:0]    clamp_hi_o,
  output logic                   rel_o,
  output logic signed [InW:0]    origin_o
);

  localparam logic [InW:0] ClampLoReset = {1'b1, {InW{1'b0}}};
  localparam logic [InW:0] ClampHiReset = {1'b0, {InW{1'b1}}};

  logic sel_sym, sel_c, sel_lo, sel_hi, sel_rel, sel_org, wr;
  assign sel_sym = addr_i == 12'h008;
  assign sel_c   = addr_i == 12'h009;
  assign sel_lo  = addr_i == 12'h00A;
  assign sel_hi  = addr_i == 12'h00B;
  assign sel_rel = addr_i == 12'h00C;
  assign sel_org = addr_i == 12'h00D;
  assign hit_o   = sel_sym | sel_c | sel_lo | sel_hi | sel_rel | sel_org;

  always_comb begin
    ok_o = 1'b1;
    if (Options) begin
      if (sel_sym) ok_o = wdata_i <= 64'd4;
    end else begin
      // Without the options: only the reset values (as the register would take them).
      if (sel_sym) ok_o = wdata_i == 64'd0;
      if (sel_c) ok_o = wdata_i[ParW-1:0] == '0;
      if (sel_lo) ok_o = wdata_i[InW:0] == ClampLoReset;
      if (sel_hi) ok_o = wdata_i[InW:0] == ClampHiReset;
      if (sel_rel) ok_o = ~wdata_i[0];
      if (sel_org) ok_o = wdata_i[InW:0] == '0;
    end
  end
  assign wr = we_i & ok_o;

  if (Options) begin : gen_regs
    logic [2:0]      sym_q;
    logic [ParW-1:0] center_q;
    logic [InW:0]    lo_q, hi_q, origin_q;
    logic            rel_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        sym_q    <= '0;
        center_q <= '0;
        lo_q     <= ClampLoReset;
        hi_q     <= ClampHiReset;
        rel_q    <= 1'b0;
        origin_q <= '0;
      end else begin
        if (wr && sel_sym) sym_q <= wdata_i[2:0];
        if (wr && sel_c) center_q <= wdata_i[ParW-1:0];
        if (wr && sel_lo) lo_q <= wdata_i[InW:0];
        if (wr && sel_hi) hi_q <= wdata_i[InW:0];
        if (wr && sel_rel) rel_q <= wdata_i[0];
        if (wr && sel_org) origin_q <= wdata_i[InW:0];
      end
    end
    assign sym_o      = sym_q;
    assign center_o   = $signed(center_q);
    assign clamp_lo_o = $signed(lo_q);
    assign clamp_hi_o = $signed(hi_q);
    assign rel_o      = rel_q;
    assign origin_o   = $signed(origin_q);
  end else begin : gen_reset_values
    assign sym_o      = '0;
    assign center_o   = '0;
    assign clamp_lo_o = $signed(ClampLoReset);
    assign clamp_hi_o = $signed(ClampHiReset);
    assign rel_o      = 1'b0;
    assign origin_o   = '0;
    logic unused_inputs;
    assign unused_inputs = ^{clk_i, rst_ni, wr};
  end

endmodule
