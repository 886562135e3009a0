#!/usr/bin/env bash
# Writes docs/accuracy.md to stdout: every generated kernel verified by `mish-math verify` (f32
# exhaustively over all 2^32 inputs, f16 and bf16 over all 65536), and the naive libm formula for scale.
set -euo pipefail
BIN=${1:-.build/release/mish-math}
cat <<'HEAD'
# Accuracy of the generated kernels

Produced by `make accuracy-doc` (scripts/accuracy-doc.sh), which runs `mish-math verify` on every kernel
`mish-math codegen` generates. Errors are |result − exact| in ULPs of the exact value's binade; "incorrectly
rounded" compares the bits with the correctly rounded result (NaN matches NaN; −0 and +0 differ). The reference
is correctly rounded: a double enclosure with a rigorous bound decides all but a few hundred inputs per sweep,
MPFR or an exact rule the rest ("by MPFR": far tails, and a leading term on a rounding boundary, decided by
the next term's sign). Backward kernels are swept with dy = 1 over every input, then with random dy on
2^20 inputs. The correctly-rounded and faithful tiers are the same kernel (f32, f16 and bf16 computed in
double and rounded once), so one table serves both. The fast tier (f32, f16 and bf16 in binary32 arithmetic,
f64 in double) promises no bound: its tables are its bound (f64: 10^6 sampled inputs plus the adversarial
sets). The faithful f64 tier (double-double evaluation, rounded once) is sampled: 10^9 inputs (half random bit
patterns, half uniform over [-120, 40]) plus the adversarial sets for forward and backward (F64_SAMPLES
overrides), 10^7 for fused; its reference is a double-double enclosure, MPFR for the inputs it leaves.
Times: this 2-core machine, both cores.

HEAD
echo "Generated on $(date -u +%Y-%m-%d) by $("$BIN" --version 2>/dev/null || echo mish-math) on $(nproc) cores."
echo
for dtype in f32 f16 bf16; do
  echo "## $dtype"
  echo
  for kernel in forward backward fused; do
    "$BIN" verify --kernel "$kernel" --dtype "$dtype" --format markdown 2>/dev/null || true
    echo
  done
done
F64_SAMPLES=${F64_SAMPLES:-1000000000}
echo "## f64, faithful tier"
echo
for kernel in forward backward fused; do
  samples=$F64_SAMPLES; [ "$kernel" = fused ] && samples=$((F64_SAMPLES < 10000000 ? F64_SAMPLES : 10000000))
  "$BIN" verify --kernel "$kernel" --dtype f64 --accuracy faithful --samples "$samples" --format markdown 2>/dev/null || true
  echo
done
for dtype in f32 f16 bf16 f64; do
  echo "## $dtype, fast tier"
  echo
  samples=""; [ "$dtype" = f64 ] && samples="--samples 1000000"
  for kernel in forward backward fused; do
    "$BIN" verify --kernel "$kernel" --dtype "$dtype" --accuracy fast $samples --format markdown 2>/dev/null || true
    echo
  done
done
echo "## Relatives, f32, correctly-rounded tier"
echo
echo 'The same exhaustive sweeps for kernels generated from other expressions of the exp-rational class. The'
echo 'correctly-rounded tier computes in double and rounds once, except where the double lies within 2^10 of its'
echo 'ulps of an f32 midpoint and comes from the generic form: there it evaluates that form again in double-double,'
echo 'rounded to odd, before the one rounding (the rounding fallback). The tolerance is measured (the double form'"'"'s'
echo 'error stays below 70 ulp on samples), not proven, so these sweeps remain the proof. Without the fallback,'
echo 'mish(x)^2 misrounded one input, x = 0.000390900008.'
echo
for expr in "swish(x)" "sigmoid(x)" "tanh(x)" "tanh(x/2)" "x^2*sigmoid(x)" "mish(x)^2"; do
  echo "### $expr"
  echo
  for kernel in forward backward fused; do
    "$BIN" verify "$expr" --kernel "$kernel" --dtype f32 --format markdown 2>/dev/null | sed 's/^### /#### /' || true
    echo
  done
done
echo "## For scale: the naive libm formula"
echo
echo 'x*tanhf(log1pf(expf(x))) in float, compiled with the same flags (all 2^32 inputs):'
echo
"$BIN" verify --c-source benchmarks/accuracy/naive.c --symbol naive_mish --format markdown 2>/dev/null || true
