#!/usr/bin/env python3
"""Single-thread throughput of every generated mish C kernel: forward, backward and fused, in f32, bf16 and f16,
correctly-rounded and fast (elements per second).

In one run on this machine: each kernel from `mish-math codegen --target c` (built with gcc -O3 -march=native),
PyTorch CPU on one thread for the same element type (forward: torch.nn.functional.mish; backward:
aten::mish_backward, what autograd calls; fused has no PyTorch counterpart), and a plain copy of an array of
that element size (the memory limit), each on a 16M-element array (memory-bound) and a 16K array looped in
cache, the C harness run twice and each row's best kept. x is uniform in [-20, 20] (rounded to the element
type), dy uniform in [-1, 1]. Prints a Markdown table; --write stores it in RESULTS_all.md. run.py compares the f32 forward kernels with more peers.
"""
import os, platform, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import binary_and_write_arguments, emit  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
KERNELS = ["forward", "backward", "fused"]
DTYPES = ["f32", "bf16", "f16"]
TIERS = [("correctly-rounded", "cr"), ("fast", "fast")]
C_TYPE = {"f32": "float", "bf16": "uint16_t", "f16": "uint16_t"}
TORCH_TYPE = {"f32": "float32", "bf16": "bfloat16", "f16": "float16"}
BIG, SMALL, TOTAL = 1 << 24, 1 << 14, 1 << 26

HARNESS_HEAD = r"""
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timing.h"
%(includes)s

/* x as the element type: f32 as is, bf16 rounded to nearest even from the float bits, f16 by _Float16. */
static void fill(float *xf, uint16_t *xb, uint16_t *xh, size_t n, double lo, double hi) {
    for (size_t i = 0; i < n; i++) {
        float v = (float)(lo + (hi - lo) * ((double)rand() / RAND_MAX));
        uint32_t b;
        memcpy(&b, &v, 4);
        xf[i] = v;
        xb[i] = (uint16_t)((b + 0x7fffu + ((b >> 16) & 1u)) >> 16);
        _Float16 h = (_Float16)v;
        memcpy(&xh[i], &h, 2);
    }
}

/* G elements/s of body over n elements, repeated until TOTAL elements are done, the least of three passes. */
#define RATE(n, body) ({ double best_ = 1e30; for (int r_ = 0; r_ < 3; r_++) { double t_ = now(); \
    for (size_t d_ = 0; d_ < (size_t)%(total)d; d_ += (n)) { body; } t_ = now() - t_; if (t_ < best_) best_ = t_; } \
    (double)%(total)d / best_ / 1e9; })

int main(void) {
    const size_t big = %(big)d, small = %(small)d;
    float *xf = aligned_alloc(64, big * 4), *df = aligned_alloc(64, big * 4), *yf = aligned_alloc(64, big * 4), *zf = aligned_alloc(64, big * 4);
    uint16_t *xb = aligned_alloc(64, big * 2), *db = aligned_alloc(64, big * 2), *yb = aligned_alloc(64, big * 2), *zb = aligned_alloc(64, big * 2);
    uint16_t *xh = aligned_alloc(64, big * 2), *dh = aligned_alloc(64, big * 2), *yh = aligned_alloc(64, big * 2), *zh = aligned_alloc(64, big * 2);
    srand(7);
    fill(xf, xb, xh, big, -20, 20);
    fill(df, db, dh, big, -1, 1);
"""


def call(kernel, dtype, name):
    x, d, y, z = ({"f32": "xf dy yf zf", "bf16": "xb db yb zb", "f16": "xh dh yh zh"}[dtype]).split()
    d = d.replace("dy", "df")
    f = f"{name}_{kernel}_{dtype}"
    if kernel == "forward":
        return f"{f}({x}, {y}, n)"
    if kernel == "backward":
        return f"{f}({x}, {d}, {y}, n)"
    return f"{f}({x}, {y}, {z}, n)"


def torch_rates(kernel, dtype):
    """PyTorch on one thread: G elem/s over BIG and SMALL arrays, least of three passes; None without torch."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    t = getattr(torch, TORCH_TYPE[dtype])
    out = []
    for n in (BIG, SMALL):
        x = (torch.rand(n) * 40 - 20).to(t)
        dy = (torch.rand(n) * 2 - 1).to(t)
        y = torch.empty(n, dtype=t)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(TOTAL // n):
                if kernel == "forward":
                    torch._C._nn.mish(x, out=y)
                else:
                    torch.ops.aten.mish_backward(dy, x)
            best = min(best, time.perf_counter() - start)
        out.append(TOTAL / best / 1e9)
    return out


def main():
    args = binary_and_write_arguments()
    work = tempfile.mkdtemp()
    sources, includes, timings = [], [], []
    for accuracy, name in TIERS:
        for kernel in KERNELS:
            for dtype in DTYPES:
                subprocess.run([args.binary, "codegen", "--target", "c", "--kernel", kernel, "--dtype", dtype, "--accuracy", accuracy,
                                "--name", name, "--out", work], check=True, capture_output=True)
                base = f"{name}_{kernel}_{dtype}"
                sources.append(os.path.join(work, base + ".c"))
                includes.append(f'#include "{base}.h"')
                c = call(kernel, dtype, name)
                timings.append(f'    {{ size_t n = big; double a = RATE(n, {c}); n = small; double b = RATE(n, {c}); '
                               f'printf("{kernel}\\t{dtype}\\t{accuracy}\\t%.4f\\t%.4f\\n", a, b); }}')
    for dtype, (x, y) in [("f32", ("xf", "yf")), ("bf16", ("xb", "yb")), ("f16", ("xh", "yh"))]:
        size = 4 if dtype == "f32" else 2
        c = f"memcpy({y}, {x}, n * {size})"
        timings.append(f'    {{ size_t n = big; double a = RATE(n, {c}); n = small; double b = RATE(n, {c}); '
                       f'printf("copy\\t{dtype}\\tmemory limit\\t%.4f\\t%.4f\\n", a, b); }}')
    harness = os.path.join(work, "harness_all.c")
    with open(harness, "w") as f:
        f.write(HARNESS_HEAD % {"includes": "\n".join(includes), "total": TOTAL, "big": BIG, "small": SMALL})
        f.write("\n".join(timings) + "\n    return 0;\n}\n")
    exe = os.path.join(work, "harness_all")
    subprocess.run(["gcc", "-std=gnu11", "-O3", "-march=native", "-I", work, "-I", HERE, "-o", exe, harness, *sources, "-lm"], check=True)
    # Two runs of the whole harness, each row's best kept: the host's drift then hits every kernel alike.
    runs = [[line.split("\t") for line in subprocess.run([exe], capture_output=True, text=True, check=True).stdout.splitlines()]
            for _ in range(2)]
    rows = [[*first[:3], f"{max(float(first[3]), float(second[3])):.4f}", f"{max(float(first[4]), float(second[4])):.4f}"]
            for first, second in zip(*runs)]
    copy = {r[1]: (float(r[3]), float(r[4])) for r in rows if r[0] == "copy"}
    peers = {(k, d): torch_rates(k, d) for k in ("forward", "backward") for d in DTYPES}
    lines = [
        "# Every generated mish C kernel: single-thread throughput",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores. G elem/s (higher is better) on a 16M array (memory-bound) "
        "and a 16K array in cache; vs PyTorch = ours / PyTorch's for the same kernel and element type on one thread "
        "(forward: F.mish; backward: aten::mish_backward; fused: none); / copy = ours / a copy of that element size "
        "(16M array). Accuracy of each tier: docs/accuracy.md.",
        "",
        "| kernel | dtype | tier | 16M G/s | vs PyTorch | / copy | 16K G/s | vs PyTorch |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kernel, dtype, tier, large, small in rows:
        large, small = float(large), float(small)
        p = peers.get((kernel, dtype)) if kernel != "copy" else None
        vs = (f"{large / p[0]:.3g}", f"{small / p[1]:.3g}") if p else ("n/a", "n/a")
        share = f"{large / copy[dtype][0]:.3g}"
        lines.append(f"| {kernel} | {dtype} | {tier} | {large:.3g} | {vs[0]} | {share} | {small:.3g} | {vs[1]} |")
    for (kernel, dtype), p in peers.items():
        if p:
            lines.append(f"| PyTorch {kernel} | {dtype} | 1 thread | {p[0]:.3g} | 1 | {p[0] / copy[dtype][0]:.3g} | {p[1]:.3g} | 1 |")
    emit(lines, args, __file__, name="RESULTS_all.md")


if __name__ == "__main__":
    main()
