#!/bin/sh
# test_import.sh - import, re-import, bad input, dry run and export round trip, driving the
# real onroll binary on a real SQLite database file (formats.md; issue "Foundation").
. tests/e2e/lib.sh

expect_status "init creates the database" 0 "$ONROLL" init
expect_in "init applied the migrations" "migration" "$WORK/out"
expect_status "init again is safe" 0 "$ONROLL" init
expect_in "init again applies nothing" "0 migrations applied" "$WORK/out"

# every kind of file, given out of dependency order on purpose
expect_status "import every kind" 0 "$ONROLL" import "$DATA/events.csv" "$DATA/attendance.csv" \
    "$DATA/pupils.csv" "$DATA/schools.csv" "$DATA/calendar.csv" "$DATA/enrolments.csv" \
    "$DATA/caseload.csv" "$DATA/attendance_totals.csv"
expect_in "schools imported" "schools.csv: schools, 3 rows: 3 new" "$WORK/out"
expect_in "pupil snapshots imported" "pupils.csv: pupils, 7 rows: 7 new" "$WORK/out"
expect_in "events imported" "events.csv: events, 11 rows: 11 new" "$WORK/out"
expect_in "attendance marks imported" "attendance.csv: attendance, 9 rows: 9 new" "$WORK/out"
dump_all >"$WORK/dump1"
sources1=$(count_rows sources)

expect_status "re-import the same files" 0 "$ONROLL" import "$DATA"/*.csv
expect_not_in "re-import creates nothing" " new, 0 updated, 0 unchanged" "$WORK/out"
expect_in "re-import reports every event unchanged" "events, 11 rows: 0 new, 0 updated, 11 unchanged" "$WORK/out"
dump_all >"$WORK/dump2"
expect_same_file "re-import changes no row" "$WORK/dump1" "$WORK/dump2"
expect_eq "re-import records no new source" "$sources1" "$(count_rows sources)"

# the same rows in another file: columns reordered, CRLF line ends, a BOM, an x_ column
{
    printf '\357\273\277x_mis_id,urn,name,laestab,phase,la_code,type\r\n'
    tail -n +2 "$DATA/schools.csv" | awk -F, 'NR==2{print "77,100002,\"Hillside Academy, Upper School\",9994001,secondary,999,academy\r"; next} {print "1" NR "," $1 "," $3 "," $2 "," $4 "," $5 "," $6 "\r"}'
} >"$WORK/schools-again.csv"
expect_status "same rows in another file, other column order, CRLF, BOM, x_ column" 0 "$ONROLL" import "$WORK/schools-again.csv"
expect_in "same rows change nothing" "3 rows: 0 new, 0 updated, 3 unchanged" "$WORK/out"

# a file with one bad row among good ones: nothing written, the error names file, line, column, value
cat >"$WORK/events-bad.csv" <<'CSV'
event_id,upn,urn,type,start,sessions,reasons
N1,Z999250000003,100002,suspension,2026-01-12,2,DB
N2,Z999250000003,100002,suspension,2026-01-19,two,DB
N3,Z999250000003,100002,suspension,2026-01-26,2,VA
CSV
expect_status "bad row: import exits 1" 1 "$ONROLL" import "$WORK/events-bad.csv"
expect_in "bad row: error names file, line and column" "events-bad.csv:3: column sessions:" "$WORK/err"
expect_in "bad row: error names the value and what was expected" "'two' is not a whole number (expected 1 to 90)" "$WORK/err"
expect_in "bad row: says nothing was written" "nothing of this file was written" "$WORK/err"
dump_all >"$WORK/dump3"
expect_same_file "bad row: no good row of the file was written" "$WORK/dump1" "$WORK/dump3"

# codes are checked against the list valid on the event's date, unconfirmed codes never accepted
cat >"$WORK/events-codes.csv" <<'CSV'
event_id,upn,urn,type,start,sessions,reasons
C1,Z999250000003,100002,suspension,2026-01-12,2,BW
C2,Z999250000003,100002,suspension,2026-01-19,2,PD
C3,Z999250000003,100002,suspension,2026-01-26,2,DB;VA;PA;PP
CSV
expect_status "invalid codes: exit 1" 1 "$ONROLL" import "$WORK/events-codes.csv"
expect_in "unconfirmed reason code refused" "events-codes.csv:2: column reasons: 'BW'" "$WORK/err"
expect_in "old-list reason refused after 2020" "events-codes.csv:3: column reasons: 'PD' is not a valid exclusion reason code on 2026-01-19" "$WORK/err"
expect_in "at most three reasons" "events-codes.csv:4: column reasons:" "$WORK/err"

# refs, pupils and schools must exist
cat >"$WORK/events-refs.csv" <<'CSV'
event_id,upn,urn,type,start,ref
R1,Z999250000003,100002,withdrawn,2026-01-12,NOSUCH
CSV
expect_status "ref to no event: exit 1" 1 "$ONROLL" import "$WORK/events-refs.csv"
expect_in "ref to no event: named" "events-refs.csv:2: column ref: 'NOSUCH' names no event of school 100002" "$WORK/err"
cat >"$WORK/events-pupil.csv" <<'CSV'
event_id,upn,urn,type,start
P1,F999250000007,100002,ehe,2026-01-12
P2,Z999250000003,123456,ehe,2026-01-12
CSV
expect_status "unknown pupil or school: exit 1" 1 "$ONROLL" import "$WORK/events-pupil.csv"
expect_in "unknown pupil named" "events-pupil.csv:2: column upn: 'F999250000007' is not a known pupil" "$WORK/err"
expect_in "unknown school named" "events-pupil.csv:3: column urn: '123456' is not a known school" "$WORK/err"

# the ledger is never overwritten: the same event id with other values is refused
cat >"$WORK/events-conflict.csv" <<'CSV'
event_id,upn,urn,type,start,sessions,reasons
EX1,K999250000002,100002,suspension,2025-10-06,6,DB;VA
CSV
expect_status "changed event: exit 1" 1 "$ONROLL" import "$WORK/events-conflict.csv"
expect_in "changed event: says which column and both values" "sessions is recorded as '4'" "$WORK/err"

# header problems
printf 'event_id,upn,urn,type,start,colour\n' >"$WORK/unknown-col.csv"
expect_status "unknown column: exit 1" 1 "$ONROLL" import "$WORK/unknown-col.csv"
expect_in "unknown column named" "unknown column 'colour'" "$WORK/err"
printf 'upn,forename,surname,dob,sex,ethnicity,fsm,sen\n' >"$WORK/missing-col.csv"
expect_status "missing required column: exit 1" 1 "$ONROLL" import "$WORK/missing-col.csv"
expect_in "missing column named" "missing required column as_of" "$WORK/err"
printf 'upn,urn,date,session,code\nK999250000002,100002,2025-10-07,AM,"E\n' >"$WORK/broken.csv"
expect_status "unterminated quote: exit 1" 1 "$ONROLL" import "$WORK/broken.csv"
expect_in "unterminated quote: says malformed CSV" "malformed CSV" "$WORK/err"

# quoted fields: an embedded newline and quotes survive the round trip
cat >"$WORK/events-notes.csv" <<'CSV'
event_id,upn,urn,type,start,notes
Q1,Z999250000003,100002,cme,2026-02-02,"Two lines:
""missing"" since Monday, mother contacted"
CSV
expect_status "dry run of a good file" 0 "$ONROLL" import --dry-run "$WORK/events-notes.csv"
expect_in "dry run says nothing written" "dry run: nothing written" "$WORK/out"
dump_all >"$WORK/dump4"
expect_same_file "dry run wrote nothing" "$WORK/dump1" "$WORK/dump4"
expect_status "import a multi-line quoted field" 0 "$ONROLL" import "$WORK/events-notes.csv"
"$ONROLL" export events >"$WORK/events.out"
expect_in "embedded newline and quotes exported" '"Two lines:' "$WORK/events.out"

# export -> import into a fresh database -> export is a fixed point
dump_all >"$WORK/dump5"
for k in schools calendar pupils enrolments caseload events attendance attendance_totals; do
    "$ONROLL" export "$k" --out "$WORK/exp-$k.csv" 2>/dev/null
done
FRESH=$(new_db fresh)
ONROLL_DB="$FRESH" expect_status "import the export into a fresh database" 0 "$ONROLL" import "$WORK"/exp-*.csv
ONROLL_DB="$FRESH" dump_all >"$WORK/dump6"
expect_same_file "export -> import -> export is a fixed point" "$WORK/dump5" "$WORK/dump6"

# usage errors exit 2
expect_status "no files: usage error" 2 "$ONROLL" import
expect_status "unknown export kind: usage error" 2 "$ONROLL" export nonsense
expect_status "unknown command: usage error" 2 "$ONROLL" frobnicate
finish
