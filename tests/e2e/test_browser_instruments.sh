#!/bin/sh
# test_browser_instruments.sh - the LA's versions of instruments in a real browser (issue 18
# part 1): the hand-made LA of tests/e2e/offroll/ served on a free port, and
# tests/browser/instruments.spec.mjs (headless Chromium through playwright-core, axe-core on
# every page): an LA officer renames the Wellbeing Framework's placeholder area 6, adds an item,
# saves version 2; a review started before keeps version 1, a new one takes version 2; pages at
# 320 px. Screenshots go to test-results/screenshots/. Skipped (and said so) when node,
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
PW=kestrel-river-41
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"
echo "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "LA officer" --role la_officer \
    --password-stdin >/dev/null 2>&1
expect_eq "the LA officer's account" 0 $?
cat >"$WORK/fixtures.json" <<JSON
{"la": "officer@la.example.gov.uk", "password": "$PW"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec instruments.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "version 2 stored, by the officer" "wellbeing-audit|2|officer@la.example.gov.uk" \
    "$(sql "SELECT instrument, version, made_by FROM instrument_versions")"
expect_eq "the two reviews on versions 1 and 2" "300001|1 300002|2" \
    "$(sql "SELECT urn, version FROM reviews ORDER BY urn" | tr '\n' ' ' | sed 's/ $//')"
finish
