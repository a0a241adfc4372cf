// LUT register file: N_ENTRIES (0x000), BP[j] (0x100+j, j < MaxEntries-1), SLOPE[i] (0x200+i)
// and ICPT[i] (0x300+i, i < MaxEntries). Codes are taken from the low bits of the write data;
// N must lie in 1..MaxEntries. Reset: N = 1, every code 0.
module gqalut_lut_regs #(
  parameter int MaxEntries = 32,
  parameter int BpW        = 9,   // breakpoint register width
  parameter int ParW       = 8    // slope / intercept register width
) (
  input  logic                            clk_i,
  input  logic                            rst_ni,
  input  logic                            we_i,      // accepted write (unit idle)
  input  logic [11:0]                     addr_i,
  input  logic [63:0]                     wdata_i,
  output logic                            hit_o,     // address mapped here
  output logic                            ok_o,      // value in range
  output logic [$clog2(MaxEntries+1)-1:0] n_o,
  output logic [(MaxEntries-1)*BpW-1:0]   bp_o,
  output logic [MaxEntries*ParW-1:0]      slope_o,
  output logic [MaxEntries*ParW-1:0]      icpt_o
);

  localparam int NW    = $clog2(MaxEntries + 1);
  localparam int NumBp = MaxEntries - 1;

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (MaxEntries < 2 || MaxEntries > 256) $fatal(1, "gqalut_lut_regs: MaxEntries must be 2..256");
    if (BpW < 2 || BpW > 64) $fatal(1, "gqalut_lut_regs: BpW must be 2..64");
    if (ParW < 2 || ParW > 64) $fatal(1, "gqalut_lut_regs: ParW must be 2..64");
  end
`endif

  logic [7:0] idx;
  logic       sel_n, sel_bp, sel_k, sel_b, wr;

  assign idx    = addr_i[7:0];
  assign sel_n  = addr_i == 12'h000;
  assign sel_bp = (addr_i[11:8] == 4'h1) && ({24'b0, idx} < NumBp);
  assign sel_k  = (addr_i[11:8] == 4'h2) && ({24'b0, idx} < MaxEntries);
  assign sel_b  = (addr_i[11:8] == 4'h3) && ({24'b0, idx} < MaxEntries);
  assign hit_o  = sel_n | sel_bp | sel_k | sel_b;
  assign ok_o   = ~sel_n | ((wdata_i != 64'd0) && (wdata_i <= 64'(MaxEntries)));
  assign wr     = we_i & ok_o;

  logic [NW-1:0] n_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      n_q <= NW'(1);
    end else if (wr && sel_n) begin
      n_q <= NW'(wdata_i);
    end
  end
  assign n_o = n_q;

  for (genvar j = 0; j < NumBp; j++) begin : gen_bp
    logic [BpW-1:0] bp_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        bp_q <= '0;
      end else if (wr && sel_bp && (idx == 8'(j))) begin
        bp_q <= wdata_i[BpW-1:0];
      end
    end
    assign bp_o[j*BpW +: BpW] = bp_q;
  end

  for (genvar i = 0; i < MaxEntries; i++) begin : gen_entry
    logic [ParW-1:0] slope_q, icpt_q;
    always_ff @(posedge clk_i) begin
      if (!rst_ni) begin
        slope_q <= '0;
        icpt_q  <= '0;
      end else begin
        if (wr && sel_k && (idx == 8'(i))) slope_q <= wdata_i[ParW-1:0];
        if (wr && sel_b && (idx == 8'(i))) icpt_q <= wdata_i[ParW-1:0];
      end
    end
    assign slope_o[i*ParW +: ParW] = slope_q;
    assign icpt_o[i*ParW +: ParW]  = icpt_q;
  end

endmodule
