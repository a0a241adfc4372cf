// The INT unit's derived widths (gqalut_pwl_int's own formulas), shared by the formal testbenches
// of that unit. Included inside a module that has InW, ParW and MaxEntries. The reference
// (gqalut_ref_int.sv) keeps its own: it shares nothing with the RTL side on purpose.
localparam int AccW = 2 * ParW + InW + 1;
localparam int NW   = $clog2(MaxEntries + 1);
localparam int LW   = $clog2(ParW + 1);
localparam int SW   = $clog2(InW);
localparam int FW   = $clog2(2 * InW + 1) + 1;
