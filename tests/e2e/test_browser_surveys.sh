#!/bin/sh
# test_browser_surveys.sh - surveys in a real browser (issue 18 part 4): the LA of
# tests/e2e/surveys/ served on a free port, and tests/browser/surveys.spec.mjs (headless
# Chromium through playwright-core, axe-core on every page): a school starts a survey from
# Kingsford's template, sets its scale, adds a question, opens wave 1, issues links for Year 7
# and sees the printable sheet; pages at 320 px. Screenshots go to test-results/screenshots/.
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
S=$(pwd)/tests/e2e/surveys
PW=ashgrove-kestrel-1
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import "$S/schools.csv" "$S/pupils.csv" \
    "$S/enrolments.csv"
echo "$PW" | "$ONROLL" user add head@ashgrove.example.uk --name "Head" --role school \
    --scope 300001 --password-stdin >/dev/null 2>&1
expect_eq "the school's account" 0 $?
cat >"$WORK/fixtures.json" <<JSON
{"school": "head@ashgrove.example.uk", "password": "$PW"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec surveys.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "one survey, from Kingsford's template" "kingsford-resilience|Year 7 nurture group" "$(sql "SELECT template, title FROM surveys")"
expect_eq "40 questions (39 and the one added)" 40 "$(sql "SELECT definition FROM surveys" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(x["items"]) for x in d["domains"]))')"
expect_eq "one wave" "1|Before the nurture group" "$(sql "SELECT n, label FROM survey_waves")"
expect_eq "six links: four for Year 7, two without names" 6 "$(count_rows survey_respondents)"
finish
