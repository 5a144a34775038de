#!/bin/sh
# national.sh - analytics at national scale: onroll's in-memory columnar model (columns.h)
# against DuckDB and sqlite3 on the same rows, in one run.
#
# Data: LAS demo LAs (`onroll demo --la`, a seed each) of PUPILS pupils on roll and YEARS
# academic years into one database: 20 x 100,000 = 2 million pupils on roll, 4.2 million over
# ten years, 1.02 million suspensions (and 49,000 lunchtime suspensions, which count in no
# published figure: the school census does not collect them). The demo caps one LA at 500,000
# pupils; attendance marks and duty actions are left out (--no-attendance --no-actions).
#
# Queries (DOMAIN.md §6 definitions: headcount = main registrations on roll on the spring census
# day with the characteristics in force that day; a suspension of a pupil not on roll then takes
# the characteristics in force on its date; withdrawn and reinstated-before-start ones do not
# count, nor do lunchtime suspensions; days lost = sessions / 2):
#   Q1  the latest academic year by ethnicity and in total: pupils, suspensions, pupils
#       suspended, suspensions per 100 pupils (2 d.p., half away from zero), days lost;
#   Q2  every academic year by LA x SEN x FSM x year: suspensions, distinct pupils, days lost.
# onroll answers them from the model (bench/national_q.c, in-process: the load is timed apart,
# then the best of RUNS warm runs); DuckDB (npm @duckdb/node-api, in memory) loads the rows
# exported as CSV, then runs one SQL text per query (warm: a first run, then the best of RUNS);
# sqlite3 runs the same SQL on the onroll database itself, after ANALYZE (its page cache warm;
# best of SQLITE_RUNS, whole process). All three answers must be identical: the script fails otherwise.
# Then the model is saved as the server saves it (live.h) and the server's start from that copy
# is timed: the copy read, checked against the database's ledger, nothing to replay; Q1 must be
# the same. Last, the model is kept current: one suspension added to it and refreshed (timed),
# after which Q1's total must be one higher.
#
# Env: BUILD, LAS (20), PUPILS (per LA, 100000), SCHOOLS (per LA, 250), YEARS (10),
# AS_OF (2026-07-20), RUNS (5), SQLITE_RUNS (1), THREADS (2: onroll's and DuckDB's),
# DUCKDB_DIR (where DuckDB's npm package is installed; $BUILD/bench-node),
# DB (an existing database to use instead of generating one; ANALYZE is run on it),
# KEEP=1 (keep the work directory).
set -eu
BUILD=${BUILD:-build}
ONROLL=${ONROLL:-$(pwd)/$BUILD/onroll}
LAS=${LAS:-20}
PUPILS=${PUPILS:-100000}
SCHOOLS=${SCHOOLS:-250}
YEARS=${YEARS:-10}
AS_OF=${AS_OF:-2026-07-20}
RUNS=${RUNS:-5}
SQLITE_RUNS=${SQLITE_RUNS:-1}
THREADS=${THREADS:-2}
W=$(mktemp -d)
trap 'if [ "${KEEP:-0}" = 1 ]; then echo "kept $W"; else rm -rf "$W"; fi' EXIT
mkdir -p "$W/csv" "$W/out"
now() { date +%s%N; }
ms_since() { echo $((($(now) - $1) / 1000000)); }
T0=$(now)

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)," \
    "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
if [ ! -f "$BUILD/libonroll.a" ] || [ ! -x "$ONROLL" ]; then
    echo "national.sh: build first (make; BUILD=$BUILD)" >&2
    exit 1
fi
# DuckDB for the bench only, pinned here rather than in package-lock.json (which `make` installs
# for the web assets): installed into a directory of its own (DUCKDB_DIR, default
# $BUILD/bench-node), so that neither package.json, the lock nor the project's node_modules (a
# link shared by worktrees) is touched; the DuckDB side runs from there.
DUCKDB=@duckdb/node-api@1.5.6-r.1
DUCKDB_DIR=${DUCKDB_DIR:-$BUILD/bench-node}
mkdir -p "$DUCKDB_DIR"
DUCKDB_DIR=$(cd "$DUCKDB_DIR" && pwd)
if [ "$(cd "$DUCKDB_DIR" &&
    node -p "require('./node_modules/@duckdb/node-api/package.json').version" 2>/dev/null)" \
    != "${DUCKDB##*@}" ]; then
    echo "npm install --prefix $DUCKDB_DIR $DUCKDB ..."
    npm install --prefix "$DUCKDB_DIR" --no-save --no-audit --no-fund "$DUCKDB" >/dev/null
fi
cp bench/national_duckdb.mjs "$DUCKDB_DIR/"

# the in-process timer, against the library as built
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
# shellcheck disable=SC2046,SC2086
cc -O2 -std=c17 -D_GNU_SOURCE -Iinclude -Isrc -o "$W/national_q" bench/national_q.c \
    "$BUILD/libonroll.a" $(pkg-config --libs $PKGS) -lcsv -lm -lpthread

# ---- the data ----
if [ -n "${DB:-}" ]; then
    echo "using $DB"
else
    DB=$W/national.db
    echo "generating $LAS LAs x $PUPILS pupils, $SCHOOLS schools, $YEARS years (as of $AS_OF) ..."
    t=$(now)
    i=1
    while [ "$i" -le "$LAS" ]; do
        la=$((200 + i))
        "$ONROLL" --db "$DB" demo --la "$la" --seed "$la" --pupils "$PUPILS" --schools "$SCHOOLS" \
            --years "$YEARS" --as-of "$AS_OF" --no-attendance --no-actions >/dev/null
        i=$((i + 1))
    done
    echo "  $(($(ms_since "$t") / 1000)) s"
fi
sqlite3 "$DB" "SELECT sum(type = 'suspension'), sum(type = 'lunchtime'), sum(type = 'permanent'),
                      min(start_date), max(start_date)
               FROM events WHERE type IN ('suspension', 'lunchtime', 'permanent')" | {
    IFS='|' read -r n l p first last
    echo "  $n suspensions, $l lunchtime suspensions (counted in no figure), $p permanent" \
        "exclusions, from $first to $last"
}
# academic years of the exclusions; Q1 takes the last
ay_of() { # YYYY-MM-DD
    y=${1%%-*}
    m=$(echo "$1" | cut -d- -f2)
    if [ "${m#0}" -ge 8 ]; then echo "$y"; else echo $((y - 1)); fi
}
range=$(sqlite3 "$DB" "SELECT min(start_date) || ' ' || max(start_date) FROM events
                       WHERE type IN ('suspension', 'lunchtime', 'permanent')")
AY0=$(ay_of "${range% *}")
AY1=$(ay_of "${range#* }")
census() { # the third Thursday of January of academic year $1
    for d in 15 16 17 18 19 20 21; do
        if [ "$(date -d "$(($1 + 1))-01-$d" +%u)" = 4 ]; then
            echo "$(($1 + 1))-01-$d"
        fi
    done
}
C=$(census "$AY1")

# ---- the SQL, one text for sqlite3 and DuckDB; @..@ are filled in per dialect below ----
cat >"$W/q1.tmpl" <<'SQL'
WITH
roll AS (
  SELECT DISTINCT upn FROM enrolments
  WHERE reg_type = 'main' AND start_date <= @C@ AND (end_date IS NULL OR end_date >= @C@)
),
hsnap AS (
  SELECT s.upn, s.ethnicity,
         row_number() OVER (PARTITION BY s.upn
           ORDER BY (s.as_of <= @C@) DESC, CASE WHEN s.as_of <= @C@ THEN s.as_of END DESC,
                    CASE WHEN s.as_of <= @C@ THEN s.id END DESC, s.as_of, s.id) AS rn
  FROM pupil_snapshots s JOIN roll r ON r.upn = s.upn
),
hc AS (SELECT ethnicity, count(*) AS n FROM hsnap WHERE rn = 1 GROUP BY ethnicity),
@COUNTED@
susp AS (
  SELECT e.id, e.upn, e.start_date, e.sessions
  FROM events e
  LEFT JOIN wd ON wd.upn = e.upn AND wd.urn = e.urn AND wd.ref = e.event_id
  LEFT JOIN ri ON ri.upn = e.upn AND ri.urn = e.urn AND ri.ref = e.event_id
  LEFT JOIN ar ON ar.upn = e.upn AND ar.urn = e.urn AND ar.ref = e.event_id
  WHERE e.type = 'suspension' AND e.start_date BETWEEN @Y0@ AND @Y1@
    AND wd.upn IS NULL
    AND (COALESCE(ri.d, ar.d) IS NULL OR COALESCE(ri.d, ar.d) > e.start_date)
),
ev AS (
  SELECT su.id, su.upn, su.sessions,
         CASE WHEN su.upn IN (SELECT upn FROM roll) THEN @C@ ELSE su.start_date END AS rd
  FROM susp su
),
esnap AS (
  SELECT ev.id, ev.upn, ev.sessions, s.ethnicity,
         row_number() OVER (PARTITION BY ev.id
           ORDER BY (s.as_of <= ev.rd) DESC, CASE WHEN s.as_of <= ev.rd THEN s.as_of END DESC,
                    CASE WHEN s.as_of <= ev.rd THEN s.id END DESC, s.as_of, s.id) AS rn
  FROM ev JOIN pupil_snapshots s ON s.upn = ev.upn
),
es AS (SELECT ethnicity, count(*) AS susp, count(DISTINCT upn) AS pupils,
              CAST(sum(sessions) AS BIGINT) AS hd
       FROM esnap WHERE rn = 1 GROUP BY ethnicity),
tot AS (SELECT 'Total' AS ethnicity, (SELECT sum(n) FROM hc) AS n, count(*) AS susp,
               count(DISTINCT upn) AS pupils, COALESCE(CAST(sum(sessions) AS BIGINT), 0) AS hd
        FROM esnap WHERE rn = 1),
g AS (
  SELECT COALESCE(hc.ethnicity, es.ethnicity) AS ethnicity, COALESCE(hc.n, 0) AS n,
         COALESCE(es.susp, 0) AS susp, COALESCE(es.pupils, 0) AS pupils, COALESCE(es.hd, 0) AS hd
  FROM hc FULL OUTER JOIN es ON es.ethnicity = hc.ethnicity
  UNION ALL
  SELECT ethnicity, n, susp, pupils, hd FROM tot
)
SELECT ethnicity, n, susp, pupils,
       CASE WHEN n = 0 THEN 'z'
            ELSE printf('%d.%02d', ((2 * susp * 10000 + n) @DIV@ (2 * n)) @DIV@ 100,
                        ((2 * susp * 10000 + n) @DIV@ (2 * n)) % 100) END AS rate,
       printf('%d.%d', hd @DIV@ 2, (hd % 2) * 5) AS days
FROM g;
SQL
cat >"$W/q2.tmpl" <<'SQL'
WITH
census(ay, day) AS (VALUES @CENSUS@),
@COUNTED@
susp AS (
  SELECT e.id, e.upn, e.urn, e.start_date, e.sessions, @AY(e.start_date)@ AS ay
  FROM events e
  LEFT JOIN wd ON wd.upn = e.upn AND wd.urn = e.urn AND wd.ref = e.event_id
  LEFT JOIN ri ON ri.upn = e.upn AND ri.urn = e.urn AND ri.ref = e.event_id
  LEFT JOIN ar ON ar.upn = e.upn AND ar.urn = e.urn AND ar.ref = e.event_id
  WHERE e.type = 'suspension'
    AND wd.upn IS NULL
    AND (COALESCE(ri.d, ar.d) IS NULL OR COALESCE(ri.d, ar.d) > e.start_date)
),
ev AS (
  SELECT su.id, su.upn, su.urn, su.sessions, su.ay,
         CASE WHEN EXISTS (SELECT 1 FROM enrolments en
                           WHERE en.upn = su.upn AND en.reg_type = 'main'
                             AND en.start_date <= c.day
                             AND (en.end_date IS NULL OR en.end_date >= c.day))
              THEN c.day ELSE su.start_date END AS rd
  FROM susp su JOIN census c ON c.ay = su.ay
),
esnap AS (
  SELECT ev.id, ev.upn, ev.urn, ev.sessions, ev.ay, s.sen, s.fsm,
         row_number() OVER (PARTITION BY ev.id
           ORDER BY (s.as_of <= ev.rd) DESC, CASE WHEN s.as_of <= ev.rd THEN s.as_of END DESC,
                    CASE WHEN s.as_of <= ev.rd THEN s.id END DESC, s.as_of, s.id) AS rn
  FROM ev JOIN pupil_snapshots s ON s.upn = ev.upn
)
SELECT sc.la_code, x.sen, x.fsm, x.ay, count(*) AS susp, count(DISTINCT x.upn) AS pupils,
       printf('%d.%d', CAST(sum(x.sessions) AS BIGINT) @DIV@ 2,
              CAST(sum(x.sessions) % 2 AS BIGINT) * 5) AS days
FROM esnap x JOIN schools sc ON sc.urn = x.urn
WHERE x.rn = 1
GROUP BY sc.la_code, x.sen, x.fsm, x.ay;
SQL
# Whether an exclusion counts (excl.c): not withdrawn; not reinstated on or before its start, by
# the first `reinstated` event, else by the latest board/review action of the first of the
# three rules whose latest action reinstated it.
cat >"$W/counted.sql" <<'SQL'
wd AS (SELECT DISTINCT upn, urn, ref FROM events WHERE type = 'withdrawn'),
ri AS (SELECT upn, urn, ref, min(start_date) AS d FROM events WHERE type = 'reinstated'
       GROUP BY upn, urn, ref),
ac AS (SELECT upn, urn, ref, rule, start_date, outcome,
              row_number() OVER (PARTITION BY upn, urn, ref, rule
                                 ORDER BY start_date DESC, id DESC) AS rn
       FROM events
       WHERE type = 'action' AND rule IN ('STAT-GB-15DAY', 'STAT-GB-50DAY', 'STAT-IRP-RECONSIDER')),
ar AS (SELECT upn, urn, ref, d FROM (
         SELECT upn, urn, ref, start_date AS d,
                row_number() OVER (PARTITION BY upn, urn, ref ORDER BY
                  CASE rule WHEN 'STAT-GB-15DAY' THEN 1 WHEN 'STAT-GB-50DAY' THEN 2 ELSE 3 END) AS k
         FROM ac WHERE rn = 1 AND outcome = 'reinstated') t WHERE k = 1),
SQL
values=""
ay=$AY0
while [ "$ay" -le "$AY1" ]; do
    values="$values${values:+, }($ay, '$(census "$ay")')"
    ay=$((ay + 1))
done
# fill DIALECT TEMPLATE: sqlite (dates are text) or duckdb (DATE, // for integer division)
fill() {
    if [ "$1" = sqlite ]; then
        date="'\\1'"
        div=/
        ayx="(CAST(substr(\\1, 1, 4) AS INTEGER) - (substr(\\1, 6, 2) < '08'))"
    else
        date="DATE '\\1'"
        div=//
        ayx="(year(\\1) - CASE WHEN month(\\1) < 8 THEN 1 ELSE 0 END)"
    fi
    sed -e "/@COUNTED@/{
r $W/counted.sql
d
}" "$2" | sed -e "s/@C@/'$C'/g; s/@Y0@/'$AY1-08-01'/; s/@Y1@/'$((AY1 + 1))-07-31'/" \
        -e "s/@CENSUS@/$values/" -e "s#@DIV@#$div#g" -e "s/@AY(\\([^)]*\\))@/$ayx/g" |
        sed -e "s/'\\([0-9]\\{4\\}-[0-9][0-9]-[0-9][0-9]\\)'/$date/g"
}
for q in q1 q2; do
    fill sqlite "$W/$q.tmpl" >"$W/$q.sqlite.sql"
    fill duckdb "$W/$q.tmpl" >"$W/$q.duckdb.sql"
done

# ---- onroll ----
echo "onroll: loading the model, then Q1 ($AY1/$(((AY1 + 1) % 100)), census day $C) and" \
    "Q2 ($AY0 to $AY1), best of $RUNS ..."
# then kept current: one more suspension of a pupil on roll on census day, at their school
pupil=$(sqlite3 "$DB" "SELECT upn || ' ' || urn FROM enrolments WHERE reg_type = 'main'
                       AND start_date <= '$C' AND (end_date IS NULL OR end_date >= '$C') LIMIT 1")
# shellcheck disable=SC2086
res=$("$W/national_q" "$DB" "$AY1" "$W/out" "$RUNS" "$THREADS" $pupil)
echo "  $res"
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
o_load=$(field load_ms "$res")
o_q1=$(field q1_ms "$res")
o_q2=$(field q2_ms "$res")
o_refresh=$(field refresh_ms "$res")
o_start=$(field start_ms "$res")
o_save=$(field save_ms "$res")
o_copy=$(field copy_mb "$res")
o_rss=$(field rss_mb "$res")
o_mb=$(field mb "$res")
o_pupils=$(field pupils "$res")

# ---- DuckDB ----
echo "exporting the rows the queries read as CSV ..."
t=$(now)
sqlite3 -csv -header "$DB" "SELECT urn, la_code, phase FROM schools" >"$W/csv/schools.csv"
sqlite3 -csv -header "$DB" "SELECT id, upn, as_of, ethnicity, fsm, sen FROM pupil_snapshots" \
    >"$W/csv/pupil_snapshots.csv"
sqlite3 -csv -header "$DB" "SELECT upn, urn, start_date, end_date, reg_type FROM enrolments" \
    >"$W/csv/enrolments.csv"
sqlite3 -csv -header "$DB" "SELECT id, event_id, upn, urn, type, start_date, sessions, ref, rule,
                                   outcome FROM events" >"$W/csv/events.csv"
echo "  $(ms_since "$t") ms, $(du -sm "$W/csv" | cut -f1) MB"
echo "DuckDB: loading the CSV, then Q1 and Q2, best of $RUNS ..."
res=$(node "$DUCKDB_DIR/national_duckdb.mjs" "$W/csv" "$W/q1.duckdb.sql" "$W/q2.duckdb.sql" "$W/out" \
    "$RUNS" "$THREADS")
echo "  $res"
d_load=$(field load_ms "$res")
d_q1=$(field q1_ms "$res")
d_q2=$(field q2_ms "$res")

# ---- sqlite3 ----
# Statistics first (sqlite_stat1): without them SQLite's planner takes the events' type index
# for the look-ups of a suspension's withdrawals and scans every withdrawal per suspension
# (Q2 then takes over ten minutes instead of seconds).
t=$(now)
sqlite3 "$DB" "ANALYZE"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1): ANALYZE ($(ms_since "$t") ms, not counted)," \
    "then Q1 and Q2 on the onroll database, best of $SQLITE_RUNS ..."
sq() { # query: the best time in ms
    b=""
    i=0
    while [ $i -lt "$SQLITE_RUNS" ]; do
        t=$(now)
        sqlite3 -csv "$DB" <"$W/$1.sqlite.sql" >"$W/out/$1.sqlite.csv"
        ms=$(ms_since "$t")
        if [ -z "$b" ] || [ "$ms" -lt "$b" ]; then b=$ms; fi
        i=$((i + 1))
    done
    echo "$b"
}
s_q1=$(sq q1)
s_q2=$(sq q2)
echo "  q1_ms=$s_q1 q2_ms=$s_q2"

# ---- the same numbers? ----
for q in q1 q2; do
    for e in onroll duckdb sqlite; do
        LC_ALL=C sort "$W/out/$q.$e.csv" >"$W/out/$q.$e.sorted"
    done
    for e in duckdb sqlite; do
        if ! cmp -s "$W/out/$q.onroll.sorted" "$W/out/$q.$e.sorted"; then
            echo "national.sh: $q: onroll and $e differ:" >&2
            diff "$W/out/$q.onroll.sorted" "$W/out/$q.$e.sorted" | head -n 20 >&2
            KEEP=1
            exit 1
        fi
    done
done
echo "answers identical: Q1 $(wc -l <"$W/out/q1.onroll.sorted") rows, Q2" \
    "$(wc -l <"$W/out/q2.onroll.sorted") rows"
echo
echo "Q1 (answer, $AY1/$(((AY1 + 1) % 100))):"
printf '  %-10s %9s %11s %15s %8s %10s\n' ethnicity pupils suspensions "pupils suspended" rate \
    "days lost"
LC_ALL=C sort -t, -k2,2nr "$W/out/q1.onroll.csv" | tr ',' ' ' |
    awk '{ printf "  %-10s %9d %11d %15d %8s %10s\n", $1, $2, $3, $4, $5, $6 }'
echo
awk -v ol="$o_load" -v dl="$d_load" -v o1="$o_q1" -v o2="$o_q2" -v d1="$d_q1" -v d2="$d_q2" \
    -v s1="$s_q1" -v s2="$s_q2" -v th="$THREADS" -v os="$o_start" 'BEGIN {
    printf "%-28s %12s %12s %12s %12s %12s\n", "(ms)", "onroll", "DuckDB", "sqlite3",
           "DuckDB/onroll", "sqlite3/onroll"
    printf "%-28s %12.0f %12.0f %12s %12.2fx\n", "load (store / CSV)", ol, dl, "-", dl / ol
    printf "%-28s %12.0f %12.0f %12s %12.2fx\n", "start (saved copy / CSV)", os, dl, "-", dl / os
    printf "%-28s %12.2f %12.2f %12.0f %12.0fx %13.0fx\n", "Q1 by ethnicity, one year", o1, d1,
           s1, d1 / o1, s1 / o1
    printf "%-28s %12.2f %12.2f %12.0f %12.0fx %13.0fx\n", "Q2 LA x SEN x FSM x year", o2, d2,
           s2, d2 / o2, s2 / o2
    printf "(onroll and DuckDB: %d threads, warm, in-process; sqlite3: whole process)\n", th
}'
echo "kept current: one suspension added to the loaded model, then refreshed: $o_refresh ms"
echo "memory: the model's arrays $o_mb MB, the process $o_rss MB resident after the load, for" \
    "$o_pupils pupils: $(awk -v r="$o_rss" -v m="$o_mb" -v p="$o_pupils" \
        'BEGIN { printf "%.0f bytes a pupil (arrays %.0f)", r * 1048576 / p, m * 1e6 / p }')"
echo "saved copy (the server's fast start): $o_copy MB, written in $o_save ms"
echo "total $(($(ms_since "$T0") / 1000)) s"
