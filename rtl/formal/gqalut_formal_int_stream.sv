// Stream and configuration properties of the INT unit (docs/pin-interface.md, "Handshake and
// pipeline", "Configuration registers"), proven by k-induction: every pin is free in every
// cycle (reset, valid, ready, data, configuration writes of any address and value), except
// that reset is low in the first cycle.
//
// The unit is the RTL's gqalut_pwl_int (pipeline control, configuration control and
// registers, shift amounts, lane wiring) with the lane datapath cut: formal.py reads
// standin/gqalut_int_lane.sv in place of rtl/gqalut_int_lane.sv, whose stage registers have
// the RTL's load enables and carry each lane's input code to its output word (docs/formal.md,
// "Stream and configuration", says why the composition with the datapath miter is sound).
//
// Scoreboard: one element, chosen freely among all accepted ones (pick), is tracked from its
// acceptance to its delivery; the elements ahead of it are counted. It must leave the unit
// only by delivery (or a reset), exactly after the elements accepted before it, with every
// lane's output word its own lane's input code. As any element can be the tracked one, no
// element is lost, duplicated or reordered and the lanes keep their order.
//
// The peek_* wires (connected by formal.py) read the unit's registers: the configuration, and,
// only to make the properties inductive, the pipeline's valid bits and the stage registers.
module gqalut_formal_int_stream #(
  parameter int InW        = 8,
  parameter int ParW       = InW,
  parameter int MaxEntries = 4,
  parameter int Lanes      = 2,
  parameter bit Options    = 1'b1    // the RTL has the datapath options (formal.py decides)
) (
  input logic clk_i
);

  `include "gqalut_formal_int_widths.svh"
  localparam int CfgW  = NW + (MaxEntries - 1) * (InW + 1) + 2 * MaxEntries * ParW + 2 * LW + SW + 1 + FW +
                         3 + ParW + 3 * (InW + 1) + 1;
  localparam logic [11:0] AddrClearError = 12'h006;

  (* anyseq *) logic                  rst_n, in_valid, out_ready, cfg_we, pick;
  (* anyseq *) logic [Lanes*InW-1:0]  in_data;
  (* anyseq *) logic [11:0]           cfg_addr;
  (* anyseq *) logic [63:0]           cfg_wdata;

  logic init = 1'b1;
  always_ff @(posedge clk_i) init <= 1'b0;
  always_comb if (init) assume (!rst_n);

  logic                  in_ready, out_valid, idle, cfg_err;
  logic [Lanes*AccW-1:0] out_data;
  gqalut_pwl_int #(
    .InW       (InW),
    .ParW      (ParW),
    .MaxEntries(MaxEntries),
    .Lanes     (Lanes),
    .Requant   (1'b1)
  ) u_dut (
    .clk_i      (clk_i),
    .rst_ni     (rst_n),
    .in_valid_i (in_valid),
    .in_ready_o (in_ready),
    .in_data_i  (in_data),
    .out_valid_o(out_valid),
    .out_ready_i(out_ready),
    .out_data_o (out_data),
    .cfg_we_i   (cfg_we),
    .cfg_addr_i (cfg_addr),
    .cfg_wdata_i(cfg_wdata),
    .idle_o     (idle),
    .cfg_err_o  (cfg_err)
  );

  `include "gqalut_formal_int_peek.svh"
  // Pipeline state, for the inductive invariants only: the valid bits and the stand-in lanes'
  // stage registers.
  (* keep *) logic [3:0]           peek_valid;
  (* keep *) logic [Lanes*InW-1:0] peek_x0, peek_x1, peek_x2;

  logic [CfgW-1:0] cfg;
  assign cfg = {peek_n, peek_bp, peek_slope, peek_icpt, peek_lambda_k, peek_lambda_b, peek_scale,
                peek_rq_en, peek_rq_frac, opt_sym, opt_center, opt_clamp_lo, opt_clamp_hi, opt_origin, opt_rel};
  localparam logic [CfgW-1:0] CfgReset = {
    NW'(1), {((MaxEntries - 1) * (InW + 1)){1'b0}}, {(2 * MaxEntries * ParW){1'b0}},
    LW'(ParW - 2), LW'(ParW - 2), SW'(0), 1'b0, FW'(0),
    3'd0, ParW'(0), {1'b1, {InW{1'b0}}}, {1'b0, {InW{1'b1}}}, (InW + 1)'(0), 1'b0};

  // The registers never leave the range the write checks enforce.
  gqalut_formal_int_legal #(
    .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Requant(1'b1), .Options(Options), .Assume(1'b0)
  ) u_legal (
    .en_i      (p_valid),
    .n_i       (peek_n),
    .lambda_k_i(peek_lambda_k),
    .lambda_b_i(peek_lambda_b),
    .scale_i   (peek_scale),
    .rq_en_i   (peek_rq_en),
    .rq_frac_i (peek_rq_frac),
    .sym_i     (opt_sym)
  );

  logic accepted, delivered;
  assign accepted  = rst_n && in_valid && in_ready;
  assign delivered = rst_n && out_valid && out_ready;

  // The previous cycle's pins and registers.
  logic                  p_valid = 1'b0;
  logic                  p_rst_n, p_out_valid, p_out_ready, p_cfg_we, p_idle, p_cfg_err;
  logic [11:0]           p_cfg_addr;
  logic [Lanes*AccW-1:0] p_out_data;
  logic [CfgW-1:0]       p_cfg;
  always_ff @(posedge clk_i) begin
    p_valid     <= 1'b1;
    p_rst_n     <= rst_n;
    p_out_valid <= out_valid;
    p_out_ready <= out_ready;
    p_out_data  <= out_data;
    p_cfg_we    <= cfg_we;
    p_cfg_addr  <= cfg_addr;
    p_idle      <= idle;
    p_cfg_err   <= cfg_err;
    p_cfg       <= cfg;
  end

  // Every property holds from the first reset on (the unit's registers are unknown before).
  always_comb begin
    assert (p_valid || init);
    // Handshake: the pipeline advances as a whole.
    assert (in_ready == (!out_valid || out_ready));
    if (p_valid && !p_rst_n) begin
      // Reset: every register at its reset value, nothing in flight, no error, output 0.
      assert (cfg == CfgReset);
      assert (!out_valid && idle && !cfg_err);
      assert (out_data == '0);
    end
    if (p_valid && p_rst_n) begin
      // A held output stays valid and unchanged.
      if (p_out_valid && !p_out_ready) assert (out_valid && (out_data == p_out_data));
      // Registers change only by a write accepted while idle.
      if (!(p_cfg_we && p_idle)) assert (cfg == p_cfg);
      // cfg_err_o: CLEAR_ERROR clears it, a write while busy sets it, nothing else but a
      // refused write changes it.
      if (p_cfg_we && (p_cfg_addr == AddrClearError)) assert (!cfg_err);
      else if (p_cfg_we && !p_idle) assert (cfg_err);
      else if (!p_cfg_we) assert (cfg_err == p_cfg_err);
    end
  end

  // Elements in flight: accepted and not yet delivered since the last reset.
  logic [2:0] inflight = 3'd0;
  always_ff @(posedge clk_i) begin
    if (!rst_n) inflight <= 3'd0;
    else inflight <= inflight + 3'(accepted) - 3'(delivered);
  end
  always_comb begin
    if (p_valid) begin
      assert (inflight <= 3'd4);
      assert (idle == (inflight == 3'd0));
      assert (inflight == 3'(peek_valid[0]) + 3'(peek_valid[1]) + 3'(peek_valid[2]) + 3'(peek_valid[3]));
    end
  end

  // The tracked element: its codes, its stage, the elements ahead of it (accepted before it
  // and not yet delivered), the configuration it is processed with (from the cycle after its
  // acceptance on, docs/pin-interface.md).
  logic                  tracked = 1'b0, fresh;
  logic [1:0]            pos;
  logic [2:0]            ahead;
  logic [Lanes*InW-1:0]  x_t;
  logic [CfgW-1:0]       cfg_t;
  always_ff @(posedge clk_i) begin
    fresh <= 1'b0;
    if (!rst_n) begin
      tracked <= 1'b0;
    end else if (!tracked) begin
      if (accepted && pick) begin
        tracked <= 1'b1;
        fresh   <= 1'b1;
        x_t     <= in_data;
        pos     <= 2'd0;
        ahead   <= inflight - 3'(delivered);
      end
    end else begin
      if (fresh) cfg_t <= cfg;
      if (in_ready) begin
        if (pos == 2'd3) tracked <= 1'b0;
        else pos <= pos + 2'd1;
      end
      if (delivered && (ahead != 3'd0)) ahead <= ahead - 3'd1;
    end
  end

  logic [2:0] above;   // valid stages after the tracked element's
  always_comb begin
    above = '0;
    for (int k = 0; k < 4; k++) if ((k > 32'(pos)) && peek_valid[k]) above = above + 3'd1;
  end

  always_comb begin
    if (tracked) begin
      // A running job's configuration does not change.
      if (!fresh) assert (cfg == cfg_t);
      // Inductive invariant: the element is in a valid stage, the elements ahead of it in the
      // stages after it.
      assert (peek_valid[pos] && (ahead == above));
      // It leaves only by delivery, exactly after the elements ahead of it.
      if (delivered && (ahead == 3'd0)) assert (pos == 2'd3);
    end
  end

  for (genvar l = 0; l < Lanes; l++) begin : gen_lane
    logic [InW-1:0] x;
    assign x = x_t[l*InW +: InW];
    always_comb begin
      if (tracked) begin
        // Delivered with its own code in every lane (the stand-in lane's word is its code).
        if (delivered && (ahead == 3'd0)) assert (out_data[l*AccW +: AccW] == AccW'(x));
        // Inductive invariant: the stage the element is in holds its code.
        case (pos)
          2'd0: assert (peek_x0[l*InW +: InW] == x);
          2'd1: assert (peek_x1[l*InW +: InW] == x);
          2'd2: assert (peek_x2[l*InW +: InW] == x);
          default: assert (out_data[l*AccW +: AccW] == AccW'(x));
        endcase
      end
    end
  end

endmodule
