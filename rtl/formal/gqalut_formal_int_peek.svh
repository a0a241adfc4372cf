// The INT unit's register contents as wires of the formal top, connected to the unit's
// registers by rtl/formal/formal.py after flattening (a renamed RTL signal makes it fail,
// naming the signal). Without the datapath options (Options = 0) the option values are their
// reset values, which make the datapath §2 exactly.
(* keep *) logic [$clog2(MaxEntries+1)-1:0]     peek_n;
(* keep *) logic [(MaxEntries-1)*(InW+1)-1:0]   peek_bp;
(* keep *) logic [MaxEntries*ParW-1:0]          peek_slope, peek_icpt;
(* keep *) logic [$clog2(ParW+1)-1:0]           peek_lambda_k, peek_lambda_b;
(* keep *) logic [$clog2(InW)-1:0]              peek_scale;
(* keep *) logic                                peek_rq_en;
(* keep *) logic signed [$clog2(2*InW+1):0]     peek_rq_frac;
(* keep *) logic [2:0]                          peek_sym;
(* keep *) logic [ParW-1:0]                     peek_center;
(* keep *) logic [InW:0]                        peek_clamp_lo, peek_clamp_hi, peek_origin;
(* keep *) logic                                peek_rel;

logic [2:0]      opt_sym;
logic [ParW-1:0] opt_center;
logic [InW:0]    opt_clamp_lo, opt_clamp_hi, opt_origin;
logic            opt_rel;
assign opt_sym      = Options ? peek_sym : 3'd0;
assign opt_center   = Options ? peek_center : '0;
assign opt_clamp_lo = Options ? peek_clamp_lo : {1'b1, {InW{1'b0}}};
assign opt_clamp_hi = Options ? peek_clamp_hi : {1'b0, {InW{1'b1}}};
assign opt_rel      = Options ? peek_rel : 1'b0;
assign opt_origin   = Options ? peek_origin : '0;
