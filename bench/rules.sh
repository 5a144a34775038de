#!/bin/sh
# rules.sh - how fast the rules engine is on the demo LA (3 years):
#  - a full recompute of every pupil's duties and risk flags (load from the store + compute),
#    beside sqlite3 merely reading the same rows (the floor any engine on this store pays);
#  - the incremental path: recording one event recomputes one pupil (`--pupil UPN`), measured
#    in-process by `onroll duties --pupil` and end to end (import one event, then recompute).
# Env: RUNS (default 5), BUILD, AS_OF (default 2026-11-24).
set -eu
BUILD=${BUILD:-build}
ONROLL=$(pwd)/$BUILD/onroll
RUNS=${RUNS:-5}
AS_OF=${AS_OF:-2026-11-24}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
DB=$W/demo.db

now() { date +%s%N; }
best() { # best of RUNS, in ms, of the shell command $1
    b=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        t0=$(now)
        eval "$1" >/dev/null
        t1=$(now)
        ms=$(( (t1 - t0) / 1000 ))
        if [ -z "$b" ] || [ "$ms" -lt "$b" ]; then b=$ms; fi
        i=$((i + 1))
    done
    echo "$b"
}
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }

echo "demo LA (seed 1, as of $AS_OF) ..."
"$ONROLL" --db "$DB" demo --as-of "$AS_OF" | sed 's/^/  /'
pupils=$(sqlite3 "$DB" "select count(distinct upn) from pupil_snapshots")
events=$(sqlite3 "$DB" "select count(*) from events")
echo "  $pupils pupils, $events events"
echo

d=$(best "'$ONROLL' --db '$DB' duties --as-of $AS_OF --format csv")
r=$(best "'$ONROLL' --db '$DB' risk --as-of $AS_OF --format csv")
q=$(best "sqlite3 '$DB' 'select * from pupil_snapshots; select * from enrolments; select * from caseload; select * from events; select * from attendance; select * from calendar; select * from schools'")
nd=$("$ONROLL" --db "$DB" duties --as-of "$AS_OF" --format csv | wc -l)
nr=$("$ONROLL" --db "$DB" risk --as-of "$AS_OF" --format csv | wc -l)
echo "full recompute (best of $RUNS, whole process):"
echo "  onroll duties : $(ms "$d")  ($((nd - 1)) duties)"
echo "  onroll risk   : $(ms "$r")  ($((nr - 1)) flags)"
echo "  sqlite3 reading the same tables: $(ms "$q")"
awk -v d="$d" -v q="$q" 'BEGIN { printf "  ratio duties / sqlite3 read: %.2f\n", d / q }'
echo

upn=$(sqlite3 "$DB" "select upn from events where type = 'suspension' group by upn order by count(*) desc limit 1")
urn=$(sqlite3 "$DB" "select urn from events where upn = '$upn' order by start_date desc limit 1")
one=$(best "'$ONROLL' --db '$DB' duties --pupil $upn --as-of $AS_OF --format csv")
noop=$(best "'$ONROLL' --db '$DB' config get cap.days")
cat >"$W/one.csv" <<CSV
event_id,upn,urn,type,start,sessions,reasons
BENCH-1,$upn,$urn,lunchtime,$AS_OF,1,DB
CSV
cp "$DB" "$W/inc.db"
cp "$DB-log" "$W/inc.db-log" # the log database (audit log, sessions) belongs with it
t0=$(now)
"$ONROLL" --db "$W/inc.db" import "$W/one.csv" >/dev/null
"$ONROLL" --db "$W/inc.db" duties --pupil "$upn" --as-of "$AS_OF" --format csv >/dev/null
t1=$(now)
echo "incremental (pupil $upn, the most suspended):"
echo "  onroll duties --pupil: $(ms "$one") (a process that only opens the store: $(ms "$noop"))"
echo "  import one event + recompute that pupil: $(ms $(( (t1 - t0) / 1000 )))"
