# lists2_data.sh - the LA of test_lists2.sh and test_browser_inbox.sh, dated back from today:
# two schools, referrals to the Re-engagement Unit in each status and one to early help, and
# looked-after children in each PEP status, three of them with no school place; accounts for
# the LA, each school, the Re-engagement Unit, early help and the Virtual School (password
# $PW). Source it after lib.sh; it sets the names below. Skips (exit 0) in the first 45 days of
# a school year, when last term would fall in the school year before.
ago() { date -d "-$1 days" +%Y-%m-%d; }
on() { date -d "+$1 days" +%Y-%m-%d; }
TODAY=$(date +%Y-%m-%d)
AY=$(date +%Y)
[ "$(date +%m)" -lt 9 ] && AY=$((AY - 1))
if [ "$(date -d "$AY-09-01 +45 days" +%Y%m%d)" -gt "$(date +%Y%m%d)" ]; then
    echo "skipped: last term must be in this school year (run after mid-October)"
    finish
    exit 0
fi
NG=300001 # Northgate Academy
SF=300002 # Southfield Primary School
PW='Quartz-Lantern-Harbour-58'
# referrals (the REU's inbox): P1 new, P2 accepted, P3 declined 10 days ago, P4 allocated (a
# lead worker and notes), P5 closed 5 days ago, P6 closed 100 days ago (past the 30 days a
# partner sees an ended referral) and new to early help
P1=B999271400001 P2=Q999271400002 P3=E999271400003 P4=U999271400004 P5=H999271400005
P6=X999271400006
# looked after: C1 PEP this term (current); C2 PEP last term only (due); C3 a PEP last school
# year only (overdue: last term's missed); C4 never; C5 no school place, PEP this term
# (current); C6 no school place, never on a roll, never a PEP (never); C7 no school place, PEP
# last term (due); NL not looked after
C1=L999271400007 C2=A999271400008 C3=P999271400009 C4=A999271400010 C5=P999271400011
C6=D999271400012 C7=T999271400013 NL=G999271400014
cat >"$WORK/schools.csv" <<EOF
urn,laestab,name,phase,la_code
$NG,9994201,Northgate Academy,secondary,999
$SF,9992201,Southfield Primary School,primary,999
EOF
# last term: 1 September to 31 days ago; this term: 30 days ago to 30 days on
cat >"$WORK/calendar.csv" <<EOF
scope,start,end,kind,label
LA,$AY-09-01,$(ago 31),term,Last term
LA,$(ago 30),$(on 30),term,This term
EOF
SNAP=$(date -d "$AY-09-01 -200 days" +%Y-%m-%d)
cat >"$WORK/pupils.csv" <<EOF
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,cla
$P1,Ada,Price,2012-03-14,F,WBRI,0,N,$SNAP,0
$P2,Ben,Quill,2012-04-14,M,WBRI,0,N,$SNAP,0
$P3,Cara,Eden,2012-05-14,F,WBRI,0,N,$SNAP,0
$P4,Dev,Upton,2016-06-14,M,WBRI,0,N,$SNAP,0
$P5,Eve,Hart,2016-07-14,F,WBRI,0,N,$SNAP,0
$P6,Finn,Xavier,2016-08-14,M,WBRI,0,N,$SNAP,0
$C1,Gina,Lowe,2012-01-10,F,WBRI,1,N,$SNAP,1
$C2,Hal,Ames,2012-02-10,M,WBRI,1,N,$SNAP,1
$C3,Isla,Park,2012-03-10,F,WBRI,1,N,$SNAP,1
$C4,Jack,Ash,2012-04-10,M,WBRI,1,N,$SNAP,1
$C5,Kim,Pope,2012-05-10,F,WBRI,1,N,$SNAP,1
$C6,Leo,Dale,2012-06-10,M,WBRI,1,N,$SNAP,1
$C7,Mia,Todd,2016-07-10,F,WBRI,1,N,$SNAP,1
$NL,Ned,Gray,2012-08-10,M,WBRI,0,N,$SNAP,0
EOF
cat >"$WORK/enrolments.csv" <<EOF
upn,urn,start,end,type
$P1,$NG,$(ago 800),,main
$P2,$NG,$(ago 800),,main
$P3,$NG,$(ago 800),,main
$P4,$SF,$(ago 800),,main
$P5,$SF,$(ago 800),,main
$P6,$SF,$(ago 800),,main
$C1,$NG,$(ago 800),,main
$C2,$NG,$(ago 800),,main
$C3,$NG,$(ago 800),,main
$C4,$NG,$(ago 800),,main
$C5,$NG,$(ago 800),$(ago 400),main
$C7,$SF,$(ago 800),$(ago 60),main
$NL,$SF,$(ago 800),,main
EOF
LASTYEAR=$(date -d "$AY-09-01 -100 days" +%Y-%m-%d)
cat >"$WORK/events.csv" <<EOF
event_id,upn,urn,type,start,to,outcome,ref,details
R1,$P1,$NG,referral,$(ago 5),reu,,,
R2,$P2,$NG,referral,$(ago 20),reu,,,
R2-A,$P2,$NG,referral_update,$(ago 15),,accepted,R2,
R3,$P3,$NG,referral,$(ago 20),reu,,,
R3-D,$P3,$NG,referral_update,$(ago 10),,declined,R3,
R4,$P4,$SF,referral,$(ago 25),reu,,,
R4-A,$P4,$SF,referral_update,$(ago 20),,accepted,R4,
R4-L,$P4,$SF,referral_update,$(ago 15),sam.lee@reu.example.gov.uk,allocated,R4,"{""notes"": ""First visit booked""}"
R5,$P5,$SF,referral,$(ago 40),reu,,,
R5-A,$P5,$SF,referral_update,$(ago 35),,accepted,R5,
R5-C,$P5,$SF,referral_update,$(ago 5),,closed,R5,
R6,$P6,$SF,referral,$(ago 200),reu,,,
R6-C,$P6,$SF,referral_update,$(ago 100),,closed,R6,
R7,$P6,$SF,referral,$(ago 5),early_help,,,
E1,$C1,$NG,pep,$(ago 5),,,,
E2,$C2,$NG,pep,$(ago 40),,,,
E3,$C3,$NG,pep,$LASTYEAR,,,,
E5,$C5,$NG,pep,$(ago 10),,,,
E7,$C7,$SF,pep,$(ago 40),,,,
EOF
expect_status "the LA imports the schools, calendar, pupils, enrolments and events" 0 \
    "$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv" "$WORK/pupils.csv" \
    "$WORK/enrolments.csv" "$WORK/events.csv"
add_user() { # EMAIL ROLE [SCOPE]
    printf '%s\n' "$PW" | "$ONROLL" user add "$1" --name "$1" --role "$2" ${3:+--scope "$3"} \
        --password-stdin >/dev/null 2>"$WORK/err" || fail "account $1" "$(cat "$WORK/err")"
}
add_user la@la.example.gov.uk la_officer
add_user head@northgate.example.sch.uk school $NG
add_user head@southfield.example.sch.uk school $SF
add_user reu@la.example.gov.uk partner reu
add_user eh@la.example.gov.uk partner early_help
add_user vs@la.example.gov.uk virtual_school
