#!/bin/sh
# test_browser_analyst.sh - the analyst's main job in a real browser (issue 14): the demo LA
# served on a free port, tests/browser/analyst.spec.mjs (headless Chromium through
# playwright-core, axe-core on every page) breaks the rates down by EAL on /reports, on a laptop
# and at 320 px. Screenshots go to test-results/screenshots/. Skipped (and said so) when node,
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
"$ONROLL" demo --schools 20 --pupils 4000 --as-of 2026-11-24 --no-attendance >"$WORK/demo.out" 2>&1
expect_eq "demo LA created" 0 $?
EMAIL=$(awk '$1 == "analyst" { print $2 }' "$WORK/demo.out")
PW=$(awk '$1 == "analyst" { print $4 }' "$WORK/demo.out")
printf '{"email": "%s", "password": "%s"}\n' "$EMAIL" "$PW" >"$WORK/fixtures.json"
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec analyst.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
finish
