# duties_data.sh - the small LA of test_duties_list.sh and test_browser_duties.sh, dated back
# from today, so that every count can be worked out by hand:
#
#   - Hillside Academy ($URN_A, secondary): 30 pupils A01..A30, each with one 1-day suspension (2
#     sessions), pupil Ann on the Wednesday n weeks before this week's (so A30's is the oldest);
#     telling the parent (STAT-NOTIFY-PARENT) was recorded as done for A01 and A02 only.
#     So STAT-NOTIFY-PARENT at A: 28 overdue (A30 first, A03 last) and 2 done;
#   - Moorland High School ($URN_B, secondary): 3 pupils B01..B03, one 1-day suspension each,
#     nothing recorded: 3 overdue STAT-NOTIFY-PARENT at B. B01's surname is also an A pupil's
#     (Okafor), so a search by name reaches both schools for the LA and only A for A's head;
#   - accounts (password $PW): the LA officer, A's head teacher and B's head teacher.
#
# Source it after lib.sh; it sets URN_A, URN_B, PW, SCHOOL_A, SCHOOL_B, and writes $WORK/upns (NAME UPN
# URN SUSPENSION-DATE, one a line).
ago() { date -d "-$1 days" +%Y-%m-%d; }
URN_A=100002
URN_B=100004
SCHOOL_A="Hillside Academy"
SCHOOL_B="Moorland High School"
PW='Quartz-Lantern-Harbour-58'

python3 - "$WORK" "$URN_A" "$URN_B" <<'EOF'
import datetime, sys
work, A, B = sys.argv[1], sys.argv[2], sys.argv[3]
letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
def upn(n):
    digits = "9992500%05d" % n
    s = sum(p * int(c) for p, c in zip(range(2, 14), digits))
    return letters[s % 23] + digits
today = datetime.date.today()
# this week's Wednesday (or last week's, when today is Monday or Tuesday)
wed = today - datetime.timedelta(days=(today.weekday() - 2) % 7)
forenames = ["Amara", "Jayden", "Olivia", "Kacper", "Leah", "Noah", "Maya", "Ibrahim", "Zara",
             "Oscar", "Ruby", "Yusuf", "Elsie", "Theo", "Aisha", "Harvey", "Poppy", "Musa",
             "Isla", "Reuben", "Freya", "Dev", "Nia", "Callum", "Hana", "Alfie", "Priya",
             "Tomasz", "Grace", "Kofi"]
surnames = ["Okafor", "Campbell", "Smith", "Nowak", "Brown", "Patel", "Jones", "Khan", "Ali",
            "Evans", "Hughes", "Begum", "Wilson", "Taylor", "Ahmed", "Walker", "Wright", "Hussain",
            "Green", "Hall", "Wood", "Shah", "Clarke", "Reid", "Lewis", "Young", "Hill", "Kowalski",
            "Scott", "Mensah"]
pupils = open(work + "/pupils.csv", "w")
enrol = open(work + "/enrolments.csv", "w")
events = open(work + "/events.csv", "w")
upns = open(work + "/upns", "w")
pupils.write("upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of\n")
enrol.write("upn,urn,start,end,type\n")
events.write("event_id,upn,urn,type,start,sessions,reasons,ref,rule\n")
as_of = (today - datetime.timedelta(days=400)).isoformat()
start = (today - datetime.timedelta(days=800)).isoformat()
def add(name, n, urn, forename, surname, weeks):
    u = upn(n)
    pupils.write("%s,%s,%s,2013-05-01,F,WBRI,0,N,%s\n" % (u, forename, surname, as_of))
    enrol.write("%s,%s,%s,,main\n" % (u, urn, start))
    day = (wed - datetime.timedelta(weeks=weeks)).isoformat()
    events.write("S-%s,%s,%s,suspension,%s,2,DB,,\n" % (name, u, urn, day))
    upns.write("%s %s %s %s\n" % (name, u, urn, day))
    return u, day
for i in range(1, 31):
    u, day = add("A%02d" % i, i, A, forenames[i - 1], surnames[i - 1], i + 1)
    if i <= 2:  # telling the parent recorded as done, the same day
        events.write("D-A%02d,%s,%s,action,%s,,,S-A%02d,STAT-NOTIFY-PARENT\n" % (i, u, A, day, i))
for i in range(1, 4):
    add("B%02d" % i, 100 + i, B, ["Chidi", "Ellie", "Sam"][i - 1],
        ["Okafor", "Doyle", "Fraser"][i - 1], i + 1)
EOF
cat >"$WORK/schools.csv" <<EOF
urn,laestab,name,phase,la_code
$URN_A,9994001,$SCHOOL_A,secondary,999
$URN_B,9994002,$SCHOOL_B,secondary,999
EOF
# one long term with no holiday over all those Wednesdays
cat >"$WORK/calendar.csv" <<EOF
scope,start,end,kind,label
LA,$(ago 800),$(date -d '+200 days' +%Y-%m-%d),term,Test term
EOF
expect_status "the LA imports the schools, calendar, pupils, enrolments and events" 0 \
    "$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv" "$WORK/pupils.csv" \
    "$WORK/enrolments.csv" "$WORK/events.csv"
add_user() { # EMAIL ROLE [SCOPE]
    printf '%s\n' "$PW" | "$ONROLL" user add "$1" --name "$4" --role "$2" ${3:+--scope "$3"} \
        --password-stdin >/dev/null 2>"$WORK/err" || fail "account $1" "$(cat "$WORK/err")"
}
add_user officer@la.example.gov.uk la_officer "" "Dana Officer"
add_user head@hillside.example.sch.uk school "$URN_A" "Head of Hillside"
add_user head@moorland.example.sch.uk school "$URN_B" "Head of Moorland"
# upn_of NAME: the UPN of pupil NAME (A01...)
upn_of() { awk -v n="$1" '$1 == n { print $2 }' "$WORK/upns"; }
