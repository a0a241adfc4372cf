// Requantizer (numeric-definition.md §2 step 6): y = round_half_up(acc * 2^-r) saturated to an
// OutW-bit code, signed or unsigned as signed_i says (the scaler's LOG2 output is signed, its
// other outputs unsigned; the INT unit ties it high). r > 0 rounds: y = floor((acc + 2^(r-1)) /
// 2^r), computed as (floor(acc / 2^(r-1)) + 1) >> 1 so no wide adder is needed; r <= 0 is an
// exact left shift that saturates.
module gqalut_requant #(
  parameter int AccW = 25,     // accumulator width (two's complement)
  parameter int OutW = 8,      // output code width
  parameter int RW   = 6       // shift amount width (two's complement)
) (
  input  logic signed [AccW-1:0] acc_i,
  input  logic signed [RW-1:0]   r_i,
  input  logic                   signed_i,
  output logic [OutW-1:0]        y_o
);

  // Comparison width: holds the accumulator and the output range with a sign bit.
  localparam int CW = (AccW > OutW ? AccW : OutW) + 2;
  localparam logic signed [CW-1:0] SignedMax   = $signed((CW'(1) << (OutW - 1)) - CW'(1));
  localparam logic signed [CW-1:0] UnsignedMax = $signed((CW'(1) << OutW) - CW'(1));
  localparam logic signed [CW-1:0] SignedMin   = -$signed(CW'(1) << (OutW - 1));
  localparam logic [CW-1:0]        SignedMinMag = CW'(1) << (OutW - 1);

  logic signed [CW-1:0]   out_max, out_min;
  logic [CW-1:0]          out_min_mag;   // magnitude of out_min (0 unsigned)
  logic                   right;
  logic [RW-1:0]          rm1, lsh;
  logic signed [AccW-1:0] pre;
  logic signed [AccW:0]   rounded;
  logic signed [CW-1:0]   acc_ext, rnd_ext, hi_lim, lo_lim;
  logic [OutW-1:0]        shifted;

  assign out_max     = signed_i ? SignedMax : UnsignedMax;
  assign out_min     = signed_i ? SignedMin : '0;
  assign out_min_mag = signed_i ? SignedMinMag : '0;

  assign right   = ~r_i[RW-1] & (r_i != '0);
  assign rm1     = r_i - RW'(1);
  assign lsh     = -r_i;
  assign acc_ext = CW'(acc_i);

  // r > 0: round half up.
  assign pre     = acc_i >>> rm1;
  assign rounded = ((AccW + 1)'(pre) + (AccW + 1)'(1)) >>> 1;
  assign rnd_ext = CW'(rounded);

  // r <= 0: acc << l saturates beyond [ceil(OutMin / 2^l), floor(OutMax / 2^l)].
  assign hi_lim  = $signed(out_max >>> lsh);
  assign lo_lim  = -$signed(out_min_mag >> lsh);
  assign shifted = OutW'(acc_i) << lsh;

  always_comb begin
    if (right) begin
      if (rnd_ext > out_max) begin
        y_o = OutW'(out_max);
      end else if (rnd_ext < out_min) begin
        y_o = OutW'(out_min);
      end else begin
        y_o = OutW'(rnd_ext);
      end
    end else begin
      if (acc_ext > hi_lim) begin
        y_o = OutW'(out_max);
      end else if (acc_ext < lo_lim) begin
        y_o = OutW'(out_min);
      end else begin
        y_o = shifted;
      end
    end
  end

endmodule
