// Requantizer (docs/numeric-definition.md §2 step 6): y = round_half_up(acc * 2^-r) saturated to an OutW-bit code
// (signed or unsigned). r > 0 rounds: y = floor((acc + 2^(r-1)) / 2^r), computed as
// (floor(acc / 2^(r-1)) + 1) >> 1 so no wide adder is needed; r <= 0 is an exact left shift
// that saturates.
module gqalut_requant #(
  parameter int AccW      = 25,     // accumulator width (two's complement)
  parameter int OutW      = 8,      // output code width
  parameter bit OutSigned = 1'b1,
  parameter int RW        = 6       // shift amount width (two's complement)
) (
  input  logic signed [AccW-1:0] acc_i,
  input  logic signed [RW-1:0]   r_i,
  output logic [OutW-1:0]        y_o
);

  // Comparison width: holds the accumulator and the output range with a sign bit.
  localparam int CW = (AccW > OutW ? AccW : OutW) + 2;
  localparam logic signed [CW-1:0] OutMax =
      OutSigned ? $signed((CW'(1) << (OutW - 1)) - CW'(1)) : $signed((CW'(1) << OutW) - CW'(1));
  localparam logic signed [CW-1:0] OutMin =
      OutSigned ? -$signed(CW'(1) << (OutW - 1)) : '0;
  // Magnitude of OutMin (0 for unsigned).
  localparam logic [CW-1:0] OutMinMag = OutSigned ? (CW'(1) << (OutW - 1)) : '0;

  logic                   right;
  logic [RW-1:0]          rm1, lsh;
  logic signed [AccW-1:0] pre;
  logic signed [AccW:0]   rounded;
  logic signed [CW-1:0]   acc_ext, rnd_ext, hi_lim, lo_lim;
  logic [OutW-1:0]        shifted;

  assign right   = ~r_i[RW-1] & (r_i != '0);
  assign rm1     = r_i - RW'(1);
  assign lsh     = -r_i;
  assign acc_ext = CW'(acc_i);

  // r > 0: round half up.
  assign pre     = acc_i >>> rm1;
  assign rounded = ((AccW + 1)'(pre) + (AccW + 1)'(1)) >>> 1;
  assign rnd_ext = CW'(rounded);

  // r <= 0: acc << l saturates beyond [ceil(OutMin / 2^l), floor(OutMax / 2^l)].
  assign hi_lim  = $signed(OutMax >>> lsh);
  assign lo_lim  = -$signed(OutMinMag >> lsh);
  assign shifted = OutW'(acc_i) << lsh;

  always_comb begin
    if (right) begin
      if (rnd_ext > OutMax) begin
        y_o = OutW'(OutMax);
      end else if (rnd_ext < OutMin) begin
        y_o = OutW'(OutMin);
      end else begin
        y_o = OutW'(rnd_ext);
      end
    end else begin
      if (acc_ext > hi_lim) begin
        y_o = OutW'(OutMax);
      end else if (acc_ext < lo_lim) begin
        y_o = OutW'(OutMin);
      end else begin
        y_o = shifted;
      end
    end
  end

endmodule
