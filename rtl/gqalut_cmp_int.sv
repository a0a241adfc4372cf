// Comparator bank of the INT datapath: comparator j fires when P_j <= x (two's complement, or
// unsigned for the scaler core), then thermometer-to-index. Breakpoints are BpW-bit codes,
// one bit wider than the input so that 2^(k-1) (signed) or 2^k (unsigned), one past the
// largest input code, never fires.
module gqalut_cmp_int #(
  parameter int XW         = 8,      // input code width
  parameter int BpW        = 9,      // breakpoint code width
  parameter bit Signed     = 1'b1,   // codes are two's complement (else unsigned)
  parameter int MaxEntries = 32
) (
  input  logic [XW-1:0]                   x_i,
  input  logic [(MaxEntries-1)*BpW-1:0]   bp_i,
  input  logic [$clog2(MaxEntries+1)-1:0] n_i,
  output logic [$clog2(MaxEntries)-1:0]   idx_o
);

  localparam int CW    = (XW > BpW ? XW : BpW) + 1;
  localparam int NumBp = MaxEntries - 1;

  logic signed [CW-1:0] x_ext;
  logic [NumBp-1:0]     fire;

  if (Signed) begin : gen_signed
    assign x_ext = CW'($signed(x_i));
  end else begin : gen_unsigned
    assign x_ext = $signed(CW'(x_i));
  end

  for (genvar j = 0; j < NumBp; j++) begin : gen_cmp
    logic signed [CW-1:0] bp_ext;
    if (Signed) begin : gen_signed
      assign bp_ext = CW'($signed(bp_i[j*BpW +: BpW]));
    end else begin : gen_unsigned
      assign bp_ext = $signed(CW'(bp_i[j*BpW +: BpW]));
    end
    assign fire[j] = bp_ext <= x_ext;
  end

  gqalut_seg_index #(
    .MaxEntries(MaxEntries)
  ) u_seg_index (
    .fire_i(fire),
    .n_i   (n_i),
    .idx_o (idx_o)
  );

endmodule
