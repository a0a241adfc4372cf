// Datapath miter of the INT unit: gqalut_pwl_int against gqalut_ref_int for every input code
// and every legal register content.
//
// The unit starts in an arbitrary state (no reset: every register, the configuration
// registers included, holds any value at step 0), takes one arbitrary input vector every
// cycle, is never stalled and gets no configuration write. After four rising edges every
// pipeline register holds data derived from the input vector x, so the output word of each
// lane must equal the reference's word for x and the register contents. The register
// contents are read from the unit (the peek_* wires, connected to the unit's registers by
// rtl/formal/formal.py) and assumed only to lie in the ranges the unit's write checks
// enforce (gqalut_formal_int_legal; the stream proof proves the registers never leave them).
// Resets, stalls, bubbles and writes are the stream proof's subject.
module gqalut_formal_int_datapath #(
  parameter int InW         = 8,
  parameter int ParW        = InW,
  parameter int MaxEntries  = 32,
  parameter int Lanes       = 1,
  parameter bit Options     = 1'b1,   // the RTL has the datapath options (formal.py decides)
  // Case split (formal.py): each proof assumes one case, the cases of a split cover every legal
  // register content and input. -1: no restriction.
  parameter int Sym         = -1,     // SYMMETRY is Sym
  parameter int Rel         = -1,     // ICPT_MODE is Rel
  parameter int Clamp       = -1      // 0: L <= q' <= H, 1: q' < L, 2: L <= q' and q' > H
) (
  input logic clk_i
);

  localparam int AccW = 2 * ParW + InW + 1;
  localparam int NW   = $clog2(MaxEntries + 1);
  localparam int LW   = $clog2(ParW + 1);
  localparam int SW   = $clog2(InW);
  localparam int FW   = $clog2(2 * InW + 1) + 1;
  localparam int IdxW = $clog2(MaxEntries);
  localparam int OpW  = Options ? InW + 1 : InW;      // the lane's MAC operand
  localparam int ProdW = ParW + OpW;
  localparam int BshW = 2 * ParW + InW - 1;           // the intercept after its shift
  localparam int AvW  = Options ? InW : 1;            // the shifted fix's addend
  localparam int LAccW = (ProdW + ParW > BshW ? ProdW + ParW : BshW) + 1;   // the lane's acc
  localparam int YW   = Options ? LAccW + 1 : LAccW;  // the lane's y
  localparam int BigW = AccW + 4;                     // the reference's acc and y

  (* anyconst *) logic [Lanes*InW-1:0] x;

  logic                    in_ready, out_valid, idle, cfg_err;
  logic [Lanes*AccW-1:0]   out_data;
  gqalut_pwl_int #(
    .InW       (InW),
    .ParW      (ParW),
    .MaxEntries(MaxEntries),
    .Lanes     (Lanes)
  ) u_dut (
    .clk_i      (clk_i),
    .rst_ni     (1'b1),
    .in_valid_i (1'b1),
    .in_ready_o (in_ready),
    .in_data_i  (x),
    .out_valid_o(out_valid),
    .out_ready_i(1'b1),
    .out_data_o (out_data),
    .cfg_we_i   (1'b0),
    .cfg_addr_i (12'd0),
    .cfg_wdata_i(64'd0),
    .idle_o     (idle),
    .cfg_err_o  (cfg_err)
  );

  `include "gqalut_formal_int_peek.svh"

  // The lanes' stage registers (connected by formal.py), for the stage lemmas below.
  (* keep *) logic [Lanes*InW-1:0]   peek_x1;
  (* keep *) logic [Lanes*IdxW-1:0]  peek_idx1;
  (* keep *) logic [Lanes*OpW-1:0]   peek_op1;
  (* keep *) logic [Lanes*ProdW-1:0] peek_prod2;
  (* keep *) logic [Lanes*BshW-1:0]  peek_icpt2;
  (* keep *) logic [Lanes-1:0]       peek_inv2, peek_usec2;
  (* keep *) logic [Lanes*AvW-1:0]   peek_av2;
  (* keep *) logic [Lanes*LAccW-1:0] peek_acc;
  (* keep *) logic [Lanes*YW-1:0]    peek_y;

  gqalut_formal_int_legal #(
    .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Requant(1'b1), .Options(Options), .Assume(1'b1)
  ) u_legal (
    .en_i      (1'b1),
    .n_i       (peek_n),
    .lambda_k_i(peek_lambda_k),
    .lambda_b_i(peek_lambda_b),
    .scale_i   (peek_scale),
    .rq_en_i   (peek_rq_en),
    .rq_frac_i (peek_rq_frac),
    .sym_i     (opt_sym)
  );

  // The case of this proof. q' is the folded input of lane 0 (§8), as the clamp sees it.
  logic signed [InW:0] q_ext, q_fold;
  assign q_ext  = $signed(x[InW-1:0]);
  assign q_fold = (opt_sym != 3'd0 && x[InW-1]) ? -q_ext : q_ext;
  always_comb begin
    if (Sym >= 0) assume (opt_sym == 3'(Sym));
    if (Rel >= 0) assume (opt_rel == 1'(Rel));
    case (Clamp)
      0: assume ($signed(opt_clamp_lo) <= q_fold && q_fold <= $signed(opt_clamp_hi));
      1: assume (q_fold < $signed(opt_clamp_lo));
      2: assume ($signed(opt_clamp_lo) <= q_fold && q_fold > $signed(opt_clamp_hi));
      default: ;
    endcase
  end

  // Rising edges since step 0 (saturating at 6). The unit is never stalled and x is the same
  // in every cycle, so from edge k on stage k holds x's data.
  logic [2:0] edges = 3'd0;
  always_ff @(posedge clk_i) if (edges != 3'd6) edges <= edges + 3'd1;

  for (genvar l = 0; l < Lanes; l++) begin : gen_lane
    logic [AccW-1:0]               want;
    logic [15:0]                   seg;
    logic [InW:0]                  op;
    logic signed [ParW+InW:0]      prod;
    logic signed [AccW-1:0]        icpt_sh;
    logic signed [BigW-1:0]        acc, y;
    logic                          neg;
    logic [InW-1:0]                q;
    assign q   = x[l*InW +: InW];
    assign neg = opt_sym != 3'd0 && q[InW-1];
    gqalut_ref_int #(
      .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Options(Options)
    ) u_ref (
      .q_i       (q),
      .n_i       (16'(peek_n)),
      .bp_i      (peek_bp),
      .slope_i   (peek_slope),
      .icpt_i    (peek_icpt),
      .lambda_k_i(8'(peek_lambda_k)),
      .lambda_b_i(8'(peek_lambda_b)),
      .scale_i   (8'(peek_scale)),
      .rq_en_i   (peek_rq_en),
      .rq_frac_i (8'(peek_rq_frac)),
      .sym_i     (opt_sym),
      .center_i  (opt_center),
      .clamp_lo_i(opt_clamp_lo),
      .clamp_hi_i(opt_clamp_hi),
      .rel_i     (opt_rel),
      .origin_i  (opt_origin),
      .word_o    (want),
      .y_fits_o  (),
      .seg_o     (seg),
      .op_o      (op),
      .prod_o    (prod),
      .icpt_sh_o (icpt_sh),
      .acc_o     (acc),
      .y_o       (y)
    );
    // Stage lemmas: each stage's registers hold the reference's intermediate values (the
    // operand q'', the segment, the product, the shifted intercept, which fix of §8 applies),
    // then the last stage's acc and y (one step each, as the stage-2 registers keep x's data).
    // Proven at their step, they are assumed at the later steps (yosys-smtbmc), which lets the
    // solver match the two sides piece by piece; the output assertion is the proof's claim.
    always_comb begin
      if (edges == 3'd2) begin
        assert (peek_x1[l*InW +: InW] == q);
        assert (16'(peek_idx1[l*IdxW +: IdxW]) == seg);
        if (Options) assert (peek_op1[l*OpW +: OpW] == op);
      end
      if (edges == 3'd3) begin
        assert ((ParW + InW + 1)'($signed(peek_prod2[l*ProdW +: ProdW])) == prod);
        assert (AccW'($signed(peek_icpt2[l*BshW +: BshW])) == icpt_sh);
        if (Options) begin
          assert (peek_inv2[l] == (neg && (opt_sym == 3'd1 || opt_sym == 3'd3)));
          assert (peek_usec2[l] == (neg && opt_sym == 3'd3));
          assert (peek_av2[l*AvW +: AvW] == ((neg && opt_sym == 3'd4) ? q : '0));
        end
      end
      if (edges == 3'd4) assert (BigW'($signed(peek_acc[l*LAccW +: LAccW])) == acc);
      if (edges == 3'd5) assert (BigW'($signed(peek_y[l*YW +: YW])) == y);
      if (edges == 3'd6) begin
        assert (out_valid);
        assert (out_data[l*AccW +: AccW] == want);
      end
    end
  end

endmodule
