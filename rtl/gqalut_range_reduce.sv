// Range reduction of the scaler unit (numeric-definition.md §12) for one input word u:
//   EXP2 (mode 1), EXP (mode 3): u is two's complement x * 2^IN_FRAC;
//     z = round_half_up(x_code * M * 2^-(IN_FRAC + 16 - CoreW)), M = 2^16 or 94548
//     (round(log2(e) * 2^16)); n = z >>> CoreW, c = z mod 2^CoreW; e = -n with n saturated
//     to [-512, 511] (beyond it the output is 0 or saturated for every accumulator).
//   LOG2 (mode 2): u unsigned; lead = its leading one; v = u rounded half up to CoreW+1
//     significant bits (a carry to 2^(CoreW+1) moves the leading one); c = the CoreW bits below
//     v's leading one, ip = lead - IN_FRAC, e = 0; z = (u == 0).
// The core sees c as a UQ0.CoreW code. Needs IN_FRAC + 16 >= CoreW (CoreW <= 16).
module gqalut_range_reduce #(
  parameter int InW   = 32,
  parameter int CoreW = 8,
  parameter int EW    = 11,   // e: holds -n for n in [-512, 511]
  parameter int IpW   = 8     // ip: holds lead - IN_FRAC in [-InW, InW]
) (
  input  logic [InW-1:0]             u_i,
  input  logic [$clog2(InW)-1:0]     lead_i,     // leading one of u (gqalut_lead_one)
  input  logic [1:0]                 mode_i,     // 1 EXP2, 2 LOG2, 3 EXP
  input  logic [$clog2(InW+1)-1:0]   in_frac_i,
  output logic [CoreW-1:0]           c_o,
  output logic signed [EW-1:0]       e_o,
  output logic signed [IpW-1:0]      ip_o,
  output logic                       z_o
);

  localparam int PW  = InW + 19;                  // x * M, M < 2^17, and the rounding increment
  localparam int RzW = $clog2(InW + 17) + 1;      // the shift IN_FRAC + 16 - CoreW
  localparam int LdW = $clog2(InW);
  // Saturation of n, as 64-bit-safe negative int localparams (see gqalut_int_regs.sv).
  localparam int NMaxInt = 511;
  localparam int NMinInt = -512;
  localparam int EMinInt = -511;
  localparam logic signed [PW-1:0] NMax = PW'(NMaxInt);
  localparam logic signed [PW-1:0] NMin = PW'(NMinInt);
  localparam logic signed [PW-1:0] Log2e = PW'(94548);   // round(log2(e) * 2^16)
  localparam logic signed [PW-1:0] One16 = PW'(65536);

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (CoreW > 16) $fatal(1, "gqalut_range_reduce: CoreW must be at most 16");
  end
`endif

  // EXP2 / EXP.
  logic signed [PW-1:0]  prod, pre, z, n;
  logic [RzW-1:0]        rz, rm1;
  logic signed [EW-1:0]  e_exp;
  assign prod = $signed(PW'($signed(u_i))) * ((mode_i == 2'd3) ? Log2e : One16);
  assign rz   = RzW'(in_frac_i) + RzW'(16) - RzW'(CoreW);
  assign rm1  = rz - RzW'(1);
  // rz > 0: floor((p + 2^(rz-1)) / 2^rz) = (floor(p / 2^(rz-1)) + 1) >> 1.
  assign pre  = prod >>> rm1;
  assign z    = (rz == '0) ? prod : ((pre + PW'(1)) >>> 1);
  assign n    = z >>> CoreW;
  always_comb begin
    if (n > NMax) begin
      e_exp = EW'(EMinInt);
    end else if (n < NMin) begin
      e_exp = EW'(512);
    end else begin
      e_exp = -(EW'(n));
    end
  end

  // LOG2.
  localparam int VW = (InW > CoreW + 2 ? InW : CoreW + 2) + 1;
  logic [LdW-1:0]     lead;
  logic [VW-1:0]      u_ext, v;
  logic               carry;
  logic signed [IpW-1:0] ip;
  assign lead  = lead_i;
  assign u_ext = VW'(u_i);
  always_comb begin
    if (VW'(lead) <= VW'(CoreW)) begin
      v = u_ext << (VW'(CoreW) - VW'(lead));
    end else begin
      v = ((u_ext >> (VW'(lead) - VW'(CoreW) - VW'(1))) + VW'(1)) >> 1;
    end
  end
  assign carry = v[CoreW+1];
  assign ip    = $signed(IpW'(lead)) + $signed(IpW'(carry)) - $signed(IpW'(in_frac_i));

  assign c_o  = (mode_i == 2'd2) ? v[CoreW-1:0] : z[CoreW-1:0];
  assign e_o  = (mode_i == 2'd2) ? '0 : e_exp;
  assign ip_o = ip;
  assign z_o  = u_i == '0;

  logic unused_high;
  assign unused_high = ^{v[VW-1:CoreW+2], v[CoreW]};

endmodule
