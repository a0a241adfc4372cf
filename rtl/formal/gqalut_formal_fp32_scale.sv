// Lemma of fp32_mul_round (rtl/formal/gqalut_fp32_mul_round.smt2): the binary64 the
// specification builds from the bits of a significand product P >= 2^46 and the exponents ea,
// eb equals P * 2^(ea + eb - 300) computed with SMT-LIB FloatingPoint operations, for every
// P, ea and eb. Skew: added to eb on the operations' side (0; 1 is the lemma's mutant).
module gqalut_formal_fp32_scale #(
  parameter int Skew = 0
) (
  input logic clk_i
);

  (* anyconst *) logic [47:0] p;
  (* anyconst *) logic [7:0]  ea, eb;
  logic ok;
  gqalut_formal_fp32_scale_spec u_spec (.p_i(p), .ea_i(ea), .eb_i(eb), .eb_ref_i(eb + 8'(Skew)), .ok_o(ok));

  always_comb assert (ok);

endmodule
