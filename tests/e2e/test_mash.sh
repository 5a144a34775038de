#!/bin/sh
# test_mash.sh - the MASH's safeguarding assessment of every permanent exclusion (issue 17, part
# 7; rule LOCAL-MASH-ASSESS), end to end: the real binary on a real database (SQLite; PostgreSQL
# through tests/pg/test_e2e_pg.sh) and a real `onroll serve` driven with curl.
#
# The data: tests/e2e/data (the test LA 999). K999250000002 Jayden Campbell was permanently
# excluded by Hillside (URN 100002): EX3, decided Fri 28 Nov 2025, first day Mon 1 Dec 2025, no
# STAT-NOTIFY-LA action and recorded (imported) after the dates asked about, so the MASH is told
# on the decision date. Due AFTER(Fri 28 Nov, 1) on Hillside's calendar (LA autumn term 3 Sep -
# 19 Dec 2025; Hillside's INSET day Fri 14 Nov is before it):
#     Fri 28 Nov told | Sat 29, Sun 30 (weekend) | Mon 1 Dec = 1 school day -> due 2025-12-01
# (Working Together to Safeguard Children 2023, chapter 3: a decision on the next steps within
# one working day of a referral; the LA's protocol counts it in school days: test_mash.c).
# Z999250000003 Olivia Smith (Hillside) and W999250000001 Amara Okafor (Riverside) have no
# permanent exclusion: the MASH must not see them.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi
D=tests/e2e/data
PEX=K999250000002
OTHER=Z999250000003
PW=kestrel-rivers-9-lantern

expect_status "init" 0 "$ONROLL" init
expect_status "the test LA" 0 "$ONROLL" import "$D/schools.csv" "$D/calendar.csv" "$D/pupils.csv" \
    "$D/enrolments.csv" "$D/events.csv"

# ---- the rule: due dates counted by hand (above) ----
"$ONROLL" duties --as-of 2025-11-30 --format csv | grep LOCAL-MASH-ASSESS >"$WORK/d"
expect_eq "as of Sun 30 Nov: open, due Mon 1 Dec" "EX3,100002,$PEX,LOCAL-MASH-ASSESS,MASH,2025-12-01,open," "$(cat "$WORK/d")"
"$ONROLL" duties --as-of 2025-12-02 --format csv | grep LOCAL-MASH-ASSESS >"$WORK/d"
expect_eq "as of Tue 2 Dec: overdue" "EX3,100002,$PEX,LOCAL-MASH-ASSESS,MASH,2025-12-01,overdue," "$(cat "$WORK/d")"
expect_eq "one assessment: the only permanent exclusion then (no suspension has one)" 1 \
    "$("$ONROLL" duties --as-of 2025-12-02 --format csv | grep -c LOCAL-MASH-ASSESS)"
expect_status "explain the pupil as of Tue 2 Dec" 0 "$ONROLL" explain --as-of 2025-12-02 "$PEX"
expect_in "... the duty and who acts" "LOCAL-MASH-ASSESS" "$WORK/out"
expect_in "... its source" "Working Together to Safeguard Children 2023" "$WORK/out"

# ---- accounts: a partner account of scope mash ----
printf '%s\n' "$PW" | "$ONROLL" user add mash@mash.example.gov.uk --name "MASH duty desk" --role partner --scope mash --password-stdin >/dev/null 2>&1
expect_eq "a MASH account (partner, scope mash)" 0 $?
expect_status "a partner scope that is none is refused, listing mash" 1 sh -c "printf '%s\n' '$PW' | '$ONROLL' user add x@x.example.gov.uk --name X --role partner --scope masher --password-stdin"
expect_in "... saying what mash is" "or mash (the permanently excluded children" "$WORK/err"
# Jayden is at Northgate PRU (100003) since Mon 8 Dec 2025; it permanently excludes him too,
# Wed 10 Dec 2025, so that a school with the pupil and the duty in its scope is asked.
printf 'event_id,upn,urn,type,start,reasons\nEX9,%s,100003,permanent,2025-12-10,PA\n' "$PEX" >"$WORK/ex9.csv"
expect_status "a second permanent exclusion, by the PRU" 0 "$ONROLL" import "$WORK/ex9.csv"
printf '%s\n' "$PW" | "$ONROLL" user add head@northgate.example.sch.uk --name "Northgate head" --role school --scope 100003 --password-stdin >/dev/null 2>&1
printf '%s\n' "$PW" | "$ONROLL" user add reu@reu.example.gov.uk --name "REU" --role partner --scope reu --password-stdin >/dev/null 2>&1
printf '%s\n' "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "LA officer" --role la_officer --password-stdin >/dev/null 2>&1

start_server
M=$WORK/mash.jar
S=$WORK/school.jar
R=$WORK/reu.jar
expect_eq "the MASH signs in" 303 "$(sign_in "$M" mash@mash.example.gov.uk "$PW")"
expect_eq "Northgate's head signs in" 303 "$(sign_in "$S" head@northgate.example.sch.uk "$PW")"
expect_eq "the REU signs in" 303 "$(sign_in "$R" reu@reu.example.gov.uk "$PW")"

# ---- scope: the MASH sees the permanently excluded children only (the attack first) ----
expect_eq "the MASH: a pupil with no permanent exclusion is not found" 404 "$(get "$M" "/pupils/$OTHER")"
expect_eq "... nor another school's" 404 "$(get "$M" /pupils/W999250000001)"
expect_eq "... nor their duty form" 404 "$(get "$M" "/pupils/$OTHER/action")"
expect_eq "the MASH: the permanently excluded pupil's record" 200 "$(get "$M" "/pupils/$PEX")"
expect_eq "the MASH's pupils" 200 "$(get "$M" /pupils)"
expect_in "... lists the permanently excluded pupil" "$PEX" "$WORK/body"
expect_not_in "... and not the others" "$OTHER" "$WORK/body"
expect_not_in "... nor Riverside's" "W999250000001" "$WORK/body"

# ---- /duties: the assessment, with its link to the form ----
expect_eq "the MASH's duties" 200 "$(get "$M" /duties)"
expect_in "the assessment is listed" "Record the MASH&#39;s safeguarding assessment" "$WORK/body"
expect_in "... with its form" "/pupils/$PEX/action?urn=100002&amp;event=EX3&amp;rule=LOCAL-MASH-ASSESS" "$WORK/body"
expect_in "... the PRU's too" "/pupils/$PEX/action?urn=100003&amp;event=EX9&amp;rule=LOCAL-MASH-ASSESS" "$WORK/body"
expect_eq "the school's duties" 200 "$(get "$S" "/duties?rule=LOCAL-MASH-ASSESS")"
expect_in "the school sees the MASH's duty for its exclusion" "Record the MASH&#39;s safeguarding assessment" "$WORK/body"
expect_not_in "... but is not offered the MASH's form" "rule=LOCAL-MASH-ASSESS&amp;back" "$WORK/body"
expect_eq "the school may not record the MASH's assessment of its own exclusion" 403 \
    "$(get "$S" "/pupils/$PEX/action?urn=100003&event=EX9&rule=LOCAL-MASH-ASSESS")"
expect_eq "... nor by posting it" 403 "$(post "$S" "/pupils/$PEX/action?urn=100003&event=EX9&rule=LOCAL-MASH-ASSESS" /dev/null)"

FORM="/pupils/$PEX/action?urn=100002&event=EX3&rule=LOCAL-MASH-ASSESS"
expect_eq "nor another partner (the REU cannot even see the pupil)" 404 "$(get "$R" "$FORM")"
expect_eq "the MASH may not record another duty" 403 "$(get "$M" "/pupils/$PEX/action?urn=100002&event=EX3&rule=STAT-NOTIFY-PARENT")"
expect_eq "the MASH's form" 200 "$(get "$M" "$FORM")"
cp "$WORK/body" "$WORK/form.html"
expect_in "the form asks what the MASH decided" "What did the MASH decide?" "$WORK/form.html"
expect_in "... section 47" "Child protection enquiries (section 47)" "$WORK/form.html"
expect_in "... section 17" "Child in need assessment (section 17)" "$WORK/form.html"
expect_not_in "... nothing about how a notice was sent" "How was it sent?" "$WORK/form.html"

form_body "$WORK/form.html" done-day=2 done-month=12 done-year=2025 >"$WORK/no-outcome.req"
expect_eq "no outcome: refused" 400 "$(post "$M" /pupils/$PEX/action "$WORK/no-outcome.req")"
expect_in "... saying what is missing" "Select what the MASH decided" "$WORK/body"
form_body "$WORK/form.html" done-day=2 done-month=12 done-year=2025 outcome=section_47 >"$WORK/save.req"
expect_eq "the assessment saved" 303 "$(post "$M" /pupils/$PEX/action "$WORK/save.req")"
expect_eq "one action event: the rule, the exclusion, the outcome" "LOCAL-MASH-ASSESS|EX3|section_47|2025-12-02" \
    "$(sql "SELECT rule, ref, outcome, start_date FROM events WHERE type = 'action' AND rule = 'LOCAL-MASH-ASSESS'")"
expect_eq "saving the same form again records nothing new" 303 "$(post "$M" /pupils/$PEX/action "$WORK/save.req")"
expect_eq "... still one" 1 "$(sql "SELECT COUNT(*) FROM events WHERE rule = 'LOCAL-MASH-ASSESS'")"
expect_eq "on the audit log, by the MASH" 1 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE actor = 'mash@mash.example.gov.uk' AND action = 'change' AND detail LIKE '%LOCAL-MASH-ASSESS%'")"
"$ONROLL" duties --as-of 2025-12-03 --format csv | grep LOCAL-MASH-ASSESS >"$WORK/d"
expect_eq "the duty done on Tue 2 Dec (a day late)" "EX3,100002,$PEX,LOCAL-MASH-ASSESS,MASH,2025-12-01,done,2025-12-02" "$(cat "$WORK/d")"

# ---- the importer: a MASH outcome only on the MASH's rule ----
printf 'event_id,upn,urn,type,start,ref,rule,outcome\nM2,%s,100002,action,2025-12-03,EX3,STAT-NOTIFY-LA,section_47\n' "$PEX" >"$WORK/bad.csv"
expect_status "an assessment's outcome on another rule is refused" 1 "$ONROLL" import "$WORK/bad.csv"
expect_in "... naming the rules that have outcomes" "the MASH's assessments do" "$WORK/err"
printf 'event_id,upn,urn,type,start,ref,rule,outcome\nM3,%s,100002,action,2025-12-03,EX3,LOCAL-MASH-ASSESS,section_48\n' "$PEX" >"$WORK/bad.csv"
expect_status "an outcome that is none is refused" 1 "$ONROLL" import "$WORK/bad.csv"
expect_in "... listing the MASH's outcomes" "no_further_action|early_help|section_17|section_47|already_open" "$WORK/err"

finish
