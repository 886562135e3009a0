#!/usr/bin/env python3
"""Side-by-side benchmark of `mish-math derive` (the exp-rational normal form) against peers.

For each order N, the N-th derivative of mish is computed by every tool in this one run, on this machine,
timed in-process (no process start-up), best of several repetitions:
  - mish-math:  `mish-math derive --order N --time` (min over >= 3 runs or 0.3 s)
  - FLINT:      python-flint fmpz_mpoly, the recurrence P_{k+1} = D(P_k)*d - (k+1)*P_k*D(d), D = d/dx + u d/du,
                d = u^2 + 2u + 2 (mish^(k) = P_k / d^(k+1)); same algorithm as ours, best of repetitions
  - PARI/GP:    derivation on Q(x, u): f -> deriv(f, x) + u*deriv(f, u), N times, gettime in-process
  - SymPy:      diff(x*tanh(log(1 + exp(x))), x, N), and with simplify(); each under a time limit
Writes a Markdown table (times in ms and the ratio peer/mish-math) to stdout and, with --write, to
benchmarks/derive/RESULTS.md.

Usage: python3 benchmarks/derive/run.py [--binary .build/release/mish-math] [--orders 1,2,5,...] [--write]
"""
import argparse, multiprocessing, os, re, shutil, subprocess, sys, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import emit, fmt, ratio, run_with_limit, standard_arguments  # noqa: E402

ORDERS = [1, 2, 5, 10, 20, 50, 100, 200]


def mish_math(binary, n):
    r = subprocess.run([binary, "derive", "--order", str(n), "--time"], capture_output=True, text=True, check=True)
    m = re.search(r"min ([0-9.]+) ms, median ([0-9.]+) ms.*peak memory ([0-9.]+) MB", r.stderr)
    return float(m.group(1)), float(m.group(3))


def flint_time(n, budget=0.3):
    import flint
    ctx = flint.fmpz_mpoly_ctx.get(("x", "u"), "lex")
    x, u = ctx.gens()
    d = u ** 2 + 2 * u + 2
    D = lambda p: p.derivative(0) + u * p.derivative(1)
    Dd = D(d)

    def nth():
        P = x * u * (u + 2)
        for k in range(n):
            P = D(P) * d - (k + 1) * P * Dd
        return P

    best, spent, runs = float("inf"), 0.0, 0
    while runs < 3 or (spent < budget and runs < 1000):
        t = time.perf_counter(); nth(); dt = time.perf_counter() - t
        best, spent, runs = min(best, dt), spent + dt, runs + 1
    return best * 1e3


def pari_time(n):
    if not shutil.which("gp"):
        return None
    reps = {1: 20000, 2: 10000, 5: 4000, 10: 1000, 20: 200, 50: 20}.get(n, 3)
    script = (
        "D(f) = deriv(f, x) + u*deriv(f, u);\n"
        "nth(n) = my(f = x*u*(u+2)/(u^2+2*u+2)); for(k=1, n, f = D(f)); f;\n"
        f"t = getabstime(); for(i=1, {reps}, r = nth({n})); print((getabstime() - t) / {reps}.);\n"
    )
    r = subprocess.run(["gp", "-q", "-s", "400000000"], input=script, capture_output=True, text=True, timeout=600)
    return float(r.stdout.strip().split()[-1])


def _sympy_worker(n, simplify, queue):
    import sympy
    x = sympy.Symbol("x")
    f = x * sympy.tanh(sympy.log(1 + sympy.exp(x)))
    t = time.perf_counter()
    d = sympy.diff(f, x, n)
    if simplify:
        d = sympy.simplify(d)
    queue.put((time.perf_counter() - t) * 1e3)


def sympy_time(n, simplify, limit):
    return run_with_limit(_sympy_worker, (n, simplify), limit)


def main():
    args = standard_arguments(ORDERS)
    orders = args.order_list
    rows = []
    for n in orders:
        ours, memory = mish_math(args.binary, n)
        fl = flint_time(n)
        pa = pari_time(n)
        sd = sympy_time(n, False, args.sympy_limit) if n <= 20 else None
        ss = sympy_time(n, True, args.sympy_limit) if n <= 5 else None
        rows.append((n, ours, memory, fl, pa, sd, ss))
        print(f"N={n}: mish-math {ours:.4g} ms, FLINT {fl:.4g} ms, PARI {fmt(pa)} ms, SymPy {fmt(sd)} / {fmt(ss)} ms",
              file=sys.stderr)
    import platform
    lines = [
        "# `derive`: N-th derivative of mish, side by side",
        "",
        f"One run of `benchmarks/derive/run.py` on {platform.node()} ({os.cpu_count()} cores), "
        f"{time.strftime('%Y-%m-%d')}. Times are in-process, in milliseconds (best of repetitions for "
        "mish-math, FLINT and PARI/GP; one run for SymPy, stopped at the limit). Ratio = peer time / mish-math time "
        "(above 1: mish-math is faster).",
        "",
        "| N | mish-math (ms) | peak MB | FLINT fmpz_mpoly (ms) | ratio | PARI/GP (ms) | ratio | SymPy diff (ms) | ratio | SymPy diff+simplify (ms) | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, ours, memory, fl, pa, sd, ss in rows:
        lines.append(f"| {n} | {ours:.4g} | {memory:.0f} | {fl:.4g} | {ratio(fl, ours)} | {fmt(pa)} | {ratio(pa, ours)} | "
                     f"{fmt(sd)} | {ratio(sd, ours)} | {fmt(ss)} | {ratio(ss, ours)} |")
    emit(lines, args, __file__)


if __name__ == "__main__":
    main()
