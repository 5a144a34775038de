#!/bin/sh
# test_browser_inbox.sh - the Virtual School and the Re-engagement Unit at work, in a real
# browser: the LA of lists2_data.sh served on a free port, and tests/browser/inbox.spec.mjs
# (headless Chromium through playwright-core, axe-core on every page): the Virtual School finds
# the looked-after children with no school place; the REU accepts a referral from its inbox and
# sees it move to accepted; the inbox at 320 px. Screenshots go to test-results/screenshots/.
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
. tests/e2e/lists2_data.sh
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "vs": "vs@la.example.gov.uk", "reu": "reu@la.example.gov.uk",
 "noPlace": ["Kim Pope", "Leo Dale", "Mia Todd"], "newName": "Ada Price"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec inbox.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the acceptance made in the browser is on the record" "1" \
    "$(sql "SELECT count(*) FROM events WHERE type = 'referral_update' AND ref = 'R1' AND outcome = 'accepted'")"
finish
