#!/bin/sh
# test_backup.sh - `onroll backup FILE` and `onroll restore FILE` (issue 12, item 8).
#
# SQLite: a database of 20,000 pupils (long_import_gen.sh) is served by `onroll serve` while, at
# the same time, users sign in and read pupils' records (sessions and audit rows written all
# along) and `onroll import` writes 60,000 events in one transaction; `onroll backup` runs in
# the middle of it. The copy must be of one moment: its events are all 60,000 or none (never
# part of the import), and its audit log is at least what was written before the backup
# began. `onroll restore` of the copy into a new database gives, for every kind, exactly the
# bytes `onroll export` gives on the copy itself, and for the kinds nobody wrote meanwhile the
# source's bytes; the restored audit log is append-only still. A restore over a database in
# use, or of half a copy (FILE without FILE-log), is refused and changes nothing.
# PostgreSQL: both say to use PostgreSQL's own tools (pg_dump, pg_restore) and exit 2.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
KINDS="schools calendar pupils enrolments caseload events attendance attendance_totals"

if [ -n "${ONROLL_TEST_PG:-}" ]; then
    "$ONROLL" init >/dev/null 2>&1
    expect_status "PostgreSQL: backup exits 2" 2 "$ONROLL" backup "$WORK/copy.db"
    expect_in "... saying to use pg_dump" "pg_dump" "$WORK/err"
    if [ -e "$WORK/copy.db" ]; then fail "... and writes no file"; else pass "... and writes no file"; fi
    expect_status "PostgreSQL: restore exits 2" 2 "$ONROLL" restore "$WORK/copy.db"
    expect_in "... saying to use pg_restore" "pg_restore" "$WORK/err"
    finish
    exit $?
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi

N=60000
sh tests/e2e/long_import_gen.sh "$WORK" "$N"
"$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv" "$WORK/pupils.csv" \
    "$WORK/enrolments.csv" >"$WORK/base.out" 2>&1
expect_eq "20,000 pupils import" 0 $?
PW='Plum-Orchard-Vessel-42!'
for who in one two three; do
    printf '%s\n' "$PW" | "$ONROLL" user add "$who@la.example.gov.uk" --name "Officer $who" \
        --role la_officer --password-stdin >/dev/null 2>&1
done
start_server
sed -n '2,101p' "$WORK/pupils.csv" | cut -d, -f1 >"$WORK/upns"

# users sign in and read records until told to stop; every status goes to $WORK/codes
: >"$WORK/codes"
(
    i=0
    while [ ! -e "$WORK/stop" ]; do
        i=$((i + 1))
        if [ $((i % 4)) -eq 1 ]; then
            for who in one two three; do
                sign_in "$WORK/jar-$who" "$who@la.example.gov.uk" "$PW" >>"$WORK/codes"
                echo >>"$WORK/codes"
            done
        fi
        upn=$(sed -n "$((i % 100 + 1))p" "$WORK/upns")
        curl -s -b "$WORK/jar-one" -o /dev/null -w '%{http_code}\n' "$B/pupils/$upn" >>"$WORK/codes"
    done
) &
READERS=$!
PIDS="$PIDS $READERS"
sleep 1
audit_before=$(sql "SELECT COUNT(*) FROM audit_log")
"$ONROLL" import "$WORK/events.csv" >"$WORK/import.out" 2>&1 &
IMPORT=$!
sleep 0.3
"$ONROLL" backup "$WORK/copy.db" >"$WORK/backup.out" 2>&1
st=$?
wait "$IMPORT"
expect_eq "the import running meanwhile succeeds" 0 $?
sleep 0.5
touch "$WORK/stop"
wait "$READERS"

expect_eq "backup while the server and an import write: exit 0" 0 "$st"
expect_in "... it names both files" "copy.db-log" "$WORK/backup.out"
expect_eq "... readable by its owner only" "600 600" \
    "$(stat -c %a "$WORK/copy.db") $(stat -c %a "$WORK/copy.db-log")"
expect_eq "the readers saw only 200 and 303 meanwhile" "" \
    "$(grep -v -x -e 200 -e 303 "$WORK/codes" | sort | uniq -c)"
[ "$(wc -l <"$WORK/codes")" -ge 10 ] && pass "... and read pages all along ($(wc -l <"$WORK/codes" | tr -d ' '))" ||
    fail "... and read pages all along (only $(wc -l <"$WORK/codes" | tr -d ' '))"

SRC=$ONROLL_DB
COPY=$WORK/copy.db
events=$(sqlite3 "$COPY" "SELECT COUNT(*) FROM events")
case "$events" in
0 | "$N") pass "the copy is of one moment: the import's events all or none ($events)" ;;
*) fail "the copy is of one moment: the import's events all or none (got $events)" ;;
esac
copied_audit=$(sqlite3 "$COPY-log" "SELECT COUNT(*) FROM audit_log")
[ "$copied_audit" -ge "$audit_before" ] && pass "the copy's audit log holds every row written before it ($copied_audit >= $audit_before)" ||
    fail "the copy's audit log holds every row written before it ($copied_audit < $audit_before)"
expect_eq "the backup itself is in the copy's audit log" 1 \
    "$(sqlite3 "$COPY-log" "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND object = 'backup' AND role = 'cli'")"

# the copy's own exports, then a restore of the copy into a new database
for k in $KINDS; do ONROLL_DB=$COPY "$ONROLL" export "$k" >"$WORK/copy-$k.csv" 2>"$WORK/err" || fail "export $k of the copy" "$(cat "$WORK/err")"; done
# the import's child-missing-education rows end those pupils' enrolments in the same
# transaction (movements.h): the copy has both or neither
expect_eq "the copy's enrolments ended by the import's exits go with its events" \
    "$(grep -c ',cme,' "$WORK/copy-events.csv")" \
    "$(grep -c ',Child missing education$' "$WORK/copy-enrolments.csv")"
RESTORED=$WORK/restored.db
copy_rows=$(sqlite3 "$COPY-log" "SELECT COUNT(*) FROM audit_log") # with the reads of the copy just made
expect_status "restore into a new database" 0 env ONROLL_DB="$RESTORED" "$ONROLL" restore "$COPY"
for k in $KINDS; do
    ONROLL_DB=$RESTORED "$ONROLL" export "$k" >"$WORK/restored-$k.csv" 2>/dev/null
    expect_same_file "restored export $k is byte-identical to the copy's" "$WORK/copy-$k.csv" "$WORK/restored-$k.csv"
done
# (not enrolments: the import's exits end enrolments, so they are written meanwhile too)
for k in schools calendar pupils caseload attendance attendance_totals; do
    ONROLL_DB=$SRC "$ONROLL" export "$k" >"$WORK/src-$k.csv" 2>/dev/null
    expect_same_file "restored export $k is byte-identical to the source's (not written meanwhile)" "$WORK/src-$k.csv" "$WORK/restored-$k.csv"
done
[ -s "$WORK/restored-pupils.csv" ] && pass "... and the pupils are there" || fail "... and the pupils are there"
expect_eq "the restored audit log starts with the copy's rows, then the restore" "restore" \
    "$(ONROLL_DB=$RESTORED sql "SELECT action FROM audit_log WHERE id = $((copy_rows + 1))")"
ONROLL_DB=$RESTORED sql "DELETE FROM audit_log" >/dev/null 2>&1
expect_eq "the restored audit log is append-only still" 1 "$([ $? -ne 0 ] && echo 1 || echo 0)"
expect_eq "a restored session still signs its user in" 1 \
    "$(ONROLL_DB=$RESTORED sql "SELECT CASE WHEN COUNT(*) > 0 THEN 1 ELSE 0 END FROM sessions")"

# refusals
src_events=$(sql "SELECT COUNT(*) FROM events")
expect_status "restore over a database in use is refused" 1 "$ONROLL" restore "$COPY"
expect_in "... saying it is not empty" "not empty" "$WORK/err"
expect_eq "... and changes nothing" "$src_events" "$(sql "SELECT COUNT(*) FROM events")"
cp "$COPY" "$WORK/half.db"
expect_status "restore of half a copy (no FILE-log) is refused" 1 env ONROLL_DB="$WORK/new2.db" "$ONROLL" restore "$WORK/half.db"
expect_in "... saying a backup is two files" "two files" "$WORK/err"
expect_status "restore of a file that is not a backup is refused" 1 env ONROLL_DB="$WORK/new3.db" "$ONROLL" restore "$WORK/events.csv"
expect_status "backup with no FILE is a usage error" 2 "$ONROLL" backup

finish
