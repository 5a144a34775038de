#!/bin/sh
# test_smtp_auth.sh - the SMTP password never goes in clear (issue 12). A real SMTP server
# (tests/e2e/smtp_sink.py --auth, Debian's python3-aiosmtpd) offers AUTH but not STARTTLS and
# writes down every AUTH it receives. `onroll notify send` with a user and password must then
# refuse to log in (no AUTH reaches the server, nothing is sent, the message waits, the error
# says TLS is needed), under the default --smtp-tls try as under required; --smtp-tls none with
# a user is refused before connecting; without a user, mail still goes as before.
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
MAIL=$WORK/mail
SP=$(free_port)
FROM=onroll@la.example.gov.uk
mkdir -p "$MAIL"

expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import $N/schools.csv $N/calendar.csv $N/pupils.csv \
    $N/enrolments.csv $N/events.csv
"$ONROLL" notify recipients add pru pru@pru.example.gov.uk >/dev/null 2>&1
"$ONROLL" notify enqueue --as-of 2025-11-20 --base-url http://127.0.0.1:8080 >/dev/null 2>&1
expect_eq "one message waiting (the PRU's)" 1 "$(sql "select count(*) from outbox where status = 'pending'")"

"$SINK_PY" tests/e2e/smtp_sink.py --port "$SP" --dir "$MAIL" --auth >>"$WORK/sink.log" 2>&1 &
PIDS="$PIDS $!"
i=0
while [ ! -f "$MAIL/ready" ] && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
done

# the sink does see a password sent in clear (so that its silence below means something)
"$SINK_PY" - "$SP" <<'EOF'
import smtplib, sys
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]))
s.ehlo()
s.login("probe", "probe-secret")
s.quit()
EOF
expect_in "the server offers AUTH without TLS, and notes a login sent in clear" "AUTH PLAIN probe" "$MAIL/auth.log"
rm -f "$MAIL/auth.log"

send() { # TLS-MODE : one pass of the sender with a user and password, the message due now
    sql "update outbox set next_attempt_at = NULL" >/dev/null
    ONROLL_SMTP_PASSWORD=smtp-secret-1 "$ONROLL" notify send --once --no-enqueue \
        --smtp "smtp://127.0.0.1:$SP" --from "$FROM" --smtp-user onroll-relay --smtp-tls "$1" \
        >"$WORK/send.out" 2>&1
}

send try
expect_eq "--smtp-tls try (the default) with a password: no AUTH sent" 0 \
    "$(cat "$MAIL/auth.log" 2>/dev/null | wc -l | tr -d ' ')"
expect_eq "... nothing delivered" 0 "$(ls "$MAIL" | grep -c '\.eml$')"
expect_eq "... the message waits to be tried again" 1 "$(sql "select count(*) from outbox where status = 'pending' and attempts = 1")"
expect_in "... the error says why" "STARTTLS" "$WORK/send.out"
expect_not_in "... and never shows the password" "smtp-secret-1" "$WORK/send.out"
err=$(sql "select last_error from outbox")
case "$err" in
*TLS*) pass "... the outbox keeps the reason ($err)" ;;
*) fail "... the outbox keeps the reason" "$err" ;;
esac

send required
expect_eq "--smtp-tls required with a password: no AUTH sent" 0 \
    "$(cat "$MAIL/auth.log" 2>/dev/null | wc -l | tr -d ' ')"

send none
rc=$?
expect_eq "--smtp-tls none with a user: a usage error (exit 2)" 2 "$rc"
expect_in "... saying a password is never sent without TLS" "never sent without TLS" "$WORK/send.out"
expect_eq "... no AUTH sent" 0 "$(cat "$MAIL/auth.log" 2>/dev/null | wc -l | tr -d ' ')"

sql "update outbox set next_attempt_at = NULL" >/dev/null
ONROLL_SMTP_PASSWORD=smtp-secret-1 ONROLL_SMTP_USER=onroll-relay "$ONROLL" notify send --once \
    --no-enqueue --smtp "smtp://127.0.0.1:$SP" --from "$FROM" >"$WORK/send.out" 2>&1
expect_eq "the user from ONROLL_SMTP_USER: no AUTH sent either" 0 \
    "$(cat "$MAIL/auth.log" 2>/dev/null | wc -l | tr -d ' ')"

# no credentials: the message goes as before (a relay that needs no login)
sql "update outbox set next_attempt_at = NULL" >/dev/null
"$ONROLL" notify send --once --no-enqueue --smtp "smtp://127.0.0.1:$SP" --from "$FROM" \
    >"$WORK/send.out" 2>&1
expect_eq "without a user, the message is delivered" 1 "$(ls "$MAIL" | grep -c '\.eml$')"
expect_eq "... with no AUTH" 0 "$(cat "$MAIL/auth.log" 2>/dev/null | wc -l | tr -d ' ')"

finish
