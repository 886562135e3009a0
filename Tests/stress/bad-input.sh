#!/usr/bin/env bash
# Inputs too large for the debug-built unit tests, run against the release binary: each must give a
# clear error or the correct result, within a time limit, never a crash or a stack overflow.
set -u
bin=${1:-.build/release/mish-math}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0; failed=0

check() { # name, expected status, expected stdout (or '' to ignore), pattern in stderr (or ''), command...
  local name=$1 status=$2 out=$3 err=$4; shift 4
  local rc
  timeout 120 "$@" >"$work/out" 2>"$work/err"; rc=$?
  if [ "$rc" = "$status" ] && { [ -z "$out" ] || [ "$(cat "$work/out")" = "$out" ]; } \
     && { [ -z "$err" ] || grep -q -- "$err" "$work/err"; }; then
    passed=$((passed + 1)); echo "ok    $name"
  else
    failed=$((failed + 1)); echo "FAIL  $name (status $rc)"; head -c 300 "$work/err"; echo
  fi
}

python3 -c "print('+'.join(['x/x'] * 2500000))" > "$work/10mb.txt"
check "10 MB expression from stdin evaluates exactly" 0 "2500000" "" \
  bash -c "'$bin' eval - --at 3 --digits 7 < '$work/10mb.txt'"
python3 -c "print('+'.join(['x^2*exp(-x)'] * 900000))" > "$work/10mb-b.txt"
check "10 MB sum of one repeated term collects to one term" 0 "" "" \
  bash -c "'$bin' derive - --order 1 < '$work/10mb-b.txt'"
python3 -c "print('(' * 100000 + 'x' + ')' * 100000)" > "$work/nest.txt"
check "100000 nested parentheses are refused" 65 "" "nested deeper than" \
  bash -c "'$bin' eval - --at 1 < '$work/nest.txt'"
python3 -c "print('-' * 100000 + 'x')" > "$work/signs.txt"
check "100000 unary minus signs are refused" 65 "" "nested deeper than" \
  bash -c "'$bin' eval - --at 1 < '$work/signs.txt'"
python3 -c "print('1+' * 3000000)" > "$work/dangling.txt"
check "6 MB expression ending in '+' names the column" 65 "" "column 6000001" \
  bash -c "'$bin' eval - < '$work/dangling.txt'"
head -c 3000000 /dev/urandom > "$work/garbage.bin"
check "3 MB of random bytes is refused" 65 "" "" bash -c "'$bin' eval - < '$work/garbage.bin'"
check "derive --order 1000 of mish, all notations, finishes" 0 "" "" bash -c "'$bin' derive --order 1000 --format json > /dev/null"

check "d(mish(x), 64) goes through the normal form" 0 "" "" bash -c "'$bin' eval 'd(mish(x), 64)' --at 1 --digits 12"
check "d(x^x, 30) stops at the node budget with the reason" 65 "" "distinct subexpressions" \
  bash -c "'$bin' eval 'd(x^x, 30)' --at 1"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
