/*
 * snapshot of mish forward f32
 * exp: the argument -|x| is raised to -700 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * threshold: x < -109: |f(x) - 0| < 2^-150 (interval evaluation at x = -109; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which rounds to -0 in f32
 * rounding fallback: where the double result is within 1024 ulp of a rounding boundary of f32 and comes from the generic form, that form again in double-double, rounded to odd, then rounded once (the tolerance is measured: the form's error stays below 70 ulp on samples)
 */
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <stddef.h>
#include <stdint.h>

#ifndef MISH_CUDA_EXP_HELPERS
#define MISH_CUDA_EXP_HELPERS
/* e^a = q*2^k for a <= 0 (the C kernel's reduction, operation for operation). q: */
__device__ __forceinline__ double mish_exp_mantissa(double a) {
    const double kd = __dsub_rn(__fma_rn(a, 0x1.71547652b82fep+0, 0x1.8p+52), 0x1.8p+52);
    double r = __fma_rn(-kd, 0x1.62e42fefa38p-1, a);
    r = __fma_rn(-kd, 0x1.ef35793c7673p-45, r);
    double p = 0x1.af389ecfc4b9cp-26;
    p = __fma_rn(p, r, 0x1.28917c89a43a7p-22);
    p = __fma_rn(p, r, 0x1.71de0db2f6b19p-19);
    p = __fma_rn(p, r, 0x1.a019b9149a41cp-16);
    p = __fma_rn(p, r, 0x1.a01a01a7c2efep-13);
    p = __fma_rn(p, r, 0x1.6c16c17889ef1p-10);
    p = __fma_rn(p, r, 0x1.11111111109b5p-7);
    p = __fma_rn(p, r, 0x1.5555555553d68p-5);
    p = __fma_rn(p, r, 0x1.5555555555556p-3);
    p = __fma_rn(p, r, 0x1.0000000000001p-1);
    p = __fma_rn(p, r, 1.0);
    p = __fma_rn(p, r, 1.0);
    return p;
}

__device__ __forceinline__ double mish_pow2(long long e) {
    return __longlong_as_double((long long)((unsigned long long)(e + 1023) << 52));
}

/* v*2^(m*k), k from the reduction of a, only the last multiplication rounding. */
__device__ __forceinline__ double mish_exp_scale(double v, double a, int m) {
    const double t = __fma_rn(a, 0x1.71547652b82fep+0, 0x1.8p+52);
    long long ki = (long long)((unsigned long long)__double_as_longlong(t) - 0x4338000000000000ULL);
    ki = (ki < -1500) ? -1500 : ((ki > 0) ? 0 : ki);
    const long long e = (long long)m * ki;
    const long long e1 = (e < -1000) ? -1000 : ((e > 1000) ? 1000 : e);
    const long long e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);
    return __dmul_rn(__dmul_rn(v, mish_pow2(e1)), mish_pow2(e2));
}

/* max(a, A) for A < 0 by the unsigned order of the bits (the C kernel's). */
__device__ __forceinline__ double mish_exp_floor(double a, double A) {
    const unsigned long long b = (unsigned long long)__double_as_longlong(a), f = (unsigned long long)__double_as_longlong(A);
    return __longlong_as_double((long long)((b < f) ? b : f));
}

/* max(-|x|, A) for binary32 x by the unsigned order of the bits (the C kernel's). */
__device__ __forceinline__ float mish_exp_argument_f32(float x, float A) {
    const unsigned int b = __float_as_uint(x) | 0x80000000u, f = __float_as_uint(A);
    return __uint_as_float((b < f) ? b : f);
}

/* v*2^k by the exponent field, k >= -1021 (the C kernel's: k from t's bits shifted by 52). */
__device__ __forceinline__ double mish_exp_scale_clamped(double v, double a) {
    const double t = __fma_rn(a, 0x1.71547652b82fep+0, 0x1.8p+52);
    return __longlong_as_double((long long)((unsigned long long)__double_as_longlong(v) + ((unsigned long long)__double_as_longlong(t) << 52)));
}

/* v*2^(m*k) by one multiplication, for kernels that keep m*k >= -1022 (their argument floored). */
__device__ __forceinline__ double mish_exp_scale_normal(double v, double a, int m) {
    const double t = __fma_rn(a, 0x1.71547652b82fep+0, 0x1.8p+52);
    return __dmul_rn(v, mish_pow2((long long)m * (long long)((unsigned long long)__double_as_longlong(t) - 0x4338000000000000ULL)));
}

/* hi + lo rounded to odd (the C kernel's bit step). */
__device__ __forceinline__ double mish_round_to_odd(double hi, double lo) {
    unsigned long long b = (unsigned long long)__double_as_longlong(hi);
    const unsigned long long step = ((lo > 0) == (hi > 0)) ? 1ULL : ~0ULL;
    b += (lo != 0 && (b & 1ULL) == 0) ? step : 0ULL;
    return __longlong_as_double((long long)b);
}
#endif
#ifndef MISH_CUDA_SCALE_POW2_HELPER
#define MISH_CUDA_SCALE_POW2_HELPER
/* v*2^k, k an integer in a double (the C kernel's clamp and factors). */
__device__ __forceinline__ double mish_scale_pow2(double v, double k) {
    const double kc = (k > -2200.0) ? ((k < 2200.0) ? k : 2200.0) : -2200.0;
    const long long e = (long long)((unsigned long long)__double_as_longlong(__dadd_rn(kc, 0x1.8p52)) - 0x4338000000000000ULL);
    const long long e1 = (e < -960) ? -960 : ((e > 960) ? 960 : e);
    const long long e2 = (e - e1 < -1022) ? -1022 : ((e - e1 > 1023) ? 1023 : e - e1);
    return __dmul_rn(__dmul_rn(__dmul_rn(v, mish_pow2(e1)), mish_pow2(e2)), mish_pow2(e - e1 - e2));
}
#endif

#ifndef MISH_CUDA_BOUNDARY_KEY_HELPER
#define MISH_CUDA_BOUNDARY_KEY_HELPER
/* The C kernel's key: v lies within k units in its last place of a rounding boundary when it is at most 2k. */
__device__ __forceinline__ long long mish_boundary_key(double v, int d, double smallest, long long k) {
    const double a = fabs(v);
    const double w = (a < smallest) ? __dadd_rn(a, smallest) : a;
    return (__double_as_longlong(w) - (1LL << (d - 1)) + k) & ((1LL << d) - 1);
}
#endif

/* The C kernel's fallbacks: the generic form in double-double, rounded to odd. */
__device__ __noinline__ double mish_forward_f32_fallback(float x, double r) {
    const double v0 = (double)x;
    const double v1 = 0.0;
    const double v8 = 1.0;
    const double v9 = 2.0;
    const double v10 = (x < (float)v1) ? v8 : v9;
    const double v11 = (x < (float)v1) ? v9 : v8;
    const double v19 = -109.0;
    const double v23 = (double)((-fabsf(x) < -1500.0f) ? -1500.0f : -fabsf(x));
    const double v24 = 0x1.8p+52;
    const double v25 = 0x1.71547652b82fep+0;
    const double v26 = __fma_rn(v23, v25, v24);
    const double v27 = __dsub_rn(v26, v24);
    const double v28 = -v27;
    const double v29 = 0x1.62e42fefa4p-1;
    const double v30 = __fma_rn(v28, v29, v23);
    const double v31 = -0x1.8432a1b0e2p-43;
    const double v32 = __dmul_rn(v28, v31);
    const double v33 = __dadd_rn(v30, v32);
    const double v34 = __dsub_rn(v33, v30);
    const double v35 = __dsub_rn(v33, v34);
    const double v36 = __dsub_rn(v30, v35);
    const double v37 = __dsub_rn(v32, v34);
    const double v38 = __dadd_rn(v36, v37);
    const double v39 = -0x1.8cff81a12a17ep-85;
    const double v40 = __fma_rn(v28, v39, v38);
    const double v41 = __dadd_rn(v33, v40);
    const double v42 = __dsub_rn(v41, v33);
    const double v43 = __dsub_rn(v40, v42);
    const double v44 = 0x1p-4;
    const double v45 = __dmul_rn(v41, v44);
    const double v46 = __dmul_rn(v43, v44);
    const double v47 = 0x1.93974a8c07c9dp-37;
    const double v48 = 0x1.6124613a86d09p-33;
    const double v49 = __fma_rn(v47, v45, v48);
    const double v50 = 0x1.1eed8eff8d898p-29;
    const double v51 = __fma_rn(v49, v45, v50);
    const double v52 = 0x1.ae64567f544e4p-26;
    const double v53 = __fma_rn(v51, v45, v52);
    const double v54 = 0x1.27e4fb7789f5cp-22;
    const double v55 = __fma_rn(v53, v45, v54);
    const double v56 = 0x1.71de3a556c734p-19;
    const double v57 = __fma_rn(v55, v45, v56);
    const double v58 = __dmul_rn(v45, v57);
    const double v59 = -v58;
    const double v60 = __fma_rn(v45, v57, v59);
    const double v61 = __fma_rn(v46, v57, v60);
    const double v62 = __dadd_rn(v58, v61);
    const double v63 = __dsub_rn(v62, v58);
    const double v64 = __dsub_rn(v61, v63);
    const double v65 = 0x1.a01a01a01a01ap-16;
    const double v66 = 0x1.a01a01a01a01ap-76;
    const double v67 = __dadd_rn(v62, v65);
    const double v68 = __dsub_rn(v67, v62);
    const double v69 = __dsub_rn(v67, v68);
    const double v70 = __dsub_rn(v62, v69);
    const double v71 = __dsub_rn(v65, v68);
    const double v72 = __dadd_rn(v70, v71);
    const double v73 = __dadd_rn(v64, v66);
    const double v74 = __dsub_rn(v73, v64);
    const double v75 = __dsub_rn(v73, v74);
    const double v76 = __dsub_rn(v64, v75);
    const double v77 = __dsub_rn(v66, v74);
    const double v78 = __dadd_rn(v76, v77);
    const double v79 = __dadd_rn(v72, v73);
    const double v80 = __dadd_rn(v67, v79);
    const double v81 = __dsub_rn(v80, v67);
    const double v82 = __dsub_rn(v79, v81);
    const double v83 = __dadd_rn(v78, v82);
    const double v84 = __dadd_rn(v80, v83);
    const double v85 = __dsub_rn(v84, v80);
    const double v86 = __dsub_rn(v83, v85);
    const double v87 = __dmul_rn(v84, v45);
    const double v88 = -v87;
    const double v89 = __fma_rn(v84, v45, v88);
    const double v90 = __dmul_rn(v86, v46);
    const double v91 = __fma_rn(v84, v46, v90);
    const double v92 = __fma_rn(v86, v45, v91);
    const double v93 = __dadd_rn(v89, v92);
    const double v94 = __dadd_rn(v87, v93);
    const double v95 = __dsub_rn(v94, v87);
    const double v96 = __dsub_rn(v93, v95);
    const double v97 = 0x1.a01a01a01a01ap-13;
    const double v98 = 0x1.a01a01a01a01ap-73;
    const double v99 = __dadd_rn(v94, v97);
    const double v100 = __dsub_rn(v99, v94);
    const double v101 = __dsub_rn(v99, v100);
    const double v102 = __dsub_rn(v94, v101);
    const double v103 = __dsub_rn(v97, v100);
    const double v104 = __dadd_rn(v102, v103);
    const double v105 = __dadd_rn(v96, v98);
    const double v106 = __dsub_rn(v105, v96);
    const double v107 = __dsub_rn(v105, v106);
    const double v108 = __dsub_rn(v96, v107);
    const double v109 = __dsub_rn(v98, v106);
    const double v110 = __dadd_rn(v108, v109);
    const double v111 = __dadd_rn(v104, v105);
    const double v112 = __dadd_rn(v99, v111);
    const double v113 = __dsub_rn(v112, v99);
    const double v114 = __dsub_rn(v111, v113);
    const double v115 = __dadd_rn(v110, v114);
    const double v116 = __dadd_rn(v112, v115);
    const double v117 = __dsub_rn(v116, v112);
    const double v118 = __dsub_rn(v115, v117);
    const double v119 = __dmul_rn(v116, v45);
    const double v120 = -v119;
    const double v121 = __fma_rn(v116, v45, v120);
    const double v122 = __dmul_rn(v118, v46);
    const double v123 = __fma_rn(v116, v46, v122);
    const double v124 = __fma_rn(v118, v45, v123);
    const double v125 = __dadd_rn(v121, v124);
    const double v126 = __dadd_rn(v119, v125);
    const double v127 = __dsub_rn(v126, v119);
    const double v128 = __dsub_rn(v125, v127);
    const double v129 = 0x1.6c16c16c16c17p-10;
    const double v130 = -0x1.f49f49f49f49fp-65;
    const double v131 = __dadd_rn(v126, v129);
    const double v132 = __dsub_rn(v131, v126);
    const double v133 = __dsub_rn(v131, v132);
    const double v134 = __dsub_rn(v126, v133);
    const double v135 = __dsub_rn(v129, v132);
    const double v136 = __dadd_rn(v134, v135);
    const double v137 = __dadd_rn(v128, v130);
    const double v138 = __dsub_rn(v137, v128);
    const double v139 = __dsub_rn(v137, v138);
    const double v140 = __dsub_rn(v128, v139);
    const double v141 = __dsub_rn(v130, v138);
    const double v142 = __dadd_rn(v140, v141);
    const double v143 = __dadd_rn(v136, v137);
    const double v144 = __dadd_rn(v131, v143);
    const double v145 = __dsub_rn(v144, v131);
    const double v146 = __dsub_rn(v143, v145);
    const double v147 = __dadd_rn(v142, v146);
    const double v148 = __dadd_rn(v144, v147);
    const double v149 = __dsub_rn(v148, v144);
    const double v150 = __dsub_rn(v147, v149);
    const double v151 = __dmul_rn(v148, v45);
    const double v152 = -v151;
    const double v153 = __fma_rn(v148, v45, v152);
    const double v154 = __dmul_rn(v150, v46);
    const double v155 = __fma_rn(v148, v46, v154);
    const double v156 = __fma_rn(v150, v45, v155);
    const double v157 = __dadd_rn(v153, v156);
    const double v158 = __dadd_rn(v151, v157);
    const double v159 = __dsub_rn(v158, v151);
    const double v160 = __dsub_rn(v157, v159);
    const double v161 = 0x1.1111111111111p-7;
    const double v162 = 0x1.1111111111111p-63;
    const double v163 = __dadd_rn(v158, v161);
    const double v164 = __dsub_rn(v163, v158);
    const double v165 = __dsub_rn(v163, v164);
    const double v166 = __dsub_rn(v158, v165);
    const double v167 = __dsub_rn(v161, v164);
    const double v168 = __dadd_rn(v166, v167);
    const double v169 = __dadd_rn(v160, v162);
    const double v170 = __dsub_rn(v169, v160);
    const double v171 = __dsub_rn(v169, v170);
    const double v172 = __dsub_rn(v160, v171);
    const double v173 = __dsub_rn(v162, v170);
    const double v174 = __dadd_rn(v172, v173);
    const double v175 = __dadd_rn(v168, v169);
    const double v176 = __dadd_rn(v163, v175);
    const double v177 = __dsub_rn(v176, v163);
    const double v178 = __dsub_rn(v175, v177);
    const double v179 = __dadd_rn(v174, v178);
    const double v180 = __dadd_rn(v176, v179);
    const double v181 = __dsub_rn(v180, v176);
    const double v182 = __dsub_rn(v179, v181);
    const double v183 = __dmul_rn(v180, v45);
    const double v184 = -v183;
    const double v185 = __fma_rn(v180, v45, v184);
    const double v186 = __dmul_rn(v182, v46);
    const double v187 = __fma_rn(v180, v46, v186);
    const double v188 = __fma_rn(v182, v45, v187);
    const double v189 = __dadd_rn(v185, v188);
    const double v190 = __dadd_rn(v183, v189);
    const double v191 = __dsub_rn(v190, v183);
    const double v192 = __dsub_rn(v189, v191);
    const double v193 = 0x1.5555555555555p-5;
    const double v194 = 0x1.5555555555555p-59;
    const double v195 = __dadd_rn(v190, v193);
    const double v196 = __dsub_rn(v195, v190);
    const double v197 = __dsub_rn(v195, v196);
    const double v198 = __dsub_rn(v190, v197);
    const double v199 = __dsub_rn(v193, v196);
    const double v200 = __dadd_rn(v198, v199);
    const double v201 = __dadd_rn(v192, v194);
    const double v202 = __dsub_rn(v201, v192);
    const double v203 = __dsub_rn(v201, v202);
    const double v204 = __dsub_rn(v192, v203);
    const double v205 = __dsub_rn(v194, v202);
    const double v206 = __dadd_rn(v204, v205);
    const double v207 = __dadd_rn(v200, v201);
    const double v208 = __dadd_rn(v195, v207);
    const double v209 = __dsub_rn(v208, v195);
    const double v210 = __dsub_rn(v207, v209);
    const double v211 = __dadd_rn(v206, v210);
    const double v212 = __dadd_rn(v208, v211);
    const double v213 = __dsub_rn(v212, v208);
    const double v214 = __dsub_rn(v211, v213);
    const double v215 = __dmul_rn(v212, v45);
    const double v216 = -v215;
    const double v217 = __fma_rn(v212, v45, v216);
    const double v218 = __dmul_rn(v214, v46);
    const double v219 = __fma_rn(v212, v46, v218);
    const double v220 = __fma_rn(v214, v45, v219);
    const double v221 = __dadd_rn(v217, v220);
    const double v222 = __dadd_rn(v215, v221);
    const double v223 = __dsub_rn(v222, v215);
    const double v224 = __dsub_rn(v221, v223);
    const double v225 = 0x1.5555555555555p-3;
    const double v226 = 0x1.5555555555555p-57;
    const double v227 = __dadd_rn(v222, v225);
    const double v228 = __dsub_rn(v227, v222);
    const double v229 = __dsub_rn(v227, v228);
    const double v230 = __dsub_rn(v222, v229);
    const double v231 = __dsub_rn(v225, v228);
    const double v232 = __dadd_rn(v230, v231);
    const double v233 = __dadd_rn(v224, v226);
    const double v234 = __dsub_rn(v233, v224);
    const double v235 = __dsub_rn(v233, v234);
    const double v236 = __dsub_rn(v224, v235);
    const double v237 = __dsub_rn(v226, v234);
    const double v238 = __dadd_rn(v236, v237);
    const double v239 = __dadd_rn(v232, v233);
    const double v240 = __dadd_rn(v227, v239);
    const double v241 = __dsub_rn(v240, v227);
    const double v242 = __dsub_rn(v239, v241);
    const double v243 = __dadd_rn(v238, v242);
    const double v244 = __dadd_rn(v240, v243);
    const double v245 = __dsub_rn(v244, v240);
    const double v246 = __dsub_rn(v243, v245);
    const double v247 = __dmul_rn(v244, v45);
    const double v248 = -v247;
    const double v249 = __fma_rn(v244, v45, v248);
    const double v250 = __dmul_rn(v246, v46);
    const double v251 = __fma_rn(v244, v46, v250);
    const double v252 = __fma_rn(v246, v45, v251);
    const double v253 = __dadd_rn(v249, v252);
    const double v254 = __dadd_rn(v247, v253);
    const double v255 = __dsub_rn(v254, v247);
    const double v256 = __dsub_rn(v253, v255);
    const double v257 = 0x1p-1;
    const double v258 = __dadd_rn(v254, v257);
    const double v259 = __dsub_rn(v258, v254);
    const double v260 = __dsub_rn(v258, v259);
    const double v261 = __dsub_rn(v254, v260);
    const double v262 = __dsub_rn(v257, v259);
    const double v263 = __dadd_rn(v261, v262);
    const double v264 = __dadd_rn(v256, v1);
    const double v265 = __dsub_rn(v264, v256);
    const double v266 = __dsub_rn(v264, v265);
    const double v267 = __dsub_rn(v256, v266);
    const double v268 = __dsub_rn(v1, v265);
    const double v269 = __dadd_rn(v267, v268);
    const double v270 = __dadd_rn(v263, v264);
    const double v271 = __dadd_rn(v258, v270);
    const double v272 = __dsub_rn(v271, v258);
    const double v273 = __dsub_rn(v270, v272);
    const double v274 = __dadd_rn(v269, v273);
    const double v275 = __dadd_rn(v271, v274);
    const double v276 = __dsub_rn(v275, v271);
    const double v277 = __dsub_rn(v274, v276);
    const double v278 = __dmul_rn(v275, v45);
    const double v279 = -v278;
    const double v280 = __fma_rn(v275, v45, v279);
    const double v281 = __dmul_rn(v277, v46);
    const double v282 = __fma_rn(v275, v46, v281);
    const double v283 = __fma_rn(v277, v45, v282);
    const double v284 = __dadd_rn(v280, v283);
    const double v285 = __dadd_rn(v278, v284);
    const double v286 = __dsub_rn(v285, v278);
    const double v287 = __dsub_rn(v284, v286);
    const double v288 = __dadd_rn(v285, v8);
    const double v289 = __dsub_rn(v288, v285);
    const double v290 = __dsub_rn(v288, v289);
    const double v291 = __dsub_rn(v285, v290);
    const double v292 = __dsub_rn(v8, v289);
    const double v293 = __dadd_rn(v291, v292);
    const double v294 = __dadd_rn(v287, v1);
    const double v295 = __dsub_rn(v294, v287);
    const double v296 = __dsub_rn(v294, v295);
    const double v297 = __dsub_rn(v287, v296);
    const double v298 = __dsub_rn(v1, v295);
    const double v299 = __dadd_rn(v297, v298);
    const double v300 = __dadd_rn(v293, v294);
    const double v301 = __dadd_rn(v288, v300);
    const double v302 = __dsub_rn(v301, v288);
    const double v303 = __dsub_rn(v300, v302);
    const double v304 = __dadd_rn(v299, v303);
    const double v305 = __dadd_rn(v301, v304);
    const double v306 = __dsub_rn(v305, v301);
    const double v307 = __dsub_rn(v304, v306);
    const double v308 = __dmul_rn(v305, v45);
    const double v309 = -v308;
    const double v310 = __fma_rn(v305, v45, v309);
    const double v311 = __dmul_rn(v307, v46);
    const double v312 = __fma_rn(v305, v46, v311);
    const double v313 = __fma_rn(v307, v45, v312);
    const double v314 = __dadd_rn(v310, v313);
    const double v315 = __dadd_rn(v308, v314);
    const double v316 = __dsub_rn(v315, v308);
    const double v317 = __dsub_rn(v314, v316);
    const double v318 = __dadd_rn(v315, v9);
    const double v319 = __dsub_rn(v318, v315);
    const double v320 = __dsub_rn(v318, v319);
    const double v321 = __dsub_rn(v315, v320);
    const double v322 = __dsub_rn(v9, v319);
    const double v323 = __dadd_rn(v321, v322);
    const double v324 = __dadd_rn(v317, v323);
    const double v325 = __dadd_rn(v318, v324);
    const double v326 = __dsub_rn(v325, v318);
    const double v327 = __dsub_rn(v324, v326);
    const double v328 = __dmul_rn(v315, v325);
    const double v329 = -v328;
    const double v330 = __fma_rn(v315, v325, v329);
    const double v331 = __dmul_rn(v317, v327);
    const double v332 = __fma_rn(v315, v327, v331);
    const double v333 = __fma_rn(v317, v325, v332);
    const double v334 = __dadd_rn(v330, v333);
    const double v335 = __dadd_rn(v328, v334);
    const double v336 = __dsub_rn(v335, v328);
    const double v337 = __dsub_rn(v334, v336);
    const double v338 = __dadd_rn(v335, v9);
    const double v339 = __dsub_rn(v338, v335);
    const double v340 = __dsub_rn(v338, v339);
    const double v341 = __dsub_rn(v335, v340);
    const double v342 = __dsub_rn(v9, v339);
    const double v343 = __dadd_rn(v341, v342);
    const double v344 = __dadd_rn(v337, v343);
    const double v345 = __dadd_rn(v338, v344);
    const double v346 = __dsub_rn(v345, v338);
    const double v347 = __dsub_rn(v344, v346);
    const double v348 = __dmul_rn(v335, v345);
    const double v349 = -v348;
    const double v350 = __fma_rn(v335, v345, v349);
    const double v351 = __dmul_rn(v337, v347);
    const double v352 = __fma_rn(v335, v347, v351);
    const double v353 = __fma_rn(v337, v345, v352);
    const double v354 = __dadd_rn(v350, v353);
    const double v355 = __dadd_rn(v348, v354);
    const double v356 = __dsub_rn(v355, v348);
    const double v357 = __dsub_rn(v354, v356);
    const double v358 = __dadd_rn(v355, v9);
    const double v359 = __dsub_rn(v358, v355);
    const double v360 = __dsub_rn(v358, v359);
    const double v361 = __dsub_rn(v355, v360);
    const double v362 = __dsub_rn(v9, v359);
    const double v363 = __dadd_rn(v361, v362);
    const double v364 = __dadd_rn(v357, v363);
    const double v365 = __dadd_rn(v358, v364);
    const double v366 = __dsub_rn(v365, v358);
    const double v367 = __dsub_rn(v364, v366);
    const double v368 = __dmul_rn(v355, v365);
    const double v369 = -v368;
    const double v370 = __fma_rn(v355, v365, v369);
    const double v371 = __dmul_rn(v357, v367);
    const double v372 = __fma_rn(v355, v367, v371);
    const double v373 = __fma_rn(v357, v365, v372);
    const double v374 = __dadd_rn(v370, v373);
    const double v375 = __dadd_rn(v368, v374);
    const double v376 = __dsub_rn(v375, v368);
    const double v377 = __dsub_rn(v374, v376);
    const double v378 = __dadd_rn(v375, v9);
    const double v379 = __dsub_rn(v378, v375);
    const double v380 = __dsub_rn(v378, v379);
    const double v381 = __dsub_rn(v375, v380);
    const double v382 = __dsub_rn(v9, v379);
    const double v383 = __dadd_rn(v381, v382);
    const double v384 = __dadd_rn(v377, v383);
    const double v385 = __dadd_rn(v378, v384);
    const double v386 = __dsub_rn(v385, v378);
    const double v387 = __dsub_rn(v384, v386);
    const double v388 = __dmul_rn(v375, v385);
    const double v389 = -v388;
    const double v390 = __fma_rn(v375, v385, v389);
    const double v391 = __dmul_rn(v377, v387);
    const double v392 = __fma_rn(v375, v387, v391);
    const double v393 = __fma_rn(v377, v385, v392);
    const double v394 = __dadd_rn(v390, v393);
    const double v395 = __dadd_rn(v388, v394);
    const double v396 = __dsub_rn(v395, v388);
    const double v397 = __dsub_rn(v394, v396);
    const double v398 = __dadd_rn(v8, v395);
    const double v399 = __dsub_rn(v398, v8);
    const double v400 = __dsub_rn(v395, v399);
    const double v401 = __dadd_rn(v400, v397);
    const double v402 = __dadd_rn(v398, v401);
    const double v403 = __dsub_rn(v402, v398);
    const double v404 = __dsub_rn(v401, v403);
    const double v405 = mish_scale_pow2(v402, v27);
    const double v406 = mish_scale_pow2(v404, v27);
    const double v407 = __dmul_rn(v10, v405);
    const double v408 = -v407;
    const double v409 = __fma_rn(v10, v405, v408);
    const double v410 = __dmul_rn(v1, v406);
    const double v411 = __fma_rn(v10, v406, v410);
    const double v412 = __fma_rn(v1, v405, v411);
    const double v413 = __dadd_rn(v409, v412);
    const double v414 = __dadd_rn(v407, v413);
    const double v415 = __dsub_rn(v414, v407);
    const double v416 = __dsub_rn(v413, v415);
    const double v417 = __dadd_rn(v414, v11);
    const double v418 = __dsub_rn(v417, v414);
    const double v419 = __dsub_rn(v417, v418);
    const double v420 = __dsub_rn(v414, v419);
    const double v421 = __dsub_rn(v11, v418);
    const double v422 = __dadd_rn(v420, v421);
    const double v423 = __dadd_rn(v416, v422);
    const double v424 = __dadd_rn(v417, v423);
    const double v425 = __dsub_rn(v424, v417);
    const double v426 = __dsub_rn(v423, v425);
    const double v427 = __dmul_rn(v424, v0);
    const double v428 = -v427;
    const double v429 = __fma_rn(v424, v0, v428);
    const double v430 = __fma_rn(v426, v0, v429);
    const double v431 = __dadd_rn(v427, v430);
    const double v432 = __dsub_rn(v431, v427);
    const double v433 = __dsub_rn(v430, v432);
    const double v434 = __dadd_rn(v414, v9);
    const double v435 = __dsub_rn(v434, v414);
    const double v436 = __dsub_rn(v434, v435);
    const double v437 = __dsub_rn(v414, v436);
    const double v438 = __dsub_rn(v9, v435);
    const double v439 = __dadd_rn(v437, v438);
    const double v440 = __dadd_rn(v416, v439);
    const double v441 = __dadd_rn(v434, v440);
    const double v442 = __dsub_rn(v441, v434);
    const double v443 = __dsub_rn(v440, v442);
    const double v444 = __dmul_rn(v441, v405);
    const double v445 = -v444;
    const double v446 = __fma_rn(v441, v405, v445);
    const double v447 = __dmul_rn(v443, v406);
    const double v448 = __fma_rn(v441, v406, v447);
    const double v449 = __fma_rn(v443, v405, v448);
    const double v450 = __dadd_rn(v446, v449);
    const double v451 = __dadd_rn(v444, v450);
    const double v452 = __dsub_rn(v451, v444);
    const double v453 = __dsub_rn(v450, v452);
    const double v454 = __dadd_rn(v451, v11);
    const double v455 = __dsub_rn(v454, v451);
    const double v456 = __dsub_rn(v454, v455);
    const double v457 = __dsub_rn(v451, v456);
    const double v458 = __dsub_rn(v11, v455);
    const double v459 = __dadd_rn(v457, v458);
    const double v460 = __dadd_rn(v453, v459);
    const double v461 = __dadd_rn(v454, v460);
    const double v462 = __dsub_rn(v461, v454);
    const double v463 = __dsub_rn(v460, v462);
    const double v464 = __ddiv_rn(v431, v461);
    const double v465 = -v461;
    const double v466 = __fma_rn(v465, v464, v431);
    const double v467 = -v463;
    const double v468 = __fma_rn(v467, v464, v433);
    const double v469 = __dadd_rn(v466, v468);
    const double v470 = __ddiv_rn(v469, v461);
    const double v471 = __dadd_rn(v464, v470);
    const double v472 = __dsub_rn(v471, v464);
    const double v473 = __dsub_rn(v470, v472);
    const double v474 = __dmul_rn(v471, v402);
    const double v475 = -v474;
    const double v476 = __fma_rn(v471, v402, v475);
    const double v477 = __dmul_rn(v473, v404);
    const double v478 = __fma_rn(v471, v404, v477);
    const double v479 = __fma_rn(v473, v402, v478);
    const double v480 = __dadd_rn(v476, v479);
    const double v481 = __dadd_rn(v474, v480);
    const double v482 = __dsub_rn(v481, v474);
    const double v483 = __dsub_rn(v480, v482);
    const double v484 = __dmul_rn(v27, v8);
    const double v485 = (x < (float)v1) ? v481 : v471;
    const double v486 = (x < (float)v1) ? v483 : v473;
    const double v487 = (x < (float)v1) ? v484 : v1;
    const double v488 = (x < (float)v19) ? v1 : v8;
    const double v489 = mish_round_to_odd(v485, v486);
    const double v490 = mish_scale_pow2(v489, v487);
    return (0.0 < v488) ? v490 : r;
}

__device__ __forceinline__ float mish_forward_f32_scalar(float x) {
    const double v0 = (double)x;
    const double v1 = 0.0;
    const double v5 = (double)mish_exp_argument_f32(x, -700.0f);
    const double v6 = mish_exp_mantissa(v5);
    const double v7 = mish_exp_scale_clamped(v6, v5);
    const double v8 = 1.0;
    const double v9 = 2.0;
    const double v10 = (x < (float)v1) ? v8 : v9;
    const double v11 = (x < (float)v1) ? v9 : v8;
    const double v12 = __fma_rn(v10, v7, v11);
    const double v13 = __dmul_rn(v12, v0);
    const double v14 = __fma_rn(v10, v7, v9);
    const double v15 = __fma_rn(v14, v7, v11);
    const double v16 = __ddiv_rn(v13, v15);
    const double v17 = (x < (float)v1) ? v7 : v8;
    const double v18 = __dmul_rn(v16, v17);
    const double v19 = -109.0;
    const double v20 = -0.0;
    const double v21 = (x < (float)v19) ? v20 : v18;
    double r0 = v21;
    if (mish_boundary_key(r0, 29, 0x1p-126, 1024) <= 2048) r0 = mish_forward_f32_fallback(x, r0);
    return __double2float_rn(r0);
}

/* Grid-stride over groups of 4 with 128-bit loads and stores (all pointers 16-byte aligned), then
   the remaining n % 4 elements one by one. */
__global__ void mish_forward_f32_vector(const float *__restrict__ x, float *__restrict__ y, size_t n) {
    const size_t groups = n / 4;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < groups; i += stride) {
        const uint4 xv = reinterpret_cast<const uint4 *>(x)[i];
        const float *xl = reinterpret_cast<const float *>(&xv);
        uint4 yv;
        float *yl = reinterpret_cast<float *>(&yv);
        #pragma unroll
        for (int k = 0; k < 4; k++) {
            yl[k] = mish_forward_f32_scalar(xl[k]);
        }
        reinterpret_cast<uint4 *>(y)[i] = yv;
    }
    const size_t tail = groups * 4 + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (tail < n) {
        const size_t i = tail;
        y[i] = mish_forward_f32_scalar(x[i]);
    }
}
/* Grid-stride one element at a time (for pointers that are not 16-byte aligned). */
__global__ void mish_forward_f32_elementwise(const float *__restrict__ x, float *__restrict__ y, size_t n) {
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        y[i] = mish_forward_f32_scalar(x[i]);
    }
}

/* Launches on `stream`; returns the launch error, if any. */
extern "C" cudaError_t mish_forward_f32(const float *x, float *y, size_t n, cudaStream_t stream) {
    if (n == 0) return cudaSuccess;
    const int threads = 256;
    if ((((uintptr_t)x | (uintptr_t)y) % 16) == 0) {
        const size_t work = n / 4 + 1;
        const unsigned blocks = (unsigned)((work + threads - 1) / threads < 65535 ? (work + threads - 1) / threads : 65535);
        mish_forward_f32_vector<<<blocks, threads, 0, stream>>>(x, y, n);
    } else {
        const unsigned blocks = (unsigned)((n + threads - 1) / threads < 65535 ? (n + threads - 1) / threads : 65535);
        mish_forward_f32_elementwise<<<blocks, threads, 0, stream>>>(x, y, n);
    }
    return cudaGetLastError();
}
