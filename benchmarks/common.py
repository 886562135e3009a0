"""Helpers shared by the side-by-side benchmark runners: formatting times and ratios for the tables."""


def fmt(v):
    """A time in ms to 4 significant digits; 'n/a' when not run; strings (such as '> 60000') as they are."""
    if v is None:
        return "n/a"
    if isinstance(v, str):
        return v
    return f"{v:.4g}"


def ratio(peer, ours):
    """peer / ours (above 1: mish-math is faster); a lower bound when the peer hit its time limit."""
    if peer is None:
        return "n/a"
    if isinstance(peer, str):
        return "> " + f"{float(peer[2:]) / ours:.3g}"
    return f"{peer / ours:.3g}"


def run_with_limit(target, args, limit):
    """Runs target(*args, queue) in a child process; its result in ms, or '> limit' when it runs too long."""
    import multiprocessing
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=target, args=(*args, q))
    p.start()
    p.join(limit)
    if p.is_alive():
        p.terminate()
        p.join()
        return f"> {limit * 1000:.0f}"
    return q.get()


def standard_arguments(orders):
    """The command line every runner takes: the binary, the orders, the SymPy limit, --write."""
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/mish-math")
    ap.add_argument("--orders", default=",".join(map(str, orders)))
    ap.add_argument("--sympy-limit", type=float, default=60.0)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    args.order_list = [int(s) for s in args.orders.split(",")]
    return args


def emit(lines, args, script, name="RESULTS.md"):
    """Prints the table and, with --write, stores it as `name` beside the runner `script`."""
    import os
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        with open(os.path.join(os.path.dirname(os.path.abspath(script)), name), "w") as f:
            f.write(text)


def binary_and_write_arguments():
    """The command line of the kernel runners: --binary and --write."""
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/mish-math")
    ap.add_argument("--write", action="store_true")
    return ap.parse_args()


def generated_forward_kernel(binary, fast=False):
    """A temporary directory holding mish_forward_f32.h/.c from `mish-math codegen` (the correctly-rounded
    tier), and with fast=True also mish_fast_forward_f32.h/.c (the fast tier, named mish_fast)."""
    import subprocess, tempfile
    work = tempfile.mkdtemp()
    subprocess.run([binary, "codegen", "--target", "c", "--kernel", "forward", "--dtype", "f32", "--out", work],
                   check=True, capture_output=True)
    if fast:
        subprocess.run([binary, "codegen", "--target", "c", "--kernel", "forward", "--dtype", "f32", "--accuracy", "fast",
                        "--name", "mish_fast", "--out", work], check=True, capture_output=True)
    return work


def torch_mish_rates(dtype_name, sizes):
    """PyTorch CPU mish on one thread over x uniform in [-20, 20]: G elem/s for each (n, total) in `sizes`, the
    least time of three passes of total elements; None without torch."""
    try:
        import torch
    except ImportError:
        return None
    import time
    torch.set_num_threads(1)
    dtype = getattr(torch, dtype_name)
    out = []
    for n, total in sizes:
        x = torch.rand(n, dtype=dtype) * 40 - 20
        y = torch.empty(n, dtype=dtype)
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            for _ in range(total // n):
                torch._C._nn.mish(x, out=y)
            best = min(best, time.perf_counter() - t)
        out.append(total / best / 1e9)
    return out
