// Behavioural reference of the INT-k output word, written from the numeric definition
// (docs/numeric-definition.md §2 and, with Options, the datapath options of §8-§11;
// docs/pin-interface.md "Output word"), for the formal proofs only. It shares no module or code
// with rtl/*.sv: every step is plain integer arithmetic in one wide signed word (BigW bits,
// wider than any intermediate value of any legal register content), so the hardware's width
// choices are checked, not copied.
//
// Register contents are inputs (the proofs take them from the unit's registers); a new
// register (a new mode of the datapath) becomes one more input here.
//
// Cut (for the datapath miter's parts): one intermediate value is taken from a cut_* input
// instead of being computed, so a part's solver does not see the cone before it; everything
// after the cut is the same code. 1: the segment i; 2: the product K_i * d and the intercept
// code B_i; 3: acc; 4: y; 5: q'' (as its (k+1)-bit code, which holds q'': op_fits_o). A part
// proven for every value of the cut input holds in particular for the value the uncut
// reference computes there.
module gqalut_ref_int #(
  parameter int InW        = 8,
  parameter int ParW       = InW,
  parameter int MaxEntries = 32,
  parameter bit Options    = 1'b1,  // the unit has the datapath options (§8-§11)
  parameter int Cut        = 0      // 0: none; else the cut value (above)
) (
  input  logic [InW-1:0]                    q_i,        // signed input code
  input  logic [15:0]                       n_i,        // N_ENTRIES
  input  logic [(MaxEntries-1)*(InW+1)-1:0] bp_i,       // BP[j]: signed InW+1-bit codes
  input  logic [MaxEntries*ParW-1:0]        slope_i,    // SLOPE[i]: signed ParW-bit codes
  input  logic [MaxEntries*ParW-1:0]        icpt_i,     // ICPT[i]: signed ParW-bit codes
  input  logic [7:0]                        lambda_k_i, // LAMBDA_K
  input  logic [7:0]                        lambda_b_i, // LAMBDA_B
  input  logic [7:0]                        scale_i,    // SCALE s
  input  logic                              rq_en_i,    // RQ_ENABLE
  input  logic signed [7:0]                 rq_frac_i,  // RQ_FRAC s_o
  input  logic [2:0]                        sym_i,      // SYMMETRY (0 without Options)
  input  logic [ParW-1:0]                   center_i,   // CENTER C
  input  logic [InW:0]                      clamp_lo_i, // CLAMP_LO L
  input  logic [InW:0]                      clamp_hi_i, // CLAMP_HI H
  input  logic                              rel_i,      // ICPT_MODE
  input  logic [InW:0]                      origin_i,   // ORIGIN P_{-1}
  output logic [2*ParW+InW:0]               word_o,     // the output word (AccW bits)
  output logic                              y_fits_o,   // y is representable in AccW bits
  // Intermediate values (for the stream proof's pipeline invariants).
  output logic [15:0]                       seg_o,      // segment i
  output logic [InW:0]                      op_o,       // q'' (fold, clamp)
  output logic signed [ParW+InW:0]          prod_o,     // K_i * d, exact in ParW+InW+1 bits
  output logic signed [2*ParW+InW:0]        icpt_sh_o,  // B' (exact in AccW bits)
  output logic signed [2*ParW+InW+4:0]      acc_o,      // acc, exact
  output logic signed [2*ParW+InW+4:0]      y_o,        // y, exact
  // The cut values (Cut); unused otherwise.
  input  logic [15:0]                       cut_seg_i,
  input  logic [ParW+InW:0]                 cut_prod_i, // K_i * d (ParW+InW+1 bits; +0 without Options)
  input  logic [ParW-1:0]                   cut_b_i,    // B_i
  input  logic [2*ParW+InW+4:0]             cut_acc_i,
  input  logic [2*ParW+InW+4:0]             cut_y_i,
  input  logic [InW:0]                      cut_op_i,   // q''
  output logic                              op_fits_o   // q'' is its (k+1)-bit code op_o
);

  localparam int AccW = 2 * ParW + InW + 1;
  localparam int OpW  = InW + 1;   // q', q'', d: (k+1)-bit signed (§11)
  // |y| < 2^(2W+k) for any register contents (§11); four more bits keep every sum exact.
  localparam int BigW = AccW + 4;
  localparam logic signed [BigW-1:0] One = BigW'(1);
  localparam logic signed [BigW-1:0] AccMax = (One <<< (AccW - 1)) - One;
  localparam logic signed [BigW-1:0] AccMin = -(One <<< (AccW - 1));
  localparam logic [2:0] None = 3'd0, Odd = 3'd1, Even = 3'd2, Point = 3'd3, Shifted = 3'd4;

  logic signed [BigW-1:0] q, qf, qc, d, k, b, start, prod, acc, y, lo_b, hi_b;
  logic [OpW-1:0]         d_bits;
  logic [InW-1:0]         yq;
  logic signed [15:0]     lo, shift_b, shift_p, r;
  // The product's width: exact for a (k+1)-bit operand with the options, a k-bit one without.
  localparam int PW = ParW + (Options ? OpW : InW);
  logic signed [PW-1:0]   k_op, d_op, prod_exact;
  int unsigned            seg;

  always_comb begin
    q = BigW'($signed(q_i));

    // §8 fold, §9 clamp: q' = |q| with symmetry; q'' = min(max(q', L), H).
    qf   = (Options && sym_i != None && q < 0) ? -q : q;
    lo_b = BigW'($signed(clamp_lo_i));
    hi_b = BigW'($signed(clamp_hi_i));
    qc   = qf;
    if (Options) begin
      if (qc < lo_b) qc = lo_b;
      if (qc > hi_b) qc = hi_b;
    end
    op_fits_o = BigW'($signed(OpW'(qc))) == qc;
    if (Cut == 5) qc = BigW'($signed(cut_op_i));

    // §2 step 1, compare: i = #{ j < N-1 : P_j <= q'' }.
    // (A sum of 0/1 terms: a conditional increment would name the running count twice per
    // step, and z3 expands such a chain of SMT-LIB definitions exponentially.)
    seg = 0;
    for (int j = 0; j < MaxEntries - 1; j++) begin
      seg = seg + 32'((32'(j + 1) < 32'(n_i)) && (BigW'($signed(bp_i[j*(InW+1) +: InW+1])) <= qc));
    end
    if (Cut == 1) seg = 32'(cut_seg_i);

    // Step 2, read: K_i, B_i, and the segment's start P_{i-1} (ORIGIN for i = 0).
    k     = '0;
    b     = '0;
    start = BigW'($signed(origin_i));
    for (int i = 0; i < MaxEntries; i++) begin
      if (seg == i) begin
        k = BigW'($signed(slope_i[i*ParW +: ParW]));
        b = BigW'($signed(icpt_i[i*ParW +: ParW]));
      end
      if ((i > 0) && (seg == i)) start = BigW'($signed(bp_i[(i-1)*(InW+1) +: InW+1]));
    end

    // §10 operand: d = q'' - P_{i-1} as a (k+1)-bit two's complement value, or q''.
    d_bits = OpW'(qc - start);
    d      = (Options && rel_i) ? BigW'($signed(d_bits)) : qc;

    // Step 3, shift: B' = B_i * 2^(s + lo - lb), lo = max(lk, lb).
    lo      = (lambda_k_i > lambda_b_i) ? 16'(lambda_k_i) : 16'(lambda_b_i);
    shift_b = 16'(scale_i) + lo - 16'(lambda_b_i);
    shift_p = lo - 16'(lambda_k_i);

    // Step 4, MAC: acc = (K_i * d) * 2^(lo - lk) + B'.
    k_op       = PW'(k);
    d_op       = PW'(d);
    // |K d| <= 2^(ParW+InW-1) (without options |K q| <= 2^(ParW+InW-2)): exact in PW bits.
    prod_exact = k_op * d_op;
    if (Cut == 2) begin
      prod_exact = PW'(cut_prod_i);
      b          = BigW'($signed(cut_b_i));
    end
    prod       = BigW'(prod_exact);
    acc = (prod <<< shift_p) + (b <<< shift_b);
    if (Cut == 3) acc = cut_acc_i;

    // §8 fix for q < 0.
    y = acc;
    if (Options && q < 0) begin
      case (sym_i)
        Odd:     y = -acc;
        Point:   y = ((BigW'($signed(center_i)) * 2) <<< shift_b) - acc;
        Shifted: y = acc + (q <<< lo);
        default: y = acc;
      endcase
    end
    if (Cut == 4) y = cut_y_i;

    // §2 step 6, requantize to InW bits at 2^-s_o: r = lo + s - s_o (gqalut_ref_requant).
    r = lo + 16'(scale_i) - 16'(rq_frac_i);

    word_o    = rq_en_i ? AccW'($signed(yq)) : AccW'(y);
    y_fits_o  = (y <= AccMax) && (y >= AccMin);
    seg_o     = 16'(seg);
    op_o      = OpW'(qc);
    prod_o    = (ParW + OpW)'(prod);
    icpt_sh_o = AccW'(b <<< shift_b);
    acc_o     = acc;
    y_o       = y;
  end

  // The requantizer takes y itself (§11 step 7), not its AccW-bit word: the two are equal
  // exactly when y fits, which the range lemma proves (gqalut_formal_int_range.sv).
  gqalut_ref_requant #(
    .AccW     (BigW),
    .OutW     (InW),
    .OutSigned(1'b1)
  ) u_requant (
    .acc_i(y),
    .r_i  (r),
    .y_o  (yq)
  );

endmodule
