#!/bin/sh
# test_cnis.sh - children not in school (issue 17, item 3) end to end: the real binary, the real
# database (SQLite, and PostgreSQL through tests/pg/test_e2e_pg.sh), a real `onroll serve` driven
# with curl, on the movements scenario (tests/e2e/movements/: Eastfield Academy, Westgate School;
# the LA's calendar of 2025/26, England's bank holidays).
#
#   1. The rules (docs/children-not-in-school.md), due dates counted by hand on that calendar:
#      LOCAL-CME-ENQUIRY after a child missing education or an unexplained exit, LOCAL-EHE-ENQUIRY
#      after elective home education, STAT-ROLL-DELETION-NOTIFY for an exit (done by recording
#      it) and for a registration that ended with no exit recorded (done by the school's action).
#   2. The attack first: a school cannot open the LA's register, nor its download.
#   3. The LA's register: every case, by kind, with its next enquiry; filtered; downloaded.
#   4. The LA records an enquiry on the duty's form: an outcome that closes the case shows it
#      closed on the register; one that does not moves the next enquiry on.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
M=$(pwd)/tests/e2e/movements
B_=F999271000002 # Beth Bell, Eastfield: elective home education from Mon 12 Jan 2026
D=J999271000004  # Dana Dunn, Eastfield: child missing education from Fri 23 Jan 2026
E=Y999271000005  # Eli Evans, Eastfield: unexplained exit on Mon 2 Feb 2026
F=M999271000006  # Farah Fofana, Eastfield: registration ended Thu 5 Feb 2026, no exit recorded
PW=kestrel-river-41

duty() { # AS_OF UPN RULE: "due|status|done_on" of the pupil's duty of that rule
    "$ONROLL" duties --as-of "$1" --pupil "$2" --format csv |
        awk -F, -v r="$3" '$4 == r {print $6 "|" $7 "|" $8}'
}

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$M/schools.csv" "$M/calendar.csv" \
    "$M/pupils.csv" "$M/enrolments.csv"
cat >"$WORK/exits.csv" <<'CSV'
event_id,upn,urn,type,start
EHE-B,F999271000002,200001,ehe,2026-01-12
CME-D,J999271000004,200001,cme,2026-01-23
UX-E,Y999271000005,200001,unexplained_exit,2026-02-02
CSV
expect_status "import the exits" 0 "$ONROLL" import "$WORK/exits.csv"
cat >"$WORK/ended.csv" <<'CSV'
upn,urn,start,end,type,year_group
M999271000006,200001,2023-09-04,2026-02-05,main,9
CSV
expect_status "Farah's registration ends with no exit recorded" 0 "$ONROLL" import "$WORK/ended.csv"
cat >"$WORK/ended-why.csv" <<'CSV'
upn,urn,start,end,type,year_group,leaving_reason
R999271000001,200001,2023-09-04,2026-02-05,main,9,Moved to Scotland
CSV
expect_status "Amir's ends with the reason the school recorded" 0 "$ONROLL" import "$WORK/ended-why.csv"

# ---- 1. the rules ----
# Beth: EHE Mon 12 Jan; AFTER(12 Jan, 10): Jan 13-16 = 1..4, 19-23 = 5..9, Mon 26 = 10.
expect_eq "EHE: the first enquiry due Mon 26 Jan (10 school days)" "2026-01-26|open|" \
    "$(duty 2026-01-20 $B_ LOCAL-EHE-ENQUIRY)"
expect_eq "... overdue on Tue 27 Jan" "2026-01-26|overdue|" "$(duty 2026-01-27 $B_ LOCAL-EHE-ENQUIRY)"
# Dana: CME Fri 23 Jan; AFTER(23 Jan, 5): Jan 26-30 = 1..5 -> Fri 30 Jan.
expect_eq "CME: the first enquiry due Fri 30 Jan (5 school days)" "2026-01-30|open|" \
    "$(duty 2026-01-26 $D LOCAL-CME-ENQUIRY)"
# Eli: unexplained exit Mon 2 Feb; AFTER(2 Feb, 5): Feb 3-6 = 1..4, Mon 9 = 5.
expect_eq "unexplained exit: enquiries as for CME, due Mon 9 Feb" "2026-02-09|open|" \
    "$(duty 2026-02-03 $E LOCAL-CME-ENQUIRY)"
# The exits were recorded today (the import): the deletion return is done on the day of
# recording; as of a day before it, it was overdue from the day the pupil left.
today=$(date +%Y-%m-%d)
expect_eq "deletion return of Dana's exit: done by recording it, today" "2026-01-23|done|$today" \
    "$(duty "$today" $D STAT-ROLL-DELETION-NOTIFY)"
expect_eq "... overdue as of a day before it was recorded" "2026-01-23|overdue|" \
    "$(duty 2026-01-26 $D STAT-ROLL-DELETION-NOTIFY)"
# Farah: the registration ended Thu 5 Feb with no exit: a return the LA has not had
expect_eq "a registration ended with no exit: the deletion return due that day" "2026-02-05|overdue|" \
    "$(duty 2026-02-06 $F STAT-ROLL-DELETION-NOTIFY)"
expect_eq "... not when the school recorded why it ended (the return's ground)" "" \
    "$(duty 2026-02-06 R999271000001 STAT-ROLL-DELETION-NOTIFY)"
cat >"$WORK/return.csv" <<'CSV'
event_id,upn,urn,type,start,rule,notes
DEL-F,M999271000006,200001,action,2026-02-06,STAT-ROLL-DELETION-NOTIFY,Moved to Scotland with her mother
CSV
expect_status "the school makes the return a day late" 0 "$ONROLL" import "$WORK/return.csv"
expect_eq "... done on 6 Feb" "2026-02-05|done|2026-02-06" "$(duty 2026-02-09 $F STAT-ROLL-DELETION-NOTIFY)"
expect_eq "Farah is not a case of the register (not known to be missing)" "" \
    "$(duty 2026-02-09 $F LOCAL-CME-ENQUIRY)"
cat >"$WORK/bad.csv" <<'CSV'
event_id,upn,urn,type,start,rule,ref,outcome
BAD-D,J999271000004,200001,action,2026-01-28,LOCAL-CME-ENQUIRY,CME-D,lost
CSV
expect_status "an enquiry with an outcome the rule does not have is refused" 1 "$ONROLL" import "$WORK/bad.csv"
expect_in "... naming the value and what was expected" "lost" "$WORK/err"

# ---- accounts and the server ----
for u in "head@eastfield.example.sch.uk school 200001" "officer@la.example.gov.uk la_officer -"; do
    set -- $u
    if [ "$3" = - ]; then
        echo "$PW" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --password-stdin >/dev/null 2>&1
    else
        echo "$PW" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --scope "$3" --password-stdin >/dev/null 2>&1
    fi
    expect_eq "account $1" 0 $?
done
start_server
SC=$WORK/east.jar
LA=$WORK/la.jar
expect_eq "Eastfield signs in" 303 "$(sign_in "$SC" head@eastfield.example.sch.uk "$PW")"
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk "$PW")"

# ---- 2. the attack first ----
expect_eq "a school cannot open the LA's register" 403 "$(get "$SC" /children-not-in-school)"
expect_eq "... nor download it" 403 "$(get "$SC" /children-not-in-school/download)"

# ---- 3. the register ----
expect_eq "the LA's register" 200 "$(get "$LA" /children-not-in-school)"
cp "$WORK/body" "$WORK/register.html"
expect_in "... Beth, home educated" "Beth Bell" "$WORK/register.html"
expect_in "... Dana, missing education" "Dana Dunn" "$WORK/register.html"
expect_in "... Eli, no known destination" "Left with no known destination" "$WORK/register.html"
expect_not_in "... not Farah (her return says where she went)" "Farah" "$WORK/register.html"
expect_in "... the school left, by name" "Eastfield Academy" "$WORK/register.html"
expect_in "... dates in words" "23 January 2026" "$WORK/register.html"
expect_in "... a link to record Dana's enquiry, and back" \
    "href=\"/pupils/$D/action?urn=200001&amp;event=CME-D&amp;rule=LOCAL-CME-ENQUIRY&amp;back=/children-not-in-school\"" "$WORK/register.html"
expect_not_in "... no rule ids on screen" ">LOCAL-CME-ENQUIRY<" "$WORK/register.html"
expect_eq "... its read is on the audit log" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'cnis.view'")"
expect_eq "filtered to home education" 200 "$(get "$LA" '/children-not-in-school?kind=ehe')"
expect_in "... Beth" "Beth Bell" "$WORK/body"
expect_not_in "... not Dana" "Dana Dunn" "$WORK/body"
expect_eq "the download" 200 "$(get "$LA" '/children-not-in-school/download')"
expect_eq "... one row per case, and its header" 4 "$(wc -l <"$WORK/body" | tr -d ' ')"
expect_in "... Dana's case in the CSV" "$D,cme,Eastfield Academy,200001,2026-01-23,0,,2026-01-30,overdue" "$WORK/body"

# ---- 4. recording an enquiry ----
expect_eq "the enquiry form for Dana, from the register" 200 "$(get "$LA" "/pupils/$D/action?urn=200001&event=CME-D&rule=LOCAL-CME-ENQUIRY&back=/children-not-in-school")"
cp "$WORK/body" "$WORK/enquiry.html"
expect_in "... offers the outcomes in words" "Found: on a school&#39;s roll" "$WORK/enquiry.html"
expect_in "... names what it is about in words" "Child missing education, 23 January 2026" "$WORK/enquiry.html"
expect_in "... and the school by name" "Eastfield Academy" "$WORK/enquiry.html"
expect_not_in "... not the event's id" ">CME-D<" "$WORK/enquiry.html"
expect_not_in "... nor the rule's" ">LOCAL-CME-ENQUIRY<" "$WORK/enquiry.html"
expect_not_in "... no question of how a notice was sent" "How was it sent" "$WORK/enquiry.html"
form_body "$WORK/enquiry.html" done-day=28 done-month=1 done-year=2026 outcome=still_missing \
    "notes=Home visit: no answer" >"$WORK/req"
code=$(curl -s -b "$LA" -c "$LA" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --data-binary @"$WORK/req" "$B/pupils/$D/action")
expect_eq "the LA records an enquiry: still missing" 303 "$code"
expect_in "... and is back on the register" "/children-not-in-school" "$WORK/headers"; [ "$code" = 303 ] || tr -d "\n" <"$WORK/body" | grep -o "govuk-error-summary__list.\{0,400\}"
# AFTER(28 Jan, 10): Jan 29, 30 = 1, 2, Feb 2-6 = 3..7, 9-11 = 8..10 -> Wed 11 Feb
expect_eq "... the next enquiry due Wed 11 Feb (10 school days)" "2026-02-11|open|" \
    "$(duty 2026-02-02 $D LOCAL-CME-ENQUIRY)"
expect_eq "the form again" 200 "$(get "$LA" "/pupils/$D/action?urn=200001&event=CME-D&rule=LOCAL-CME-ENQUIRY")"
form_body "$WORK/body" done-day=3 done-month=2 done-year=2026 outcome=found_in_school \
    "notes=On roll at a school in another LA" >"$WORK/req"
expect_eq "the LA records that Dana was found" 303 "$(post "$LA" "/pupils/$D/action" "$WORK/req")"
expect_eq "... the case is closed on that day" "2026-02-03|done|2026-02-03" \
    "$(duty 2026-02-09 $D LOCAL-CME-ENQUIRY)"
expect_eq "the register, closed cases" 200 "$(get "$LA" '/children-not-in-school?status=closed')"
expect_in "... Dana's case closed" "Dana Dunn" "$WORK/body"
expect_in "... with its outcome" "Found: on a school&#39;s roll" "$WORK/body"
expect_eq "... two enquiries, each on the audit log" 2 \
    "$(sql "SELECT COUNT(*) FROM events WHERE upn = '$D' AND type = 'action' AND rule = 'LOCAL-CME-ENQUIRY'")"
finish
