#!/bin/sh
# test_offrolling.sh - off-rolling signals end to end (issue 17 part 4; offroll.h): a hand-made
# LA where one school's Year 10 to Year 11 drop crosses the 99.8% funnel limit. `onroll report
# offrolling` in every format, the scrutiny report's section, /reports/offrolling and its CSV,
# the LA dashboard's line, the challenge and the school's answer (form, audited, migration 028)
# on a real server (curl), then a real browser (tests/browser/offroll.spec.mjs: axe-core, 320 px).
#
# The LA (tests/e2e/offroll/): three secondary schools, Ashgrove Academy 300001, Beacon High
# School 300002, Cedar Park School 300003, ten pupils each, all born September 2009 to August
# 2010: in Year 10 on the census day of 2024/25 (Thu 16 Jan 2025), Year 11 on that of 2025/26
# (Thu 15 Jan 2026). Ashgrove's pupils 1-7 leave in the autumn of 2025: 1-3 to elective home
# education (8, 15, 22 Sep), 4-5 unexplained exits (6, 13 Oct), 6-7 children missing education
# (3, 10 Nov). Free school meals: Ashgrove 1-4 (leavers) and 8-9; Beacon and Cedar 1-3 each.
#
# 2025/26, by hand (funnel limits p +/- z sqrt(p(1-p)/n), z 1.96 and 3.09, DOMAIN.md §6):
#   Year 10 to Year 11: LA 7 of 30, p = 0.23333. Ashgrove 7 of 10: sd = sqrt(0.23333 x 0.76667
#     / 10) = 0.13375; 99.8% upper = 0.23333 + 3.09 x 0.13375 = 0.64662 < 0.70: of concern.
#     Beacon, Cedar 0 of 10: the lower limits are below 0 (clipped to 0): within.
#   EHE: LA 3 of 30, p = 0.1; Ashgrove 3 of 10: sd 0.09487, 95% upper 0.28594 < 0.30 <=
#     99.8% upper 0.39315: watch.
#   Unexplained exits: LA 2 of 30, p = 0.06667; Ashgrove 2 of 10: sd 0.07888, 95% upper
#     0.22127 > 0.20: within.
#   In-year exits of FSM pupils: LA 4 of 12, p = 0.33333; Ashgrove 4 of 6: sd 0.19245, 95%
#     upper 0.71053 > 0.66667: within. No pupil has SEN or is looked after: z.
# One school of concern (Ashgrove). Suppressed (counts of 1-2 are c): the unexplained exits (2)
# and what is built on them.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
O=$(pwd)/tests/e2e/offroll
"$ONROLL" init >/dev/null 2>&1
expect_status "the hand-made LA imports" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"

# ---- the CLI ----
H='time_period,school,urn,roll,unexplained,unexplained_of,unexplained_pct,unexplained_funnel,ehe,ehe_of,ehe_pct,ehe_funnel,y10_y11,y10_y11_of,y10_y11_pct,y10_y11_funnel,exit_sen,exit_sen_of,exit_sen_pct,exit_sen_funnel,exit_fsm,exit_fsm_of,exit_fsm_pct,exit_fsm_funnel,exit_cla,exit_cla_of,exit_cla_pct,exit_cla_funnel,concern'
cat >"$WORK/want.csv" <<CSV
$H
202526,Ashgrove Academy,300001,10,2,10,20.00,within,3,10,30.00,watch,7,10,70.00,of concern,0,0,z,z,4,6,66.67,within,0,0,z,z,yes
202526,Beacon High School,300002,10,0,10,0.00,within,0,10,0.00,within,0,10,0.00,within,0,0,z,z,0,3,0.00,within,0,0,z,z,
202526,Cedar Park School,300003,10,0,10,0.00,within,0,10,0.00,within,0,10,0.00,within,0,0,z,z,0,3,0.00,within,0,0,z,z,
202526,All schools,,30,2,30,6.67,,3,30,10.00,,7,30,23.33,,0,0,z,,4,12,33.33,,0,0,z,,
CSV
expect_status "report offrolling --unsuppressed --format csv" 0 "$ONROLL" report offrolling \
    --year 2025/26 --unsuppressed --format csv
expect_same_file "... the figures and limits worked out by hand" "$WORK/want.csv" "$WORK/out"
expect_eq "... written to the audit log" 1 "$(sql "select count(*) from audit_log where action = 'report.unsuppressed' and detail like '%offrolling%'")"
expect_status "--concern: Ashgrove alone" 0 "$ONROLL" report offrolling --year 2025/26 --concern \
    --format csv
expect_eq "... two rows and the header" 3 "$(wc -l <"$WORK/out" | tr -d ' ')"
expect_in "... Ashgrove, its Year 10 to 11 drop of concern, its 2 unexplained exits c" \
    "202526,Ashgrove Academy,300001,10,c,10,c,c,3,10,30.00,watch,7,10,70.00,of concern," "$WORK/out"
expect_status "JSON" 0 "$ONROLL" report offrolling --year 2025/26 --format json
expect_eq "... the LA's drop" "23.33" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[-1]["y10_y11_pct"])' "$WORK/out")"
expect_status "a table for the terminal" 0 "$ONROLL" report offrolling --year 2025/26
expect_in "... with the funnel class" "of concern" "$WORK/out"
expect_status "a year that is not one" 2 "$ONROLL" report offrolling --year 2025
expect_status "the year is required" 2 "$ONROLL" report offrolling

# ---- the scrutiny report ----
expect_status "the scrutiny report of 2025/26" 0 "$ONROLL" report scrutiny --year 2025/26 \
    --out "$WORK/scrutiny.html"
expect_in "... has the off-rolling section" '<h2 id="offrolling">Off-rolling signals</h2>' "$WORK/scrutiny.html"
expect_in "... one school above a limit" "1 school was above a 99.8% limit on at least one signal." "$WORK/scrutiny.html"
expect_in "... named with its figures" "70.00, of concern" "$WORK/scrutiny.html"

# ---- the pages ----
add_user() { # EMAIL ROLE PASSWORD [URN]
    if [ -n "${4:-}" ]; then
        printf '%s\n' "$3" | "$ONROLL" user add "$1" --name "$1" --role "$2" --scope "$4" \
            --password-stdin >/dev/null 2>&1
    else
        printf '%s\n' "$3" | "$ONROLL" user add "$1" --name "$1" --role "$2" --password-stdin \
            >/dev/null 2>&1
    fi
    expect_eq "account $1 ($2)" 0 $?
}
add_user head@ashgrove.example.uk school ashgrove-kestrel-1 300001
add_user officer@la.example.gov.uk la_officer kestrel-river-41
add_user analyst@la.example.gov.uk analyst figures-kestrel-1
start_server
SC=$WORK/school.jar
LA=$WORK/la.jar
AN=$WORK/analyst.jar
expect_eq "school signs in" 303 "$(sign_in "$SC" head@ashgrove.example.uk ashgrove-kestrel-1)"
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"
Y="year=2025%2F26"
expect_eq "/reports links to the signals" 200 "$(get "$AN" /reports)"
expect_in "... the link" 'href="/reports/offrolling"' "$WORK/body"
expect_eq "analyst: /reports/offrolling" 200 "$(get "$AN" "/reports/offrolling?$Y")"
expect_in "... the LA's drop" ">23.33<" "$WORK/body"
expect_in "... Ashgrove of concern" "70.00, of concern" "$WORK/body"
expect_not_in "... no challenges for the analyst" "Record the challenge" "$WORK/body"
expect_eq "analyst: unsuppressed refused" 403 "$(get "$AN" "/reports/offrolling?$Y&unsuppressed=1")"
expect_eq "analyst: the challenge form refused" 403 "$(get "$AN" "/reports/offrolling/challenge?$Y&urn=300001")"
expect_eq "a school may not see the signals" 403 "$(get "$SC" "/reports/offrolling?$Y")"
expect_eq "a year that is not offered" 400 "$(get "$AN" "/reports/offrolling?year=2011%2F12")"
"$ONROLL" report offrolling --year 2025/26 --format csv >"$WORK/cli.csv"
expect_eq "analyst: download" 200 "$(get "$AN" "/reports/offrolling/download?$Y")"
expect_same_file "the CSV is the CLI's" "$WORK/cli.csv" "$WORK/body"
expect_eq "... written to the audit log as an export" 1 "$(sql "select count(*) from audit_log where action = 'export' and detail = 'offrolling 2025/26 (suppressed)'")"

expect_eq "LA officer: the dashboard" 200 "$(get "$LA" /dashboard)"
expect_in "... links to the school above the limit" 'href="/reports/offrolling?year=2025%2F26&amp;concern=1#challenges"' "$WORK/body"
expect_in "... with its figures" "Ashgrove Academy: Left between Year 10 and Year 11: 7 of 10 (secondary schools: 7 of 30)" "$WORK/body"
expect_eq "LA officer: the schools of concern" 200 "$(get "$LA" "/reports/offrolling?$Y&concern=1")"
expect_in "... a place to record the challenge" 'href="/reports/offrolling/challenge?year=2025%2F26&amp;urn=300001"' "$WORK/body"
expect_eq "the challenge form" 200 "$(get "$LA" "/reports/offrolling/challenge?$Y&urn=300001")"
cp "$WORK/body" "$WORK/form.html"
form_body "$WORK/form.html" challenge= challenged_on-day= challenged_on-month= challenged_on-year= >"$WORK/post"
expect_eq "an empty challenge is refused" 400 "$(post "$LA" /reports/offrolling/challenge "$WORK/post")"
expect_in "... against its field" '<a href="#challenge">Enter the challenge made</a>' "$WORK/body"
form_body "$WORK/form.html" challenge="Asked for the reasons." challenged_on-day=2 \
    challenged_on-month=12 challenged_on-year=2025 answer= answered_on-day=1 \
    answered_on-month=12 answered_on-year=2025 >"$WORK/post"
expect_eq "an answer dated before the challenge, with no answer, is refused" 400 "$(post "$LA" /reports/offrolling/challenge "$WORK/post")"
expect_in "... the answer missing" "Enter the school&#39;s answer, or leave its date empty" "$WORK/body"
expect_eq "... nothing written" 0 "$(sql "select count(*) from offrolling_challenges")"
form_body "$WORK/form.html" challenge="Asked for the reasons." challenged_on-day=2 \
    challenged_on-month=12 challenged_on-year=2025 >"$WORK/post"
expect_eq "the challenge is saved" 303 "$(post "$LA" /reports/offrolling/challenge "$WORK/post")"
expect_eq "... stored" "2025|300001|Asked for the reasons.|2025-12-02||" "$(sql "select ay, urn, challenge, challenged_on, answer, answered_on from offrolling_challenges")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where action = 'change' and detail = 'off-rolling challenge: URN 300001, 2025/26'")"
expect_eq "a school with no URN of ours" 404 "$(get "$LA" "/reports/offrolling/challenge?$Y&urn=999999")"
form_body "$WORK/form.html" challenge="x" challenged_on-day=2 challenged_on-month=12 \
    challenged_on-year=2025 csrf_token=forged >"$WORK/post"
expect_eq "no valid CSRF token: refused" 403 "$(post "$LA" /reports/offrolling/challenge "$WORK/post")"

# ---- the browser ----
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if command -v node >/dev/null 2>&1 && [ -d node_modules/playwright-core ] &&
    [ -d node_modules/axe-core ] && [ -x "$CHROMIUM" ]; then
    sql "delete from offrolling_challenges" >/dev/null
    cat >"$WORK/fixtures.json" <<JSON
{"la": "officer@la.example.gov.uk", "laPassword": "kestrel-river-41",
 "analyst": "analyst@la.example.gov.uk", "analystPassword": "figures-kestrel-1"}
JSON
    SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
    mkdir -p "$SHOTS"
    CHROMIUM=$CHROMIUM run_spec offroll.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
    expect_eq "the answer the browser recorded is stored" "2025-12-02|2025-12-16" "$(sql "select challenged_on, answered_on from offrolling_challenges where urn = 300001")"
else
    echo "skipped the browser: node, playwright-core, axe-core or $CHROMIUM is missing"
fi
finish
