#!/bin/sh
# test_reu_kpi.sh - the Re-engagement Unit's KPIs end to end (issue 16 part 6; reu_kpi.h):
# `onroll report reu` in every format, the scrutiny report's section, /reports/reu and its CSV
# download on a real server (curl), then a real browser (tests/browser/reu.spec.mjs: axe-core,
# 320 px). Every expected figure is worked out by hand below.
#
# Calendar (tests/e2e/reu/calendar.csv; bank holidays built in):
#   Summer 2024 15 Apr - 23 Jul; Autumn 2024 4 Sep - 20 Dec (half-term 28 Oct - 1 Nov);
#   Spring 2025 6 Jan - 4 Apr (17-21 Feb); Summer 2025 22 Apr - 22 Jul (26-30 May);
#   Autumn 2025 3 Sep - 19 Dec (27-31 Oct).
# Referrals to the unit in 2024/25 (Eastfield Academy 200001 unless said), school days after
# the referral up to the acceptance (the unit's deadline: 10):
#   R1 Mon 4 Nov 2024 -> Fri 15 Nov: 5-8 Nov (4) + 11-15 Nov (5) = 9. Exit Fri 7 Feb 2025;
#      on roll on 7 Aug 2025 and 7 Feb 2026: sustained at 6 and 12 months. Suspensions: term
#      before autumn 2024 = summer 2024: 11 Jun (1); term after spring 2025 = summer 2025:
#      13 May (1).
#   R2 Wed 11 Dec 2024 -> Sat 11 Jan 2025, counted on Mon 13 Jan: 12-13 Dec (2) + 16-20 Dec
#      (5) + 6-10 Jan (5) + 13 Jan (1) = 13: late. Exit Fri 21 Mar 2025; home educated from
#      2 Jun 2025: not on a roll on 21 Sep 2025 or 21 Mar 2026. Before (summer 2024): 0;
#      after (summer 2025): 28 Apr (1).
#   R3 Mon 6 Jan 2025 -> Fri 10 Jan: 7-10 Jan = 4. Exit Fri 25 Apr 2025 (summer 2025); on
#      roll on 25 Oct 2025; permanently excluded 17 Nov 2025: not sustained on 25 Apr 2026.
#      Before (autumn 2024): 2 Oct, 21 Nov (2); after (autumn 2025): 6 Oct (1). (Q3, an
#      educational psychology referral, is not the unit's.)
#   R4 Mon 3 Feb 2025, declined Thu 6 Feb.
#   R5 Mon 3 Mar 2025 -> Mon 17 Mar: 4-7 Mar (4) + 10-14 Mar (5) + 17 Mar (1) = 10: within.
#   R8 Mon 16 Jun 2025, not answered. (R9, 15 Sep 2025, is of 2025/26.)
#   R6 at Brookside Primary 200002: Mon 12 May 2025 -> Fri 23 May: 13-16 May (4) + 19-23 May
#      (5) = 9. Exit Fri 11 Jul 2025; on roll on 11 Jan and 11 Jul 2026. Before (spring 2025):
#      4 Mar (1); after (autumn 2025): 0.
# Eastfield: received 6, accepted 4, declined 1; days 4, 9, 10, 13: median 9.5, within 3 of 4
#   = 75.00%; exits 3, all 6 and 12 months ago by 1 Dec 2026: 6 months 2 of 3 = 66.67%,
#   12 months 1 of 3 = 33.33%; suspensions over 3 pupils: before 3 (1.00), after 3 (1.00).
# Brookside: 1, 1, 0; median 9; 100.00%; exit 1; 1 of 1, 1 of 1; before 1 (1.00), after 0.
# All schools: 7, 5, 1; days 4, 9, 9, 10, 13: median 9; 4 of 5 = 80.00%; exits 4; 6 months
#   3 of 4 = 75.00%; 12 months 2 of 4 = 50.00%; 4 pupils, before 4 (1.00), after 3 (0.75).
# Suppressed (counts of 1-2): Brookside's counts are c, and Eastfield's beside them (each
# column's total is shown, so a lone c could be worked out); the LA's declined 1 and its
# 12-month 2 are c.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
U=$(pwd)/tests/e2e/reu
R=$(pwd)/tests/e2e/rules
"$ONROLL" init >/dev/null 2>&1
expect_status "the fixture imports" 0 "$ONROLL" import "$R/schools.csv" "$U/calendar.csv" \
    "$R/pupils.csv" "$R/enrolments.csv" "$U/events.csv"

# ---- the CLI ----
H='time_period,school,urn,received,accepted,declined,response_median_days,response_within_pct,exited,sustained_6m_due,sustained_6m,sustained_6m_pct,sustained_12m_due,sustained_12m,sustained_12m_pct,susp_pupils,susp_term_before,susp_term_after,susp_before_per_pupil,susp_after_per_pupil'
cat >"$WORK/want.csv" <<CSV
$H
202425,Eastfield Academy,200001,6,4,1,9.5,75.00,3,3,2,66.67,3,1,33.33,3,3,3,1.00,1.00
202425,Brookside Primary School,200002,1,1,0,9,100.00,1,1,1,100.00,1,1,100.00,1,1,0,1.00,0.00
202425,All schools,,7,5,1,9,80.00,4,4,3,75.00,4,2,50.00,4,4,3,1.00,0.75
CSV
expect_status "report reu --unsuppressed --format csv" 0 "$ONROLL" report reu --year 2024/25 \
    --as-of 2026-12-01 --unsuppressed --format csv
expect_same_file "... the figures worked out by hand" "$WORK/want.csv" "$WORK/out"
expect_eq "... written to the audit log" 1 "$(sql "select count(*) from audit_log where action = 'report.unsuppressed' and detail like '%reu%'")"
cat >"$WORK/want.csv" <<CSV
$H
202425,Eastfield Academy,200001,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c,c
202425,Brookside Primary School,200002,c,c,0,c,c,c,c,c,c,c,c,c,c,c,c,c,c
202425,All schools,,7,5,c,9,80.00,4,4,3,75.00,4,c,c,4,4,3,1.00,0.75
CSV
expect_status "report reu (suppressed by default)" 0 "$ONROLL" report reu --year 2024/25 \
    --as-of 2026-12-01 --format csv
expect_same_file "... small numbers and what would give them away are c" "$WORK/want.csv" "$WORK/out"
# As of 1 Oct 2025: 6 months have passed for R1 (7 Aug) and R2 (21 Sep) only, 12 months for
# none; summer 2025 has ended (R1, R2), autumn 2025 not (R3, R6).
expect_status "as of 1 Oct 2025" 0 "$ONROLL" report reu --year 2024/25 --as-of 2025-10-01 \
    --unsuppressed --format csv
expect_in "... Eastfield: 2 due at 6 months, 1 sustained; none at 12; 2 pupils, 1 before, 2 after" \
    "202425,Eastfield Academy,200001,6,4,1,9.5,75.00,3,2,1,50.00,0,0,z,2,1,2,0.50,1.00" "$WORK/out"
expect_status "2025/26 as JSON" 0 "$ONROLL" report reu --year 2025/26 --as-of 2026-12-01 \
    --unsuppressed --format json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r[-1]["school"], r[-1]["received"], r[-1]["response_median_days"])' \
    "$WORK/out" >"$WORK/json" 2>&1
expect_eq "... R9 alone, unanswered: no median (z)" "All schools 1 z" "$(cat "$WORK/json")"
expect_status "a table for the terminal" 0 "$ONROLL" report reu --year 2024/25 --as-of 2026-12-01
expect_in "... with the LA's row" "All schools" "$WORK/out"
expect_status "a year that is not one" 2 "$ONROLL" report reu --year 2024/26
expect_in "... says so" "--year '2024/26' is not an academic year" "$WORK/err"
expect_status "a format that is not one" 2 "$ONROLL" report reu --year 2024/25 --format xml
expect_status "the year is required" 2 "$ONROLL" report reu
expect_status "a threshold that is not a number" 2 "$ONROLL" report reu --year 2024/25 --threshold few
expect_in "... says so (report_opts.c: once for every report)" "--threshold 'few' is not a whole number" "$WORK/err"
expect_status "... nor is a negative one" 2 "$ONROLL" report offrolling --year 2024/25 --threshold -1

# ---- the scrutiny report ----
expect_status "the scrutiny report of 2024/25" 0 "$ONROLL" report scrutiny --year 2024/25 \
    --out "$WORK/scrutiny.html"
expect_in "... has the Re-engagement Unit's section" '<h2 id="reu">The Re-engagement Unit</h2>' "$WORK/scrutiny.html"
expect_in "... the LA's figures in words" "The unit received 7 referrals in 2024/25 and accepted 5. Half of the referrals accepted were accepted within 9 school days; 80.00% within 10." "$WORK/scrutiny.html"
expect_in "... and 6 months on" "Of the 4 pupils who left the unit 6 months or more ago, 75.00% were still in school 6 months later." "$WORK/scrutiny.html"
expect_in "... its tables" "Re-engagement Unit: in school after the exit, 2024/25" "$WORK/scrutiny.html"

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
add_user head@eastfield.example.uk school eastfield-kestrel-1 200001
add_user officer@la.example.gov.uk la_officer kestrel-river-41
add_user analyst@la.example.gov.uk analyst figures-kestrel-1
start_server
SC=$WORK/school.jar
LA=$WORK/la.jar
AN=$WORK/analyst.jar
expect_eq "school signs in" 303 "$(sign_in "$SC" head@eastfield.example.uk eastfield-kestrel-1)"
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"

expect_eq "/reports" 200 "$(get "$AN" /reports)"
expect_in "... links to the unit's figures" 'href="/reports/reu"' "$WORK/body"
expect_eq "analyst: /reports/reu" 200 "$(get "$AN" "/reports/reu")"
expect_in "... the latest year with referrals by default (2025/26)" "Referrals received in 2025/26" "$WORK/body"
expect_in "... 2024/25 offered" '<option value="2024/25"' "$WORK/body"
expect_eq "analyst: 2024/25" 200 "$(get "$AN" "/reports/reu?year=2024%2F25")"
expect_in "... the LA's median" "9 school days" "$WORK/body"
expect_in "... the share within 10 school days" "80.00%" "$WORK/body"
expect_not_in "... no unsuppressed choice for the analyst" "Show unsuppressed figures" "$WORK/body"
expect_eq "analyst: unsuppressed refused" 403 "$(get "$AN" "/reports/reu?year=2024%2F25&unsuppressed=1")"
expect_eq "analyst: unsuppressed download refused" 403 "$(get "$AN" "/reports/reu/download?year=2024%2F25&unsuppressed=1")"
expect_eq "a school may not see it" 403 "$(get "$SC" "/reports/reu")"
expect_eq "a year with no referrals is not offered" 400 "$(get "$AN" "/reports/reu?year=2019%2F20")"
expect_in "... said against the field" '<a href="#year">Select an academic year from the list</a>' "$WORK/body"
"$ONROLL" report reu --year 2024/25 --format csv >"$WORK/cli.csv"
expect_eq "analyst: download" 200 "$(get "$AN" "/reports/reu/download?year=2024%2F25")"
expect_same_file "the CSV is the CLI's (suppressed)" "$WORK/cli.csv" "$WORK/body"
expect_in "... to save" 'filename="onroll-reu-202425.csv"' "$WORK/headers"
expect_eq "... written to the audit log as an export" 1 "$(sql "select count(*) from audit_log where action = 'export' and detail = 'reu 2024/25 (suppressed)'")"
"$ONROLL" report reu --year 2024/25 --format csv --unsuppressed >"$WORK/cli.csv"
expect_eq "LA officer: unsuppressed download" 200 "$(get "$LA" "/reports/reu/download?year=2024%2F25&unsuppressed=1")"
expect_same_file "the CSV is the CLI's (unsuppressed)" "$WORK/cli.csv" "$WORK/body"
un=$(sql "select count(*) from audit_log where action = 'report.unsuppressed' and detail = 'reu 2024/25 (unsuppressed)'")
expect_eq "LA officer: unsuppressed page" 200 "$(get "$LA" "/reports/reu?year=2024%2F25&unsuppressed=1")"
expect_in "... Eastfield's median 9.5" ">9.5<" "$WORK/body"
expect_eq "... written to the audit log" $((un + 1)) "$(sql "select count(*) from audit_log where action = 'report.unsuppressed' and detail = 'reu 2024/25 (unsuppressed)'")"

# ---- the browser ----
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if command -v node >/dev/null 2>&1 && [ -d node_modules/playwright-core ] &&
    [ -d node_modules/axe-core ] && [ -x "$CHROMIUM" ]; then
    cat >"$WORK/fixtures.json" <<JSON
{"la": "officer@la.example.gov.uk", "laPassword": "kestrel-river-41",
 "analyst": "analyst@la.example.gov.uk", "analystPassword": "figures-kestrel-1"}
JSON
    SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
    mkdir -p "$SHOTS"
    CHROMIUM=$CHROMIUM run_spec reu.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
else
    echo "skipped the browser: node, playwright-core, axe-core or $CHROMIUM is missing"
fi
finish
