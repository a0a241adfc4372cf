// Self-checking testbench on golden vectors written by `gqalut vectors` (sims/cli/vectors.cpp).
// The unit and its parameters come from vectors.vh in the working directory (or an include
// path). For each op of ops.hex: a configuration write (issued once the unit is idle, cfg_err_o
// must stay low) or a block of input vectors streamed with random valid gaps, while outputs
// are taken with random out_ready stalls and compared with expect.hex in order.
// Plusargs: +seed=N (random back-pressure), +gap=P and +stall=P (percent, default 30),
// +vcd=FILE (dump every signal).
// Parameter Requant (iverilog -Pgqalut_tb.Requant=0) builds the INT unit without the
// requantizer (vectors must then have it off). Prints "PASS: ..." or "FAIL: ..." and finishes.
module gqalut_tb #(
  parameter bit Requant = 1'b1
);

  `include "vectors.vh"

  localparam int InBits  = Lanes * InW;
  localparam int OutBits = Lanes * OutW;

  logic               clk, rst_n;
  logic               in_valid, in_ready, out_valid, out_ready, idle, cfg_err, cfg_we;
  logic [InBits-1:0]  in_data;
  logic [OutBits-1:0] out_data;
  logic [11:0]        cfg_addr;
  logic [63:0]        cfg_wdata;

`ifdef GQALUT_GATE_LEVEL
  // A Yosys netlist of one configuration (tests/rtl/icarus.sh with GATE_LEVEL): no parameters.
  `define GQALUT_PARAMS(p)
`else
  `define GQALUT_PARAMS(p) #p
`endif

  if (Kind == 0) begin : gen_int
    gqalut_pwl_int `GQALUT_PARAMS((
      .InW(InW), .ParW(ParW), .MaxEntries(MaxEntries), .Lanes(Lanes), .Requant(Requant != 1'b0)
    )) u_dut (
      .clk_i(clk), .rst_ni(rst_n), .in_valid_i(in_valid), .in_ready_o(in_ready), .in_data_i(in_data),
      .out_valid_o(out_valid), .out_ready_i(out_ready), .out_data_o(out_data), .cfg_we_i(cfg_we),
      .cfg_addr_i(cfg_addr), .cfg_wdata_i(cfg_wdata), .idle_o(idle), .cfg_err_o(cfg_err)
    );
  end else if (Kind == 1) begin : gen_fp32
    gqalut_pwl_fp32 `GQALUT_PARAMS((
      .MaxEntries(MaxEntries), .Lanes(Lanes)
    )) u_dut (
      .clk_i(clk), .rst_ni(rst_n), .in_valid_i(in_valid), .in_ready_o(in_ready), .in_data_i(in_data),
      .out_valid_o(out_valid), .out_ready_i(out_ready), .out_data_o(out_data), .cfg_we_i(cfg_we),
      .cfg_addr_i(cfg_addr), .cfg_wdata_i(cfg_wdata), .idle_o(idle), .cfg_err_o(cfg_err)
    );
  end else begin : gen_scaler
    gqalut_pwl_scaler `GQALUT_PARAMS((
      .InW(InW), .CoreW(CoreW), .ParW(ParW), .MaxEntries(MaxEntries), .Lanes(Lanes)
    )) u_dut (
      .clk_i(clk), .rst_ni(rst_n), .in_valid_i(in_valid), .in_ready_o(in_ready), .in_data_i(in_data),
      .out_valid_o(out_valid), .out_ready_i(out_ready), .out_data_o(out_data), .cfg_we_i(cfg_we),
      .cfg_addr_i(cfg_addr), .cfg_wdata_i(cfg_wdata), .idle_o(idle), .cfg_err_o(cfg_err)
    );
  end

  logic [79:0]        ops     [0:NumOps-1];
  logic [InBits-1:0]  inputs  [0:NumVectors-1];
  logic [OutBits-1:0] expects [0:NumVectors-1];

  int unsigned seed, gap, stall;
  int          sent, received, mismatches, cfg_fails, cycles;

  // Clock: 10 time units. Inputs change on the falling edge, the unit samples on the rising.
  initial clk = 1'b0;
  always #5 clk = ~clk;

  // Output side: random stalls; every handshake is compared in order with expect.hex.
  always @(negedge clk) begin
    out_ready <= ($urandom % 100) >= stall;
  end
  always @(posedge clk) begin
    cycles <= cycles + 1;
    if (rst_n && out_valid && out_ready) begin
      if (received >= NumVectors) begin
        $display("FAIL: output vector %0d beyond the %0d expected", received, NumVectors);
        mismatches <= mismatches + 1;
      end else if (out_data !== expects[received]) begin
        if (mismatches < 5)
          $display("FAIL: vector %0d (cycle %0d): input %h expected %h got %h", received, cycles,
                   inputs[received], expects[received], out_data);
        mismatches <= mismatches + 1;
      end
      received <= received + 1;
    end
  end

  task automatic wait_idle;
    in_valid <= 1'b0;
    do @(negedge clk); while (!idle || received != sent);
  endtask

  initial begin : p_main
    int n;
    string vcd;
    if ($value$plusargs("vcd=%s", vcd)) begin
      $dumpfile(vcd);
      $dumpvars(0, gqalut_tb);
    end
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    if (!$value$plusargs("gap=%d", gap)) gap = 30;
    if (!$value$plusargs("stall=%d", stall)) stall = 30;
    n = $urandom(seed);   // seeds the generator
    $readmemh("ops.hex", ops);
    $readmemh("in.hex", inputs);
    $readmemh("expect.hex", expects);
    sent = 0;
    received = 0;
    mismatches = 0;
    cfg_fails = 0;
    cycles = 0;
    rst_n = 1'b0;
    in_valid = 1'b0;
    in_data = '0;
    cfg_we = 1'b0;
    cfg_addr = '0;
    cfg_wdata = '0;
    repeat (3) @(negedge clk);
    rst_n <= 1'b1;
    @(negedge clk);
    for (int op = 0; op < NumOps; op++) begin
      case (ops[op][79:76])
        4'h1: begin   // configuration write, once idle
          wait_idle();
          cfg_we <= 1'b1;
          cfg_addr <= ops[op][75:64];
          cfg_wdata <= ops[op][63:0];
          @(negedge clk);
          cfg_we <= 1'b0;
          if (cfg_err && cfg_fails == 0) begin   // sticky: report the first ignored write
            $display("FAIL: configuration write %h = %h ignored (cfg_err_o)", ops[op][75:64], ops[op][63:0]);
          end
          if (cfg_err) cfg_fails = cfg_fails + 1;
        end
        4'h2: begin   // stream ops[op][63:0] input vectors
          n = int'(ops[op][31:0]);
          while (n > 0) begin
            in_valid <= ($urandom % 100) >= gap;
            in_data <= inputs[sent];
            @(posedge clk);
            if (in_valid && in_ready) begin
              sent = sent + 1;
              n = n - 1;
            end
            @(negedge clk);
          end
          in_valid <= 1'b0;
        end
        default: ;
      endcase
    end
    wait_idle();
    if (cfg_err) begin
      $display("FAIL: cfg_err_o is set at the end (%0d writes issued while it was set)", cfg_fails);
      cfg_fails = cfg_fails + 1;
    end
    if (mismatches == 0 && cfg_fails == 0 && received == NumVectors)
      $display("PASS: %0d vectors (%0d elements) compared, 0 mismatches, %0d cycles", received, received * Lanes, cycles);
    else
      $display("FAIL: %0d of %0d vectors compared, %0d mismatches, %0d configuration failures", received,
               NumVectors, mismatches, cfg_fails);
    $finish;
  end

  // Watchdog.
  initial begin : p_watchdog
    repeat (100 * (NumVectors + NumOps) + 1000) @(posedge clk);
    $display("FAIL: timeout after %0d cycles (%0d of %0d vectors out)", cycles, received, NumVectors);
    $finish;
  end

endmodule
