#!/bin/sh
# test_panel.sh - the multi-agency panel (hot clinic; issue 17 part 9; docs/panel.md), end to
# end: the real binary on a real database (SQLite; PostgreSQL through tests/pg/test_e2e_pg.sh)
# and a real `onroll serve` driven with curl. A school refers its pupil (and may not refer
# another school's), the LA accepts it, adds a meeting, circulates the agenda (one outbox row
# per member address, naming no child), records the decision with an action (LOCAL-PANEL-ACTION
# on /duties), and the school sees the feedback on its pupil's page.
#
# The data: tests/e2e/data (the test LA 999) with the LA's autumn term 2026 added (Wed 2 Sep -
# Fri 18 Dec 2026), as the server works on today's date. W999250000001 Amara Okafor is on
# Riverside's roll (100001); K999250000002 Jayden Campbell was only ever Hillside's (100002).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi
D=tests/e2e/data
PUPIL=W999250000001
OTHER=K999250000002
PW=kestrel-rivers-9-lantern
TODAY=$(date +%Y-%m-%d)
Y=$(date +%Y)
M=$(date +%m)
DD=$(date +%d)
DUE_Y=$((Y + 1))

expect_status "init" 0 "$ONROLL" init
expect_status "the test LA" 0 "$ONROLL" import "$D/schools.csv" "$D/calendar.csv" "$D/pupils.csv" \
    "$D/enrolments.csv" "$D/events.csv"
printf 'scope,start,end,kind,label\nLA,2026-09-02,2026-12-18,term,Autumn 2026\nLA,2027-01-04,2027-03-26,term,Spring 2027\n' >"$WORK/cal.csv"
expect_status "the LA's 2026/27 terms" 0 "$ONROLL" import "$WORK/cal.csv"

printf '%s\n' "$PW" | "$ONROLL" user add head@riverside.example.sch.uk --name "Riverside head" --role school --scope 100001 --password-stdin >/dev/null 2>&1
printf '%s\n' "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "Inclusion officer" --role la_officer --password-stdin >/dev/null 2>&1
for s in safeguarding health camhs mash police_liaison early_help; do
    "$ONROLL" notify recipients add "$s" "$s@panel.example.gov.uk" >/dev/null 2>&1
done
expect_status "a member may serve two services (one message)" 0 "$ONROLL" notify recipients add health camhs@panel.example.gov.uk
expect_status "the Virtual School is no member of the panel" 0 "$ONROLL" notify recipients add virtual_school vs@vs.example.gov.uk

printf '%s\n' "$PW" | "$ONROLL" user add member@camhs.example.nhs.uk --name "CAMHS member" --role partner --scope panel --password-stdin >/dev/null 2>&1
expect_eq "a panel member's account (partner, scope panel)" 0 $?
start_server
P=$WORK/member.jar
expect_eq "the panel member signs in" 303 "$(sign_in "$P" member@camhs.example.nhs.uk "$PW")"
expect_eq "a pupil not referred to the panel: not found to its member (the attack first)" 404 "$(get "$P" "/pupils/$PUPIL")"
S=$WORK/school.jar
L=$WORK/la.jar
expect_eq "Riverside's head signs in" 303 "$(sign_in "$S" head@riverside.example.sch.uk "$PW")"
expect_eq "the LA officer signs in" 303 "$(sign_in "$L" officer@la.example.gov.uk "$PW")"

# ---- scope: a school refers only its own pupils (the attack first) ----
expect_eq "another school's pupil: the form is not found" 404 "$(get "$S" "/pupils/$OTHER/panel/new")"
expect_eq "the school may not see the panel's page" 403 "$(get "$S" /panel)"
expect_eq "the pupil's page offers the panel" 200 "$(get "$S" "/pupils/$PUPIL")"
expect_in "... a link to refer" "/pupils/$PUPIL/panel/new" "$WORK/body"
expect_eq "the referral form" 200 "$(get "$S" "/pupils/$PUPIL/panel/new")"
cp "$WORK/body" "$WORK/form.html"
form_body "$WORK/form.html" >"$WORK/steal.req"
expect_eq "... posted for another school's pupil: not found" 404 "$(post "$S" "/pupils/$OTHER/panel/new" "$WORK/steal.req")"
expect_in "the form asks for the child's views" "The child&#39;s views" "$WORK/form.html"
expect_in "... adverse experiences as a checklist" "Domestic abuse in the household" "$WORK/form.html"
form_body "$WORK/form.html" urgency=urgent action=check >"$WORK/empty.req"
expect_eq "nothing filled in: refused" 400 "$(post "$S" "/pupils/$PUPIL/panel/new" "$WORK/empty.req")"
expect_in "... asking for the child's views" "Enter the child&#39;s views" "$WORK/body"
FORM_LISTS=aces form_body "$WORK/form.html" urgency=urgent "why_now=Missing lessons since half-term" \
    "child_views=Amara says she feels unsafe on the way to school" "parent_views=Her mother asks for help" \
    consent=yes aces=domestic_abuse aces=bereavement "tried=A pastoral support plan since October" \
    "start-day=$DD" "start-month=$M" "start-year=$Y" action=check >"$WORK/check.req"
expect_eq "the check page" 200 "$(post "$S" "/pupils/$PUPIL/panel/new" "$WORK/check.req")"
expect_in "... shows the experiences ticked" "Domestic abuse in the household; Bereavement" "$WORK/body"
FORM_LISTS=aces form_body "$WORK/body" action=save >"$WORK/save.req"
expect_eq "the referral saved" 303 "$(post "$S" "/pupils/$PUPIL/panel/new" "$WORK/save.req")"
expect_eq "one referral event to the panel, by the school, today" "100001|referral|panel|$TODAY" \
    "$(sql "SELECT urn, type, notified_to, start_date FROM events WHERE notified_to = 'panel'")"
REF=$(sql "SELECT event_id FROM events WHERE type = 'referral' AND upn = '$PUPIL'")
expect_eq "on the audit log, by the school" 1 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE actor = 'head@riverside.example.sch.uk' AND action = 'change' AND detail LIKE '%multi-agency panel (urgent)%'")"
expect_eq "the school's page: waiting for the panel" 200 "$(get "$S" "/pupils/$PUPIL")"
expect_in "... says so" "Waiting for the panel to consider it." "$WORK/body"

# ---- the LA: /panel, accepting, the meeting ----
expect_eq "the LA's panel page" 200 "$(get "$L" /panel)"
expect_in "... lists the referral" "Amara" "$WORK/body"
expect_in "... urgent" "Urgent" "$WORK/body"
expect_eq "the panel's CSV" 200 "$(get "$L" "/panel/download?urgency=urgent")"
expect_in "... the referral in it, urgent, new" "$PUPIL,Riverside Primary School,100001,$TODAY,urgent,new" "$WORK/body"
expect_eq "the referral's page" 200 "$(get "$L" "/referrals/100001/$REF")"
form_body "$WORK/body" status=accepted "start-day=$DD" "start-month=$M" "start-year=$Y" action=check >"$WORK/acc.req"
expect_eq "accept: the check page" 200 "$(post "$L" "/referrals/100001/$REF" "$WORK/acc.req")"
form_body "$WORK/body" action=save >"$WORK/acc2.req"
expect_eq "accepted for the agenda" 303 "$(post "$L" "/referrals/100001/$REF" "$WORK/acc2.req")"
expect_eq "the meeting form" 200 "$(get "$L" /panel/meetings/new)"
cp "$WORK/body" "$WORK/meet.html"
form_body "$WORK/meet.html" date-day=30 date-month=2 "date-year=$Y" >"$WORK/bad.req"
expect_eq "30 February: refused" 400 "$(post "$L" /panel/meetings/new "$WORK/bad.req")"
expect_in "... saying what is wrong" "date of the meeting must be a real date" "$WORK/body"
form_body "$WORK/meet.html" "date-day=$DD" "date-month=$M" "date-year=$Y" >"$WORK/meet.req"
expect_eq "the LA adds today's meeting" 303 "$(post "$L" /panel/meetings/new "$WORK/meet.req")"
expect_eq "... one meeting" "$TODAY" "$(sql "SELECT meeting_date FROM panel_meetings")"
expect_eq "the meeting's page" 200 "$(get "$L" "/panel/meetings/$TODAY")"
expect_in "... the referral on its agenda" "Record the decision" "$WORK/body"
expect_in "... the child named to the LA" "Amara" "$WORK/body"
expect_eq "a meeting that is none: not found" 404 "$(get "$L" /panel/meetings/2026-02-30)"

# ---- circulating the agenda: one message per member address, no child named ----
form_body "$WORK/body" >"$WORK/circ.req"
expect_eq "circulate the agenda" 303 "$(post "$L" "/panel/meetings/$TODAY/circulate" "$WORK/circ.req")"
expect_eq "six member addresses, six messages (the Virtual School none)" 6 \
    "$(sql "SELECT COUNT(*) FROM outbox WHERE rule = 'LOCAL-PANEL-ACTION'")"
expect_eq "the address serving health and CAMHS: one message naming both" "health,camhs" \
    "$(sql "SELECT service FROM outbox WHERE recipient = 'camhs@panel.example.gov.uk'")"
sql "SELECT subject || ' ' || body FROM outbox WHERE rule = 'LOCAL-PANEL-ACTION'" >"$WORK/mail"
expect_in "the message counts the children" "Its agenda has 1 child (1 urgent)" "$WORK/mail"
expect_not_in "... and names none" "Amara" "$WORK/mail"
expect_not_in "... nor a UPN" "$PUPIL" "$WORK/mail"
expect_not_in "... nor the school" "Riverside" "$WORK/mail"
expect_eq "circulating again adds nothing" 303 "$(post "$L" "/panel/meetings/$TODAY/circulate" "$WORK/circ.req")"
expect_eq "... still six" 6 "$(sql "SELECT COUNT(*) FROM outbox WHERE rule = 'LOCAL-PANEL-ACTION'")"

# ---- the decision and an action: LOCAL-PANEL-ACTION on /duties ----
DEC="/pupils/$PUPIL/panel/decide?meeting=$TODAY&urn=100001&ref=$REF"
expect_eq "the school may not record the panel's decision" 403 "$(get "$S" "$DEC")"
expect_eq "the decision form" 200 "$(get "$L" "$DEC")"
expect_in "... shows the child's views" "feels unsafe on the way to school" "$WORK/body"
cp "$WORK/body" "$WORK/dec.html"
form_body "$WORK/dec.html" "decision=Early help assessment and a CAMHS consultation" \
    "action=Offer a CAMHS consultation" owner=CAMHS due-day=1 due-month=1 "due-year=$Y" >"$WORK/past.req"
expect_eq "an action due before the meeting: refused" 400 "$(post "$L" "$DEC" "$WORK/past.req")"
expect_in "... saying why" "The due date must be on or after the day of the meeting" "$WORK/body"
form_body "$WORK/dec.html" "decision=Early help assessment and a CAMHS consultation" \
    "action=Offer a CAMHS consultation" owner=CAMHS due-day=15 due-month=1 "due-year=$DUE_Y" >"$WORK/dec.req"
expect_eq "the decision saved" 303 "$(post "$L" "$DEC" "$WORK/dec.req")"
expect_eq "one update: discussed, the owner, the due date" "discussed|CAMHS|$DUE_Y-01-15" \
    "$(sql "SELECT outcome, notified_to, end_date FROM events WHERE type = 'referral_update' AND outcome = 'discussed'")"
"$ONROLL" duties --format csv | grep LOCAL-PANEL-ACTION >"$WORK/d"
expect_in "the action is a duty, due on the day set" ",100001,$PUPIL,LOCAL-PANEL-ACTION," "$WORK/d"
expect_in "... due $DUE_Y-01-15, open" "$DUE_Y-01-15,open" "$WORK/d"
expect_eq "the LA's duties" 200 "$(get "$L" "/duties?rule=LOCAL-PANEL-ACTION")"
expect_in "... list the panel's action" "Do each action the multi-agency panel agreed" "$WORK/body"
expect_in "... for the pupil" "Amara" "$WORK/body"
expect_eq "the meeting's page: decided" 200 "$(get "$L" "/panel/meetings/$TODAY")"
expect_in "... under this meeting" "Decided at this meeting" "$WORK/body"
expect_eq "the panel page: considered within target" 200 "$(get "$L" /panel)"
expect_in "... 1 of 1" "1 of 1" "$WORK/body"

# ---- the KPI on the command line: considered the same day, within target ----
expect_status "onroll panel --format csv" 0 "$ONROLL" panel --format csv
expect_eq "... its header and one row" "upn,urn,referred,urgency,considered,school_days,within_target
$PUPIL,100001,$TODAY,urgent,$TODAY,0,yes" "$(cat "$WORK/out")"
expect_status "onroll panel (a table)" 0 "$ONROLL" panel
expect_in "... the KPIs" "1 referral; 1 of 1 considered within target; median 0.0 school days; 0 waiting past their target" "$WORK/out"
expect_status "onroll panel --format json" 0 "$ONROLL" panel --format json
expect_in "... within target" '"within_target": 1' "$WORK/out"
expect_status "another school's only: none" 0 "$ONROLL" panel --school 100002 --format csv
expect_not_in "... no row" "$PUPIL" "$WORK/out"

# ---- a panel member sees the children referred, and only them ----
expect_eq "the panel member: the referred pupil's record" 200 "$(get "$P" "/pupils/$PUPIL")"
expect_eq "... not another pupil" 404 "$(get "$P" "/pupils/$OTHER")"
expect_eq "... nor the LA's panel page" 403 "$(get "$P" /panel)"
expect_eq "the panel member's referrals" 200 "$(get "$P" /referrals)"
expect_in "... list the panel's referral" "Multi-agency panel" "$WORK/body"

# ---- the school sees the feedback ----
expect_eq "the school's pupil page" 200 "$(get "$S" "/pupils/$PUPIL")"
expect_in "... the panel's decision" "Early help assessment and a CAMHS consultation" "$WORK/body"
expect_in "... the action, its owner and due date" "CAMHS: Offer a CAMHS consultation, by 15 January $DUE_Y" "$WORK/body"
expect_eq "the referral's page" 200 "$(get "$S" "/referrals/100001/$REF")"
expect_in "... shows the decision too" "Early help assessment and a CAMHS consultation" "$WORK/body"

finish
