// Lane stage lemma: the real INT lane (rtl/gqalut_int_lane.sv, as gqalut_pwl_int builds it)
// is a pipeline of four register stages S0..S3 that load and reset like the stand-in lane of
// the stream proof (standin/gqalut_int_lane.sv):
//   - a reset sets every stage register to 0;
//   - without ld_i[k], stage k holds; with ld_i[0], S0 takes the lane's inputs;
//   - with ld_i[k], stage k takes a function of stage k-1 and of the configuration inputs of
//     that cycle, nothing else: formal.py checks this on the netlist (the fan-in cone of each
//     register with ld_i[k] = 1 and no reset, up to the registers before it).
// This proof covers the first two for every state and input of one rising edge, so for every
// cycle of any run. The products and the requantizer are uninterpreted functions (the datapath
// proofs' subject): the lemma holds for any function in their place, the real ones included.
//
// The wires x0_q .. usec2_q (connected by formal.py) read the lane's registers; formal.py also checks
// that the lane has no register the stages leave out.
module gqalut_formal_int_lane_stages #(
  parameter int InW        = 8,
  parameter int ParW       = InW,
  parameter int MaxEntries = 2,
  parameter bit Options    = 1'b1
) (
  input logic clk_i
);

  `include "gqalut_formal_int_widths.svh"
  localparam int SbW   = $clog2(InW - 1 + ParW + 1);
  localparam int RW    = $clog2(ParW + 2 * InW + 1) + 1;
  localparam int IdxW  = $clog2(MaxEntries);
  localparam int XoW   = InW + 1;
  localparam int ProdW = ParW + XoW;
  localparam int BshW  = ParW + InW - 1 + ParW;
  // Stage widths: S0 x, e; S1 x, segment, e, operand; S2 product, intercept, e, addend, inv,
  // use_c; S3 the output word. (The lane's a and z registers exist only with Addend.)
  localparam int S0W = InW + 1;
  localparam int S1W = InW + IdxW + 1 + XoW;
  localparam int S2W = ProdW + BshW + 1 + InW + 2;
  localparam int S3W = AccW;

  (* anyseq *) logic                             rst_n, z, rq_en, rel;
  (* anyseq *) logic signed                      a, e;
  (* anyseq *) logic [3:0]                       ld;
  (* anyseq *) logic [InW-1:0]                   x;
  (* anyseq *) logic [NW-1:0]                    n;
  (* anyseq *) logic [(MaxEntries-1)*(InW+1)-1:0] bp;
  (* anyseq *) logic [MaxEntries*ParW-1:0]       slope, icpt;
  (* anyseq *) logic [LW-1:0]                    sp, lo;
  (* anyseq *) logic [SbW-1:0]                   sb;
  (* anyseq *) logic [2:0]                       sym;
  (* anyseq *) logic signed [ParW-1:0]           center;
  (* anyseq *) logic signed [InW:0]              clamp_lo, clamp_hi, origin;
  (* anyseq *) logic signed [RW-1:0]             r;

  logic [AccW-1:0] out;
  gqalut_int_lane #(
    .InW       (InW),
    .InSigned  (1'b1),
    .ParW      (ParW),
    .MaxEntries(MaxEntries),
    .MaxScale  (InW - 1),
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
    .rst_ni     (rst_n),
    .ld_i       (ld),
    .x_i        (x),
    .e_i        (e),
    .a_i        (a),
    .z_i        (z),
    .h_i        (1'b0),
    .n_i        (n),
    .bp_i       (bp),
    .slope_i    (slope),
    .icpt_i     (icpt),
    .sp_i       (sp),
    .sb_i       (sb),
    .lo_i       (lo),
    .sym_i      (sym),
    .center_i   (center),
    .clamp_lo_i (clamp_lo),
    .clamp_hi_i (clamp_hi),
    .rel_i      (rel),
    .origin_i   (origin),
    .a_en_i     (1'b0),
    .ash_i      (1'b0),
    .rq_en_i    (rq_en),
    .rq_signed_i(1'b1),
    .r_i        (r),
    .out_o      (out)
  );

  // The lane's registers and its stages.
  (* keep *) logic [InW-1:0]   x0_q, x1_q, av2_q;
  (* keep *) logic             e0_q, e1_q, e2_q, inv2_q, usec2_q;
  (* keep *) logic [IdxW-1:0]  idx1_q;
  (* keep *) logic [XoW-1:0]   op1_q;
  (* keep *) logic [ProdW-1:0] prod2_q;
  (* keep *) logic [BshW-1:0]  icpt2_q;
  logic [S0W-1:0] s0;
  logic [S1W-1:0] s1;
  logic [S2W-1:0] s2;
  logic [S3W-1:0] s3;
  assign s0 = {x0_q, e0_q};
  assign s1 = {x1_q, idx1_q, e1_q, op1_q};
  assign s2 = {prod2_q, icpt2_q, e2_q, av2_q, inv2_q, usec2_q};
  assign s3 = out;

  // Before the edge: the stages and the inputs.
  logic           p_valid = 1'b0;
  logic           p_rst_n;
  logic [3:0]     p_ld;
  logic [S0W-1:0] p_s0, p_in;
  logic [S1W-1:0] p_s1;
  logic [S2W-1:0] p_s2;
  logic [S3W-1:0] p_s3;
  always_ff @(posedge clk_i) begin
    p_valid <= 1'b1;
    p_rst_n <= rst_n;
    p_ld    <= ld;
    p_in    <= {x, e};
    p_s0    <= s0;
    p_s1    <= s1;
    p_s2    <= s2;
    p_s3    <= s3;
  end

  always_comb begin
    if (p_valid) begin
      if (!p_rst_n) begin
        assert ((s0 == '0) && (s1 == '0) && (s2 == '0) && (s3 == '0));
      end else begin
        if (!p_ld[0]) assert (s0 == p_s0);
        if (!p_ld[1]) assert (s1 == p_s1);
        if (!p_ld[2]) assert (s2 == p_s2);
        if (!p_ld[3]) assert (s3 == p_s3);
        if (p_ld[0]) assert (s0 == p_in);
      end
    end
  end

endmodule
