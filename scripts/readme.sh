#!/usr/bin/env bash
# Regenerates README.md: the prose below, with every example command run by the release binary, so the
# README shows real output. Usage: scripts/readme.sh > README.md (after make build-release).
set -u
B=${MISH_MATH:-.build/release/mish-math}
# Each line is a command line after "mish-math"; it is shown, run, and followed by its exit status if not 0.
examples() {
  while IFS= read -r cmd; do
    echo "\$ mish-math $cmd"
    eval "\"\$B\" $cmd" 2>&1
    local rc=$?
    [ $rc -ne 0 ] && echo "(exit status $rc)"
  done
  return 0
}
cat <<'EOF'
# mish-math

A Swift toolkit that derives the mathematics of the Mish activation function,
mish(x) = x·tanh(softplus(x)) = x·tanh(ln(1 + eˣ)), exactly and to any precision — and, as it grows,
turns what it derives into C and CUDA kernels whose accuracy is proven by exhaustive measurement.

Every number it prints is either exact or carries a verified error bound; a number it cannot certify is
labelled as such. Numbers come from GMP and MPFR; expressions are parsed, differentiated and evaluated by
the toolkit's own engine.

## The two commands

```sh
make demo   # installs what is missing (libmpfr-dev, libgmp-dev, pkg-config), builds in release, runs `mish-math report`
make test   # the same install step, then every test
```

Both need Swift 6 on Linux. Run as root, the install step calls `apt-get update` and `apt-get install`;
otherwise it prints the exact install line and stops. `make leakcheck` runs the number tests under
LeakSanitizer and fails on any leak.

## Usage

`mish-math report` (the default command) prints mish and its first derivative — derived symbolically by
the engine — at points across the real line, each value certified to 40 significant digits:

```
EOF
examples <<'CMDS'
report
CMDS
cat <<'EOF'
```

`mish-math eval EXPR [--at X] [--digits D] [--format text|json]` prints D correct significant digits:

```
EOF
examples <<'CMDS'
eval pi --digits 100
eval 'mish(x)' --at -1.1924 --digits 40
eval 'exp(-x^2/2)/sqrt(2*pi)' --at 1 --digits 25
eval 'swish(x)' --at pi/4 --digits 30
eval 'mish(x)' --at -inf
eval 'mish(x)' --at -1.1924 --digits 40 --format json
CMDS
cat <<'EOF'
```

`mish-math derive [EXPR] [--order N] [--format text|latex|c|json] [--form normal|raw]` gives derivatives of
any order. For expressions in Q(x, eˣ) (mish, swish, sigmoid, tanh, ...) it works on the exp-rational normal
form — polynomials in u = eˣ over the integers — so high orders are cheap (order 200 of mish in about 30 ms,
faster than FLINT and PARI/GP: [benchmarks/derive/RESULTS.md](benchmarks/derive/RESULTS.md)). Order 1 is the
paper's eˣ·ω/δ²:

```
EOF
examples <<'CMDS'
derive
derive --order 3
derive 'swish(x)' --order 2 --format latex
derive --format c
derive 'gelu(x)'   # outside the class: the chain rule
eval 'd(mish(x), 2)' --at -1.1924 --digits 30
eval 'g(t) = t*sigmoid(t); d(g(x), 3) - d(swish(x), 3)' --at 0.7
derive --order 100000
CMDS
cat <<'EOF'
```

`mish-math series [EXPR] [--at 0|A|+inf|-inf] [--order N]` expands with exact rational coefficients and says
where the expansion converges, derived from the complex poles, in closed form:

```
EOF
examples <<'CMDS'
series --order 8
series --at +inf --order 6
series --at -inf --order 6
series 'gelu(x)' --order 6 --digits 20
CMDS
cat <<'EOF'
```

`mish-math minimum [EXPR] [--digits D]` finds the global minimum and proves it global: every zero of f′ on
the real line is isolated by interval branch-and-bound (the tails by interval evaluation over unbounded
intervals), refined by Newton's method with precision doubling and certified by an interval Newton step.
10⁵ digits take about 0.1–0.2 s and 10⁶ digits about 2.2 s, 1.4–1.7× faster than a plain C program that calls MPFR directly without any
certificate ([benchmarks/minimum/RESULTS.md](benchmarks/minimum/RESULTS.md)).
`critical-points` lists the certified zeros of f′, f″, f‴ and the bounds of the gradient; `properties`
computes the properties table, each cell with how it was established:

```
EOF
examples <<'CMDS'
minimum --digits 60
minimum 'swish(x)' --format json
minimum 'softplus(x)'
critical-points --digits 15
properties mish(x) tanh(x) sigmoid(x) --format markdown
CMDS
cat <<'EOF'
```

`mish-math codegen [EXPR] --target c|cuda --kernel forward|backward|fused --dtype f32` derives kernel
source from the normal form: s = e^(−|x|) with the coefficients selected by the sign of x (no overflow, no
branches), the toolkit's own exponential (constants and error bound from MPFR), explicit fma everywhere so
C and CUDA compute the same bits, thresholds at ±∞ and series around the zero of mish′ and around 0 with
their proofs in the header comment, and, in the correctly-rounded tier, a fallback where the double lands
within 2¹⁰ of its ulps of a rounding boundary: the form again in double-double, rounded to odd, then
rounded once (Ziv's strategy). `--accuracy fast` trades the guarantee for throughput (binary32
arithmetic for f32/f16/bf16, f64 in double; its measured error in the header: mish forward f32 1.93 ulp over
every input, at 2.3× the correctly-rounded kernel's speed and 0.47 of a plain copy in the latest run (the copy measures 2.2 to 4.1 G elem/s on this VM from run to run),
[benchmarks/kernels/RESULTS.md](benchmarks/kernels/RESULTS.md)).
`--dtype f64` is the faithful tier (its default): the same form in double-double with its own double-double
exponential, rounded once, correctly rounded on 10⁹ sampled inputs forward and backward (at 9 M elem/s,
[benchmarks/kernels/RESULTS_f64.md](benchmarks/kernels/RESULTS_f64.md)):

```
EOF
examples <<'CMDS'
codegen --target c --kernel forward --dtype f32 | awk '/_fallback\(float x, double r\) \{$/ { print; print "    /* ... the generic form in double-double, a few hundred statements, elided in this README ... */"; skip = 1; next } skip && /^    return / { skip = 0 } !skip'
CMDS
cat <<'EOF'
```

`mish-math verify` proves a kernel's accuracy by measuring every input against a correctly rounded
reference (a vectorised double enclosure with a rigorous bound, MPFR for the few hundred inputs it cannot
decide; for f64 a double-double enclosure): the generated kernels, or your own C function (`--c-source FILE
--symbol NAME`). All 2³² f32 inputs of the mish kernel take about 32 s on 2 cores (mish′: 44 s); every
generated f32, f16 and bf16 kernel is correctly rounded on every input, and the faithful f64 kernels on
10⁹ samples in about 6 minutes ([docs/accuracy.md](docs/accuracy.md)). The naive formula, for comparison:

```
EOF
examples <<'CMDS'
verify --dtype bf16 --kernel backward
verify --c-source benchmarks/accuracy/naive.c --symbol naive_mish --range -110,-90
CMDS
cat <<'EOF'
```

How the digits are made correct: the expression is evaluated in interval arithmetic over MPFR with every
operation rounded outward, so the exact value lies in the computed interval. When both ends round to the
same D digits, those are the correctly rounded digits; otherwise the working precision is doubled (up to 4×).
A value exactly on a rounding boundary cannot be decided that way; it is printed, labelled, and the exit
status is 3:

```
EOF
examples <<'CMDS'
eval 'x/10' --at 1.25 --digits 2
CMDS
cat <<'EOF'
```

Bad input gets a clear error on stderr and a non-zero exit status:

```
EOF
examples <<'CMDS'
eval 'tanh('
eval 'foo(x)' --at 1
eval pi --digits 0
eval 'x*softplus(x)' --at -inf
CMDS
cat <<'EOF'
```

The command line, its exit statuses and the JSON it prints are documented in [docs/cli.md](docs/cli.md).

## Layout

| module | job |
|---|---|
| `CMPFR` | the one door to GMP and MPFR: a system library plus `static inline` shims for C macros |
| `MishNumbers` | `BigInt`, `Rational`, `IntegerPolynomial` (GMP); `BigFloat`, `BigComplex`, `BigInterval` (MPFR); certified decimal output |
| `MishSymbolic` | expressions: hash-consed canonical `Expr`, the operator catalogue, parser (definitions, `d()`), printers (text, LaTeX, C), DAG-memoised differentiation and evaluation, the exp-rational normal form `ExpRational` |
| `MishSeries` | truncated power series over Q and over intervals, exact Maclaurin coefficients, expansions at ±∞, radii and regions of convergence |
| `MishAnalysis` | certified zeros of derivatives (branch-and-bound with tails, precision-doubling Newton, interval Newton), global ranges and minima, critical points, the properties table |
| `MishKernels` | kernel IR (SSA + CSE), lowering from the normal form with thresholds and series, C and CUDA emitters |
| `MishAccuracy` | the correctly rounded reference, the C sweep harness, exhaustive and sampled sweeps of any C kernel, ULP reports |
| `mish-math` | the executable: argument parsing and output formats only |

Tests sit in `Tests/`, one target per module plus `MishMathCLITests` (which runs the built executable) and
the shared `MishTestSupport` (ulp and digit measures, a self-checking high-precision oracle, a seeded
expression fuzzer). Randomised tests print their seed; `MISH_TEST_SEED=N` replays one. `make test` also runs
`Tests/stress/bad-input.sh` (a 10 MB expression, 10⁵ nested parentheses, random bytes) against the release
build, and `scripts/check-kernels.sh`, which compiles every generated C kernel of mish, swish and x²·sigmoid(x)
with gcc and clang (-Werror, and the vectoriser's report) and every CUDA kernel with nvcc -arch=sm_90 (nvcc from
PyPI, no GPU needed). `make verify-exhaustive` sweeps all
2³² f32 inputs of the shipped kernels (CI runs it too). Every example above is real output: `scripts/readme.sh > README.md` regenerates this file.

EOF
