// Behavioural reference of the INT-k output word, written from the numeric definition
// (docs/numeric-definition.md, INT-k datapath steps 1-5; docs/pin-interface.md "Output word"),
// for the formal proofs only. It shares no module or code with rtl/*.sv: every step is plain
// integer arithmetic in one wide signed word (BigW bits, wider than any intermediate value
// of any legal register content), so the hardware's width choices are checked, not copied.
//
// Register contents are inputs (the proofs take them from the unit's registers); a new
// register (a new mode of the datapath) becomes one more input here.
module gqalut_ref_int #(
  parameter int InW        = 8,
  parameter int ParW       = InW,
  parameter int MaxEntries = 32,
  // 1: the product K * q is a shift-and-add loop over the bits of q instead of `*` (a
  // multiplier of another structure than the hardware's; affordable for small widths).
  parameter bit MulShiftAdd = 1'b0
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
  output logic [2*ParW+InW:0]               word_o,     // the output word (AccW bits)
  output logic                              acc_fits_o, // acc is representable in AccW bits
  // Intermediate values (for the stream proofs' pipeline invariants).
  output logic [15:0]                       seg_o,      // step 1: segment i
  output logic signed [ParW+InW-1:0]        prod_o,     // K_i * q (exact in ParW+InW bits)
  output logic signed [2*ParW+InW:0]        icpt_sh_o   // step 3: B' (exact in AccW bits)
);

  localparam int AccW = 2 * ParW + InW + 1;
  // With legal register contents |acc| < 2^(AccW-1); two more bits keep the sums exact.
  localparam int BigW = AccW + 2;
  localparam logic signed [BigW-1:0] One = BigW'(1);
  localparam logic signed [BigW-1:0] AccMax = (One <<< (AccW - 1)) - One;
  localparam logic signed [BigW-1:0] AccMin = -(One <<< (AccW - 1));

  logic signed [BigW-1:0] q, k, b, prod, acc;
  logic [InW-1:0]         y;
  logic signed [15:0]     lo, shift_b, shift_p, r;
  logic signed [ParW+InW-1:0] k_op, q_op, prod_exact;
  int unsigned            seg;

  always_comb begin
    q = BigW'($signed(q_i));

    // Step 1, compare: i = #{ j < N-1 : P_j <= q }.
    seg = 0;
    for (int j = 0; j < MaxEntries - 1; j++) begin
      if ((32'(j + 1) < 32'(n_i)) && (BigW'($signed(bp_i[j*(InW+1) +: InW+1])) <= q)) seg = seg + 1;
    end

    // Step 2, read: K_i, B_i.
    k = '0;
    b = '0;
    for (int i = 0; i < MaxEntries; i++) begin
      if (seg == i) begin
        k = BigW'($signed(slope_i[i*ParW +: ParW]));
        b = BigW'($signed(icpt_i[i*ParW +: ParW]));
      end
    end

    // Step 3, shift: B' = B_i * 2^(s + lo - lb), lo = max(lk, lb).
    lo      = (lambda_k_i > lambda_b_i) ? 16'(lambda_k_i) : 16'(lambda_b_i);
    shift_b = 16'(scale_i) + lo - 16'(lambda_b_i);
    shift_p = lo - 16'(lambda_k_i);

    // Step 4, MAC: acc = (K_i * q) * 2^(lo - lk) + B'.
    k_op       = (ParW + InW)'(k);
    q_op       = (ParW + InW)'(q);
    prod_exact = '0;
    if (MulShiftAdd) begin
      // Two's complement q = -q[k-1] 2^(k-1) + sum q[t] 2^t.
      prod = '0;
      for (int t = 0; t < InW; t++) begin
        if (q_i[t]) prod = (t == InW - 1) ? prod - (k <<< t) : prod + (k <<< t);
      end
    end else begin
      // |K q| <= 2^(ParW+InW-2): the product is exact in ParW+InW bits.
      prod_exact = k_op * q_op;
      prod       = BigW'(prod_exact);
    end
    acc = (prod <<< shift_p) + (b <<< shift_b);

    // Step 5, requantize to InW bits at scale 2^-s_o: r = lo + s - s_o (gqalut_ref_requant).
    r = lo + 16'(scale_i) - 16'(rq_frac_i);

    word_o     = rq_en_i ? AccW'($signed(y)) : AccW'(acc);
    acc_fits_o = (acc <= AccMax) && (acc >= AccMin);
    seg_o      = 16'(seg);
    prod_o     = (ParW + InW)'(prod);
    icpt_sh_o  = AccW'(b <<< shift_b);
  end

  gqalut_ref_requant #(
    .AccW     (AccW),
    .OutW     (InW),
    .OutSigned(1'b1)
  ) u_requant (
    .acc_i(AccW'(acc)),
    .r_i  (r),
    .y_o  (y)
  );

endmodule
