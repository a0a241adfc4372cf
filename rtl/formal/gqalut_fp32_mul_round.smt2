; binary32 multiply of two normal operands as SMT-LIB's FloatingPoint theory rounds it, with the
; exact product written through the 48-bit significand product P = (1.fa * 1.fb) * 2^46
; (|gqalut_formal_mul48|, uninterpreted, declared by rtl/formal/abstract.py; the RTL's product
; becomes the same function): |a * b| = P * 2^(ea + eb - 300) exactly, which binary64 holds
; exactly (P < 2^48 <= 2^53; ea + eb - 300 in [-298, 208]), so (_ to_fp 8 24) RNE of that
; binary64 is the IEEE rounding of a * b (fp.mul's definition), gradual underflow included, then
; flushed to zero when subnormal. Operands with a zero or all-ones exponent (zero, subnormal read
; as zero, infinity, NaN) go to fp.mul itself. The claim is made for every P >= 2^46 (the product
; of two significands in [2^23, 2^24) is: fp32_mul_bound), so a proof holds for any product
; function with that bound. Needs gqalut_fp32_spec.smt2 and gqalut_fp32_exact_product.smt2
; (prepended before this file, in that order).
(define-fun |gqalut_formal_fp32_mul_round_ok| ((a |gqalut_formal_bv32|) (b |gqalut_formal_bv32|) (y |gqalut_formal_bv32|)) Bool
  (let ((ea ((_ extract 30 23) a)) (eb ((_ extract 30 23) b)))
  (let ((p (|gqalut_formal_mul48| ((_ zero_extend 24) (concat #b1 ((_ extract 22 0) a)))
                                  ((_ zero_extend 24) (concat #b1 ((_ extract 22 0) b))))))
  (let ((exact (|gqalut_formal_fp32_exact_product| p ea eb)))
  (let ((r (ite (or (= ea #x00) (= ea #xff) (= eb #x00) (= eb #xff))
                (fp.mul RNE (|gqalut_formal_fp32_daz| a) (|gqalut_formal_fp32_daz| b))
                ((_ to_fp 8 24) RNE (ite (= ((_ extract 31 31) a) ((_ extract 31 31) b)) exact (fp.neg exact))))))
    (or (bvult p #x400000000000)
        (|gqalut_formal_fp32_is| y (|gqalut_formal_fp32_ftz| r))))))))
