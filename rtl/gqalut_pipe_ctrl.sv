// Valid/ready control of the pwl unit's pipeline (docs/pin-interface.md, "Handshake and
// pipeline"): Depth valid bits (input register, stages, output register) that advance as a
// whole. en = !out_valid_o || out_ready_i; when en is low every stage holds, when high every
// stage moves one step and a bubble enters where no input was accepted.
module gqalut_pipe_ctrl #(
  parameter int Depth = 4
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             in_valid_i,
  output logic             in_ready_o,
  output logic             out_valid_o,
  input  logic             out_ready_i,
  output logic             idle_o,
  // ld_o[k]: stage k takes a valid element at this rising edge (data register enable)
  output logic [Depth-1:0] ld_o
);

`ifndef SYNTHESIS
  initial begin : p_param_check
    if (Depth < 2) $fatal(1, "gqalut_pipe_ctrl: Depth must be at least 2");
  end
`endif

  logic             en;
  logic [Depth-1:0] valid_d, valid_q, enter;

  assign en      = ~valid_q[Depth-1] | out_ready_i;
  assign enter   = {valid_q[Depth-2:0], in_valid_i};
  assign valid_d = en ? enter : valid_q;
  assign ld_o    = enter & {Depth{en}};

  always_ff @(posedge clk_i) begin
    if (!rst_ni) begin
      valid_q <= '0;
    end else begin
      valid_q <= valid_d;
    end
  end

  assign in_ready_o  = en;
  assign out_valid_o = valid_q[Depth-1];
  assign idle_o      = ~|valid_q;

endmodule
