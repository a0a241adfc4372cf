// Comparator lemma of the INT datapath: the unit's comparator bank (gqalut_cmp_int, with its
// count gqalut_seg_index) gives the reference's segment i = #{ j < N-1 : P_j <= q'' } for every
// operand code q'' (the reference cut there: gqalut_ref_int, Cut 5), every breakpoint code and
// every legal N. Combinational; proven with ABC (formal.py: the output bad is never 1), which
// sweeps the two counts' equivalent internal signals; the SMT solvers did not finish the count
// at MaxEntries 32 in 400 s.
module gqalut_formal_int_cmp #(
  parameter int InW        = 8,
  parameter int ParW       = InW,
  parameter int MaxEntries = 32,
  parameter bit Options    = 1'b1
) (
  input  logic [InW:0]                      op,   // q''
  input  logic [(MaxEntries-1)*(InW+1)-1:0] bp,
  input  logic [$clog2(MaxEntries+1)-1:0]   n,
  output logic                              bad
);

  logic [$clog2(MaxEntries)-1:0] idx;
  gqalut_cmp_int #(
    .XW        (InW + 1),
    .BpW       (InW + 1),
    .Signed    (1'b1),
    .MaxEntries(MaxEntries)
  ) u_cmp (
    .x_i  (op),
    .bp_i (bp),
    .n_i  (n),
    .idx_o(idx)
  );

  logic [15:0] seg;
  gqalut_ref_int #(
    .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Options(Options), .Cut(5)
  ) u_ref (
    .q_i       ('0),
    .n_i       (16'(n)),
    .bp_i      (bp),
    .slope_i   ('0),
    .icpt_i    ('0),
    .lambda_k_i('0),
    .lambda_b_i('0),
    .scale_i   ('0),
    .rq_en_i   (1'b0),
    .rq_frac_i ('0),
    .sym_i     ('0),
    .center_i  ('0),
    .clamp_lo_i('0),
    .clamp_hi_i('0),
    .rel_i     (1'b0),
    .origin_i  ('0),
    .word_o    (),
    .y_fits_o  (),
    .seg_o     (seg),
    .op_o      (),
    .prod_o    (),
    .icpt_sh_o (),
    .acc_o     (),
    .y_o       (),
    .cut_seg_i ('0),
    .cut_prod_i('0),
    .cut_b_i   ('0),
    .cut_acc_i ('0),
    .cut_y_i   ('0),
    .cut_op_i  (op),
    .op_fits_o ()
  );

  // N is legal (1..MaxEntries, gqalut_formal_int_legal); every other input is any code.
  assign bad = (32'(n) >= 1) && (32'(n) <= MaxEntries) && (16'(idx) != seg);

endmodule
