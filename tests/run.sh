#!/bin/sh
# run.sh - run every test: the cmocka unit binaries, then the end-to-end scripts (which drive
# the real binary on a real database), then PostgreSQL's run when it is installed. Prints one
# line per suite and ends with the total as "N passed, N failed".
# Env: BUILD (build dir), ONLY=unit|e2e|pg to run one part.
set -u
BUILD=${BUILD:-build}
export BUILD
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() { # $1 = suite name; reads the suite's output in $log; $2 = its exit status
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    if [ -z "$p$f" ]; then
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
        p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
        f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
    fi
    p=${p:-0}
    f=${f:-0}
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1 # crashed or exited non-zero without saying why: count it as a failure
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL $1: $p passed, $f failed"
        sed 's/^/    /' "$log" | tail -n 60
    else
        echo "ok   $1: $p passed"
    fi
}

if [ "${ONLY:-unit}" = unit ] || [ -z "${ONLY:-}" ]; then
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] || continue
        "$t" >"$log" 2>&1
        count "unit $(basename "$t")" $?
    done
fi
if [ -z "${ONLY:-}" ] || [ "${ONLY:-}" = e2e ]; then
    for t in tests/e2e/test_*.sh; do
        [ -f "$t" ] || continue
        sh "$t" >"$log" 2>&1
        count "e2e $(basename "$t")" $?
    done
fi
if [ -z "${ONLY:-}" ] || [ "${ONLY:-}" = pg ]; then
    for t in tests/pg/test_*.sh; do
        [ -f "$t" ] || continue
        sh "$t" >"$log" 2>&1
        count "pg $(basename "$t")" $?
    done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
