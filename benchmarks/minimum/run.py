#!/usr/bin/env python3
"""Side-by-side benchmark: the minimum of mish, x* and mish(x*), to D digits.

Each tool solves g(x) = u^3 + 4u^2 + 6u + 4 + 4x(u + 1) = 0 (u = e^x, the numerator of mish') and evaluates
mish(x*) = x n/(n + 2), n = u(u + 2), in this one run on this machine:
  - mish-math:  `mish-math minimum --digits D --time`: the certified global result (branch-and-bound with
                tails, Newton with precision doubling, interval Newton certificate, decimal digits decided);
                in-process, best of >= 3 runs
  - plain C:    benchmarks/minimum/plain_mpfr.c, MPFR Newton with precision doubling, the last exponential
                reused for f(x*), no certificate (the floor for an MPFR tool); CPU time, least of R runs in one
                process (R = 50 at 10^3 digits, 10 at 10^4, 3 at 10^5, 1 at 10^6), so MPFR's constant caches are
                warm as in every other tool's timing
  - Arb:        python-flint arb, Newton with precision doubling on midpoints and one certified interval
                Newton step at full precision (ball arithmetic), f(x*) from the same exponential; least of R runs
  - PARI/GP:    Newton with precision doubling (localbitprec), one exponential per step; gettime
  - mpmath:     findroot(g, x0, solver="newton") at mp.dps = D, then mish(x*); under a time limit
Prints a Markdown table (ms and the ratio peer/mish-math: above 1 means mish-math is faster); --write stores
it in RESULTS.md. Every tool's first 36 digits of x* are checked against mish-math's.
"""
import argparse, math, os, platform, re, shutil, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from common import emit, fmt, ratio, run_with_limit  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = [1000, 10000, 100000, 1000000]


def leading(text, n=36):
    return "".join(c for c in text if c.isdigit()).lstrip("0")[:n]


def mish_math(binary, d):
    r = subprocess.run([binary, "minimum", "--digits", str(d), "--time", "--format", "json"],
                       capture_output=True, text=True, check=True)
    m = re.search(r"min ([0-9.]+) ms.*peak memory ([0-9.]+) MB", r.stderr)
    x = re.search(r'"x" : "([-0-9.e+]+)"', r.stdout).group(1)
    return float(m.group(1)), float(m.group(2)), leading(x)


def repetitions(d):
    """Runs per tool and digit count: warm caches (MPFR's and Arb's constants) count for every tool alike."""
    return 50 if d <= 1000 else (10 if d <= 10000 else (3 if d < 1000000 else 2))


def plain_c(exe, d):
    r = subprocess.run([exe, str(d), str(repetitions(d))], capture_output=True, text=True, check=True)
    return float(re.search(r"seconds ([0-9.]+)", r.stdout).group(1)) * 1e3, leading(re.search(r"x\* = (\S+)", r.stdout).group(1))


def arb_worker(d, q):
    from flint import arb, ctx
    target = int(d * math.log2(10)) + 32
    schedule, b = [], target
    while b > 48:
        schedule.append(b)
        b = b // 2 + 16
    best = float("inf")
    for _ in range(repetitions(d)):
        t = time.perf_counter()
        x = arb(-1.1924312145154952)
        for p in reversed(schedule[1:]):
            ctx.prec = p
            m = arb(x.mid())
            u = m.exp()
            g = ((u + 4) * u + 6 + 4 * m) * u + 4 + 4 * m
            dg = ((3 * u + 8) * u + 10 + 4 * m) * u + 4
            x = arb((m - g / dg).mid())
        ctx.prec = target
        m = arb(x.mid())
        u = m.exp()
        g = ((u + 4) * u + 6 + 4 * m) * u + 4 + 4 * m
        r = abs(arb(g.mid())) * 4 + arb(2) ** (-target + 8)
        X = arb(m.mid(), r.upper())
        U = X.exp()
        dgX = ((3 * U + 8) * U + 10 + 4 * X) * U + 4
        N = m - g / dgX
        assert X.contains(N), "interval Newton did not contract"
        n = u * (u + 2)
        value = m * n / (n + 2)
        elapsed = (time.perf_counter() - t) * 1e3
        best = min(best, elapsed)
    ctx.prec = 53
    q.put((best, leading(N.mid().str(50, radius=False))))


def pari(d):
    if not shutil.which("gp"):
        return None, None
    target = int(d * math.log2(10)) + 32
    reps = 100 if d <= 1000 else (10 if d <= 10000 else 1)
    script = (
        "step(x) = my(u = exp(x)); x - (((u + 4)*u + 6 + 4*x)*u + 4 + 4*x) / (((3*u + 8)*u + 10 + 4*x)*u + 4);\n"
        "best = 10^9;\n"
        f"for(i = 1, {3 if d < 1000000 else 2}, t = getabstime(); for(r = 1, {reps}, "
        f"sched = List(); b = {target}; while(b > 48, listput(sched, b); b = b\\2 + 16); "
        "x = -1.1924312145154952; "
        "forstep(k = #sched, 1, -1, localbitprec(sched[k]); x = step(bitprecision(x, sched[k]))); "
        f"localbitprec({target}); u = exp(x); n = u*(u + 2); v = x*n/(n + 2)); "
        f"best = min(best, (getabstime() - t) / {reps}));\n"
        "print(best * 1.0); print(precision(x, 60));\n"
    )
    r = subprocess.run(["gp", "-q", "-s", "4000000000"], input=script, capture_output=True, text=True, timeout=3600)
    lines = r.stdout.split()
    return float(lines[0]), leading(lines[1])


def mpmath_worker(d, q):
    from mpmath import mp, mpf, exp, findroot
    mp.dps = d
    t = time.perf_counter()
    g = lambda x: (lambda u: ((u + 4) * u + 6 + 4 * x) * u + 4 + 4 * x)(exp(x))
    dg = lambda x: (lambda u: ((3 * u + 8) * u + 10 + 4 * x) * u + 4)(exp(x))
    x = findroot(g, mpf("-1.1924312145154952"), solver="newton", df=dg)
    u = exp(x)
    n = u * (u + 2)
    value = x * n / (n + 2)
    elapsed = (time.perf_counter() - t) * 1e3
    q.put((elapsed, leading(mp.nstr(x, 50))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/mish-math")
    ap.add_argument("--digits", default=",".join(map(str, DIGITS)))
    ap.add_argument("--mpmath-limit", type=float, default=120.0)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    digit_list = [int(s) for s in args.digits.split(",")]
    exe = os.path.join(tempfile.mkdtemp(), "plain_mpfr")
    subprocess.run(["gcc", "-O2", "-o", exe, os.path.join(HERE, "plain_mpfr.c"), "-lmpfr", "-lgmp"], check=True)

    lines = [
        "# Minimum of mish to D digits: mish-math against plain MPFR, Arb, PARI/GP and mpmath",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
        "Times in ms (lower is better); ratio = peer / mish-math (above 1: mish-math is faster). mish-math's "
        "time is the certified global result (isolation of every critical point with tails, Newton, interval "
        "Newton certificate, digits decided), the peers compute x* and f(x*) only (Arb also certifies x* "
        "locally). Every tool is timed warm: its least time over repeated runs in one process (MPFR's and Arb's constant caches filled). Every tool's first 36 digits of x* agree with mish-math's (checked by the runner).",
        "",
        "| D | mish-math | peak MB | plain C MPFR | ratio | Arb | ratio | PARI/GP | ratio | mpmath | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for d in digit_list:
        ours, mem, x_ours = mish_math(args.binary, d)
        c, x_c = plain_c(exe, d)
        arb_result = run_with_limit(arb_worker, (d,), 600)
        gp, x_gp = pari(d)
        mpm = run_with_limit(mpmath_worker, (d,), args.mpmath_limit)
        arb_ms, x_arb = arb_result if isinstance(arb_result, tuple) else (arb_result, None)
        mp_ms, x_mp = mpm if isinstance(mpm, tuple) else (mpm, None)
        for name, x in [("plain C", x_c), ("Arb", x_arb), ("PARI/GP", x_gp), ("mpmath", x_mp)]:
            if x is not None and x != x_ours:
                sys.exit(f"{name} disagrees with mish-math at D = {d}: {x} vs {x_ours}")
        lines.append(f"| {d} | {fmt(ours)} | {mem:.0f} | {fmt(c)} | {ratio(c, ours)} | {fmt(arb_ms)} | {ratio(arb_ms, ours)} "
                     f"| {fmt(gp)} | {ratio(gp, ours)} | {fmt(mp_ms)} | {ratio(mp_ms, ours)} |")
        print(lines[-1], flush=True)
    emit(lines, args, __file__)


if __name__ == "__main__":
    main()
