#!/bin/sh
# test_browser_survey_answer.sh - a pupil answers a survey on a phone, and the school sees the
# change, in a real browser (issue 18 part 4): the surveys of tests/e2e/survey_data.sh; wave 1
# answered by R1..R8 and wave 2 by R2..R6 and R9 with curl (test_survey_answer.sh's answers),
# then tests/browser/survey_answer.spec.mjs (headless Chromium through playwright-core, axe-core
# on every page): R1 answers wave 2 with its link at 320 px, is refused a second time; the
# school sees the before/after change with no names, the CSV link and the governors' summary.
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
O=$(pwd)/tests/e2e/offroll
PW=ashgrove-kestrel-1
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"
. tests/e2e/survey_data.sh
survey_fixture
echo "$PW" | "$ONROLL" user add head@ashgrove.example.uk --name "Head" --role school \
    --scope 300001 --password-stdin >/dev/null 2>&1
expect_eq "the school's account" 0 $?
start_server
S="Strongly Agree"
A="Agree"
D="Do not Agree"
for r in "$T1|$A|$S|$D|$A" "$T2|$A|$S|$D|$A" "$T3|$A|$S|$D|$A" "$T4|$D|$S|$A|$A" \
    "$T5|$A|$S|$A|$S" "$T6|$D|$S|$A|$S" "$T7|$D|$S|$A|$S" "$T8|$A|$S|$A|$A"; do
    IFS='|' read -r t b1 b2 g1 g2 <<EOF
$r
EOF
    expect_eq "wave 1 answered" 200 "$(answer "$t" "$b1" "$b2" "$g1" "$g2")"
done
sql "UPDATE survey_waves SET closes_on = '$YESTERDAY' WHERE id = $W1" >/dev/null
sql "INSERT INTO survey_waves (survey_id, n, label, opens_on, closes_on) VALUES ($SA, 2, 'Spring', '$TODAY', '$LATER')" >/dev/null
for r in "$T2|$S|$S|$A|$S|SECRET-COMMENT-2" "$T3|$S|$S|$A|$S|SECRET-COMMENT-3" "$T4|$A|$S|$S|$A|" \
    "$T5|$A|$S|$S|$A|" "$T6|$A|$D|$A|$A|" "$T9|$A|$S|$S|$A|"; do
    IFS='|' read -r t b1 b2 g1 g2 c <<EOF
$r
EOF
    expect_eq "wave 2 answered" 200 "$(answer "$t" "$b1" "$b2" "$g1" "$g2" "$c")"
done
cat >"$WORK/fixtures.json" <<JSON
{"school": "head@ashgrove.example.uk", "password": "$PW", "token": "$T1", "survey": "$SA"}
JSON
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec survey_answer.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "R1's answers of wave 2, stored once" 5 "$(sql "select count(*) from survey_answers a join survey_waves w on w.id = a.wave_id where w.n = 2 and a.respondent_id = (select id from survey_respondents where pseudonym = 'PSEUDO01')")"
finish
