#!/bin/sh
# test_browser_scope.sh - who sees what, in a real browser: the LA of scope_data.sh served on a
# free port, and tests/browser/scope.spec.mjs (headless Chromium through playwright-core,
# axe-core on every page) as the claiming school, the LA officer, the previous school and a
# partner service. Screenshots go to test-results/screenshots/. Skipped (and said so) when node,
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
. tests/e2e/scope_data.sh
printf 'upn,urn,start,end,type\n%s,%s,%s,,main\n' "$X" "$S" "$TODAY" >"$WORK/enrolment.csv"
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "la": "la@la.example.gov.uk", "hillside": "head@hillside.example.sch.uk",
 "riverside": "head@riverside.example.sch.uk", "earlyHelp": "eh@la.example.gov.uk",
 "claimFile": "$WORK/enrolment.csv", "claimed": "$X", "claimedName": "Amara Okafor",
 "left": "$K", "referred": "$N"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec scope.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the claim confirmed in the browser is on the record" "confirmed|la" \
    "$(sql "SELECT status, decision FROM claims WHERE upn = '$X' AND urn = $S")"
finish
