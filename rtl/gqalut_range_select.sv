// Multi-range scaler, sub-range select (docs/pin-interface.md, "Output word"): the shift sigma
// for an unsigned input code u, and the exponent e applied to the pwl result.
//   preset 0: sigma = SR_SHIFT[i] of the highest i with u >= SR_LO[i]; none firing: 0.
//   preset 1: x in [2^msb, 2^(msb+1)), msb = lead - IN_FRAC (lead_i: index of the leading one
//             of u, 0 for u = 0); DIV sigma = msb - 1, RSQRT sigma = 2*floor(msb/2).
//   octave (RSQRT, preset 1, OCTAVE = 1): sigma = msb - 2 (x' in [4, 8)), e = floor(sigma/2),
//             odd_o = sigma is odd (the result's 1/sqrt(2) multiply).
//   e = sigma (DIV) or sigma/2 rounded toward zero (RSQRT; the golden model's sigma / 2).
module gqalut_range_select #(
  parameter int InW = 32,
  parameter int SgW = 7      // sigma width (two's complement), holds -InW-1..InW
) (
  input  logic [InW-1:0]                     u_i,
  input  logic [$clog2(InW)-1:0]             lead_i,      // leading one of u (gqalut_lead_one)
  input  logic                               func_i,      // 1: RSQRT
  input  logic                               preset_i,    // 1: normalize
  input  logic                               octave_i,    // OCTAVE
  input  logic [$clog2(InW+1)-1:0]           in_frac_i,
  input  logic [4*(InW+1)-1:0]               sr_lo_i,
  input  logic [4*($clog2(InW+1)+1)-1:0]     sr_shift_i,
  output logic signed [SgW-1:0]              sigma_o,
  output logic signed [SgW-1:0]              e_o,
  output logic                               odd_o
);

  localparam int ShW = $clog2(InW + 1) + 1;

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (SgW < ShW || SgW < $clog2(InW + 2) + 1)
      $fatal(1, "gqalut_range_select: SgW too small");
  end
`endif

  logic signed [SgW-1:0] msb, sigma_norm, sigma_sr;
  logic                  octave;
  assign octave     = octave_i & func_i & preset_i;
  assign msb        = $signed(SgW'(lead_i)) - $signed(SgW'(in_frac_i));
  assign sigma_norm = !func_i ? (msb - SgW'(1)) : octave ? (msb - SgW'(2)) : (msb & ~SgW'(1));

  always_comb begin
    sigma_sr = '0;
    for (int i = 0; i < 4; i++) begin
      if ({1'b0, u_i} >= sr_lo_i[i*(InW+1) +: InW+1]) begin
        sigma_sr = SgW'($signed(sr_shift_i[i*ShW +: ShW]));
      end
    end
  end

  assign sigma_o = preset_i ? sigma_norm : sigma_sr;
  assign e_o     = !func_i ? sigma_o : octave ? (sigma_o >>> 1) : ((sigma_o + $signed(SgW'(sigma_o[SgW-1]))) >>> 1);
  assign odd_o   = octave & sigma_o[0];

endmodule
