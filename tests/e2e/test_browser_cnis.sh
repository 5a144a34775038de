#!/bin/sh
# test_browser_cnis.sh - children not in school in a real browser (issue 17, "Done means": the LA
# records a CME case and its enquiries): the movements scenario (tests/e2e/movements/), a school
# records on its movement form that a pupil is missing education, and
# tests/browser/cnis.spec.mjs signs in as the LA officer, finds the child on the register, records
# an enquiry (still missing), then one that closes the case, and reads the register at 320 px.
# Screenshots go to test-results/screenshots/. Skipped (and said so) when node, playwright-core,
# axe-core or Chromium is missing.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: node, playwright-core, axe-core or $CHROMIUM is missing"
    finish
    exit 0
fi
M=$(pwd)/tests/e2e/movements
"$ONROLL" init >/dev/null 2>&1
expect_status "the scenario imports" 0 "$ONROLL" import "$M/schools.csv" "$M/calendar.csv" \
    "$M/pupils.csv" "$M/enrolments.csv"
cat >"$WORK/exits.csv" <<'CSV'
event_id,upn,urn,type,start
CME-D,J999271000004,200001,cme,2026-01-23
EHE-B,F999271000002,200001,ehe,2026-01-12
CSV
expect_status "a child missing education and one home educated" 0 "$ONROLL" import "$WORK/exits.csv"
PW=heron-valley-register-41
echo "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "CME officer" --role la_officer \
    --password-stdin >/dev/null
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "la": "officer@la.example.gov.uk", "upn": "J999271000004", "name": "Dana Dunn"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec cnis.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "two enquiries in the store, the last closing the case" "2|found_home_educated" \
    "$(sql "select count(*) from events where type = 'action' and rule = 'LOCAL-CME-ENQUIRY'")|$(sql "select outcome from events where type = 'action' and rule = 'LOCAL-CME-ENQUIRY' order by start_date desc limit 1")"
finish
