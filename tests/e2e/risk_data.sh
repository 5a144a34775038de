# risk_data.sh - the LA of tests/e2e/test_risk_list.sh and test_browser_risk.sh (read the
# former's opening comment for who is who and their tiers worked out by hand), made relative
# to today: schools, a calendar, pupils, enrolments, suspensions and attendance totals imported
# into a new database; the plans and referrals to send later in $D/plans.csv (a file) and
# $D/plans.json (the MIS API); the accounts school@ashby.example.gov.uk (Ashby, 300001),
# officer@la.example.gov.uk and reu@reu.example.gov.uk (the Re-engagement Unit) with the
# password $PW; each pupil's UPN in a variable named by
# the forename in capitals ($AMY, $BEN...). Source it after lib.sh.
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
    rest = "9992710000%02d" % n
    return L[sum(p * int(rest[p - 2]) for p in range(2, 14)) % 23] + rest
def weekday_back(d):  # Tuesday to Thursday, not 24 Dec - 2 Jan: never a bank holiday
    while d.weekday() not in (1, 2, 3) or (d.month == 12 and d.day >= 24) or (d.month == 1 and d.day <= 2):
        d -= datetime.timedelta(days=1)
    return d
s1 = weekday_back(today - datetime.timedelta(days=40))
s2 = weekday_back(today - datetime.timedelta(days=12))
ay_start = datetime.date(ay, 8, 1)
tot_from = ay_start
tot_to_ben = max(ay_start, today - datetime.timedelta(days=20))
tot_to = max(ay_start, today - datetime.timedelta(days=30))
A, B = 300001, 300002
people = [  # n, forename, surname, urn, dob, suspended
    (1, "Amy", "Ash", A, "2014-05-01", True), (2, "Ben", "Birch", A, "2013-02-11", False),
    (3, "Cara", "Cole", A, "2015-07-20", False), (4, "Dan", "Dale", A, "2012-10-02", True),
    (5, "Eve", "Ede", A, "2013-03-03", True), (6, "Finn", "Ford", A, "2013-04-04", True),
    (7, "Gus", "Gale", A, "2013-05-05", True), (8, "Hana", "Hope", A, "2013-06-06", True),
    (9, "Ivy", "Irwin", A, "2013-07-07", True), (10, "Jay", "Judd", A, "2013-08-08", True),
    (11, "Mia", "Moss", B, "2014-01-01", True), (12, "Ned", "Nash", B, "2014-02-02", True),
    (13, "Ola", "Orr", B, "2014-03-03", True), (14, "Pip", "Penn", B, "2014-04-04", True),
    (15, "Quin", "Quay", B, "2014-05-05", True), (16, "Rex", "Rowe", B, "2014-06-06", True),
    (17, "Kit", "Kemp", B, "2014-07-07", True),
    (18, "Tot", "Tamm", B, "%d-03-01" % (ay - 3), False),
    (19, "Lou", "Lane", B, "2014-09-09", False)]
with open(out + "/schools.csv", "w") as f:
    f.write("urn,laestab,name,phase,la_code,type\n")
    f.write("300001,9994201,Ashby Academy,secondary,999,academy\n")
    f.write("300002,9994202,Birchwood School,secondary,999,maintained\n")
with open(out + "/calendar.csv", "w") as f:
    f.write("scope,start,end,kind,label\n")
    f.write("LA,%d-09-01,%d-07-20,term,All year\n" % (ay - 1, ay + 1))
    # a week's holiday between the two suspensions: they fall in different half-terms
    f.write("LA,%s,%s,holiday,Half-term\n" % (s1 + datetime.timedelta(days=5), s1 + datetime.timedelta(days=11)))
with open(out + "/pupils.csv", "w") as f:
    f.write("upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,cla,cin,sen_need,year_group\n")
    for n, fn, sn, urn, dob, _ in people:
        f.write("%s,%s,%s,%s,F,WBRI,0,N,%d-09-01,0,0,,8\n" % (upn(n), fn, sn, dob, ay - 1))
with open(out + "/enrolments.csv", "w") as f:
    f.write("upn,urn,start,end,type,year_group\n")
    for n, fn, sn, urn, dob, _ in people:
        f.write("%s,%d,%d-09-01,,main,8\n" % (upn(n), urn, ay - 1))
with open(out + "/events.csv", "w") as f:
    f.write("event_id,upn,urn,type,start,sessions,reasons\n")
    for n, fn, sn, urn, dob, susp in people:
        if susp:
            f.write("RK%da,%s,%d,suspension,%s,2,PA\n" % (n, upn(n), urn, s1))
            f.write("RK%db,%s,%d,suspension,%s,2,VA\n" % (n, upn(n), urn, s2))
with open(out + "/attendance_totals.csv", "w") as f:
    f.write("upn,urn,from,to,possible,present,authorised,unauthorised\n")
    f.write("%s,%d,%s,%s,120,102,10,8\n" % (upn(1), A, tot_from, tot_to))
    f.write("%s,%d,%s,%s,100,49,20,31\n" % (upn(2), A, tot_from, tot_to_ben))
    f.write("%s,%d,%s,%s,120,102,10,8\n" % (upn(3), A, tot_from, tot_to))
    f.write("%s,%d,%s,%s,120,72,20,28\n" % (upn(18), B, tot_from, tot_to))
    f.write("%s,%d,%s,%s,120,114,4,2\n" % (upn(19), B, tot_from, tot_to))
# the plans: six kinds, by CSV for Eve..Jay (5-10), by the API for Mia..Rex (11-16)
start = today.isoformat()
end = (today + datetime.timedelta(days=60)).isoformat()
ptt_start = weekday_back(today - datetime.timedelta(days=5)).isoformat()
kinds = [("psp", "", end, ""), ("peap", "", "", ""), ("part_time_timetable", "", end, ""),
         ("referral", "reu", "", ""), ("referral", "ep", "", ""), ("referral", "early_help", "", "")]
with open(out + "/plans.csv", "w") as f:
    f.write("event_id,upn,urn,type,start,end,to\n")
    for i, (t, to, e, _) in enumerate(kinds):
        n = 5 + i
        f.write("RP%d,%s,%d,%s,%s,%s,%s\n" % (n, upn(n), A, t, ptt_start if t == "part_time_timetable" else start, e, to))
import json
api = []
for i, (t, to, e, _) in enumerate(kinds):
    n = 11 + i
    ev = {"event_id": "RQ%d" % n, "upn": upn(n), "urn": str(B), "type": t,
          "start": ptt_start if t == "part_time_timetable" else start}
    if e:
        ev["end"] = e
    if to:
        ev["to"] = to
    api.append(ev)
open(out + "/plans.json", "w").write(json.dumps(api))
with open(out + "/upns", "w") as f:
    for n, fn, sn, urn, dob, _ in people:
        f.write("%s %s\n" % (fn.upper(), upn(n)))
EOF
while read -r name u; do eval "$name=$u"; done <"$D/upns"

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario (totals among it)" 0 "$ONROLL" import "$D/schools.csv" \
    "$D/calendar.csv" "$D/pupils.csv" "$D/enrolments.csv" "$D/events.csv" "$D/attendance_totals.csv"
for u in "school@ashby.example.gov.uk school 300001" "officer@la.example.gov.uk la_officer -" \
    "reu@reu.example.gov.uk partner reu"; do
    set -- $u
    if [ "$3" = - ]; then
        echo "$PW" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --password-stdin >/dev/null 2>&1
    else
        echo "$PW" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --scope "$3" --password-stdin >/dev/null 2>&1
    fi
    expect_eq "account $1 ($2)" 0 $?
done

