#!/bin/sh
# test_reviews.sh - self-evaluation reviews end to end (issue 18 parts 1-2; instruments.h,
# reviews.h, migration 030): `onroll instruments` in every format; on a real server (curl) a
# school starts the SEND review of 2025/26, sees onroll's figures pre-filled with their period,
# answers an area (saved, audited), is refused a bad amount, marks the review complete, makes its
# action plan (a fourth focus area refused), sees the action on /duties and records it done;
# starts next year's review and sees the change per item and area since last year;
# another school's account and the analyst are refused; the LA sees every school's reviews.
#
# The LA is test_offrolling's (tests/e2e/offroll/): Ashgrove Academy 300001, Beacon High School
# 300002, Cedar Park School 300003, ten pupils each on roll on census day 2025/26 (Thursday
# 15 January 2026) but Ashgrove's pupils 1-7, who left in the autumn of 2025, so Ashgrove has 3;
# none with SEN: 0 pupils on SEN support; none of the 3 suspended.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
O=$(pwd)/tests/e2e/offroll
"$ONROLL" init >/dev/null 2>&1
expect_status "the hand-made LA imports" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"

# ---- the CLI ----
cat >"$WORK/want.csv" <<CSV
id,version,title,sections,items
wellbeing-audit,1,Wellbeing Framework audit,9,13
send-review,1,SEND Review Tool,5,79
inclusion-review,1,Inclusion Review interview,9,52
CSV
expect_status "instruments --format csv" 0 "$ONROLL" instruments --format csv
expect_same_file "... the three instruments with the toolkit's counts" "$WORK/want.csv" "$WORK/out"
expect_status "instruments list --format json" 0 "$ONROLL" instruments list --format json
expect_eq "... the SEND review's 79 items" 79 "$(python3 -c 'import json,sys; print([r for r in json.load(open(sys.argv[1])) if r["id"]=="send-review"][0]["items"])' "$WORK/out")"
expect_status "a table for the terminal" 0 "$ONROLL" instruments
expect_in "... with the titles" "Inclusion Review interview" "$WORK/out"
expect_status "a format that is not one" 2 "$ONROLL" instruments --format xml
expect_status "the LA names a placeholder area of the wellbeing audit" 0 "$ONROLL" instruments \
    rename-area wellbeing-audit 6 "Staff wellbeing"
expect_eq "... stored" "wellbeing-audit|1|6|Staff wellbeing" "$(sql "select instrument, version, area, name from instrument_area_names")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where action = 'change' and object = 'instrument area name'")"
expect_status "an area the source names is not renamed" 1 "$ONROLL" instruments rename-area \
    wellbeing-audit 1 "Leading"
expect_in "... said so" "named by the source" "$WORK/err"
expect_status "an instrument that is not one" 2 "$ONROLL" instruments rename-area nothing 1 x

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
add_user senco@ashgrove.example.uk school ashgrove-kestrel-1 300001
add_user head@beacon.example.uk school beacon-kestrel-2 300002
add_user officer@la.example.gov.uk la_officer kestrel-river-41
add_user analyst@la.example.gov.uk analyst figures-kestrel-1
start_server
SC=$WORK/school.jar
OT=$WORK/other.jar
LA=$WORK/la.jar
AN=$WORK/analyst.jar
expect_eq "the SENCO signs in" 303 "$(sign_in "$SC" senco@ashgrove.example.uk ashgrove-kestrel-1)"
expect_eq "another school signs in" 303 "$(sign_in "$OT" head@beacon.example.uk beacon-kestrel-2)"
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"
expect_eq "the analyst may not see reviews" 403 "$(get "$AN" /reviews)"
expect_eq "the SENCO: /reviews" 200 "$(get "$SC" /reviews)"
expect_in "... a way to start one" 'href="/reviews/new"' "$WORK/body"
expect_eq "the start form" 200 "$(get "$SC" /reviews/new)"
cp "$WORK/body" "$WORK/new.html"
expect_in "... offers the SEND review" 'value="send-review"' "$WORK/new.html"
expect_not_in "... and only the school's own school" 'value="300002"' "$WORK/new.html"
form_body "$WORK/new.html" instrument=send-review school=300002 year=2025 >"$WORK/post"
expect_eq "another school's review is refused" 400 "$(post "$SC" /reviews/new "$WORK/post")"
form_body "$WORK/new.html" instrument=send-review school=300001 year=2025 >"$WORK/post"
expect_eq "the SENCO starts the SEND review of 2025/26" 303 "$(post "$SC" /reviews/new "$WORK/post")"
ID=$(sql "select id from reviews where urn = 300001")
expect_eq "... stored with the instrument's version" "300001|2025|send-review|1|started" "$(sql "select urn, ay, instrument, version, status from reviews")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where action = 'change' and detail = 'review started: send-review version 1, URN 300001, 2025/26'")"
expect_eq "... once per year and instrument" 400 "$(post "$SC" /reviews/new "$WORK/post")"
expect_in "... said so" "has a review of this instrument for this academic year already" "$WORK/body"
expect_eq "the review's areas" 200 "$(get "$SC" "/reviews/$ID")"
expect_in "... Leadership" ">Leadership<" "$WORK/body"
expect_in "... none answered" "0 of 19" "$WORK/body"
expect_eq "another school may not see it" 404 "$(get "$OT" "/reviews/$ID")"
expect_eq "area 3: tracking and monitoring" 200 "$(get "$SC" "/reviews/$ID?area=3")"
expect_in "... onroll's figure pre-filled: Ashgrove's 3 pupils on roll on census day (10 less the 7 who left in the autumn), none suspended" "From onroll: 0 of 3 pupils (0.0%)" "$WORK/body"
expect_in "... with its period" "pupils on roll on census day, 15 January 2026" "$WORK/body"
expect_in "... in the field, for the school to keep or change" ">0 of 3 pupils (0.0%)</textarea>" "$WORK/body"
expect_eq "area 2: identification" 200 "$(get "$SC" "/reviews/$ID?area=2")"
expect_in "... the pupils on SEN support" "From onroll: 0 pupils on SEN support" "$WORK/body"
expect_eq "area 1: leadership" 200 "$(get "$SC" "/reviews/$ID?area=1")"
cp "$WORK/body" "$WORK/a1.html"
form_body "$WORK/a1.html" a1-i1=12,500 action=save >"$WORK/post"
expect_eq "an amount with a comma is refused" 400 "$(post "$SC" "/reviews/$ID?area=1" "$WORK/post")"
expect_in "... saying how to write it" "Enter an amount in pounds, like 12500 or 12500.50" "$WORK/body"
form_body "$WORK/a1.html" a1-i1=12500 a1-i2=yes a1-i4=Secure a1-i5=Developing a1-j1=Improve \
    a1-b1="The SENCO sits on SLT." action=save >"$WORK/post"
expect_eq "the area is saved" 303 "$(post "$SC" "/reviews/$ID?area=1" "$WORK/post")"
cp "$WORK/body" "$WORK/saved.html"
expect_in "... on to the next area" "area=2" "$WORK/headers"
expect_eq "... its answers stored" "a1.b1|The SENCO sits on SLT.;a1.i1|12500;a1.i2|yes;a1.i4|Secure;a1.i5|Developing;a1.j1|Improve" "$(sql "select item || '|' || value from review_answers where review_id = $ID order by item" | tr '\n' ';' | sed 's/;$//')"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail = 'review $ID: area 1, 6 answers changed'")"
expect_eq "the plan of a review not complete" 409 "$(get "$SC" "/reviews/$ID/plan")"
get "$SC" "/reviews/$ID" >/dev/null
expect_in "... 4 of 19 answered" "4 of 19" "$WORK/body"
form_body "$WORK/body" action=complete >"$WORK/post"
expect_eq "marked as complete" 303 "$(post "$SC" "/reviews/$ID" "$WORK/post")"
expect_eq "... stored" complete "$(sql "select status from reviews where id = $ID")"
expect_eq "the action plan" 200 "$(get "$SC" "/reviews/$ID/plan")"
cp "$WORK/body" "$WORK/plan.html"
plan() { # AREA DUE_DAY
    form_body "$WORK/plan.html" area=$1 purpose="SEN provision understood by all" \
        actions="Provision map shared with staff" lead="Ms Senco, SENCO" starts-day=13 \
        starts-month=4 starts-year=2026 due-day=$2 due-month=5 due-year=2026 \
        outcomes="Every teacher names the provision of their SEN pupils" >"$WORK/post"
    post "$SC" "/reviews/$ID/plan" "$WORK/post"
}
expect_eq "an action for Leadership" 303 "$(plan 1 22)"
expect_eq "... stored" "1|Ms Senco, SENCO|2026-05-22|" "$(sql "select area, lead, due_on, done_on from review_actions")"
expect_eq "a second focus area" 303 "$(plan 2 29)"
expect_eq "a third" 303 "$(plan 3 29)"
expect_eq "a fourth focus area is refused" 400 "$(plan 4 29)"
expect_in "... said so" "The plan has three focus areas already" "$WORK/body"
expect_eq "another action for Leadership is not a fourth area" 303 "$(plan 1 29)"
expect_eq "the school's duties" 200 "$(get "$SC" /duties)"
expect_in "... the action plans' actions" "Action plans: actions due" "$WORK/body"
expect_in "... the first action with its lead and date" "22 May 2026" "$WORK/body"
expect_eq "another school's duties do not show them" 200 "$(get "$OT" /duties)"
expect_not_in "... none" "Action plans: actions due" "$WORK/body"
X=$(sql "select min(id) from review_actions")
get "$OT" /duties >/dev/null
form_body "$WORK/body" >"$WORK/post"
expect_eq "another school may not record it" 404 "$(post "$OT" "/reviews/actions/$X/done" "$WORK/post")"
get "$SC" /duties >/dev/null
form_body "$WORK/body" >"$WORK/post"
expect_eq "the SENCO records the first action done" 303 "$(post "$SC" "/reviews/actions/$X/done" "$WORK/post")"
expect_eq "... stored" 1 "$(sql "select count(*) from review_actions where id = $X and done_on <> ''")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail = 'LOCAL-ACTION-PLAN: action $X done, URN 300001'")"
# next year's review: the change per item and area since last year's
form_body "$WORK/new.html" instrument=send-review school=300001 year=2026 >"$WORK/post"
expect_eq "the SENCO starts the SEND review of 2026/27" 303 "$(post "$SC" /reviews/new "$WORK/post")"
ID2=$(sql "select id from reviews where urn = 300001 and ay = 2026")
expect_eq "its Leadership area" 200 "$(get "$SC" "/reviews/$ID2?area=1")"
expect_in "... last year's answer beside the item" "Last year: Secure" "$WORK/body"
form_body "$WORK/body" a1-i4=Developing a1-i5=Secure a1-i6=Secure action=save >"$WORK/post"
expect_eq "... answered" 303 "$(post "$SC" "/reviews/$ID2?area=1" "$WORK/post")"
expect_eq "its areas" 200 "$(get "$SC" "/reviews/$ID2")"
# by hand: i4 Secure -> Developing (down), i5 Developing -> Secure (up), i6 not rated last year
expect_in "... Leadership's change since last year" "Improve; items up 1, down 1, the same 0" "$WORK/body"
expect_eq "the LA sees every school's reviews" 200 "$(get "$LA" /reviews)"
expect_in "... Ashgrove's" "Ashgrove Academy" "$WORK/body"
expect_eq "the list as CSV" 200 "$(get "$LA" /reviews/download)"
expect_in "... its row" "Ashgrove Academy,SEND Review Tool,2025/26,complete" "$WORK/body"
expect_eq "the LA opens the review" 200 "$(get "$LA" "/reviews/$ID")"
get "$LA" /reviews/new >/dev/null
form_body "$WORK/body" instrument=wellbeing-audit school=300002 year=2025 >"$WORK/post"
expect_eq "the LA starts Beacon's wellbeing audit" 303 "$(post "$LA" /reviews/new "$WORK/post")"
ID3=$(sql "select id from reviews where urn = 300002")
expect_eq "its areas" 200 "$(get "$LA" "/reviews/$ID3")"
expect_in "... area 6 by the LA's name" ">Staff wellbeing<" "$WORK/body"
expect_in "... area 7 still a placeholder that says so" "Area 7: name not in the source" "$WORK/body"
form_body "$WORK/new.html" instrument=send-review school=300001 year=2025 csrf_token=forged >"$WORK/post"
expect_eq "no valid CSRF token: refused" 403 "$(post "$SC" /reviews/new "$WORK/post")"
# ---- attendance by SEN: the vulnerability dashboard's own figures, pre-filled ----
# A second LA, test_vulnerability.sh's (tests/e2e/vulnerability/), in its own database: Alder
# School 400001, 2025/26, 8 pupils on roll on census day, attendance totals 3 September to
# 19 December 2025 (by hand, that script's header): with SEN (K or E: Ava, Ben, Cara, Dan, Eve)
# 95 + 80 + 100 + 85 + 60 = 420 of 500 sessions = 84.00%, below 90% Ben, Dan, Eve: 3 of 5 =
# 60.00%; without SEN (Finn, Gus, Hana) 98 + 89 + 91 = 278 of 300 = 92.67%, below 90% Gus: 1 of
# 3 = 33.33%; all 698 of 800 = 87.25%, 4 of 8 = 50.00%. The year is over: to 31 July 2026.
V=$(pwd)/tests/e2e/vulnerability
export ONROLL_DB=$(new_db attendance)
"$ONROLL" init >/dev/null 2>&1
expect_status "the vulnerability LA imports" 0 "$ONROLL" import "$V/schools.csv" "$V/calendar.csv" \
    "$V/pupils.csv" "$V/enrolments.csv" "$V/attendance.csv" "$V/suspensions.csv"
add_user senco@alder.example.uk school alder-kestrel-19 400001
start_server
AL=$WORK/alder.jar
expect_eq "Alder's SENCO signs in" 303 "$(sign_in "$AL" senco@alder.example.uk alder-kestrel-19)"
get "$AL" /reviews/new >/dev/null
form_body "$WORK/body" instrument=send-review school=400001 year=2025 >"$WORK/post"
expect_eq "Alder starts the SEND review of 2025/26" 303 "$(post "$AL" /reviews/new "$WORK/post")"
IDA=$(sql "select id from reviews where urn = 400001")
expect_eq "its area 3: tracking and monitoring" 200 "$(get "$AL" "/reviews/$IDA?area=3")"
cp "$WORK/body" "$WORK/a3.html"
expect_in "... Attendance SEND: pre-filled" "From onroll: 420 of 500 possible sessions attended (84.00%) by 5 pupils with SEN (2025/26: sessions in the school year to 31 July 2026 of the pupils of compulsory school age on roll on census day, 15 January 2026; attended: present or an approved educational activity; with SEN: on SEN support (K) or with an EHC plan (E) on census day)" "$WORK/a3.html"
expect_in "... in the field, for the school to keep or change" ">420 of 500 possible sessions attended (84.00%) by 5 pupils with SEN</textarea>" "$WORK/a3.html"
expect_in "... Attendance NSEND" "From onroll: 278 of 300 possible sessions attended (92.67%) by 3 pupils without SEN (2025/26: sessions" "$WORK/a3.html"
expect_in "... Attendance whole school" "From onroll: 698 of 800 possible sessions attended (87.25%) by 8 pupils (2025/26: sessions" "$WORK/a3.html"
expect_in "... Persistent Absenteeism SEND" "From onroll: 3 of 5 pupils with SEN (60.00%) attended less than 90% of their possible sessions (2025/26: sessions" "$WORK/a3.html"
expect_in "... Persistent Absenteeism NSEND" ">1 of 3 pupils without SEN (33.33%) attended less than 90% of their possible sessions</textarea>" "$WORK/a3.html"
expect_in "... Persistent Absenteeism Whole School" ">4 of 8 pupils (50.00%) attended less than 90% of their possible sessions</textarea>" "$WORK/a3.html"
expect_in "... the exclusions keep their own period" "From onroll: 1 of 5 pupils (20.0%) (2025/26: pupils on roll on census day, 15 January 2026; suspensions" "$WORK/a3.html"
# the dashboard and the review agree: the same rates, read off each page
expect_eq "Alder's vulnerability dashboard" 200 "$(get "$AL" "/schools/400001/vulnerability?year=2025%2F26")"
rates_of_dashboard() {
    python3 -c '
import html, re, sys
s = html.unescape(re.sub(r"<[^>]+>", "", open(sys.argv[1], encoding="utf-8").read().replace("</td>", "|")))
s = re.sub(r"\s+", " ", s)
att = re.search(r"Attendance \(share of possible sessions attended\)\s*\|([^|]*)\|([^|]*)\|([^|]*)\|", s)
pa = re.search(r"Persistent absence \(pupils below the persistent-absence line, per 100\)\s*\|([^|]*)\|([^|]*)\|([^|]*)\|", s)
print(" ".join(x.strip().rstrip("%") for x in att.groups() + pa.groups()))' "$1"
}
rates_of_review() {
    python3 -c '
import html, re, sys
s = html.unescape(open(sys.argv[1], encoding="utf-8").read())
def r(pat):
    m = re.search(pat + r"</textarea>", s)
    return m.group(1) if m else "none"
print(" ".join([r(r"sessions attended \(([0-9.]+)%\) by \d+ pupils with SEN"),
                r(r"sessions attended \(([0-9.]+)%\) by \d+ pupils without SEN"),
                r(r"sessions attended \(([0-9.]+)%\) by \d+ pupils"),
                r(r"pupils with SEN \(([0-9.]+)%\) attended less than 90% of their possible sessions"),
                r(r"pupils without SEN \(([0-9.]+)%\) attended less than 90% of their possible sessions"),
                r(r"\d+ pupils \(([0-9.]+)%\) attended less than 90% of their possible sessions")]))' "$1"
}
expect_eq "... its rates as worked out by hand" "84.00 92.67 87.25 60.00 33.33 50.00" "$(rates_of_dashboard "$WORK/body")"
expect_eq "... the review's are the dashboard's" "$(rates_of_dashboard "$WORK/body")" "$(rates_of_review "$WORK/a3.html")"
finish
