// Thermometer-to-index: the segment index i = #{ j < N-1 : comparator j fires } (numeric-definition.md §2 step
// 1). Comparators at or beyond the active N-1 are masked, so stale breakpoints never fire. The
// count is exact for any comparator pattern, sorted or not.
module gqalut_seg_index #(
  parameter int MaxEntries = 32
) (
  input  logic [MaxEntries-2:0]           fire_i,
  input  logic [$clog2(MaxEntries+1)-1:0] n_i,
  output logic [$clog2(MaxEntries)-1:0]   idx_o
);

  localparam int NW   = $clog2(MaxEntries + 1);
  localparam int IdxW = $clog2(MaxEntries);

  always_comb begin
    idx_o = '0;
    for (int j = 0; j < MaxEntries - 1; j++) begin
      if (fire_i[j] && (NW'(j + 1) < n_i)) idx_o = idx_o + IdxW'(1);
    end
  end

endmodule
