#!/bin/sh
# run.sh - run every test: the cmocka unit binaries, then the end-to-end scripts (which drive
# the real binary on a real database), then PostgreSQL's run. Prints one line per suite and
# ends with the totals as "N passed, N failed, N skipped".
#
# What counts: passed and failed are checks (cmocka tests, a script's `ok`/`FAIL` lines, as
# its closing line "N passed, N failed" sums them). Skipped counts the skips each suite
# reported: a script's "skipped: WHY" line (a whole script, or a part of one such as its
# browser test), or cmocka's "[  SKIPPED ] N test(s)". A suite that skipped and passed nothing
# is listed as "skip", never as "ok"; a suite that exits non-zero, or that ran and checked
# nothing without saying why, is a failure.
#
# Under CI (CI=true in the environment, as .ci/run sets it) every skip is a failure: CI's
# machine has every package (tools/deps.sh) and the shared DfE data, so a skip there means the
# browser, PostgreSQL or DfE check did not run.
# Each suite's line ends with how long it took, [N s].
#
# The end-to-end scripts run JOBS at a time (default 2: each script is one client and one
# server, so two keep two cores busy); their lines are printed in order once all have run.
# The scripts that measure time (ALONE below) run afterwards, one at a time, on a quiet machine.
# Env: BUILD (build dir), ONLY=unit|e2e|pg to run one part, CI, JOBS.
set -u
BUILD=${BUILD:-build}
export BUILD
case ${CI:-} in
'' | false | 0) ci=false ;;
*) ci=true ;;
esac
passed=0
failed=0
skipped=0
skips=""
JOBS=${JOBS:-2}
ALONE="test_long_import.sh test_ctf.sh"
log=$(mktemp)
pool=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$pool"' EXIT

count() { # $1 = suite name; reads the suite's output in $log; $2 = its exit status; $3, $4 = when it began and ended (default now)
    secs=$((${4:-$(date +%s)} - $3))
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    if [ -z "$p$f" ]; then
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
        p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
        f=$(echo "$line" | sed -n 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/p')
        s=$(grep -c '^skipped: ' "$log")
    fi
    p=${p:-0}
    f=${f:-0}
    s=${s:-0}
    why=$(sed -n 's/^skipped: //p' "$log" | head -n 3 | paste -s -d ';' -)
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1 # crashed or exited non-zero without saying why: count it as a failure
    elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
        f=1 # ran and checked nothing, and did not say it skipped
        why="no check passed, failed or skipped"
    fi
    if [ "$s" -ne 0 ] && $ci; then
        f=$((f + s)) # CI requires every suite: a skip there is a test that did not run
        why="skipped under CI: ${why:-no reason given}"
    else
        skipped=$((skipped + s))
        [ "$s" -ne 0 ] && skips="$skips
skipped $1: ${why:-no reason given}"
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL $1: $p passed, $f failed${why:+ ($why)} [${secs} s]"
        sed 's/^/    /' "$log" | tail -n 60
    elif [ "$p" -eq 0 ]; then
        echo "skip $1: $why [${secs} s]"
    elif [ "$s" -ne 0 ]; then
        echo "ok   $1: $p passed, $s skipped ($why) [${secs} s]"
    else
        echo "ok   $1: $p passed [${secs} s]"
    fi
}

if [ "${ONLY:-unit}" = unit ] || [ -z "${ONLY:-}" ]; then
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] || continue
        t0=$(date +%s)
        "$t" >"$log" 2>&1
        count "unit $(basename "$t")" $? "$t0"
    done
fi
if [ -z "${ONLY:-}" ] || [ "${ONLY:-}" = e2e ]; then
    together=""
    for t in tests/e2e/test_*.sh; do
        [ -f "$t" ] || continue
        case " $ALONE " in *" $(basename "$t") "*) continue ;; esac
        together="$together $t"
    done
    printf '%s\n' $together | xargs -P "$JOBS" -I{} sh tests/run_one.sh {} "$pool"
    for a in $ALONE; do
        [ -f "tests/e2e/$a" ] && sh tests/run_one.sh "tests/e2e/$a" "$pool"
    done
    for t in $together $ALONE; do
        b=$(basename "$t")
        [ -f "$pool/$b.rc" ] || { echo "did not run" >"$pool/$b.log"; echo "1 0 0" >"$pool/$b.rc"; }
        cp "$pool/$b.log" "$log"
        read -r rc t0 t1 <"$pool/$b.rc"
        count "e2e $b" "$rc" "$t0" "$t1"
    done
fi
if [ -z "${ONLY:-}" ] || [ "${ONLY:-}" = pg ]; then
    for t in tests/pg/test_*.sh; do
        [ -f "$t" ] || continue
        t0=$(date +%s)
        sh "$t" >"$log" 2>&1
        count "pg $(basename "$t")" $? "$t0"
    done
fi
[ -n "$skips" ] && echo "$skips" | sed '1d'
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
