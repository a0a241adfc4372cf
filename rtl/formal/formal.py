#!/usr/bin/env python3
"""Formal proofs of the RTL (docs/formal.md): Yosys writes the SMT-LIB netlist of a proof top
(rtl/formal/gqalut_formal_*.sv around the unit, RTL read through rtl/gqalut.f), yosys-smtbmc
proves it with z3 (the stream proofs and the lane stage lemma: cvc4).

  formal.py list                       the proofs, one a line
  formal.py run PROOF [--mutant] [--vcd FILE] [--rtl DIR] [--keep DIR]

run: exit 0 if the proof holds. With --mutant the proof runs on a copy of the RTL with the
proof's one mutation applied (an operator or constant changed, made here from the tree's
file, never a kept copy) and exit 0 means the proof rejected it with a counterexample from
the initial state, which --vcd writes as a waveform (or a netlist check of the proof rejected
it). Exit 1: the proof failed (or a mutant survived); 2: bad request.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RTL = os.path.dirname(HERE)


def int_peeks(options):
    """connect commands: the INT unit's registers onto the peek_* wires of the proof top."""
    regs = [("n", "n_entries"), ("bp", "bp"), ("slope", "slope"), ("icpt", "icpt"),
            ("lambda_k", "lambda_k"), ("lambda_b", "lambda_b"), ("scale", "scale"),
            ("rq_en", "rq_en"), ("rq_frac", "rq_frac")]
    if options:
        regs += [("sym", "sym"), ("center", "center"), ("clamp_lo", "clamp_lo"),
                 ("clamp_hi", "clamp_hi"), ("rel", "rel"), ("origin", "origin")]
    return ["connect -nounset -set peek_%s u_dut.%s" % (p, r) for p, r in regs]


def lane_peeks(lanes, fields):
    """connect commands: each lane's stage register reg onto its slice of the wire peek."""
    return ["connect -nounset -set peek_%s[%d:%d] u_dut.gen_lane[%d].u_lane.%s"
            % (peek, (lane + 1) * width - 1, lane * width, lane, reg)
            for peek, reg, width in fields for lane in range(lanes)]


def datapath_peeks(options, lanes, inw, parw, entries):
    """The stage registers the datapath miter's stage lemmas name."""
    opw = inw + 1 if options else inw
    accw = max(2 * parw + opw, 2 * parw + inw - 1) + 1
    return lane_peeks(lanes, [("x1", "x1_q", inw), ("idx1", "idx1_q", (entries - 1).bit_length()),
                              ("op1", "op1_q", opw), ("prod2", "prod2_q", parw + opw),
                              ("icpt2", "icpt2_q", 2 * parw + inw - 1), ("inv2", "inv2_q", 1),
                              ("usec2", "usec2_q", 1), ("av2", "av2_q", inw if options else 1),
                              ("acc", "acc", accw), ("y", "y", accw + 1 if options else accw),
                              ("outd", "out_d", 2 * parw + inw + 1), ("e2", "e2_q", 1)])


def stream_peeks(lanes, inw):
    """The pipeline state the stream proof's inductive invariants name: the valid bits and the
    stand-in lanes' stage registers."""
    cmds = ["connect -nounset -set peek_valid u_dut.u_pipe_ctrl.valid_q"]
    for stage in ("x0", "x1", "x2"):
        for lane in range(lanes):
            cmds.append("connect -nounset -set peek_%s[%d:%d] u_dut.gen_lane[%d].u_lane.%s_q"
                        % (stage, (lane + 1) * inw - 1, lane * inw, lane, stage))
    return cmds


# The real INT lane's registers (as gqalut_pwl_int builds it), stages S0..S2
# (gqalut_formal_int_lane_stages.sv); S3 is out_q.
LANE_STAGES = [["x0_q", "e0_q"], ["x1_q", "idx1_q", "e1_q", "op1_q"],
               ["prod2_q", "icpt2_q", "e2_q", "av2_q", "inv2_q", "usec2_q"]]


def lane_stage_peeks():
    """The lane's registers onto the proof top's wires of the same names, after checking that
    the lane has no other register (a new one must be placed in a stage)."""
    regs = [r for stage in LANE_STAGES for r in stage] + ["out_q"]
    listed = " ".join("w:u_lane.%s" % r for r in regs) + " %u" * (len(regs) - 1)
    cmds = ["select -assert-none t:$*ff* %%co:+[Q] w:u_lane.* %%i %s %%d" % listed]
    return cmds + ["connect -nounset -set %s u_lane.%s" % (r, r) for r in regs[:-1]]


def lane_stage_cones(files, params):
    """Yosys commands failing unless each register of stage k of the lane alone, with
    ld_i[k] = 1 and no reset, has in its fan-in cone (up to registers) only registers of stage
    k-1 (S0: the inputs x_i, e_i) and the configuration inputs: no other register, no other
    load enable, no reset."""
    ffs = "t:$*ff*"
    stop = "$dff,$dffe,$sdff,$sdffe,$sdffce,$adff,$adffe,$aldff,$aldffe,$dffsr,$dffsre,$ff[Q]"
    cmds = ["design -reset", "read_verilog -sv " + " ".join(files),
            "chparam %s gqalut_int_lane" % " ".join("-set %s %d" % kv for kv in params.items()),
            "prep -flatten -top gqalut_int_lane", "design -save lane"]
    stages = LANE_STAGES + [["out_q"]]
    for k, regs in enumerate(stages):
        prev = stages[k - 1] if k else []
        other = "%s %%co:+[Q] w:* %%i" % ffs   # registers other than stage k-1's
        if prev:
            other += " " + " ".join("w:%s" % r for r in prev) + " %u" * (len(prev) - 1) + " %d"
        other += " w:ld_i %u w:rst_ni %u" + ("" if k == 0 else " w:x_i %u w:e_i %u w:a_i %u w:z_i %u")
        cmds += ["design -load lane", "connect -set ld_i[%d] 1'b1" % k, "connect -set rst_ni 1'b1",
                 "opt -full", "opt_clean", "select -set other " + other]
        cmds += ["select -assert-none w:%s %%ci:+[Q] %s %%i %%ci*:-%s @other %%i" % (r, ffs, stop) for r in regs]
    return cmds


def int_datapath(inw, entries, lanes, products, mutant, part=0):
    """part: the part of the miter (gqalut_formal_int_datapath)."""
    params = {"InW": inw, "MaxEntries": entries, "Lanes": lanes, "Part": part}
    proof = {
        "top": "gqalut_formal_int_datapath",
        # The requantizer of both sides is one uninterpreted function (standin/), proven
        # equal to the reference's separately (the requant_* proofs).
        "files": ["standin/gqalut_formal_requant_fn.sv", "standin/gqalut_ref_requant.sv", "gqalut_ref_int.sv",
                  "gqalut_formal_int_legal.sv", "gqalut_formal_int_datapath.sv"],
        "replace": {"gqalut_requant.sv": "standin/gqalut_requant.sv"},
        "params": params,
        "peeks": lambda o: int_peeks(o) + datapath_peeks(o, lanes, inw, inw, entries),
        "products": products,   # multiplications made uninterpreted (abstract.py), per options
        "steps": 5 if part == 0 else 1,
        "mutant": mutant,
    }
    # Solvers, measured per part (docs/formal.md): the pipeline part with z3 on the unrolled
    # netlist (one constant per term and step, yosys-smtbmc --unroll, in place of z3's
    # expansion of nested define-funs, which did not read the netlist with the options in
    # 120 s; cvc4 did not finish it in 150 s); the last stage's parts with cvc4 (z3 took 131 s
    # for y and did not finish out in 150 s, cvc4 11 s and 4 s).
    proof.update({"unroll": True, "logic": "QF_UFBV"} if part == 0 else {"solver": "cvc4"})
    return proof


# Mutants: (file in rtl/, text, replacement); the text must occur exactly once.
MUT_CMP = ("gqalut_cmp_int.sv", "assign fire[j] = bp_ext <= x_ext;", "assign fire[j] = bp_ext < x_ext;")
MUT_SHIFT = ("gqalut_pwl_int.sv", "assign shift_p  = lambda_o - lambda_k;",
             "assign shift_p  = lambda_o - lambda_b;")
MUT_PIPE = ("gqalut_pipe_ctrl.sv", "assign en      = ~valid_q[Depth-1] | out_ready_i;",
            "assign en      = ~valid_q[Depth-2] | out_ready_i;")

# Stream proofs: a stage loads while the pipeline holds (elements overwritten); the lanes'
# inputs swapped; a write accepted while busy; a register's reset value (of the unit; of the
# lane, for the lane stage lemma).
MUT_LD = ("gqalut_pipe_ctrl.sv", "assign ld_o    = enter & {Depth{en}};", "assign ld_o    = enter | {Depth{en}};")
MUT_LANES = ("gqalut_pwl_int.sv", ".x_i        (in_data_i[l*InW +: InW]),",
             ".x_i        (in_data_i[(1-l)*InW +: InW]),")
MUT_BUSY = ("gqalut_cfg_ctrl.sv", "assign wr_o     = cfg_we_i & idle_i;", "assign wr_o     = cfg_we_i | idle_i;")
MUT_CONE = ("gqalut_int_lane.sv", "? $signed(x1_q) : '0;", "? $signed(x0_q) : '0;")
MUT_LANE_RESET = ("gqalut_int_lane.sv", "      prod2_q <= '0;", "      prod2_q <= '1;")
MUT_RESET = ("gqalut_lambda_regs.sv", "lambda_k_q <= LW'(ParW - 2);", "lambda_k_q <= LW'(ParW - 1);")

MUT_RQ = ("gqalut_requant.sv", "assign rm1     = r_i - RW'(1);", "assign rm1     = r_i - RW'(0);")


def requant(accw, outw, rw):
    return {
        "top": "gqalut_formal_requant",
        "files": ["gqalut_ref_requant.sv", "gqalut_formal_requant.sv"],
        "params": {"AccW": accw, "OutW": outw, "RW": rw},
        "peeks": lambda o: [],
        "products": -1,
        "steps": 1,
        "mutant": MUT_RQ,
    }


def int_range(inw, entries):
    return {
        "top": "gqalut_formal_int_range",
        "files": ["gqalut_ref_requant.sv", "gqalut_ref_int.sv", "gqalut_formal_int_legal.sv",
                  "gqalut_formal_int_range.sv"],
        "params": {"InW": inw, "MaxEntries": entries},
        "peeks": lambda o: [],
        "products": 1,   # the reference's K * d, bounded by the lemma's assumption
        "steps": 1,
        "unroll": True,
        "logic": "QF_UFBV",
        # The bound twice as wide as |K d| can be: y no longer fits, the lemma must fail.
        "mutant": {"Slack": 1},
    }


MUT_RNE = ("gqalut_fp32_round.sv", "assign round_up = guard_i & (sticky_i | mant_i[0]);",
           "assign round_up = guard_i & sticky_i;")


MUT_BIAS = ("gqalut_fp32_mul.sv", "- 10'sd127 +", "- 10'sd126 +")

# FP32 add mutants for the cases without a rounding tie: exact cancellation gives -0; +0 + -0
# gives -0; infinities of different signs give an infinity; x + 0 drops x's last bit; x + inf
# takes x's sign; a rounding carry does not increment the exponent (|d| >= 26, where the result
# is the greater operand, rounded back up to it after a subtraction from a power of two).
MUT_CANCEL = ("gqalut_fp32_add.sv", "y_o = 32'd0;  ", "y_o = 32'h8000_0000;  ")
MUT_ZERO_SIGN = ("gqalut_fp32_add.sv", "y_o = {a_sign & b_sign, 31'd0};", "y_o = {a_sign | b_sign, 31'd0};")
MUT_INF_NAN = ("gqalut_fp32_add.sv", "(a_inf && b_inf && (a_sign != b_sign))", "(a_inf && b_inf && (a_sign == b_sign))")
MUT_PLUS_ZERO = ("gqalut_fp32_add.sv", "y_o = a_i;", "y_o = {a_i[31:1], 1'b0};")
MUT_PLUS_INF = ("gqalut_fp32_add.sv", "y_o = {b_sign, 8'hFF, 23'd0};", "y_o = {a_sign, 8'hFF, 23'd0};")
MUT_CARRY = ("gqalut_fp32_round.sv", "assign exp_o    = exp_i + $signed({9'd0, mant_r[24]});",
             "assign exp_o    = exp_i;")

# Solver settings of the FP32 proofs: the netlist unrolled into constants and z3's QF_BVFP
# logic, which bit-blasts the FloatingPoint terms up front (with the netlist's define-funs and
# logic ALL the full add did not finish in 600 s; unrolled, 520 s). cvc4 1.8 as packaged has
# no FloatingPoint theory (built without SymFPU: "Expected CVC4 to be compiled with SymFPU").
FP32_SOLVER = {"unroll": True, "logic": "QF_BVFP"}

# Exponent ranges of the FP32 add cases: both operands normal (biased exponent 1..254).
FP32_NORMAL = {"ExpALo": 1, "ExpAHi": 254, "ExpBLo": 1, "ExpBHi": 254}
FP32_SPACE = {"ExpALo": 0, "ExpAHi": 255, "ExpBLo": 0, "ExpBHi": 255, "DiffLo": -255, "DiffHi": 255,
              "SumLo": 0, "SumHi": 510, "Signs": 0}


def fp32_add_cases():
    """The FP32 add against fp.add in cases that together cover every operand pair
    (fp32_covered checks it): a's exponent 0 (zero, subnormal) or 255 (inf, NaN), b free;
    a normal and b's exponent 0 or 255; both normal by exponent difference d = ea - eb, each
    d in -26..26 (d = 0 and +-1, where the difference cancels, by same or different signs),
    d >= 27 and d <= -27 (b or a only sticky). The RTL swaps the operands by magnitude, so both
    orders are proven (negative d, "m")."""
    cases = {"a_zero": ({"ExpAHi": 0}, MUT_ZERO_SIGN), "a_max": ({"ExpALo": 255}, MUT_INF_NAN),
             "b_zero": (dict(ExpALo=1, ExpAHi=254, ExpBHi=0), MUT_PLUS_ZERO),
             "b_max": (dict(ExpALo=1, ExpAHi=254, ExpBLo=255), MUT_PLUS_INF)}
    for d in range(-26, 27):
        name = "d%d" % d if d >= 0 else "dm%d" % -d
        if abs(d) <= 1:
            for signs, kind in ((1, "same"), (2, "diff")):
                # Same exponent, different signs: the difference is exact (never rounds).
                mutant = MUT_CANCEL if (d == 0 and signs == 2) else MUT_RNE
                cases["%s_%s" % (name, kind)] = (dict(FP32_NORMAL, DiffLo=d, DiffHi=d, Signs=signs), mutant)
        else:
            # From |d| = 26 on no sum is a tie (the smaller operand is below half an ulp).
            cases[name] = (dict(FP32_NORMAL, DiffLo=d, DiffHi=d), MUT_RNE if abs(d) < 26 else MUT_CARRY)
    cases["d27_up"] = (dict(FP32_NORMAL, DiffLo=27), MUT_CARRY)
    cases["dm27_down"] = (dict(FP32_NORMAL, DiffHi=-27), MUT_CARRY)
    return {"fp32_add.%s" % name: fp32(True, mutant=mutant, **space) for name, (space, mutant) in cases.items()}


def fp32_in(p, ea, eb, same):
    """Whether biased exponents ea, eb with signs alike (same) lie in the sub-space p (every
    parameter of FP32_SPACE given), as gqalut_formal_fp32_op assumes it."""
    return (p["ExpALo"] <= ea <= p["ExpAHi"] and p["ExpBLo"] <= eb <= p["ExpBHi"] and
            p["DiffLo"] <= ea - eb <= p["DiffHi"] and p["SumLo"] <= ea + eb <= p["SumHi"] and
            p["Signs"] in (0, 1 if same else 2))


def fp32_covered(family):
    """None if the family's cases cover every operand pair, else the first pair they miss.
    Only exponents and the signs' agreement are restricted, so their 256 * 256 * 2
    combinations cover all 2^64 pairs."""
    spaces = []
    for name, proof in PROOFS.items():
        if name.startswith(family + "."):
            space = {k: v for k, v in proof["params"].items() if k not in ("Add", "Exact", "Round")}
            if set(space) - set(FP32_SPACE):
                return "%s fixes operand bits (%s)" % (name, ", ".join(sorted(set(space) - set(FP32_SPACE))))
            spaces.append(dict(FP32_SPACE, **space))
    if not spaces:
        return "no case"
    for ea in range(256):
        for eb in range(256):
            for same in (True, False):
                if not any(fp32_in(s, ea, eb, same) for s in spaces):
                    return "ea %d, eb %d, %s signs" % (ea, eb, "same" if same else "different")
    return None


def fp32(add, exact=False, products=None, mutant=MUT_RNE, rnd=False, **space):
    """FP32 operator against the SMT-LIB specification; space: parameters of
    gqalut_formal_fp32_op selecting a sub-space (none: every operand pair)."""
    params = {"Add": int(add), "Exact": int(exact), "Round": int(rnd)}
    params.update(space)
    return {
        "top": "gqalut_formal_fp32_op",
        "files": ["standin/gqalut_formal_fp32_spec.sv", "gqalut_formal_fp32_op.sv"] +
                 (["standin/gqalut_formal_fp32_mul_exact_spec.sv"] if exact else []) +
                 (["standin/gqalut_formal_fp32_mul_round_spec.sv"] if rnd else []),
        "prelude": ["gqalut_fp32_spec.smt2"] + (["gqalut_fp32_mul_exact.smt2"] if exact else []) +
                   (["gqalut_fp32_exact_product.smt2", "gqalut_fp32_mul_round.smt2"] if rnd else []),
        "params": params,
        "peeks": lambda o: [],
        "products": -1 if products is None else products,
        "steps": 1,
        "mutant": mutant,
        **FP32_SOLVER,
    }


def stream(lanes, entries, depth, mutant, mutant_depth=4, inw=8):
    """depth: of the base case and of the induction step; mutant_depth: of the search for the
    mutant's counterexample (a trace from reset, BMC only)."""
    return {
        "top": "gqalut_formal_int_stream",
        "files": ["gqalut_formal_int_legal.sv", "gqalut_formal_int_stream.sv"],
        # The lane datapath cut: stage registers with the RTL's enables carrying the codes.
        "replace": {"gqalut_int_lane.sv": "standin/gqalut_int_lane.sv"},
        "params": {"InW": inw, "MaxEntries": entries, "Lanes": lanes},
        "peeks": lambda o: int_peeks(o) + stream_peeks(lanes, inw),
        "products": -1,
        "steps": depth,
        "mutant_steps": mutant_depth,
        "induction": True,   # BMC from the initial state for `steps` cycles, then k-induction
        # z3 4.8.12 does not finish reading this netlist (the transition relation of the
        # configuration registers' write logic); cvc4 reads and proves it in seconds.
        "solver": "cvc4",
        "mutant": mutant,
    }


def lane_stages(entries, mutant=None, inw=8):
    return {
        "top": "gqalut_formal_int_lane_stages",
        "files": ["standin/gqalut_formal_requant_fn.sv", "gqalut_formal_int_lane_stages.sv"],
        "replace": {"gqalut_requant.sv": "standin/gqalut_requant.sv"},
        "params": {"InW": inw, "MaxEntries": entries},
        "peeks": lambda o: lane_stage_peeks(),
        # The lane as gqalut_pwl_int builds it at ParW = InW.
        "post": lambda files, o: lane_stage_cones(files, {
            "InW": inw, "ParW": inw, "MaxEntries": entries, "MaxScale": inw - 1,
            "RW": (3 * inw).bit_length() + 1, "RqOutW": inw, "OutW": 3 * inw + 1, "Options": int(o)}),
        "products": 1,
        "steps": 2,      # one rising edge from an arbitrary state
        "solver": "cvc4",
        "mutant": mutant or MUT_LANE_RESET,
    }


PROOFS = {
    # Stream and configuration properties of the INT unit, every pin free in every cycle.
    # (the overwritten element needs a full pipeline and a stall: 7 cycles from reset)
    "stream_int8_n2": stream(1, 2, 4, MUT_LD, 7),
    "stream_int8_l2_n2": stream(2, 2, 4, MUT_LANES),
    "stream_int8_l2": stream(2, 32, 4, MUT_PIPE),
    "stream_int8_l4": stream(4, 32, 4, MUT_LANES),
    "stream_int16_l2_n2": stream(2, 2, 4, MUT_LANES, inw=16),
    "stream_int32_l2_n2": stream(2, 2, 4, MUT_LANES, inw=32),
    "stream_int32_l2": stream(2, 32, 4, MUT_PIPE, inw=32),
    # The real lane's stages load and reset like the stand-in's (the cut's soundness).
    "lane_stages_int8": lane_stages(32),
    # The same lemma, its fan-in check's mutant: stage 2 reads a stage-0 register.
    "lane_stages_int8_cone": lane_stages(32, MUT_CONE),
    "lane_stages_int16": lane_stages(32, inw=16),
    "lane_stages_int32": lane_stages(32, inw=32),
    # The proof stream_int8_n2 with the mutants of the configuration properties.
    "stream_int8_n2_busy": stream(1, 2, 4, MUT_BUSY),
    "stream_int8_n2_reset": stream(1, 2, 4, MUT_RESET),
    # FP32 add against fp.add: every operand pair in one proof (about 9 minutes), and split
    # (fp32_add.*, fp32_add_cases).
    "fp32_add": fp32(True),
    # FP32 multiply against the bit-vector definition of IEEE rounding, the 48-bit significand
    # product uninterpreted on both sides: every operand pair.
    "fp32_mul_exact": fp32(False, exact=True, products=1),
    # FP32 multiply against fp.mul: b a power of two (fraction 0), every sign and exponent. The
    # product is then exact (no rounding ties), so its mutant is the exponent bias.
    "fp32_mul_pow2": fp32(False, mutant=MUT_BIAS, FixB=0x7FFFFF, ValB=0),
    # FP32 multiply against fp.mul directly, every operand pair (did not finish: the RTL's and
    # z3's 24-bit multipliers to equate; fp32_mul_round names the product instead).
    "fp32_mul": fp32(False),
    # FP32 multiply against fp.mul: b's fraction has its 8 high bits free, the rest 0.
    "fp32_mul_b8": fp32(False, FixB=0x7FFF, ValB=0),
    # FP32 multiply against SMT-LIB's rounding (to_fp RNE) of the exact product a * b =
    # P * 2^(ea + eb - 300), the 48-bit significand product P uninterpreted on both sides (any
    # function with P >= 2^46): every operand pair.
    "fp32_mul_round": fp32(False, rnd=True, products=1),
    # Its lemma: the specification's binary64 of P * 2^(ea + eb - 300), built from bits, equals
    # the one from SMT-LIB operations (to_fp_unsigned, fp.mul by the power of two).
    "fp32_mul_scale": {
        "top": "gqalut_formal_fp32_scale",
        "files": ["standin/gqalut_formal_fp32_mul_round_spec.sv", "gqalut_formal_fp32_scale.sv"],
        "prelude": ["gqalut_fp32_exact_product.smt2"],
        "params": {"Skew": 0},
        "peeks": lambda o: [],
        "products": -1,
        "steps": 1,
        "mutant": {"Skew": 1},
        **FP32_SOLVER,
    },
    # That bound for the RTL's product itself (bvmul, not abstracted): P >= 2^46.
    "fp32_mul_bound": {
        "top": "gqalut_formal_fp32_prod_bound",
        "files": ["gqalut_formal_fp32_prod_bound.sv"],
        "params": {"BoundLog2": 46},
        "peeks": lambda o: [],
        "products": -1,
        "steps": 1,
        # A bound twice as large, which the product of 1.0 and 1.0 (2^46) does not meet.
        "mutant": {"BoundLog2": 47},
    },
    # The requantizer lemma at the INT unit's widths: every accumulator, every shift code.
    # The requantizer lemma at the widths the INT unit instantiates it with (gqalut_int_lane
    # with the datapath options: y has AccW + 1 = 2W + k + 2 bits, r has RW bits).
    "requant_int8": requant(27, 8, 6),
    "requant_int16": requant(51, 16, 7),
    "requant_int32": requant(99, 32, 8),
    # Range lemma (reference only): y fits the AccW-bit output word.
    "int8_range": int_range(8, 32),
    "int16_range": int_range(16, 32),
    "int32_range": int_range(32, 32),
    # INT-k datapath: the product K * d uninterpreted on both sides (one per lane each), the
    # requantizer one uninterpreted function (its own proofs: requant_*).
    "int8_n4": int_datapath(8, 4, 1, 2, MUT_CMP),
    "int8": int_datapath(8, 8, 1, 2, MUT_CMP),
    "int8_n32": int_datapath(8, 32, 1, 2, MUT_CMP),
    "int8_l2": int_datapath(8, 8, 2, 4, MUT_SHIFT),
    "int16": int_datapath(16, 8, 1, 2, MUT_SHIFT),
    "int16_n32": int_datapath(16, 32, 1, 2, MUT_SHIFT),
    "int32": int_datapath(32, 8, 1, 2, MUT_SHIFT),
    "int32_n32": int_datapath(32, 32, 1, 2, MUT_SHIFT),
}


MUT_CENTER = ("gqalut_int_lane.sv", "assign center_term = YW'(center_i) <<< (YW'(sb_i) + YW'(1));",
              "assign center_term = YW'(center_i) <<< (YW'(sb_i) + YW'(0));")
MUT_RSHIFT = ("gqalut_pwl_int.sv", "- RW'(rq_frac);", "+ RW'(rq_frac);")


def int_parts(prefix, inw, entries):
    """The INT datapath miter in its four parts (gqalut_formal_int_datapath, Part), every
    register content and input in each: together the miter's claim."""
    parts = [("pipe", MUT_CMP), ("acc", MUT_SHIFT), ("y", MUT_CENTER), ("out", MUT_RSHIFT)]
    return {"%s.%s" % (prefix, name): int_datapath(inw, entries, 1, 2, mutant, part)
            for part, (name, mutant) in enumerate(parts)}


PROOFS.update(fp32_add_cases())
FP32_FAMILIES = ["fp32_add"]


for prefix, inw, entries in [("int8_n4", 8, 4), ("int8", 8, 32), ("int16_n4", 16, 4), ("int16", 16, 32),
                             ("int32_n4", 32, 4), ("int32", 32, 32)]:
    PROOFS.update(int_parts(prefix, inw, entries))


def call(cmd):
    """Runs cmd in its own process group, killed with this process (ctest's TIMEOUT)."""
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)

    def stop(signum, frame):
        os.killpg(child.pid, signal.SIGKILL)
        sys.exit(1)
    old = signal.signal(signal.SIGTERM, stop)
    try:
        out, _ = child.communicate()
    finally:
        signal.signal(signal.SIGTERM, old)
    return child.returncode, out


def rtl_files(rtl):
    with open(os.path.join(rtl, "gqalut.f")) as f:
        names = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    return [os.path.join(rtl, n) for n in names]


def has_options(rtl):
    return any(os.path.basename(p) == "gqalut_option_regs.sv" for p in rtl_files(rtl))


def yosys_int(v):
    """An integer parameter value as chparam reads it (it does not read a minus sign)."""
    return "%d" % v if v >= 0 else "32'sh%08X" % (v & 0xFFFFFFFF)


def yosys_script(proof, rtl, options, smt2, mutant=False):
    replace = proof.get("replace", {})
    files = [os.path.join(HERE, replace[os.path.basename(p)]) if os.path.basename(p) in replace else p
             for p in rtl_files(rtl)]
    files += [os.path.join(HERE, f) for f in proof["files"]]
    params = dict(proof["params"])
    if mutant and isinstance(proof["mutant"], dict):
        params.update(proof["mutant"])
    if proof["top"].startswith("gqalut_formal_int"):
        params["Options"] = int(options)
    lines = ["read_verilog -formal -sv -I%s %s" % (HERE, " ".join(files)),
             "chparam %s %s" % (" ".join("-set %s %s" % (k, yosys_int(v)) for k, v in params.items()), proof["top"]),
             "prep -flatten -top %s" % proof["top"]]
    lines += proof["peeks"](options)
    lines += ["async2sync", "dffunmap", "opt_clean", "write_smt2 -wires %s" % smt2]
    if "post" in proof:
        lines += proof["post"](rtl_files(rtl), options)
    return "\n".join(lines) + "\n"


def mutate(rtl, mutant, work):
    """A copy of the RTL directory's sources with the mutation applied."""
    if isinstance(mutant, dict):   # a lemma about the reference: its mutant is a parameter
        return rtl
    name, text, repl = mutant
    dst = os.path.join(work, "rtl")
    os.makedirs(dst)
    for p in rtl_files(rtl) + [os.path.join(rtl, "gqalut.f")]:
        shutil.copy(p, dst)
    path = os.path.join(dst, name)
    with open(path) as f:
        src = f.read()
    if src.count(text) != 1:
        raise ValueError("mutant: '%s' occurs %d times in %s" % (text, src.count(text), name))
    with open(path, "w") as f:
        f.write(src.replace(text, repl))
    return dst


def run(name, mutant, vcd, rtl, keep):
    proof = PROOFS[name]
    work = keep or tempfile.mkdtemp(prefix="gqalut_formal_")
    os.makedirs(work, exist_ok=True)
    try:
        options = has_options(rtl)
        src = mutate(rtl, proof["mutant"], work) if mutant else rtl
        smt2 = os.path.join(work, "proof.smt2")
        with open(os.path.join(work, "proof.ys"), "w") as f:
            f.write(yosys_script(proof, src, options, smt2, mutant))
        t0 = time.time()
        rc, log = call(["yosys", "-q", "-l", os.path.join(work, "yosys.log"), os.path.join(work, "proof.ys")])
        if rc != 0 and mutant and "selection is not empty" in log:
            # A netlist check of the proof (select -assert-none) rejected the mutant.
            print("%s mutant: FAILED in the netlist check, netlist %.1f s" % (name, time.time() - t0))
            print("  " + log[log.index("ERROR: Assertion failed"):].splitlines()[0])
            return 0
        if rc != 0:
            sys.stderr.write("formal.py: yosys failed (%s):\n%s" % (os.path.join(work, "yosys.log"), log[-2000:]))
            return 1
        if proof.get("prelude"):
            with open(smt2) as f:
                netlist = f.read()
            with open(smt2, "w") as f:
                for part in proof["prelude"]:
                    with open(os.path.join(HERE, part)) as p:
                        f.write(p.read())
                f.write(netlist)
        if proof["products"] is not None:
            abstracted = smt2 + ".uf"
            a = subprocess.run([sys.executable, os.path.join(HERE, "abstract.py"), smt2, abstracted,
                                str(proof["products"])])
            if a.returncode != 0:
                return 1
            smt2 = abstracted
        t1 = time.time()
        steps = proof.get("mutant_steps", proof["steps"]) if mutant else proof["steps"]
        cmd = ["yosys-smtbmc", "-s", proof.get("solver", "z3"), "--presat", "-t", str(steps)]
        if proof.get("unroll"):
            cmd += ["--unroll"]
        if "logic" in proof:
            cmd += ["--logic", proof["logic"]]
        if vcd:
            cmd += ["--dump-vcd", vcd]
        # BMC (from the initial state); with induction, then the induction step.
        modes = [[]] + ([["-i"]] if proof.get("induction") and not mutant else [])
        logs = []
        for mode in modes:
            _, log = call(cmd + mode + [smt2])
            logs.append(log)
            if "Status: PASSED" not in log:
                break
        t2 = time.time()
        out = "".join(logs)
        with open(os.path.join(work, "smtbmc.log"), "w") as f:
            f.write(out)
        passed = out.count("Status: PASSED") == len(modes)
        # A counterexample is a trace from the initial state (BMC); a failed induction step
        # starts anywhere, so it proves nothing either way.
        failed = "Status: FAILED" in logs[0] and "Assert failed" in logs[0]
        what = name + (" mutant" if mutant else "")
        if proof["top"].startswith("gqalut_formal_int"):
            what += " (datapath options %s)" % ("in the RTL" if options else "not in the RTL")
        verdict = "PASSED" if passed else "FAILED" if failed else "INDUCTION FAILED" if len(logs) > 1 else "ERROR"
        print("%s: %s, netlist %.1f s, proof %.1f s" % (what, verdict, t1 - t0, t2 - t1))
        if not (passed or failed):
            sys.stderr.write(out[-3000:])
            return 1
        if failed:
            # The failed assertions and the counterexample's free constants (inputs).
            for line in logs[0].splitlines():
                if "Assert failed" in line or "Value for anyconst" in line:
                    print("  " + line.split("##", 1)[-1].strip())
        return 0 if (failed if mutant else passed) else 1
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def run_family(family, mutant, rtl):
    """Checks that the cases FAMILY.* cover every operand pair, then runs each (with --mutant,
    each case's mutant): exit 0 if all hold (are rejected)."""
    missed = fp32_covered(family)
    if missed:
        print("%s: the cases do not cover every operand pair: %s" % (family, missed))
        return 1
    names = [n for n in PROOFS if n.startswith(family + ".")]
    print("%s: %d cases cover every operand pair" % (family, len(names)))
    t0 = time.time()
    bad = [n for n in names if run(n, mutant, None, rtl, None) != 0]
    print("%s%s: %d of %d cases %s, %.0f s" % (family, " mutants" if mutant else "", len(names) - len(bad),
                                               len(names), "rejected" if mutant else "proven", time.time() - t0))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description="formal proofs of the RTL (docs/formal.md)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list")
    r = sub.add_parser("run")
    r.add_argument("proof")
    r.add_argument("--mutant", action="store_true")
    r.add_argument("--vcd")
    r.add_argument("--rtl", default=RTL)
    r.add_argument("--keep")
    f = sub.add_parser("run-family")   # the cases of a split proof (fp32_add)
    f.add_argument("family")
    f.add_argument("--mutant", action="store_true")
    f.add_argument("--rtl", default=RTL)
    f.add_argument("--cover-only", action="store_true")
    a = ap.parse_args()
    if a.cmd == "list":
        print("\n".join(PROOFS))
        return 0
    if a.cmd == "run-family":
        if a.family not in FP32_FAMILIES:
            sys.stderr.write("formal.py: unknown family '%s' (%s)\n" % (a.family, ", ".join(FP32_FAMILIES)))
            return 2
        if a.cover_only:
            missed = fp32_covered(a.family)
            print("%s: %s" % (a.family, "the cases do not cover every operand pair: " + missed if missed
                                         else "the cases cover every operand pair"))
            return 1 if missed else 0
        return run_family(a.family, a.mutant, os.path.abspath(a.rtl))
    if a.proof not in PROOFS:
        sys.stderr.write("formal.py: unknown proof '%s' (formal.py list)\n" % a.proof)
        return 2
    if not os.path.isfile(os.path.join(a.rtl, "gqalut.f")):
        sys.stderr.write("formal.py: --rtl %s has no gqalut.f\n" % a.rtl)
        return 2
    return run(a.proof, a.mutant, a.vcd, os.path.abspath(a.rtl), a.keep)


if __name__ == "__main__":
    sys.exit(main())
