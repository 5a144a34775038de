#!/bin/sh
# test_browser_toc.sh - a theory of change in a real browser (issue 19 part 6): the demo LA
# (6 schools, 3,000 pupils, data to 10 July 2026) served on a free port, and
# tests/browser/toc.spec.mjs (headless Chromium through playwright-core, axe-core on every
# page): the LA officer builds a small theory with an accountable outcome and a Year 7
# suspension-rate indicator and sees its chart, each term's figure the one `onroll report rates
# --from --to` prints (worked out here, with the terms read from the calendar rows); pages at
# 320 px. Screenshots go to test-results/screenshots/. Skipped (and said so) when node,
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
S1=140937 # Brookfield Academy
PW=kestrel-river-41
expect_status "the demo LA" 0 "$ONROLL" demo --schools 6 --pupils 3000 --as-of 2026-07-10 \
    --no-attendance
echo "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "LA officer" --role la_officer \
    --password-stdin >/dev/null 2>&1
expect_eq "the LA officer's account" 0 $?
terms=$(sql "select start_date || '_' || end_date from calendar where scope = 0 and kind = 'term' and start_date >= '2025-09-01' and start_date <= '2026-08-31' order by start_date")
figs=""
for t in $terms; do
    "$ONROLL" report rates --year 2025/26 --by school,year_group --from "${t%_*}" --to "${t#*_}" \
        --unsuppressed >"$WORK/cli.csv"
    f=$(python3 -c '
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["school"] == sys.argv[2] and r["year_group"] == "7"]
print(rows[0]["susp_rate"])' "$WORK/cli.csv" $S1)
    figs="$figs${figs:+, }\"$f\""
done
expect_eq "three terms' figures from the CLI" 3 "$(echo "$figs" | tr ',' '\n' | wc -l)"
start_server
# a workshop with a theory of change of its own, for its report's section (curl)
LA=$WORK/la.jar
expect_eq "the LA officer signs in (curl)" 303 "$(sign_in "$LA" officer@la.example.gov.uk "$PW")"
get "$LA" /workshops/new >/dev/null
form_body "$WORK/body" title="Inclusion in Kestrel: staff" scope=staff held_on-day=8 \
    held_on-month=12 held_on-year=2026 mode=in_person >"$WORK/post"
expect_eq "a workshop" 303 "$(post "$LA" /workshops/new "$WORK/post")"
W=$(sql "select id from workshops where title = 'Inclusion in Kestrel: staff'") # not the demo's
get "$LA" "/theories/new?workshop=$W" >/dev/null
form_body "$WORK/body" title="Staff session theory" owner=0 \
    aim="Early identification of risk of exclusion" >"$WORK/post"
expect_eq "... its theory of change" 303 "$(post "$LA" /theories/new "$WORK/post")"
cat >"$WORK/fixtures.json" <<JSON
{"la": "officer@la.example.gov.uk", "password": "$PW", "school": "$S1", "terms": [$figs],
 "report": "/workshops/$W/report"}
JSON
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec toc.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the LA's theory" "0|Fewer suspensions in Year 7" "$(sql "SELECT owner_urn, title FROM toc WHERE title = 'Fewer suspensions in Year 7'")"
expect_eq "its indicator" "susp_rate|$S1|7" "$(sql "SELECT i.statistic, i.urn, i.year_group FROM toc_indicators i JOIN toc t ON t.id = i.toc_id WHERE t.title = 'Fewer suspensions in Year 7'")"
finish
