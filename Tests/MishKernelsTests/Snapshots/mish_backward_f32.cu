/*
 * snapshot of mish backward f32
 * exp: the argument -|x| is raised to -199 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * series: |x - x0| < 1/64 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-9 Taylor series at x0 (x0 a double-double from the certified root finder), so the relative error stays bounded through the zero
 * series: |x| < 2^-12: f(0) + sum c_k x^k (degree 6) with f(0) = 0.59999999999999998 +2.22e-17 as a double-double, rounded to odd before the rounding to the output type, so that inputs near an output rounding boundary are decided to ~2^-65
 * threshold: x < -198: |f(x) - 0| < 2^-278 (interval evaluation at x = -198; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which times any finite dy of the output type rounds to 0 there (with the sign of dy times -0); there f' stands as the least nonzero number with its sign, not as 0 (times dy, and scaled once more where dy folds in), so that dy = +-inf gives +-inf as dy*f' does, not NaN
 * threshold: x > 21: |f(x) - 1| < 2^-54 (interval evaluation at x = 21; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f64
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
__device__ __noinline__ double mish_backward_f32_fallback(float x, float dy, double r) {
    const double v0 = (double)x;
    const double v1 = 0.0;
    const double v3 = fabs(v0);
    const double v8 = 4.0;
    const double v9 = (x < (float)v1) ? v1 : v8;
    const double v11 = (x < (float)v1) ? v8 : v1;
    const double v14 = 1.0;
    const double v15 = (x < (float)v1) ? v14 : v8;
    const double v16 = 6.0;
    const double v17 = (x < (float)v1) ? v8 : v16;
    const double v19 = (x < (float)v1) ? v16 : v8;
    const double v21 = (x < (float)v1) ? v8 : v14;
    const double v24 = 8.0;
    const double v25 = (x < (float)v1) ? v8 : v24;
    const double v28 = (x < (float)v1) ? v24 : v8;
    const double v34 = -0x1.31432c0d12d84p+0;
    const double v35 = __dsub_rn(v0, v34);
    const double v36 = -0x1.bf319154da21p-55;
    const double v37 = __dsub_rn(v35, v36);
    const double v56 = fabs(v37);
    const double v57 = 0x1p-6;
    const double v81 = 0x1p-12;
    const double v83 = -198.0;
    const double v86 = 21.0;
    const double v88 = (double)dy;
    const double v91 = (double)((-fabsf(x) < -1500.0f) ? -1500.0f : -fabsf(x));
    const double v92 = 0x1.8p+52;
    const double v93 = 0x1.71547652b82fep+0;
    const double v94 = __fma_rn(v91, v93, v92);
    const double v95 = __dsub_rn(v94, v92);
    const double v96 = -v95;
    const double v97 = 0x1.62e42fefa4p-1;
    const double v98 = __fma_rn(v96, v97, v91);
    const double v99 = -0x1.8432a1b0e2p-43;
    const double v100 = __dmul_rn(v96, v99);
    const double v101 = __dadd_rn(v98, v100);
    const double v102 = __dsub_rn(v101, v98);
    const double v103 = __dsub_rn(v101, v102);
    const double v104 = __dsub_rn(v98, v103);
    const double v105 = __dsub_rn(v100, v102);
    const double v106 = __dadd_rn(v104, v105);
    const double v107 = -0x1.8cff81a12a17ep-85;
    const double v108 = __fma_rn(v96, v107, v106);
    const double v109 = __dadd_rn(v101, v108);
    const double v110 = __dsub_rn(v109, v101);
    const double v111 = __dsub_rn(v108, v110);
    const double v112 = 0x1p-4;
    const double v113 = __dmul_rn(v109, v112);
    const double v114 = __dmul_rn(v111, v112);
    const double v115 = 0x1.93974a8c07c9dp-37;
    const double v116 = 0x1.6124613a86d09p-33;
    const double v117 = __fma_rn(v115, v113, v116);
    const double v118 = 0x1.1eed8eff8d898p-29;
    const double v119 = __fma_rn(v117, v113, v118);
    const double v120 = 0x1.ae64567f544e4p-26;
    const double v121 = __fma_rn(v119, v113, v120);
    const double v122 = 0x1.27e4fb7789f5cp-22;
    const double v123 = __fma_rn(v121, v113, v122);
    const double v124 = 0x1.71de3a556c734p-19;
    const double v125 = __fma_rn(v123, v113, v124);
    const double v126 = __dmul_rn(v113, v125);
    const double v127 = -v126;
    const double v128 = __fma_rn(v113, v125, v127);
    const double v129 = __fma_rn(v114, v125, v128);
    const double v130 = __dadd_rn(v126, v129);
    const double v131 = __dsub_rn(v130, v126);
    const double v132 = __dsub_rn(v129, v131);
    const double v133 = 0x1.a01a01a01a01ap-16;
    const double v134 = 0x1.a01a01a01a01ap-76;
    const double v135 = __dadd_rn(v130, v133);
    const double v136 = __dsub_rn(v135, v130);
    const double v137 = __dsub_rn(v135, v136);
    const double v138 = __dsub_rn(v130, v137);
    const double v139 = __dsub_rn(v133, v136);
    const double v140 = __dadd_rn(v138, v139);
    const double v141 = __dadd_rn(v132, v134);
    const double v142 = __dsub_rn(v141, v132);
    const double v143 = __dsub_rn(v141, v142);
    const double v144 = __dsub_rn(v132, v143);
    const double v145 = __dsub_rn(v134, v142);
    const double v146 = __dadd_rn(v144, v145);
    const double v147 = __dadd_rn(v140, v141);
    const double v148 = __dadd_rn(v135, v147);
    const double v149 = __dsub_rn(v148, v135);
    const double v150 = __dsub_rn(v147, v149);
    const double v151 = __dadd_rn(v146, v150);
    const double v152 = __dadd_rn(v148, v151);
    const double v153 = __dsub_rn(v152, v148);
    const double v154 = __dsub_rn(v151, v153);
    const double v155 = __dmul_rn(v152, v113);
    const double v156 = -v155;
    const double v157 = __fma_rn(v152, v113, v156);
    const double v158 = __dmul_rn(v154, v114);
    const double v159 = __fma_rn(v152, v114, v158);
    const double v160 = __fma_rn(v154, v113, v159);
    const double v161 = __dadd_rn(v157, v160);
    const double v162 = __dadd_rn(v155, v161);
    const double v163 = __dsub_rn(v162, v155);
    const double v164 = __dsub_rn(v161, v163);
    const double v165 = 0x1.a01a01a01a01ap-13;
    const double v166 = 0x1.a01a01a01a01ap-73;
    const double v167 = __dadd_rn(v162, v165);
    const double v168 = __dsub_rn(v167, v162);
    const double v169 = __dsub_rn(v167, v168);
    const double v170 = __dsub_rn(v162, v169);
    const double v171 = __dsub_rn(v165, v168);
    const double v172 = __dadd_rn(v170, v171);
    const double v173 = __dadd_rn(v164, v166);
    const double v174 = __dsub_rn(v173, v164);
    const double v175 = __dsub_rn(v173, v174);
    const double v176 = __dsub_rn(v164, v175);
    const double v177 = __dsub_rn(v166, v174);
    const double v178 = __dadd_rn(v176, v177);
    const double v179 = __dadd_rn(v172, v173);
    const double v180 = __dadd_rn(v167, v179);
    const double v181 = __dsub_rn(v180, v167);
    const double v182 = __dsub_rn(v179, v181);
    const double v183 = __dadd_rn(v178, v182);
    const double v184 = __dadd_rn(v180, v183);
    const double v185 = __dsub_rn(v184, v180);
    const double v186 = __dsub_rn(v183, v185);
    const double v187 = __dmul_rn(v184, v113);
    const double v188 = -v187;
    const double v189 = __fma_rn(v184, v113, v188);
    const double v190 = __dmul_rn(v186, v114);
    const double v191 = __fma_rn(v184, v114, v190);
    const double v192 = __fma_rn(v186, v113, v191);
    const double v193 = __dadd_rn(v189, v192);
    const double v194 = __dadd_rn(v187, v193);
    const double v195 = __dsub_rn(v194, v187);
    const double v196 = __dsub_rn(v193, v195);
    const double v197 = 0x1.6c16c16c16c17p-10;
    const double v198 = -0x1.f49f49f49f49fp-65;
    const double v199 = __dadd_rn(v194, v197);
    const double v200 = __dsub_rn(v199, v194);
    const double v201 = __dsub_rn(v199, v200);
    const double v202 = __dsub_rn(v194, v201);
    const double v203 = __dsub_rn(v197, v200);
    const double v204 = __dadd_rn(v202, v203);
    const double v205 = __dadd_rn(v196, v198);
    const double v206 = __dsub_rn(v205, v196);
    const double v207 = __dsub_rn(v205, v206);
    const double v208 = __dsub_rn(v196, v207);
    const double v209 = __dsub_rn(v198, v206);
    const double v210 = __dadd_rn(v208, v209);
    const double v211 = __dadd_rn(v204, v205);
    const double v212 = __dadd_rn(v199, v211);
    const double v213 = __dsub_rn(v212, v199);
    const double v214 = __dsub_rn(v211, v213);
    const double v215 = __dadd_rn(v210, v214);
    const double v216 = __dadd_rn(v212, v215);
    const double v217 = __dsub_rn(v216, v212);
    const double v218 = __dsub_rn(v215, v217);
    const double v219 = __dmul_rn(v216, v113);
    const double v220 = -v219;
    const double v221 = __fma_rn(v216, v113, v220);
    const double v222 = __dmul_rn(v218, v114);
    const double v223 = __fma_rn(v216, v114, v222);
    const double v224 = __fma_rn(v218, v113, v223);
    const double v225 = __dadd_rn(v221, v224);
    const double v226 = __dadd_rn(v219, v225);
    const double v227 = __dsub_rn(v226, v219);
    const double v228 = __dsub_rn(v225, v227);
    const double v229 = 0x1.1111111111111p-7;
    const double v230 = 0x1.1111111111111p-63;
    const double v231 = __dadd_rn(v226, v229);
    const double v232 = __dsub_rn(v231, v226);
    const double v233 = __dsub_rn(v231, v232);
    const double v234 = __dsub_rn(v226, v233);
    const double v235 = __dsub_rn(v229, v232);
    const double v236 = __dadd_rn(v234, v235);
    const double v237 = __dadd_rn(v228, v230);
    const double v238 = __dsub_rn(v237, v228);
    const double v239 = __dsub_rn(v237, v238);
    const double v240 = __dsub_rn(v228, v239);
    const double v241 = __dsub_rn(v230, v238);
    const double v242 = __dadd_rn(v240, v241);
    const double v243 = __dadd_rn(v236, v237);
    const double v244 = __dadd_rn(v231, v243);
    const double v245 = __dsub_rn(v244, v231);
    const double v246 = __dsub_rn(v243, v245);
    const double v247 = __dadd_rn(v242, v246);
    const double v248 = __dadd_rn(v244, v247);
    const double v249 = __dsub_rn(v248, v244);
    const double v250 = __dsub_rn(v247, v249);
    const double v251 = __dmul_rn(v248, v113);
    const double v252 = -v251;
    const double v253 = __fma_rn(v248, v113, v252);
    const double v254 = __dmul_rn(v250, v114);
    const double v255 = __fma_rn(v248, v114, v254);
    const double v256 = __fma_rn(v250, v113, v255);
    const double v257 = __dadd_rn(v253, v256);
    const double v258 = __dadd_rn(v251, v257);
    const double v259 = __dsub_rn(v258, v251);
    const double v260 = __dsub_rn(v257, v259);
    const double v261 = 0x1.5555555555555p-5;
    const double v262 = 0x1.5555555555555p-59;
    const double v263 = __dadd_rn(v258, v261);
    const double v264 = __dsub_rn(v263, v258);
    const double v265 = __dsub_rn(v263, v264);
    const double v266 = __dsub_rn(v258, v265);
    const double v267 = __dsub_rn(v261, v264);
    const double v268 = __dadd_rn(v266, v267);
    const double v269 = __dadd_rn(v260, v262);
    const double v270 = __dsub_rn(v269, v260);
    const double v271 = __dsub_rn(v269, v270);
    const double v272 = __dsub_rn(v260, v271);
    const double v273 = __dsub_rn(v262, v270);
    const double v274 = __dadd_rn(v272, v273);
    const double v275 = __dadd_rn(v268, v269);
    const double v276 = __dadd_rn(v263, v275);
    const double v277 = __dsub_rn(v276, v263);
    const double v278 = __dsub_rn(v275, v277);
    const double v279 = __dadd_rn(v274, v278);
    const double v280 = __dadd_rn(v276, v279);
    const double v281 = __dsub_rn(v280, v276);
    const double v282 = __dsub_rn(v279, v281);
    const double v283 = __dmul_rn(v280, v113);
    const double v284 = -v283;
    const double v285 = __fma_rn(v280, v113, v284);
    const double v286 = __dmul_rn(v282, v114);
    const double v287 = __fma_rn(v280, v114, v286);
    const double v288 = __fma_rn(v282, v113, v287);
    const double v289 = __dadd_rn(v285, v288);
    const double v290 = __dadd_rn(v283, v289);
    const double v291 = __dsub_rn(v290, v283);
    const double v292 = __dsub_rn(v289, v291);
    const double v293 = 0x1.5555555555555p-3;
    const double v294 = 0x1.5555555555555p-57;
    const double v295 = __dadd_rn(v290, v293);
    const double v296 = __dsub_rn(v295, v290);
    const double v297 = __dsub_rn(v295, v296);
    const double v298 = __dsub_rn(v290, v297);
    const double v299 = __dsub_rn(v293, v296);
    const double v300 = __dadd_rn(v298, v299);
    const double v301 = __dadd_rn(v292, v294);
    const double v302 = __dsub_rn(v301, v292);
    const double v303 = __dsub_rn(v301, v302);
    const double v304 = __dsub_rn(v292, v303);
    const double v305 = __dsub_rn(v294, v302);
    const double v306 = __dadd_rn(v304, v305);
    const double v307 = __dadd_rn(v300, v301);
    const double v308 = __dadd_rn(v295, v307);
    const double v309 = __dsub_rn(v308, v295);
    const double v310 = __dsub_rn(v307, v309);
    const double v311 = __dadd_rn(v306, v310);
    const double v312 = __dadd_rn(v308, v311);
    const double v313 = __dsub_rn(v312, v308);
    const double v314 = __dsub_rn(v311, v313);
    const double v315 = __dmul_rn(v312, v113);
    const double v316 = -v315;
    const double v317 = __fma_rn(v312, v113, v316);
    const double v318 = __dmul_rn(v314, v114);
    const double v319 = __fma_rn(v312, v114, v318);
    const double v320 = __fma_rn(v314, v113, v319);
    const double v321 = __dadd_rn(v317, v320);
    const double v322 = __dadd_rn(v315, v321);
    const double v323 = __dsub_rn(v322, v315);
    const double v324 = __dsub_rn(v321, v323);
    const double v325 = 0x1p-1;
    const double v326 = __dadd_rn(v322, v325);
    const double v327 = __dsub_rn(v326, v322);
    const double v328 = __dsub_rn(v326, v327);
    const double v329 = __dsub_rn(v322, v328);
    const double v330 = __dsub_rn(v325, v327);
    const double v331 = __dadd_rn(v329, v330);
    const double v332 = __dadd_rn(v324, v1);
    const double v333 = __dsub_rn(v332, v324);
    const double v334 = __dsub_rn(v332, v333);
    const double v335 = __dsub_rn(v324, v334);
    const double v336 = __dsub_rn(v1, v333);
    const double v337 = __dadd_rn(v335, v336);
    const double v338 = __dadd_rn(v331, v332);
    const double v339 = __dadd_rn(v326, v338);
    const double v340 = __dsub_rn(v339, v326);
    const double v341 = __dsub_rn(v338, v340);
    const double v342 = __dadd_rn(v337, v341);
    const double v343 = __dadd_rn(v339, v342);
    const double v344 = __dsub_rn(v343, v339);
    const double v345 = __dsub_rn(v342, v344);
    const double v346 = __dmul_rn(v343, v113);
    const double v347 = -v346;
    const double v348 = __fma_rn(v343, v113, v347);
    const double v349 = __dmul_rn(v345, v114);
    const double v350 = __fma_rn(v343, v114, v349);
    const double v351 = __fma_rn(v345, v113, v350);
    const double v352 = __dadd_rn(v348, v351);
    const double v353 = __dadd_rn(v346, v352);
    const double v354 = __dsub_rn(v353, v346);
    const double v355 = __dsub_rn(v352, v354);
    const double v356 = __dadd_rn(v353, v14);
    const double v357 = __dsub_rn(v356, v353);
    const double v358 = __dsub_rn(v356, v357);
    const double v359 = __dsub_rn(v353, v358);
    const double v360 = __dsub_rn(v14, v357);
    const double v361 = __dadd_rn(v359, v360);
    const double v362 = __dadd_rn(v355, v1);
    const double v363 = __dsub_rn(v362, v355);
    const double v364 = __dsub_rn(v362, v363);
    const double v365 = __dsub_rn(v355, v364);
    const double v366 = __dsub_rn(v1, v363);
    const double v367 = __dadd_rn(v365, v366);
    const double v368 = __dadd_rn(v361, v362);
    const double v369 = __dadd_rn(v356, v368);
    const double v370 = __dsub_rn(v369, v356);
    const double v371 = __dsub_rn(v368, v370);
    const double v372 = __dadd_rn(v367, v371);
    const double v373 = __dadd_rn(v369, v372);
    const double v374 = __dsub_rn(v373, v369);
    const double v375 = __dsub_rn(v372, v374);
    const double v376 = __dmul_rn(v373, v113);
    const double v377 = -v376;
    const double v378 = __fma_rn(v373, v113, v377);
    const double v379 = __dmul_rn(v375, v114);
    const double v380 = __fma_rn(v373, v114, v379);
    const double v381 = __fma_rn(v375, v113, v380);
    const double v382 = __dadd_rn(v378, v381);
    const double v383 = __dadd_rn(v376, v382);
    const double v384 = __dsub_rn(v383, v376);
    const double v385 = __dsub_rn(v382, v384);
    const double v386 = 2.0;
    const double v387 = __dadd_rn(v383, v386);
    const double v388 = __dsub_rn(v387, v383);
    const double v389 = __dsub_rn(v387, v388);
    const double v390 = __dsub_rn(v383, v389);
    const double v391 = __dsub_rn(v386, v388);
    const double v392 = __dadd_rn(v390, v391);
    const double v393 = __dadd_rn(v385, v392);
    const double v394 = __dadd_rn(v387, v393);
    const double v395 = __dsub_rn(v394, v387);
    const double v396 = __dsub_rn(v393, v395);
    const double v397 = __dmul_rn(v383, v394);
    const double v398 = -v397;
    const double v399 = __fma_rn(v383, v394, v398);
    const double v400 = __dmul_rn(v385, v396);
    const double v401 = __fma_rn(v383, v396, v400);
    const double v402 = __fma_rn(v385, v394, v401);
    const double v403 = __dadd_rn(v399, v402);
    const double v404 = __dadd_rn(v397, v403);
    const double v405 = __dsub_rn(v404, v397);
    const double v406 = __dsub_rn(v403, v405);
    const double v407 = __dadd_rn(v404, v386);
    const double v408 = __dsub_rn(v407, v404);
    const double v409 = __dsub_rn(v407, v408);
    const double v410 = __dsub_rn(v404, v409);
    const double v411 = __dsub_rn(v386, v408);
    const double v412 = __dadd_rn(v410, v411);
    const double v413 = __dadd_rn(v406, v412);
    const double v414 = __dadd_rn(v407, v413);
    const double v415 = __dsub_rn(v414, v407);
    const double v416 = __dsub_rn(v413, v415);
    const double v417 = __dmul_rn(v404, v414);
    const double v418 = -v417;
    const double v419 = __fma_rn(v404, v414, v418);
    const double v420 = __dmul_rn(v406, v416);
    const double v421 = __fma_rn(v404, v416, v420);
    const double v422 = __fma_rn(v406, v414, v421);
    const double v423 = __dadd_rn(v419, v422);
    const double v424 = __dadd_rn(v417, v423);
    const double v425 = __dsub_rn(v424, v417);
    const double v426 = __dsub_rn(v423, v425);
    const double v427 = __dadd_rn(v424, v386);
    const double v428 = __dsub_rn(v427, v424);
    const double v429 = __dsub_rn(v427, v428);
    const double v430 = __dsub_rn(v424, v429);
    const double v431 = __dsub_rn(v386, v428);
    const double v432 = __dadd_rn(v430, v431);
    const double v433 = __dadd_rn(v426, v432);
    const double v434 = __dadd_rn(v427, v433);
    const double v435 = __dsub_rn(v434, v427);
    const double v436 = __dsub_rn(v433, v435);
    const double v437 = __dmul_rn(v424, v434);
    const double v438 = -v437;
    const double v439 = __fma_rn(v424, v434, v438);
    const double v440 = __dmul_rn(v426, v436);
    const double v441 = __fma_rn(v424, v436, v440);
    const double v442 = __fma_rn(v426, v434, v441);
    const double v443 = __dadd_rn(v439, v442);
    const double v444 = __dadd_rn(v437, v443);
    const double v445 = __dsub_rn(v444, v437);
    const double v446 = __dsub_rn(v443, v445);
    const double v447 = __dadd_rn(v444, v386);
    const double v448 = __dsub_rn(v447, v444);
    const double v449 = __dsub_rn(v447, v448);
    const double v450 = __dsub_rn(v444, v449);
    const double v451 = __dsub_rn(v386, v448);
    const double v452 = __dadd_rn(v450, v451);
    const double v453 = __dadd_rn(v446, v452);
    const double v454 = __dadd_rn(v447, v453);
    const double v455 = __dsub_rn(v454, v447);
    const double v456 = __dsub_rn(v453, v455);
    const double v457 = __dmul_rn(v444, v454);
    const double v458 = -v457;
    const double v459 = __fma_rn(v444, v454, v458);
    const double v460 = __dmul_rn(v446, v456);
    const double v461 = __fma_rn(v444, v456, v460);
    const double v462 = __fma_rn(v446, v454, v461);
    const double v463 = __dadd_rn(v459, v462);
    const double v464 = __dadd_rn(v457, v463);
    const double v465 = __dsub_rn(v464, v457);
    const double v466 = __dsub_rn(v463, v465);
    const double v467 = __dadd_rn(v14, v464);
    const double v468 = __dsub_rn(v467, v14);
    const double v469 = __dsub_rn(v464, v468);
    const double v470 = __dadd_rn(v469, v466);
    const double v471 = __dadd_rn(v467, v470);
    const double v472 = __dsub_rn(v471, v467);
    const double v473 = __dsub_rn(v470, v472);
    const double v474 = mish_scale_pow2(v471, v95);
    const double v475 = mish_scale_pow2(v473, v95);
    const double v476 = __dmul_rn(v9, v474);
    const double v477 = -v476;
    const double v478 = __fma_rn(v9, v474, v477);
    const double v479 = __dmul_rn(v1, v475);
    const double v480 = __fma_rn(v9, v475, v479);
    const double v481 = __fma_rn(v1, v474, v480);
    const double v482 = __dadd_rn(v478, v481);
    const double v483 = __dadd_rn(v476, v482);
    const double v484 = __dsub_rn(v483, v476);
    const double v485 = __dsub_rn(v482, v484);
    const double v486 = __dadd_rn(v483, v9);
    const double v487 = __dsub_rn(v486, v483);
    const double v488 = __dsub_rn(v486, v487);
    const double v489 = __dsub_rn(v483, v488);
    const double v490 = __dsub_rn(v9, v487);
    const double v491 = __dadd_rn(v489, v490);
    const double v492 = __dadd_rn(v485, v491);
    const double v493 = __dadd_rn(v486, v492);
    const double v494 = __dsub_rn(v493, v486);
    const double v495 = __dsub_rn(v492, v494);
    const double v496 = __dmul_rn(v493, v474);
    const double v497 = -v496;
    const double v498 = __fma_rn(v493, v474, v497);
    const double v499 = __dmul_rn(v495, v475);
    const double v500 = __fma_rn(v493, v475, v499);
    const double v501 = __fma_rn(v495, v474, v500);
    const double v502 = __dadd_rn(v498, v501);
    const double v503 = __dadd_rn(v496, v502);
    const double v504 = __dsub_rn(v503, v496);
    const double v505 = __dsub_rn(v502, v504);
    const double v506 = __dadd_rn(v503, v11);
    const double v507 = __dsub_rn(v506, v503);
    const double v508 = __dsub_rn(v506, v507);
    const double v509 = __dsub_rn(v503, v508);
    const double v510 = __dsub_rn(v11, v507);
    const double v511 = __dadd_rn(v509, v510);
    const double v512 = __dadd_rn(v505, v511);
    const double v513 = __dadd_rn(v506, v512);
    const double v514 = __dsub_rn(v513, v506);
    const double v515 = __dsub_rn(v512, v514);
    const double v516 = __dmul_rn(v513, v474);
    const double v517 = -v516;
    const double v518 = __fma_rn(v513, v474, v517);
    const double v519 = __dmul_rn(v515, v475);
    const double v520 = __fma_rn(v513, v475, v519);
    const double v521 = __fma_rn(v515, v474, v520);
    const double v522 = __dadd_rn(v518, v521);
    const double v523 = __dadd_rn(v516, v522);
    const double v524 = __dsub_rn(v523, v516);
    const double v525 = __dsub_rn(v522, v524);
    const double v526 = __dadd_rn(v523, v11);
    const double v527 = __dsub_rn(v526, v523);
    const double v528 = __dsub_rn(v526, v527);
    const double v529 = __dsub_rn(v523, v528);
    const double v530 = __dsub_rn(v11, v527);
    const double v531 = __dadd_rn(v529, v530);
    const double v532 = __dadd_rn(v525, v531);
    const double v533 = __dadd_rn(v526, v532);
    const double v534 = __dsub_rn(v533, v526);
    const double v535 = __dsub_rn(v532, v534);
    const double v536 = __dmul_rn(v15, v474);
    const double v537 = -v536;
    const double v538 = __fma_rn(v15, v474, v537);
    const double v539 = __fma_rn(v15, v475, v479);
    const double v540 = __fma_rn(v1, v474, v539);
    const double v541 = __dadd_rn(v538, v540);
    const double v542 = __dadd_rn(v536, v541);
    const double v543 = __dsub_rn(v542, v536);
    const double v544 = __dsub_rn(v541, v543);
    const double v545 = __dadd_rn(v542, v17);
    const double v546 = __dsub_rn(v545, v542);
    const double v547 = __dsub_rn(v545, v546);
    const double v548 = __dsub_rn(v542, v547);
    const double v549 = __dsub_rn(v17, v546);
    const double v550 = __dadd_rn(v548, v549);
    const double v551 = __dadd_rn(v544, v550);
    const double v552 = __dadd_rn(v545, v551);
    const double v553 = __dsub_rn(v552, v545);
    const double v554 = __dsub_rn(v551, v553);
    const double v555 = __dmul_rn(v552, v474);
    const double v556 = -v555;
    const double v557 = __fma_rn(v552, v474, v556);
    const double v558 = __dmul_rn(v554, v475);
    const double v559 = __fma_rn(v552, v475, v558);
    const double v560 = __fma_rn(v554, v474, v559);
    const double v561 = __dadd_rn(v557, v560);
    const double v562 = __dadd_rn(v555, v561);
    const double v563 = __dsub_rn(v562, v555);
    const double v564 = __dsub_rn(v561, v563);
    const double v565 = __dadd_rn(v562, v19);
    const double v566 = __dsub_rn(v565, v562);
    const double v567 = __dsub_rn(v565, v566);
    const double v568 = __dsub_rn(v562, v567);
    const double v569 = __dsub_rn(v19, v566);
    const double v570 = __dadd_rn(v568, v569);
    const double v571 = __dadd_rn(v564, v570);
    const double v572 = __dadd_rn(v565, v571);
    const double v573 = __dsub_rn(v572, v565);
    const double v574 = __dsub_rn(v571, v573);
    const double v575 = __dmul_rn(v572, v474);
    const double v576 = -v575;
    const double v577 = __fma_rn(v572, v474, v576);
    const double v578 = __dmul_rn(v574, v475);
    const double v579 = __fma_rn(v572, v475, v578);
    const double v580 = __fma_rn(v574, v474, v579);
    const double v581 = __dadd_rn(v577, v580);
    const double v582 = __dadd_rn(v575, v581);
    const double v583 = __dsub_rn(v582, v575);
    const double v584 = __dsub_rn(v581, v583);
    const double v585 = __dadd_rn(v582, v21);
    const double v586 = __dsub_rn(v585, v582);
    const double v587 = __dsub_rn(v585, v586);
    const double v588 = __dsub_rn(v582, v587);
    const double v589 = __dsub_rn(v21, v586);
    const double v590 = __dadd_rn(v588, v589);
    const double v591 = __dadd_rn(v584, v590);
    const double v592 = __dadd_rn(v585, v591);
    const double v593 = __dsub_rn(v592, v585);
    const double v594 = __dsub_rn(v591, v593);
    const double v595 = __dmul_rn(v533, v0);
    const double v596 = -v595;
    const double v597 = __fma_rn(v533, v0, v596);
    const double v598 = __fma_rn(v535, v0, v597);
    const double v599 = __dadd_rn(v595, v598);
    const double v600 = __dsub_rn(v599, v595);
    const double v601 = __dsub_rn(v598, v600);
    const double v602 = __dadd_rn(v599, v592);
    const double v603 = __dsub_rn(v602, v599);
    const double v604 = __dsub_rn(v602, v603);
    const double v605 = __dsub_rn(v599, v604);
    const double v606 = __dsub_rn(v592, v603);
    const double v607 = __dadd_rn(v605, v606);
    const double v608 = __dadd_rn(v601, v594);
    const double v609 = __dsub_rn(v608, v601);
    const double v610 = __dsub_rn(v608, v609);
    const double v611 = __dsub_rn(v601, v610);
    const double v612 = __dsub_rn(v594, v609);
    const double v613 = __dadd_rn(v611, v612);
    const double v614 = __dadd_rn(v607, v608);
    const double v615 = __dadd_rn(v602, v614);
    const double v616 = __dsub_rn(v615, v602);
    const double v617 = __dsub_rn(v614, v616);
    const double v618 = __dadd_rn(v613, v617);
    const double v619 = __dadd_rn(v615, v618);
    const double v620 = __dsub_rn(v619, v615);
    const double v621 = __dsub_rn(v618, v620);
    const double v622 = __dadd_rn(v542, v25);
    const double v623 = __dsub_rn(v622, v542);
    const double v624 = __dsub_rn(v622, v623);
    const double v625 = __dsub_rn(v542, v624);
    const double v626 = __dsub_rn(v25, v623);
    const double v627 = __dadd_rn(v625, v626);
    const double v628 = __dadd_rn(v544, v627);
    const double v629 = __dadd_rn(v622, v628);
    const double v630 = __dsub_rn(v629, v622);
    const double v631 = __dsub_rn(v628, v630);
    const double v632 = __dmul_rn(v629, v474);
    const double v633 = -v632;
    const double v634 = __fma_rn(v629, v474, v633);
    const double v635 = __dmul_rn(v631, v475);
    const double v636 = __fma_rn(v629, v475, v635);
    const double v637 = __fma_rn(v631, v474, v636);
    const double v638 = __dadd_rn(v634, v637);
    const double v639 = __dadd_rn(v632, v638);
    const double v640 = __dsub_rn(v639, v632);
    const double v641 = __dsub_rn(v638, v640);
    const double v642 = __dadd_rn(v639, v24);
    const double v643 = __dsub_rn(v642, v639);
    const double v644 = __dsub_rn(v642, v643);
    const double v645 = __dsub_rn(v639, v644);
    const double v646 = __dsub_rn(v24, v643);
    const double v647 = __dadd_rn(v645, v646);
    const double v648 = __dadd_rn(v641, v647);
    const double v649 = __dadd_rn(v642, v648);
    const double v650 = __dsub_rn(v649, v642);
    const double v651 = __dsub_rn(v648, v650);
    const double v652 = __dmul_rn(v649, v474);
    const double v653 = -v652;
    const double v654 = __fma_rn(v649, v474, v653);
    const double v655 = __dmul_rn(v651, v475);
    const double v656 = __fma_rn(v649, v475, v655);
    const double v657 = __fma_rn(v651, v474, v656);
    const double v658 = __dadd_rn(v654, v657);
    const double v659 = __dadd_rn(v652, v658);
    const double v660 = __dsub_rn(v659, v652);
    const double v661 = __dsub_rn(v658, v660);
    const double v662 = __dadd_rn(v659, v28);
    const double v663 = __dsub_rn(v662, v659);
    const double v664 = __dsub_rn(v662, v663);
    const double v665 = __dsub_rn(v659, v664);
    const double v666 = __dsub_rn(v28, v663);
    const double v667 = __dadd_rn(v665, v666);
    const double v668 = __dadd_rn(v661, v667);
    const double v669 = __dadd_rn(v662, v668);
    const double v670 = __dsub_rn(v669, v662);
    const double v671 = __dsub_rn(v668, v670);
    const double v672 = __dmul_rn(v669, v474);
    const double v673 = -v672;
    const double v674 = __fma_rn(v669, v474, v673);
    const double v675 = __dmul_rn(v671, v475);
    const double v676 = __fma_rn(v669, v475, v675);
    const double v677 = __fma_rn(v671, v474, v676);
    const double v678 = __dadd_rn(v674, v677);
    const double v679 = __dadd_rn(v672, v678);
    const double v680 = __dsub_rn(v679, v672);
    const double v681 = __dsub_rn(v678, v680);
    const double v682 = __dadd_rn(v679, v21);
    const double v683 = __dsub_rn(v682, v679);
    const double v684 = __dsub_rn(v682, v683);
    const double v685 = __dsub_rn(v679, v684);
    const double v686 = __dsub_rn(v21, v683);
    const double v687 = __dadd_rn(v685, v686);
    const double v688 = __dadd_rn(v681, v687);
    const double v689 = __dadd_rn(v682, v688);
    const double v690 = __dsub_rn(v689, v682);
    const double v691 = __dsub_rn(v688, v690);
    const double v692 = __ddiv_rn(v619, v689);
    const double v693 = -v689;
    const double v694 = __fma_rn(v693, v692, v619);
    const double v695 = -v691;
    const double v696 = __fma_rn(v695, v692, v621);
    const double v697 = __dadd_rn(v694, v696);
    const double v698 = __ddiv_rn(v697, v689);
    const double v699 = __dadd_rn(v692, v698);
    const double v700 = __dsub_rn(v699, v692);
    const double v701 = __dsub_rn(v698, v700);
    const double v702 = __dmul_rn(v699, v471);
    const double v703 = -v702;
    const double v704 = __fma_rn(v699, v471, v703);
    const double v705 = __dmul_rn(v701, v473);
    const double v706 = __fma_rn(v699, v473, v705);
    const double v707 = __fma_rn(v701, v471, v706);
    const double v708 = __dadd_rn(v704, v707);
    const double v709 = __dadd_rn(v702, v708);
    const double v710 = __dsub_rn(v709, v702);
    const double v711 = __dsub_rn(v708, v710);
    const double v712 = __dmul_rn(v95, v14);
    const double v713 = (x < (float)v1) ? v709 : v699;
    const double v714 = (x < (float)v1) ? v711 : v701;
    const double v715 = (x < (float)v1) ? v712 : v1;
    const double v716 = (v56 < v57) ? v1 : v14;
    const double v717 = (v3 < v81) ? v1 : v716;
    const double v718 = (x < (float)v83) ? v1 : v717;
    const double v719 = ((float)v86 < x) ? v1 : v718;
    const double v720 = __dmul_rn(v713, v88);
    const double v721 = -v720;
    const double v722 = __fma_rn(v713, v88, v721);
    const double v723 = __fma_rn(v714, v88, v722);
    const double v724 = __dadd_rn(v720, v723);
    const double v725 = __dsub_rn(v724, v720);
    const double v726 = __dsub_rn(v723, v725);
    const double v727 = mish_round_to_odd(v724, v726);
    const double v728 = mish_scale_pow2(v727, v715);
    return (0.0 < v719) ? v728 : r;
}

__device__ __forceinline__ float mish_backward_f32_scalar(float x, float dy) {
    const double v0 = (double)x;
    const double v1 = 0.0;
    const double v3 = fabs(v0);
    const double v5 = (double)mish_exp_argument_f32(x, -199.0f);
    const double v6 = mish_exp_mantissa(v5);
    const double v7 = mish_exp_scale_clamped(v6, v5);
    const double v8 = 4.0;
    const double v9 = (x < (float)v1) ? v1 : v8;
    const double v10 = __fma_rn(v9, v7, v9);
    const double v11 = (x < (float)v1) ? v8 : v1;
    const double v12 = __fma_rn(v10, v7, v11);
    const double v13 = __fma_rn(v12, v7, v11);
    const double v14 = 1.0;
    const double v15 = (x < (float)v1) ? v14 : v8;
    const double v16 = 6.0;
    const double v17 = (x < (float)v1) ? v8 : v16;
    const double v18 = __fma_rn(v15, v7, v17);
    const double v19 = (x < (float)v1) ? v16 : v8;
    const double v20 = __fma_rn(v18, v7, v19);
    const double v21 = (x < (float)v1) ? v8 : v14;
    const double v22 = __fma_rn(v20, v7, v21);
    const double v23 = __fma_rn(v13, v0, v22);
    const double v24 = 8.0;
    const double v25 = (x < (float)v1) ? v8 : v24;
    const double v26 = __fma_rn(v15, v7, v25);
    const double v27 = __fma_rn(v26, v7, v24);
    const double v28 = (x < (float)v1) ? v24 : v8;
    const double v29 = __fma_rn(v27, v7, v28);
    const double v30 = __fma_rn(v29, v7, v21);
    const double v31 = __ddiv_rn(v23, v30);
    const double v32 = (x < (float)v1) ? v7 : v14;
    const double v33 = __dmul_rn(v31, v32);
    const double v34 = -0x1.31432c0d12d84p+0;
    const double v35 = __dsub_rn(v0, v34);
    const double v36 = -0x1.bf319154da21p-55;
    const double v37 = __dsub_rn(v35, v36);
    const double v38 = 0x1.0a7954e86867p-12;
    const double v39 = 0x1.03799182b217fp-10;
    const double v40 = __fma_rn(v38, v37, v39);
    const double v41 = 0x1.1e5e184a0fep-10;
    const double v42 = __fma_rn(v40, v37, v41);
    const double v43 = -0x1.b87ddfb51b745p-9;
    const double v44 = __fma_rn(v42, v37, v43);
    const double v45 = -0x1.03369d4ac90fap-6;
    const double v46 = __fma_rn(v44, v37, v45);
    const double v47 = -0x1.4c222fe64d4fbp-6;
    const double v48 = __fma_rn(v46, v37, v47);
    const double v49 = 0x1.574f121a868dbp-5;
    const double v50 = __fma_rn(v48, v37, v49);
    const double v51 = 0x1.a34a251d8ad7bp-3;
    const double v52 = __fma_rn(v50, v37, v51);
    const double v53 = 0x1.115acb42500bbp-2;
    const double v54 = __fma_rn(v52, v37, v53);
    const double v55 = __dmul_rn(v54, v37);
    const double v56 = fabs(v37);
    const double v57 = 0x1p-6;
    const double v58 = (v56 < v57) ? v55 : v33;
    const double v59 = 0x1.8996bd5e23721p-8;
    const double v60 = 0x1.804d983947497p-5;
    const double v61 = __fma_rn(v59, v0, v60);
    const double v62 = -0x1.e955e124ba3b4p-10;
    const double v63 = __fma_rn(v61, v0, v62);
    const double v64 = -0x1.77bd5f29ea6d8p-3;
    const double v65 = __fma_rn(v63, v0, v64);
    const double v66 = -0x1.89374bc6a7efap-5;
    const double v67 = __fma_rn(v65, v0, v66);
    const double v68 = 0x1.47ae147ae147bp-1;
    const double v69 = __fma_rn(v67, v0, v68);
    const double v70 = 0x1.3333333333333p-1;
    const double v71 = __dmul_rn(v69, v0);
    const double v72 = __dadd_rn(v70, v71);
    const double v73 = __dsub_rn(v70, v72);
    const double v74 = __dadd_rn(v73, v71);
    const double v75 = 0x1.999999999999ap-56;
    const double v76 = __dadd_rn(v74, v75);
    const double v77 = __dadd_rn(v72, v76);
    const double v78 = __dsub_rn(v72, v77);
    const double v79 = __dadd_rn(v78, v76);
    const double v80 = mish_round_to_odd(v77, v79);
    const double v81 = 0x1p-12;
    const double v82 = (v3 < v81) ? v80 : v58;
    const double v83 = -198.0;
    const double v84 = -0x0.0000000000001p-1022;
    const double v85 = (x < (float)v83) ? v84 : v82;
    const double v86 = 21.0;
    const double v87 = ((float)v86 < x) ? v14 : v85;
    const double v88 = (double)dy;
    const double v89 = __dmul_rn(v88, v87);
    double r0 = v89;
    if (mish_boundary_key(r0, 29, 0x1p-126, 1024) <= 2048) r0 = mish_backward_f32_fallback(x, dy, r0);
    return __double2float_rn(r0);
}

/* Grid-stride over groups of 4 with 128-bit loads and stores (all pointers 16-byte aligned), then
   the remaining n % 4 elements one by one. */
__global__ void mish_backward_f32_vector(const float *__restrict__ x, const float *__restrict__ dy, float *__restrict__ dx, size_t n) {
    const size_t groups = n / 4;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < groups; i += stride) {
        const uint4 xv = reinterpret_cast<const uint4 *>(x)[i];
        const float *xl = reinterpret_cast<const float *>(&xv);
        const uint4 dyv = reinterpret_cast<const uint4 *>(dy)[i];
        const float *dyl = reinterpret_cast<const float *>(&dyv);
        uint4 dxv;
        float *dxl = reinterpret_cast<float *>(&dxv);
        #pragma unroll
        for (int k = 0; k < 4; k++) {
            dxl[k] = mish_backward_f32_scalar(xl[k], dyl[k]);
        }
        reinterpret_cast<uint4 *>(dx)[i] = dxv;
    }
    const size_t tail = groups * 4 + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (tail < n) {
        const size_t i = tail;
        dx[i] = mish_backward_f32_scalar(x[i], dy[i]);
    }
}
/* Grid-stride one element at a time (for pointers that are not 16-byte aligned). */
__global__ void mish_backward_f32_elementwise(const float *__restrict__ x, const float *__restrict__ dy, float *__restrict__ dx, size_t n) {
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        dx[i] = mish_backward_f32_scalar(x[i], dy[i]);
    }
}

/* Launches on `stream`; returns the launch error, if any. */
extern "C" cudaError_t mish_backward_f32(const float *x, const float *dy, float *dx, size_t n, cudaStream_t stream) {
    if (n == 0) return cudaSuccess;
    const int threads = 256;
    if ((((uintptr_t)x | (uintptr_t)dy | (uintptr_t)dx) % 16) == 0) {
        const size_t work = n / 4 + 1;
        const unsigned blocks = (unsigned)((work + threads - 1) / threads < 65535 ? (work + threads - 1) / threads : 65535);
        mish_backward_f32_vector<<<blocks, threads, 0, stream>>>(x, dy, dx, n);
    } else {
        const unsigned blocks = (unsigned)((n + threads - 1) / threads < 65535 ? (n + threads - 1) / threads : 65535);
        mish_backward_f32_elementwise<<<blocks, threads, 0, stream>>>(x, dy, dx, n);
    }
    return cudaGetLastError();
}
