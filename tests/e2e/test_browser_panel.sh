#!/bin/sh
# test_browser_panel.sh - the multi-agency panel runs a meeting and a school sees the feedback,
# in a real browser (issue 17, part 9): the test LA of tests/e2e/data (with the LA's 2026/27
# terms, as the server works on today's date) served on a free port, and
# tests/browser/panel.spec.mjs (headless Chromium through playwright-core, axe-core on every
# page). Screenshots go to test-results/screenshots/. Skipped (and said so) when node,
# playwright-core, axe-core or Chromium is missing.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: node, playwright-core, axe-core or $CHROMIUM is missing"
    finish
    exit 0
fi
D=tests/e2e/data
PW=kestrel-rivers-9-lantern
expect_status "init" 0 "$ONROLL" init
expect_status "the test LA" 0 "$ONROLL" import "$D/schools.csv" "$D/calendar.csv" "$D/pupils.csv" \
    "$D/enrolments.csv" "$D/events.csv"
printf 'scope,start,end,kind,label\nLA,2026-09-02,2026-12-18,term,Autumn 2026\nLA,2027-01-04,2027-03-26,term,Spring 2027\n' >"$WORK/cal.csv"
expect_status "the LA's 2026/27 terms" 0 "$ONROLL" import "$WORK/cal.csv"
printf '%s\n' "$PW" | "$ONROLL" user add head@riverside.example.sch.uk --name "Riverside head" --role school --scope 100001 --password-stdin >/dev/null 2>&1
printf '%s\n' "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "Inclusion officer" --role la_officer --password-stdin >/dev/null 2>&1
for s in safeguarding health camhs mash police_liaison early_help; do
    "$ONROLL" notify recipients add "$s" "$s@panel.example.gov.uk" >/dev/null 2>&1
done
cat >"$WORK/fixtures.json" <<J
{"password": "$PW", "school": "head@riverside.example.sch.uk", "la": "officer@la.example.gov.uk",
 "upn": "W999250000001", "day": "$(date +%-d)", "month": "$(date +%-m)", "year": "$(date +%Y)",
 "iso": "$(date +%Y-%m-%d)", "nextYear": "$(($(date +%Y) + 1))"}
J
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec panel.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the decision the browser recorded is on the record" "discussed|CAMHS" \
    "$(sql "SELECT outcome, notified_to FROM events WHERE type = 'referral_update' AND outcome = 'discussed'")"
expect_eq "six messages in the outbox" 6 "$(sql "SELECT COUNT(*) FROM outbox WHERE rule = 'LOCAL-PANEL-ACTION'")"
finish
