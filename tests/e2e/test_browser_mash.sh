#!/bin/sh
# test_browser_mash.sh - the MASH records its assessment of a permanent exclusion in a real
# browser (issue 17, part 7): the test LA of tests/e2e/data served on a free port, and
# tests/browser/mash.spec.mjs (headless Chromium through playwright-core, axe-core on every
# page): its duties, the form, an error, the save, the form at 320 px. Screenshots go to
# test-results/screenshots/. Skipped (and said so) when node, playwright-core, axe-core or
# Chromium is missing.
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
PEX=K999250000002
expect_status "init" 0 "$ONROLL" init
expect_status "the test LA" 0 "$ONROLL" import "$D/schools.csv" "$D/calendar.csv" "$D/pupils.csv" \
    "$D/enrolments.csv" "$D/events.csv"
# Hillside told the LA of EX3 (decided Fri 28 Nov 2025) that day: the MASH is told then, and its
# assessment is due AFTER(Fri 28 Nov, 1) = Mon 1 Dec 2025 (Sat 29, Sun 30: weekend).
printf 'event_id,upn,urn,type,start,ref,rule\nNLA3,%s,100002,action,2025-11-28,EX3,STAT-NOTIFY-LA\n' "$PEX" >"$WORK/told.csv"
expect_status "the LA told on the decision day" 0 "$ONROLL" import "$WORK/told.csv"
printf '%s\n' "$PW" | "$ONROLL" user add mash@mash.example.gov.uk --name "MASH duty desk" --role partner --scope mash --password-stdin >/dev/null 2>&1
expect_eq "a MASH account" 0 $?
cat >"$WORK/fixtures.json" <<J
{"password": "$PW", "mash": "mash@mash.example.gov.uk", "upn": "$PEX",
 "form": "/pupils/$PEX/action?urn=100002&event=EX3&rule=LOCAL-MASH-ASSESS"}
J
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec mash.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the assessment the browser recorded is on the record" "LOCAL-MASH-ASSESS|section_47|2025-12-02" \
    "$(sql "SELECT rule, outcome, start_date FROM events WHERE rule = 'LOCAL-MASH-ASSESS'")"
finish
