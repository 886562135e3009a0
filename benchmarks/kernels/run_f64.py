#!/usr/bin/env python3
"""Side-by-side single-thread throughput of mish forward f64 kernels (elements per second).

In one run on this machine: the generated faithful C kernel (`mish-math codegen --target c --kernel forward --dtype
f64 --accuracy faithful`, double-double evaluation) and the fast one (`--accuracy fast`), the naive libm formula
x*tanh(log1p(exp(x))), the rational form in double with libm's exp, a plain copy (the memory limit) -- all in
harness_f64.c, built with gcc -O3 -march=native -- and PyTorch CPU torch.nn.functional.mish on float64 with one
thread, each on an 8M-element array (memory-bound) and an 8K array looped in cache. Prints a Markdown table;
--write stores it in RESULTS_f64.md. No target is set for f64; this states what faithfulness costs.
"""
import os, platform, subprocess, sys, tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import binary_and_write_arguments, emit, torch_mish_rates  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    args = binary_and_write_arguments()
    work = tempfile.mkdtemp()
    for accuracy, name in [("faithful", "mish"), ("fast", "mish_fast")]:
        subprocess.run([args.binary, "codegen", "--target", "c", "--kernel", "forward", "--dtype", "f64", "--accuracy", accuracy,
                        "--name", name, "--out", work], check=True, capture_output=True)
    exe = os.path.join(work, "harness")
    subprocess.run(["gcc", "-std=c11", "-O3", "-march=native", "-I", work, "-o", exe, os.path.join(HERE, "harness_f64.c"),
                    os.path.join(work, "mish_forward_f64.c"), os.path.join(work, "mish_fast_forward_f64.c"), "-lm"], check=True)
    rows = [line.split("\t") for line in subprocess.run([exe], capture_output=True, text=True, check=True).stdout.splitlines()]
    t = torch_mish_rates("float64", [(1 << 23, 1 << 24), (1 << 13, 1 << 24)])
    if t:
        rows.insert(4, ["PyTorch F.mish float64, 1 thread", f"{t[0]:.4f}", f"{t[1]:.4f}"])
    ours = float(rows[0][1]), float(rows[0][2])
    lines = [
        "# Mish forward f64 kernels: single-thread throughput",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores. G elem/s (higher is better); ratio = mish-math faithful / peer. "
        "Accuracy (docs/accuracy.md): faithful = correctly rounded on 10^9 samples; fast = about 2 ulp; the naive formula and "
        "the rational form are not measured here.",
        "",
        "| kernel | 8M array, G elem/s | ratio | 8K in cache, G elem/s | ratio |",
        "|---|---|---|---|---|",
    ]
    for name, large, small in rows:
        lines.append(f"| {name} | {float(large):.4f} | {ours[0] / float(large):.3g} | {float(small):.4f} | {ours[1] / float(small):.3g} |")
    emit(lines, args, __file__, "RESULTS_f64.md")


if __name__ == "__main__":
    main()
