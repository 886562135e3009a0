#!/usr/bin/env python3
"""Side-by-side benchmark: checking the generated mish forward f32 kernel against a correctly rounded reference.

Both check the same kernel (mish-math codegen, compiled with the same flags) on the same inputs, all f32 values
in each range, on one thread, in this one run:
  - mish-math:  `mish-math verify --threads 1 --range A,B`: the rigorous double enclosure (vectorised), MPFR
                for what it cannot decide, the full report (histogram, binades, worst inputs); the sweep's
                own time (without compiling)
  - plain C:    benchmarks/accuracy/plain_reference.c: mish in double with libm and an assumed error bound
                (not rigorous), MPFR at 128 bits as the fallback, only a count of mismatches
Prints a Markdown table of ns per input per thread and the ratio plain/mish-math (above 1: mish-math is
faster), and the projected time of one exhaustive f32 sweep (2^32 inputs) on all cores; --write stores it in
RESULTS.md.
"""
import json, os, platform, re, subprocess, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import binary_and_write_arguments, emit, generated_forward_kernel  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RANGES = [("-20", "20"), ("1", "64"), ("-120", "-60")]
FLAGS = ["-O2", "-ffp-contract=off", "-march=native", "-fvect-cost-model=dynamic"]


def main():
    args = binary_and_write_arguments()
    work = generated_forward_kernel(args.binary)
    exe = os.path.join(work, "plain_reference")
    subprocess.run(["cc", *FLAGS, "-o", exe, os.path.join(HERE, "plain_reference.c"),
                    os.path.join(work, "mish_forward_f32.c"), "-I", work, "-lmpfr", "-lgmp", "-lm"], check=True)
    rows = ["| inputs (all f32 in) | count | mish-math verify, ns/input | plain C + MPFR, ns/input | ratio | "
            "mismatches (mish-math / plain) |", "|---|---|---|---|---|---|"]
    ours_total = plain_total = count_total = 0
    for a, b in RANGES:
        r = subprocess.run([args.binary, "verify", "--threads", "1", "--range", f"{a},{b}", "--format", "json"],
                           capture_output=True, text=True, check=True)
        res = json.loads(r.stdout)["results"][0]
        n, ours = res["checked"], res["seconds"] * 1e9 / res["checked"]
        p = subprocess.run([exe, a, b], capture_output=True, text=True, check=True).stdout
        m = dict(re.findall(r"(\w+) ([0-9.]+)", p))
        plain = float(m["ns_per_input"])
        rows.append(f"| [{a}, {b}] | {n:,} | {ours:.1f} | {plain:.1f} | {plain / ours:.2f} | "
                    f"{res['incorrectly_rounded']} / {int(m['wrong'])} |")
        ours_total += ours * n
        plain_total += plain * n
        count_total += n
    cores = os.cpu_count()
    rows.append(f"| all three | {count_total:,} | {ours_total / count_total:.1f} | {plain_total / count_total:.1f} | "
                f"{plain_total / ours_total:.2f} | |")
    lines = [
        "# Verifying a kernel: mish-math verify against a plain C reference with MPFR fallback",
        "",
        f"Machine: {platform.machine()}, {cores} cores; one thread each. ns per input (lower is better); ratio = "
        "plain / mish-math (above 1: mish-math is faster).",
        "",
        *rows,
        "",
        f"Projected exhaustive f32 sweep (2^32 inputs) on {cores} cores: mish-math "
        f"{2**32 * ours_total / count_total / cores / 1e9:.0f} s, plain C {2**32 * plain_total / count_total / cores / 1e9:.0f} s "
        "(the measured one: `time mish-math verify`).",
        "",
        "The plain reference trusts libm's double mish to 2^-48 (unproven) and only counts mismatches; mish-math's "
        "reference carries a rigorous bound and the sweep keeps the full report.",
    ]
    emit(lines, args, __file__)


if __name__ == "__main__":
    main()
