#!/bin/sh
# test_browser_roni.sh - the Risk of NEET Indicator in a real browser: the LA of roni_data.sh
# served on a free port, and tests/browser/roni.spec.mjs (headless Chromium through
# playwright-core, axe-core on every page, 320 px): a school's careers leader changes a score
# with a reason and sees it; the LA's views; the analyst refused. Screenshots go to
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
. tests/e2e/roni_data.sh
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "school": "school@ashby.example.gov.uk", "la": "officer@la.example.gov.uk",
 "analyst": "analyst@la.example.gov.uk", "cara": "$CARA", "other": "$DAN"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec roni.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the change made in the browser is stored" "1|4" \
    "$(sql "select score, calculated from roni_overrides where upn = '$CARA'")"
# stop the server and let it finish writing (its saved model) before the directory goes
for p in $PIDS; do kill "$p" 2>/dev/null; done
wait
PIDS=""
finish
