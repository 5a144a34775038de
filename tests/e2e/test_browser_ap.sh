#!/bin/sh
# test_browser_ap.sh - alternative provision in a real browser (issue 17 parts 1 and 2): the
# plans scenario (tests/e2e/plans/) served on a free port, and tests/browser/ap.spec.mjs
# (headless Chromium through playwright-core, axe-core on every page): the LA adds a provider,
# records its QA, places a pupil and sees the half-termly review due on /duties; pages at
# 320 px. Screenshots go to test-results/screenshots/. Skipped (and said so) when node,
# playwright-core, axe-core or Chromium is missing, or before the scenario's dates are past.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: node, playwright-core, axe-core or $CHROMIUM is missing"
    finish
    exit 0
fi
if [ "$(date +%Y%m%d)" -lt 20260801 ]; then
    echo "skipped: the scenario's dates (to July 2026) must be in the past"
    finish
    exit 0
fi
P=$(pwd)/tests/e2e/plans
PW=kestrel-river-41
expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$P/schools.csv" "$P/calendar.csv" \
    "$P/pupils.csv" "$P/enrolments.csv"
echo "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "LA officer" --role la_officer \
    --password-stdin >/dev/null 2>&1
expect_eq "the LA officer's account" 0 $?
ymd() { python3 -c "import datetime,sys; d=datetime.date.today()+datetime.timedelta(days=int(sys.argv[1])); print('[%d, %d, %d]' % (d.year, d.month, d.day))" "$1"; }
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "la": "officer@la.example.gov.uk", "pupil": "F999261000006",
 "pupilName": "Freya Foster", "urn": "200002", "checked": $(ymd -30), "soon": $(ymd 10)}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec ap.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "one placement saved" 1 "$(sql "SELECT COUNT(*) FROM events WHERE type = 'ap_placement'")"
expect_eq "one check saved" 1 "$(count_rows ap_qa)"
finish
