# Reads the unit's RTL for synthesis from the one source list, rtl/gqalut.f (run yosys from
# rtl/). Sourced by the per-configuration scripts of rtl/syn/ with `tcl syn/read_rtl.tcl`.
set files {}
set fh [open gqalut.f]
foreach line [split [read $fh] "\n"] {
    set line [string trim $line]
    if {$line ne "" && [string index $line 0] ne "#"} { lappend files $line }
}
close $fh
yosys read_verilog -sv -DSYNTHESIS {*}$files
