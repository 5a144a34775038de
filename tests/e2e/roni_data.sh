# roni_data.sh - the LA of tests/e2e/test_roni.sh and test_browser_roni.sh (read the former's
# opening comment for who is who and their scores worked out by hand), made relative to today:
# schools, a calendar, pupils (young_carer and parent_or_pregnant among their columns),
# enrolments, attendance totals imported into a new database; destinations in $D/dest.csv; the
# accounts school@ashby.example.gov.uk (Ashby, 300001), school@birch.example.gov.uk (Birchwood,
# 300002), officer@la.example.gov.uk and analyst@la.example.gov.uk with the password $PW; each
# pupil's UPN in a variable named by the forename in capitals ($AMY...). Source it after lib.sh.
PW=kestrel-river-41
TODAY=$(date +%Y-%m-%d)
D=$WORK/data
mkdir -p "$D"
python3 - "$TODAY" "$D" <<'EOF'
import datetime, sys
today = datetime.date.fromisoformat(sys.argv[1])
out = sys.argv[2]
ay = today.year if today.month >= 8 else today.year - 1
L = "ABCDEFGHJKLMNPQRTUVWXYZ"
def upn(n):
    rest = "9992720000%02d" % n
    return L[sum(p * int(rest[p - 2]) for p in range(2, 14)) % 23] + rest
def dob(year):  # Year N this school year: N + 4 on 31 August before it
    return "%d-03-01" % (ay - year - 4)
A, B, P = 300001, 300002, 300009
# n, forename, urn, dob, fsm, sen, eal, cla, carer, parent, (possible, present)
people = [
    (1, "Amy", A, dob(9), 1, "N", 1, 0, 0, 0, None),
    (2, "Ben", A, dob(10), 0, "N", 0, 0, 0, 0, (100, 90)),
    (3, "Cara", A, dob(11), 0, "N", 0, 0, 1, 1, None),
    (4, "Dan", B, dob(11), 0, "K", 0, 0, 0, 0, (100, 85)),
    (5, "Eve", A, dob(7), 1, "N", 0, 0, 0, 0, None),
    (6, "Finn", B, dob(11), 0, "N", 0, 0, 0, 0, None),
    (7, "Gus", P, dob(10), 0, "N", 0, 1, 0, 0, None),
    (12, "Hana", A, dob(10), 0, "N", 0, 0, 0, 0, None),  # in custody: marks below
    # Year 11 last school year (Year 12 now): the outcomes
    (8, "Hal", A, dob(12), 1, "K", 1, 0, 0, 0, None),
    (9, "Ian", A, dob(12), 1, "N", 0, 0, 0, 0, None),
    (10, "Jo", A, dob(12), 0, "N", 0, 0, 0, 0, None),
    (11, "Kim", A, dob(12), 1, "N", 0, 0, 1, 0, None),
]
with open(out + "/schools.csv", "w") as f:
    f.write("urn,laestab,name,phase,la_code,type\n")
    f.write("300001,9994201,Ashby Academy,secondary,999,academy\n")
    f.write("300002,9994202,Birchwood School,secondary,999,maintained\n")
    f.write("300009,9991109,Kestrel Pupil Referral Unit,pru,999,maintained\n")
with open(out + "/calendar.csv", "w") as f:
    f.write("scope,start,end,kind,label\n")
    f.write("LA,%d-09-01,%d-07-20,term,All year\n" % (ay - 1, ay + 1))
with open(out + "/pupils.csv", "w") as f:
    f.write("upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,eal,cla,young_carer,parent_or_pregnant\n")
    for n, fn, urn, d, fsm, sen, eal, cla, carer, parent, _ in people:
        f.write("%s,%s,Test,%s,F,WBRI,%d,%s,%d-09-01,%d,%d,%d,%d\n" % (upn(n), fn, d, fsm, sen, ay - 1, eal, cla, carer, parent))
with open(out + "/enrolments.csv", "w") as f:
    f.write("upn,urn,start,end,type\n")
    for p in people:
        f.write("%s,%d,%d-09-01,,main\n" % (upn(p[0]), p[2], ay - 1))
tot_from = datetime.date(ay, 8, 1)  # the school year as onroll counts it (from 1 August)
tot_to = max(tot_from, today - datetime.timedelta(days=1))
with open(out + "/attendance_totals.csv", "w") as f:
    f.write("upn,urn,from,to,possible,present,authorised,unauthorised\n")
    for p in people:
        if p[10]:
            f.write("%s,%d,%s,%s,%d,%d,%d,0\n" % (upn(p[0]), p[2], tot_from, tot_to, p[10][0], p[10][1], p[10][0] - p[10][1]))
def weekday_back(d):  # Tuesday to Thursday, not 24 Dec - 2 Jan: never a bank holiday
    while d.weekday() not in (1, 2, 3) or (d.month == 12 and d.day >= 24) or (d.month == 1 and d.day <= 2):
        d -= datetime.timedelta(days=1)
    return d
y5 = weekday_back(today - datetime.timedelta(days=1))
with open(out + "/attendance.csv", "w") as f:  # Hana: present the day before, then Y5
    f.write("upn,urn,date,session,code\n")
    before = weekday_back(y5 - datetime.timedelta(days=1))
    for d, code in ((before, "/"), (y5, "Y5")):
        for sess in ("AM", "PM"):
            f.write("%s,%d,%s,%s,%s\n" % (upn(12), A, d, sess, code))
with open(out + "/dest.csv", "w") as f:
    f.write("upn,date,activity\n")
    f.write("%s,%d-10-01,540\n" % (upn(8), ay))
    f.write("%s,%d-10-01,810\n" % (upn(9), ay))
    f.write("%s,%d-10-01,210\n" % (upn(10), ay))
with open(out + "/dest_bad.csv", "w") as f:
    f.write("upn,date,activity\n")
    f.write("%s,%d-10-01,999\n" % (upn(10), ay))
with open(out + "/upns", "w") as f:
    for p in people:
        f.write("%s %s\n" % (p[1].upper(), upn(p[0])))
    f.write("AY %d\n" % ay)
EOF
while read -r name u; do eval "$name=$u"; done <"$D/upns"

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario (young_carer and parent_or_pregnant among the pupils' columns)" 0 \
    "$ONROLL" import "$D/schools.csv" "$D/calendar.csv" "$D/pupils.csv" "$D/enrolments.csv" \
    "$D/attendance_totals.csv" "$D/attendance.csv"
# Cara has a social worker (a caseload row): the social worker sees her record, not her
# special-category characteristics
printf 'upn,worker,role,start\n%s,sam@children.example.gov.uk,social_worker,%d-09-01\n' "$CARA" \
    "$((AY - 1))" >"$D/caseload.csv"
expect_status "import the caseload" 0 "$ONROLL" import "$D/caseload.csv"
for u in "school@ashby.example.gov.uk school 300001" "school@birch.example.gov.uk school 300002" \
    "officer@la.example.gov.uk la_officer -" "analyst@la.example.gov.uk analyst -" \
    "vs@la.example.gov.uk virtual_school -" "sam@children.example.gov.uk social_worker -"; do
    set -- $u
    if [ "$3" = - ]; then
        echo "$PW" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --password-stdin >/dev/null 2>&1
    else
        echo "$PW" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --scope "$3" --password-stdin >/dev/null 2>&1
    fi
    expect_eq "account $1 ($2)" 0 $?
done
