; The exact product of two normal binary32 operands as a binary64 (which holds it exactly): for
; the 48-bit significand product P (in [2^46, 2^48)) and biased exponents ea, eb, the value
; P * 2^(ea + eb - 300); used by gqalut_fp32_mul_round.smt2.
(define-sort |gqalut_formal_fp32_bv8| () (_ BitVec 8))
(define-sort |gqalut_formal_fp32_bv48| () (_ BitVec 48))
(define-sort |gqalut_formal_f64| () (_ FloatingPoint 11 53))
; P * 2^(ea + eb - 300) for P in [2^46, 2^48) as binary64 bits: the leading one of P at bit 47
; (or 46) is the hidden bit, the exponent ea + eb - 300 + 47 (46) biased by 1023.
(define-fun |gqalut_formal_fp32_exact_product| ((p |gqalut_formal_fp32_bv48|) (ea |gqalut_formal_fp32_bv8|) (eb |gqalut_formal_fp32_bv8|)) |gqalut_formal_f64|
  (let ((s (bvadd ((_ zero_extend 3) ea) ((_ zero_extend 3) eb))))
  (ite (= ((_ extract 47 47) p) #b1)
       ((_ to_fp 11 53) (concat #b0 (bvadd s #b01100000010) ((_ extract 46 0) p) #b00000))
       ((_ to_fp 11 53) (concat #b0 (bvadd s #b01100000001) ((_ extract 45 0) p) #b000000)))))
; The same value from SMT-LIB operations alone: P converted (exactly) times 2^(ea + eb - 300)
; (exactly, a power of two in range). fp32_mul_scale proves the two equal for every P >= 2^46.
(define-fun |gqalut_formal_fp32_exact_product_ref| ((p |gqalut_formal_fp32_bv48|) (ea |gqalut_formal_fp32_bv8|) (eb |gqalut_formal_fp32_bv8|)) |gqalut_formal_f64|
  (fp.mul RNE ((_ to_fp_unsigned 11 53) RNE p)
              ((_ to_fp 11 53) (concat #b0 (bvadd ((_ zero_extend 3) ea) ((_ zero_extend 3) eb) #b01011010011)
                                       #x0000000000000))))
(define-fun |gqalut_formal_fp32_scale_ok| ((p |gqalut_formal_fp32_bv48|) (ea |gqalut_formal_fp32_bv8|) (eb |gqalut_formal_fp32_bv8|) (eb_ref |gqalut_formal_fp32_bv8|)) Bool
  (or (bvult p #x400000000000)
      (= (|gqalut_formal_fp32_exact_product| p ea eb) (|gqalut_formal_fp32_exact_product_ref| p ea eb_ref))))
