#!/bin/sh
# test_browser_risk.sh - children at risk in a real browser: the LA of risk_data.sh served on a
# free port, and tests/browser/risk.spec.mjs (headless Chromium through playwright-core,
# axe-core on every page) as the LA officer (the list, its filters and sorting, by mouse and by
# keyboard) and a school at 320 px wide. Screenshots go to test-results/screenshots/. Skipped
# (and said so) when node, playwright-core, axe-core or Chromium is missing.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: node, playwright-core, axe-core or $CHROMIUM is missing"
    finish
    exit 0
fi
. tests/e2e/risk_data.sh
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "la": "officer@la.example.gov.uk", "school": "school@ashby.example.gov.uk"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec risk.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
finish
