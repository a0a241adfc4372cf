// Multi-range scaler, core code: c = min(2^CoreW - 1, round_half_up(u * 2^-rc)) with
// rc = IN_FRAC + sigma - (CoreW - 3); rc <= 0 is an exact left shift (saturating).
module gqalut_core_code #(
  parameter int InW   = 32,
  parameter int CoreW = 8,
  parameter int RcW   = 8     // shift width (two's complement)
) (
  input  logic [InW-1:0]        u_i,
  input  logic signed [RcW-1:0] rc_i,
  output logic [CoreW-1:0]      c_o
);

  localparam int CW = (InW > CoreW ? InW : CoreW) + 1;
  localparam logic [CW-1:0] CodeMax = (CW'(1) << CoreW) - CW'(1);

  logic           right;
  logic [RcW-1:0] rm1, lsh;
  logic [CW-1:0]  u_ext, pre, rounded, lim;

  assign right   = ~rc_i[RcW-1] & (rc_i != '0);
  assign rm1     = rc_i - RcW'(1);
  assign lsh     = -rc_i;
  assign u_ext   = CW'(u_i);
  // rc > 0: (floor(u / 2^(rc-1)) + 1) >> 1 = floor((u + 2^(rc-1)) / 2^rc).
  assign pre     = u_ext >> rm1;
  assign rounded = (pre + CW'(1)) >> 1;
  // rc <= 0: u << l exceeds the code range iff u > CodeMax >> l.
  assign lim     = CodeMax >> lsh;

  always_comb begin
    if (right) begin
      c_o = (rounded > CodeMax) ? CoreW'(CodeMax) : CoreW'(rounded);
    end else begin
      c_o = (u_ext > lim) ? CoreW'(CodeMax) : (CoreW'(u_i) << lsh);
    end
  end

endmodule
