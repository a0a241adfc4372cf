// Multi-range scaler registers (docs/pin-interface.md): FUNC (0x010, bit 0: 0 DIV, 1 RSQRT),
// PRESET (0x011, bit 0: 0 sub-range comparators, 1 normalize), IN_FRAC (0x012, 0..InW),
// OUT_FRAC (0x013, 0..32), SR_LO[i] (0x020+i, InW+1-bit unsigned code, 2^InW and above never
// fires), SR_SHIFT[i] (0x028+i, signed -InW..InW), i < 4.
// REDUCE (0x014, 0..3: none, EXP2, LOG2, EXP; numeric-definition.md §12).
// OCTAVE (0x015, bit 0: RSQRT normalize over one octave, §6).
// Reset: DIV, sub-range comparators, IN_FRAC = min(16, InW), OUT_FRAC = 24, SR_LO = 2^InW
// (never), SR_SHIFT = 0, REDUCE = 0, OCTAVE = 0. Built with Reduce = 0 (no range reduction)
// REDUCE accepts 0 only; with Octave = 0 (no constant multiplier) OCTAVE accepts 0 only.
module gqalut_scaler_regs #(
  parameter int InW    = 32,
  parameter bit Reduce = 1'b1,
  parameter bit Octave = 1'b1
) (
  input  logic                                clk_i,
  input  logic                                rst_ni,
  input  logic                                we_i,
  input  logic [11:0]                         addr_i,
  input  logic [63:0]                         wdata_i,
  output logic                                hit_o,
  output logic                                ok_o,
  output logic                                func_o,      // 1: RSQRT
  output logic                                preset_o,    // 1: normalize
  output logic [$clog2(InW+1)-1:0]            in_frac_o,
  output logic [5:0]                          out_frac_o,
  output logic [4*(InW+1)-1:0]                sr_lo_o,
  output logic [4*($clog2(InW+1)+1)-1:0]      sr_shift_o,  // signed, per sub-range
  output logic [1:0]                          reduce_o,
  output logic                                octave_o
);

  localparam int NumSr = 4;
  localparam int IfW   = $clog2(InW + 1);
  localparam int ShW   = $clog2(InW + 1) + 1;
  localparam int InFracReset = InW < 16 ? InW : 16;
  // Range of SR_SHIFT as 64-bit constants. (Yosys 0.23 mis-sizes `-64'(InW)`; a negative int
  // localparam cast to 64 bits reads the same in every tool.)
  localparam int NegInW = -InW;
  localparam logic signed [63:0] ShiftMin = 64'(NegInW);
  localparam logic signed [63:0] ShiftMax = 64'(InW);

  logic sel_func, sel_preset, sel_in, sel_out, sel_red, sel_oct, sel_lo, sel_sh, wr;
  logic [1:0] sr;
  logic signed [63:0] value;

  assign value      = $signed(wdata_i);
  assign sr         = addr_i[1:0];
  assign sel_func   = addr_i == 12'h010;
  assign sel_preset = addr_i == 12'h011;
  assign sel_in     = addr_i == 12'h012;
  assign sel_out    = addr_i == 12'h013;
  assign sel_red    = addr_i == 12'h014;
  assign sel_oct    = addr_i == 12'h015;
  assign sel_lo     = addr_i[11:2] == 10'b0000_0010_00;   // 0x020..0x023
  assign sel_sh     = addr_i[11:2] == 10'b0000_0010_10;   // 0x028..0x02B
  assign hit_o      = sel_func | sel_preset | sel_in | sel_out | sel_red | sel_oct | sel_lo | sel_sh;
  always_comb begin
    ok_o = 1'b1;
    if (sel_in) ok_o = wdata_i <= 64'(InW);
    if (sel_out) ok_o = wdata_i <= 64'd32;
    if (sel_sh) ok_o = (value >= ShiftMin) && (value <= ShiftMax);
    if (sel_red) ok_o = Reduce ? wdata_i <= 64'd3 : wdata_i == 64'd0;
    if (sel_oct) ok_o = Octave || !wdata_i[0];
  end
  assign wr = we_i & ok_o;

  logic           func_q, preset_q;
  logic [IfW-1:0] in_frac_q;
  logic [5:0]     out_frac_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      func_q     <= 1'b0;
      preset_q   <= 1'b0;
      in_frac_q  <= IfW'(InFracReset);
      out_frac_q <= 6'd24;
    end else begin
      if (wr && sel_func) func_q <= wdata_i[0];
      if (wr && sel_preset) preset_q <= wdata_i[0];
      if (wr && sel_in) in_frac_q <= wdata_i[IfW-1:0];
      if (wr && sel_out) out_frac_q <= wdata_i[5:0];
    end
  end
  assign func_o     = func_q;
  assign preset_o   = preset_q;
  assign in_frac_o  = in_frac_q;
  assign out_frac_o = out_frac_q;

  if (Reduce) begin : gen_reduce
    logic [1:0] reduce_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        reduce_q <= '0;
      end else if (wr && sel_red) begin
        reduce_q <= wdata_i[1:0];
      end
    end
    assign reduce_o = reduce_q;
  end else begin : gen_no_reduce
    assign reduce_o = '0;
  end

  if (Octave) begin : gen_octave
    logic octave_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        octave_q <= 1'b0;
      end else if (wr && sel_oct) begin
        octave_q <= wdata_i[0];
      end
    end
    assign octave_o = octave_q;
  end else begin : gen_no_octave
    assign octave_o = 1'b0;
  end

  for (genvar i = 0; i < NumSr; i++) begin : gen_sr
    logic [InW:0]   lo_q;
    logic [ShW-1:0] shift_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        lo_q    <= {1'b1, {InW{1'b0}}};
        shift_q <= '0;
      end else begin
        if (wr && sel_lo && (sr == 2'(i))) lo_q <= wdata_i[InW:0];
        if (wr && sel_sh && (sr == 2'(i))) shift_q <= wdata_i[ShW-1:0];
      end
    end
    assign sr_lo_o[i*(InW+1) +: InW+1] = lo_q;
    assign sr_shift_o[i*ShW +: ShW]    = shift_q;
  end

endmodule
