#!/bin/sh
# test_browser_dashboards.sh - every role's dashboard in a real browser (issue 14): the demo LA
# (`onroll demo`, full size) served on a free port, and tests/browser/dashboards.spec.mjs
# (headless Chromium through playwright-core, axe-core on every page) signing in as each demo
# account: lands on the dashboard, no taller than 3,000 px at 1280 px wide, nothing sideways at
# 320 px, every link answering. Screenshots go to test-results/screenshots/ (ONROLL_SCREENSHOTS).
# Skipped (and said so) when node, playwright-core, axe-core or Chromium is missing.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: node, playwright-core, axe-core or $CHROMIUM is missing"
    finish
    exit 0
fi
"$ONROLL" demo >"$WORK/demo.out" 2>&1
expect_eq "the demo LA is created" 0 $?
account() { awk -v r="$1" '$1 == r { printf "{\"email\": \"%s\", \"password\": \"%s\"}", $2, $4 }' "$WORK/demo.out"; }
URN=$(awk '$1 == "school" { print $3 }' "$WORK/demo.out")
SCHOOL_NAME=$(sql "SELECT name FROM schools WHERE urn = $URN")
cat >"$WORK/fixtures.json" <<JSON
{"urn": "$URN", "schoolName": "$SCHOOL_NAME", "accounts": {
 "la_officer": $(account la_officer), "la_admin": $(account la_admin), "school": $(account school),
 "virtual_school": $(account virtual_school), "partner": $(account partner),
 "social_worker": $(account social_worker), "youth_justice": $(account youth_justice),
 "analyst": $(account analyst)}}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec dashboards.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
finish
