#!/bin/sh
# test_plans.sh - support plans and referrals end to end: a real `onroll serve` on 127.0.0.1 (a
# free port), driven with curl, over a small scenario (tests/e2e/plans/) whose dates are fixed
# so that every due date below is counted by hand on its calendar; then, when Chromium,
# playwright-core and axe-core are there, the browser story over the demo LA
# (tests/browser/plans.spec.mjs).
#
# A school starts a Pastoral Support Programme after a second suspension (LOCAL-PSP done, as
# `onroll duties --format csv` says), records two reviews "no change" (LOCAL-PSP-ESCALATE
# opens), is refused a referral to the Re-engagement Unit without the PSP, refers with it (the
# escalation done, LOCAL-REFERRAL open with its due date); the REU (a partner account) sees
# the referral in its list, accepts it and allocates a lead worker, and cannot skip a step;
# another school gets 404; hostile text in every field is stored as typed and shown escaped;
# a form without its CSRF token is refused; the Virtual School records a PEP (LOCAL-PEP done)
# and may not start a PSP; the importer refuses the details the form refuses, in the same
# words; the LA dashboard lists a permanent exclusion recorded without a pre-exclusion
# assessment or consultation.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
export FORM_LISTS="*" # form_body: the names sent as lists
P=$(pwd)/tests/e2e/plans

# the value of a hidden field of the page's last form
hidden_of() {
    sed -n "s/.*<input type=\"hidden\" name=\"$2\" value=\"\([^\"]*\)\".*/\1/p" "$1" | tail -n 1
}
events_count() {
    "$ONROLL" export events | wc -l | tr -d ' '
}
# duty ROW-PREFIX AS_OF : the duties CSV row starting with ROW-PREFIX as of AS_OF
duties_as_of() {
    "$ONROLL" duties --as-of "$1" --format csv
}

TODAY=$(date +%Y-%m-%d)
if [ "$(date +%Y%m%d)" -lt 20260301 ]; then
    echo "skipped: the scenario's dates (autumn 2025 to February 2026) must be in the past"
    finish
    exit 0
fi

# ---------------------------------------------------------------------------------------------
# The calendar (tests/e2e/plans/calendar.csv, LA rows; no bank holiday falls in a term):
#   Autumn 2025 Wed 3 Sep - Fri 19 Dec, half-term Mon 27 - Fri 31 Oct
#   Spring 2026 Mon 5 Jan - Fri 27 Mar, half-term Mon 16 - Fri 20 Feb
#   Summer 2026 Mon 13 Apr - Fri 17 Jul
# and, made below, this school year's terms (so that the PEP of "this term" has a term).
#
#        January 2026            February 2026             March 2026
#   Mo Tu We Th Fr          Mo Tu We Th Fr           Mo Tu We Th Fr
#             [1  2]hol     [2  3  4  5  6]          [2  3  4  5  6]
#   [5  6  7  8  9]         [9 10 11 12 13]          [9 10 11 12 13]
#  [12 13 14 15 16]          16 17 18 19 20 hol     [16 17 18 19 20]
#  [19 20 21 22 23]         [23 24 25 26 27]        [23 24 25 26 27]
#  [26 27 28 29 30]                                 (1 and 2 Jan: Christmas holiday)
#
# Pupils: A K999261000001 Alfie Archer (Eastfield 200001): suspensions EXA1 Tue 4 Nov 2025 and
# EXA2 Thu 20 Nov 2025 -> LOCAL-PSP AFTER(20 Nov, 10): 21 Nov=1, 24=2, 25=3, 26=4, 27=5, 28=6,
# 1 Dec=7, 2=8, 3=9, 4 Dec=10 -> 2025-12-04. B Z999261000002 Bella Boateng (Eastfield): nothing
# recorded. C N999261000003 Callum Carter (Eastfield): permanently excluded Thu 23 Oct 2025,
# with no pre-exclusion assessment and no consultation. F F999261000006 Freya Foster
# (Brookside 200002): looked after.
# ---------------------------------------------------------------------------------------------
A=K999261000001
B_=Z999261000002
C=N999261000003
F=F999261000006
python3 - "$TODAY" >"$WORK/calendar-now.csv" <<'EOF'
import datetime, sys
today = datetime.date.fromisoformat(sys.argv[1])
ay = today.year if today.month >= 8 else today.year - 1
print("scope,start,end,kind,label")
rows = [(datetime.date(ay, 9, 1), datetime.date(ay, 12, 18), "Autumn"),
        (datetime.date(ay + 1, 1, 5), datetime.date(ay + 1, 3, 26), "Spring"),
        (datetime.date(ay + 1, 4, 12), datetime.date(ay + 1, 7, 20), "Summer")]
if today.month == 8:  # no term has begun yet: one in August, for the test
    rows.insert(0, (datetime.date(ay, 8, 1), datetime.date(ay, 8, 31), "August"))
for s, e, label in rows:
    print(f"LA,{s},{e},term,{label} {s.year}")
EOF
# the PEP's date: today, or the last day of the latest term begun; and that term's end
python3 - "$TODAY" "$WORK/calendar-now.csv" >"$WORK/pep-date" <<'EOF'
import csv, datetime, sys
today = datetime.date.fromisoformat(sys.argv[1])
best = None
for r in csv.DictReader(open(sys.argv[2])):
    s, e = datetime.date.fromisoformat(r["start"]), datetime.date.fromisoformat(r["end"])
    if s <= today:
        best = (min(today, e), e)
print(best[0], best[1])
EOF
read -r PEP_DATE TERM_END <"$WORK/pep-date"

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$P/schools.csv" "$P/calendar.csv" \
    "$WORK/calendar-now.csv" "$P/pupils.csv" "$P/enrolments.csv" "$P/caseload.csv" "$P/events.csv"
for u in "school@eastfield.example.gov.uk school 200001" "school@brookside.example.gov.uk school 200002" \
    "reu@reu.example.gov.uk partner reu" "vs@vs.example.gov.uk virtual_school -" \
    "officer@la.example.gov.uk la_officer -" "eh@eh.example.gov.uk partner early_help -"; do
    set -- $u
    if [ "$3" = - ]; then
        echo "kestrel-river-41" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --password-stdin >/dev/null 2>&1
    else
        echo "kestrel-river-41" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --scope "$3" --password-stdin >/dev/null 2>&1
    fi
    expect_eq "account $1 ($2)" 0 $?
done

start_server
SC=$WORK/school.jar
SC2=$WORK/school2.jar
REU=$WORK/reu.jar
VS=$WORK/vs.jar
LA=$WORK/la.jar
EH=$WORK/eh.jar
expect_eq "Eastfield signs in" 303 "$(sign_in "$SC" school@eastfield.example.gov.uk kestrel-river-41)"
expect_eq "Brookside signs in" 303 "$(sign_in "$SC2" school@brookside.example.gov.uk kestrel-river-41)"
expect_eq "the REU signs in" 303 "$(sign_in "$REU" reu@reu.example.gov.uk kestrel-river-41)"
expect_eq "the Virtual School signs in" 303 "$(sign_in "$VS" vs@vs.example.gov.uk kestrel-river-41)"
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "early help signs in" 303 "$(sign_in "$EH" eh@eh.example.gov.uk kestrel-river-41)"

# hostile text: markup, quotes, an ampersand, a line break
HOSTILE='<script>alert("x")</script> & <b>bold</b> '"'"'q'"'"'
second line'
HOSTILE1='<script>alert("x")</script> & <b>bold</b> '"'"'q'"'" # one line

# ---- the school: LOCAL-PSP is on its page ----
expect_eq "school page (the school's dashboard)" 200 "$(get "$SC" /schools/200001)"
expect_in "... support plans to act on" "Support plans and referrals to act on" "$WORK/body"
expect_in "... A's PSP to start (LOCAL-PSP)" "LOCAL-PSP</span>" "$WORK/body"
expect_in "... a link to the pupil's plans" "/pupils/$A/plans" "$WORK/body"
expect_eq "A's plans" 200 "$(get "$SC" "/pupils/$A/plans")"
expect_in "... the duty to start a PSP, due 4 Dec 2025" "4 December 2025" "$WORK/body"
expect_in "... with the button to start one" "/pupils/$A/plans/new?kind=psp" "$WORK/body"
expect_eq "the pupil page links to the plans" 200 "$(get "$SC" "/pupils/$A")"
expect_in "... Plans and referrals section" 'id="plans">Plans and referrals' "$WORK/body"
expect_in "... no PSP yet" "No Pastoral Support Programme" "$WORK/body"

# ---- start a PSP: the form, the check, the save ----
expect_eq "PSP form" 200 "$(get "$SC" "/pupils/$A/plans/new?kind=psp&urn=200001&ref=EXA2")"
cp "$WORK/body" "$WORK/psp-form.html"
expect_in "... the targets for the pupil" 'name="targets_pupil"' "$WORK/psp-form.html"
expect_in "... the overseeing leader" 'name="leader"' "$WORK/psp-form.html"
expect_in "... the time limit (end date)" 'id="end-day"' "$WORK/psp-form.html"
expect_in "... a CSRF token" 'name="csrf_token"' "$WORK/psp-form.html"
before=$(events_count)
form_body "$WORK/psp-form.html" kind=psp start-day=24 start-month=11 start-year=2025 \
    targets_pupil= leader= action=check >"$WORK/req"
expect_eq "an empty PSP is refused" 400 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
expect_in "... the error summary" "There is a problem" "$WORK/body"
expect_in "... the targets, linked" '<a href="#targets_pupil">Enter the targets for the pupil</a>' "$WORK/body"
expect_in "... the leader" '<a href="#leader">Enter the name of the overseeing leader</a>' "$WORK/body"
expect_in "... the time limit" '<a href="#end-day">Enter the time limit</a>' "$WORK/body"
form_body "$WORK/psp-form.html" kind=psp start-day=24 start-month=11 start-year=2025 \
    end-day=13 end-month=3 end-year=2026 ref=EXA2 "targets_pupil=$HOSTILE" \
    "targets_school=$HOSTILE" "targets_family=$HOSTILE" "targets_agencies=$HOSTILE" \
    "leader=<i>Deputy</i> & head" action=check >"$WORK/req"
expect_eq "check the PSP" 200 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
cp "$WORK/body" "$WORK/psp-check.html"
expect_in "... nothing saved yet" "Nothing has been saved yet" "$WORK/psp-check.html"
expect_in "... LOCAL-PSP done once saved" "LOCAL-PSP" "$WORK/psp-check.html"
expect_in "... hostile text shown escaped" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;' "$WORK/psp-check.html"
expect_not_in "... no live markup" '<script>alert' "$WORK/psp-check.html"
expect_eq "the check writes nothing" "$before" "$(events_count)"
PSP=$(hidden_of "$WORK/psp-check.html" event_id)
form_body "$WORK/psp-check.html" action=save >"$WORK/req"
expect_eq "save the PSP" 303 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
expect_in "... back to the plans with a banner" "Location: /pupils/$A/plans?recorded=psp" "$WORK/headers"
expect_eq "... one more event" $((before + 1)) "$(events_count)"
expect_eq "saving it again" 303 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
expect_eq "... records it once" $((before + 1)) "$(events_count)"
"$ONROLL" export events >"$WORK/events.csv"
expect_in "the psp event, its time limit and the suspension it follows" \
    "$PSP,$A,200001,psp,2025-11-24,,,EXA2," "$WORK/events.csv"
expect_in "... the details as JSON, the text as typed" '""leader"":""<i>Deputy</i> & head""' "$WORK/events.csv"
expect_in "... a line break kept" '\nsecond line' "$WORK/events.csv"
# LOCAL-PSP AFTER(20 Nov, 10) = 4 Dec (above), done by the psp of 24 Nov; the first review is
# due 28 days after the start: 24 Nov + 28 = 22 Dec 2025
duties_as_of 2025-11-28 >"$WORK/duties.csv"
expect_in "LOCAL-PSP done by the psp (onroll duties)" \
    "EXA2,200001,$A,LOCAL-PSP,school,2025-12-04,done,2025-11-24" "$WORK/duties.csv"
expect_in "LOCAL-PSP-REVIEW due 28 days on" "EXA2,200001,$A,LOCAL-PSP-REVIEW,school,2025-12-22,open," "$WORK/duties.csv"
expect_eq "the plans page after saving" 200 "$(get "$SC" "/pupils/$A/plans?recorded=psp")"
cp "$WORK/body" "$WORK/plans.html"
expect_in "... the banner" "Pastoral Support Programme recorded." "$WORK/plans.html"
expect_in "... the PSP's leader, escaped" '&lt;i&gt;Deputy&lt;/i&gt; &amp; head' "$WORK/plans.html"
expect_in "... the time limit" "13 March 2026" "$WORK/plans.html"
expect_not_in "... no live markup" '<script>alert' "$WORK/plans.html"
expect_not_in "... none at all" '<i>Deputy' "$WORK/plans.html"
expect_in "... a link to record a review" "/pupils/$A/plans/$PSP/review?urn=200001" "$WORK/plans.html"

# ---- a pre-exclusion assessment and a part-time timetable ----
# EXA1 (4 Nov) and EXA2 (20 Nov) are both in the second half-term (3 Nov - 19 Dec): LOCAL-PEAP
# (no fixed date) on EXA2, done by a peap at the school that school year
expect_eq "PEAP form" 200 "$(get "$SC" "/pupils/$A/plans/new?kind=peap&urn=200001&ref=EXA2")"
cp "$WORK/body" "$WORK/peap-form.html"
expect_in "... the pupil's voice" "What makes school difficult?" "$WORK/peap-form.html"
expect_in "... the head teacher's questions" "Is the decision proportionate?" "$WORK/peap-form.html"
form_body "$WORK/peap-form.html" start-day=27 start-month=11 start-year=2025 ref=EXA2 \
    "needs=$HOSTILE" "interventions=$HOSTILE" "voice_going_well=$HOSTILE" \
    "voice_difficult=$HOSTILE" "voice_helps=$HOSTILE" "voice_would_help=$HOSTILE" \
    ht_alternatives=yes ht_involved=no action=check >"$WORK/req"
expect_eq "a PEAP without every answer is refused" 400 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
expect_in "... the question left out" '<a href="#ht_proportionate">Select yes if the decision is proportionate</a>' "$WORK/body"
form_body "$WORK/peap-form.html" start-day=27 start-month=11 start-year=2025 ref=EXA2 \
    "needs=$HOSTILE" "interventions=$HOSTILE" "voice_going_well=$HOSTILE" \
    "voice_difficult=$HOSTILE" "voice_helps=$HOSTILE" "voice_would_help=$HOSTILE" \
    ht_alternatives=yes ht_involved=no ht_proportionate=no "ht_notes=$HOSTILE" action=check >"$WORK/req"
expect_eq "check the PEAP" 200 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
expect_not_in "... escaped" '<script>alert' "$WORK/body"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save the PEAP" 303 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
duties_as_of 2025-11-28 >"$WORK/duties.csv"
expect_in "LOCAL-PEAP done by the peap" "EXA2,200001,$A,LOCAL-PEAP,school,,done,2025-11-27" "$WORK/duties.csv"
expect_eq "part-time timetable form" 200 "$(get "$SC" "/pupils/$A/plans/new?kind=part_time_timetable")"
cp "$WORK/body" "$WORK/ptt-form.html"
form_body "$WORK/ptt-form.html" start-day=1 start-month=12 start-year=2025 end-day=12 \
    end-month=12 end-year=2025 parent_agreed=no parent_agreed_on-day=28 \
    parent_agreed_on-month=11 parent_agreed_on-year=2025 "authorised_by=$HOSTILE1" \
    "reason=$HOSTILE" hours=15 action=check >"$WORK/req"
expect_eq "a timetable without the parents' agreement is refused" 400 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
expect_in "... saying why" "A part-time timetable can only start with the parents&#39; or carers&#39; agreement" "$WORK/body"
form_body "$WORK/ptt-form.html" start-day=1 start-month=12 start-year=2025 end-day=12 \
    end-month=12 end-year=2025 parent_agreed=yes parent_agreed_on-day=28 \
    parent_agreed_on-month=11 parent_agreed_on-year=2025 "authorised_by=$HOSTILE1" \
    "reason=$HOSTILE" hours=40.5 action=check >"$WORK/req"
expect_eq "more than 40 hours a week is refused" 400 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
expect_in "... naming the hours" '<a href="#hours">Hours a week in school must be a number from 0 to 40' "$WORK/body"
form_body "$WORK/ptt-form.html" start-day=1 start-month=12 start-year=2025 end-day=12 \
    end-month=12 end-year=2025 parent_agreed=yes parent_agreed_on-day=28 \
    parent_agreed_on-month=11 parent_agreed_on-year=2025 "authorised_by=$HOSTILE1" \
    "reason=$HOSTILE" hours=12.5 action=check >"$WORK/req"
expect_eq "check the part-time timetable" 200 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
PTT=$(hidden_of "$WORK/body" event_id)
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save it" 303 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
"$ONROLL" export events >"$WORK/events.csv"
expect_in "the timetable's agreement in its details" '""parent_agreed"":""yes"",""parent_agreed_on"":""2025-11-28""' "$WORK/events.csv"
# LOCAL-PTT: by its end (Fri 12 Dec) and within 30 school days (NTH(1 Dec, 30) is later): 12 Dec
duties_as_of 2025-12-01 >"$WORK/duties.csv"
expect_in "LOCAL-PTT due at its end date" "$PTT,200001,$A,LOCAL-PTT,school,2025-12-12,open," "$WORK/duties.csv"
expect_eq "the plans page" 200 "$(get "$SC" "/pupils/$A/plans")"
expect_in "... the PEAP's answers" "What would help?" "$WORK/body"
expect_in "... the timetable's hours" "12.5" "$WORK/body"
expect_not_in "... every answer escaped" '<script>alert' "$WORK/body"

# ---- two reviews "no change" ----
review() { # DAY MONTH YEAR OUTCOME
    expect_eq "review form" 200 "$(get "$SC" "/pupils/$A/plans/$PSP/review?urn=200001")"
    cp "$WORK/body" "$WORK/review-form.html"
    form_body "$WORK/review-form.html" "start-day=$1" "start-month=$2" "start-year=$3" \
        "outcome=$4" "pupil_views=$HOSTILE" "parent_views=$HOSTILE" "changes=$HOSTILE" \
        action=check >"$WORK/req"
    expect_eq "check the review of $1/$2/$3 ($4)" 200 "$(post "$SC" "/pupils/$A/plans/$PSP/review" "$WORK/req")"
    cp "$WORK/body" "$WORK/review-check.html"
    form_body "$WORK/review-check.html" action=save >"$WORK/req"
    expect_eq "save it" 303 "$(post "$SC" "/pupils/$A/plans/$PSP/review" "$WORK/req")"
}
form_body "$WORK/psp-form.html" start-day=19 start-month=12 start-year=2025 action=check >"$WORK/req"
expect_eq "a review without an outcome or views is refused" 400 "$(post "$SC" "/pupils/$A/plans/$PSP/review" "$WORK/req")"
expect_in "... the outcome" '<a href="#outcome">Select how the pupil is doing</a>' "$WORK/body"
expect_in "... the pupil's views" '<a href="#pupil_views">Enter the pupil&#39;s views</a>' "$WORK/body"
review 19 12 2025 no_change
expect_in "... the check page shows the review's escaped views" '&lt;b&gt;bold&lt;/b&gt;' "$WORK/review-check.html"
review 16 1 2026 no_change
duties_as_of 2026-01-16 >"$WORK/duties.csv"
expect_in "two reviews no change: LOCAL-PSP-ESCALATE open" "EXA2,200001,$A,LOCAL-PSP-ESCALATE,school,,open," "$WORK/duties.csv"
expect_eq "the plans page" 200 "$(get "$SC" "/pupils/$A/plans")"
cp "$WORK/body" "$WORK/plans.html"
expect_in "... prompts a referral" "Two reviews in a row without improvement: refer to the Re-engagement Unit or educational psychology" "$WORK/plans.html"
expect_in "... with the referral form prefilled, the PSP attached" "/pupils/$A/referrals/new?service=reu&amp;urn=200001&amp;ref=$PSP" "$WORK/plans.html"
expect_in "... the reviews with their outcome" "No change" "$WORK/plans.html"
expect_not_in "... the views escaped" '<b>bold' "$WORK/plans.html"

# ---- referrals to the REU: without the PSP refused; by the LA refused; with it ----
expect_eq "referral form" 200 "$(get "$SC" "/pupils/$A/referrals/new?service=reu&urn=200001&ref=$PSP")"
cp "$WORK/body" "$WORK/ref-form.html"
expect_in "... the REU offered, chosen" 'value="reu" checked' "$WORK/ref-form.html"
expect_in "... the PSP chosen" "value=\"$PSP\" checked" "$WORK/ref-form.html"
before=$(events_count)
form_body "$WORK/ref-form.html" service=reu ref= start-day=19 start-month=1 start-year=2026 \
    "reason=$HOSTILE" consent=yes action=save >"$WORK/req"
expect_eq "REU without the PSP: refused" 400 "$(post "$SC" "/pupils/$A/referrals/new" "$WORK/req")"
expect_in "... saying why" "Attach the pupil&#39;s Pastoral Support Programme: the Re-engagement Unit takes school referrals with the PSP" "$WORK/body"
expect_eq "B's referral form" 200 "$(get "$SC" "/pupils/$B_/referrals/new?service=reu")"
form_body "$WORK/body" service=reu start-day=19 start-month=1 start-year=2026 reason=r consent=yes \
    action=save >"$WORK/req"
expect_eq "a pupil with no PSP: refused" 400 "$(post "$SC" "/pupils/$B_/referrals/new" "$WORK/req")"
expect_in "... no PSP to attach" "No Pastoral Support Programme is recorded for this pupil" "$WORK/body"
expect_eq "LA: referral form" 200 "$(get "$LA" "/pupils/$A/referrals/new?service=reu")"
expect_not_in "... no REU for the LA" 'value="reu"' "$WORK/body"
form_body "$WORK/body" service=reu urn=200001 "ref=$PSP" start-day=19 start-month=1 start-year=2026 \
    reason=r consent=yes action=save >"$WORK/req"
expect_eq "the LA referring to the REU: refused" 400 "$(post "$LA" "/pupils/$A/referrals/new" "$WORK/req")"
expect_in "... school referrals only" "Only a school refers a pupil to the Re-engagement Unit" "$WORK/body"
expect_eq "... nothing written" "$before" "$(events_count)"
form_body "$WORK/ref-form.html" service=reu "ref=$PSP" start-day=19 start-month=1 start-year=2026 \
    "reason=$HOSTILE" consent=yes "lead_worker=$HOSTILE1" action=check >"$WORK/req"
expect_eq "check the referral with the PSP" 200 "$(post "$SC" "/pupils/$A/referrals/new" "$WORK/req")"
cp "$WORK/body" "$WORK/ref-check.html"
expect_in "... LOCAL-REFERRAL once saved" "LOCAL-REFERRAL" "$WORK/ref-check.html"
expect_not_in "... escaped" '<script>alert' "$WORK/ref-check.html"
REF=$(hidden_of "$WORK/ref-check.html" event_id)
form_body "$WORK/ref-check.html" action=save >"$WORK/req"
expect_eq "save the referral" 303 "$(post "$SC" "/pupils/$A/referrals/new" "$WORK/req")"
expect_in "... to the referral's page" "Location: /referrals/200001/$REF?recorded=referral" "$WORK/headers"
expect_eq "... one more event" $((before + 1)) "$(events_count)"
# the escalation is done by the referral (19 Jan, after the second review of 16 Jan); the
# REU's first step is due AFTER(19 Jan, 10): 20 Jan=1, 21=2, 22=3, 23=4, 26=5, 27=6, 28=7,
# 29=8, 30=9, Mon 2 Feb=10 -> 2026-02-02
duties_as_of 2026-01-19 >"$WORK/duties.csv"
expect_in "LOCAL-PSP-ESCALATE done by the referral" "EXA2,200001,$A,LOCAL-PSP-ESCALATE,school,,done,2026-01-19" "$WORK/duties.csv"
expect_in "LOCAL-REFERRAL open, due 2 Feb 2026" "$REF,200001,$A,LOCAL-REFERRAL,the service referred to,2026-02-02,open," "$WORK/duties.csv"
duties_as_of 2026-02-03 >"$WORK/duties.csv"
expect_in "... overdue on 3 Feb" "$REF,200001,$A,LOCAL-REFERRAL,the service referred to,2026-02-02,overdue," "$WORK/duties.csv"
expect_eq "the referral's page" 200 "$(get "$SC" "/referrals/200001/$REF?recorded=referral")"
expect_in "... the banner" "Referral to the Re-engagement Unit recorded." "$WORK/body"
expect_in "... the steps" "Lead worker allocated" "$WORK/body"
expect_in "... the first step's due date from the rules" "2 February 2026" "$WORK/body"
expect_not_in "... the school cannot accept it (not its step)" 'value="accepted"' "$WORK/body"
expect_in "... but may close it" 'value="closed"' "$WORK/body"

# ---- who sees what ----
expect_eq "another school: the pupil's plans are not found" 404 "$(get "$SC2" "/pupils/$A/plans")"
expect_eq "... nor the referral" 404 "$(get "$SC2" "/referrals/200001/$REF")"
expect_eq "... nor the plan form" 404 "$(get "$SC2" "/pupils/$A/plans/new?kind=psp")"
expect_eq "the REU: its list of referrals" 200 "$(get "$REU" /referrals)"
expect_in "... A referred to it" "Alfie Archer" "$WORK/body"
expect_in "... with the status" "Referred" "$WORK/body"
expect_in "... and the next step's due date" "2 February 2026" "$WORK/body"
expect_eq "the REU may open A's record (referred to it)" 200 "$(get "$REU" "/pupils/$A/plans")"
expect_eq "... but not B's (not referred)" 404 "$(get "$REU" "/pupils/$B_/plans")"
expect_eq "early help does not see the REU's referral" 200 "$(get "$EH" /referrals)"
expect_not_in "... not in its list" "Alfie Archer" "$WORK/body"
expect_eq "... nor A's record" 404 "$(get "$EH" "/pupils/$A")"
expect_eq "a school has no referrals list" 403 "$(get "$SC" /referrals)"

# ---- the REU accepts and allocates ----
expect_eq "the REU opens the referral" 200 "$(get "$REU" "/referrals/200001/$REF")"
cp "$WORK/body" "$WORK/ref.html"
expect_in "... may accept" 'value="accepted"' "$WORK/ref.html"
expect_in "... or decline" 'value="declined"' "$WORK/ref.html"
expect_not_in "... but not allocate yet" 'value="allocated"' "$WORK/ref.html"
expect_in "... the referral's reason, escaped" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$WORK/ref.html"
form_body "$WORK/ref.html" status=exit start-day=28 start-month=1 start-year=2026 action=check >"$WORK/req"
expect_eq "a step out of order is refused" 400 "$(post "$REU" "/referrals/200001/$REF" "$WORK/req")"
expect_in "... only the steps that may come next" '<a href="#status">Select the step reached</a>' "$WORK/body"
form_body "$WORK/ref.html" status=accepted start-day=28 start-month=1 start-year=2026 \
    "notes=$HOSTILE" action=check >"$WORK/req"
expect_eq "check: accepted" 200 "$(post "$REU" "/referrals/200001/$REF" "$WORK/req")"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save: accepted" 303 "$(post "$REU" "/referrals/200001/$REF" "$WORK/req")"
# the next step, the lead worker, AFTER(28 Jan, 5): 29 Jan=1, 30=2, 2 Feb=3, 3=4, 4 Feb=5
duties_as_of 2026-01-28 >"$WORK/duties.csv"
expect_in "LOCAL-REFERRAL: the allocation due 4 Feb 2026" "$REF,200001,$A,LOCAL-REFERRAL,the service referred to,2026-02-04,open," "$WORK/duties.csv"
expect_eq "the referral after acceptance" 200 "$(get "$REU" "/referrals/200001/$REF?recorded=accepted")"
cp "$WORK/body" "$WORK/ref.html"
expect_in "... now allocate" 'value="allocated"' "$WORK/ref.html"
expect_in "... a lead worker field" 'name="to"' "$WORK/ref.html"
form_body "$WORK/ref.html" status=allocated start-day=2 start-month=2 start-year=2026 to= action=check >"$WORK/req"
expect_eq "allocating without a worker is refused" 400 "$(post "$REU" "/referrals/200001/$REF" "$WORK/req")"
expect_in "... naming the field" '<a href="#to">Enter the lead worker&#39;s name</a>' "$WORK/body"
form_body "$WORK/ref.html" status=allocated start-day=2 start-month=2 start-year=2026 \
    "to=sam.lee@reu.example.gov.uk" action=check >"$WORK/req"
expect_eq "check: allocated" 200 "$(post "$REU" "/referrals/200001/$REF" "$WORK/req")"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save: allocated" 303 "$(post "$REU" "/referrals/200001/$REF" "$WORK/req")"
"$ONROLL" export events >"$WORK/events.csv"
expect_in "the allocation names the worker in to" "referral_update,2026-02-02,,,$REF," "$WORK/events.csv"
expect_in "... sam.lee" "sam.lee@reu.example.gov.uk" "$WORK/events.csv"
# mid-programme review AFTER(2 Feb, 30), the half-term 16-20 Feb not counted: 3 Feb=1, 4=2,
# 5=3, 6=4, 9=5, 10=6, 11=7, 12=8, 13=9, 23=10, 24=11, 25=12, 26=13, 27=14, 2 Mar=15, 3=16,
# 4=17, 5=18, 6=19, 9=20, 10=21, 11=22, 12=23, 13=24, 16=25, 17=26, 18=27, 19=28, 20=29,
# 23 Mar=30 -> 2026-03-23
duties_as_of 2026-02-02 >"$WORK/duties.csv"
expect_in "LOCAL-REFERRAL: the mid-programme review due 23 Mar 2026" "$REF,200001,$A,LOCAL-REFERRAL,the service referred to,2026-03-23,open," "$WORK/duties.csv"
expect_eq "the referral page" 200 "$(get "$SC" "/referrals/200001/$REF")"
expect_in "... the lead worker" "sam.lee@reu.example.gov.uk" "$WORK/body"
expect_in "... the REU's notes, escaped" '&lt;b&gt;bold&lt;/b&gt;' "$WORK/body"
expect_not_in "... no live markup" '<script>alert' "$WORK/body"

# ---- CSRF ----
before=$(events_count)
printf 'status=mid_review&start-day=2&start-month=3&start-year=2026&action=save' >"$WORK/req"
expect_eq "no CSRF token: refused" 403 "$(post "$REU" "/referrals/200001/$REF" "$WORK/req")"
printf 'kind=psp&urn=200001&start-day=1&start-month=12&start-year=2025&action=save' >"$WORK/req"
expect_eq "... on the plan form too" 403 "$(post "$SC" "/pupils/$A/plans/new" "$WORK/req")"
expect_eq "... nothing written" "$before" "$(events_count)"

# ---- the Virtual School: a PEP ----
expect_eq "the Virtual School: PEPs this term" 200 "$(get "$VS" /peps)"
expect_in "... Freya, looked after" "Freya Foster" "$WORK/body"
expect_eq "the VS may not start a PSP" 403 "$(get "$VS" "/pupils/$F/plans/new?kind=psp")"
expect_eq "the PEP form" 200 "$(get "$VS" "/pupils/$F/plans/new?kind=pep")"
cp "$WORK/body" "$WORK/pep-form.html"
expect_in "... at the pupil's school" "Brookside Primary School (URN 200002)" "$WORK/pep-form.html"
PD=$(echo "$PEP_DATE" | cut -d- -f3 | sed 's/^0//')
PM=$(echo "$PEP_DATE" | cut -d- -f2 | sed 's/^0//')
PY=$(echo "$PEP_DATE" | cut -d- -f1)
form_body "$WORK/pep-form.html" "start-day=$PD" "start-month=$PM" "start-year=$PY" \
    "targets=$HOSTILE" "vs_attendee=$HOSTILE1" pupil_premium=maybe action=check >"$WORK/req"
expect_eq "a PEP with a bad yes/no is refused" 400 "$(post "$VS" "/pupils/$F/plans/new" "$WORK/req")"
expect_in "... naming it" '<a href="#pupil_premium">' "$WORK/body"
form_body "$WORK/pep-form.html" "start-day=$PD" "start-month=$PM" "start-year=$PY" \
    "targets=$HOSTILE" "vs_attendee=$HOSTILE1" "attendance=$HOSTILE" "attainment=$HOSTILE" \
    pupil_premium=yes "pupil_premium_use=$HOSTILE" action=check >"$WORK/req"
expect_eq "check the PEP" 200 "$(post "$VS" "/pupils/$F/plans/new" "$WORK/req")"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save the PEP" 303 "$(post "$VS" "/pupils/$F/plans/new" "$WORK/req")"
"$ONROLL" duties --pupil "$F" --format csv >"$WORK/duties.csv"
expect_in "LOCAL-PEP done this term by the PEP of $PEP_DATE" ",200002,$F,LOCAL-PEP,Virtual School and school,$TERM_END,done,$PEP_DATE" "$WORK/duties.csv"
expect_eq "the PEPs list after" 200 "$(get "$VS" /peps)"
expect_in "... held this term" "PEP held this term" "$WORK/body"
expect_eq "Freya's plans" 200 "$(get "$VS" "/pupils/$F/plans")"
expect_in "... the PEP, escaped" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$WORK/body"
expect_not_in "... no live markup" '<script>alert' "$WORK/body"

# ---- the importer refuses what the form refuses, in the same words ----
cat >"$WORK/bad-plans.csv" <<EOF
event_id,upn,urn,type,start,ref,outcome,details
BADP1,$A,200001,psp,2025-11-25,,,"{""targets_pupil"":""x""}"
EOF
expect_status "a psp without its required details: refused" 1 "$ONROLL" import "$WORK/bad-plans.csv"
expect_in "... the field named, as on the form" "column details: targets_school: is empty; a Pastoral Support Programme needs it" "$WORK/err"
cat >"$WORK/bad-plans.csv" <<EOF
event_id,upn,urn,type,start,ref,outcome
BADR1,$A,200001,plan_review,2025-12-01,EXA1,improving
EOF
expect_status "a review naming a suspension: refused" 1 "$ONROLL" import "$WORK/bad-plans.csv"
expect_in "... a review names its plan" "'EXA1' is a suspension event; plan_review events may name (ref) only events of type psp, pep, part_time_timetable" "$WORK/err"
cat >"$WORK/bad-plans.csv" <<EOF
event_id,upn,urn,type,start,to
BADF1,$A,200001,referral,2025-12-01,camhs
EOF
expect_status "a referral to an unknown service: refused" 1 "$ONROLL" import "$WORK/bad-plans.csv"
expect_in "... naming the routes" "'camhs' is not a referral route (expected reu|map|early_help|ep|ap|panel)" "$WORK/err"

# ---- the LA dashboard ----
expect_eq "the LA dashboard" 200 "$(get "$LA" /dashboard)"
cp "$WORK/body" "$WORK/dash.html"
expect_in "... permanent exclusions without a PEAP or consultation" "Permanent exclusions without a pre-exclusion assessment or LA consultation" "$WORK/dash.html"
expect_in "... Callum's exclusion" "Callum Carter" "$WORK/dash.html"
expect_in "... missing both" "LA consultation" "$WORK/dash.html"
# issue 14: the LA's plan duties are counted by rule with the others, each a link to its list
expect_eq "... the plans to act on, counted by rule" yes "$(grep -q -E 'href="/duties\?rule=LOCAL-(PSP|PSP-REVIEW|PEAP|PTT|REFERRAL)&amp;status=' "$WORK/dash.html" && echo yes)"
expect_eq "the LA's referrals list, filtered to the REU" 200 "$(get "$LA" "/referrals?service=reu&status=open")"
expect_in "... A" "Alfie Archer" "$WORK/body"
expect_eq "... to early help: none" 200 "$(get "$LA" "/referrals?service=early_help&status=open")"
expect_not_in "... not A" "Alfie Archer" "$WORK/body"

# ---- the browser story (tests/browser/plans.spec.mjs) over the demo LA ----
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    echo "skipped: browser test (node is not installed)"
elif [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    echo "skipped: browser test (node_modules/playwright-core or axe-core missing: npm install)"
elif [ ! -x "$CHROMIUM" ]; then
    echo "skipped: browser test ($CHROMIUM is not installed)"
else
    DEMO_DB=$(new_db demo)
    ONROLL_DB=$DEMO_DB "$ONROLL" demo --schools 20 --pupils 4000 --as-of "$TODAY" >"$WORK/demo.out" 2>&1
    expect_eq "the demo LA for the browser" 0 $?
    SCHOOL_URN=$(awk '$1 == "school" {print $3}' "$WORK/demo.out")
    port2=$(free_port)
    ONROLL_DB=$DEMO_DB "$ONROLL" serve --listen "127.0.0.1:$port2" --static "$STATIC" >>"$WORK/serve2.log" 2>&1 &
    PIDS="$PIDS $!"
    i=0
    while [ $i -lt 100 ]; do
        curl -s -o /dev/null "http://127.0.0.1:$port2/healthz" && break
        sleep 0.1
        i=$((i + 1))
    done
    mkdir -p test-results/screenshots
    ONROLL_DB=$DEMO_DB "$ONROLL" export events >"$WORK/demo-events.csv"
    ONROLL_DB=$DEMO_DB "$ONROLL" export enrolments >"$WORK/demo-enrolments.csv"
    ONROLL_DB=$DEMO_DB "$ONROLL" export pupils >"$WORK/demo-pupils.csv"
    # the pupil of the story: on the school account's roll, not looked after, no PSP this
    # school year, and one suspension this year (so the one recorded is the second), else none
    # (then two are recorded)
    python3 - "$WORK" "$SCHOOL_URN" "$TODAY" >"$WORK/story" <<'EOF'
import csv, datetime, sys
w, school, today = sys.argv[1], sys.argv[2], datetime.date.fromisoformat(sys.argv[3])
ay = today.year if today.month >= 8 else today.year - 1
start = datetime.date(ay, 8, 1).isoformat()
latest = {}
for r in csv.DictReader(open(w + "/demo-pupils.csv")):
    if r["upn"] not in latest or r["as_of"] >= latest[r["upn"]]["as_of"]:
        latest[r["upn"]] = r
here = set(r["upn"] for r in csv.DictReader(open(w + "/demo-enrolments.csv"))
           if r["urn"] == school and r["type"] == "main" and not r["end"])
susp, other = {}, set()
for r in csv.DictReader(open(w + "/demo-events.csv")):
    if r["start"] < start:
        continue
    if r["type"] in ("suspension", "lunchtime"):
        susp[r["upn"]] = susp.get(r["upn"], 0) + 1
    elif r["type"] not in ("action",):
        other.add(r["upn"])
plain = lambda p: all(p.get(k) != "1" for k in ("cla", "pla", "cin", "cp")) and p.get("sen") != "E"
for want, record in ((1, 1), (0, 2)):
    for upn in sorted(here):
        if susp.get(upn, 0) == want and upn not in other and plain(latest.get(upn, {})):
            print(upn, record)
            sys.exit(0)
print("- 0")
EOF
    read -r STORY_UPN STORY_RECORD <"$WORK/story"
    CHROMIUM=$CHROMIUM BASE="http://127.0.0.1:$port2" SCHOOL_URN="$SCHOOL_URN" \
        PUPIL="$STORY_UPN" RECORD="$STORY_RECORD" SHOTS=test-results/screenshots \
        node tests/browser/plans.spec.mjs >"$WORK/browser" 2>&1
    rc=$?
    sed 's/^/    /' "$WORK/browser"
    if [ $rc -eq 0 ]; then pass "browser: the story, axe-core 0 violations on every new page"; else fail "browser test (exit $rc)" "$(grep -E '^(FAIL|axe:)' "$WORK/browser" | head -20)"; fi
fi

finish
