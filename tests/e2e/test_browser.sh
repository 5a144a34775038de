#!/bin/sh
# test_browser.sh - the web application in a real browser, every role: makes a small demo LA,
# picks from its database the pupils each role's job needs (fixtures.json: a pupil to record a
# suspension for, a school's own pupil and another school's, the social worker's open
# caseload...), serves it on a free port and runs tests/browser/web.spec.mjs (headless
# Chromium through playwright-core, axe-core on every page). Screenshots of the main pages go
# to test-results/screenshots/. Skipped when node, playwright-core, axe-core or Chromium is
# missing.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    echo "skipped: node is not installed"
    finish
    exit 0
elif [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    echo "skipped: node_modules/playwright-core or axe-core missing (npm ci)"
    finish
    exit 0
elif [ ! -x "$CHROMIUM" ]; then
    echo "skipped: $CHROMIUM is not installed (apt-get install chromium)"
    finish
    exit 0
elif [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi

TODAY=$(date +%Y-%m-%d)
expect_status "demo LA (12 schools, 2,000 pupils)" 0 "$ONROLL" demo --schools 12 --pupils 2000
cp "$WORK/out" "$WORK/demo.out"

# ---- fixtures: from the demo's accounts and its database ----
URN=$(awk '$1 == "school" { print $3 }' "$WORK/demo.out")
SW_EMAIL=$(awk '$1 == "social_worker" { print $2 }' "$WORK/demo.out")
YJ_EMAIL=$(awk '$1 == "youth_justice" { print $2 }' "$WORK/demo.out")
on_roll="start_date <= '$TODAY' AND (end_date IS NULL OR end_date >= '$TODAY')"
OWN_UPN=$(sql "SELECT upn FROM enrolments WHERE urn = $URN AND reg_type = 'main' AND $on_roll
    ORDER BY upn LIMIT 1")
OTHER_URN=$(sql "SELECT urn FROM schools WHERE urn <> $URN ORDER BY urn LIMIT 1")
OTHER_UPN=$(sql "SELECT upn FROM enrolments WHERE urn = $OTHER_URN AND upn NOT IN
    (SELECT upn FROM enrolments WHERE urn = $URN) ORDER BY upn LIMIT 1")
OTHER_NAME=$(sql "SELECT forename || ' ' || surname FROM pupil_snapshots WHERE upn = '$OTHER_UPN'
    ORDER BY as_of DESC LIMIT 1")
# a pupil on a school's roll today with no event at all: the LA officer records a suspension
RECORD=$(sql "SELECT upn, urn FROM enrolments WHERE reg_type = 'main' AND $on_roll
    AND upn NOT IN (SELECT upn FROM events) AND upn NOT IN (SELECT upn FROM caseload)
    ORDER BY upn LIMIT 1")
RECORD_UPN=${RECORD%%|*}
RECORD_URN=${RECORD##*|}
caseload() { # caseload ROLE [WORKER]: the open caseload's UPNs today, one a line
    w=""
    [ -n "${2:-}" ] && w="AND lower(worker) = lower('$2')"
    sql "SELECT DISTINCT upn FROM caseload WHERE role = '$1' $w AND $on_roll ORDER BY upn"
}
caseload social_worker "$SW_EMAIL" >"$WORK/sw.txt"
caseload youth_justice "$YJ_EMAIL" >"$WORK/yj.txt"
NOT_CASE_UPN=$(sql "SELECT upn FROM pupil_snapshots WHERE upn NOT IN (SELECT upn FROM caseload)
    AND upn NOT IN (SELECT upn FROM enrolments WHERE urn = $URN) ORDER BY upn LIMIT 1")
# the start date: the last weekday up to today in the LA's term time (no holiday)
sql "SELECT start_date, end_date, kind FROM calendar WHERE scope IN (0, $RECORD_URN)" >"$WORK/cal.txt"
RECORD_DATE=$(python3 -c '
import datetime, sys
rows = [l.strip().split("|") for l in open(sys.argv[1]) if l.strip()]
d = datetime.date.fromisoformat(sys.argv[2])
for _ in range(60):
    s = d.isoformat()
    term = any(k == "term" and a <= s <= b for a, b, k in rows)
    off = any(k != "term" and a <= s <= b for a, b, k in rows)
    if d.weekday() < 5 and term and not off:
        break
    d -= datetime.timedelta(days=1)
print(d.isoformat())' "$WORK/cal.txt" "$TODAY")

if [ -z "$URN" ] || [ -z "$OWN_UPN" ] || [ -z "$OTHER_UPN" ] || [ -z "$RECORD_UPN" ] ||
    [ ! -s "$WORK/sw.txt" ] || [ -z "$NOT_CASE_UPN" ]; then
    fail "fixtures from the demo LA" "urn=$URN own=$OWN_UPN other=$OTHER_UPN record=$RECORD_UPN \
not_case=$NOT_CASE_UPN sw=$(wc -l <"$WORK/sw.txt")"
    finish
    exit 1
fi
pass "fixtures: record $RECORD_UPN at $RECORD_URN on $RECORD_DATE; school $URN; social worker \
$(wc -l <"$WORK/sw.txt" | tr -d ' ') children"

python3 - "$WORK/demo.out" "$WORK/fixtures.json" <<EOF
import json, sys
accounts = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 4 and "@" in f[1]:
        accounts[f[0]] = {"email": f[1], "scope": f[2], "password": f[3]}
lines = lambda p: [l.strip() for l in open(p) if l.strip()]
json.dump({
    "accounts": accounts,
    "school_urn": int("$URN"), "other_urn": int("$OTHER_URN"),
    "own_upn": "$OWN_UPN", "other_upn": "$OTHER_UPN", "other_upn_name": "$OTHER_NAME",
    "record_upn": "$RECORD_UPN", "record_urn": int("$RECORD_URN"), "record_date": "$RECORD_DATE",
    "caseload": lines("$WORK/sw.txt"), "not_case_upn": "$NOT_CASE_UPN",
    "scoped": {"youth_justice": lines("$WORK/yj.txt")},
}, open(sys.argv[2], "w"), indent=1)
EOF

# ---- the server ----
start_server

SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM node tests/browser/web.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS" >"$WORK/browser" 2>&1
rc=$?
# the spec's own checks count as this script's
grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$WORK/browser"
bp=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$WORK/browser" | tail -n 1)
bf=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$WORK/browser" | tail -n 1)
_passed=$((_passed + ${bp:-0}))
_failed=$((_failed + ${bf:-0}))
if [ $rc -ne 0 ] && [ "${bf:-0}" -eq 0 ]; then
    fail "the browser test ran (exit $rc)" "$(tail -n 20 "$WORK/browser")"
fi

# ---- after the browser: the database has what the form saved ----
expect_eq "the suspension recorded through the form is stored, from the web form" "1|form" \
    "$(sql "SELECT COUNT(*), MAX(s.kind) FROM events e JOIN sources s ON s.id = e.src_id
        WHERE e.upn = '$RECORD_UPN' AND e.type = 'suspension'")"
expect_eq "... and logged" 1 "$(sql "SELECT CASE WHEN COUNT(*) > 0 THEN 1 ELSE 0 END FROM audit_log
    WHERE upn = '$RECORD_UPN' AND action = 'change'")"
echo "screenshots: $(ls "$SHOTS"/*.png 2>/dev/null | wc -l | tr -d ' ') in $SHOTS"
finish
