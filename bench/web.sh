#!/bin/sh
# web.sh - web latency under load: `wrk` (Debian's 4.1, paced by bench/web.lua to a fixed
# rate, since it has no -R) drives a signed-in LA officer's pupil page (rotating over many
# pupils) and then the LA dashboard, each at RATE requests a second for DURATION seconds,
# against `onroll serve` on 127.0.0.1 over the demo LA (default size unless PUPILS/SCHOOLS are
# set). Prints, for each page, the achieved requests a second, the p50/p95/p99 latency,
# whether p95 is under the target (TARGET_MS), and the server's CPU time per request (which
# other work on the machine changes less than the throughput).
#
# Each pupil page is a real read: scope check, one audit_log row written, the pupil's facts,
# duties and flags, so RATE pupil pages a second are RATE audit rows a second. The dashboard
# is drawn from the cached LA snapshot (view_cache.c), warmed before the run.
# Env: RATE (1000), DURATION (30), THREADS (wrk threads, 2), CONNECTIONS (64), SERVER_THREADS
# (onroll serve --threads, 4), TARGET_MS (20), PUPILS, SCHOOLS (demo size; default the
# demo's), NPUPILS (pupils rotated over, 5000), PAGES ("pupil dashboard": the pages to run, in
# order; PAGES=pupil runs the pupil page alone), BUILD, ONROLL (the binary).
set -eu
BUILD=${BUILD:-build}
ONROLL=${ONROLL:-$(pwd)/$BUILD/onroll}
RATE=${RATE:-1000}
DURATION=${DURATION:-30}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_THREADS=${SERVER_THREADS:-4}
TARGET_MS=${TARGET_MS:-20}
NPUPILS=${NPUPILS:-5000}
PAGES=${PAGES:-pupil dashboard}
for tool in wrk curl sqlite3 python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "bench/web.sh: $tool is not installed (tools/deps.sh installs it)" >&2
        exit 1
    fi
done
W=$(mktemp -d)
SERVER=""
trap 'if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; fi; rm -rf "$W"' EXIT
export ONROLL_DB="$W/web.db"

demo_args=""
[ -n "${SCHOOLS:-}" ] && demo_args="$demo_args --schools $SCHOOLS"
[ -n "${PUPILS:-}" ] && demo_args="$demo_args --pupils $PUPILS"
# shellcheck disable=SC2086
"$ONROLL" demo $demo_args >"$W/demo.out" 2>&1 || {
    cat "$W/demo.out" >&2
    exit 1
}
sed -n 's/^.*: demo local authority/demo local authority/p' "$W/demo.out"
set -- $(awk '$1 == "la_officer" { print $2, $4 }' "$W/demo.out")
EMAIL=$1
PASSWORD=$2

STATIC=$(dirname "$ONROLL")/static
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# every wrk connection comes from 127.0.0.1: room in the per-address limit for them all, twice
# (the server may still be closing one run's connections when the next run opens its own)
"$ONROLL" serve --listen "127.0.0.1:$port" --static "$STATIC" --threads "$SERVER_THREADS" \
    --max-per-address $((2 * CONNECTIONS + 16)) >"$W/serve.log" 2>&1 &
SERVER=$!
B=http://127.0.0.1:$port
i=0
while [ $i -lt 100 ] && ! curl -s -o /dev/null "$B/healthz"; do
    sleep 0.1
    i=$((i + 1))
done

# sign in through the form (its CSRF token), keep the session cookie
curl -s -c "$W/jar" -o "$W/signin.html" "$B/sign-in"
tok=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$W/signin.html" | head -n 1)
code=$(curl -s -b "$W/jar" -c "$W/jar" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$tok" \
    --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" "$B/sign-in")
[ "$code" = 303 ] || {
    echo "bench/web.sh: signing in as $EMAIL failed ($code)" >&2
    exit 1
}
SESSION=$(awk '$6 == "onroll_session" { print $7 }' "$W/jar")
COOKIE="Cookie: onroll_session=$SESSION"

# the pupils on roll today, in a fixed pseudo-random order
TODAY=$(date +%Y-%m-%d)
sqlite3 "$ONROLL_DB" "SELECT DISTINCT upn FROM enrolments WHERE start_date <= '$TODAY'
    AND (end_date IS NULL OR end_date >= '$TODAY') ORDER BY substr(upn, 6) || upn LIMIT $NPUPILS" |
    sed 's|^|/pupils/|' >"$W/pupils.txt"
echo /dashboard >"$W/dashboard.txt"
npupils=$(wc -l <"$W/pupils.txt" | tr -d ' ')

# warm up: the LA snapshot (the first dashboard builds it), a pupil page
t0=$(date +%s%N)
code=$(curl -s -H "$COOKIE" -o /dev/null -w '%{http_code}' "$B/dashboard")
t1=$(date +%s%N)
[ "$code" = 200 ] || {
    echo "bench/web.sh: /dashboard answered $code" >&2
    exit 1
}
code=$(curl -s -H "$COOKIE" -o /dev/null -w '%{http_code}' "$B$(head -n 1 "$W/pupils.txt")")
[ "$code" = 200 ] || {
    echo "bench/web.sh: a pupil page answered $code" >&2
    exit 1
}
echo "first dashboard (builds the LA snapshot): $(((t1 - t0) / 1000000)) ms"
echo "machine: $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)), load average $(cut -d' ' -f1-3 /proc/loadavg) before the run; SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo "wrk $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }'): $RATE requests/s for ${DURATION} s (paced by bench/web.lua), $THREADS threads, $CONNECTIONS connections; onroll serve --threads $SERVER_THREADS"

# the server's CPU time so far (user + system, in clock ticks)
server_cpu() { awk '{ print $14 + $15 }' "/proc/$SERVER/stat"; }
run() { # run LABEL PATHS
    c0=$(server_cpu)
    WRK_PATHS=$2 WRK_RATE=$RATE WRK_THREADS=$THREADS WRK_LABEL=$1 \
        wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout 10s -H "$COOKIE" \
        -s bench/web.lua "$B" >"$W/wrk.out" 2>&1 || {
        cat "$W/wrk.out" >&2
        exit 1
    }
    c1=$(server_cpu)
    echo "$(grep '^RESULT ' "$W/wrk.out" | sed 's/^RESULT //') cpu_ticks=$((c1 - c0))"
}
: >"$W/results"
for page in $PAGES; do
    case $page in
    pupil) run "pupil($npupils)" "$W/pupils.txt" >>"$W/results" ;;
    dashboard) run dashboard "$W/dashboard.txt" >>"$W/results" ;;
    *) echo "bench/web.sh: PAGES: '$page' is not a page (pupil, dashboard)" >&2; exit 2 ;;
    esac
done
reads=$(sqlite3 -cmd "ATTACH DATABASE '$ONROLL_DB-log' AS log" "$ONROLL_DB" \
    "SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.read'") # DB-log: the log database

echo
printf '%-12s %9s %9s %8s %8s %8s %8s %7s %7s %s\n' page requests "req/s" p50_ms p95_ms p99_ms max_ms errors cpu_ms "p95 < ${TARGET_MS} ms"
awk -v target="$TARGET_MS" -v hz="$(getconf CLK_TCK)" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%-12s %9d %9.0f %8.2f %8.2f %8.2f %8.2f %7d %7.3f %s\n", $1, v["requests"], v["rps"],
        v["p50_ms"], v["p95_ms"], v["p99_ms"], v["max_ms"], v["non2xx"] + v["errors"],
        v["cpu_ticks"] * 1000 / hz / (v["requests"] > 0 ? v["requests"] : 1),
        v["p95_ms"] < target ? "yes" : "NO" }' "$W/results"
echo "cpu_ms: the server's CPU time (user + system, all its threads) per request"
echo "audit_log: $reads pupil.read rows (one per pupil page served)"
