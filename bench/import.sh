#!/bin/sh
# import.sh - import speed: `onroll import` against `sqlite3 .import` of the same rows (and,
# when PostgreSQL is installed, onroll on PostgreSQL against psql's \copy), in one run.
#
# The rows come from the demo LA (exported to CSV). onroll validates every cell, checks every
# reference, dedupes and records provenance; sqlite3 .import only stores text. Each figure is
# the best of RUNS runs on a database that already holds what the file refers to.
# Env: PUPILS (demo size, default 10000), RUNS (default 3), BUILD.
set -eu
BUILD=${BUILD:-build}
ONROLL=$(pwd)/$BUILD/onroll
PUPILS=${PUPILS:-10000}
RUNS=${RUNS:-3}
W=$(mktemp -d)
trap 'rm -rf "$W"; [ -n "${PGSTOP:-}" ] && sh tests/pg/cluster.sh stop "$PGDIR" >/dev/null 2>&1 || true' EXIT

now() { date +%s%N; }
# best NAME CMD: run CMD (a shell string) RUNS times after $PREP, print the best time in ms
best() {
    b=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        eval "$PREP"
        t0=$(now)
        eval "$1" >/dev/null 2>"$W/err" || { cat "$W/err" >&2; exit 1; }
        t1=$(now)
        ms=$(( (t1 - t0) / 1000000 ))
        if [ -z "$b" ] || [ "$ms" -lt "$b" ]; then b=$ms; fi
        i=$((i + 1))
    done
    echo "$b"
}

echo "generating the demo LA with $PUPILS pupils ..."
"$ONROLL" --db "$W/src.db" demo --pupils "$PUPILS" --schools 40 --as-of 2026-07-20 >/dev/null
for k in schools calendar pupils enrolments events attendance; do
    "$ONROLL" --db "$W/src.db" export "$k" --out "$W/$k.csv" 2>/dev/null
done
# the base each measured file needs: schools and pupils
"$ONROLL" --db "$W/base.db" import "$W/schools.csv" "$W/calendar.csv" >/dev/null
"$ONROLL" --db "$W/base-p.db" import "$W/schools.csv" "$W/calendar.csv" "$W/pupils.csv" >/dev/null

printf '%-12s %10s %14s %14s %8s\n' kind rows "onroll rows/s" "sqlite3 rows/s" ratio
for k in pupils enrolments events attendance; do
    rows=$(($(wc -l <"$W/$k.csv") - 1))
    base=$W/base-p.db
    [ "$k" = pupils ] && base=$W/base.db
    PREP="rm -f '$W/t.db' '$W/t.db-wal' '$W/t.db-shm'; cp '$base' '$W/t.db'"
    o=$(best "'$ONROLL' --db '$W/t.db' import '$W/$k.csv'")
    PREP="rm -f '$W/s.db'"
    s=$(best "sqlite3 '$W/s.db' '.mode csv' '.import $W/$k.csv t'")
    awk -v k="$k" -v n="$rows" -v o="$o" -v s="$s" 'BEGIN {
        ro = n / (o > 0 ? o : 1) * 1000; rs = n / (s > 0 ? s : 1) * 1000;
        printf "%-12s %10d %14.0f %14.0f %8.2f\n", k, n, ro, rs, ro / rs }'
done

if [ -x /usr/lib/postgresql/15/bin/initdb ] && [ -f tests/pg/cluster.sh ]; then
    PGDIR=$W/pg
    URL=$(sh tests/pg/cluster.sh start "$PGDIR")
    PGSTOP=1
    echo
    echo "PostgreSQL ($URL)"
    printf '%-12s %10s %14s %14s %8s\n' kind rows "onroll rows/s" "COPY rows/s" ratio
    for k in pupils events; do
        rows=$(($(wc -l <"$W/$k.csv") - 1))
        PREP="psql -q '$URL' -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' >/dev/null 2>&1;
              '$ONROLL' --db '$URL' import '$W/schools.csv' '$W/calendar.csv' >/dev/null;
              [ $k = pupils ] || '$ONROLL' --db '$URL' import '$W/pupils.csv' >/dev/null"
        o=$(best "'$ONROLL' --db '$URL' import '$W/$k.csv'")
        cols=$(head -1 "$W/$k.csv" | sed 's/,/ text, /g; s/$/ text/; s/\bend\b/"end"/; s/\bto\b/"to"/; s/\bfrom\b/"from"/')
        PREP="psql -q '$URL' -c 'DROP TABLE IF EXISTS t; CREATE TABLE t ($cols)' >/dev/null"
        s=$(best "psql -q '$URL' -c \"\\\\copy t FROM '$W/$k.csv' WITH (FORMAT csv, HEADER true)\"")
        awk -v k="$k" -v n="$rows" -v o="$o" -v s="$s" 'BEGIN {
            ro = n / (o > 0 ? o : 1) * 1000; rs = n / (s > 0 ? s : 1) * 1000;
            printf "%-12s %10d %14.0f %14.0f %8.2f\n", k, n, ro, rs, ro / rs }'
    done
fi
