; binary32 multiply and add as docs/numeric-definition.md defines them, in SMT-LIB's
; FloatingPoint theory (IEEE 754 semantics): operands with a zero exponent read as signed zero
; (DAZ), the IEEE result rounded to nearest even (fp.mul, fp.add with RNE, gradual underflow),
; a subnormal result flushed to zero of its sign (FTZ), any NaN result the canonical quiet NaN
; 0x7FC00000. gqalut_formal_fp32_<op>_ok(a, b, y) holds iff y is the binary32 result of
; a <op> b. Used by the FP32 proofs through standin/gqalut_formal_fp32_spec.sv.
(define-sort |gqalut_formal_bv32| () (_ BitVec 32))
(define-sort |gqalut_formal_f32| () (_ FloatingPoint 8 24))
(define-fun |gqalut_formal_fp32_daz| ((x |gqalut_formal_bv32|)) |gqalut_formal_f32|
  (ite (= ((_ extract 30 23) x) #x00)
       (ite (= ((_ extract 31 31) x) #b1) (_ -zero 8 24) (_ +zero 8 24))
       ((_ to_fp 8 24) x)))
(define-fun |gqalut_formal_fp32_ftz| ((r |gqalut_formal_f32|)) |gqalut_formal_f32|
  (ite (fp.isSubnormal r)
       (ite (fp.isNegative r) (_ -zero 8 24) (_ +zero 8 24))
       r))
; y is the canonical NaN if r is NaN, else exactly r (= on FloatingPoint tells -0 from +0; a
; non-NaN binary32 value has one encoding, so this fixes every bit of y).
(define-fun |gqalut_formal_fp32_is| ((y |gqalut_formal_bv32|) (r |gqalut_formal_f32|)) Bool
  (ite (fp.isNaN r)
       (= y #x7fc00000)
       (and (not (fp.isNaN ((_ to_fp 8 24) y))) (= ((_ to_fp 8 24) y) r))))
(define-fun |gqalut_formal_fp32_mul_ok| ((a |gqalut_formal_bv32|) (b |gqalut_formal_bv32|) (y |gqalut_formal_bv32|)) Bool
  (|gqalut_formal_fp32_is| y (|gqalut_formal_fp32_ftz|
    (fp.mul RNE (|gqalut_formal_fp32_daz| a) (|gqalut_formal_fp32_daz| b)))))
(define-fun |gqalut_formal_fp32_add_ok| ((a |gqalut_formal_bv32|) (b |gqalut_formal_bv32|) (y |gqalut_formal_bv32|)) Bool
  (|gqalut_formal_fp32_is| y (|gqalut_formal_fp32_ftz|
    (fp.add RNE (|gqalut_formal_fp32_daz| a) (|gqalut_formal_fp32_daz| b)))))
