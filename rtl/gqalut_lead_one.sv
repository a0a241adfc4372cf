// Leading-one detector: the index of the highest set bit of v_i (0 for v_i = 0). The scaler's
// normalize preset (numeric-definition.md §6) and its LOG2 range reduction (§12) share one.
module gqalut_lead_one #(
  parameter int W = 32
) (
  input  logic [W-1:0]         v_i,
  output logic [$clog2(W)-1:0] idx_o
);

  localparam int IdxW = $clog2(W);

  always_comb begin
    idx_o = '0;
    for (int i = 0; i < W; i++) begin
      if (v_i[i]) idx_o = IdxW'(i);
    end
  end

endmodule
