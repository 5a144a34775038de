#!/bin/sh
# test_browser_demo_improve.sh - the demo LA's self-improvement records in a real browser: a
# small demo LA (12 schools) served on a free port, then tests/browser/demo_improve.spec.mjs
# (headless Chromium through playwright-core, axe-core on every page): the LA officer's
# portfolio, duties, survey results and summary, workshop map, iceberg and ideas, the theory of
# change and its indicator; the school's survey
# results; three pages at 320 px. Screenshots go to test-results/screenshots/. Skipped (and said
# so) when node, playwright-core, axe-core or Chromium is missing.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ] || ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: node, playwright-core, axe-core, sqlite3 or $CHROMIUM is missing"
    finish
    exit 0
fi
export ONROLL_DB
ONROLL_DB=$(new_db demo)
expect_status "the demo LA (12 schools)" 0 "$ONROLL" demo --schools 12 --pupils 2000 --as-of 2026-12-07
E=$(sql "select count(*) from reviews where instrument = 'wellbeing-audit' and ay = 2026")
SID=$(sql "select id from surveys where template = 'kingsford-resilience'")
WS=$(sql "select id from workshops where scope = 'whole_system'")
TOC=$(sql "select id from toc where workshop_id = $WS")
expect_eq "a survey and a workshop" "1 1" "$(echo "$SID" | grep -c .) $(echo "$WS" | grep -c .)"
cat >"$WORK/fixtures.json" <<JSON
{"engaged": $E, "schools": 12, "survey": $SID, "workshop": $WS, "theory": ${TOC:-0}}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec demo_improve.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
finish
