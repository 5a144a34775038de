#!/bin/sh
# test_browser_boards.sh - the workshop boards in a real browser (issue 19 parts 2-4): the
# hand-made LA of tests/e2e/offroll/ served on a free port, a workshop with three guests' join
# links made through the pages (curl), then tests/browser/boards.spec.mjs (headless Chromium
# through playwright-core, axe-core on every page): three browser contexts at once (the
# facilitator and two guests) draft, the facilitator reveals, each sees the others' players
# within a second without reloading; a fourth guest with JavaScript off works the list view;
# the boards at 320 px. Screenshots go to test-results/screenshots/. Skipped (and said so) when
# node, playwright-core, axe-core or Chromium is missing.
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
PW=kestrel-river-41
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"
echo "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "Olu Officer" --role la_officer \
    --password-stdin >/dev/null 2>&1
expect_eq "the facilitator's account" 0 $?
start_server
LA=$WORK/la.jar
expect_eq "the facilitator signs in (curl)" 303 "$(sign_in "$LA" officer@la.example.gov.uk "$PW")"
get "$LA" /workshops/new >/dev/null
form_body "$WORK/body" title="Inclusion in Kestrel: whole system" scope=whole_system \
    held_on-day=8 held_on-month=12 held_on-year=2026 mode=in_person >"$WORK/post"
expect_eq "a workshop planned" 303 "$(post "$LA" /workshops/new "$WORK/post")"
ID=$(sql "select id from workshops")
link() { # NAME ROLE: a guest added; their one-time token printed
    get "$LA" "/workshops/$ID/participants/new" >/dev/null
    form_body "$WORK/body" kind=guest name="$1" role="$2" organisation=Kestrel sector=youth \
        >"$WORK/post"
    post "$LA" "/workshops/$ID/participants/new" "$WORK/post" >/dev/null
    sed -n 's/.*id="guest-link" href="\/workshops\/join\/\([^"]*\)".*/\1/p' "$WORK/body"
}
T1=$(link "Gail Guest" "Youth worker")
T2=$(link "Hari Guest" "School nurse")
T3=$(link "Nia Guest" "Parent")
expect_eq "three join links" "43 43 43" "${#T1} ${#T2} ${#T3}"
cat >"$WORK/fixtures.json" <<JSON
{"facilitator": "officer@la.example.gov.uk", "password": "$PW", "workshop": $ID,
 "token1": "$T1", "token2": "$T2", "token3": "$T3"}
JSON
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec boards.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the map's players as the browsers left them" "CAMHS;Kestrel Youth Hub;School nurse;Youth offending team;headteachers" \
    "$(sql "select text from board_cards where tool = 'map' order by text" | tr '\n' ';' | sed 's/;$//')"
expect_eq "the iceberg's note, marked" "CAMHS waiting lists|3|barrier|1" "$(sql "select text, place, kind, intervene from board_cards where tool = 'iceberg'")"
finish
