#!/bin/sh
# test_browser_ideas.sh - Energy for change in a real browser (issue 19 part 5): the hand-made LA
# of tests/e2e/offroll/ served on a free port, a workshop run by an LA officer with three guests'
# one-time links (made here through the pages, with curl), and tests/browser/ideas.spec.mjs
# (headless Chromium through playwright-core, axe-core on every page): three contexts draft,
# the reveal and the results reach the open pages within a second, the fourth vote in a
# criterion is refused, the ranking is the hand count, a commitment becomes the SENCO's duty, a
# context without JavaScript works the board at 320 px. Screenshots go to
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
O=$(pwd)/tests/e2e/offroll
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"
echo kestrel-river-41 | "$ONROLL" user add officer@la.example.gov.uk --name "Olu Officer" \
    --role la_officer --password-stdin >/dev/null 2>&1
expect_eq "the officer's account" 0 $?
echo ashgrove-kestrel-1 | "$ONROLL" user add senco@ashgrove.example.uk --name "Sam Senco" \
    --role school --scope 300001 --password-stdin >/dev/null 2>&1
expect_eq "the SENCO's account" 0 $?
start_server
LA=$WORK/la.jar
expect_eq "the officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
get "$LA" /workshops/new >/dev/null
form_body "$WORK/body" title="Inclusion 2027" scope=whole_system urn= series= held_on-day=8 \
    held_on-month=12 held_on-year=2026 mode=online >"$WORK/post"
expect_eq "a workshop" 303 "$(post "$LA" /workshops/new "$WORK/post")"
W=$(sed -n 's|^[Ll]ocation: /workshops/\([0-9]*\).*|\1|p' "$WORK/headers" | tr -d '\r')
LINKS=""
for g in A B C; do
    get "$LA" "/workshops/$W/participants/new" >/dev/null
    form_body "$WORK/body" kind=guest email= name="Guest $g" role=Parent organisation= \
        sector=charity >"$WORK/post"
    expect_eq "guest $g's link" 200 "$(post "$LA" "/workshops/$W/participants/new" "$WORK/post")"
    link=$(sed -n 's|.*href="\(/workshops/join/[^"]*\)".*|\1|p' "$WORK/body" | head -n 1)
    LINKS="$LINKS${LINKS:+, }\"$link\""
done
cat >"$WORK/fixtures.json" <<JSON
{"workshop": $W, "facilitator": "officer@la.example.gov.uk", "password": "kestrel-river-41",
 "senco": "senco@ashgrove.example.uk", "sencoPassword": "ashgrove-kestrel-1",
 "links": [$LINKS], "idea1": "IDEA1"}
JSON
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
# the first idea's id is known once written: the spec reads it from here
ID1=$(( $(sql "select coalesce(max(id), 0) from ideas") + 1 ))
sed -i "s/\"IDEA1\"/\"$ID1\"/" "$WORK/fixtures.json"
CHROMIUM=$CHROMIUM run_spec ideas.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "four ideas" 4 "$(sql "select count(*) from ideas")"
expect_eq "eight votes (A 4, B 3, C 1; the refused one not counted)" 8 "$(sql "select count(*) from idea_votes")"
expect_eq "the commitment, done" "$ID1|senco@ashgrove.example.uk|2027-03-26|1" "$(sql "select idea_id, owner, due_on, done_on <> '' from idea_commitments")"
finish
