#!/bin/sh
# test_attend_alert.sh - LOCAL-ATTEND-ALERT (issue 17, part 8) end to end: the real binary on a
# real database (SQLite; PostgreSQL through tests/pg/test_e2e_pg.sh), the notifications outbox
# and a real SMTP server (tests/e2e/smtp_sink.py, as test_notify.sh).
#
# The data: tests/e2e/data (the test LA 999; Hillside, URN 100002, on the LA's calendar: spring
# term Mon 5 Jan - Fri 27 Mar 2026, half-term Mon 16 - Fri 20 Feb), and marks made below:
#   - Kacper N999250000004 (looked after; social worker sam.social@ on his caseload): present
#     on every school day from Mon 5 Jan to Thu 5 Mar (Jan 5-30: 20 days, Feb 2-13: 10, Feb
#     23-27: 5, Mar 2-5: 4 = 39 days, 78 sessions), Fri 6 Mar N (AM) and O (PM): ONE alert
#     (once a day), an unexplained absence; 78 of 80 = 97.5%, not below 90%: no crossing. Due
#     AFTER(Fri 6 Mar, 1) = Mon 9 Mar. Told: the Virtual School's address and his social
#     worker by name.
#   - Olivia Z999250000003 (looked after from 1 Feb 2026, a snapshot below; no social worker on
#     a caseload): present Mon 2 - Fri 6 Mar (10 of 10), ill (I) Mon 9 Mar: 10 of 12 = 83.3%,
#     below 90%: the line crossed on Mon 9 Mar, due Tue 10 Mar. I is authorised: no absence
#     alert. Told: the Virtual School and children's social care's address (no worker known).
#   - Amara W999250000001 (Riverside; not looked after, no social worker): N on Fri 6 Mar: no
#     alert.
# So, as of Tue 10 Mar: 2 alerts, 4 messages; again: none new; a new N for Kacper on Tue 10 Mar:
# 2 more (once per pupil per day).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
SINK_PY=""
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import aiosmtpd' >/dev/null 2>&1; then
        SINK_PY=$p
        break
    fi
done
if [ -z "$SINK_PY" ]; then
    echo "skipped: python3-aiosmtpd is not installed (tools/deps.sh installs it)"
    finish
    exit 0
fi
D=tests/e2e/data
K=N999250000004
O=Z999250000003
A=W999250000001

expect_status "init" 0 "$ONROLL" init
expect_status "the test LA" 0 "$ONROLL" import "$D/schools.csv" "$D/calendar.csv" "$D/pupils.csv" \
    "$D/enrolments.csv" "$D/caseload.csv"
printf 'upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,cla,cin,sen_need,year_group\n%s,Olivia,Smith,2012-06-21,F,WBRI,1,N,2026-02-01,1,,,8\n' "$O" >"$WORK/olivia.csv"
expect_status "Olivia looked after from 1 February 2026" 0 "$ONROLL" import "$WORK/olivia.csv"
python3 - "$K" "$O" "$A" >"$WORK/marks.csv" <<'PY'
import datetime, sys
k, o, a = sys.argv[1:]
print("upn,urn,date,session,code")
def days(f, t):
    d = datetime.date.fromisoformat(f)
    while d <= datetime.date.fromisoformat(t):
        if d.weekday() < 5 and not (datetime.date(2026, 2, 16) <= d <= datetime.date(2026, 2, 20)):
            yield d
        d += datetime.timedelta(days=1)
for d in days("2026-01-05", "2026-03-05"):
    print(f"{k},100002,{d},AM,/"); print(f"{k},100002,{d},PM,\\")
print(f"{k},100002,2026-03-06,AM,N"); print(f"{k},100002,2026-03-06,PM,O")
for d in days("2026-03-02", "2026-03-06"):
    print(f"{o},100002,{d},AM,/"); print(f"{o},100002,{d},PM,\\")
print(f"{o},100002,2026-03-09,AM,I"); print(f"{o},100002,2026-03-09,PM,I")
print(f"{a},100001,2026-03-06,AM,N"); print(f"{a},100001,2026-03-06,PM,N")
PY
expect_status "the marks" 0 "$ONROLL" import "$WORK/marks.csv"
expect_in "... 164 of them (78 + 2, 10 + 2, 2)" "94 rows" "$WORK/out"

# ---- the rule: the duty stands from the alert's day to the next school day ----
"$ONROLL" duties --as-of 2026-03-06 --format csv | grep LOCAL-ATTEND-ALERT >"$WORK/d"
expect_eq "as of Fri 6 Mar: Kacper's absence, due Mon 9 Mar" ",100002,$K,LOCAL-ATTEND-ALERT,local authority,2026-03-09,open," "$(cat "$WORK/d")"
"$ONROLL" duties --as-of 2026-03-09 --format csv | grep LOCAL-ATTEND-ALERT >"$WORK/d"
expect_in "as of Mon 9 Mar: Kacper's, due that day" ",100002,$K,LOCAL-ATTEND-ALERT,local authority,2026-03-09,open," "$WORK/d"
expect_in "... and Olivia's crossing, due Tue 10 Mar" ",100002,$O,LOCAL-ATTEND-ALERT,local authority,2026-03-10,open," "$WORK/d"
expect_eq "... nothing for Amara (neither looked after nor with a social worker)" 0 "$(grep -c "$A" "$WORK/d")"

# ---- the outbox: the Virtual School and the social worker, once ----
"$ONROLL" notify recipients add virtual_school vs@virtualschool.example.gov.uk >/dev/null 2>&1
"$ONROLL" notify recipients add social_care sc@children.example.gov.uk >/dev/null 2>&1
SP=$(free_port)
B=http://127.0.0.1:$(free_port)
"$ONROLL" notify enqueue --as-of 2026-03-10 --base-url "$B" >"$WORK/enq1" 2>&1
expect_in "enqueue: 4 messages" "4 new messages" "$WORK/enq1"
expect_in "... of 2 attendance alerts" "2 attendance alerts in the window" "$WORK/enq1"
"$ONROLL" notify enqueue --as-of 2026-03-10 --base-url "$B" >"$WORK/enq2" 2>&1
expect_in "enqueue again: nothing new (idempotent)" "0 new messages" "$WORK/enq2"
expect_eq "the outbox: the four, by rule, key and address" \
    "LOCAL-ATTEND-ALERT|ATT-N-2026-03-06-$K|sam.social@children.example.gov.uk|social_care
LOCAL-ATTEND-ALERT|ATT-N-2026-03-06-$K|vs@virtualschool.example.gov.uk|virtual_school
LOCAL-ATTEND-ALERT|ATT-PA-2026-03-09-$O|sc@children.example.gov.uk|social_care
LOCAL-ATTEND-ALERT|ATT-PA-2026-03-09-$O|vs@virtualschool.example.gov.uk|virtual_school" \
    "$(sql "SELECT rule, event_id, recipient, service FROM outbox ORDER BY event_id, recipient")"

MAIL=$WORK/mail
mkdir -p "$MAIL"
"$SINK_PY" tests/e2e/smtp_sink.py --port "$SP" --dir "$MAIL" >>"$WORK/sink.log" 2>&1 &
PIDS="$PIDS $!"
i=0
while [ ! -f "$MAIL/ready" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
"$ONROLL" notify send --once --no-enqueue --smtp "smtp://127.0.0.1:$SP" --from onroll@la.example.gov.uk \
    --base-url "$B" >"$WORK/send" 2>&1
expect_in "sent: 4" "4 sent" "$WORK/send"
"$SINK_PY" - "$MAIL" >"$WORK/mails" 2>"$WORK/dirty" <<'PY'
import email, email.policy, glob, re, sys
forbidden = ["Kacper", "Nowak", "Olivia", "Smith", "Amara", "Okafor", "N999250000004",
             "Z999250000003", "W999250000001", "2012-06-21", "WBRI", "WOTH"]
for path in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    body = m.get_content()
    text = str(m["Subject"]) + "\n" + re.sub(r"/n/[A-Za-z0-9_-]+", "/n/TOKEN", body)
    for w in forbidden:
        if re.search(r"\b" + re.escape(w) + r"\b", text):
            sys.stderr.write("%s holds %r\n" % (path, w))
    link = "link" if re.search(r"/n/[A-Za-z0-9_-]{43}\b", body) else "NO LINK"
    print("%s|%s|%s" % (m["X-Sink-Rcpt-To"], m["Subject"], link))
PY
sort "$WORK/mails" >"$WORK/mails.sorted"
cat >"$WORK/want" <<'W'
sam.social@children.example.gov.uk|onroll: an unexplained absence on Friday 6 March 2026 at Hillside Academy, Upper School|link
sc@children.example.gov.uk|onroll: attendance below 90% at Hillside Academy, Upper School|link
vs@virtualschool.example.gov.uk|onroll: an unexplained absence on Friday 6 March 2026 at Hillside Academy, Upper School|link
vs@virtualschool.example.gov.uk|onroll: attendance below 90% at Hillside Academy, Upper School|link
W
expect_same_file "the four emails: to whom, what, with the one-click link" "$WORK/want" "$WORK/mails.sorted"
expect_eq "no email names the child (name, UPN, birth date, ethnicity)" "" "$(cat "$WORK/dirty")"
grep -l "below 90%" "$MAIL"/*.eml | head -n 1 | xargs cat >"$WORK/pa.eml"
expect_in "the crossing's email gives the sessions" "10 of 12 sessions" "$WORK/pa.eml"

# ---- once per pupil per day: a new unexplained absence is a new alert; the old is not resent ----
printf 'upn,urn,date,session,code\n%s,100002,2026-03-10,AM,O\n' "$K" >"$WORK/more.csv"
expect_status "Kacper absent again on Tue 10 Mar" 0 "$ONROLL" import "$WORK/more.csv"
"$ONROLL" notify enqueue --as-of 2026-03-11 --base-url "$B" >"$WORK/enq3" 2>&1
expect_in "the new day: 2 new messages (the Virtual School, the social worker)" "2 new messages" "$WORK/enq3"
expect_eq "... the day's key" 2 "$(sql "SELECT COUNT(*) FROM outbox WHERE event_id = 'ATT-O-2026-03-10-$K'")"
expect_eq "6 messages in all" 6 "$(sql "SELECT COUNT(*) FROM outbox")"
expect_status "re-importing the same marks" 0 "$ONROLL" import "$WORK/marks.csv"
"$ONROLL" notify enqueue --as-of 2026-03-11 --base-url "$B" >"$WORK/enq4" 2>&1
expect_in "... changes nothing" "0 new messages" "$WORK/enq4"
finish
