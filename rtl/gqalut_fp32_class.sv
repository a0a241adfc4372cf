// Class of a binary32 operand as docs/numeric-definition.md §5 reads it (shared by the multiplier and the adder):
// zero for a zero exponent (zeros, and subnormals read as zero), infinity, NaN.
module gqalut_fp32_class (
  input  logic [30:0] x_i,   // exponent and fraction (the sign does not matter)
  output logic        zero_o,
  output logic        inf_o,
  output logic        nan_o
);

  assign zero_o = x_i[30:23] == 8'd0;
  assign inf_o  = (x_i[30:23] == 8'hFF) && (x_i[22:0] == 23'd0);
  assign nan_o  = (x_i[30:23] == 8'hFF) && (x_i[22:0] != 23'd0);

endmodule
