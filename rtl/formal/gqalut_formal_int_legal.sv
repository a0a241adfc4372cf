// The legal contents of the INT unit's range-checked registers (docs/pin-interface.md,
// "Configuration registers"; docs/rtl.md, choice 1): exactly the values a write can store.
// Assume = 1: the datapath proof assumes them (its only assumptions on register contents);
// Assume = 0: the stream proof asserts that the registers never leave them, from reset on.
// BP, SLOPE, ICPT, CENTER, CLAMP_LO/HI, ICPT_MODE and ORIGIN take every code of their width
// and need no entry here; SYMMETRY is 0..4 (0 without the options).
module gqalut_formal_int_legal #(
  parameter int InW        = 8,
  parameter int ParW       = InW,
  parameter int MaxEntries = 32,
  parameter bit Requant    = 1'b1,
  parameter bit Options    = 1'b1,
  parameter bit Assume     = 1'b1
) (
  input logic                            en_i,     // check in this cycle
  input logic [$clog2(MaxEntries+1)-1:0] n_i,
  input logic [$clog2(ParW+1)-1:0]       lambda_k_i,
  input logic [$clog2(ParW+1)-1:0]       lambda_b_i,
  input logic [$clog2(InW)-1:0]          scale_i,
  input logic                            rq_en_i,
  input logic signed [$clog2(2*InW+1):0] rq_frac_i,
  input logic [2:0]                      sym_i
);

  // Bounds as int localparams (Yosys 0.23 mis-sizes a negated size cast of a parameter).
  localparam int FracMin = -InW;
  localparam int FracMax = 2 * InW;

  int  n, lk, lb, s, fr;
  logic legal;
  always_comb begin
    n     = 32'(n_i);
    lk    = 32'(lambda_k_i);
    lb    = 32'(lambda_b_i);
    s     = 32'(scale_i);
    fr    = 32'(rq_frac_i);
    legal = (n >= 1) && (n <= MaxEntries) && (lk <= ParW) && (lb <= ParW) && (s <= InW - 1) &&
            (Requant || !rq_en_i) && (fr >= FracMin) && (fr <= FracMax) &&
            (Options ? (sym_i <= 3'd4) : (sym_i == 3'd0));
  end

  if (Assume) begin : gen_assume
    always_comb if (en_i) assume (legal);
  end else begin : gen_assert
    always_comb if (en_i) assert (legal);
  end

endmodule
