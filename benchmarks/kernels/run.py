#!/usr/bin/env python3
"""Side-by-side single-thread throughput of mish forward f32 kernels (elements per second).

In one run on this machine: the generated correctly-rounded C kernel (`mish-math codegen --target c --kernel
forward --dtype f32`, built with gcc -O3 -march=native), the naive libm formula x*tanhf(log1pf(expf(x))), the
rational float form, the rational form in double (scalar libm exp, and with -ffast-math glibc's vector
exp, the issue's 1.5 G elem/s reference point), a plain copy (the memory limit) -- all in harness.c -- and
PyTorch CPU torch.nn.functional.mish with one thread (pip torch), each on a 16M-element array (memory-bound)
and a 16K array looped in cache; the C kernels in three interleaved rounds, the best of each kept, so that the
host's drift hits every kernel alike. Prints a Markdown table; --write stores it in RESULTS.md.
"""
import os, platform, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import binary_and_write_arguments, emit, generated_forward_kernel, torch_mish_rates  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    args = binary_and_write_arguments()
    work = generated_forward_kernel(args.binary, fast=True)
    exe = os.path.join(work, "harness")
    vector = os.path.join(work, "rational_vector.o")
    subprocess.run(["gcc", "-std=c11", "-O3", "-march=native", "-ffast-math", "-c", "-o", vector,
                    os.path.join(HERE, "rational_vector.c")], check=True)
    subprocess.run(["gcc", "-std=c11", "-O3", "-march=native", "-I", work, "-o", exe, os.path.join(HERE, "harness.c"),
                    os.path.join(work, "mish_forward_f32.c"), os.path.join(work, "mish_fast_forward_f32.c"), vector, "-lm"], check=True)
    bound = next(line.split("measured max error: ")[1].split(" over")[0] for line in open(os.path.join(work, "mish_fast_forward_f32.h"))
                 if "measured max error: " in line)
    rows = [line.split("\t") for line in subprocess.run([exe], capture_output=True, text=True, check=True).stdout.splitlines()]
    rows[1][0] += f" ({bound.replace('y max ', '')} on codegen's sample; docs/accuracy.md has every input)"
    t = torch_mish_rates("float32", [(1 << 24, 1 << 26), (1 << 14, 1 << 26)])
    if t:
        rows.insert(4, ["PyTorch F.mish, 1 thread", f"{t[0]:.4f}", f"{t[1]:.4f}"])
    ours = float(rows[0][1]), float(rows[0][2])
    lines = [
        "# Mish forward f32 kernels: single-thread throughput",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores. G elem/s (higher is better); ratio = mish-math correctly-rounded / peer; "
        "fast / copy = the fast tier's share of the memory limit.",
        "",
        "| kernel | 16M array, G elem/s | ratio | 16K in cache, G elem/s | ratio |",
        "|---|---|---|---|---|",
    ]
    for name, large, small in rows:
        lines.append(f"| {name} | {float(large):.3g} | {ours[0] / float(large):.3g} | {float(small):.3g} | {ours[1] / float(small):.3g} |")
    copy = next(r for r in rows if r[0].startswith("copy"))
    lines += ["", f"fast / copy: {float(rows[1][1]) / float(copy[1]):.3g} (16M array), {float(rows[1][2]) / float(copy[2]):.3g} (16K in cache)"]
    emit(lines, args, __file__)


if __name__ == "__main__":
    main()
