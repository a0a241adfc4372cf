# The unit's RTL, one file per line (relative to rtl/), leaf modules first. The one list that
# CMake (Verilator), rtl/lint/lint.sh, the Yosys scripts (rtl/syn/read_rtl.tcl) and the Icarus
# runner (tests/rtl/icarus.sh) read: a new module is added here and nowhere else.
gqalut_pipe_ctrl.sv
gqalut_cfg_ctrl.sv
gqalut_lut_regs.sv
gqalut_lambda_regs.sv
gqalut_int_regs.sv
gqalut_option_regs.sv
gqalut_scaler_regs.sv
gqalut_seg_index.sv
gqalut_cmp_int.sv
gqalut_fp32_ge.sv
gqalut_cmp_fp32.sv
gqalut_shifter.sv
gqalut_requant.sv
gqalut_fp32_class.sv
gqalut_fp32_round.sv
gqalut_fp32_mul.sv
gqalut_fp32_add.sv
gqalut_lead_one.sv
gqalut_range_select.sv
gqalut_core_code.sv
gqalut_range_reduce.sv
gqalut_int_lane.sv
gqalut_fp32_lane.sv
gqalut_pwl_int.sv
gqalut_pwl_fp32.sv
gqalut_pwl_scaler.sv
