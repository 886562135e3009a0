/*
 * snapshot of mish backward bf16
 * exp: the argument -|x| is raised to -188 (every input beyond returns a threshold's limit, or the form's value does not depend on e^-|x| there), so e^a is q times one normal power of two
 * series: |x - x0| < 1/64 around the zero x0 = -1.1924312145154952 -4.85e-17 of f: degree-9 Taylor series at x0 (x0 a double-double from the certified root finder), so the relative error stays bounded through the zero
 * threshold: x < -187: |f(x) - 0| < 2^-262 (interval evaluation at x = -187; f - 0 and f' keep one sign beyond -16, so |f - 0| decreases toward -inf), which times any finite dy of the output type rounds to 0 there (with the sign of dy times -0); there f' stands as the least nonzero number with its sign, not as 0 (times dy, and scaled once more where dy folds in), so that dy = +-inf gives +-inf as dy*f' does, not NaN
 * threshold: x > 21: |f(x) - 1| < 2^-54 (interval evaluation at x = 21; f - 1 and f' keep one sign beyond 16, so |f - 1| decreases toward +inf), which rounds to 1 in f64
 * rounding fallback: where the double result is within 1024 ulp of a rounding boundary of bf16 and comes from the generic form, that form again in double-double, rounded to odd, then rounded once (the tolerance is measured: the form's error stays below 70 ulp on samples)
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
__device__ __noinline__ double mish_backward_bf16_fallback(__nv_bfloat16 x, __nv_bfloat16 dy, double r) {
    const double v0 = (double)__bfloat162float(x);
    const double v1 = 0.0;
    const double v3 = fabs(v0);
    const double v4 = -v3;
    const double v8 = 4.0;
    const double v9 = (v0 < v1) ? v1 : v8;
    const double v11 = (v0 < v1) ? v8 : v1;
    const double v14 = 1.0;
    const double v15 = (v0 < v1) ? v14 : v8;
    const double v16 = 6.0;
    const double v17 = (v0 < v1) ? v8 : v16;
    const double v19 = (v0 < v1) ? v16 : v8;
    const double v21 = (v0 < v1) ? v8 : v14;
    const double v24 = 8.0;
    const double v25 = (v0 < v1) ? v8 : v24;
    const double v28 = (v0 < v1) ? v24 : v8;
    const double v34 = -0x1.31432c0d12d84p+0;
    const double v35 = __dsub_rn(v0, v34);
    const double v36 = -0x1.bf319154da21p-55;
    const double v37 = __dsub_rn(v35, v36);
    const double v56 = fabs(v37);
    const double v57 = 0x1p-6;
    const double v59 = -187.0;
    const double v62 = 21.0;
    const double v64 = (double)__bfloat162float(dy);
    const double v66 = -1500.0;
    const double v67 = (v4 < v66) ? v66 : v4;
    const double v68 = 0x1.8p+52;
    const double v69 = 0x1.71547652b82fep+0;
    const double v70 = __fma_rn(v67, v69, v68);
    const double v71 = __dsub_rn(v70, v68);
    const double v72 = -v71;
    const double v73 = 0x1.62e42fefa4p-1;
    const double v74 = __fma_rn(v72, v73, v67);
    const double v75 = -0x1.8432a1b0e2p-43;
    const double v76 = __dmul_rn(v72, v75);
    const double v77 = __dadd_rn(v74, v76);
    const double v78 = __dsub_rn(v77, v74);
    const double v79 = __dsub_rn(v77, v78);
    const double v80 = __dsub_rn(v74, v79);
    const double v81 = __dsub_rn(v76, v78);
    const double v82 = __dadd_rn(v80, v81);
    const double v83 = -0x1.8cff81a12a17ep-85;
    const double v84 = __fma_rn(v72, v83, v82);
    const double v85 = __dadd_rn(v77, v84);
    const double v86 = __dsub_rn(v85, v77);
    const double v87 = __dsub_rn(v84, v86);
    const double v88 = 0x1p-4;
    const double v89 = __dmul_rn(v85, v88);
    const double v90 = __dmul_rn(v87, v88);
    const double v91 = 0x1.93974a8c07c9dp-37;
    const double v92 = 0x1.6124613a86d09p-33;
    const double v93 = __fma_rn(v91, v89, v92);
    const double v94 = 0x1.1eed8eff8d898p-29;
    const double v95 = __fma_rn(v93, v89, v94);
    const double v96 = 0x1.ae64567f544e4p-26;
    const double v97 = __fma_rn(v95, v89, v96);
    const double v98 = 0x1.27e4fb7789f5cp-22;
    const double v99 = __fma_rn(v97, v89, v98);
    const double v100 = 0x1.71de3a556c734p-19;
    const double v101 = __fma_rn(v99, v89, v100);
    const double v102 = __dmul_rn(v89, v101);
    const double v103 = -v102;
    const double v104 = __fma_rn(v89, v101, v103);
    const double v105 = __fma_rn(v90, v101, v104);
    const double v106 = __dadd_rn(v102, v105);
    const double v107 = __dsub_rn(v106, v102);
    const double v108 = __dsub_rn(v105, v107);
    const double v109 = 0x1.a01a01a01a01ap-16;
    const double v110 = 0x1.a01a01a01a01ap-76;
    const double v111 = __dadd_rn(v106, v109);
    const double v112 = __dsub_rn(v111, v106);
    const double v113 = __dsub_rn(v111, v112);
    const double v114 = __dsub_rn(v106, v113);
    const double v115 = __dsub_rn(v109, v112);
    const double v116 = __dadd_rn(v114, v115);
    const double v117 = __dadd_rn(v108, v110);
    const double v118 = __dsub_rn(v117, v108);
    const double v119 = __dsub_rn(v117, v118);
    const double v120 = __dsub_rn(v108, v119);
    const double v121 = __dsub_rn(v110, v118);
    const double v122 = __dadd_rn(v120, v121);
    const double v123 = __dadd_rn(v116, v117);
    const double v124 = __dadd_rn(v111, v123);
    const double v125 = __dsub_rn(v124, v111);
    const double v126 = __dsub_rn(v123, v125);
    const double v127 = __dadd_rn(v122, v126);
    const double v128 = __dadd_rn(v124, v127);
    const double v129 = __dsub_rn(v128, v124);
    const double v130 = __dsub_rn(v127, v129);
    const double v131 = __dmul_rn(v128, v89);
    const double v132 = -v131;
    const double v133 = __fma_rn(v128, v89, v132);
    const double v134 = __dmul_rn(v130, v90);
    const double v135 = __fma_rn(v128, v90, v134);
    const double v136 = __fma_rn(v130, v89, v135);
    const double v137 = __dadd_rn(v133, v136);
    const double v138 = __dadd_rn(v131, v137);
    const double v139 = __dsub_rn(v138, v131);
    const double v140 = __dsub_rn(v137, v139);
    const double v141 = 0x1.a01a01a01a01ap-13;
    const double v142 = 0x1.a01a01a01a01ap-73;
    const double v143 = __dadd_rn(v138, v141);
    const double v144 = __dsub_rn(v143, v138);
    const double v145 = __dsub_rn(v143, v144);
    const double v146 = __dsub_rn(v138, v145);
    const double v147 = __dsub_rn(v141, v144);
    const double v148 = __dadd_rn(v146, v147);
    const double v149 = __dadd_rn(v140, v142);
    const double v150 = __dsub_rn(v149, v140);
    const double v151 = __dsub_rn(v149, v150);
    const double v152 = __dsub_rn(v140, v151);
    const double v153 = __dsub_rn(v142, v150);
    const double v154 = __dadd_rn(v152, v153);
    const double v155 = __dadd_rn(v148, v149);
    const double v156 = __dadd_rn(v143, v155);
    const double v157 = __dsub_rn(v156, v143);
    const double v158 = __dsub_rn(v155, v157);
    const double v159 = __dadd_rn(v154, v158);
    const double v160 = __dadd_rn(v156, v159);
    const double v161 = __dsub_rn(v160, v156);
    const double v162 = __dsub_rn(v159, v161);
    const double v163 = __dmul_rn(v160, v89);
    const double v164 = -v163;
    const double v165 = __fma_rn(v160, v89, v164);
    const double v166 = __dmul_rn(v162, v90);
    const double v167 = __fma_rn(v160, v90, v166);
    const double v168 = __fma_rn(v162, v89, v167);
    const double v169 = __dadd_rn(v165, v168);
    const double v170 = __dadd_rn(v163, v169);
    const double v171 = __dsub_rn(v170, v163);
    const double v172 = __dsub_rn(v169, v171);
    const double v173 = 0x1.6c16c16c16c17p-10;
    const double v174 = -0x1.f49f49f49f49fp-65;
    const double v175 = __dadd_rn(v170, v173);
    const double v176 = __dsub_rn(v175, v170);
    const double v177 = __dsub_rn(v175, v176);
    const double v178 = __dsub_rn(v170, v177);
    const double v179 = __dsub_rn(v173, v176);
    const double v180 = __dadd_rn(v178, v179);
    const double v181 = __dadd_rn(v172, v174);
    const double v182 = __dsub_rn(v181, v172);
    const double v183 = __dsub_rn(v181, v182);
    const double v184 = __dsub_rn(v172, v183);
    const double v185 = __dsub_rn(v174, v182);
    const double v186 = __dadd_rn(v184, v185);
    const double v187 = __dadd_rn(v180, v181);
    const double v188 = __dadd_rn(v175, v187);
    const double v189 = __dsub_rn(v188, v175);
    const double v190 = __dsub_rn(v187, v189);
    const double v191 = __dadd_rn(v186, v190);
    const double v192 = __dadd_rn(v188, v191);
    const double v193 = __dsub_rn(v192, v188);
    const double v194 = __dsub_rn(v191, v193);
    const double v195 = __dmul_rn(v192, v89);
    const double v196 = -v195;
    const double v197 = __fma_rn(v192, v89, v196);
    const double v198 = __dmul_rn(v194, v90);
    const double v199 = __fma_rn(v192, v90, v198);
    const double v200 = __fma_rn(v194, v89, v199);
    const double v201 = __dadd_rn(v197, v200);
    const double v202 = __dadd_rn(v195, v201);
    const double v203 = __dsub_rn(v202, v195);
    const double v204 = __dsub_rn(v201, v203);
    const double v205 = 0x1.1111111111111p-7;
    const double v206 = 0x1.1111111111111p-63;
    const double v207 = __dadd_rn(v202, v205);
    const double v208 = __dsub_rn(v207, v202);
    const double v209 = __dsub_rn(v207, v208);
    const double v210 = __dsub_rn(v202, v209);
    const double v211 = __dsub_rn(v205, v208);
    const double v212 = __dadd_rn(v210, v211);
    const double v213 = __dadd_rn(v204, v206);
    const double v214 = __dsub_rn(v213, v204);
    const double v215 = __dsub_rn(v213, v214);
    const double v216 = __dsub_rn(v204, v215);
    const double v217 = __dsub_rn(v206, v214);
    const double v218 = __dadd_rn(v216, v217);
    const double v219 = __dadd_rn(v212, v213);
    const double v220 = __dadd_rn(v207, v219);
    const double v221 = __dsub_rn(v220, v207);
    const double v222 = __dsub_rn(v219, v221);
    const double v223 = __dadd_rn(v218, v222);
    const double v224 = __dadd_rn(v220, v223);
    const double v225 = __dsub_rn(v224, v220);
    const double v226 = __dsub_rn(v223, v225);
    const double v227 = __dmul_rn(v224, v89);
    const double v228 = -v227;
    const double v229 = __fma_rn(v224, v89, v228);
    const double v230 = __dmul_rn(v226, v90);
    const double v231 = __fma_rn(v224, v90, v230);
    const double v232 = __fma_rn(v226, v89, v231);
    const double v233 = __dadd_rn(v229, v232);
    const double v234 = __dadd_rn(v227, v233);
    const double v235 = __dsub_rn(v234, v227);
    const double v236 = __dsub_rn(v233, v235);
    const double v237 = 0x1.5555555555555p-5;
    const double v238 = 0x1.5555555555555p-59;
    const double v239 = __dadd_rn(v234, v237);
    const double v240 = __dsub_rn(v239, v234);
    const double v241 = __dsub_rn(v239, v240);
    const double v242 = __dsub_rn(v234, v241);
    const double v243 = __dsub_rn(v237, v240);
    const double v244 = __dadd_rn(v242, v243);
    const double v245 = __dadd_rn(v236, v238);
    const double v246 = __dsub_rn(v245, v236);
    const double v247 = __dsub_rn(v245, v246);
    const double v248 = __dsub_rn(v236, v247);
    const double v249 = __dsub_rn(v238, v246);
    const double v250 = __dadd_rn(v248, v249);
    const double v251 = __dadd_rn(v244, v245);
    const double v252 = __dadd_rn(v239, v251);
    const double v253 = __dsub_rn(v252, v239);
    const double v254 = __dsub_rn(v251, v253);
    const double v255 = __dadd_rn(v250, v254);
    const double v256 = __dadd_rn(v252, v255);
    const double v257 = __dsub_rn(v256, v252);
    const double v258 = __dsub_rn(v255, v257);
    const double v259 = __dmul_rn(v256, v89);
    const double v260 = -v259;
    const double v261 = __fma_rn(v256, v89, v260);
    const double v262 = __dmul_rn(v258, v90);
    const double v263 = __fma_rn(v256, v90, v262);
    const double v264 = __fma_rn(v258, v89, v263);
    const double v265 = __dadd_rn(v261, v264);
    const double v266 = __dadd_rn(v259, v265);
    const double v267 = __dsub_rn(v266, v259);
    const double v268 = __dsub_rn(v265, v267);
    const double v269 = 0x1.5555555555555p-3;
    const double v270 = 0x1.5555555555555p-57;
    const double v271 = __dadd_rn(v266, v269);
    const double v272 = __dsub_rn(v271, v266);
    const double v273 = __dsub_rn(v271, v272);
    const double v274 = __dsub_rn(v266, v273);
    const double v275 = __dsub_rn(v269, v272);
    const double v276 = __dadd_rn(v274, v275);
    const double v277 = __dadd_rn(v268, v270);
    const double v278 = __dsub_rn(v277, v268);
    const double v279 = __dsub_rn(v277, v278);
    const double v280 = __dsub_rn(v268, v279);
    const double v281 = __dsub_rn(v270, v278);
    const double v282 = __dadd_rn(v280, v281);
    const double v283 = __dadd_rn(v276, v277);
    const double v284 = __dadd_rn(v271, v283);
    const double v285 = __dsub_rn(v284, v271);
    const double v286 = __dsub_rn(v283, v285);
    const double v287 = __dadd_rn(v282, v286);
    const double v288 = __dadd_rn(v284, v287);
    const double v289 = __dsub_rn(v288, v284);
    const double v290 = __dsub_rn(v287, v289);
    const double v291 = __dmul_rn(v288, v89);
    const double v292 = -v291;
    const double v293 = __fma_rn(v288, v89, v292);
    const double v294 = __dmul_rn(v290, v90);
    const double v295 = __fma_rn(v288, v90, v294);
    const double v296 = __fma_rn(v290, v89, v295);
    const double v297 = __dadd_rn(v293, v296);
    const double v298 = __dadd_rn(v291, v297);
    const double v299 = __dsub_rn(v298, v291);
    const double v300 = __dsub_rn(v297, v299);
    const double v301 = 0x1p-1;
    const double v302 = __dadd_rn(v298, v301);
    const double v303 = __dsub_rn(v302, v298);
    const double v304 = __dsub_rn(v302, v303);
    const double v305 = __dsub_rn(v298, v304);
    const double v306 = __dsub_rn(v301, v303);
    const double v307 = __dadd_rn(v305, v306);
    const double v308 = __dadd_rn(v300, v1);
    const double v309 = __dsub_rn(v308, v300);
    const double v310 = __dsub_rn(v308, v309);
    const double v311 = __dsub_rn(v300, v310);
    const double v312 = __dsub_rn(v1, v309);
    const double v313 = __dadd_rn(v311, v312);
    const double v314 = __dadd_rn(v307, v308);
    const double v315 = __dadd_rn(v302, v314);
    const double v316 = __dsub_rn(v315, v302);
    const double v317 = __dsub_rn(v314, v316);
    const double v318 = __dadd_rn(v313, v317);
    const double v319 = __dadd_rn(v315, v318);
    const double v320 = __dsub_rn(v319, v315);
    const double v321 = __dsub_rn(v318, v320);
    const double v322 = __dmul_rn(v319, v89);
    const double v323 = -v322;
    const double v324 = __fma_rn(v319, v89, v323);
    const double v325 = __dmul_rn(v321, v90);
    const double v326 = __fma_rn(v319, v90, v325);
    const double v327 = __fma_rn(v321, v89, v326);
    const double v328 = __dadd_rn(v324, v327);
    const double v329 = __dadd_rn(v322, v328);
    const double v330 = __dsub_rn(v329, v322);
    const double v331 = __dsub_rn(v328, v330);
    const double v332 = __dadd_rn(v329, v14);
    const double v333 = __dsub_rn(v332, v329);
    const double v334 = __dsub_rn(v332, v333);
    const double v335 = __dsub_rn(v329, v334);
    const double v336 = __dsub_rn(v14, v333);
    const double v337 = __dadd_rn(v335, v336);
    const double v338 = __dadd_rn(v331, v1);
    const double v339 = __dsub_rn(v338, v331);
    const double v340 = __dsub_rn(v338, v339);
    const double v341 = __dsub_rn(v331, v340);
    const double v342 = __dsub_rn(v1, v339);
    const double v343 = __dadd_rn(v341, v342);
    const double v344 = __dadd_rn(v337, v338);
    const double v345 = __dadd_rn(v332, v344);
    const double v346 = __dsub_rn(v345, v332);
    const double v347 = __dsub_rn(v344, v346);
    const double v348 = __dadd_rn(v343, v347);
    const double v349 = __dadd_rn(v345, v348);
    const double v350 = __dsub_rn(v349, v345);
    const double v351 = __dsub_rn(v348, v350);
    const double v352 = __dmul_rn(v349, v89);
    const double v353 = -v352;
    const double v354 = __fma_rn(v349, v89, v353);
    const double v355 = __dmul_rn(v351, v90);
    const double v356 = __fma_rn(v349, v90, v355);
    const double v357 = __fma_rn(v351, v89, v356);
    const double v358 = __dadd_rn(v354, v357);
    const double v359 = __dadd_rn(v352, v358);
    const double v360 = __dsub_rn(v359, v352);
    const double v361 = __dsub_rn(v358, v360);
    const double v362 = 2.0;
    const double v363 = __dadd_rn(v359, v362);
    const double v364 = __dsub_rn(v363, v359);
    const double v365 = __dsub_rn(v363, v364);
    const double v366 = __dsub_rn(v359, v365);
    const double v367 = __dsub_rn(v362, v364);
    const double v368 = __dadd_rn(v366, v367);
    const double v369 = __dadd_rn(v361, v368);
    const double v370 = __dadd_rn(v363, v369);
    const double v371 = __dsub_rn(v370, v363);
    const double v372 = __dsub_rn(v369, v371);
    const double v373 = __dmul_rn(v359, v370);
    const double v374 = -v373;
    const double v375 = __fma_rn(v359, v370, v374);
    const double v376 = __dmul_rn(v361, v372);
    const double v377 = __fma_rn(v359, v372, v376);
    const double v378 = __fma_rn(v361, v370, v377);
    const double v379 = __dadd_rn(v375, v378);
    const double v380 = __dadd_rn(v373, v379);
    const double v381 = __dsub_rn(v380, v373);
    const double v382 = __dsub_rn(v379, v381);
    const double v383 = __dadd_rn(v380, v362);
    const double v384 = __dsub_rn(v383, v380);
    const double v385 = __dsub_rn(v383, v384);
    const double v386 = __dsub_rn(v380, v385);
    const double v387 = __dsub_rn(v362, v384);
    const double v388 = __dadd_rn(v386, v387);
    const double v389 = __dadd_rn(v382, v388);
    const double v390 = __dadd_rn(v383, v389);
    const double v391 = __dsub_rn(v390, v383);
    const double v392 = __dsub_rn(v389, v391);
    const double v393 = __dmul_rn(v380, v390);
    const double v394 = -v393;
    const double v395 = __fma_rn(v380, v390, v394);
    const double v396 = __dmul_rn(v382, v392);
    const double v397 = __fma_rn(v380, v392, v396);
    const double v398 = __fma_rn(v382, v390, v397);
    const double v399 = __dadd_rn(v395, v398);
    const double v400 = __dadd_rn(v393, v399);
    const double v401 = __dsub_rn(v400, v393);
    const double v402 = __dsub_rn(v399, v401);
    const double v403 = __dadd_rn(v400, v362);
    const double v404 = __dsub_rn(v403, v400);
    const double v405 = __dsub_rn(v403, v404);
    const double v406 = __dsub_rn(v400, v405);
    const double v407 = __dsub_rn(v362, v404);
    const double v408 = __dadd_rn(v406, v407);
    const double v409 = __dadd_rn(v402, v408);
    const double v410 = __dadd_rn(v403, v409);
    const double v411 = __dsub_rn(v410, v403);
    const double v412 = __dsub_rn(v409, v411);
    const double v413 = __dmul_rn(v400, v410);
    const double v414 = -v413;
    const double v415 = __fma_rn(v400, v410, v414);
    const double v416 = __dmul_rn(v402, v412);
    const double v417 = __fma_rn(v400, v412, v416);
    const double v418 = __fma_rn(v402, v410, v417);
    const double v419 = __dadd_rn(v415, v418);
    const double v420 = __dadd_rn(v413, v419);
    const double v421 = __dsub_rn(v420, v413);
    const double v422 = __dsub_rn(v419, v421);
    const double v423 = __dadd_rn(v420, v362);
    const double v424 = __dsub_rn(v423, v420);
    const double v425 = __dsub_rn(v423, v424);
    const double v426 = __dsub_rn(v420, v425);
    const double v427 = __dsub_rn(v362, v424);
    const double v428 = __dadd_rn(v426, v427);
    const double v429 = __dadd_rn(v422, v428);
    const double v430 = __dadd_rn(v423, v429);
    const double v431 = __dsub_rn(v430, v423);
    const double v432 = __dsub_rn(v429, v431);
    const double v433 = __dmul_rn(v420, v430);
    const double v434 = -v433;
    const double v435 = __fma_rn(v420, v430, v434);
    const double v436 = __dmul_rn(v422, v432);
    const double v437 = __fma_rn(v420, v432, v436);
    const double v438 = __fma_rn(v422, v430, v437);
    const double v439 = __dadd_rn(v435, v438);
    const double v440 = __dadd_rn(v433, v439);
    const double v441 = __dsub_rn(v440, v433);
    const double v442 = __dsub_rn(v439, v441);
    const double v443 = __dadd_rn(v14, v440);
    const double v444 = __dsub_rn(v443, v14);
    const double v445 = __dsub_rn(v440, v444);
    const double v446 = __dadd_rn(v445, v442);
    const double v447 = __dadd_rn(v443, v446);
    const double v448 = __dsub_rn(v447, v443);
    const double v449 = __dsub_rn(v446, v448);
    const double v450 = mish_scale_pow2(v447, v71);
    const double v451 = mish_scale_pow2(v449, v71);
    const double v452 = __dmul_rn(v9, v450);
    const double v453 = -v452;
    const double v454 = __fma_rn(v9, v450, v453);
    const double v455 = __dmul_rn(v1, v451);
    const double v456 = __fma_rn(v9, v451, v455);
    const double v457 = __fma_rn(v1, v450, v456);
    const double v458 = __dadd_rn(v454, v457);
    const double v459 = __dadd_rn(v452, v458);
    const double v460 = __dsub_rn(v459, v452);
    const double v461 = __dsub_rn(v458, v460);
    const double v462 = __dadd_rn(v459, v9);
    const double v463 = __dsub_rn(v462, v459);
    const double v464 = __dsub_rn(v462, v463);
    const double v465 = __dsub_rn(v459, v464);
    const double v466 = __dsub_rn(v9, v463);
    const double v467 = __dadd_rn(v465, v466);
    const double v468 = __dadd_rn(v461, v467);
    const double v469 = __dadd_rn(v462, v468);
    const double v470 = __dsub_rn(v469, v462);
    const double v471 = __dsub_rn(v468, v470);
    const double v472 = __dmul_rn(v469, v450);
    const double v473 = -v472;
    const double v474 = __fma_rn(v469, v450, v473);
    const double v475 = __dmul_rn(v471, v451);
    const double v476 = __fma_rn(v469, v451, v475);
    const double v477 = __fma_rn(v471, v450, v476);
    const double v478 = __dadd_rn(v474, v477);
    const double v479 = __dadd_rn(v472, v478);
    const double v480 = __dsub_rn(v479, v472);
    const double v481 = __dsub_rn(v478, v480);
    const double v482 = __dadd_rn(v479, v11);
    const double v483 = __dsub_rn(v482, v479);
    const double v484 = __dsub_rn(v482, v483);
    const double v485 = __dsub_rn(v479, v484);
    const double v486 = __dsub_rn(v11, v483);
    const double v487 = __dadd_rn(v485, v486);
    const double v488 = __dadd_rn(v481, v487);
    const double v489 = __dadd_rn(v482, v488);
    const double v490 = __dsub_rn(v489, v482);
    const double v491 = __dsub_rn(v488, v490);
    const double v492 = __dmul_rn(v489, v450);
    const double v493 = -v492;
    const double v494 = __fma_rn(v489, v450, v493);
    const double v495 = __dmul_rn(v491, v451);
    const double v496 = __fma_rn(v489, v451, v495);
    const double v497 = __fma_rn(v491, v450, v496);
    const double v498 = __dadd_rn(v494, v497);
    const double v499 = __dadd_rn(v492, v498);
    const double v500 = __dsub_rn(v499, v492);
    const double v501 = __dsub_rn(v498, v500);
    const double v502 = __dadd_rn(v499, v11);
    const double v503 = __dsub_rn(v502, v499);
    const double v504 = __dsub_rn(v502, v503);
    const double v505 = __dsub_rn(v499, v504);
    const double v506 = __dsub_rn(v11, v503);
    const double v507 = __dadd_rn(v505, v506);
    const double v508 = __dadd_rn(v501, v507);
    const double v509 = __dadd_rn(v502, v508);
    const double v510 = __dsub_rn(v509, v502);
    const double v511 = __dsub_rn(v508, v510);
    const double v512 = __dmul_rn(v15, v450);
    const double v513 = -v512;
    const double v514 = __fma_rn(v15, v450, v513);
    const double v515 = __fma_rn(v15, v451, v455);
    const double v516 = __fma_rn(v1, v450, v515);
    const double v517 = __dadd_rn(v514, v516);
    const double v518 = __dadd_rn(v512, v517);
    const double v519 = __dsub_rn(v518, v512);
    const double v520 = __dsub_rn(v517, v519);
    const double v521 = __dadd_rn(v518, v17);
    const double v522 = __dsub_rn(v521, v518);
    const double v523 = __dsub_rn(v521, v522);
    const double v524 = __dsub_rn(v518, v523);
    const double v525 = __dsub_rn(v17, v522);
    const double v526 = __dadd_rn(v524, v525);
    const double v527 = __dadd_rn(v520, v526);
    const double v528 = __dadd_rn(v521, v527);
    const double v529 = __dsub_rn(v528, v521);
    const double v530 = __dsub_rn(v527, v529);
    const double v531 = __dmul_rn(v528, v450);
    const double v532 = -v531;
    const double v533 = __fma_rn(v528, v450, v532);
    const double v534 = __dmul_rn(v530, v451);
    const double v535 = __fma_rn(v528, v451, v534);
    const double v536 = __fma_rn(v530, v450, v535);
    const double v537 = __dadd_rn(v533, v536);
    const double v538 = __dadd_rn(v531, v537);
    const double v539 = __dsub_rn(v538, v531);
    const double v540 = __dsub_rn(v537, v539);
    const double v541 = __dadd_rn(v538, v19);
    const double v542 = __dsub_rn(v541, v538);
    const double v543 = __dsub_rn(v541, v542);
    const double v544 = __dsub_rn(v538, v543);
    const double v545 = __dsub_rn(v19, v542);
    const double v546 = __dadd_rn(v544, v545);
    const double v547 = __dadd_rn(v540, v546);
    const double v548 = __dadd_rn(v541, v547);
    const double v549 = __dsub_rn(v548, v541);
    const double v550 = __dsub_rn(v547, v549);
    const double v551 = __dmul_rn(v548, v450);
    const double v552 = -v551;
    const double v553 = __fma_rn(v548, v450, v552);
    const double v554 = __dmul_rn(v550, v451);
    const double v555 = __fma_rn(v548, v451, v554);
    const double v556 = __fma_rn(v550, v450, v555);
    const double v557 = __dadd_rn(v553, v556);
    const double v558 = __dadd_rn(v551, v557);
    const double v559 = __dsub_rn(v558, v551);
    const double v560 = __dsub_rn(v557, v559);
    const double v561 = __dadd_rn(v558, v21);
    const double v562 = __dsub_rn(v561, v558);
    const double v563 = __dsub_rn(v561, v562);
    const double v564 = __dsub_rn(v558, v563);
    const double v565 = __dsub_rn(v21, v562);
    const double v566 = __dadd_rn(v564, v565);
    const double v567 = __dadd_rn(v560, v566);
    const double v568 = __dadd_rn(v561, v567);
    const double v569 = __dsub_rn(v568, v561);
    const double v570 = __dsub_rn(v567, v569);
    const double v571 = __dmul_rn(v509, v0);
    const double v572 = -v571;
    const double v573 = __fma_rn(v509, v0, v572);
    const double v574 = __fma_rn(v511, v0, v573);
    const double v575 = __dadd_rn(v571, v574);
    const double v576 = __dsub_rn(v575, v571);
    const double v577 = __dsub_rn(v574, v576);
    const double v578 = __dadd_rn(v575, v568);
    const double v579 = __dsub_rn(v578, v575);
    const double v580 = __dsub_rn(v578, v579);
    const double v581 = __dsub_rn(v575, v580);
    const double v582 = __dsub_rn(v568, v579);
    const double v583 = __dadd_rn(v581, v582);
    const double v584 = __dadd_rn(v577, v570);
    const double v585 = __dsub_rn(v584, v577);
    const double v586 = __dsub_rn(v584, v585);
    const double v587 = __dsub_rn(v577, v586);
    const double v588 = __dsub_rn(v570, v585);
    const double v589 = __dadd_rn(v587, v588);
    const double v590 = __dadd_rn(v583, v584);
    const double v591 = __dadd_rn(v578, v590);
    const double v592 = __dsub_rn(v591, v578);
    const double v593 = __dsub_rn(v590, v592);
    const double v594 = __dadd_rn(v589, v593);
    const double v595 = __dadd_rn(v591, v594);
    const double v596 = __dsub_rn(v595, v591);
    const double v597 = __dsub_rn(v594, v596);
    const double v598 = __dadd_rn(v518, v25);
    const double v599 = __dsub_rn(v598, v518);
    const double v600 = __dsub_rn(v598, v599);
    const double v601 = __dsub_rn(v518, v600);
    const double v602 = __dsub_rn(v25, v599);
    const double v603 = __dadd_rn(v601, v602);
    const double v604 = __dadd_rn(v520, v603);
    const double v605 = __dadd_rn(v598, v604);
    const double v606 = __dsub_rn(v605, v598);
    const double v607 = __dsub_rn(v604, v606);
    const double v608 = __dmul_rn(v605, v450);
    const double v609 = -v608;
    const double v610 = __fma_rn(v605, v450, v609);
    const double v611 = __dmul_rn(v607, v451);
    const double v612 = __fma_rn(v605, v451, v611);
    const double v613 = __fma_rn(v607, v450, v612);
    const double v614 = __dadd_rn(v610, v613);
    const double v615 = __dadd_rn(v608, v614);
    const double v616 = __dsub_rn(v615, v608);
    const double v617 = __dsub_rn(v614, v616);
    const double v618 = __dadd_rn(v615, v24);
    const double v619 = __dsub_rn(v618, v615);
    const double v620 = __dsub_rn(v618, v619);
    const double v621 = __dsub_rn(v615, v620);
    const double v622 = __dsub_rn(v24, v619);
    const double v623 = __dadd_rn(v621, v622);
    const double v624 = __dadd_rn(v617, v623);
    const double v625 = __dadd_rn(v618, v624);
    const double v626 = __dsub_rn(v625, v618);
    const double v627 = __dsub_rn(v624, v626);
    const double v628 = __dmul_rn(v625, v450);
    const double v629 = -v628;
    const double v630 = __fma_rn(v625, v450, v629);
    const double v631 = __dmul_rn(v627, v451);
    const double v632 = __fma_rn(v625, v451, v631);
    const double v633 = __fma_rn(v627, v450, v632);
    const double v634 = __dadd_rn(v630, v633);
    const double v635 = __dadd_rn(v628, v634);
    const double v636 = __dsub_rn(v635, v628);
    const double v637 = __dsub_rn(v634, v636);
    const double v638 = __dadd_rn(v635, v28);
    const double v639 = __dsub_rn(v638, v635);
    const double v640 = __dsub_rn(v638, v639);
    const double v641 = __dsub_rn(v635, v640);
    const double v642 = __dsub_rn(v28, v639);
    const double v643 = __dadd_rn(v641, v642);
    const double v644 = __dadd_rn(v637, v643);
    const double v645 = __dadd_rn(v638, v644);
    const double v646 = __dsub_rn(v645, v638);
    const double v647 = __dsub_rn(v644, v646);
    const double v648 = __dmul_rn(v645, v450);
    const double v649 = -v648;
    const double v650 = __fma_rn(v645, v450, v649);
    const double v651 = __dmul_rn(v647, v451);
    const double v652 = __fma_rn(v645, v451, v651);
    const double v653 = __fma_rn(v647, v450, v652);
    const double v654 = __dadd_rn(v650, v653);
    const double v655 = __dadd_rn(v648, v654);
    const double v656 = __dsub_rn(v655, v648);
    const double v657 = __dsub_rn(v654, v656);
    const double v658 = __dadd_rn(v655, v21);
    const double v659 = __dsub_rn(v658, v655);
    const double v660 = __dsub_rn(v658, v659);
    const double v661 = __dsub_rn(v655, v660);
    const double v662 = __dsub_rn(v21, v659);
    const double v663 = __dadd_rn(v661, v662);
    const double v664 = __dadd_rn(v657, v663);
    const double v665 = __dadd_rn(v658, v664);
    const double v666 = __dsub_rn(v665, v658);
    const double v667 = __dsub_rn(v664, v666);
    const double v668 = __ddiv_rn(v595, v665);
    const double v669 = -v665;
    const double v670 = __fma_rn(v669, v668, v595);
    const double v671 = -v667;
    const double v672 = __fma_rn(v671, v668, v597);
    const double v673 = __dadd_rn(v670, v672);
    const double v674 = __ddiv_rn(v673, v665);
    const double v675 = __dadd_rn(v668, v674);
    const double v676 = __dsub_rn(v675, v668);
    const double v677 = __dsub_rn(v674, v676);
    const double v678 = __dmul_rn(v675, v447);
    const double v679 = -v678;
    const double v680 = __fma_rn(v675, v447, v679);
    const double v681 = __dmul_rn(v677, v449);
    const double v682 = __fma_rn(v675, v449, v681);
    const double v683 = __fma_rn(v677, v447, v682);
    const double v684 = __dadd_rn(v680, v683);
    const double v685 = __dadd_rn(v678, v684);
    const double v686 = __dsub_rn(v685, v678);
    const double v687 = __dsub_rn(v684, v686);
    const double v688 = __dmul_rn(v71, v14);
    const double v689 = (v0 < v1) ? v685 : v675;
    const double v690 = (v0 < v1) ? v687 : v677;
    const double v691 = (v0 < v1) ? v688 : v1;
    const double v692 = (v56 < v57) ? v1 : v14;
    const double v693 = (v0 < v59) ? v1 : v692;
    const double v694 = (v62 < v0) ? v1 : v693;
    const double v695 = __dmul_rn(v689, v64);
    const double v696 = -v695;
    const double v697 = __fma_rn(v689, v64, v696);
    const double v698 = __fma_rn(v690, v64, v697);
    const double v699 = __dadd_rn(v695, v698);
    const double v700 = __dsub_rn(v699, v695);
    const double v701 = __dsub_rn(v698, v700);
    const double v702 = mish_round_to_odd(v699, v701);
    const double v703 = mish_scale_pow2(v702, v691);
    return (0.0 < v694) ? v703 : r;
}

__device__ __forceinline__ __nv_bfloat16 mish_backward_bf16_scalar(__nv_bfloat16 x, __nv_bfloat16 dy) {
    const double v0 = (double)__bfloat162float(x);
    const double v1 = 0.0;
    const double v2 = -188.0;
    const double v3 = fabs(v0);
    const double v4 = -v3;
    const double v5 = mish_exp_floor(v4, v2);
    const double v6 = mish_exp_mantissa(v5);
    const double v7 = mish_exp_scale_clamped(v6, v5);
    const double v8 = 4.0;
    const double v9 = (v0 < v1) ? v1 : v8;
    const double v10 = __fma_rn(v9, v7, v9);
    const double v11 = (v0 < v1) ? v8 : v1;
    const double v12 = __fma_rn(v10, v7, v11);
    const double v13 = __fma_rn(v12, v7, v11);
    const double v14 = 1.0;
    const double v15 = (v0 < v1) ? v14 : v8;
    const double v16 = 6.0;
    const double v17 = (v0 < v1) ? v8 : v16;
    const double v18 = __fma_rn(v15, v7, v17);
    const double v19 = (v0 < v1) ? v16 : v8;
    const double v20 = __fma_rn(v18, v7, v19);
    const double v21 = (v0 < v1) ? v8 : v14;
    const double v22 = __fma_rn(v20, v7, v21);
    const double v23 = __fma_rn(v13, v0, v22);
    const double v24 = 8.0;
    const double v25 = (v0 < v1) ? v8 : v24;
    const double v26 = __fma_rn(v15, v7, v25);
    const double v27 = __fma_rn(v26, v7, v24);
    const double v28 = (v0 < v1) ? v24 : v8;
    const double v29 = __fma_rn(v27, v7, v28);
    const double v30 = __fma_rn(v29, v7, v21);
    const double v31 = __ddiv_rn(v23, v30);
    const double v32 = (v0 < v1) ? v7 : v14;
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
    const double v59 = -187.0;
    const double v60 = -0x0.0000000000001p-1022;
    const double v61 = (v0 < v59) ? v60 : v58;
    const double v62 = 21.0;
    const double v63 = (v62 < v0) ? v14 : v61;
    const double v64 = (double)__bfloat162float(dy);
    const double v65 = __dmul_rn(v64, v63);
    double r0 = v65;
    if (mish_boundary_key(r0, 45, 0x1p-126, 1024) <= 2048) r0 = mish_backward_bf16_fallback(x, dy, r0);
    return __double2bfloat16(r0);
}

/* Grid-stride over groups of 8 with 128-bit loads and stores (all pointers 16-byte aligned), then
   the remaining n % 8 elements one by one. */
__global__ void mish_backward_bf16_vector(const __nv_bfloat16 *__restrict__ x, const __nv_bfloat16 *__restrict__ dy, __nv_bfloat16 *__restrict__ dx, size_t n) {
    const size_t groups = n / 8;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < groups; i += stride) {
        const uint4 xv = reinterpret_cast<const uint4 *>(x)[i];
        const __nv_bfloat16 *xl = reinterpret_cast<const __nv_bfloat16 *>(&xv);
        const uint4 dyv = reinterpret_cast<const uint4 *>(dy)[i];
        const __nv_bfloat16 *dyl = reinterpret_cast<const __nv_bfloat16 *>(&dyv);
        uint4 dxv;
        __nv_bfloat16 *dxl = reinterpret_cast<__nv_bfloat16 *>(&dxv);
        #pragma unroll
        for (int k = 0; k < 8; k++) {
            dxl[k] = mish_backward_bf16_scalar(xl[k], dyl[k]);
        }
        reinterpret_cast<uint4 *>(dx)[i] = dxv;
    }
    const size_t tail = groups * 8 + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (tail < n) {
        const size_t i = tail;
        dx[i] = mish_backward_bf16_scalar(x[i], dy[i]);
    }
}
/* Grid-stride one element at a time (for pointers that are not 16-byte aligned). */
__global__ void mish_backward_bf16_elementwise(const __nv_bfloat16 *__restrict__ x, const __nv_bfloat16 *__restrict__ dy, __nv_bfloat16 *__restrict__ dx, size_t n) {
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        dx[i] = mish_backward_bf16_scalar(x[i], dy[i]);
    }
}

/* Launches on `stream`; returns the launch error, if any. */
extern "C" cudaError_t mish_backward_bf16(const __nv_bfloat16 *x, const __nv_bfloat16 *dy, __nv_bfloat16 *dx, size_t n, cudaStream_t stream) {
    if (n == 0) return cudaSuccess;
    const int threads = 256;
    if ((((uintptr_t)x | (uintptr_t)dy | (uintptr_t)dx) % 16) == 0) {
        const size_t work = n / 8 + 1;
        const unsigned blocks = (unsigned)((work + threads - 1) / threads < 65535 ? (work + threads - 1) / threads : 65535);
        mish_backward_bf16_vector<<<blocks, threads, 0, stream>>>(x, dy, dx, n);
    } else {
        const unsigned blocks = (unsigned)((n + threads - 1) / threads < 65535 ? (n + threads - 1) / threads : 65535);
        mish_backward_bf16_elementwise<<<blocks, threads, 0, stream>>>(x, dy, dx, n);
    }
    return cudaGetLastError();
}
