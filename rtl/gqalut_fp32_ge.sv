// IEEE binary32 comparison a >= b as docs/numeric-definition.md §5 uses it: subnormal operands read as zero, -0 = +0,
// any NaN operand compares false.
module gqalut_fp32_ge (
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic        ge_o
);

  // Order-preserving key of a non-NaN value: zero (either sign, or a subnormal) maps to
  // 0x80000000, positives above it, negatives below it.
  function automatic logic [31:0] order_key(input logic [31:0] v);
    if (v[30:23] == 8'd0) begin
      order_key = 32'h8000_0000;
    end else if (v[31]) begin
      order_key = ~v;
    end else begin
      order_key = {1'b1, v[30:0]};
    end
  endfunction

  function automatic logic is_nan(input logic [30:0] v);
    is_nan = (v[30:23] == 8'hFF) && (v[22:0] != 23'd0);
  endfunction

  assign ge_o = ~is_nan(a_i[30:0]) & ~is_nan(b_i[30:0]) & (order_key(a_i) >= order_key(b_i));

endmodule
