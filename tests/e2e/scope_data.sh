# scope_data.sh - the LA of test_scope_roll.sh and test_browser_scope.sh, dated back from today:
# three schools (A, S and a PRU), pupils who stay, move, left long ago, are referred, and one
# with 40 days of suspension at A this school year, and an account for the LA, each school and
# two partner services (password $PW). Source it after lib.sh; it sets the names below.
ago() { date -d "-$1 days" +%Y-%m-%d; }
TODAY=$(date +%Y-%m-%d)
A=100001 # Riverside Primary School
S=100002 # Hillside Academy
PRU=100003
X=W999250000001 # on roll at A; school S will claim it
K=K999250000002 # left A 100 days ago for S
Z=Z999250000003 # left A 400 days ago
N=N999250000004 # at A; referred to the REU (declined) and to early help
C=C999250000005 # unknown to onroll
R=R999250000006 # 40 days of suspension at A this year, now at S
PW='Quartz-Lantern-Harbour-58'

AY=$(date +%Y)
[ "$(date +%m)" -lt 9 ] && AY=$((AY - 1))
cat >"$WORK/base.csv" <<EOF
urn,laestab,name,phase,la_code
$A,9992001,Riverside Primary School,primary,999
$S,9994001,Hillside Academy,secondary,999
$PRU,9991100,Northgate Pupil Referral Unit,pru,999
EOF
cat >"$WORK/pupils.csv" <<EOF
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of
$X,Amara,Okafor,2014-03-14,F,BAFR,1,N,$(ago 500)
$K,Jayden,Campbell,2011-11-02,M,BCRB,1,K,$(ago 500)
$Z,Olivia,Smith,2012-06-21,F,WBRI,0,N,$(ago 900)
$N,Kacper,Nowak,2012-01-30,M,WOTH,0,E,$(ago 500)
$R,Leah,Brown,2012-05-05,F,WBRI,0,N,$(ago 500)
EOF
cat >"$WORK/enrolments.csv" <<EOF
upn,urn,start,end,type
$X,$A,$(ago 800),,main
$K,$A,$(ago 800),$(ago 100),main
$K,$S,$(ago 90),,main
$Z,$A,$(ago 1200),$(ago 400),main
$Z,$PRU,$(ago 390),,main
$N,$A,$(ago 800),,main
$R,$A,$AY-09-01,$AY-10-16,main
$R,$S,$AY-11-02,,main
EOF
cat >"$WORK/events.csv" <<EOF
event_id,upn,urn,type,start,sessions,reasons,to,outcome,ref
A-K-1,$K,$A,suspension,$(ago 150),2,DB,,,
S-K-1,$K,$S,suspension,$(ago 30),2,DB,,,
A-N-PSP,$N,$A,psp,$(ago 85),,,,,
A-N-R1,$N,$A,referral,$(ago 80),,,reu,,A-N-PSP
A-N-R1-D,$N,$A,referral_update,$(ago 60),,,,declined,A-N-R1
A-N-S1,$N,$A,suspension,$(ago 70),2,DB,,,
A-N-R2,$N,$A,referral,$(ago 20),,,early_help,,
A-X-R3,$X,$A,referral,$(ago 30),,,reu,,
A-X-R3-D,$X,$A,referral_update,$(ago 10),,,,declined,A-X-R3
A-X-S1,$X,$A,suspension,$(ago 40),2,DB,,,
A-R-1,$R,$A,suspension,$AY-09-14,80,DB,,,
EOF
expect_status "the LA imports the schools, pupils, enrolments and events" 0 "$ONROLL" import \
    "$WORK/base.csv" "$WORK/pupils.csv" "$WORK/enrolments.csv" "$WORK/events.csv"
add_user() { # EMAIL ROLE [SCOPE]
    printf '%s\n' "$PW" | "$ONROLL" user add "$1" --name "$1" --role "$2" ${3:+--scope "$3"} \
        --password-stdin >/dev/null 2>"$WORK/err" || fail "account $1" "$(cat "$WORK/err")"
}
add_user la@la.example.gov.uk la_officer
add_user head@riverside.example.sch.uk school $A
add_user head@hillside.example.sch.uk school $S
add_user reu@la.example.gov.uk partner reu
add_user eh@la.example.gov.uk partner early_help
"$ONROLL" user token $S >"$WORK/token" 2>/dev/null
TOKEN=$(cat "$WORK/token")
