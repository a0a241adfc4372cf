// Fraction-bit registers of the INT datapath: LAMBDA_K (0x002) and LAMBDA_B (0x003), each
// 0..ParW (other values are rejected), reset ParW-2.
module gqalut_lambda_regs #(
  parameter int ParW = 8
) (
  input  logic                      clk_i,
  input  logic                      rst_ni,
  input  logic                      we_i,
  input  logic [11:0]               addr_i,
  input  logic [63:0]               wdata_i,
  output logic                      hit_o,
  output logic                      ok_o,
  output logic [$clog2(ParW+1)-1:0] lambda_k_o,
  output logic [$clog2(ParW+1)-1:0] lambda_b_o
);

  localparam int LW = $clog2(ParW + 1);

  logic sel_k, sel_b, wr;
  assign sel_k = addr_i == 12'h002;
  assign sel_b = addr_i == 12'h003;
  assign hit_o = sel_k | sel_b;
  assign ok_o  = wdata_i <= 64'(ParW);
  assign wr    = we_i & ok_o;

  logic [LW-1:0] lambda_k_q, lambda_b_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      lambda_k_q <= LW'(ParW - 2);
      lambda_b_q <= LW'(ParW - 2);
    end else begin
      if (wr && sel_k) lambda_k_q <= wdata_i[LW-1:0];
      if (wr && sel_b) lambda_b_q <= wdata_i[LW-1:0];
    end
  end
  assign lambda_k_o = lambda_k_q;
  assign lambda_b_o = lambda_b_q;

endmodule
