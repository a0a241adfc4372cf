// Range lemma of the INT datapath (docs/numeric-definition.md §11): for every input code and
// every legal register content the reference's result y fits the AccW-bit output word, so the
// word the unit delivers is y itself (the datapath miter proves the unit's word equal to the
// reference's AccW-bit word of y). Combinational, one step.
//
// The product K_i * d is uninterpreted (abstract.py) and assumed only to lie in the range
// every product of a ParW-bit slope and its operand has: |K| <= 2^(ParW-1) and |d| <= 2^InW
// ((InW+1)-bit d with the options, an InW-bit q without: 2^(InW-1)), so |K d| <= their product.
module gqalut_formal_int_range #(
  parameter int InW        = 8,
  parameter int ParW       = InW,
  parameter int MaxEntries = 32,
  parameter bit Options    = 1'b1,
  parameter int Slack      = 0       // the mutant: the product bound 2^Slack times too wide
) (
  input logic clk_i
);

  localparam int OpW = InW + 1;
  localparam int PW  = ParW + OpW;
  localparam int BoundExp = ParW - 1 + (Options ? InW : InW - 1) + Slack;
  localparam logic signed [PW+1:0] ProdMax = (PW + 2)'(1) <<< BoundExp;

  (* anyconst *) logic [InW-1:0]                    q;
  (* anyconst *) logic [$clog2(MaxEntries+1)-1:0]   n;
  (* anyconst *) logic [(MaxEntries-1)*(InW+1)-1:0] bp;
  (* anyconst *) logic [MaxEntries*ParW-1:0]        slope, icpt;
  (* anyconst *) logic [$clog2(ParW+1)-1:0]         lambda_k, lambda_b;
  (* anyconst *) logic [$clog2(InW)-1:0]            scale;
  (* anyconst *) logic                              rq_en;
  (* anyconst *) logic signed [$clog2(2*InW+1):0]   rq_frac;
  (* anyconst *) logic [2:0]                        sym;
  (* anyconst *) logic [ParW-1:0]                   center;
  (* anyconst *) logic [InW:0]                      clamp_lo, clamp_hi, origin;
  (* anyconst *) logic                              rel;

  gqalut_formal_int_legal #(
    .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Requant(1'b1), .Options(Options), .Assume(1'b1)
  ) u_legal (
    .en_i      (1'b1),
    .n_i       (n),
    .lambda_k_i(lambda_k),
    .lambda_b_i(lambda_b),
    .scale_i   (scale),
    .rq_en_i   (rq_en),
    .rq_frac_i (rq_frac),
    .sym_i     (sym)
  );

  logic                   fits;
  logic signed [PW-1:0]   prod;
  gqalut_ref_int #(
    .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Options(Options)
  ) u_ref (
    .q_i       (q),
    .n_i       (16'(n)),
    .bp_i      (bp),
    .slope_i   (slope),
    .icpt_i    (icpt),
    .lambda_k_i(8'(lambda_k)),
    .lambda_b_i(8'(lambda_b)),
    .scale_i   (8'(scale)),
    .rq_en_i   (rq_en),
    .rq_frac_i (8'(rq_frac)),
    .sym_i     (Options ? sym : 3'd0),
    .center_i  (Options ? center : '0),
    .clamp_lo_i(Options ? clamp_lo : {1'b1, {InW{1'b0}}}),
    .clamp_hi_i(Options ? clamp_hi : {1'b0, {InW{1'b1}}}),
    .rel_i     (Options ? rel : 1'b0),
    .origin_i  (Options ? origin : '0),
    .word_o    (),
    .y_fits_o  (fits),
    .seg_o     (),
    .op_o      (),
    .prod_o    (prod),
    .icpt_sh_o ()
  );

  always_comb begin
    assume ((PW + 2)'(prod) <= ProdMax && (PW + 2)'(prod) >= -ProdMax);
    assert (fits);
  end

endmodule
