// Configuration write control (docs/pin-interface.md, "Configuration registers"): a write takes
// effect only while the unit is idle; an ignored write (busy, unmapped address, out-of-range
// value) sets the sticky cfg_err_o; any write to CLEAR_ERROR clears it, busy or not.
// Register blocks decode the address themselves: hit_i[b] says the address belongs to block b,
// ok_i[b] that block b accepts the value. Block b updates when wr_o && hit_i[b] && ok_i[b].
module gqalut_cfg_ctrl #(
  parameter int NumBlocks = 2
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  logic                 cfg_we_i,
  input  logic [11:0]          cfg_addr_i,
  input  logic                 idle_i,
  input  logic [NumBlocks-1:0] hit_i,
  input  logic [NumBlocks-1:0] ok_i,
  output logic                 wr_o,
  output logic                 cfg_err_o
);

  localparam logic [11:0] AddrClearError = 12'h006;

  logic clear, accepted, err_d, err_q;

  assign wr_o     = cfg_we_i & idle_i;
  assign clear    = cfg_we_i & (cfg_addr_i == AddrClearError);
  assign accepted = |(hit_i & ok_i);

  always_comb begin
    err_d = err_q;
    if (clear) begin
      err_d = 1'b0;
    end else if (cfg_we_i && (!idle_i || !accepted)) begin
      err_d = 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      err_q <= 1'b0;
    end else begin
      err_q <= err_d;
    end
  end

  assign cfg_err_o = err_q;

endmodule
