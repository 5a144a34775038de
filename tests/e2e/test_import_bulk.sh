#!/bin/sh
# test_import_bulk.sh - a large import (more rows than are stored) is checked exactly as a small
# one, and leaves the database whole (issue 13 item 6; src/store/store_load.c). On SQLite such a
# batch reads every stored UPN once instead of a look-up per row, and drops the table's look-up
# indexes to make them again in one pass before the checks and the commit: the indexes must all
# be there afterwards (after a commit, an error, a dry run), the database must pass SQLite's
# integrity check, and every check must still refuse what it refused: an unknown pupil, a ref
# to an event of another pupil, a second snapshot equal but for its date (unchanged).
. tests/e2e/lib.sh
G=$WORK/gen
mkdir -p "$G"
sh tests/e2e/long_import_gen.sh "$G" 15000 # 5,000 pupils and enrolments, 15,000 events
indexes() { # the indexes of the three tables, by name
    if [ -n "${ONROLL_TEST_PG:-}" ]; then
        sql "SELECT indexname FROM pg_indexes WHERE tablename IN ('pupil_snapshots', 'enrolments', 'events') ORDER BY 1" | tr '\n' ' '
    else
        sql "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('pupil_snapshots', 'enrolments', 'events') ORDER BY 1" | tr '\n' ' '
    fi
}
"$ONROLL" init >/dev/null 2>&1
FRESH=$(indexes)
expect_eq "a fresh database has the look-up indexes" "events_ref events_src events_type events_upn" \
    "$(echo "$FRESH" | tr ' ' '\n' | grep -E '^events_(ref|src|type|upn)$' | tr '\n' ' ' | sed 's/ $//')"
"$ONROLL" import "$G/schools.csv" "$G/calendar.csv" >/dev/null 2>&1

# pupils: the 5,000 and, for every tenth, a second snapshot equal but for its as_of date
P=$WORK/pupils.csv
{ cat "$G/pupils.csv"; awk -F, 'NR > 1 && NR % 10 == 0 { OFS = ","; $9 = "2026-01-05"; print }' "$G/pupils.csv"; } >"$P"
"$ONROLL" import "$P" >"$WORK/o" 2>&1
expect_in "5,500 pupil rows: 5,000 new, the 500 later equal snapshots unchanged" "5500 rows: 5000 new, 0 updated, 500 unchanged" "$WORK/o"
expect_eq "the indexes after the pupils" "$FRESH" "$(indexes)"

# an enrolments file whose last row names an unknown pupil: refused, nothing written
E=$WORK/enrolments.csv
# a UPN of the generator's form that it never gives (n = 99,999), with its check letter
U=$(awk 'BEGIN { s = sprintf("999%02d%07d", 20 + 99999 % 6, 99999); sum = 0
    for (p = 2; p <= 13; p++) sum += p * substr(s, p - 1, 1)
    print substr("ABCDEFGHJKLMNPQRTUVWXYZ", sum % 23 + 1, 1) s }')
{ cat "$G/enrolments.csv"; echo "$U,100001,2021-09-01,,main,5"; } >"$E"
"$ONROLL" import "$E" >"$WORK/o" 2>&1
expect_in "an unknown pupil in a large file is refused" "'$U' is not a known pupil" "$WORK/o"
expect_eq "nothing written" 0 "$(count_rows enrolments)"
expect_eq "the indexes after a refused file" "$FRESH" "$(indexes)"
"$ONROLL" import "$G/enrolments.csv" >"$WORK/o" 2>&1
expect_in "5,000 enrolments" "5000 rows: 5000 new" "$WORK/o"
expect_eq "the indexes after the enrolments" "$FRESH" "$(indexes)"

# events: a dry run, then one whose last row's ref names another pupil's event
"$ONROLL" import --dry-run "$G/events.csv" >/dev/null 2>&1
expect_eq "a dry run writes nothing" 0 "$(count_rows events)"
expect_eq "the indexes after a dry run" "$FRESH" "$(indexes)"
V=$WORK/events.csv
other=$(sed -n 5p "$G/events.csv" | cut -d, -f2) # the second pupil (line 2 is the first's EX1)
{ cat "$G/events.csv"; echo "AX1,$other,100002,action,2025-09-15,,,EX1,STAT-NOTIFY-PARENT,hand"; } >"$V"
"$ONROLL" import "$V" >"$WORK/o" 2>&1
expect_in "a ref to another pupil's event is refused" "'EX1' is an event of pupil" "$WORK/o"
expect_eq "nothing written" 0 "$(count_rows events)"
"$ONROLL" import "$G/events.csv" >"$WORK/o" 2>&1
expect_in "15,000 events" "15000 rows: 15000 new" "$WORK/o"
expect_eq "the indexes after the events" "$FRESH" "$(indexes)"
"$ONROLL" import "$G/events.csv" >"$WORK/o" 2>&1
expect_in "the same file again: every row compared, none written" "15000 rows: 0 new, 0 updated, 15000 unchanged" "$WORK/o"
if [ -z "${ONROLL_TEST_PG:-}" ]; then
    expect_eq "SQLite's integrity check" ok "$(sql 'PRAGMA integrity_check')"
    # the rebuilt indexes answer as the table does: every event found by pupil
    expect_eq "every event by the pupil index" 15000 \
        "$(sql 'SELECT COUNT(*) FROM events INDEXED BY events_upn WHERE upn > ""')"
fi
finish
