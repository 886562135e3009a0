/* The one door from Swift to GMP and MPFR. GMP names its functions through macros (mpz_add is
   #define'd to __gmpz_add) and MPFR shadows a few of its functions with macros; Swift imports neither,
   so each name the Swift modules use is wrapped here once as a static inline function. */
#ifndef MISH_CMPFR_SHIM_H
#define MISH_CMPFR_SHIM_H

#include <string.h>
#include <gmp.h>
#include <mpfr.h>

/* ---- mpz ---- */
static inline void mm_mpz_init(mpz_ptr z) { mpz_init(z); }
static inline void mm_mpz_clear(mpz_ptr z) { mpz_clear(z); }
static inline void mm_mpz_init2(mpz_ptr z, mp_bitcnt_t bits) { mpz_init2(z, bits); }
static inline void mm_mpz_set(mpz_ptr r, mpz_srcptr a) { mpz_set(r, a); }
static inline void mm_mpz_set_si(mpz_ptr r, long a) { mpz_set_si(r, a); }
static inline int mm_mpz_set_str(mpz_ptr r, const char *s, int base) { return mpz_set_str(r, s, base); }
static inline char *mm_mpz_get_str(mpz_srcptr a, int base) { return mpz_get_str(NULL, base, a); }
static inline size_t mm_mpz_sizeinbase(mpz_srcptr a, int base) { return mpz_sizeinbase(a, base); }
static inline void mm_mpz_add(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_add(r, a, b); }
static inline void mm_mpz_sub(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_sub(r, a, b); }
static inline void mm_mpz_mul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_mul(r, a, b); }
static inline void mm_mpz_neg(mpz_ptr r, mpz_srcptr a) { mpz_neg(r, a); }
static inline void mm_mpz_abs(mpz_ptr r, mpz_srcptr a) { mpz_abs(r, a); }
static inline void mm_mpz_tdiv_qr(mpz_ptr q, mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_tdiv_qr(q, r, a, b); }
static inline void mm_mpz_fdiv_qr(mpz_ptr q, mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_fdiv_qr(q, r, a, b); }
static inline void mm_mpz_gcd(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_gcd(r, a, b); }
static inline void mm_mpz_lcm(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_lcm(r, a, b); }
static inline void mm_mpz_pow_ui(mpz_ptr r, mpz_srcptr a, unsigned long e) { mpz_pow_ui(r, a, e); }
static inline void mm_mpz_ui_pow_ui(mpz_ptr r, unsigned long b, unsigned long e) { mpz_ui_pow_ui(r, b, e); }
static inline void mm_mpz_mul_2exp(mpz_ptr r, mpz_srcptr a, mp_bitcnt_t e) { mpz_mul_2exp(r, a, e); }
static inline int mm_mpz_cmp(mpz_srcptr a, mpz_srcptr b) { return mpz_cmp(a, b); }
static inline int mm_mpz_sgn(mpz_srcptr a) { return mpz_sgn(a); }
static inline int mm_mpz_fits_slong_p(mpz_srcptr a) { return mpz_fits_slong_p(a); }
static inline long mm_mpz_get_si(mpz_srcptr a) { return mpz_get_si(a); }
static inline size_t mm_mpz_size(mpz_srcptr a) { return mpz_size(a); }
static inline mp_limb_t mm_mpz_getlimbn(mpz_srcptr a, mp_size_t n) { return mpz_getlimbn(a, n); }
static inline void mm_mpz_set_ui(mpz_ptr r, unsigned long a) { mpz_set_ui(r, a); }
static inline void mm_mpz_swap(mpz_ptr a, mpz_ptr b) { mpz_swap(a, b); }
static inline void mm_mpz_addmul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_addmul(r, a, b); }
static inline void mm_mpz_submul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_submul(r, a, b); }
static inline void mm_mpz_addmul_ui(mpz_ptr r, mpz_srcptr a, unsigned long b) { mpz_addmul_ui(r, a, b); }
static inline void mm_mpz_mul_ui(mpz_ptr r, mpz_srcptr a, unsigned long b) { mpz_mul_ui(r, a, b); }
static inline mp_bitcnt_t mm_mpz_remove(mpz_ptr r, mpz_srcptr a, mpz_srcptr f) { return mpz_remove(r, a, f); }
static inline void mm_mpz_fdiv_r(mpz_ptr r, mpz_srcptr a, mpz_srcptr d) { mpz_fdiv_r(r, a, d); }
static inline void mm_mpz_realloc2(mpz_ptr r, mp_bitcnt_t bits) { mpz_realloc2(r, bits); }
static inline void mm_mpz_submul_ui(mpz_ptr r, mpz_srcptr a, unsigned long b) { mpz_submul_ui(r, a, b); }
static inline void mm_mpz_mul_si(mpz_ptr r, mpz_srcptr a, long b) { mpz_mul_si(r, a, b); }
static inline void mm_mpz_divexact(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_divexact(r, a, b); }
static inline int mm_mpz_divisible_p(mpz_srcptr a, mpz_srcptr b) { return mpz_divisible_p(a, b); }
static inline int mm_mpz_cmpabs(mpz_srcptr a, mpz_srcptr b) { return mpz_cmpabs(a, b); }
static inline int mm_mpz_root(mpz_ptr r, mpz_srcptr a, unsigned long n) { return mpz_root(r, a, n); }
static inline double mm_mpz_get_d(mpz_srcptr a) { return mpz_get_d(a); }
static inline unsigned long mm_mpz_fdiv_ui(mpz_srcptr a, unsigned long d) { return mpz_fdiv_ui(a, d); }
static inline void mm_gmp_free_str(char *s) {
    void (*free_function)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &free_function);
    free_function(s, strlen(s) + 1);
}

/* ---- mpq ---- */
static inline void mm_mpq_init(mpq_ptr q) { mpq_init(q); }
static inline void mm_mpq_clear(mpq_ptr q) { mpq_clear(q); }
static inline void mm_mpq_set(mpq_ptr r, mpq_srcptr a) { mpq_set(r, a); }
static inline void mm_mpq_set_num_den(mpq_ptr r, mpz_srcptr num, mpz_srcptr den) {
    mpz_set(mpq_numref(r), num);
    mpz_set(mpq_denref(r), den);
    mpq_canonicalize(r);
}
/* num/den already in lowest terms with den > 0: stored as is. */
static inline void mm_mpq_set_num_den_reduced(mpq_ptr r, mpz_srcptr num, mpz_srcptr den) {
    mpz_set(mpq_numref(r), num);
    mpz_set(mpq_denref(r), den);
}
static inline mpz_srcptr mm_mpq_numref(mpq_srcptr q) { return mpq_numref(q); }
static inline mpz_srcptr mm_mpq_denref(mpq_srcptr q) { return mpq_denref(q); }
static inline void mm_mpq_add(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_add(r, a, b); }
static inline void mm_mpq_sub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_sub(r, a, b); }
static inline void mm_mpq_mul(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_mul(r, a, b); }
static inline void mm_mpq_div(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_div(r, a, b); }
static inline void mm_mpq_neg(mpq_ptr r, mpq_srcptr a) { mpq_neg(r, a); }
static inline int mm_mpq_cmp(mpq_srcptr a, mpq_srcptr b) { return mpq_cmp(a, b); }
static inline int mm_mpq_sgn(mpq_srcptr a) { return mpq_sgn(a); }

/* ---- mpfr: the functions that mpfr.h shadows with macros ---- */
static inline int mm_mpfr_set(mpfr_ptr r, mpfr_srcptr a, mpfr_rnd_t rnd) { return mpfr_set(r, a, rnd); }
static inline int mm_mpfr_sgn(mpfr_srcptr a) { return mpfr_sgn(a); }
static inline int mm_mpfr_signbit(mpfr_srcptr a) { return mpfr_signbit(a); }
static inline int mm_mpfr_nan_p(mpfr_srcptr a) { return mpfr_nan_p(a); }
static inline int mm_mpfr_inf_p(mpfr_srcptr a) { return mpfr_inf_p(a); }
static inline int mm_mpfr_zero_p(mpfr_srcptr a) { return mpfr_zero_p(a); }
static inline mpfr_prec_t mm_mpfr_get_prec(mpfr_srcptr a) { return mpfr_get_prec(a); }
static inline mpfr_exp_t mm_mpfr_get_exp(mpfr_srcptr a) { return mpfr_get_exp(a); }
static inline int mm_mpfr_set_z(mpfr_ptr r, mpz_srcptr z, mpfr_rnd_t rnd) { return mpfr_set_z(r, z, rnd); }
static inline int mm_mpfr_add_z(mpfr_ptr r, mpfr_srcptr a, mpz_srcptr z, mpfr_rnd_t rnd) { return mpfr_add_z(r, a, z, rnd); }
static inline int mm_mpfr_set_q(mpfr_ptr r, mpq_srcptr q, mpfr_rnd_t rnd) { return mpfr_set_q(r, q, rnd); }
static inline mpfr_exp_t mm_mpfr_get_z_2exp(mpz_ptr z, mpfr_srcptr a) { return mpfr_get_z_2exp(z, a); }
static inline void mm_mpfr_clear_flags(void) { mpfr_clear_flags(); }
static inline int mm_mpfr_overflow_p(void) { return mpfr_overflow_p(); }
static inline int mm_mpfr_underflow_p(void) { return mpfr_underflow_p(); }

#endif
