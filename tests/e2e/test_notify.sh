#!/bin/sh
# test_notify.sh - partner notifications end to end (LOCAL-NOTIFY-PARTNERS): the real binary,
# a real SMTP server (tests/e2e/smtp_sink.py, Debian's python3-aiosmtpd, on 127.0.0.1 on a
# free port, each message it accepts written to a directory) and a real `onroll serve` driven
# with curl. Runs on SQLite, and on PostgreSQL under tests/pg/test_e2e_pg.sh.
#
# The LA (tests/e2e/notify/, as of 20 Nov 2025; the sender looks 30 days back):
#   EXP1  Amara, CLA and known to youth justice, permanent exclusion at Brook Primary School
#         (decided 17 Nov): social care, Virtual School, youth justice, Re-engagement Unit
#         (primary), PRU, MASH and safeguarding partnership (permanent) - 7 services; the MASH
#         and the safeguarding partnership share one address: 6 messages
#   EXS3  Olivia, CIN, suspension of 3 days (6 sessions) at Castle High School from 19 Nov:
#         social care and the Virtual School (a social worker): 2 messages
#   EXS0  Olivia's suspension of 10 Sep: outside the window: none
#   EXK1  Jayden, nothing recorded, secondary suspension: none
#   EXN1  Kacper, CLA, suspension whose LOCAL-NOTIFY-PARTNERS action is recorded (the LA told
#         the partners itself): none
# so 8 messages: sc@ 2, vs@ 2, yjs@ 1, reu@ 1, pru@ 1, safe@ 1.
#
# Then: the SMTP server goes away after 5 messages (the rest wait with a retry scheduled,
# nothing lost); a sender runs against the dead server and is killed (-9); the server comes
# back, a new sender delivers the rest: 8 messages, 8 distinct Message-IDs, each to the right
# address with the right subject, none holding the child's details. A sender killed after the
# server took a message but before it heard so sends it again with the same Message-ID (at
# least once; both links work). The one-click link: the page names no child, opening it
# acknowledges nothing, the button does (audited, the token never logged), the dashboard's
# count drops by one. A message the server refuses for good is failed, shown to the LA, and
# can be sent again. `onroll serve --smtp` sends from a background thread.
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

N=tests/e2e/notify
AS_OF=2025-11-20
MAIL=$WORK/mail
SP=$(free_port)
WP=$(free_port)
B=http://127.0.0.1:$WP
SINK=""
SENDER=""
FROM=onroll@la.example.gov.uk
# the sender's options in every run: short waits, so that the test does not wait long
SEND_OPTS="--smtp smtp://127.0.0.1:$SP --from $FROM --base-url $B --as-of $AS_OF --retry-base 1
--retry-max 2 --max-attempts 50 --lease 3 --poll 1"


# start_sink [OPTIONS]: the SMTP server on $SP, writing to $MAIL; waits until it listens
start_sink() {
    rm -f "$MAIL/ready"
    "$SINK_PY" tests/e2e/smtp_sink.py --port "$SP" --dir "$MAIL" "$@" >>"$WORK/sink.log" 2>&1 &
    SINK=$!
    PIDS="$PIDS $SINK"
    i=0
    while [ ! -f "$MAIL/ready" ] && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
}

stop_sink() {
    [ -n "$SINK" ] && kill "$SINK" 2>/dev/null && wait "$SINK" 2>/dev/null
    SINK=""
}

# start_sender: `onroll notify send` (its loop) in the background, its lines to sender.log
start_sender() {
    # shellcheck disable=SC2086
    "$ONROLL" notify send $SEND_OPTS >>"$WORK/sender.log" 2>&1 &
    SENDER=$!
    PIDS="$PIDS $SENDER"
}

# outbox: "status=count ..." of every message, sorted; then the unacknowledged
outbox() {
    "$ONROLL" notify list --format csv >"$WORK/outbox.csv"
    "$SINK_PY" - "$WORK/outbox.csv" <<'EOF'
import collections, csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
c = collections.Counter(r["status"] for r in rows)
print(" ".join("%s=%d" % (k, c[k]) for k in sorted(c)))
EOF
}

# wait_delivered SECONDS: until no message is pending or sending
wait_delivered() {
    i=0
    while [ $i -lt $(($1 * 5)) ]; do
        s=$(outbox)
        case "$s" in *pending* | *sending*) ;; *) return 0 ;; esac
        sleep 0.2
        i=$((i + 1))
    done
    return 1
}

# mailbox: one line per message: recipient|subject|Message-ID|link, in file order; and the
# check of its text (no detail of a child) to $WORK/dirty
cat >"$WORK/mailbox.py" <<'EOF'
import email, email.policy, glob, re, sys
forbidden = ["Amara", "Okafor", "Olivia", "Smith", "Jayden", "Campbell", "Kacper", "Nowak",
             "W999250000001", "Z999250000003", "K999250000002", "N999250000004", "BAFR", "WBRI",
             "BCRB", "SEMH", "EHC", "looked after", "in care", "in need", "CLA", "CIN",
             "social worker", "2016-03-14", "Physical assault", "Verbal abuse", "Year 4"]
dirty = open(sys.argv[2], "w")
for path in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    body = m.get_content()
    # the link's random token may hold any letters ("CIN"): look at the words around it
    text = str(m["Subject"]) + "\n" + re.sub(r"/n/[A-Za-z0-9_-]+", "/n/TOKEN", body)
    for w in forbidden:
        if re.search(r"\b" + re.escape(w) + r"\b", text):
            dirty.write("%s holds %r\n" % (path, w))
    link = re.search(r"http://127\.0\.0\.1:\d+/n/([A-Za-z0-9_-]{43})\b", body)
    print("%s|%s|%s|%s" % (m["X-Sink-Rcpt-To"], m["Subject"], m["Message-ID"],
                           link.group(0) if link else "NO LINK"))
EOF
mailbox() {
    "$SINK_PY" "$WORK/mailbox.py" "$MAIL" "$WORK/dirty"
}

# ---- the LA and the partner services' addresses ----
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import $N/schools.csv $N/calendar.csv $N/pupils.csv \
    $N/enrolments.csv $N/events.csv
for r in social_care:sc@children.example.gov.uk virtual_school:vs@virtualschool.example.gov.uk \
    youth_justice:yjs@yjs.example.gov.uk reu:reu@reu.example.gov.uk pru:pru@pru.example.gov.uk \
    mash:safe@la.example.gov.uk safeguarding:SAFE@la.example.gov.uk; do
    "$ONROLL" notify recipients add "${r%%:*}" "${r#*:}" >>"$WORK/recipients.out" 2>&1 ||
        fail "recipients add $r"
done
"$ONROLL" notify recipients >"$WORK/recipients.txt"
expect_eq "7 addresses of 7 services" 7 "$(grep -c '@' "$WORK/recipients.txt")"
expect_in "addresses kept in lower case" "safeguarding     safe@la.example.gov.uk" "$WORK/recipients.txt"
expect_status "an unknown service is refused" 1 "$ONROLL" notify recipients add police p@x.example
expect_in "... naming the field and value" "service: 'police' is not a partner service" "$WORK/err"
expect_status "an address that is not one is refused" 1 "$ONROLL" notify recipients add mash x.example
expect_in "... naming the field and value" "email: 'x.example'" "$WORK/err"
expect_status "send without an SMTP server is a usage error" 2 env -u ONROLL_SMTP_URL \
    "$ONROLL" notify send --once --from "$FROM"

# ---- enqueue, derived from the duties: idempotent ----
"$ONROLL" notify enqueue --as-of $AS_OF --base-url "$B" >"$WORK/enq1" 2>&1
expect_in "enqueue: 8 messages for 2 exclusions" "8 new messages (2 exclusions" "$WORK/enq1"
"$ONROLL" notify enqueue --as-of $AS_OF --base-url "$B" >"$WORK/enq2" 2>&1
expect_in "enqueue again adds nothing" "0 new messages" "$WORK/enq2"
expect_eq "8 pending" "pending=8" "$(outbox)"

# ---- the SMTP server goes away after 5 messages ----
mkdir -p "$MAIL"
start_sink --accept 5
# shellcheck disable=SC2086
"$ONROLL" notify send --once $SEND_OPTS >"$WORK/send1" 2>&1
expect_in "first run: 5 sent, 1 to try again" "5 sent, 1 waiting to be tried again, 0 failed" "$WORK/send1"
i=0
while kill -0 "$SINK" 2>/dev/null && [ $i -lt 50 ]; do # it closes once it has 5
    sleep 0.1
    i=$((i + 1))
done
if kill -0 "$SINK" 2>/dev/null; then fail "the SMTP server closed after 5 messages"; fi
stop_sink
expect_eq "5 messages arrived" 5 "$(ls "$MAIL"/*.eml | wc -l | tr -d ' ')"
expect_eq "nothing lost: 5 sent, 3 pending" "pending=3 sent=5" "$(outbox)"
retry=$(sql "select count(*) from outbox where status = 'pending' and attempts = 1 and next_attempt_at is not null and last_error <> ''")
expect_eq "the failed attempt has its retry scheduled and its error" 1 "$retry"

# a sender running while the server is down, killed mid-run
start_sender
sleep 3
kill -9 "$SENDER" 2>/dev/null
wait "$SENDER" 2>/dev/null
expect_in "the sender tried again and failed" "failed, next in" "$WORK/sender.log"
expect_eq "still nothing lost" 8 "$(sql "select count(*) from outbox where status in ('pending', 'sending', 'sent')")"
expect_eq "no message given up" 0 "$(sql "select count(*) from outbox where status = 'failed'")"

# the server back, a new sender: every message delivered exactly once
start_sink
start_sender
if wait_delivered 40; then pass "the rest delivered"; else fail "the rest delivered" "$(outbox; tail -20 "$WORK/sender.log")"; fi
kill "$SENDER" 2>/dev/null
wait "$SENDER"
expect_eq "the sender stops cleanly on SIGTERM" 0 $?
mailbox >"$WORK/box1"
expect_eq "8 messages in the mailbox" 8 "$(wc -l <"$WORK/box1" | tr -d ' ')"
expect_eq "8 distinct Message-IDs" 8 "$(cut -d'|' -f3 "$WORK/box1" | sort -u | wc -l | tr -d ' ')"
cut -d'|' -f1,2 "$WORK/box1" | sort >"$WORK/got"
sort >"$WORK/want" <<'EOF'
sc@children.example.gov.uk|onroll: permanent exclusion from 18 November 2025 at Brook Primary School
vs@virtualschool.example.gov.uk|onroll: permanent exclusion from 18 November 2025 at Brook Primary School
yjs@yjs.example.gov.uk|onroll: permanent exclusion from 18 November 2025 at Brook Primary School
reu@reu.example.gov.uk|onroll: permanent exclusion from 18 November 2025 at Brook Primary School
pru@pru.example.gov.uk|onroll: permanent exclusion from 18 November 2025 at Brook Primary School
safe@la.example.gov.uk|onroll: permanent exclusion from 18 November 2025 at Brook Primary School
sc@children.example.gov.uk|onroll: suspension of 3 days from 19 November 2025 at Castle High School
vs@virtualschool.example.gov.uk|onroll: suspension of 3 days from 19 November 2025 at Castle High School
EOF
expect_same_file "the right messages to the right addresses, one each" "$WORK/want" "$WORK/got"
if [ -s "$WORK/dirty" ]; then fail "no detail of a child in any message" "$(cat "$WORK/dirty")"; else pass "no detail of a child in any message"; fi
expect_eq "every message has its one-click link" 0 "$(grep -c 'NO LINK' "$WORK/box1")"
safe=$(grep -l 'X-Sink-Rcpt-To: safe@' "$MAIL"/*.eml | head -n 1)
expect_in "the shared address's message names both its services" "the MASH and the safeguarding" "$safe"
expect_not_in "... and no other service" "youth justice" "$safe"
expect_eq "the outbox: 8 sent" "sent=8" "$(outbox)"
# every partner of an exclusion sent theirs: the LA's duty is done, in the ledger
"$ONROLL" duties --as-of "$(date +%Y-%m-%d)" --format csv >"$WORK/duties.csv"
# (EXN1's was recorded by hand in events.csv: 2 by the sender + 1)
expect_eq "LOCAL-NOTIFY-PARTNERS done for both exclusions once all their messages went" 3 \
    "$(grep -c ',LOCAL-NOTIFY-PARTNERS,.*,done,' "$WORK/duties.csv")"
expect_eq "... recorded by the sender as an action (source notify, by email)" 2 \
    "$(sql "select count(*) from events e join sources s on s.id = e.src_id where e.type = 'action' and e.rule = 'LOCAL-NOTIFY-PARTNERS' and e.delivery = 'email' and s.kind = 'notify'")"
"$ONROLL" notify send --once $SEND_OPTS >"$WORK/send2" 2>&1
expect_in "another run sends nothing" "0 sent, 0 waiting to be tried again, 0 failed" "$WORK/send2"

# ---- killed after the server took a message, before hearing so: sent again, same ID ----
expect_status "a new permanent exclusion" 0 "$ONROLL" import $N/events2.csv
stop_sink
start_sink --hang-after 0
start_sender
i=0
while [ "$(ls "$MAIL"/*.eml | wc -l)" -lt 9 ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
sleep 0.3
kill -9 "$SENDER" 2>/dev/null
wait "$SENDER" 2>/dev/null
expect_eq "the server has the 9th message" 9 "$(ls "$MAIL"/*.eml | wc -l | tr -d ' ')"
expect_eq "... which onroll does not know was sent" 1 "$(sql "select count(*) from outbox where status = 'sending'")"
stop_sink
start_sink
start_sender
if wait_delivered 40; then pass "sent after the crash"; else fail "sent after the crash" "$(outbox; tail -20 "$WORK/sender.log")"; fi
kill "$SENDER" 2>/dev/null
wait "$SENDER" 2>/dev/null
mailbox >"$WORK/box2"
expect_eq "11 messages arrived" 11 "$(wc -l <"$WORK/box2" | tr -d ' ')"
expect_eq "10 distinct Message-IDs" 10 "$(cut -d'|' -f3 "$WORK/box2" | sort -u | wc -l | tr -d ' ')"
dup=$(cut -d'|' -f3 "$WORK/box2" | sort | uniq -d)
hung=$(sed -n 9p "$WORK/box2" | cut -d'|' -f3)
expect_eq "the one sent twice is the one the crash hid, with its Message-ID" "$hung" "$dup"
grep -F "|$dup|" "$WORK/box2" | cut -d'|' -f4 >"$WORK/dup_links"
expect_eq "... and its two copies carry different links" 2 "$(sort -u "$WORK/dup_links" | wc -l | tr -d ' ')"
grep -F 'Castle High' "$WORK/box2" | grep -F 'permanent' | cut -d'|' -f1 | sort -u >"$WORK/got2"
printf 'pru@pru.example.gov.uk\nsafe@la.example.gov.uk\n' >"$WORK/want2"
expect_same_file "the new exclusion: the PRU and the MASH/safeguarding address" "$WORK/want2" "$WORK/got2"
stop_sink

# ---- the one-click link and the dashboard, through the real server ----
printf 'kestrel-river-41\n' | "$ONROLL" user add officer@la.example.gov.uk --name Officer \
    --role la_officer --password-stdin >/dev/null 2>&1
"$ONROLL" serve --listen 127.0.0.1:"$WP" --static "$STATIC" >"$WORK/serve.log" 2>&1 &
PIDS="$PIDS $!"
i=0
while ! curl -s -o /dev/null "$B/healthz" && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done
JAR=$WORK/jar
expect_eq "sign in as the LA officer" 303 "$(sign_in "$JAR" officer@la.example.gov.uk kestrel-river-41)"
unacked() {
    get "$JAR" /dashboard >/dev/null
    sed -n 's/.*acknowledged yet: <strong>\([0-9]*\)<\/strong>.*/\1/p' "$WORK/body" | head -n 1
}
expect_eq "dashboard: 10 notifications not acknowledged" 10 "$(unacked)"
# issue 14: the dashboard counts them and links to their list (no list on the dashboard itself)
expect_in "... linking to the list of them" 'href="/notifications?ack=0"' "$WORK/body"
expect_eq "the list of them" 200 "$(get "$JAR" '/notifications?ack=0')"
expect_in "... listed with their service" "Pupil referral unit" "$WORK/body"

link=$(grep -F 'pru@pru.example.gov.uk|onroll: permanent exclusion from 18 November 2025' "$WORK/box2" | cut -d'|' -f4)
path=${link#http://127.0.0.1:$WP}
token=${path#/n/}
PJAR=$WORK/partner_jar
expect_eq "the link opens without signing in" 200 "$(get "$PJAR" "$path")"
cp "$WORK/body" "$WORK/notice.html"
expect_in "the page says what happened" "Permanent exclusion from 18 November 2025" "$WORK/notice.html"
expect_in "... where" "Brook Primary School" "$WORK/notice.html"
expect_in "... with one button" ">Acknowledge</button>" "$WORK/notice.html"
for w in Amara Okafor W999250000001 BAFR "looked after"; do
    expect_not_in "the page holds no '$w'" "$w" "$WORK/notice.html"
done
expect_eq "opening the link acknowledges nothing" 10 "$(unacked)"
tok=$(csrf_of "$WORK/notice.html")
code=$(curl -s -b "$PJAR" -c "$PJAR" -o /dev/null -w '%{http_code}' --data-urlencode "x=1" "$B$path")
expect_eq "a POST without the page's token is refused" 403 "$code"
expect_eq "... and acknowledges nothing" 10 "$(unacked)"
code=$(curl -s -b "$PJAR" -c "$PJAR" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$tok" "$B$path")
expect_eq "the button acknowledges (303)" 303 "$code"
get "$PJAR" "$path?acknowledged=1" >/dev/null
expect_in "... and thanks" "Thank you" "$WORK/body"
expect_not_in "... with no button left" ">Acknowledge</button>" "$WORK/body"
expect_eq "the dashboard's count drops to 9" 9 "$(unacked)"
expect_eq "acknowledged in the outbox" 1 "$(sql "select count(*) from outbox where acknowledged_at is not null and recipient = 'pru@pru.example.gov.uk'")"
expect_eq "written to the audit log as the recipient" 1 "$(sql "select count(*) from audit_log where action = 'notify.ack' and actor = 'notify:pru@pru.example.gov.uk'")"
expect_eq "the token is nowhere in the audit log" 0 "$(sql "select count(*) from audit_log where object like '%$token%' or detail like '%$token%'")"
code=$(curl -s -b "$PJAR" -c "$PJAR" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$tok" "$B$path")
expect_eq "acknowledging again changes nothing" 9 "$(unacked)"
for l in $(cat "$WORK/dup_links"); do
    expect_eq "both copies' links of the message sent twice work" 200 "$(get "$PJAR" "${l#http://127.0.0.1:$WP}")"
done
expect_eq "an unknown token: 404" 404 "$(get "$PJAR" /n/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA)"
expect_eq "the LA's list of notifications" 200 "$(get "$JAR" '/notifications?ack=0&service=social_care')"
expect_eq "... social care's 2, not acknowledged" 2 "$(grep -c '<td class="govuk-table__cell">sc@children.example.gov.uk</td>' "$WORK/body")"
expect_eq "recipients are for the LA administrator only" 403 "$(get "$JAR" /admin/recipients)"
expect_eq "the list is not for a partner without signing in" 303 "$(get "$PJAR" /notifications)"

# ---- an address the server refuses for good: failed, shown to the LA, sent again ----
"$ONROLL" notify recipients add reu bounce@reu.example.gov.uk >/dev/null
start_sink --reject bounce@reu.example.gov.uk
"$ONROLL" notify send --once $SEND_OPTS >"$WORK/send3" 2>&1
expect_in "a refused address: failed at once" "0 sent, 0 waiting to be tried again, 1 failed" "$WORK/send3"
expect_in "... with the server's reply" "550" "$WORK/send3"
expect_eq "dashboard: 10 not acknowledged again" 10 "$(unacked)"
expect_in "... 1 could not be delivered" "of which 1 could not be delivered" "$WORK/body"
expect_eq "the failed one on the LA's list" 200 "$(get "$JAR" '/notifications?status=failed')"
expect_in "... tagged failed" ">Failed</strong>" "$WORK/body"
id=$(sql "select id from outbox where status = 'failed'")
tok=$(csrf_of "$WORK/body")
code=$(curl -s -b "$JAR" -c "$JAR" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$tok" "$B/notifications/$id/retry")
expect_eq "send again" 303 "$code"
expect_eq "... pending again" pending "$(sql "select status from outbox where id = $id")"
"$ONROLL" notify recipients remove reu bounce@reu.example.gov.uk >"$WORK/removed" 2>&1
expect_in "removing the address cancels what was not sent to it" "1 message not yet sent to it cancelled" "$WORK/removed"
stop_sink

# ---- `onroll serve --smtp`: the sender in the server's background thread ----
"$ONROLL" notify recipients add pru pru2@pru.example.gov.uk >/dev/null
start_sink
WP2=$(free_port)
# shellcheck disable=SC2086
"$ONROLL" serve --listen 127.0.0.1:"$WP2" --static "$STATIC" $SEND_OPTS >"$WORK/serve2.log" 2>&1 &
SERVE2=$!
PIDS="$PIDS $SERVE2"
i=0
# until both have arrived (the sender sends one at a time: the first alone is not the end)
while [ "$(grep -l 'X-Sink-Rcpt-To: pru2@' "$MAIL"/*.eml 2>/dev/null | wc -l | tr -d ' ')" -lt 2 ] &&
    [ $i -lt 200 ]; do
    sleep 0.1
    i=$((i + 1))
done
expect_eq "serve --smtp delivers a new address's messages (2 exclusions for the PRU)" 2 \
    "$(grep -l 'X-Sink-Rcpt-To: pru2@' "$MAIL"/*.eml | wc -l | tr -d ' ')"
kill "$SERVE2" 2>/dev/null
wait "$SERVE2"
expect_eq "the server and its sender stop cleanly on SIGTERM" 0 $?
expect_in "the server says it sends" "sending partner notifications through smtp://127.0.0.1:$SP" "$WORK/serve2.log"
stop_sink

finish
