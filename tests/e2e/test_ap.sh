#!/bin/sh
# test_ap.sh - alternative provision end to end (issue 17 parts 1 and 2): a real `onroll serve`
# on 127.0.0.1 driven with curl, on both engines (tests/pg/test_e2e_pg.sh), over the plans
# scenario's schools, calendar and pupils (tests/e2e/plans/), with dates fixed so that every
# due date below is counted by hand on its calendar.
#
# The LA adds a provider to the register (a school may read it, not add to it), records its
# checks against the pillars of the standards (a DBS check without its expiry refused; one
# expiring within the notice shown as due on the provider's page, the register and /duties);
# the LA places a looked-after pupil of Brookside, a school places its own pupil; the
# placements' duties (LOCAL-AP-*) are as counted; the school records the information sent, a
# review with the sessions attended and the outcome on the duty form; /ap/placements filters
# by school, status and overdue review and downloads; a school sees only its own pupils'
# placements; the importer refuses a placement's details the form would refuse; hostile text
# is shown escaped.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
P=$(pwd)/tests/e2e/plans

hidden_of() {
    sed -n "s/.*<input type=\"hidden\" name=\"$2\" value=\"\([^\"]*\)\".*/\1/p" "$1" | tail -n 1
}

TODAY=$(date +%Y-%m-%d)
if [ "$(date +%Y%m%d)" -lt 20260801 ]; then
    echo "skipped: the scenario's dates (to July 2026) must be in the past"
    finish
    exit 0
fi
# dates relative to today for the checks' expiries (python: portable date arithmetic)
day_after() { python3 -c "import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=int(sys.argv[2])))" "$TODAY" "$1"; }
SOON=$(day_after 10)   # within 20 school days (even counted as weekdays): due
LATER=$(day_after 400) # far off: in date
PAST=$(day_after -3)   # expired
CHECKED=$(day_after -30)
ymd() { echo "$1" | tr '-' ' '; }

# ---------------------------------------------------------------------------------------------
# The calendar (tests/e2e/plans/calendar.csv, LA rows):
#   Spring 2026 Mon 5 Jan - Fri 27 Mar, half-term Mon 16 - Fri 20 Feb
#   Summer 2026 Mon 13 Apr - Fri 17 Jul (no holiday row: one half-term, 13 Apr - 17 Jul;
#   bank holidays Mon 4 May and Mon 25 May are not school days)
# Half-terms: 5 Jan - 13 Feb, 23 Feb - 27 Mar, 13 Apr - 17 Jul.
#
# F F999261000006 Freya Foster (Brookside 200002), placed by the LA from Mon 5 Jan to Fri 27
#   Feb 2026, latest end 27 Feb:
#   LOCAL-AP-INFO   the last school day before Mon 5 Jan: Fri 19 Dec 2025; none sent: overdue
#   LOCAL-AP-REVIEW half-term 5 Jan - 13 Feb, all of it: due Fri 13 Feb, overdue; 23 Feb -
#                   27 Mar: 23-27 Feb, 5 school days, fewer than 10 (ap.review_min_days): none
#   LOCAL-AP-MAX    due Fri 27 Feb 2026, no outcome: overdue (past its latest end date)
#   LOCAL-AP-NOTIFY-LA: placed by the LA: none
# B Z999261000002 Bella Boateng (Eastfield 200001), placed by Eastfield from Mon 13 Apr to Fri
#   17 Jul 2026, latest end Fri 17 Jul:
#   LOCAL-AP-NOTIFY-LA due 13 Apr, done by recording it in onroll (today, "onroll")
#   LOCAL-AP-INFO   the last school day before Mon 13 Apr: Fri 27 Mar (Easter holiday between);
#                   sent Wed 25 Mar: done 2026-03-25
#   LOCAL-AP-REVIEW half-term 13 Apr - 17 Jul, run in from 13 Apr to the outcome (Fri 10 Jul),
#                   far more than 10 school days: due 10 Jul; reviewed Fri 15 May (18 sessions
#                   attended): done 2026-05-15
#   LOCAL-AP-MAX    due 17 Jul; ended Fri 10 Jul, reintegrated: done 2026-07-10
# ---------------------------------------------------------------------------------------------
F=F999261000006
BB=Z999261000002

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$P/schools.csv" "$P/calendar.csv" \
    "$P/pupils.csv" "$P/enrolments.csv"
for u in "school@eastfield.example.gov.uk school 200001" "school@brookside.example.gov.uk school 200002" \
    "officer@la.example.gov.uk la_officer -"; do
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
LA=$WORK/la.jar
expect_eq "Eastfield signs in" 303 "$(sign_in "$SC" school@eastfield.example.gov.uk kestrel-river-41)"
expect_eq "Brookside signs in" 303 "$(sign_in "$SC2" school@brookside.example.gov.uk kestrel-river-41)"
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
HOSTILE='<script>alert("x")</script> & <b>bold</b>'

# ---- the register ----
expect_eq "the register, empty" 200 "$(get "$LA" /ap/providers)"
expect_in "... says so" "There are no providers" "$WORK/body"
expect_in "... the LA may add one" 'href="/ap/providers/new"' "$WORK/body"
expect_eq "a school may not add a provider" 403 "$(get "$SC" /ap/providers/new)"
expect_eq "the provider form" 200 "$(get "$LA" /ap/providers/new)"
cp "$WORK/body" "$WORK/pform.html"
form_body "$WORK/pform.html" name= registration=school urn= setting= >"$WORK/req"
expect_eq "an empty provider is refused" 400 "$(post "$LA" /ap/providers/new "$WORK/req")"
expect_in "... the name" '<a href="#name">Enter the name of the provider</a>' "$WORK/body"
expect_in "... the setting" '<a href="#setting">Select the type of setting</a>' "$WORK/body"
expect_in "... a registered school needs its URN" "Enter the URN of the registered school" "$WORK/body"
expect_eq "... nothing written" 0 "$(count_rows ap_providers)"
form_body "$WORK/pform.html" "name=Riverside Learning Centre" registration=none \
    setting=other_unregistered "contact=$HOSTILE" >"$WORK/req"
expect_eq "add a non-school provider" 303 "$(post "$LA" /ap/providers/new "$WORK/req")"
expect_in "... to its page, by its slug" "Location: /ap/providers/riverside-learning-centre?added=1" "$WORK/headers"
form_body "$WORK/pform.html" "name=Northgate College" registration=ukprn ukprn=10012345 \
    setting=fe_college >"$WORK/req"
expect_eq "add a registered provider" 303 "$(post "$LA" /ap/providers/new "$WORK/req")"
expect_eq "... two providers" 2 "$(count_rows ap_providers)"
expect_eq "... each with its audit line" 2 "$(sql "select count(*) from audit_log where action = 'ap.provider.add'")"
expect_eq "the provider's page" 200 "$(get "$LA" /ap/providers/riverside-learning-centre)"
cp "$WORK/body" "$WORK/provider.html"
expect_in "... its name" "Riverside Learning Centre" "$WORK/provider.html"
expect_in "... its setting in words" "Other unregistered provider" "$WORK/provider.html"
expect_in "... hostile contact escaped" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$WORK/provider.html"
expect_not_in "... no live markup" '<script>alert' "$WORK/provider.html"
expect_in "... no checks yet" "No checks recorded yet." "$WORK/provider.html"
expect_eq "an unknown provider" 404 "$(get "$LA" /ap/providers/nowhere)"

# ---- quality assurance ----
expect_eq "the check form" 200 "$(get "$LA" /ap/providers/riverside-learning-centre/qa)"
cp "$WORK/body" "$WORK/qform.html"
expect_in "... the four pillars" "Admissions, records, support and guidance" "$WORK/qform.html"
expect_in "... teaching" "Teaching, learning and behaviour" "$WORK/qform.html"
expect_eq "a school may not record a check" 403 "$(get "$SC" /ap/providers/riverside-learning-centre/qa)"
set -- $(ymd "$CHECKED")
form_body "$WORK/qform.html" pillar=safeguarding item=dbs "evidence=Single central record seen" \
    "checked_by=A Officer, AP quality lead" checked_on-year=$1 checked_on-month=$2 checked_on-day=$3 >"$WORK/req"
expect_eq "a DBS check without its expiry is refused" 400 "$(post "$LA" /ap/providers/riverside-learning-centre/qa "$WORK/req")"
expect_in "... saying why" "Enter the expiry date: DBS checks and risk assessments expire" "$WORK/body"
expect_eq "... nothing written" 0 "$(count_rows ap_qa)"
set -- $(ymd "$CHECKED") $(ymd "$SOON")
form_body "$WORK/qform.html" pillar=safeguarding item=dbs "evidence=Single central record seen" \
    "checked_by=A Officer, AP quality lead" checked_on-year=$1 checked_on-month=$2 checked_on-day=$3 \
    expires_on-year=$4 expires_on-month=$5 expires_on-day=$6 >"$WORK/req"
expect_eq "a DBS check expiring in 10 days" 303 "$(post "$LA" /ap/providers/riverside-learning-centre/qa "$WORK/req")"
set -- $(ymd "$CHECKED") $(ymd "$LATER")
form_body "$WORK/qform.html" pillar=health_safety item=risk_assessment "evidence=Site risk assessment" \
    "checked_by=A Officer" checked_on-year=$1 checked_on-month=$2 checked_on-day=$3 \
    expires_on-year=$4 expires_on-month=$5 expires_on-day=$6 >"$WORK/req"
expect_eq "a risk assessment in date" 303 "$(post "$LA" /ap/providers/riverside-learning-centre/qa "$WORK/req")"
set -- $(ymd "$CHECKED") $(ymd "$PAST")
form_body "$WORK/qform.html" pillar=health_safety item=risk_assessment "evidence=Minibus risk assessment" \
    "checked_by=A Officer" checked_on-year=$1 checked_on-month=$2 checked_on-day=$3 \
    expires_on-year=$4 expires_on-month=$5 expires_on-day=$6 >"$WORK/req"
expect_eq "Northgate's risk assessment, expired" 303 "$(post "$LA" /ap/providers/northgate-college/qa "$WORK/req")"
expect_eq "... three checks" 3 "$(count_rows ap_qa)"
expect_eq "... each with its audit line" 3 "$(sql "select count(*) from audit_log where action = 'ap.qa.add'")"
expect_eq "the provider's page after the checks" 200 "$(get "$LA" /ap/providers/riverside-learning-centre)"
expect_in "... the DBS check due for renewal" "Due for renewal" "$WORK/body"
expect_in "... the rule named" "LOCAL-APQA-EXPIRY" "$WORK/body"
expect_in "... the evidence" "Single central record seen" "$WORK/body"
expect_eq "the register: checks due" 200 "$(get "$LA" "/ap/providers?qa=due")"
expect_in "... Riverside (due)" "Riverside Learning Centre" "$WORK/body"
expect_in "... Northgate (expired)" "Expired" "$WORK/body"
expect_eq "the register filtered by registration" 200 "$(get "$LA" "/ap/providers?registration=ukprn")"
expect_in "... Northgate" "Northgate College" "$WORK/body"
expect_not_in "... not Riverside" "Riverside Learning Centre" "$WORK/body"
expect_eq "a school reads the register" 200 "$(get "$SC" /ap/providers)"
expect_in "... Riverside" "Riverside Learning Centre" "$WORK/body"
expect_not_in "... and may not add one" 'href="/ap/providers/new"' "$WORK/body"
expect_eq "the register's download" 200 "$(get "$LA" "/ap/providers/download?registration=none")"
expect_in "... the header" "name,provider,registration,urn_or_ukprn,setting,last_checked,next_expiry,checks" "$WORK/body"
expect_in "... Riverside due" "Riverside Learning Centre,riverside-learning-centre,none,,other_unregistered,$CHECKED,$SOON,due" "$WORK/body"
expect_eq "/duties for the LA" 200 "$(get "$LA" /duties)"
expect_in "... the providers' checks due" "Alternative provision providers' checks due" "$WORK/body"
expect_in "... Riverside" "/ap/providers/riverside-learning-centre" "$WORK/body"
expect_eq "/duties for a school" 200 "$(get "$SC" /duties)"
expect_not_in "... no providers' checks" "providers' checks due" "$WORK/body"
# a newer DBS check supersedes the one due: Riverside is in date again
set -- $(ymd "$(day_after -1)") $(ymd "$LATER")
form_body "$WORK/qform.html" pillar=safeguarding item=dbs "evidence=Renewed DBS checks seen" \
    "checked_by=A Officer" checked_on-year=$1 checked_on-month=$2 checked_on-day=$3 \
    expires_on-year=$4 expires_on-month=$5 expires_on-day=$6 >"$WORK/req"
expect_eq "the DBS checks renewed" 303 "$(post "$LA" /ap/providers/riverside-learning-centre/qa "$WORK/req")"
expect_eq "the register: checks due, after the renewal" 200 "$(get "$LA" "/ap/providers?qa=due")"
expect_not_in "... not Riverside (the older check is superseded)" "Riverside Learning Centre" "$WORK/body"
expect_in "... Northgate still" "Northgate College" "$WORK/body"
expect_eq "Riverside's page" 200 "$(get "$LA" /ap/providers/riverside-learning-centre)"
expect_not_in "... nothing due for renewal" "Due for renewal" "$WORK/body"
expect_in "... both DBS checks on the record" "Renewed DBS checks seen" "$WORK/body"
expect_in "... the older one replaced" "Replaced by a later check" "$WORK/body"

# ---- the LA places Freya ----
expect_eq "the placement form (LA)" 200 "$(get "$LA" "/pupils/$F/ap/new")"
cp "$WORK/body" "$WORK/apform.html"
expect_in "... the census's reasons" "Permanent exclusion under review" "$WORK/apform.html"
expect_in "... the register's providers" '<option value="riverside-learning-centre">' "$WORK/apform.html"
form_body "$WORK/apform.html" urn=200002 placed_by=la provider=nowhere reason=pex_review \
    start-day=5 start-month=1 start-year=2026 end-day=27 end-month=2 end-year=2026 \
    max_end-day=20 max_end-month=2 max_end-year=2026 sessions_per_week=11 objectives= \
    reintegration_plan= action=check >"$WORK/req"
expect_eq "a bad placement is refused" 400 "$(post "$LA" "/pupils/$F/ap/new" "$WORK/req")"
expect_in "... a provider of the register" "Select a provider from the register" "$WORK/body"
expect_in "... the latest end after the planned end" "The latest end date must be the same as or after the planned end date" "$WORK/body"
expect_in "... sessions from 1 to 10" "#sessions_per_week" "$WORK/body"
expect_in "... the objectives" "Enter the objectives" "$WORK/body"
form_body "$WORK/apform.html" urn=200002 placed_by=la provider=riverside-learning-centre \
    reason=behaviour_support start-day=5 start-month=1 start-year=2026 end-day=27 end-month=2 \
    end-year=2026 max_end-day=27 max_end-month=2 max_end-year=2026 sessions_per_week=6 \
    "objectives=$HOSTILE" "reintegration_plan=Back to Brookside after half-term" action=check >"$WORK/req"
expect_eq "check the placement" 200 "$(post "$LA" "/pupils/$F/ap/new" "$WORK/req")"
cp "$WORK/body" "$WORK/apcheck.html"
expect_in "... nothing saved yet" "Nothing has been saved yet" "$WORK/apcheck.html"
expect_in "... its duties shown" "LOCAL-AP-REVIEW" "$WORK/apcheck.html"
expect_not_in "... no live markup" '<script>alert' "$WORK/apcheck.html"
PF=$(hidden_of "$WORK/apcheck.html" event_id)
form_body "$WORK/apcheck.html" action=save >"$WORK/req"
expect_eq "save it" 303 "$(post "$LA" "/pupils/$F/ap/new" "$WORK/req")"
expect_in "... back to the pupil" "Location: /pupils/$F?placed=1#ap" "$WORK/headers"
"$ONROLL" export events >"$WORK/events.csv"
expect_in "the ap_placement event with its provider" "$PF,$F,200002,ap_placement,2026-01-05,,,,,Riverside Learning Centre,2026-02-27" "$WORK/events.csv"
expect_in "... its plan in details" '""placed_by"":""la""' "$WORK/events.csv"
"$ONROLL" duties --as-of 2026-03-02 --format csv >"$WORK/duties.csv"
expect_in "LOCAL-AP-INFO due Fri 19 Dec 2025, overdue" "$PF,200002,$F,LOCAL-AP-INFO,commissioner (school or LA),2025-12-19,overdue," "$WORK/duties.csv"
expect_in "LOCAL-AP-REVIEW due Fri 13 Feb, overdue" "$PF,200002,$F,LOCAL-AP-REVIEW,commissioner (school or LA),2026-02-13,overdue," "$WORK/duties.csv"
expect_in "LOCAL-AP-MAX due Fri 27 Feb, overdue" "$PF,200002,$F,LOCAL-AP-MAX,commissioner (school or LA),2026-02-27,overdue," "$WORK/duties.csv"
expect_not_in "no NOTIFY-LA for the LA's own placement" "$PF,200002,$F,LOCAL-AP-NOTIFY-LA" "$WORK/duties.csv"
expect_eq "one review row only (5 days of 23 Feb - 27 Mar owe none)" 1 "$(grep -c "$PF,200002,$F,LOCAL-AP-REVIEW" "$WORK/duties.csv")"

# ---- Eastfield places Bella ----
expect_eq "the placement form (school)" 200 "$(get "$SC" "/pupils/$BB/ap/new")"
cp "$WORK/body" "$WORK/apform2.html"
expect_in "... placed by the school, fixed" "Placed by: the school." "$WORK/apform2.html"
form_body "$WORK/apform2.html" placed_by=la provider=northgate-college reason=mental_health \
    start-day=13 start-month=4 start-year=2026 end-day=17 end-month=7 end-year=2026 \
    max_end-day=17 max_end-month=7 max_end-year=2026 sessions_per_week=4 \
    "objectives=Re-engage with English and maths" "reintegration_plan=Phased return" action=check >"$WORK/req"
expect_eq "check it" 200 "$(post "$SC" "/pupils/$BB/ap/new" "$WORK/req")"
PB=$(hidden_of "$WORK/body" event_id)
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save it" 303 "$(post "$SC" "/pupils/$BB/ap/new" "$WORK/req")"
"$ONROLL" export events >"$WORK/events.csv"
expect_in "... placed by the school, whatever was sent" '""placed_by"":""school""' "$WORK/events.csv"
expect_eq "Brookside may not place Eastfield's pupil (not its pupil: not found)" 404 "$(get "$SC2" "/pupils/$BB/ap/new")"

# the duty form: information sent, a review with attendance, the outcome
act() { # act RULE DAY MONTH YEAR OUTCOME [MORE...]
    _r=$1 _d=$2 _m=$3 _y=$4 _o=$5
    shift 5
    get "$SC" "/pupils/$BB/action?urn=200001&event=$PB&rule=$_r" >/dev/null
    cp "$WORK/body" "$WORK/act.html"
    form_body "$WORK/act.html" done-day=$_d done-month=$_m done-year=$_y outcome=$_o "$@" >"$WORK/req"
    post "$SC" "/pupils/$BB/action" "$WORK/req"
}
expect_eq "the information sent, without saying what, is refused" 400 "$(act LOCAL-AP-INFO 25 3 2026 sent)"
expect_in "... asking what" "Enter what was sent or received" "$WORK/body"
expect_eq "record the information sent" 303 "$(act LOCAL-AP-INFO 25 3 2026 sent "what=Needs, attendance <b>and</b> safeguarding")"
expect_eq "record a review, 18 sessions attended" 303 "$(act LOCAL-AP-REVIEW 15 5 2026 improving sessions=18)"
expect_eq "the provider confirms receipt" 303 "$(act LOCAL-AP-INFO 26 3 2026 received "what=All of it")"
expect_eq "record how it ended" 303 "$(act LOCAL-AP-MAX 10 7 2026 reintegrated)"
"$ONROLL" duties --format csv >"$WORK/duties2.csv"
expect_in "NOTIFY-LA done by recording it in onroll" "$PB,200001,$BB,LOCAL-AP-NOTIFY-LA,school,2026-04-13,done,$TODAY" "$WORK/duties2.csv"
expect_in "INFO due Fri 27 Mar, done 25 Mar" "$PB,200001,$BB,LOCAL-AP-INFO,commissioner (school or LA),2026-03-27,done,2026-03-25" "$WORK/duties2.csv"
expect_in "REVIEW due Fri 10 Jul (the outcome), done 15 May" "$PB,200001,$BB,LOCAL-AP-REVIEW,commissioner (school or LA),2026-07-10,done,2026-05-15" "$WORK/duties2.csv"
expect_in "MAX due 17 Jul, done 10 Jul" "$PB,200001,$BB,LOCAL-AP-MAX,commissioner (school or LA),2026-07-17,done,2026-07-10" "$WORK/duties2.csv"
expect_eq "Bella's page" 200 "$(get "$SC" "/pupils/$BB")"
expect_in "... the placements block" 'id="ap">Alternative provision' "$WORK/body"
expect_in "... the provider" "Northgate College, from 13 April 2026" "$WORK/body"
expect_in "... the review's attendance" "18 sessions attended" "$WORK/body"
expect_in "... the outcome" "Reintegrated into school" "$WORK/body"
expect_in "... the information's trail" "Received by the provider" "$WORK/body"
expect_in "... with what was sent, escaped" "Sent to the provider (Needs, attendance &lt;b&gt;and&lt;/b&gt; safeguarding)" "$WORK/body"

# ---- /ap/placements ----
expect_eq "the LA's placements" 200 "$(get "$LA" /ap/placements)"
expect_in "... Freya" "Freya" "$WORK/body"
expect_in "... Bella" "Bella" "$WORK/body"
expect_eq "review overdue" 200 "$(get "$LA" "/ap/placements?review=overdue")"
expect_in "... Freya" "Freya" "$WORK/body"
expect_not_in "... not Bella" "Bella" "$WORK/body"
expect_eq "ended" 200 "$(get "$LA" "/ap/placements?status=ended")"
expect_in "... Bella" "Bella" "$WORK/body"
expect_not_in "... not Freya" "Freya" "$WORK/body"
expect_eq "past their latest end date at Brookside" 200 "$(get "$LA" "/ap/placements?status=past_maximum&school=200002")"
expect_in "... Freya" "Freya" "$WORK/body"
expect_eq "the download" 200 "$(get "$LA" "/ap/placements/download?school=200002")"
expect_in "... the header" "name,upn,school,urn,provider,reason,start,latest_end,next_review,status" "$WORK/body"
expect_in "... Freya's row" "$F,Brookside Primary School,200002,Riverside Learning Centre,behaviour_support,2026-01-05,2026-02-27,2026-02-13,past_maximum" "$WORK/body"
expect_eq "Eastfield's placements" 200 "$(get "$SC" /ap/placements)"
expect_in "... its own pupil" "Bella" "$WORK/body"
expect_not_in "... not Brookside's" "Freya" "$WORK/body"
expect_eq "Eastfield's download" 200 "$(get "$SC" /ap/placements/download)"
expect_not_in "... not Brookside's" "$F" "$WORK/body"
expect_eq "Brookside's placements" 200 "$(get "$SC2" /ap/placements)"
expect_in "... Freya" "Freya" "$WORK/body"
expect_not_in "... not Bella" "Bella" "$WORK/body"
expect_eq "... the read audited" 1 "$(sql "select count(*) from audit_log where action = 'ap.placements.view' and actor = 'school@brookside.example.gov.uk'")"

# ---- the importer: the same checks as the form ----
mkdir -p "$WORK/bad"
cat >"$WORK/bad/events.csv" <<'CSV'
event_id,upn,urn,type,start,provider,end,details
AP-BAD,Z999261000002,200001,ap_placement,2026-04-20,Elsewhere,2026-05-01,"{""placed_by"":""school"",""reason"":""boredom"",""max_end"":""2026-05-01"",""sessions_per_week"":""4"",""objectives"":""o"",""reintegration_plan"":""r""}"
CSV
expect_status "a placement's unknown reason is refused" 1 "$ONROLL" import "$WORK/bad/events.csv"
expect_in "... naming the reason and the list" "reason: 'boredom' is not a reason for a placement (expected mental_health|physical_health|behaviour_support|pex_review|suspension|other)" "$WORK/err"
cat >"$WORK/bad/events.csv" <<'CSV'
event_id,upn,urn,type,start,ref,rule,sessions
ACT-BAD,Z999261000002,200001,action,2026-03-26,PLACEHOLDER,LOCAL-AP-INFO,3
CSV
sed -i "s/PLACEHOLDER/$PB/" "$WORK/bad/events.csv"
expect_status "sessions on an action of another rule are refused" 1 "$ONROLL" import "$WORK/bad/events.csv"
expect_in "... saying so" "applies to an action of LOCAL-AP-REVIEW only" "$WORK/err"
cat >"$WORK/bad/events.csv" <<'CSV'
event_id,upn,urn,type,start,ref,rule,details
ACT-BAD2,Z999261000002,200001,action,2026-03-26,PLACEHOLDER,LOCAL-AP-MAX,"{""what"":""x""}"
ACT-BAD3,Z999261000002,200001,action,2026-03-26,PLACEHOLDER,LOCAL-AP-INFO,"{""who"":""x""}"
CSV
sed -i "s/PLACEHOLDER/$PB/" "$WORK/bad/events.csv"
expect_status "details on an action of another rule, or not what was sent, are refused" 1 "$ONROLL" import "$WORK/bad/events.csv"
expect_in "... another rule's" "applies to an action of LOCAL-AP-INFO only" "$WORK/err"
expect_in "... an unknown key" "who: is not a field" "$WORK/err"
finish
