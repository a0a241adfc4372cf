// Datapath miter of the INT unit: gqalut_pwl_int against gqalut_ref_int for every input code
// and every legal register content.
//
// The unit starts in an arbitrary state (no reset: every register, the configuration
// registers included, holds any value at step 0), takes one arbitrary input vector every
// cycle, is never stalled and gets no configuration write. After four rising edges every
// pipeline register holds data derived from the input vector x, so the output word of each
// lane must equal the reference's word for x and the register contents. The register
// contents are read from the unit (the peek_* wires, connected to the unit's registers by
// rtl/formal/formal.py) and assumed only to lie in the ranges the unit's write checks
// enforce (gqalut_formal_int_legal; the stream proof proves the registers never leave them).
// Resets, stalls, bubbles and writes are the stream proof's subject.
module gqalut_formal_int_datapath #(
  parameter int InW         = 8,
  parameter int ParW        = InW,
  parameter int MaxEntries  = 32,
  parameter int Lanes       = 1,
  parameter bit Options     = 1'b1    // the RTL has the datapath options (formal.py decides)
) (
  input logic clk_i
);

  localparam int AccW = 2 * ParW + InW + 1;
  localparam int NW   = $clog2(MaxEntries + 1);
  localparam int LW   = $clog2(ParW + 1);
  localparam int SW   = $clog2(InW);
  localparam int FW   = $clog2(2 * InW + 1) + 1;

  (* anyconst *) logic [Lanes*InW-1:0] x;

  logic                    in_ready, out_valid, idle, cfg_err;
  logic [Lanes*AccW-1:0]   out_data;
  gqalut_pwl_int #(
    .InW       (InW),
    .ParW      (ParW),
    .MaxEntries(MaxEntries),
    .Lanes     (Lanes)
  ) u_dut (
    .clk_i      (clk_i),
    .rst_ni     (1'b1),
    .in_valid_i (1'b1),
    .in_ready_o (in_ready),
    .in_data_i  (x),
    .out_valid_o(out_valid),
    .out_ready_i(1'b1),
    .out_data_o (out_data),
    .cfg_we_i   (1'b0),
    .cfg_addr_i (12'd0),
    .cfg_wdata_i(64'd0),
    .idle_o     (idle),
    .cfg_err_o  (cfg_err)
  );

  `include "gqalut_formal_int_peek.svh"

  gqalut_formal_int_legal #(
    .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Requant(1'b1), .Options(Options), .Assume(1'b1)
  ) u_legal (
    .en_i      (1'b1),
    .n_i       (peek_n),
    .lambda_k_i(peek_lambda_k),
    .lambda_b_i(peek_lambda_b),
    .scale_i   (peek_scale),
    .rq_en_i   (peek_rq_en),
    .rq_frac_i (peek_rq_frac),
    .sym_i     (opt_sym)
  );

  // Rising edges since step 0 (saturating at 4).
  logic [2:0] edges = 3'd0;
  always_ff @(posedge clk_i) if (edges != 3'd4) edges <= edges + 3'd1;

  for (genvar l = 0; l < Lanes; l++) begin : gen_lane
    logic [AccW-1:0] want;
    logic            fits;
    gqalut_ref_int #(
      .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Options(Options)
    ) u_ref (
      .q_i       (x[l*InW +: InW]),
      .n_i       (16'(peek_n)),
      .bp_i      (peek_bp),
      .slope_i   (peek_slope),
      .icpt_i    (peek_icpt),
      .lambda_k_i(8'(peek_lambda_k)),
      .lambda_b_i(8'(peek_lambda_b)),
      .scale_i   (8'(peek_scale)),
      .rq_en_i   (peek_rq_en),
      .rq_frac_i (8'(peek_rq_frac)),
      .sym_i     (opt_sym),
      .center_i  (opt_center),
      .clamp_lo_i(opt_clamp_lo),
      .clamp_hi_i(opt_clamp_hi),
      .rel_i     (opt_rel),
      .origin_i  (opt_origin),
      .word_o    (want),
      .y_fits_o  (fits),
      .seg_o     (),
      .op_o      (),
      .prod_o    (),
      .icpt_sh_o ()
    );
    always_comb begin
      if (edges == 3'd4) begin
        assert (out_valid);
        assert (fits);
        assert (out_data[l*AccW +: AccW] == want);
      end
    end
  end

endmodule
