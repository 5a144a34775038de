#!/bin/sh
# test_audit_trail.sh - the record of who saw what (issue 12, item 6), end to end on the small
# LA of tests/e2e/data (3 schools, 6 pupils; N999250000004 the one looked-after child), with
# two referrals (tests/e2e/audit/referrals.csv: Z999250000003 to early help, C999250000005 to
# educational psychology):
#
#   - every command-line read of a pupil's record or of pupil-level rows adds ONE audit row,
#     as "cli:LOGIN" (the operating-system user), role "cli", with the command line: explain,
#     letter, export of every pupil-level kind, duties and risk (lists and --pupil), reports
#     asked for unsuppressed; an export of schools or the calendar names no child and adds none;
#   - a read whose audit row cannot be written prints nothing (a trigger refusing inserts into
#     audit_log stands in for a full disk or a lost log file);
#   - the audit log is append-only in the database itself: UPDATE and DELETE (and TRUNCATE on
#     PostgreSQL) on audit_log fail, whoever asks;
#   - web lists that name children put every child listed on the record: one row pupil.listed
#     per view naming the list, whose children are in audit_lists (kept once per distinct
#     list): /pupils lists the 6 pupils, a search for "Smith" one, /peps the one looked-after
#     child, /referrals the two referred (by name only: the page names them itself); the
#     dashboard and the MIS API's duties every child they name; the same list seen
#     again is one more row and no more children; the audit log's search by a child's UPN finds
#     the lists that showed it; a pupil's record is still its one pupil.read row; a list whose
#     row cannot be written is not shown.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi
D=$(pwd)/tests/e2e/data
ME=$(id -un)
ALL="W999250000001 K999250000002 Z999250000003 N999250000004 C999250000005 R999250000006"

"$ONROLL" import "$D/schools.csv" "$D/calendar.csv" "$D/pupils.csv" "$D/enrolments.csv" \
    "$D/caseload.csv" "$D/events.csv" "$D/attendance.csv" "$D/attendance_totals.csv" \
    tests/e2e/audit/referrals.csv >"$WORK/import.out" 2>&1
expect_eq "the small LA imports" 0 $?

rows() { sql "SELECT COUNT(*) FROM audit_log"; }
cli_rows() { sql "SELECT COUNT(*) FROM audit_log WHERE role = 'cli' AND actor = 'cli:$ME'"; }
last_row() { sql "SELECT action, COALESCE(upn, '-'), detail FROM audit_log ORDER BY id DESC LIMIT 1"; }

# read NAME UPN DETAIL CMD...: CMD succeeds, prints something, and adds exactly one row as
# cli:LOGIN whose upn is UPN ('-' for none) and whose detail (the command line) contains DETAIL
read_adds_row() {
    name=$1 upn=$2 detail=$3
    shift 3
    before=$(cli_rows)
    all_before=$(rows)
    "$ONROLL" "$@" >"$WORK/out" 2>"$WORK/err"
    st=$?
    if [ "$st" -ne 0 ] || [ ! -s "$WORK/out" ]; then
        fail "$name: runs (exit $st)" "$(head -5 "$WORK/err")"
        return
    fi
    expect_eq "$name: one audit row as cli:$ME" "$((before + 1)) $((all_before + 1))" "$(cli_rows) $(rows)"
    got=$(last_row)
    case "$got" in
    *"|$upn|"*"$detail"*) pass "$name: the row names the pupil ($upn) and the command" ;;
    *) fail "$name: the row names the pupil ($upn) and the command ($detail)" "$got" ;;
    esac
}

# ---- command-line reads ----
read_adds_row "explain" K999250000002 "onroll explain K999250000002" explain K999250000002
read_adds_row "letter" K999250000002 "onroll letter 100002 EX1" letter 100002 EX1
for k in pupils enrolments caseload events attendance attendance_totals; do
    read_adds_row "export $k" - "onroll export $k" export "$k"
done
read_adds_row "duties --pupil" Z999250000003 "onroll duties --pupil Z999250000003" duties --pupil Z999250000003
read_adds_row "duties (every pupil)" - "onroll duties --as-of 2026-01-15" duties --as-of 2026-01-15
read_adds_row "risk --pupil" K999250000002 "onroll risk --pupil K999250000002" risk --pupil K999250000002 --as-of 2025-12-01 --format csv
read_adds_row "risk (every pupil)" - "onroll risk --format csv" risk --format csv
read_adds_row "report rates --unsuppressed" - "onroll report rates --year 2025/26 --by sex --unsuppressed" \
    report rates --year 2025/26 --by sex --unsuppressed
read_adds_row "report outcomes --unsuppressed" - "onroll report outcomes --unsuppressed" report outcomes --unsuppressed

before=$(rows)
"$ONROLL" export schools >/dev/null 2>&1
"$ONROLL" export calendar >/dev/null 2>&1
"$ONROLL" report rates --year 2025/26 --by sex >/dev/null 2>&1
expect_eq "schools, calendar and suppressed reports name no child: no row" "$before" "$(rows)"

# --out: the row is written before the file
before=$(cli_rows)
"$ONROLL" export pupils --out "$WORK/pupils.csv" >/dev/null 2>&1
expect_eq "export --out: one row" "$((before + 1))" "$(cli_rows)"
expect_eq "export --out: the file is written (7 snapshots)" 8 "$(($(wc -l <"$WORK/pupils.csv")))"

# a database URL's password never reaches the log
if [ -n "${ONROLL_TEST_PG:-}" ]; then
    "$ONROLL" --db "$ONROLL_DB" explain K999250000002 >/dev/null 2>&1
    expect_eq "--db is not written to the log" "0" "$(sql "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%--db%' OR detail LIKE '%postgres%'")"
else
    "$ONROLL" --db "$ONROLL_DB" explain K999250000002 >/dev/null 2>&1
    expect_eq "--db is not written to the log" "0" "$(sql "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%--db%'")"
fi

# ---- no row, no data ----
block_audit() {
    if [ -n "${ONROLL_TEST_PG:-}" ]; then
        sql "CREATE FUNCTION test_block() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RAISE EXCEPTION 'disk full (test)'; END \$\$;
             CREATE TRIGGER test_block BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_block()" >/dev/null
    else
        sql "CREATE TRIGGER log.test_block BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END" >/dev/null
    fi
}
unblock_audit() {
    if [ -n "${ONROLL_TEST_PG:-}" ]; then
        sql "DROP TRIGGER test_block ON audit_log; DROP FUNCTION test_block()" >/dev/null
    else
        sql "DROP TRIGGER log.test_block" >/dev/null
    fi
}
block_audit
for cmd in "explain K999250000002" "letter 100002 EX1" "export pupils" "export events" \
    "duties --pupil K999250000002" "risk" "report rates --year 2025/26 --by sex --unsuppressed" \
    "report outcomes --unsuppressed"; do
    # shellcheck disable=SC2086
    "$ONROLL" $cmd >"$WORK/out" 2>"$WORK/err"
    st=$?
    if [ "$st" -eq 1 ] && [ ! -s "$WORK/out" ] && grep -q "audit" "$WORK/err"; then
        pass "audit log refused: '$cmd' prints nothing, exits 1, says why"
    else
        fail "audit log refused: '$cmd' prints nothing, exits 1, says why (exit $st)" "$(head -c 300 "$WORK/out"; cat "$WORK/err")"
    fi
done
rm -f "$WORK/blocked.csv"
"$ONROLL" export pupils --out "$WORK/blocked.csv" >/dev/null 2>&1
if [ -e "$WORK/blocked.csv" ]; then
    fail "audit log refused: export --out writes no file"
else
    pass "audit log refused: export --out writes no file"
fi
unblock_audit

# ---- append-only, in the database ----
before=$(rows)
first=$(sql "SELECT action FROM audit_log ORDER BY id LIMIT 1")
sql "UPDATE audit_log SET action = 'nothing.to.see'" >"$WORK/out" 2>&1
expect_eq "UPDATE audit_log fails" 1 "$([ $? -ne 0 ] && echo 1 || echo 0)"
expect_in "... saying it is append-only" "append-only" "$WORK/out"
sql "DELETE FROM audit_log" >"$WORK/out" 2>&1
expect_eq "DELETE FROM audit_log fails" 1 "$([ $? -ne 0 ] && echo 1 || echo 0)"
expect_in "... saying it is append-only" "append-only" "$WORK/out"
sql "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)" >/dev/null 2>&1
expect_eq "DELETE of one row fails" 1 "$([ $? -ne 0 ] && echo 1 || echo 0)"
if [ -n "${ONROLL_TEST_PG:-}" ]; then
    sql "TRUNCATE audit_log" >/dev/null 2>&1
    expect_eq "TRUNCATE audit_log fails" 1 "$([ $? -ne 0 ] && echo 1 || echo 0)"
fi
expect_eq "... every row still there, unchanged" "$before $first" "$(rows) $(sql "SELECT action FROM audit_log ORDER BY id LIMIT 1")"

# ---- web lists ----
PW='Plum-Orchard-Vessel-42!'
printf '%s\n' "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "Lee Officer" \
    --role la_officer --password-stdin >/dev/null 2>&1
start_server
J=$WORK/jar
expect_eq "the LA officer signs in" 303 "$(sign_in "$J" officer@la.example.gov.uk "$PW")"

listed_upns() { # the children of the lists after row $1, sorted, on one line
    sql "SELECT l.upn FROM audit_log a JOIN audit_lists l ON l.list = a.list
         WHERE a.action = 'pupil.listed' AND a.id > $1 ORDER BY l.upn" | tr '\n' ' ' | sed 's/ $//'
}
max_id() { sql "SELECT MAX(id) FROM audit_log"; }
sorted() { printf '%s\n' "$@" | sort | tr '\n' ' ' | sed 's/ $//'; }

# list_rows NAME PATH UPNS...: the page answers 200 and adds one pupil.listed row, as the
# officer with the page, whose list names exactly UPNS
list_rows() {
    name=$1 path=$2
    shift 2
    id=$(max_id)
    code=$(get "$J" "$path")
    expect_eq "$name: 200" 200 "$code"
    expect_eq "$name: one row naming the list, as the officer, with the page, saying how many" "1|$# child" \
        "$(sql "SELECT COUNT(*) || '|' || MIN(detail) FROM audit_log WHERE id > $id AND action = 'pupil.listed'
                AND actor = 'officer@la.example.gov.uk' AND object = '${path%%\?*}'" | sed 's/ren listed$//; s/ listed$//')"
    expect_eq "$name: the list's children are the $# listed" "$(sorted "$@")" "$(listed_upns "$id")"
}
# shellcheck disable=SC2086
list_rows "/pupils" /pupils $ALL
list_rows "/pupils?q=Smith" "/pupils?q=Smith" Z999250000003
list_rows "/peps" /peps N999250000004
list_rows "/referrals" /referrals C999250000005 Z999250000003
lists=$(sql "SELECT COUNT(*) FROM audit_lists")
id=$(max_id)
expect_eq "/peps again: 200" 200 "$(get "$J" /peps)"
expect_eq "... one more row, naming the same list" "1|1 1" \
    "$(sql "SELECT COUNT(*), COUNT(DISTINCT list) FROM audit_log WHERE id > $id AND action = 'pupil.listed'") $(sql "SELECT COUNT(DISTINCT list) FROM audit_log WHERE action = 'pupil.listed' AND object = '/peps'")" 
expect_eq "... and no more children stored" "$lists" "$(sql "SELECT COUNT(*) FROM audit_lists")"

id=$(max_id)
expect_eq "/dashboard: 200" 200 "$(get "$J" /dashboard)"
grep -o '/pupils/[A-Z][0-9]\{11\}[0-9A-Z]' "$WORK/body" | sed 's|/pupils/||' | sort -u | tr '\n' ' ' | sed 's/ $//' >"$WORK/named"
expect_eq "/dashboard: every child it names is on the record" "$(cat "$WORK/named")" "$(listed_upns "$id")"
[ -s "$WORK/named" ] && pass "/dashboard names children (so the check above means something)" || fail "/dashboard names children"

# the MIS API's list of a school's duties names its children: one row each, as api:URN
TOKEN=$("$ONROLL" user token 100002 2>/dev/null | tail -n 1)
id=$(max_id)
code=$(curl -s -o "$WORK/api.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "$B/api/v1/duties?as_of=2026-01-15")
expect_eq "API duties: 200" 200 "$code"
grep -o '"upn": *"[A-Z0-9]*"' "$WORK/api.json" | sed 's/.*"\([A-Z0-9]*\)"$/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//' >"$WORK/named"
[ -s "$WORK/named" ] && pass "API duties names children" || fail "API duties names children" "$(head -c 300 "$WORK/api.json")"
expect_eq "API duties: every child it names is on the record, as api:100002" "$(cat "$WORK/named")" \
    "$(sql "SELECT l.upn FROM audit_log a JOIN audit_lists l ON l.list = a.list WHERE a.action = 'pupil.listed'
            AND a.actor = 'api:100002' AND a.id > $id ORDER BY l.upn" | tr '\n' ' ' | sed 's/ $//')"

id=$(max_id)
expect_eq "a pupil's record: 200" 200 "$(get "$J" /pupils/K999250000002)"
expect_eq "a pupil's record: one pupil.read row, no list rows" "pupil.read|K999250000002" \
    "$(sql "SELECT action || '|' || upn FROM audit_log WHERE id > $id")"

# the audit log's search by a child finds the lists that showed it, naming the child
printf '%s\n' "$PW" | "$ONROLL" user add admin@la.example.gov.uk --name "Ada Admin" \
    --role la_admin --password-stdin >/dev/null 2>&1
expect_eq "the LA administrator signs in" 303 "$(sign_in "$WORK/admin" admin@la.example.gov.uk "$PW")"
expect_eq "audit search by N999250000004: 200" 200 "$(get "$WORK/admin" "/admin/audit?upn=N999250000004")"
python3 -c '
import re, sys
rows = re.findall(r"(?s)<tr class=\"govuk-table__row\">(.*?)</tr>", open(sys.argv[1], encoding="utf-8").read())
cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"(?s)<td[^>]*>(.*?)</td>", r)] for r in rows]
listed = lambda page: sum(1 for c in cells if "pupil.listed" in c and page in c and "N999250000004" in c)
print(listed("/peps"), listed("/pupils"))' "$WORK/body" >"$WORK/n"
expect_eq "... finds both views of /peps and the one of /pupils that listed the child (not the search for Smith), each naming the child" \
    "2 1" "$(cat "$WORK/n")"

# the lists' children are append-only too
sql "DELETE FROM audit_lists" >"$WORK/out" 2>&1
expect_eq "DELETE FROM audit_lists fails" 1 "$([ $? -ne 0 ] && echo 1 || echo 0)"
sql "UPDATE audit_lists SET upn = 'A000000000000'" >"$WORK/out" 2>&1
expect_eq "UPDATE audit_lists fails" 1 "$([ $? -ne 0 ] && echo 1 || echo 0)"
expect_in "... saying it is append-only" "append-only" "$WORK/out"

block_audit
code=$(get "$J" /pupils)
expect_eq "audit log refused: /pupils is not shown (500)" 500 "$code"
expect_not_in "... and names no child" "Okafor" "$WORK/body"
code=$(get "$J" /pupils/K999250000002)
expect_eq "audit log refused: a pupil's record is not shown (500)" 500 "$code"
expect_not_in "... and shows nothing of it" "Campbell" "$WORK/body"
unblock_audit
expect_eq "the log writes again: /peps" 200 "$(get "$J" /peps)"

finish
