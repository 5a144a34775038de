#!/bin/sh
# test_browser_reviews.sh - self-evaluation reviews in a real browser (issue 18 parts 1-2): the
# hand-made LA of tests/e2e/offroll/ served on a free port, and tests/browser/reviews.spec.mjs
# (headless Chromium through playwright-core, axe-core on every page): a SENCO completes part of
# the SEND review, gets its action plan and sees the first action on the school's duties; pages
# at 320 px. Screenshots go to test-results/screenshots/. Skipped (and said so) when node,
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
O=$(pwd)/tests/e2e/offroll
PW=ashgrove-kestrel-1
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"
# Ashgrove's three pupils on roll (none with SEN; born 2010, 15 on 31 August 2025: of
# compulsory school age) attended 95, 88 and 100 of 100 sessions in the autumn of 2025: by hand,
# 283 of 300 = 94.33%; below 90% one (88): 1 of 3 = 33.33%; with SEN none.
cat >"$WORK/attendance.csv" <<CSV
upn,urn,from,to,possible,present,authorised,unauthorised
H999420124008,300001,2025-09-03,2025-12-19,100,95,5,0
X999420124009,300001,2025-09-03,2025-12-19,100,88,12,0
H999420124010,300001,2025-09-03,2025-12-19,100,100,0,0
CSV
expect_status "import Ashgrove's attendance" 0 "$ONROLL" import "$WORK/attendance.csv"
echo "$PW" | "$ONROLL" user add senco@ashgrove.example.uk --name "SENCO" --role school \
    --scope 300001 --password-stdin >/dev/null 2>&1
expect_eq "the SENCO's account" 0 $?
cat >"$WORK/fixtures.json" <<JSON
{"school": "senco@ashgrove.example.uk", "password": "$PW"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec reviews.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "one review, complete" complete "$(sql "SELECT status FROM reviews")"
expect_eq "one action, its lead's" "Ms Senco, SENCO|2026-05-22" "$(sql "SELECT lead, due_on FROM review_actions")"
finish
