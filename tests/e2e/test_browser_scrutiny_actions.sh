#!/bin/sh
# test_browser_scrutiny_actions.sh - "What the local authority is doing" (the LA's words in the
# scrutiny report, issue 16 part 4) in a real browser: a small demo LA served on a free port, and
# tests/browser/scrutiny_actions.spec.mjs (headless Chromium through playwright-core, axe-core on
# every page, the form at 320 px) as an LA officer. Screenshots go to test-results/screenshots/.
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
expect_status "a small demo LA" 0 "$ONROLL" demo --schools 6 --pupils 1500 --as-of 2026-12-07
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec scrutiny_actions.spec.mjs "$B" la_officer@demo.onroll.example \
    demo-officer-kestrel 2025/26 "$SHOTS"
expect_eq "the words saved in the browser are in the store, by the officer" \
    "2025|la_officer@demo.onroll.example" "$(sql "SELECT ay, set_by FROM scrutiny_words")"
finish
