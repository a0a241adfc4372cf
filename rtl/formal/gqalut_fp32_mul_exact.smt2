; binary32 multiply of docs/numeric-definition.md written with bit-vector arithmetic from the
; definition of IEEE rounding: the exact significand product P = (1.fa * 1.fb) * 2^46 (48 bits,
; through the uninterpreted |gqalut_formal_mul48|, declared by rtl/formal/abstract.py), the
; value P * 2^(ea + eb - 300) rounded to nearest even at 24 significant bits, or at the
; subnormal grid 2^-149 below 2^-126 (gradual underflow), then a subnormal result flushed to
; signed zero. DAZ operands, infinities and the canonical NaN as in gqalut_fp32_spec.smt2.
; gqalut_formal_fp32_mul_exact_ok(a, b, y) holds iff y is that result; the proof with the
; product uninterpreted covers every operand pair but only up to "P is the product", so it
; complements the sub-space proofs against SMT-LIB's fp.mul (docs/formal.md).
(define-sort |gqalut_formal_bv1| () (_ BitVec 1))
(define-sort |gqalut_formal_bv8| () (_ BitVec 8))
(define-sort |gqalut_formal_bv23| () (_ BitVec 23))
(define-sort |gqalut_formal_bv64| () (_ BitVec 64))
; Round to nearest even of p / 2^k (k < 64), as a 64-bit integer.
(define-fun |gqalut_formal_rne| ((p |gqalut_formal_bv64|) (k |gqalut_formal_bv64|)) |gqalut_formal_bv64|
  (let ((q (bvlshr p k))
        (rem (bvand p (bvsub (bvshl #x0000000000000001 k) #x0000000000000001)))
        (half (bvlshr (bvshl #x0000000000000001 k) #x0000000000000001)))
    (ite (and (not (= k #x0000000000000000))
              (or (bvugt rem half) (and (= rem half) (= ((_ extract 0 0) q) #b1))))
         (bvadd q #x0000000000000001)
         q)))
(define-fun |gqalut_formal_fp32_mul_exact| ((a |gqalut_formal_bv32|) (b |gqalut_formal_bv32|)) |gqalut_formal_bv32|
  (let ((sign (bvxor ((_ extract 31 31) a) ((_ extract 31 31) b)))
        (ea ((_ extract 30 23) a)) (eb ((_ extract 30 23) b))
        (fa ((_ extract 22 0) a)) (fb ((_ extract 22 0) b)))
  (let ((a_zero (= ea #x00)) (b_zero (= eb #x00))
        (a_inf (and (= ea #xff) (= fa #b00000000000000000000000)))
        (b_inf (and (= eb #xff) (= fb #b00000000000000000000000)))
        (a_nan (and (= ea #xff) (not (= fa #b00000000000000000000000))))
        (b_nan (and (= eb #xff) (not (= fb #b00000000000000000000000))))
        (p ((_ zero_extend 16) (|gqalut_formal_mul48| ((_ zero_extend 24) (concat #b1 fa))
                                                      ((_ zero_extend 24) (concat #b1 fb))))))
  (let ((top (= ((_ extract 47 47) p) #b1)))
  ; Biased exponent of the exact product, before rounding (64-bit two's complement).
  (let ((e (bvadd ((_ zero_extend 56) ea) ((_ zero_extend 56) eb)
                  (ite top #x0000000000000001 #x0000000000000000)
                  (bvneg #x000000000000007f))))
  (let ((normal (bvsge e #x0000000000000001))
        (drop (bvadd #x0000000000000017 (ite top #x0000000000000001 #x0000000000000000))))
  ; Bits dropped: 23 or 24 for a normal result, 1 - e more on the subnormal grid.
  (let ((k (ite normal drop (bvadd drop (bvsub #x0000000000000001 e)))))
  (let ((m (ite (bvuge k #x0000000000000032) #x0000000000000000 (|gqalut_formal_rne| p k))))
  (let ((carry (= m #x0000000001000000)))
  (let ((er (ite normal (ite carry (bvadd e #x0000000000000001) e)
                        (ite (bvuge m #x0000000000800000) #x0000000000000001 #x0000000000000000)))
        (frac (ite (and normal (not carry)) ((_ extract 22 0) m) #b00000000000000000000000)))
    (ite (or a_nan b_nan (and a_inf b_zero) (and a_zero b_inf)) #x7fc00000
    (ite (or a_inf b_inf) (concat sign (concat #xff #b00000000000000000000000))
    (ite (or a_zero b_zero) (concat sign #b0000000000000000000000000000000)
    (ite (bvsge er #x00000000000000ff) (concat sign (concat #xff #b00000000000000000000000))
    (ite (= er #x0000000000000000) (concat sign #b0000000000000000000000000000000)
         (concat sign (concat ((_ extract 7 0) er) frac)))))))))))))))))
(define-fun |gqalut_formal_fp32_mul_exact_ok| ((a |gqalut_formal_bv32|) (b |gqalut_formal_bv32|) (y |gqalut_formal_bv32|)) Bool
  (= y (|gqalut_formal_fp32_mul_exact| a b)))
