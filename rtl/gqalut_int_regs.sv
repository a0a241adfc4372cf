// INT unit control registers: SCALE (0x001, 0..InW-1), RQ_ENABLE (0x004, bit 0; must be 0
// when the unit is built without the requantizer), RQ_FRAC (0x005, signed -InW..2*InW).
// Reset: s = 0, requantizer off, s_o = 0.
module gqalut_int_regs #(
  parameter int InW     = 8,
  parameter bit Requant = 1'b1
) (
  input  logic                                clk_i,
  input  logic                                rst_ni,
  input  logic                                we_i,
  input  logic [11:0]                         addr_i,
  input  logic [63:0]                         wdata_i,
  output logic                                hit_o,
  output logic                                ok_o,
  output logic [$clog2(InW)-1:0]              scale_o,
  output logic                                rq_en_o,
  output logic signed [$clog2(2*InW+1):0]     rq_frac_o
);

  localparam int SW = $clog2(InW);
  localparam int FW = $clog2(2 * InW + 1) + 1;
  // Range of RQ_FRAC as 64-bit constants. (Yosys 0.23 mis-sizes `-64'(InW)`; a negative int
  // localparam cast to 64 bits reads the same in every tool.)
  localparam int NegInW = -InW;
  localparam logic signed [63:0] FracMin = 64'(NegInW);
  localparam logic signed [63:0] FracMax = 64'(2 * InW);

  logic sel_s, sel_en, sel_fr, wr, en_bit;
  logic signed [63:0] value;

  assign value  = $signed(wdata_i);
  assign sel_s  = addr_i == 12'h001;
  assign sel_en = addr_i == 12'h004;
  assign sel_fr = addr_i == 12'h005;
  assign hit_o  = sel_s | sel_en | sel_fr;
  assign en_bit = wdata_i[0];
  always_comb begin
    ok_o = 1'b1;
    if (sel_s) ok_o = wdata_i < 64'(InW);
    if (sel_en) ok_o = Requant | ~en_bit;
    if (sel_fr) ok_o = (value >= FracMin) && (value <= FracMax);
  end
  assign wr = we_i & ok_o;

  logic [SW-1:0]        scale_q;
  logic                 rq_en_q;
  logic signed [FW-1:0] rq_frac_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      scale_q   <= '0;
      rq_en_q   <= 1'b0;
      rq_frac_q <= '0;
    end else begin
      if (wr && sel_s) scale_q <= wdata_i[SW-1:0];
      if (wr && sel_en) rq_en_q <= wdata_i[0];
      if (wr && sel_fr) rq_frac_q <= $signed(wdata_i[FW-1:0]);
    end
  end
  assign scale_o   = scale_q;
  assign rq_en_o   = rq_en_q;
  assign rq_frac_o = rq_frac_q;

endmodule
