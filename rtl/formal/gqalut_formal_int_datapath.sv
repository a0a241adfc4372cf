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
  parameter int Part        = 0       // the part of the proof (below), 0..5
) (
  input logic clk_i
);

  `include "gqalut_formal_int_widths.svh"
  localparam int IdxW = $clog2(MaxEntries);
  localparam int OpW  = Options ? InW + 1 : InW;      // the lane's MAC operand
  localparam int ProdW = ParW + OpW;
  localparam int BshW = 2 * ParW + InW - 1;           // the intercept after its shift
  localparam int AvW  = Options ? InW : 1;            // the shifted fix's addend
  localparam int LAccW = (ProdW + ParW > BshW ? ProdW + ParW : BshW) + 1;   // the lane's acc
  localparam int YW   = Options ? LAccW + 1 : LAccW;  // the lane's y
  localparam int BigW = AccW + 4;                     // the reference's acc and y
  // The reference's cut (gqalut_ref_int) of each part (below).
  localparam int Cut  = Part == 1 ? 1 : Part == 3 ? 2 : Part == 4 ? 3 : Part == 5 ? 4 : 0;

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

  // Keeps the unit in the netlist when no assertion reads its output (parts 1-3): Yosys
  // removes unread logic before formal.py connects the peek_* wires.
  (* keep *) logic [Lanes*AccW-1:0] keep_out;
  assign keep_out = out_data;

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
  (* keep *) logic [Lanes*AccW-1:0]  peek_outd;
  (* keep *) logic [Lanes-1:0]       peek_e2;   // the requantizer's extra shift (0 in this unit)

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

  // Rising edges since step 0 (saturating at 4).
  logic [2:0] edges = 3'd0;
  always_ff @(posedge clk_i) if (edges != 3'd4) edges <= edges + 3'd1;

  for (genvar l = 0; l < Lanes; l++) begin : gen_lane
    logic [AccW-1:0]               want;
    logic [15:0]                   seg;
    logic [InW:0]                  op;
    logic signed [ParW+InW:0]      prod;
    logic signed [AccW-1:0]        icpt_sh;
    logic signed [BigW-1:0]        acc, y;
    logic                          neg;
    logic [InW-1:0]                q;
    // The reference's cut values (Part >= 1): free, the same in every step.
    (* anyconst *) logic [15:0]              cut_seg;
    (* anyconst *) logic [ParW+InW:0]        cut_prod;
    (* anyconst *) logic [ParW-1:0]          cut_b;
    (* anyconst *) logic [BigW-1:0]          cut_acc, cut_y;
    logic                                    op_fits;
    assign q   = x[l*InW +: InW];
    assign neg = opt_sym != 3'd0 && q[InW-1];
    gqalut_ref_int #(
      .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Options(Options), .Cut(Cut)
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
      .y_o       (y),
      .cut_seg_i (cut_seg),
      .cut_prod_i(cut_prod),
      .cut_b_i   (cut_b),
      .cut_acc_i (cut_acc),
      .cut_y_i   (cut_y),
      .cut_op_i  ('0),
      .op_fits_o (op_fits)
    );
    // The unit's comparator bank (gqalut_cmp_int, the module the lane uses) on the stage-1
    // operand register (part 0); the comparator lemma (gqalut_formal_int_cmp.sv) proves it
    // equal to the reference's segment for every operand that fits.
    logic [IdxW-1:0] idx_of_op;
    gqalut_cmp_int #(
      .XW        (InW + 1),
      .BpW       (InW + 1),
      .Signed    (1'b1),
      .MaxEntries(MaxEntries)
    ) u_cmp (
      .x_i  (Options ? peek_op1[l*OpW +: OpW] : (InW + 1)'($signed(peek_x1[l*InW +: InW]))),
      .bp_i (peek_bp),
      .n_i  (peek_n),
      .idx_o(idx_of_op)
    );
    // The proof is in parts (Part), each a lemma on the reference's intermediate values:
    //   s1_ok: the stage-1 registers hold q, q'' and the segment i;
    //   s2_ok: the stage-2 registers hold the product, the shifted intercept, e = 0 (the lane's
    //          shift offset) and fix_ok: the fix of §8 that applies (negate, centre, add x);
    //   acc_ok, y_ok: the last stage's acc and y; out_ok: the word it loads into the output.
    // Parts 0-2 are BMC from the free state (the edges counter), parts 3-5 one step from a free
    // state (every state). Each part's reference takes the value before its lemma from a free
    // input (Cut), so the part holds for every value there, the reference's own included:
    //   0 s1:      after edge 2 the stage-1 registers hold q and q'' (which fits its code),
    //              and the segment the unit's comparator bank gives for that q'' (no cut);
    //              the comparator lemma (gqalut_formal_int_cmp: that segment is the
    //              reference's, q'' cut) makes this s1_ok;
    //   1 s2:      s1_ok after edge 2 implies s2_ok after edge 3 (the segment i cut);
    //   2 deliver: after edge 4 the output is valid and holds the word the last stage formed
    //              in the cycle before (no reference);
    //   3 acc:     s2_ok implies acc_ok (the product and B_i cut);
    //   4 y:       fix_ok and acc_ok imply y_ok (acc cut);
    //   5 out:     e = 0 and y_ok imply out_ok (y cut).
    // So s2_ok holds after edge 3 (0 with the lemma, 1), the last stage then forms the reference's word (3-5)
    // and that word is the output after edge 4 (2): the proof's claim, every part proven.
    logic s1_ok, s1_cmp_ok, s2_ok, fix_ok, acc_ok, y_ok, out_ok;
    logic [AccW-1:0] outd_q;   // the last stage's word in the cycle before
    always_ff @(posedge clk_i) outd_q <= peek_outd[l*AccW +: AccW];
    always_comb begin
      s1_ok  = (peek_x1[l*InW +: InW] == q) && (16'(peek_idx1[l*IdxW +: IdxW]) == seg) &&
               (!Options || (peek_op1[l*OpW +: OpW] == op));
      s1_cmp_ok = (peek_x1[l*InW +: InW] == q) && (peek_idx1[l*IdxW +: IdxW] == idx_of_op) &&
                  (!Options || (peek_op1[l*OpW +: OpW] == op)) && op_fits;
      fix_ok = !Options || ((peek_inv2[l] == (neg && (opt_sym == 3'd1 || opt_sym == 3'd3))) &&
                            (peek_usec2[l] == (neg && opt_sym == 3'd3)) &&
                            (peek_av2[l*AvW +: AvW] == ((neg && opt_sym == 3'd4) ? q : '0)));
      s2_ok  = ((ParW + InW + 1)'($signed(peek_prod2[l*ProdW +: ProdW])) == prod) &&
               (AccW'($signed(peek_icpt2[l*BshW +: BshW])) == icpt_sh) && !peek_e2[l] && fix_ok;
      acc_ok = BigW'($signed(peek_acc[l*LAccW +: LAccW])) == acc;
      y_ok   = BigW'($signed(peek_y[l*YW +: YW])) == y;
      out_ok = peek_outd[l*AccW +: AccW] == want;
      case (Part)
        0: if (edges == 3'd2) assert (s1_cmp_ok);
        1: begin
          if (edges == 3'd2) assume (s1_ok);
          if (edges == 3'd3) assert (s2_ok);
        end
        2: if (edges == 3'd4) begin
          assert (out_valid);
          assert (out_data[l*AccW +: AccW] == outd_q);
        end
        3: begin
          assume (s2_ok);
          assert (acc_ok);
        end
        4: begin
          assume (fix_ok && acc_ok);
          assert (y_ok);
        end
        default: begin
          assume (!peek_e2[l] && y_ok);
          assert (out_ok);
        end
      endcase
    end
  end

endmodule
