// Comparator bank of the FP32 datapath: comparator j fires when x >= p_j (gqalut_fp32_ge),
// then thermometer-to-index.
module gqalut_cmp_fp32 #(
  parameter int MaxEntries = 32
) (
  input  logic [31:0]                     x_i,
  input  logic [(MaxEntries-1)*32-1:0]    bp_i,
  input  logic [$clog2(MaxEntries+1)-1:0] n_i,
  output logic [$clog2(MaxEntries)-1:0]   idx_o
);

  localparam int NumBp = MaxEntries - 1;

  logic [NumBp-1:0] fire;

  for (genvar j = 0; j < NumBp; j++) begin : gen_cmp
    gqalut_fp32_ge u_ge (
      .a_i (x_i),
      .b_i (bp_i[j*32 +: 32]),
      .ge_o(fire[j])
    );
  end

  gqalut_seg_index #(
    .MaxEntries(MaxEntries)
  ) u_seg_index (
    .fire_i(fire),
    .n_i   (n_i),
    .idx_o (idx_o)
  );

endmodule
