// Stand-in for rtl/gqalut_int_lane.sv in the stream proof (same name, parameters and ports):
// the lane's four stage registers with the RTL's load enables (ld_i[k]) and reset, carrying
// the input code x unchanged instead of computing on it; the output word is x zero-extended.
// The stream proof so follows every element through the real pipeline control and
// configuration logic by its code (a tag). What the real lane computes from x and the
// configuration is the datapath miter's subject; that the real lane's stage registers load
// and reset exactly like these is the lane stage lemma (gqalut_formal_int_lane_stages.sv).
module gqalut_int_lane #(
  parameter int InW        = 8,
  parameter bit InSigned   = 1'b1,
  parameter int ParW       = 8,
  parameter int MaxEntries = 32,
  parameter int MaxScale   = 7,
  parameter int EW         = 1,
  parameter int RW         = 6,
  parameter int RqOutW     = 8,
  parameter bit RqSigned   = 1'b1,
  parameter bit RqAlways   = 1'b0,
  parameter int OutW       = 25,
  parameter bit Options    = 1'b0,
  parameter bit Addend     = 1'b0,
  parameter int AW         = 1,
  parameter int AShW       = 1,
  parameter bit HalfSqrt   = 1'b0
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
  input  logic [$clog2(ParW+1)-1:0]       sp_i,
  input  logic [$clog2(MaxScale+ParW+1)-1:0] sb_i,
  input  logic [$clog2(ParW+1)-1:0]       lo_i,
  input  logic [2:0]                      sym_i,
  input  logic signed [ParW-1:0]          center_i,
  input  logic signed [InW:0]             clamp_lo_i,
  input  logic signed [InW:0]             clamp_hi_i,
  input  logic                            rel_i,
  input  logic signed [InW:0]             origin_i,
  input  logic                            a_en_i,
  input  logic [AShW-1:0]                 ash_i,
  input  logic                            rq_en_i,
  input  logic                            rq_signed_i,
  input  logic signed [RW-1:0]            r_i,
  output logic [OutW-1:0]                 out_o
);

  logic [InW-1:0]  x0_q, x1_q, x2_q;
  logic [OutW-1:0] out_q;
  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      x0_q  <= '0;
      x1_q  <= '0;
      x2_q  <= '0;
      out_q <= '0;
    end else begin
      if (ld_i[0]) x0_q <= x_i;
      if (ld_i[1]) x1_q <= x0_q;
      if (ld_i[2]) x2_q <= x1_q;
      if (ld_i[3]) out_q <= OutW'(x2_q);
    end
  end
  assign out_o = out_q;

  // Kept: the configuration the real lane reads stays in the netlist (the proof reads it).
  (* keep *) logic unused;
  assign unused = ^{e_i, a_i, z_i, h_i, n_i, bp_i, slope_i, icpt_i, sp_i, sb_i, lo_i, sym_i, center_i, clamp_lo_i,
                    clamp_hi_i, rel_i, origin_i, a_en_i, ash_i, rq_en_i, rq_signed_i, r_i};

endmodule
