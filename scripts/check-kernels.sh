#!/usr/bin/env bash
# Compiles every generated C kernel (mish, swish and x²·sigmoid(x), whose backward kernels take the
# power-growth tails; forward, backward and fused; f32, f16 and bf16 in the
# correctly-rounded tier, f64 in the faithful tier, and all four in the fast tier; gelu, outside the exp-rational
# class, in the fast tier) with gcc and clang (-std=c11 -Wall -Wextra
# -Wpedantic -Werror -O3, and the vectoriser's report) and every generated CUDA kernel with nvcc -arch=sm_90
# (warnings are errors). nvcc comes from PyPI
# (CUDA 13.x wheels, unpacked into .build/cuda13; no GPU needed). Without pip access the check is skipped
# with a message, and the exit status is 0.
# Usage: scripts/check-kernels.sh path/to/mish-math
set -u
BIN=${1:-.build/release/mish-math}
ROOT=.build/cuda13
NVCC=$ROOT/nvidia/cu13/bin/nvcc
if [ ! -x "$NVCC" ]; then
  echo "check-kernels: fetching nvcc (CUDA 13.x) from PyPI into $ROOT"
  wheels=$(mktemp -d)
  if ! python3 -m pip download -q --no-deps -d "$wheels" "nvidia-cuda-nvcc>=13,<14" "nvidia-nvvm>=13,<14" \
       "nvidia-cuda-crt>=13,<14" "nvidia-cuda-runtime>=13,<14" "nvidia-cuda-cccl>=13,<14"; then
    echo "check-kernels: SKIPPED: the nvcc wheels could not be downloaded (no pip access?); the CUDA sources were not compiled"
    rm -rf "$wheels"
    exit 0
  fi
  mkdir -p "$ROOT"
  for w in "$wheels"/*.whl; do python3 -m zipfile -e "$w" "$ROOT"; done
  chmod +x "$ROOT"/nvidia/cu13/bin/* "$ROOT"/nvidia/cu13/nvvm/bin/* 2>/dev/null
  rm -rf "$wheels"
fi
failed=0
rm -rf .build/check-kernels
# check EXPR NAME KERNEL DTYPE ACCURACY VECTORISED: the C kernel compiled by gcc and clang (and, when VECTORISED is
# yes, every element loop reported vectorised), the CUDA kernel by nvcc.
check() {
  local expr=$1 name=$2 kernel=$3 dtype=$4 accuracy=$5 vectorised=$6
  local out=.build/check-kernels/$accuracy
  mkdir -p "$out"
  "$BIN" codegen "$expr" --target c --kernel $kernel --dtype $dtype --accuracy $accuracy --out "$out" --name "$name" 2>/dev/null || { echo "FAIL  codegen $expr $kernel $accuracy (C)"; failed=1; }
  local src="$out/${name}_${kernel}_${dtype}.c"
  for cc in gcc clang; do
    command -v $cc >/dev/null || continue
    if $cc -std=c11 -Wall -Wextra -Wpedantic -Werror -O3 -c "$src" -o "$out/${name}_${kernel}_${dtype}.$cc.o"; then
      echo "ok    $cc -std=c11 -Wall -Wextra -Wpedantic -Werror $accuracy ${name}_${kernel}_${dtype}.c"
    else
      echo "FAIL  $cc ${name}_${kernel}_${dtype}.c"; failed=1
    fi
    # The vectoriser's report at -O3 with FMA (x86-64 only): every element loop of the array entry point
    # (one, or the two passes of the exact f32 kernels) must be vectorised: as many distinct source lines
    # reported vectorised as there are loops over i. The exact tiers' rerun of a block flagged near a rounding
    # boundary (its loop body calls the scalar function, whose fallback is out of line) stays scalar on purpose.
    [ "$vectorised" = yes ] && [ "$(uname -m)" = "x86_64" ] || continue
    local loops report
    loops=$(grep -A1 "for (size_t i = 0" "$src" | grep -c -v -e "for (size_t i = 0" -e "_scalar(x\[b + i\]" -e "^--")
    if [ $cc = gcc ]; then report=$(gcc -std=c11 -O3 -march=x86-64-v3 -fopt-info-vec-optimized -c "$src" -o /dev/null 2>&1 | grep "loop vectorized" | cut -d: -f2 | sort -u | wc -l)
    else report=$(clang -std=c11 -O3 -march=x86-64-v3 -Rpass=loop-vectorize -c "$src" -o /dev/null 2>&1 | grep "vectorized loop" | cut -d: -f2 | sort -u | wc -l); fi
    if [ "$report" -ge "$loops" ] && [ "$loops" -gt 0 ]; then echo "ok    $cc -O3 -march=x86-64-v3 vectorises $accuracy ${name}_${kernel}_${dtype} ($loops loops)"
    else echo "FAIL  $cc vectorises $report of the $loops loops of ${name}_${kernel}_${dtype}"; failed=1; fi
  done
  "$BIN" codegen "$expr" --target cuda --kernel $kernel --dtype $dtype --accuracy $accuracy --out "$out" --name "$name" 2>/dev/null || { echo "FAIL  codegen $expr $kernel $accuracy"; failed=1; return; }
  if "$NVCC" -arch=sm_90 -Werror all-warnings -c "$out/${name}_${kernel}_${dtype}.cu" -o "$out/${name}_${kernel}_${dtype}.o"; then
    echo "ok    nvcc -arch=sm_90 $accuracy ${name}_${kernel}_${dtype}.cu"
  else
    echo "FAIL  nvcc -arch=sm_90 $accuracy ${name}_${kernel}_${dtype}.cu"; failed=1
  fi
}
for accuracy in correctly-rounded faithful fast; do
  dtypes="f32 f16 bf16"; [ $accuracy = fast ] && dtypes="f32 f16 bf16 f64"; [ $accuracy = faithful ] && dtypes="f64"
  for kernel in forward backward fused; do
    for dtype in $dtypes; do
      for pair in 'mish(x)=mish' 'swish(x)=swish' 'x^2*sigmoid(x)=x2sigmoid'; do
        check "${pair%%=*}" "${pair##*=}" $kernel $dtype $accuracy yes
      done
      # Outside the exp-rational class (the fast tier only): the math library's calls keep the loops scalar.
      if [ $accuracy = fast ]; then
        check 'gelu(x)' gelu $kernel $dtype fast no
      fi
    done
  done
done
exit $failed
