#!/bin/sh
# test_browser_movements.sh - pupil movements in a real browser: the scenario of
# tests/e2e/movements/ served on a free port, and tests/browser/movements.spec.mjs (headless
# Chromium through playwright-core, axe-core on every page): a school records a managed move
# and an elective home education; the forms at 320 px. Screenshots go to
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
M=$(pwd)/tests/e2e/movements
PW=kestrel-river-41
expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$M/schools.csv" "$M/calendar.csv" \
    "$M/pupils.csv" "$M/enrolments.csv"
echo "$PW" | "$ONROLL" user add head@eastfield.example.sch.uk --name "Eastfield head" --role school \
    --scope 200001 --password-stdin >/dev/null 2>&1
expect_eq "the school's account" 0 $?
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "school": "head@eastfield.example.sch.uk", "schoolName": "Eastfield Academy",
 "moved": "R999271000001", "movedName": "Amir Ahmed", "toName": "Westgate School",
 "ehe": "F999271000002", "eheName": "Beth Bell", "stays": "Y999271000005"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec movements.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the managed move ended Amir's enrolment" "2026-01-23|Managed move" \
    "$(sql "SELECT CAST(end_date AS TEXT), leaving_reason FROM enrolments WHERE upn = 'R999271000001' AND urn = 200001")"
expect_eq "the EHE ended Beth's" "2026-02-06|Elective home education" \
    "$(sql "SELECT CAST(end_date AS TEXT), leaving_reason FROM enrolments WHERE upn = 'F999271000002' AND urn = 200001")"
finish
