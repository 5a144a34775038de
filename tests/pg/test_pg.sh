#!/bin/sh
# test_pg.sh - end-to-end test of the PostgreSQL store, run by tests/run.sh (`make test`).
#
# On a throwaway cluster (cluster.sh; ICU en-US collation, so that any ORDER BY that does not
# sort bytewise shows up): `onroll init` twice; the same CSV files imported into SQLite and
# PostgreSQL give byte-identical `onroll export` of every kind; files of several batches whose
# rows depend on each other print and store the same on both (PostgreSQL writes them in bulk,
# SQLite row by row); the server killed in the middle of a large import leaves nothing of that
# file and the import fails naming the database; connection errors (refused, no such database,
# wrong password) fail cleanly.
# Prints one line per check and ends with "N passed, N failed"; skips (0 passed, 0 failed) when
# PostgreSQL is not installed. Env: BUILD (build directory, default build).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in
/*) ONROLL=$BUILD/onroll ;;
*) ONROLL=$root/$BUILD/onroll ;;
esac
CLUSTER="sh $here/cluster.sh"
passed=0
failed=0

ok() {
    passed=$((passed + 1))
    echo "ok   $1"
}
bad() { # name, why
    failed=$((failed + 1))
    echo "FAIL $1: $2"
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

if ! why=$($CLUSTER check); then
    echo "skipped: $why"
    echo "0 passed, 0 failed"
    exit 0
fi
if [ ! -x "$ONROLL" ]; then
    bad "build" "$ONROLL is missing (make first)"
    finish
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/onroll-pgtest.XXXXXX")
url=
importer=
cleanup() {
    [ -n "$importer" ] && kill "$importer" 2>/dev/null
    [ -n "$url" ] && $CLUSTER stop "$url"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

if ! url=$($CLUSTER start 2>"$work/cluster.err"); then
    url=
    bad "start a PostgreSQL cluster" "$(cat "$work/cluster.err")"
    finish
fi
dir=$(echo "$url" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p')
port=$($CLUSTER port "$url")
psql_q() { # database, SQL: one value
    $CLUSTER psql "$url" -d "$1" -At -c "$2"
}
db_url() { # the cluster's URL for another database
    echo "$url" | sed "s|/onroll?|/$1?|"
}
onroll() { # url, args...: runs onroll, stdout in $work/out, stderr in $work/err, status in $rc
    db=$1
    shift
    "$ONROLL" --db "$db" "$@" >"$work/out" 2>"$work/err"
    rc=$?
}

# ---- (a) init, twice ----
onroll "$url" init
if [ "$rc" -eq 0 ]; then ok "init on PostgreSQL"; else bad "init on PostgreSQL" "exit $rc: $(cat "$work/err")"; fi
tables1=$(psql_q onroll "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
versions1=$(psql_q onroll "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations")
onroll "$url" init
tables2=$(psql_q onroll "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
versions2=$(psql_q onroll "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations")
nmig=$(ls "$root"/src/store/migrations/*.sql 2>/dev/null | wc -l)
if [ "$rc" -eq 0 ] && [ "$tables1" = "$tables2" ] && [ "$versions1" = "$versions2" ] &&
    [ "$(echo "$versions2" | tr ',' '\n' | grep -c .)" -eq "$nmig" ]; then
    ok "init again changes nothing ($tables2 tables, migrations $versions2)"
else
    bad "init again changes nothing" "exit $rc, tables $tables1/$tables2, migrations $versions1/$versions2 of $nmig: $(cat "$work/err")"
fi

# ---- (b) the same files into SQLite and PostgreSQL give the same exports ----
data=$root/tests/e2e/data
if [ ! -f "$data/schools.csv" ]; then
    data=$work/data
    mkdir -p "$data"
    cat >"$data/schools.csv" <<'EOF'
urn,laestab,name,phase,la_code,type
100001,9992001,Riverside Primary School,primary,999,maintained
100002,9994001,"Hillside Academy, Upper School",secondary,999,academy
EOF
    cat >"$data/calendar.csv" <<'EOF'
scope,start,end,kind,label
LA,2025-09-03,2025-12-19,term,Autumn 2025
LA,2025-10-27,2025-10-31,holiday,Autumn half-term
EOF
    cat >"$data/pupils.csv" <<'EOF'
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,cla,cin,sen_need,year_group
W999250000001,Amara,Okafor,2016-03-14,F,BAFR,1,N,2025-09-01,0,0,,4
K999250000002,Jayden,Campbell,2011-11-02,M,BCRB,1,K,2025-09-01,0,1,SEMH,9
EOF
    cat >"$data/enrolments.csv" <<'EOF'
upn,urn,start,end,type,year_group
W999250000001,100001,2021-09-01,,main,4
K999250000002,100002,2023-09-04,,main,9
EOF
    cat >"$data/caseload.csv" <<'EOF'
upn,worker,role,start,end
K999250000002,sam.social@children.example.gov.uk,social_worker,2024-05-01,
EOF
    cat >"$data/events.csv" <<'EOF'
event_id,upn,urn,type,start,sessions,reasons,ref,rule,delivery
EX1,K999250000002,100002,suspension,2025-10-06,4,DB;VA,,,
A1,K999250000002,100002,action,2025-10-06,,,EX1,STAT-NOTIFY-PARENT,hand
EOF
fi
# dependencies first, then whatever else is there
files=
for k in schools calendar pupils enrolments caseload events attendance attendance_totals; do
    [ -f "$data/$k.csv" ] && files="$files $data/$k.csv"
done
for f in "$data"/*.csv; do
    case " $files " in *" $f "*) ;; *) files="$files $f" ;; esac
done
# Sorting traps (case, punctuation, accents; bytewise is the contract) and UTF-8 text. The
# events are PSPs, not exits: an exit ends the pupil's enrolment (movements.h), which
# enrolments.csv, imported again below, would open again.
cat >"$work/order_pupils.csv" <<'EOF'
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of
W999250000001,Zoë-Ånne,O'Brien 😀,2016-03-14,F,BAFR,1,N,2025-10-01
EOF
cat >"$work/order_events.csv" <<'EOF'
event_id,upn,urn,type,start
b-1,W999250000001,100001,psp,2025-10-01
B_2,W999250000001,100001,psp,2025-10-01
a 3,W999250000001,100001,psp,2025-10-01
A10,W999250000001,100001,psp,2025-10-01
a2,W999250000001,100001,psp,2025-10-01
édith,W999250000001,100001,psp,2025-10-01
_z,W999250000001,100001,psp,2025-10-01
Z9,W999250000001,100001,psp,2025-10-01
EOF
files="$files $work/order_pupils.csv $work/order_events.csv"

sq=$work/compare.db
onroll "$sq" init
for f in $files; do
    name=$(basename "$f")
    (cd "$(dirname "$f")" && "$ONROLL" --db "$sq" import "$name" >"$work/sq.out" 2>"$work/sq.err")
    src=$?
    (cd "$(dirname "$f")" && "$ONROLL" --db "$url" import "$name" >"$work/pg.out" 2>"$work/pg.err")
    prc=$?
    if [ "$src" -eq 0 ] && [ "$prc" -eq 0 ] && cmp -s "$work/sq.out" "$work/pg.out"; then
        ok "import $name: $(cat "$work/pg.out")"
    else
        bad "import $name" "sqlite exit $src, postgresql exit $prc: $(cat "$work/sq.err" "$work/pg.err" "$work/pg.out")"
    fi
done
# importing them all again changes nothing, on either engine
(cd "$work" && for f in $files; do "$ONROLL" --db "$url" import "$f"; done) >"$work/again.out" 2>&1
if ! grep -v ' 0 new, 0 updated, ' "$work/again.out" | grep -q .; then
    ok "re-importing every file into PostgreSQL changes nothing"
else
    bad "re-importing every file into PostgreSQL changes nothing" "$(cat "$work/again.out")"
fi
# a file that contradicts what is recorded fails the same way on both
cat >"$work/conflict.csv" <<'EOF'
event_id,upn,urn,type,start
b-1,W999250000001,100001,ehe,2025-10-01
EOF
(cd "$work" && "$ONROLL" --db "$sq" import conflict.csv >sq.out 2>sq.err)
src=$?
(cd "$work" && "$ONROLL" --db "$url" import conflict.csv >pg.out 2>pg.err)
prc=$?
if [ "$src" -eq 1 ] && [ "$prc" -eq 1 ] && cmp -s "$work/sq.err" "$work/pg.err"; then
    ok "a conflicting file is refused with the same message on both"
else
    bad "a conflicting file is refused with the same message on both" "sqlite exit $src, postgresql exit $prc: $(cat "$work/sq.err" "$work/pg.err")"
fi

kinds=$("$ONROLL" export 2>&1 | sed -n 's/.*\] *\([a-z_|]*\)$/\1/p' | tr '|' ' ')
[ -n "$kinds" ] || kinds="schools calendar pupils enrolments caseload events attendance attendance_totals"
for k in $kinds; do
    "$ONROLL" --db "$sq" export "$k" >"$work/sq.csv" 2>"$work/sq.err"
    src=$?
    "$ONROLL" --db "$url" export "$k" >"$work/pg.csv" 2>"$work/pg.err"
    prc=$?
    rows=$(($(wc -l <"$work/pg.csv") - 1))
    if [ "$src" -ne 0 ] || [ "$prc" -ne 0 ]; then
        bad "export $k" "sqlite exit $src, postgresql exit $prc: $(cat "$work/sq.err" "$work/pg.err")"
    elif ! cmp -s "$work/sq.csv" "$work/pg.csv"; then
        bad "export $k is the same on both" "$(diff "$work/sq.csv" "$work/pg.csv" | head -n 10)"
    else
        ok "export $k is byte-identical on SQLite and PostgreSQL ($rows rows)"
    fi
done

# ---- (b2) batches: PostgreSQL puts rows in bulk (COPY, set-based SQL), SQLite one by one ----
# Files of several thousand rows (more than one batch) whose rows depend on each other: pupils
# with several snapshots in one file, keys repeated inside a file (the later row updates or
# contradicts the earlier one), events naming events further down, errors of every kind in
# several batches. Every import must print the same and leave the same on both engines.
bd=$work/batch
mkdir -p "$bd"
awk -v OUT="$bd" '
function upn(n,   s, sum, p) {
    s = sprintf("999%02d%07d", 20 + n % 6, n)
    sum = 0
    for (p = 2; p <= 13; p++) sum += p * substr(s, p - 1, 1)
    return substr("ABCDEFGHJKLMNPQRTUVWXYZ", sum % 23 + 1, 1) s
}
function prow(i, as_of, fsm, sen, cla) {
    return sprintf("%s,Fore%d,%s,2014-0%d-1%d,%s,WBRI,%d,%s,%s,%s,,,4", P[i], i,
                   i % 97 ? "Sur" i : "\"Sur\"\"name, " i "\"", 1 + i % 9, i % 9,
                   i % 2 ? "M" : "F", fsm, sen, as_of, cla)
}
# snapshot n (0-2) of pupil i, or "": seven patterns of same, changed and older snapshots
function snap(i, n,   p) {
    p = i % 7
    if (p == 0) return n == 0 ? prow(i, "2025-09-01", 0, "N", "") : ""
    if (p == 1) return n == 0 ? prow(i, "2025-09-01", 0, "N", "") : prow(i, n == 1 ? "2026-01-05" : "2026-03-01", 1, "N", "")
    if (p == 2) return n == 0 ? prow(i, "2025-09-01", 0, "N", "") : n == 1 ? prow(i, "2025-10-01", 0, "N", "") : prow(i, "2025-12-01", 1, "N", "")
    if (p == 3) return n < 2 ? prow(i, "2025-09-01", 1, "N", "") : ""
    if (p == 4) return n == 1 ? prow(i, "2025-09-01", 0, "N", "") : prow(i, "2026-01-05", n == 0, "N", "")
    if (p == 5) return n == 0 ? prow(i, "2025-09-01", 0, "N", 1) : n == 1 ? prow(i, "2025-09-01", 0, "N", "") : ""
    return prow(i, "2025-09-01", 0, n == 1 ? "E" : "K", "")
}
function add(r) { R[T++] = r }
# write the rows of R in a scattered but fixed order, then forget them
function out(file, header,   k) {
    print header > file
    for (k = 0; k < T; k++) print R[(k * 7919) % T] > file
    close(file)
    T = 0
}
BEGIN {
    NP = 5000
    for (i = 0; i < NP; i++) P[i] = upn(i + 1)
    for (s = 0; s < 10; s++)
        add(sprintf("%d,%d,School %d,primary,%d,maintained", 100001 + s, (s < 6 ? 9990000 : 8880000) + 2000 + s, s, s < 6 ? 999 : 888))
    out(OUT "/schools.csv", "urn,laestab,name,phase,la_code,type")
    # the snapshots of a pupil a few hundred rows apart (in one batch, mostly), in order
    for (b = 0; b < NP; b += 100)
        for (n = 0; n < 3; n++)
            for (i = b; i < b + 100; i++)
                if ((r = snap(i, n)) != "") S[NS++] = r
    H = "upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,cla,cin,sen_need,year_group"
    print H > (OUT "/pupils1.csv")
    for (k = 0; k < NS; k++) print S[k] > (OUT "/pupils1.csv")
    close(OUT "/pupils1.csv")
    for (i = 0; i < NP; i += 3) add(prow(i, "2026-02-01", (i / 3) % 2, "N", ""))
    for (i = 0; i < NP; i += 11) add(prow(i, "2025-08-01", 1, "N", ""))
    out(OUT "/pupils2.csv", H)
    for (i = 0; i < NP; i++) {
        e = sprintf("%s,%d,2021-09-01,", P[i], 100001 + i % 10)
        add(e ",main,4")
        if (i % 5 == 0) add(e "2026-07-20,main,4")
        if (i % 9 == 0) add(e ",main,4")
    }
    out(OUT "/enrol1.csv", "upn,urn,start,end,type,year_group")
    for (i = 0; i < NP; i++)
        add(sprintf("%s,%d,2021-09-01,%s,main,4", P[i], 100001 + i % 10, i % 4 ? "" : sprintf("2026-07-%02d", 1 + i % 20)))
    out(OUT "/enrol2.csv", "upn,urn,start,end,type,year_group")
    VH = "event_id,upn,urn,type,start,sessions,reasons,ref,rule,delivery,notes"
    for (i = 0; i < 3000; i++) {
        u = P[i]; urn = 100001 + i % 10; d = sprintf("2025-10-%02d", 1 + i % 28)
        add(sprintf("EX%d,%s,%d,suspension,%s,2,DB,,,,", i, u, urn, d))
        a = sprintf("A%d,%s,%d,action,%s,,,EX%d,STAT-NOTIFY-PARENT,hand,", i, u, urn, d, i)
        add(a)
        if (i % 13 == 0) add(a)
        if (i % 17 == 0) add(sprintf("N%d,%s,%d,cme,2025-11-01,,,,,,\"a note, with \\\\ backslashes\\\\n\tand a\nline break\"", i, u, urn))
    }
    out(OUT "/events1.csv", VH)
    f = OUT "/events2.csv"
    print VH > f
    for (i = 3000; i < 4500; i++) {
        if (i == 3700) print "EX5," P[5] ",100006,suspension,2025-10-06,3,DB,,,," > f
        if (i == 4200) print "EX6," P[6] ",100007,suspension,2025-10-07,2,VA,,,," > f
        printf "Z%d,%s,%d,cme,2025-11-02,,,,,,\n", i, P[i], 100001 + i % 10 > f
    }
    close(f)
    f = OUT "/events3.csv"
    print VH > f
    for (i = 0; i < 6000; i++) {
        if (i == 48) print "EX7," P[7] ",100008,suspension,2025-10-08,9,DB,,,," > f
        else if (i == 98) print "Y98," P[98] ",100001,cme,2025-13-03,,,,,," > f
        else if (i == 2498) print "Y2498," upn(99999) ",100001,cme,2025-11-03,,,,,," > f
        else if (i == 2600) print "Y2600," upn(99998) ",100001,cme,2025-11-03,,,,,," > f
        else if (i == 4998) print "Y4998," P[1] ",100001,cme,2025-11-03,x,,,,," > f
        else printf "Y%d,%s,%d,cme,2025-11-03,,,,,,\n", i, P[i % NP], 100001 + i % 10 > f
    }
    close(f)
    for (i = 0; i < 1500; i++)
        for (d = 3; d < 8 + i % 10; d++) {
            add(sprintf("%s,%d,2025-09-%02d,AM,/", P[i], 100001 + i % 10, d))
            add(sprintf("%s,%d,2025-09-%02d,PM,\\", P[i], 100001 + i % 10, d))
        }
    add(P[3] ",100004,2025-09-03,AM,L")
    add(P[4] ",100005,2026-06-03,PM,I")
    out(OUT "/att1.csv", "upn,urn,date,session,code")
    for (i = 0; i < 3000; i++)
        add(sprintf("%s,%d,2025-09-0%d,AM,%s", P[i], 100001 + i % 10, 3 + i % 3, i % 2 ? "I" : "/"))
    out(OUT "/att2.csv", "upn,urn,date,session,code")
}'
$CLUSTER psql "$url" -c "CREATE DATABASE batch" >/dev/null
bpg=$(db_url batch)
bsq=$work/batch.db
bstep=0
batch_step() { # args of onroll: run on both, compare what they print
    bstep=$((bstep + 1))
    (cd "$bd" && "$ONROLL" --db "$bsq" "$@" >"$work/bsq.out" 2>&1)
    src=$?
    (cd "$bd" && "$ONROLL" --db "$bpg" "$@" >"$work/bpg.out" 2>&1)
    prc=$?
    if [ "$src" -eq "$prc" ] && cmp -s "$work/bsq.out" "$work/bpg.out"; then
        ok "batches $bstep: onroll $* (exit $prc): $(head -n 1 "$work/bpg.out" | cut -c 1-150)"
    else
        bad "batches $bstep: onroll $*" "sqlite exit $src, postgresql exit $prc: $(diff "$work/bsq.out" "$work/bpg.out" | head -n 10)"
    fi
}
"$ONROLL" --db "$bsq" init >/dev/null 2>&1
"$ONROLL" --db "$bpg" init >/dev/null 2>&1
batch_step import schools.csv
batch_step import pupils1.csv
batch_step import pupils1.csv
batch_step import pupils2.csv
batch_step import enrol1.csv
batch_step import enrol1.csv
batch_step import enrol2.csv
batch_step import events1.csv
batch_step import events1.csv
batch_step import events2.csv
batch_step import --max-errors 100 events3.csv
batch_step import att1.csv
batch_step import att1.csv
batch_step import att2.csv
batch_step import --dry-run pupils1.csv enrol1.csv events1.csv events2.csv
batch_step import events1.csv enrol2.csv pupils2.csv events1.csv
for k in pupils enrolments events attendance; do
    "$ONROLL" --db "$bsq" export "$k" >"$work/sq.csv" 2>&1
    "$ONROLL" --db "$bpg" export "$k" >"$work/pg.csv" 2>&1
    if cmp -s "$work/sq.csv" "$work/pg.csv"; then
        ok "batches: export $k is byte-identical ($(($(wc -l <"$work/pg.csv") - 1)) rows)"
    else
        bad "batches: export $k is byte-identical" "$(diff "$work/sq.csv" "$work/pg.csv" | head -n 10)"
    fi
done

# ---- (c) the server dies in the middle of a large import: nothing of it is written ----
$CLUSTER psql "$url" -c "CREATE DATABASE crash" >/dev/null
crash=$(db_url crash)
onroll "$crash" init
(cd "$data" && "$ONROLL" --db "$crash" import schools.csv pupils.csv >/dev/null 2>&1)
n=200000
awk -v n=$n 'BEGIN { print "event_id,upn,urn,type,start";
    for (i = 1; i <= n; i++) printf "BIG%06d,W999250000001,100001,cme,2025-09-%02d\n", i, 3 + i % 20 }' \
    >"$work/big_events.csv"
events_before=$(psql_q crash "SELECT count(*) FROM events")
sources_before=$(psql_q crash "SELECT count(*) FROM sources")
"$ONROLL" --db "$crash" import "$work/big_events.csv" >"$work/big.out" 2>"$work/big.err" &
importer=$!
# wait until the import has written rows in its (open) transaction
writing=0
i=0
while [ $i -lt 300 ]; do
    writing=$(psql_q postgres "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'onroll' AND backend_xid IS NOT NULL")
    [ "$writing" = 1 ] && break
    kill -0 "$importer" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
sleep 1
if kill -0 "$importer" 2>/dev/null && [ "$writing" = 1 ]; then
    $CLUSTER kill "$url"
    wait "$importer"
    irc=$?
    importer=
    $CLUSTER restart "$url"
    events_after=$(psql_q crash "SELECT count(*) FROM events")
    sources_after=$(psql_q crash "SELECT count(*) FROM sources")
    if [ "$irc" -eq 1 ]; then
        ok "the import exits 1 when the server stops mid-import"
    else
        bad "the import exits 1 when the server stops mid-import" "exit $irc: $(cat "$work/big.err")"
    fi
    if grep -q "postgresql://onroll@/crash?host=" "$work/big.err" &&
        grep -q "server closed the connection unexpectedly" "$work/big.err"; then
        ok "its message names the database and the lost connection"
    else
        bad "its message names the database and the lost connection" "$(cat "$work/big.err")"
    fi
    if [ "$events_after" = "$events_before" ] && [ "$sources_after" = "$sources_before" ]; then
        ok "nothing of the interrupted file was written (events $events_after, sources $sources_after)"
    else
        bad "nothing of the interrupted file was written" "events $events_before -> $events_after, sources $sources_before -> $sources_after"
    fi
else
    wait "$importer"
    importer=
    bad "the server stops mid-import" "the import was not seen writing, or ended before the server could be stopped: $(cat "$work/big.out" "$work/big.err")"
fi
# after the restart the same file imports whole (and gives a rate for docs/scaling.md)
t0=$(date +%s.%N)
onroll "$crash" import "$work/big_events.csv"
t1=$(date +%s.%N)
events_now=$(psql_q crash "SELECT count(*) FROM events")
if [ "$rc" -eq 0 ] && [ "$events_now" -eq $((events_before + n)) ]; then
    ok "after a restart the file imports whole ($n events)"
    awk -v n=$n -v a="$t0" -v b="$t1" 'BEGIN { printf "# PostgreSQL (unix socket): %d events in %.1f s, %.0f rows/s\n", n, b - a, n / (b - a) }'
else
    bad "after a restart the file imports whole" "exit $rc, events $events_now: $(cat "$work/err")"
fi

# ---- (d) connection errors ----
onroll "postgres://onroll@127.0.0.1:1/onroll" init
if [ "$rc" -eq 1 ] && grep -q "postgres://onroll@127.0.0.1:1/onroll: cannot connect: .*Connection refused" "$work/err"; then
    ok "connection refused: exit 1, $(cat "$work/err")"
else
    bad "connection refused" "exit $rc: $(cat "$work/err")"
fi
onroll "postgres://onroll@127.0.0.1:$port/nosuchdb" init
if [ "$rc" -eq 1 ] && grep -q "postgres://onroll@127.0.0.1:$port/nosuchdb: cannot connect: .*database \"nosuchdb\" does not exist" "$work/err"; then
    ok "missing database: exit 1, $(cat "$work/err")"
else
    bad "missing database" "exit $rc: $(cat "$work/err")"
fi
$CLUSTER psql "$url" -c "CREATE ROLE keeper LOGIN PASSWORD 'right-horse-7'" -c "CREATE DATABASE kept OWNER keeper" >/dev/null
onroll "postgres://keeper:wrong-horse-9@127.0.0.1:$port/kept" init
if [ "$rc" -eq 1 ] && grep -q "postgres://keeper@127.0.0.1:$port/kept: cannot connect: .*password authentication failed for user \"keeper\"" "$work/err" &&
    ! grep -q "wrong-horse" "$work/err"; then
    ok "wrong password: exit 1, password not shown, $(cat "$work/err")"
else
    bad "wrong password" "exit $rc: $(cat "$work/err")"
fi
onroll "postgresql://keeper@127.0.0.1:$port/kept?password=right-horse-7" init
if [ "$rc" -eq 0 ]; then
    ok "the right password (scram-sha-256 over TCP) works"
else
    bad "the right password works" "exit $rc: $(cat "$work/out" "$work/err")"
fi
if ! grep -q "right-horse" "$work/out" "$work/err"; then
    ok "onroll init does not show the password"
else
    bad "onroll init does not show the password" "$(cat "$work/out" "$work/err")"
fi
# the server goes away between two commands of an open session: the next call says so
onroll "$url" export schools
$CLUSTER kill "$url"
onroll "$url" export schools
if [ "$rc" -eq 1 ] && grep -q "postgresql://onroll@/onroll?host=$dir&port=$port: cannot connect" "$work/err"; then
    ok "server down: exit 1, $(cat "$work/err")"
else
    bad "server down" "exit $rc: $(cat "$work/err")"
fi

finish
