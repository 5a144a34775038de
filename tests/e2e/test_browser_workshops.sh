#!/bin/sh
# test_browser_workshops.sh - a workshop in real browsers (issue 19 parts 1 and 7): the hand-made
# LA of tests/e2e/offroll/ served on a free port, and tests/browser/workshops.spec.mjs (headless
# Chromium through playwright-core, axe-core on every page): an LA officer plans a workshop and
# makes a guest link; the guest joins in a second browser context; both write their definition
# of the system's purpose; the officer reveals and the guest's open page shows both within a
# second; the report; pages at 320 px. Screenshots go to test-results/screenshots/. Skipped (and
# said so) when node, playwright-core, axe-core or Chromium is missing.
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
echo "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "Olu Officer" --role la_officer \
    --password-stdin >/dev/null 2>&1
expect_eq "the officer's account" 0 $?
cat >"$WORK/fixtures.json" <<JSON
{"officer": "officer@la.example.gov.uk", "password": "$PW"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
rm -f "$SHOTS"/workshops-*.png # this run's only
CHROMIUM=$CHROMIUM run_spec workshops.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "one workshop, its definitions revealed" "1|purpose" "$(sql "SELECT count(DISTINCT w.id) || '|' || max(r.tool) FROM workshops w JOIN workshop_reveals r ON r.workshop = w.id")"
expect_eq "the guest joined once" "Gail G.|0" "$(sql "SELECT display_name, name_consent FROM workshop_participants WHERE email = '' AND joined_at IS NOT NULL")"
finish
