#!/bin/sh
# import_floor.sh DIR - the floor under `onroll import` on SQLite: SQLite's own cost of storing a
# file's rows in onroll's tables, with the indexes onroll keeps, and not one check; against
# `sqlite3 .import` of the same file into a bare table (bench/import.sh's yardstick).
#
# DIR holds pupils.csv, enrolments.csv and events.csv (`KEEP=1 sh bench/import.sh` keeps its
# files and prints where). For each kind, in the sqlite3 shell, timed by its own .timer (user +
# sys CPU seconds, and wall): `.import` into a bare table; then the rows, already in a staging
# table, copied by one INSERT ... SELECT into the kind's table of a database `onroll init` made
# (every index as the migrations make them), (a) with the indexes in place, (b) with the
# look-up indexes dropped and made again after (what src/store/store_load.c does for a large
# batch). The copy is one statement: no parsing, no binding, no per-row statement; an importer
# that parses and checks every row can only be slower. Best of RUNS (default 3).
# Env: ONROLL (the binary), RUNS.
set -eu
D=${1:?usage: import_floor.sh DIR}
ONROLL=${ONROLL:-$(pwd)/build/onroll}
RUNS=${RUNS:-3}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
"$ONROLL" --db "$W/init.db" init >/dev/null

# the CSV's header as onroll's SQL columns, and the SELECT list that fills them
cols() { # KIND FILE -> "sqlcol=csvcol ..." pairs, one a line
    head -n 1 "$2" | tr -d '\r' | tr ',' '\n' | while read -r c; do
        s=$c
        case $1:$c in
        *:start) s=start_date ;; *:end) s=end_date ;; enrolments:type) s=reg_type ;;
        events:to) s=notified_to ;;
        esac
        echo "$s $c"
    done
}
insert_sql() { # KIND FILE TABLE
    into="" sel=""
    case $1 in
    enrolments | events) into="la_code, " sel="999, " ;;
    esac
    for pair in $(cols "$1" "$2" | tr ' ' '='); do
        into="$into${pair%%=*}, "
        sel="${sel}nullif(\"${pair#*=}\", ''), "
    done
    [ "$1" = pupils ] && into="${into}digest, " sel="${sel}hex(randomblob(32)), "
    echo "INSERT INTO $3 (${into}src_id, src_line) SELECT ${sel}1, rowid FROM stage;"
}
# cpu ARG...: sqlite3 on a copy of the new database; the best user+sys seconds (and that run's wall) of the last statement, over RUNS
cpu() {
    best=""
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        rm -f "$W/t.db"*
        cp "$W/init.db" "$W/t.db"
        line=$(printf '%s\n' "$@" | sqlite3 "$W/t.db" | grep '^Run Time' | tail -n 1)
        c=$(echo "$line" | awk '{ printf "%.3f", $6 + $8 }')
        w=$(echo "$line" | awk '{ print $4 }')
        if [ -z "$best" ] || awk -v a="$c" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$c
            bw=$w
        fi
        i=$((i + 1))
    done
    echo "$best $bw"
}
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "SQLite $(sqlite3 --version | cut -d' ' -f1); CPU seconds (user + sys), best of $RUNS, wall in brackets"
printf '%-11s %8s %16s %20s %24s %8s %8s\n' kind rows ".import (bare)" "copy, indexes kept" "copy, indexes rebuilt" "ratio a" "ratio b"
for k in pupils enrolments events; do
    f=$D/$k.csv
    [ -f "$f" ] || continue
    rows=$(($(wc -l <"$f") - 1))
    table=$k
    [ "$k" = pupils ] && table=pupil_snapshots
    ins=$(insert_sql "$k" "$f" "$table")
    drop="" make=""
    for ix in $(sqlite3 "$W/init.db" "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '$table' AND sql IS NOT NULL AND name <> 'pupil_snapshots_upn'"); do
        drop="${drop}DROP INDEX $ix; "
        make="$make$(sqlite3 "$W/init.db" "SELECT sql FROM sqlite_master WHERE name = '$ix'"); "
    done
    bare="" # the shell's .timer does not time dot-commands: the whole process, as import.sh
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        rm -f "$W/s.db"
        set -- $( { /usr/bin/time -f '%U %S %e' sqlite3 "$W/s.db" ".mode csv" ".import '$f' t"; } 2>&1)
        c=$(echo "$1 $2" | awk '{ printf "%.3f", $1 + $2 }')
        if [ -z "$bare" ] || awk -v a="$c" -v b="$bare" 'BEGIN { exit !(a < b) }'; then
            bare=$c
            bw=$3
        fi
        i=$((i + 1))
    done
    set -- $(cpu ".mode csv" ".import '$f' stage" "PRAGMA cache_size=-65536;" "BEGIN;" ".timer on" "$ins" ".timer off" "COMMIT;")
    kept=$1 kw=$2
    # (b): the drop, the copy and the rebuild, timed as one (a single compound statement)
    set -- $(cpu ".mode csv" ".import '$f' stage" "PRAGMA cache_size=-65536;" "BEGIN;" ".timer on" "$drop $ins $make" ".timer off" "COMMIT;")
    reb=$1 rw=$2
    printf '%-11s %8d %9s (%4s) %13s (%4s) %17s (%4s) %8.2f %8.2f\n' "$k" "$rows" "$bare" "$bw" \
        "$kept" "$kw" "$reb" "$rw" "$(echo "$bare $kept" | awk '{ print $1 / $2 }')" \
        "$(echo "$bare $reb" | awk '{ print $1 / $2 }')"
done
