#!/bin/sh
# test_browser_portfolio.sh - the LA's portfolio of reviews and the partnership meetings in a real
# browser (issue 18 part 3): tests/e2e/portfolio_fixture.py's LA with test_portfolio.sh's reviews
# served on a free port, and tests/browser/portfolio.spec.mjs (headless Chromium through
# playwright-core, axe-core on every page): the LA officer opens the portfolio from /reviews,
# filters and downloads it; a school records its partnership meeting and the duty moves on; pages
# at 320 px. Screenshots go to test-results/screenshots/. Skipped (and said so) when node,
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
python3 tests/e2e/portfolio_fixture.py "$WORK"
. "$WORK/dates.env"
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv"
review() { # ID URN AY STATUS COMPLETED_AT
    sql "insert into reviews (id, urn, ay, instrument, version, status, started_by, started_at, completed_at) values ($1, $2, $3, 'wellbeing-audit', 1, '$4', 'seed', '2025-09-10T09:00:00Z', '$5')" >/dev/null
}
judge() { # REVIEW_ID AREA LEVEL
    sql "insert into review_answers (review_id, item, value, set_by, set_at) values ($1, 'a$2.j1', '$3', 'seed', '2025-09-10T09:00:00Z')" >/dev/null
}
P=$((AY - 1))
review 1 400001 "$AY" complete "$DONE_RECENT"
judge 1 1 Established
judge 1 2 Advanced
review 2 400001 "$P" complete "$DONE_LAST_YEAR"
judge 2 1 Emerging
judge 2 2 Advanced
review 3 400002 "$AY" started ""
judge 3 1 Emerging
review 4 400002 "$P" complete "$DONE_LAST_YEAR"
judge 4 1 Established
review 5 400003 "$P" complete "$DONE_LAST_YEAR"
review 6 400005 "$AY" complete "$DONE_OLD"
judge 6 1 Advanced
review 7 400005 "$P" complete "$DONE_OLD"
judge 7 1 Advanced
expect_eq "seven reviews seeded" 7 "$(sql "select count(*) from reviews")"
echo "birch-kestrel-22" | "$ONROLL" user add head@birch.example.uk --name "Head of Birch" \
    --role school --scope 400002 --password-stdin >/dev/null 2>&1
expect_eq "the school's account" 0 $?
echo "kestrel-river-41" | "$ONROLL" user add officer@la.example.gov.uk --name "LA officer" \
    --role la_officer --password-stdin >/dev/null 2>&1
expect_eq "the LA officer's account" 0 $?
cat >"$WORK/fixtures.json" <<JSON
{"school": "head@birch.example.uk", "schoolPassword": "birch-kestrel-22",
 "la": "officer@la.example.gov.uk", "laPassword": "kestrel-river-41",
 "today": "$TODAY", "h0": "$H0_WORDS", "e1": "$E1_WORDS"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec portfolio.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "one meeting, the school's, with the three roles" "400002|smhl;camhs;wfp" "$(sql "SELECT urn, roles FROM partnership_meetings")"
finish
