#!/bin/sh
# import.sh - import speed: `onroll import` against `sqlite3 .import` of the same rows and, when
# PostgreSQL is installed, `onroll import` on PostgreSQL against psql's \copy (COPY FROM STDIN
# into a table of text columns), in one run.
#
# The rows come from the demo LA (`onroll demo`, exported to CSV), or from a simpler generator
# below (same kinds, valid rows, more events per pupil, events with refs). onroll validates
# every cell, checks every reference, dedupes, records provenance and maintains the indexes;
# sqlite3 .import and \copy only store text. Each figure is the best of RUNS runs on a
# database that already holds what the file refers to; "again" is importing the same file a
# second time (every row compared, nothing written).
# Env: PUPILS (demo size, default 10000), RUNS (default 3), BUILD, ONROLL (the binary), GEN=awk
# (the simpler rows even when the demo is there), PG=0 (skip PostgreSQL), TCP=1 (PostgreSQL over
# TCP to 127.0.0.1 rather than its unix socket), KINDS (default "pupils enrolments events
# attendance"). bench/import_floor.sh DIR (with KEEP=1's files) prints SQLite's own floor.
set -eu
BUILD=${BUILD:-build}
ONROLL=${ONROLL:-$(pwd)/$BUILD/onroll}
PUPILS=${PUPILS:-10000}
RUNS=${RUNS:-3}
W=$(mktemp -d)
PGSTOP=
trap 'if [ -n "$PGSTOP" ]; then sh tests/pg/cluster.sh stop "$PGDIR" >/dev/null 2>&1; fi
      if [ "${KEEP:-0}" = 1 ]; then echo "kept $W"; else rm -rf "$W"; fi' EXIT

now() { date +%s%N; }
# best CMD: run CMD (a shell string) RUNS times, each after $PREP; print the best time in ms
best() {
    b=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        eval "$PREP"
        t0=$(now)
        eval "$1" >/dev/null 2>"$W/err" || {
            cat "$W/err" >&2
            exit 1
        }
        t1=$(now)
        ms=$(((t1 - t0) / 1000000))
        if [ -z "$b" ] || [ "$ms" -lt "$b" ]; then b=$ms; fi
        i=$((i + 1))
    done
    echo "$b"
}
# line KIND ROWS MS_ONROLL MS_AGAIN MS_OTHER [MS_INDEXED]: one row of a table
line() {
    awk -v k="$1" -v n="$2" -v o="$3" -v a="$4" -v s="$5" -v x="${6:-}" 'BEGIN {
        ro = n / (o > 0 ? o : 1) * 1000; ra = n / (a > 0 ? a : 1) * 1000;
        rs = n / (s > 0 ? s : 1) * 1000;
        printf "%-11s %9d %14.0f %13.0f %14.0f %7.2f", k, n, ro, ra, rs, ro / rs
        if (x != "") { rx = n / (x > 0 ? x : 1) * 1000; printf " %14.0f %7.2f", rx, ro / rx }
        printf "\n" }'
}

# The second yardstick: sqlite3 .import into a table that has the indexes onroll keeps on the
# kind's rows, on the file's own columns (onroll's la_code, digest and src_id have no column
# here, so its source index is left out): SQLite's own cost of the same rows into the same
# shape of table, without a single check. Prints the SQL that makes the table (none: not
# comparable, as attendance, which onroll keeps as a year per row).
indexed_table() { # KIND FILE
    cols=$(head -n 1 "$2" | tr -d '\r' | sed 's/^/"/; s/,/", "/g; s/$/"/')
    case $1 in
    pupils) idx="CREATE UNIQUE INDEX t_row ON t ($cols); CREATE INDEX t_upn ON t (upn, as_of);" ;;
    enrolments) idx="CREATE UNIQUE INDEX t_key ON t (upn, urn, start, type);
                     CREATE INDEX t_urn ON t (urn, start); CREATE INDEX t_upn ON t (upn);" ;;
    events) idx="CREATE UNIQUE INDEX t_key ON t (urn, event_id);
                 CREATE INDEX t_upn ON t (upn, start); CREATE INDEX t_type ON t (type, start);" ;;
    *) return 0 ;;
    esac
    echo "CREATE TABLE t ($(echo "$cols" | sed 's/"\([^"]*\)"/"\1" TEXT/g')); $idx"
}

# Rows without the demo generator: P pupils at S schools of LA 999 (UPNs with their check
# letter), an enrolment each, a suspension, an action naming it and a CME event for every third
# pupil, 40 sessions of marks each, a later snapshot for every tenth.
generate() { # dir
    awk -v P="$PUPILS" -v S=40 -v OUT="$1" '
    function upn(n,   s, sum, p) {
        s = sprintf("999%02d%07d", 20 + n % 6, n)
        sum = 0
        for (p = 2; p <= 13; p++) sum += p * substr(s, p - 1, 1)
        return substr("ABCDEFGHJKLMNPQRTUVWXYZ", sum % 23 + 1, 1) s
    }
    function sk(k) { # k moved on to a school day (k 0 is Monday 1 Sep 2025): past a weekend
        # and the half-term holiday (k 56-62); exclusions and movements start on school days
        if (k % 7 == 5) k += 2
        else if (k % 7 == 6) k += 1
        if (k >= 56 && k <= 62) k = 63
        return k
    }
    function day(k,   m, ml) { # 2025-09-01 + k days
        split("30 31 30 31 31 28 31 30 31 30 31 31", ml, " ")
        m = 1
        while (k >= ml[m]) { k -= ml[m]; m++ }
        return sprintf("%04d-%02d-%02d", m <= 4 ? 2025 : 2026, (m + 7) % 12 + 1, k + 1)
    }
    BEGIN {
        f = OUT "/schools.csv"; print "urn,laestab,name,phase,la_code,type" > f
        for (s = 0; s < S; s++)
            printf "%d,999%04d,School %d,%s,999,maintained\n", 100001 + s, 2000 + s, s, s % 4 ? "primary" : "secondary" > f
        f = OUT "/calendar.csv"; print "scope,start,end,kind,label" > f
        print "LA,2025-09-03,2025-12-19,term,Autumn 2025" > f
        print "LA,2025-10-27,2025-10-31,holiday,Autumn half-term" > f
        print "LA,2026-01-05,2026-03-27,term,Spring 2026" > f
        fp = OUT "/pupils.csv"; fe = OUT "/enrolments.csv"; fv = OUT "/events.csv"; fa = OUT "/attendance.csv"
        print "upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,cla,cin,sen_need,year_group" > fp
        print "upn,urn,start,end,type,year_group" > fe
        print "event_id,upn,urn,type,start,sessions,reasons,ref,rule,delivery" > fv
        print "upn,urn,date,session,code" > fa
        nc = split("/ \\ / \\ / \\ I L / \\ O M", C, " ")
        for (i = 1; i <= P; i++) {
            u = upn(i); urn = 100001 + i % S; yg = 4 + i % 8
            dob = sprintf("%d-0%d-1%d", 2020 - yg, 1 + i % 9, i % 9)
            printf "%s,Pupil%d,Surname%d,%s,%s,WBRI,%d,N,2025-09-01,0,0,,%d\n", u, i, i, dob, i % 2 ? "M" : "F", i % 3 == 0, yg > fp
            if (i % 10 == 0)
                printf "%s,Pupil%d,Surname%d,%s,%s,WBRI,%d,N,2026-01-05,0,0,,%d\n", u, i, i, dob, i % 2 ? "M" : "F", i % 3 != 0, yg > fp
            printf "%s,%d,2021-09-01,,main,%d\n", u, urn, yg > fe
            if (i % 3 == 0) {
                printf "EX%d,%s,%d,suspension,%s,2,DB,,,\n", i, u, urn, day(sk(10 + i % 60)) > fv
                printf "A%d,%s,%d,action,%s,,,EX%d,STAT-NOTIFY-PARENT,hand\n", i, u, urn, day(sk(10 + i % 60)), i > fv
                printf "C%d,%s,%d,cme,%s,,,,,\n", i, u, urn, day(sk(20 + i % 60)) > fv
            }
            for (d = 0; d < 56; d++) {
                if (d % 7 >= 5) continue
                printf "%s,%d,%s,AM,%s\n", u, urn, day(d), C[1 + (i + d) % nc] > fa
                printf "%s,%d,%s,PM,%s\n", u, urn, day(d), C[1 + (i + d + 1) % nc] > fa
            }
        }
    }'
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
if [ "${GEN:-demo}" = demo ] && "$ONROLL" demo --help >/dev/null 2>&1; then
    echo "generating the demo LA with $PUPILS pupils ..."
    "$ONROLL" --db "$W/src.db" demo --pupils "$PUPILS" --schools 40 --as-of 2026-07-20 >/dev/null
    for k in schools calendar pupils enrolments events attendance; do
        "$ONROLL" --db "$W/src.db" export "$k" --out "$W/$k.csv" 2>/dev/null
    done
else
    echo "generating rows for $PUPILS pupils with awk (GEN=awk, or no onroll demo) ..."
    generate "$W"
fi
# the base each measured file needs: a database made as `onroll init` makes it (with the
# interventions directory the demo's `intervention` events name), schools and pupils
"$ONROLL" --db "$W/base.db" init >/dev/null
"$ONROLL" --db "$W/base.db" import "$W/schools.csv" "$W/calendar.csv" >/dev/null
cp "$W/base.db" "$W/base-p.db"
cp "$W/base.db-log" "$W/base-p.db-log"
"$ONROLL" --db "$W/base-p.db" import "$W/pupils.csv" >/dev/null

echo
echo "SQLite ($(sqlite3 --version | cut -d' ' -f1))"
printf '%-11s %9s %14s %13s %14s %7s %14s %7s\n' kind rows "onroll rows/s" "again rows/s" \
    "sqlite3 rows/s" ratio "indexed rows/s" ratio
for k in ${KINDS:-pupils enrolments events attendance}; do
    rows=$(($(wc -l <"$W/$k.csv") - 1))
    base=$W/base-p.db
    [ "$k" = pupils ] && base=$W/base.db
    PREP="rm -f '$W'/t.db*; cp '$base' '$W/t.db'; cp '$base-log' '$W/t.db-log'"
    o=$(best "'$ONROLL' --db '$W/t.db' import '$W/$k.csv'")
    PREP="$PREP; '$ONROLL' --db '$W/t.db' import '$W/$k.csv' >/dev/null"
    a=$(best "'$ONROLL' --db '$W/t.db' import '$W/$k.csv'")
    PREP="rm -f '$W/s.db'"
    s=$(best "sqlite3 '$W/s.db' '.mode csv' '.import $W/$k.csv t'")
    x=""
    ddl=$(indexed_table "$k" "$W/$k.csv")
    if [ -n "$ddl" ]; then
        PREP="rm -f '$W/x.db'; sqlite3 '$W/x.db' '$ddl'"
        x=$(best "sqlite3 '$W/x.db' '.import --csv --skip 1 $W/$k.csv t'")
    fi
    line "$k" "$rows" "$o" "$a" "$s" "$x"
done

if [ "${PG:-1}" != 0 ] && sh tests/pg/cluster.sh check >/dev/null 2>&1; then
    URL=$(sh tests/pg/cluster.sh start)
    PGDIR=$(echo "$URL" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p')
    PGSTOP=1
    via="unix socket"
    if [ "${TCP:-0}" = 1 ]; then
        URL="postgres://onroll@127.0.0.1:$(sh tests/pg/cluster.sh port "$URL")/onroll"
        via="TCP to 127.0.0.1"
    fi
    echo
    echo "PostgreSQL $(psql -X --version | awk '{ print $3 }') ($via; cluster.sh: ICU en-US collation, fsync off)"
    printf '%-11s %9s %14s %13s %14s %7s\n' kind rows "onroll rows/s" "again rows/s" "\\copy rows/s" ratio
    for k in ${KINDS:-pupils enrolments events attendance}; do
        rows=$(($(wc -l <"$W/$k.csv") - 1))
        base="'$W/schools.csv' '$W/calendar.csv'"
        [ "$k" = pupils ] || base="$base '$W/pupils.csv'"
        PREP="psql -X -q '$URL' -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' >/dev/null 2>&1;
              '$ONROLL' --db '$URL' import $base >/dev/null"
        o=$(best "'$ONROLL' --db '$URL' import '$W/$k.csv'")
        PREP="$PREP; '$ONROLL' --db '$URL' import '$W/$k.csv' >/dev/null"
        a=$(best "'$ONROLL' --db '$URL' import '$W/$k.csv'")
        cols=$(head -n 1 "$W/$k.csv" | tr -d '\r' | sed 's/^/"/; s/,/" text, "/g; s/$/" text/')
        PREP="psql -X -q '$URL' -c 'DROP TABLE IF EXISTS t; CREATE TABLE t ($cols)' >/dev/null 2>&1"
        s=$(best "psql -X -q '$URL' -c \"\\\\copy t FROM '$W/$k.csv' WITH (FORMAT csv, HEADER true)\"")
        line "$k" "$rows" "$o" "$a" "$s"
    done
fi
