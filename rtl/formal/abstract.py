#!/usr/bin/env python3
"""Uninterpreted functions in an SMT2 file written by Yosys (write_smt2), for the datapath
proofs of rtl/formal:

- every `bvmul` of two non-constant operands becomes an uninterpreted function of the same
  width (one per width). A miter whose two sides multiply equal operands is then proven by
  congruence instead of by bit-level multiplier equivalence, which SAT solvers cannot do at
  16 bits and more. Multiplications by a constant (address arithmetic) are kept.
- every sign extension Yosys writes as a nested concat of a term's top bit becomes SMT-LIB's
  sign_extend: z3 4.8 expands each use of a defined function anew, so a term named k times
  per level costs k^depth to read (minutes for the INT datapath at 8 bits).
- the function the stand-in requantizers call (standin/gqalut_formal_requant_fn.sv) is
  declared, and the one the stand-in comparator bank calls (standin/gqalut_cmp_int.sv).

A proof over uninterpreted functions holds for every function in their place, so it holds
for the product (and for the requantizer). Fails if the number of abstracted products is not
the expected one (a changed datapath must be looked at, not silently abstracted).

usage: abstract.py IN.smt2 OUT.smt2 EXPECTED_PRODUCTS   (-1: keep every product)
"""
import re
import sys

DEFINE = re.compile(r"^\(define-fun (\|[^|]*\|) \(\(state (\|[^|]*\|)\)\) \(_ BitVec (\d+)\) \(bvmul ")
REQUANT_FN = "|gqalut_formal_requant_fn|"
CMP_FN = "|gqalut_formal_cmp_fn|"
WIDTH = re.compile(r"^\((?:declare|define)-fun (\|[^|]*\|) \((?:\(state )?\|[^|]*\|\)?\) \(_ BitVec (\d+)\)")
# (concat ((_ extract n n) T) B) with B = T (n its top bit), ((_ extract n 0) T), or either
# already sign-extended.
TERM = r"(\(\|[^|]+\| state\))"
SIGN_EXT = [re.compile(r"\(concat \(\(_ extract (\d+) \1\) %s\) (?P<base>\2|\(\(_ extract \1 0\) \2\))\)" % TERM),
            re.compile(r"\(concat \(\(_ extract (\d+) \1\) %s\) \(\(_ sign_extend (?P<ext>\d+)\) "
                       r"(?P<base>\2|\(\(_ extract \1 0\) \2\))\)\)" % TERM)]


def sign_extends(line, widths):
    """line with each top-bit concat chain of a named term as one sign_extend."""
    def repl(m):
        term, base = m.group(2), m.group("base")
        ext = int(m.groupdict().get("ext") or 0)
        if base == term and widths.get(term[1:term.index("|", 2) + 1]) != int(m.group(1)) + 1:
            return m.group(0)
        return "((_ sign_extend %d) %s)" % (ext + 1, base)
    while True:
        out = line
        for pattern in SIGN_EXT:
            out = pattern.sub(repl, out)
        if out == line:
            return out
        line = out


def sort(width):
    # Operand sorts by name: yosys-smtbmc --unroll reads argument sorts as symbols.
    return "(define-sort |gqalut_formal_bv%d| () (_ BitVec %d))\n" % (width, width)


def split_args(text, start):
    """The two s-expression arguments of the bvmul starting at text[start:], and the end."""
    args = []
    i = start
    while len(args) < 2:
        while text[i] == " ":
            i += 1
        j = i
        if text[i] == "(":
            depth = 0
            while True:
                if text[j] == "(":
                    depth += 1
                elif text[j] == ")":
                    depth -= 1
                    if depth == 0:
                        j += 1
                        break
                elif text[j] == "|":
                    j = text.index("|", j + 1)
                j += 1
        else:
            while text[j] not in " )":
                j += 1
        args.append(text[i:j])
        i = j
    if text[i] != ")":
        raise ValueError("bvmul with more than two operands")
    return args, i + 1


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: abstract.py IN.smt2 OUT.smt2 EXPECTED_PRODUCTS\n")
        return 2
    src, dst, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
    body, widths, replaced, requant, cmp, term_widths = [], set(), 0, False, False, {}
    for line in open(src):
        w = WIDTH.match(line)
        if w:
            term_widths[w.group(1)] = int(w.group(2))
        line = sign_extends(line, term_widths)
        requant = requant or REQUANT_FN in line
        cmp = cmp or CMP_FN in line
        if "(bvmul " not in line:
            body.append(line)
            continue
        m = DEFINE.match(line)
        if not m:
            sys.stderr.write("abstract.py: bvmul outside a define-fun body: %s\n" % line[:120])
            return 1
        width = int(m.group(3))
        args, end = split_args(line, m.end())
        if expected < 0 or any(a.startswith("#") for a in args):
            body.append(line)
            continue
        widths.add(width)
        body.append(line[:m.end() - len("(bvmul ")] +
                    "(|gqalut_formal_mul%d| %s %s)" % (width, args[0], args[1]) + line[end:])
        replaced += 1
    if expected >= 0 and replaced != expected:
        sys.stderr.write("abstract.py: %d products abstracted, expected %d\n" % (replaced, expected))
        return 1
    sorts = widths | ({128, 16} if requant else set()) | ({64, 1024, 8} if cmp else set())
    decls = [sort(w) for w in sorted(sorts)]
    for w in sorted(widths):
        decls.append("(declare-fun |gqalut_formal_mul%d| (|gqalut_formal_bv%d| |gqalut_formal_bv%d|) (_ BitVec %d))\n"
                     % (w, w, w, w))
    if requant:
        decls.append("(declare-fun %s (|gqalut_formal_bv128| |gqalut_formal_bv16|) (_ BitVec 32))\n" % REQUANT_FN)
    if cmp:
        decls.append("(declare-fun %s (|gqalut_formal_bv64| |gqalut_formal_bv1024| |gqalut_formal_bv8|) (_ BitVec 8))\n"
                     % CMP_FN)
    with open(dst, "w") as f:
        f.writelines(decls + body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
