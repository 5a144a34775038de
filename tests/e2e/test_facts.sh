#!/bin/sh
# test_facts.sh - issue 14 "Facts that are right", end to end through the real onroll binary and
# database (SQLite, and PostgreSQL through tests/pg/test_e2e_pg.sh). Each check names the
# finding it guards; every expected value is worked out by hand below, never copied from output.
#   (2) an event's duties exist from the moment it is recorded, whatever its start date;
#   (3) an exclusion or movement starting on a day that is not a school day is refused, saying
#       what covers the day;
#   (4) an event dated after the pupil left the school is refused;
#   (5) STAT-NOTIFY-LA is done by the recording itself (done the day it was recorded);
#   (6) LOCAL-NOTIFY-PARTNERS counts its school day from when the LA knew, not a deemed letter.
. tests/e2e/lib.sh

# Dates relative to today (the recording day is the real today): the LA's calendar is one term
# from 200 days before today to 200 days after, no holidays, so a school day is a weekday that
# is not a bank holiday (England and Wales, from the GOV.UK list the binary also carries).
BANKHOL=$(grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' src/core/bankhol_data.c)
school_day() { # DATE -> true if a weekday and not a bank holiday
    [ "$(date -u -d "$1" +%u)" -le 5 ] && ! printf '%s\n' "$BANKHOL" | grep -qx "$1"
}
next_school_day() { # DATE -> the first school day after it
    d=$(date -u -d "$1 + 1 day" +%F)
    while ! school_day "$d"; do d=$(date -u -d "$d + 1 day" +%F); done
    echo "$d"
}
prev_school_day() { # DATE -> the last school day before it
    d=$(date -u -d "$1 - 1 day" +%F)
    while ! school_day "$d"; do d=$(date -u -d "$d - 1 day" +%F); done
    echo "$d"
}
TODAY=$(date +%F)
NEXT=$(next_school_day "$TODAY")
LAST=$(prev_school_day "$TODAY")
LAST1=$(next_school_day "$LAST") # AFTER(LAST, 1)
NEXT_AFTER_TODAY=$NEXT           # AFTER(TODAY, 1)
FROM=$(date -u -d "$TODAY - 200 days" +%F)
TO=$(date -u -d "$TODAY + 200 days" +%F)

# Schools: 300001 Fenwick Academy keeps its own 2026/27 calendar (fixed dates); 300002 Moorside
# High follows the LA's (the term around today).
cat >"$WORK/schools.csv" <<CSV
urn,laestab,name,phase,la_code,type
300001,9994301,Fenwick Academy,secondary,999,academy
300002,9994302,Moorside High School,secondary,999,academy
CSV
# 300001's own calendar, 2026/27:
#   term Wed 2 Sep - Fri 18 Dec 2026, half-term holiday Mon 26 - Fri 30 Oct, INSET Mon 2 Nov
#   term Mon 4 Jan - Fri 26 Mar 2027
cat >"$WORK/calendar.csv" <<CSV
scope,start,end,kind,label
LA,$FROM,$TO,term,This term
300001,2026-09-02,2026-12-18,term,Autumn term
300001,2026-10-26,2026-10-30,holiday,Autumn half-term
300001,2026-11-02,2026-11-02,inset,Staff training
300001,2027-01-04,2027-03-26,term,Spring term
CSV
# Pupils (UPNs of the rules fixtures): A K999261000001 and C N999261000003 ordinary; F
# F999261000006 looked after (cla 1: partners are social care and the Virtual School).
cat >"$WORK/pupils.csv" <<CSV
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,cla,cin,sen_need,year_group
K999261000001,Alfie,Archer,2012-03-14,M,WBRI,0,N,2026-09-01,0,0,,
Z999261000002,Bella,Boateng,2011-10-30,F,BAFR,1,N,2026-09-01,0,0,,
N999261000003,Callum,Carter,2013-01-22,M,WBRI,1,N,2026-09-01,0,0,,
R999261000005,Erin,Evans,2012-07-02,F,WIRI,1,N,2026-09-01,0,0,,
F999261000006,Freya,Foster,2012-11-20,F,WBRI,1,N,2026-09-01,1,0,,
V999261000007,George,Gill,2013-02-14,M,APKN,0,N,2024-09-05,0,0,,7
J999261000008,Hana,Hussain,2010-03-10,F,APKN,0,N,2023-09-04,0,0,,9
C999261000004,Dylan,Dixon,2013-06-20,M,MWBC,1,N,2025-09-10,0,0,,7
CSV
# A, B, C at Fenwick from 2 Sep 2026 (B's enrolment ended Fri 20 Nov 2026); E and F at Moorside.
cat >"$WORK/enrolments.csv" <<CSV
upn,urn,start,end,type,year_group
K999261000001,300001,2026-09-02,,main,
Z999261000002,300001,2026-09-02,2026-11-20,main,
N999261000003,300001,2026-09-02,,main,
R999261000005,300002,$FROM,,main,
F999261000006,300002,$FROM,,main,
V999261000007,300002,2024-09-05,,main,
J999261000008,300002,2023-09-04,,main,
C999261000004,300002,2025-09-10,,main,
CSV
expect_status "init" 0 "$ONROLL" init
expect_status "import the school, calendar, pupils and enrolments" 0 "$ONROLL" import \
    "$WORK/schools.csv" "$WORK/calendar.csv" "$WORK/pupils.csv" "$WORK/enrolments.csv"

events() { # NAME ROWS... : an events file
    f="$WORK/$1.csv"
    shift
    echo "event_id,upn,urn,type,start,sessions,reasons,ref,rule,delivery" >"$f"
    for r in "$@"; do echo "$r" >>"$f"; done
    echo "$f"
}

# ---- (3) school days ---------------------------------------------------------------------------
# Finding: "A suspension starting on a Saturday or on 28 December is accepted, with a duty due
# 'Sat 12 Dec 2026'." Sat 12 Dec 2026 is a weekend day inside Fenwick's autumn term; Mon 28 Dec
# 2026 is Boxing Day's substitute bank holiday, between its autumn term (to Fri 18 Dec) and its
# spring term (from Mon 4 Jan 2027).
F=$(events sat "SAT1,K999261000001,300001,suspension,2026-12-12,2,DB,,,")
expect_status "finding: a suspension starting on Saturday 12 December 2026 is refused" 1 \
    "$ONROLL" import "$F"
expect_in "... saying it is a Saturday" \
    "Saturday 12 December 2026 is not a school day at school 300001 (a Saturday)" "$WORK/err"
expect_in "... naming the file, line and column" "sat.csv:2: column start:" "$WORK/err"
F=$(events dec28 "DEC1,K999261000001,300001,suspension,2026-12-28,2,DB,,,")
expect_status "finding: a suspension starting on 28 December 2026 is refused" 1 \
    "$ONROLL" import "$F"
expect_in "... saying it is a bank holiday between the terms" \
    "Monday 28 December 2026 is not a school day at school 300001 (a bank holiday; between terms (the term ending Friday 18 December 2026 and the term starting Monday 4 January 2027))" \
    "$WORK/err"
F=$(events inset "INS1,K999261000001,300001,permanent,2026-11-02,,DB,,,")
expect_status "a permanent exclusion starting on the school's INSET day is refused" 1 \
    "$ONROLL" import "$F"
expect_in "... naming the INSET day" "(an INSET day (Staff training))" "$WORK/err"
F=$(events half "HT1,N999261000003,300001,managed_move,2026-10-27,,,,,")
expect_status "a managed move starting in the half-term holiday is refused" 1 "$ONROLL" import "$F"
expect_in "... naming the holiday" \
    "(in a school holiday (Autumn half-term, Monday 26 October 2026 to Friday 30 October 2026))" \
    "$WORK/err"
F=$(events both "B1,K999261000001,300001,suspension,2026-12-12,2,DB,,," \
    "B2,N999261000003,300001,ehe,2026-12-13,,,,,")
expect_status "a file with two such rows is refused" 1 "$ONROLL" import "$F"
expect_in "... the first named" "both.csv:2: column start: Saturday 12 December 2026" "$WORK/err"
expect_in "... and the second (every error at once)" "both.csv:3: column start: Sunday 13 December 2026" \
    "$WORK/err"
expect_eq "nothing was written" 0 "$(count_rows events)"
F=$(events tue "TUE1,K999261000001,300001,suspension,2026-12-08,2,DB,,,")
expect_status "a suspension starting on Tuesday 8 December 2026, a school day, is accepted" 0 \
    "$ONROLL" import "$F"

# ---- (4) after the pupil left --------------------------------------------------------------------
# Finding: "A school can record a suspension dated after the pupil's unexplained exit." C's
# unexplained exit on Mon 9 Nov 2026 at Fenwick (the enrolment was left open); a suspension there
# on Tue 8 Dec 2026 comes after it.
F=$(events exit "UX1,N999261000003,300001,unexplained_exit,2026-11-09,,,,,")
expect_status "C's unexplained exit on Monday 9 November 2026 is recorded" 0 "$ONROLL" import "$F"
F=$(events afterexit "AX1,N999261000003,300001,suspension,2026-12-08,2,DB,,,")
expect_status "finding: a suspension dated after the pupil's unexplained exit is refused" 1 \
    "$ONROLL" import "$F"
expect_in "... saying when and how the pupil left" \
    "pupil N999261000003 left school 300001 on Monday 9 November 2026 (unexplained exit)" \
    "$WORK/err"
F=$(events cmeafter "CM1,N999261000003,300001,cme,2026-11-10,,,,,")
expect_status "a child-missing-education record after the unexplained exit is accepted (how a child left is often recorded twice)" \
    0 "$ONROLL" import "$F"
F=$(events sameday "SX1,N999261000003,300001,suspension,2026-11-09,2,DB,,,")
expect_status "a suspension on the day of the exit itself is accepted" 0 "$ONROLL" import "$F"
# B's enrolment ended Fri 20 Nov 2026: a suspension on Tue 8 Dec 2026 is after it.
F=$(events ended "EN1,Z999261000002,300001,suspension,2026-12-08,2,DB,,,")
expect_status "a suspension after the pupil's enrolment ended is refused (the LA's own file)" 1 \
    "$ONROLL" import "$F"
expect_in "... saying the enrolment ended" \
    "pupil Z999261000002 left school 300001 on Friday 20 November 2026 (the enrolment ended)" \
    "$WORK/err"
# The exit and a later suspension in one file: the exit in the file counts.
F=$(events onefile "UX2,K999261000001,300001,unexplained_exit,2026-12-09,,,,," \
    "AX2,K999261000001,300001,suspension,2026-12-10,2,DB,,,")
expect_status "an exit and a later suspension in one file: refused" 1 "$ONROLL" import "$F"
expect_in "... the suspension's line named" "onefile.csv:3: column start: pupil K999261000001 left" \
    "$WORK/err"

# ---- (2), (5) recorded today, starting tomorrow ------------------------------------------------
# Finding: "A suspension recorded today starting tomorrow ... `onroll duties` lists none until
# tomorrow, though telling the parents is due today." E's suspension at Moorside starting $NEXT
# (the next school day), recorded today ($TODAY), no decision date: decided today (the earlier of
# its start and its recording). As of today: STAT-NOTIFY-PARENT due today, open; STAT-NOTIFY-LA
# due today, done today by the recording itself (finding: "'Tell the local authority' stays 'To
# do' after the school recorded the suspension in onroll"); STAT-NOTICE-S104 due NTH($NEXT, 1)
# = $NEXT, open.
F=$(events tomorrow "TM1,R999261000005,300002,suspension,$NEXT,2,DB,,,")
expect_status "E's suspension starting on the next school day is recorded today" 0 \
    "$ONROLL" import "$F"
expect_status "onroll duties (as of today)" 0 "$ONROLL" duties --format csv
cp "$WORK/out" "$WORK/duties.csv"
expect_in "finding: telling the parents is due today, listed today" \
    "TM1,300002,R999261000005,STAT-NOTIFY-PARENT,head teacher,$TODAY,open," "$WORK/duties.csv"
expect_in "finding: telling the LA is done, the day it was recorded" \
    "TM1,300002,R999261000005,STAT-NOTIFY-LA,head teacher,$TODAY,done,$TODAY" "$WORK/duties.csv"
expect_in "the written notice is due on the first day" \
    "TM1,300002,R999261000005,STAT-NOTICE-S104,head teacher,$NEXT,open," "$WORK/duties.csv"
expect_status "onroll duties --format json" 0 "$ONROLL" duties --format json
python3 -c '
import json, sys
for d in json.load(open(sys.argv[1])):
    if d["event_id"] == "TM1" and d["rule"] == "STAT-NOTIFY-LA":
        print(d["done_on"], d["done_by"])' "$WORK/out" >"$WORK/la.json"
expect_eq "... the LA duty done today by onroll (the source named)" "$TODAY onroll" "$(cat "$WORK/la.json")"
expect_status "onroll explain E" 0 "$ONROLL" explain R999261000005
expect_in "explain: the LA told by recording it in onroll" \
    "done by recording it in onroll, the LA's own system" "$WORK/out"
expect_status "onroll duties as of yesterday: not yet recorded, no duty" 0 \
    "$ONROLL" duties --format csv --as-of "$(date -u -d "$TODAY - 1 day" +%F)"
expect_not_in "... TM1 not known the day before it was recorded" "TM1," "$WORK/out"

# ---- (6) partners from when the LA knew --------------------------------------------------------
# Finding: "LOCAL-NOTIFY-PARTNERS counts its one school day from the deemed delivery of a letter
# (2 working days later) instead of from when the exclusion was recorded." F (looked after) is
# suspended on $LAST, the last school day before today, and the LA was told by post that day (a
# letter deemed delivered 2 working days later). The LA knew on $LAST: the partners are due
# AFTER($LAST, 1) = $LAST1, not a day counted from the deemed date.
F=$(events partners "PT1,F999261000006,300002,suspension,$LAST,2,DB,,," \
    "PT1A,F999261000006,300002,action,$LAST,,,PT1,STAT-NOTIFY-LA,post")
expect_status "F's suspension and the LA's letter are recorded" 0 "$ONROLL" import "$F"
expect_status "onroll duties" 0 "$ONROLL" duties --format csv
expect_in "finding: partners due one school day after the LA knew ($LAST1)" \
    "PT1,300002,F999261000006,LOCAL-NOTIFY-PARTNERS,local authority,$LAST1," "$WORK/out"
expect_in "STAT-NOTIFY-LA done by the letter, its own date" \
    "PT1,300002,F999261000006,STAT-NOTIFY-LA,head teacher,$LAST,done,$LAST" "$WORK/out"

# ---- (1) year groups ---------------------------------------------------------------------------
# The year group is the National Curriculum year for the age on 31 August before the school year
# (Reception 4, Year 1 5, ... Year 13 17), a recorded out-of-age year kept and rolled forward;
# today's school year AY (1 August to 31 July) decides. In 2026/27 (AY 2026):
#   G V999261000007 born 14 Feb 2013, recorded Year 7 on 5 Sep 2024 (right then: 11 on 31 Aug
#     2024): Year 7 + (AY - 2024) = Year 9 in 2026/27 (13 on 31 Aug 2026). Finding: "a child born
#     in February 2013 shown as Year 7 in December 2026".
#   H J999261000008 born 10 Mar 2010, Year 9 on 4 Sep 2023: Year 9 + (AY - 2023) = Year 12 in
#     2026/27 (16 on 31 Aug 2026). Finding: "a 16-year-old as Year 9".
#   D C999261000004 born 20 Jun 2013 (Year 8 by age in 2025/26) recorded Year 7 on 10 Sep 2025,
#     out of age: Year 7 + (AY - 2025) = Year 8 in 2026/27, one below the age's Year 9.
AY=$(( $(date +%Y) - ( $(date +%-m) < 8 ? 1 : 0 ) ))
YG=$((7 + AY - 2024))
YH=$((9 + AY - 2023))
YD=$((7 + AY - 2025))
expect_status "onroll explain G" 0 "$ONROLL" explain V999261000007
expect_in "finding: explain shows G in Year $YG, not Year 7" "Year group: Year $YG" "$WORK/out"
expect_status "onroll explain H" 0 "$ONROLL" explain J999261000008
expect_in "finding: explain shows the 16-year-old H in Year $YH, not Year 9" \
    "Year group: Year $YH" "$WORK/out"
expect_status "onroll explain D" 0 "$ONROLL" explain C999261000004
expect_in "an out-of-age year group is kept and rolled forward: Year $YD" "Year group: Year $YD" \
    "$WORK/out"
expect_status "onroll explain G as of 1 December 2024" 0 "$ONROLL" explain V999261000007 \
    --as-of 2024-12-01
expect_in "... was Year 7 in 2024/25" "Year group: Year 7" "$WORK/out"

. tests/e2e/web_lib.sh
PW='Plum-Orchard-Vessel-42!'
printf '%s\n' "$PW" | "$ONROLL" user add officer@la.example.gov.uk --name "Lee Officer" \
    --role la_officer --password-stdin >/dev/null 2>&1
start_server
J=$WORK/jar
expect_eq "the LA officer signs in" 303 "$(sign_in "$J" officer@la.example.gov.uk "$PW")"
expect_eq "G's page" 200 "$(get "$J" /pupils/V999261000007)"
tr -d '\n' <"$WORK/body" | sed 's/  */ /g' >"$WORK/page"
expect_in "finding: G's page shows Year $YG" \
    "Year group</dt><dd class=\"govuk-summary-list__value\">Year $YG</dd>" "$WORK/page"
expect_eq "the pupils list" 200 "$(get "$J" "/pupils?q=Hussain")"
tr -d '\n' <"$WORK/body" | sed 's/  */ /g' >"$WORK/page"
expect_in "finding: the list shows H in Year $YH" "J999261000008</td><td class=\"govuk-table__cell\">Year $YH</td>" \
    "$WORK/page"
expect_not_in "... not the snapshot's Year 9" "J999261000008</td><td class=\"govuk-table__cell\">9</td>" \
    "$WORK/page"

# ---- the MIS API refuses the same (it is the importer) ----------------------------------------------
"$ONROLL" user token 300001 >"$WORK/token" 2>/dev/null
T1=$(cat "$WORK/token")
ev='[{"event_id":"API-SAT","upn":"K999261000001","urn":"300001","type":"suspension","start":"2026-12-12","sessions":"2","reasons":"DB"}]'
got=$(curl -s -X POST -o "$WORK/api" -w '%{http_code}' -H "Authorization: Bearer $T1" \
    -H 'Content-Type: application/json' --data-binary "$ev" "$B/api/v1/events")
expect_eq "finding: the API refuses a suspension starting on Saturday 12 December 2026" 400 "$got"
expect_in "... saying why" "Saturday 12 December 2026 is not a school day at school 300001 (a Saturday)" \
    "$WORK/api"

# ---- the record form: every error at once; duties from the moment it is saved ---------------------
export FORM_LISTS="reasons"
expect_eq "A's record form" 200 "$(get "$J" /pupils/K999261000001/record)"
cp "$WORK/body" "$WORK/form.html"
# Sat 12 Dec 2026 at Fenwick and no reason ticked: both errors on one page
form_body "$WORK/form.html" type=suspension urn=300001 start-day=12 start-month=12 \
    start-year=2026 sessions=2 action=check >"$WORK/sat.req"
expect_eq "finding: a Saturday start on the form is refused" 400 \
    "$(post "$J" /pupils/K999261000001/record "$WORK/sat.req")"
tr -d '\n' <"$WORK/body" >"$WORK/page"
expect_in "... the form says it is a Saturday" \
    "Saturday 12 December 2026 is not a school day at school 300001 (a Saturday)" "$WORK/page"
expect_in "... and, on the same page, that a reason is needed (every error at once)" \
    'href="#reasons"' "$WORK/page"
# E at Moorside, starting on the next school day ($NEXT), saved today
NY=$(date -u -d "$NEXT" +%Y) NM=$(date -u -d "$NEXT" +%-m) ND=$(date -u -d "$NEXT" +%-d)
expect_eq "E's record form" 200 "$(get "$J" /pupils/R999261000005/record)"
cp "$WORK/body" "$WORK/form.html"
form_body "$WORK/form.html" type=suspension urn=300002 "start-day=$ND" "start-month=$NM" \
    "start-year=$NY" sessions=2 reasons=DB action=check >"$WORK/next.req"
expect_eq "check a suspension starting on the next school day" 200 \
    "$(post "$J" /pupils/R999261000005/record "$WORK/next.req")"
cp "$WORK/body" "$WORK/check.html"
expect_in "the check page shows telling the parents" "STAT-NOTIFY-PARENT" "$WORK/check.html"
form_body "$WORK/check.html" action=save >"$WORK/save.req"
expect_eq "save it" 303 "$(post "$J" /pupils/R999261000005/record "$WORK/save.req")"
expect_eq "E's page after saving" 200 "$(get "$J" /pupils/R999261000005)"
tr -d '\n' <"$WORK/body" >"$WORK/page"
expect_not_in "finding: not 'No statutory duty applies' after saving" "No statutory duty" "$WORK/page"
expect_in "... telling the parents is there, to do today" "Tell the parent" "$WORK/page"

finish
