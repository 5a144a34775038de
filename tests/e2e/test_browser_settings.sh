#!/bin/sh
# test_browser_settings.sh - the settings and the letter from its duty in a real browser: a
# small LA served on a free port, and tests/browser/settings.spec.mjs (headless Chromium through
# playwright-core, axe-core on every page, 320 px) as the LA administrator and a school.
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
cat >"$WORK/schools.csv" <<'CSV'
urn,laestab,name,phase,la_code,type
100001,9994001,Hillside Academy,secondary,999,academy
100002,9994002,Riverside School,secondary,999,maintained
CSV
cat >"$WORK/calendar.csv" <<'CSV'
scope,start,end,kind,label
LA,2025-09-03,2025-12-19,term,Autumn 2025
LA,2025-10-27,2025-10-31,holiday,Autumn half-term
LA,2026-01-05,2026-03-27,term,Spring 2026
LA,2026-04-13,2026-07-22,term,Summer 2026
LA,2026-09-02,2026-12-18,term,Autumn 2026
LA,2027-01-05,2027-03-26,term,Spring 2027
CSV
cat >"$WORK/pupils.csv" <<'CSV'
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,year_group
W999250000001,Amara,Okafor,2011-03-14,F,BAFR,1,N,2025-09-01,9
CSV
cat >"$WORK/enrolments.csv" <<'CSV'
upn,urn,start,end,type,year_group
W999250000001,100001,2021-09-01,,main,9
CSV
cat >"$WORK/events.csv" <<'CSV'
event_id,upn,urn,type,start,sessions,reasons,decided
S1,W999250000001,100001,suspension,2025-10-24,6,DB;VA,
CSV
"$ONROLL" init >/dev/null 2>&1
expect_status "the LA's files import" 0 "$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv" \
    "$WORK/pupils.csv" "$WORK/enrolments.csv" "$WORK/events.csv"
PW=heron-valley-settings-73
echo "$PW" | "$ONROLL" user add admin@la.example.gov.uk --name "Ada Admin" --role la_admin \
    --password-stdin >/dev/null
echo "$PW" | "$ONROLL" user add head@hillside.example.sch.uk --name "Hillside" --role school \
    --scope 100001 --password-stdin >/dev/null
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "admin": "admin@la.example.gov.uk", "school": "head@hillside.example.sch.uk",
 "upn": "W999250000001"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec settings.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the settings saved in the browser are in the store" "Ms Asha Patel|Inclusion and Exclusions Team" \
    "$("$ONROLL" config get school.100001.head_teacher)|$("$ONROLL" config get la.team_name)"
finish
