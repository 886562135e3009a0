#!/usr/bin/env python3
"""Side-by-side benchmark of exact Maclaurin coefficients of mish to order N.

Each tool computes the N coefficients of mish(x) = x*(1 - 2/(u^2 + 2u + 2)), u = exp(x), over Q, in this one
run on this machine, timed in-process:
  - mish-math:   `mish-math series --order N --time` (best of >= 3 runs or 0.3 s)
  - FLINT:       python-flint fmpq_series: x*(1 - 2/(u^2+2u+2)) with u = exp(x) (best of 3)
  - PARI/GP:     x*(1 - 2/(u^2+2*u+2)) with u = exp(x + O(x^N)) (getabstime, best of 3, each the mean of 100 repetitions up to N = 200; one run from N = 2000)
  - SymPy:       ring_series (rs_exp, rs_series_inversion) over QQ, under a time limit
Prints a Markdown table (ms and the ratio peer/mish-math); --write stores it in RESULTS.md.
"""
import argparse, multiprocessing, os, platform, re, shutil, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import emit, fmt, ratio, run_with_limit, standard_arguments  # noqa: E402

ORDERS = [50, 100, 200, 500, 1000, 2000, 5000]


def mish_math(binary, n):
    r = subprocess.run([binary, "series", "--order", str(n), "--time", "--format", "json"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    m = re.search(r"min ([0-9.]+) ms.*peak memory ([0-9.]+) MB", r.stderr)
    return float(m.group(1)), float(m.group(2))


def flint_time(n):
    import flint
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        flint.ctx.cap = n
        x = flint.fmpq_series([0, 1], prec=n)
        u = x.exp()
        s = x * (1 - 2 / (u * u + 2 * u + 2))
        best = min(best, time.perf_counter() - t)
    return best * 1e3


def pari_time(n):
    if not shutil.which("gp"):
        return None
    reps = 100 if n <= 200 else 1
    script = (f"default(seriesprecision, {n}); best = 10^9;"
              f"for(i=1,{3 if n < 2000 else 1}, t = getabstime(); for(r=1,{reps}, u = exp(x + O(x^{n})); s = x*(1 - 2/(u^2+2*u+2))); "
              f"best = min(best, (getabstime()-t)/{reps}));"
              "print(best*1.0);")
    r = subprocess.run(["gp", "-q", "-s", "2000000000"], input=script, capture_output=True, text=True, timeout=1200)
    return float(r.stdout.strip().split()[-1])


def _sympy_worker(n, q):
    from sympy import QQ
    from sympy.polys.rings import ring
    from sympy.polys.ring_series import rs_exp, rs_series_inversion, rs_mul
    R, x = ring("x", QQ)
    t = time.perf_counter()
    u = rs_exp(x, x, n)
    d = rs_mul(u, u, x, n) + 2 * u + 2
    s = rs_mul(x, 1 - 2 * rs_series_inversion(d, x, n), x, n)
    q.put((time.perf_counter() - t) * 1e3)


def sympy_time(n, limit):
    return run_with_limit(_sympy_worker, (n,), limit)


def main():
    args = standard_arguments(ORDERS)
    rows = []
    for n in args.order_list:
        ours, memory = mish_math(args.binary, n)
        fl, pa = flint_time(n), pari_time(n)
        sy = sympy_time(n, args.sympy_limit) if n <= 1000 else None
        rows.append((n, ours, memory, fl, pa, sy))
        print(f"N={n}: mish-math {ours:.4g} ms, FLINT {fl:.4g} ms, PARI {fmt(pa)} ms, SymPy {fmt(sy)} ms", file=sys.stderr)
    lines = [
        "# `series`: exact Maclaurin coefficients of mish to order N, side by side", "",
        f"One run of `benchmarks/series/run.py` on {platform.node()} ({os.cpu_count()} cores), {time.strftime('%Y-%m-%d')}. "
        "In-process times in milliseconds; ratio = peer time / mish-math time (above 1: mish-math is faster).", "",
        "| N | mish-math (ms) | peak MB | FLINT fmpq_series (ms) | ratio | PARI/GP (ms) | ratio | SymPy ring_series (ms) | ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n, ours, memory, fl, pa, sy in rows:
        lines.append(f"| {n} | {ours:.4g} | {memory:.0f} | {fl:.4g} | {ratio(fl, ours)} | {fmt(pa)} | {ratio(pa, ours)} | "
                     f"{fmt(sy)} | {ratio(sy, ours)} |")
    emit(lines, args, __file__)


if __name__ == "__main__":
    main()
