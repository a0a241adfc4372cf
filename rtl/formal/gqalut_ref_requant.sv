// Behavioural reference of the requantizer (docs/numeric-definition.md, INT-k step 5): the
// code acc * 2^-r rounded half up (r > 0: floor((acc + 2^(r-1)) / 2^r)) or shifted left
// exactly (r <= 0), then saturated to an OutW-bit code. Plain arithmetic in one wide word,
// for every r of its 16-bit input; shares no code with rtl/gqalut_requant.sv.
module gqalut_ref_requant #(
  parameter int AccW      = 25,
  parameter int OutW      = 8,
  parameter bit OutSigned = 1'b1
) (
  input  logic signed [AccW-1:0] acc_i,
  input  logic signed [15:0]     r_i,
  output logic [OutW-1:0]        y_o
);

  // A left shift by more than OutW + 1 saturates every non-zero code, so BigW holds every
  // exactly computed value; a right shift by AccW or more rounds every code to 0.
  localparam int BigW = AccW + OutW + 3;
  localparam logic signed [BigW-1:0] One = BigW'(1);
  localparam logic signed [BigW-1:0] OutMax = OutSigned ? (One <<< (OutW - 1)) - One : (One <<< OutW) - One;
  localparam logic signed [BigW-1:0] OutMin = OutSigned ? -(One <<< (OutW - 1)) : '0;
  localparam logic signed [15:0] MinR = 16'sd0 - 16'(OutW + 1);
  localparam logic signed [15:0] MaxRight = 16'(AccW);

  logic signed [BigW-1:0] acc, y;

  always_comb begin
    acc = BigW'(acc_i);
    if (r_i > MaxRight) begin
      y = '0;
    end else if (r_i > 0) begin
      y = (acc + (One <<< (r_i - 16'sd1))) >>> r_i;
    end else if (r_i < MinR) begin
      y = (acc > 0) ? OutMax : (acc < 0) ? OutMin : '0;
    end else begin
      y = acc <<< (-r_i);
    end
    if (y > OutMax) y = OutMax;
    if (y < OutMin) y = OutMin;
    y_o = OutW'(y);
  end

endmodule
