#!/bin/sh
# test_signin.sh - signing in under attack (issue 12), against a real `onroll serve` driven with
# curl from several loopback addresses (127.0.0.2, .3, ... reach a server on 127.0.0.1, each
# seen as its own client address):
#
#   - 20 wrong passwords posted at once for one account: at most the allowed number of password
#     checks happen (the counter is claimed in one statement before a password is checked);
#   - an attempt made before its wait is over is answered "wait N seconds", even with the right
#     password, and no password is checked;
#   - an attacker's wrong passwords (20, then on and on from its address) never lock the real
#     user out: from another address, the user who waits signs in while the attack goes on;
#   - hundreds of throttled attempts from one address make a handful of audit rows, with counts;
#   - passwords: libpwquality refuses `aaaaaaaaaa`, `password1234` and dictionary words, with its
#     own reason, for `onroll user add` and `onroll user reset`; generated passwords pass.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh

OFFICER=officer@la.example.gov.uk
OFFICER_PW=kestrel-river-41
VICTIM=victim@la.example.gov.uk
VICTIM_PW=heron-valley-73
USER3=head@school.example.sch.uk
USER3_PW=otter-bridge-58

expect_status "init" 0 "$ONROLL" init
for acct in "$OFFICER $OFFICER_PW" "$VICTIM $VICTIM_PW" "$USER3 $USER3_PW"; do
    set -- $acct
    printf '%s\n' "$2" | "$ONROLL" user add "$1" --name "Test" --role la_officer --password-stdin \
        >"$WORK/out" 2>&1 || fail "user add $1" "$(cat "$WORK/out")"
done

# ---- passwords (libpwquality, its dictionary check on, at least 12 characters) ----
expect_pw_refused() { # NAME PASSWORD REASON
    printf '%s\n' "$2" | "$ONROLL" user add "new$(date +%N)@la.example.gov.uk" --name New \
        --role la_officer --password-stdin >"$WORK/out" 2>&1
    rc=$?
    if [ $rc -eq 1 ] && grep -qF -- "$3" "$WORK/out"; then pass "$1"; else fail "$1 (exit $rc)" "$(cat "$WORK/out")"; fi
}
expect_pw_refused "aaaaaaaaaa is refused, with the reason" aaaaaaaaaa "The password is shorter than 12 characters"
expect_pw_refused "aaaaaaaaaaaa (12) is refused, with the reason" aaaaaaaaaaaa "The password is a palindrome"
expect_pw_refused "password1234 is refused, with the reason" password1234 "The password contains forbidden words in some form"
expect_pw_refused "a dictionary word (administrator1) is refused, with the reason" administrator1 \
    "The password fails the dictionary check - it is based on a dictionary word"
expect_pw_refused "a sequence (abcdefghijkl) is refused" abcdefghijkl "it is too simplistic/systematic"
printf 'jo.bloggs-2026\n' | "$ONROLL" user add jo.bloggs@la.example.gov.uk --name Jo --role analyst \
    --password-stdin >"$WORK/out" 2>&1
expect_in "... the user name check" "contains the user name" "$WORK/out"
printf 'password1234\n' | "$ONROLL" user reset "$USER3" --password-stdin >"$WORK/out" 2>&1
expect_eq "user reset refuses password1234 (exit 1)" 1 $?
expect_in "... with libpwquality's reason" "forbidden words" "$WORK/out"
"$ONROLL" user add gen@la.example.gov.uk --name Gen --role analyst >"$WORK/out" 2>&1
expect_eq "a generated password is accepted" 0 $?
expect_in "... and printed once" "password: " "$WORK/out"

# ---- the throttle ----
# Server A: 5 attempts per account and 20 per address before any wait, a first wait of 30 s
# (longer than the test takes, so that what is allowed does not depend on the machine's speed),
# throttled attempts gathered in the audit log every 3 s.
port=$(free_port)
env ONROLL_LOGIN_WAIT_FIRST=30 ONROLL_LOGIN_AUDIT_PERIOD=3 \
    "$ONROLL" serve --listen "127.0.0.1:$port" --static "$STATIC" >>"$WORK/serve.log" 2>&1 &
PIDS="$PIDS $!"
B=http://127.0.0.1:$port
i=0
while [ $i -lt 100 ] && ! curl -s -o /dev/null "$B/healthz"; do
    sleep 0.1
    i=$((i + 1))
done

# form FROM JAR : the sign-in form fetched from address FROM; its token in $tok
form() {
    rm -f "$2"
    curl -s --interface "$1" -c "$2" -o "$WORK/form.html" "$B/sign-in"
    tok=$(csrf_of "$WORK/form.html")
}
# attempt FROM JAR EMAIL PASSWORD : one sign-in post from address FROM (the form fetched
# first); prints the status; the page in $WORK/attempt.html, headers in $WORK/attempt.h
attempt() {
    form "$1" "$2"
    curl -s --interface "$1" -b "$2" -c "$2" -o "$WORK/attempt.html" -D "$WORK/attempt.h" \
        -w '%{http_code}' --data-urlencode "csrf_token=$tok" --data-urlencode "email=$3" \
        --data-urlencode "password=$4" "$B/sign-in"
}
checks_for() { # password checks that failed for an account (one audit row each)
    sql "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.failed' AND actor = '$1'"
}

# 20 wrong passwords at once for one account, from one address
form 127.0.0.2 "$WORK/race.jar"
seq 1 20 | xargs -P 20 -I @@ curl -s --interface 127.0.0.2 -b "$WORK/race.jar" -o /dev/null \
    -w '%{http_code}\n' --data-urlencode "csrf_token=$tok" --data-urlencode "email=$VICTIM" \
    --data-urlencode "password=wrong-guess-@@" "$B/sign-in" >"$WORK/race"
expect_eq "20 wrong passwords at once: exactly 5 password checks (the allowed number)" 5 "$(checks_for "$VICTIM")"
expect_eq "... 5 answered 'not right' (401)" 5 "$(grep -c '^401$' "$WORK/race")"
expect_eq "... the other 15 told to wait (429)" 15 "$(grep -c '^429$' "$WORK/race")"

# too early, even with the right password: told to wait, nothing checked
code=$(attempt 127.0.0.3 "$WORK/v.jar" "$VICTIM" "$VICTIM_PW")
expect_eq "the right password before the wait is over: 429, not signed in" 429 "$code"
# 30 seconds, less the time the race above took on a busy machine
w=$(sed -n 's/^Retry-After: *\([0-9]*\).*/\1/p' "$WORK/attempt.h" | tr -d '\r')
if [ -n "$w" ] && [ "$w" -ge 25 ] && [ "$w" -le 30 ]; then
    pass "... Retry-After says how long to wait ($w s of 30)"
else
    fail "... Retry-After says how long to wait (wanted 25 to 30, got '$w')"
fi
expect_in "... the page says the same" "Wait ${w:-30} seconds" "$WORK/attempt.html"
expect_not_in "... no session cookie" "onroll_session=" "$WORK/attempt.h"
expect_eq "... and no password was checked" 5 "$(checks_for "$VICTIM")"

# a successful sign-in clears the account's counter
for n in 1 2 3; do attempt 127.0.0.5 "$WORK/o.jar" "$OFFICER" "wrong-guess-$n" >/dev/null; done
expect_eq "the officer signs in after 3 wrong passwords" 303 "$(attempt 127.0.0.5 "$WORK/o.jar" "$OFFICER" "$OFFICER_PW")"
for n in 4 5 6 7; do attempt 127.0.0.5 "$WORK/o.jar" "$OFFICER" "wrong-guess-$n" >/dev/null; done
expect_eq "... which forgot them: 4 more wrong ones are still checked (401, not 429)" 401 \
    "$(attempt 127.0.0.5 "$WORK/o.jar" "$OFFICER" "wrong-guess-8")"
expect_eq "... 5 checks since the sign-in, the next is told to wait" 429 \
    "$(attempt 127.0.0.5 "$WORK/o.jar" "$OFFICER" "wrong-guess-9")"

# hundreds of throttled attempts from one address, for accounts that do not exist
start=$(date +%s)
form 127.0.0.4 "$WORK/spray.jar"
seq 1 300 | xargs -P 4 -I @@ curl -s --interface 127.0.0.4 -b "$WORK/spray.jar" -o /dev/null \
    -w '%{http_code}\n' --data-urlencode "csrf_token=$tok" --data-urlencode "email=nobody-@@@spray.example" \
    --data-urlencode "password=wrong-guess-@@" "$B/sign-in" >"$WORK/spray"
took=$(($(date +%s) - start + 1))
refused=$(grep -c '^429$' "$WORK/spray")
expect_eq "300 posts from one address: 20 checked, 280 told to wait" "20 280" "$(grep -c '^401$' "$WORK/spray") $refused"
sleep 4 # the last period ends; the next sign-in attempt writes it
attempt 127.0.0.6 "$WORK/x.jar" "$USER3" "$USER3_PW" >/dev/null
rows=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.throttled' AND remote = '127.0.0.4'")
most=$((took / 3 + 2))
if [ "$rows" -ge 1 ] && [ "$rows" -le "$most" ]; then
    pass "... a handful of audit rows ($rows over ${took} s, one per 3 s period)"
else
    fail "... a handful of audit rows (got $rows over ${took} s, wanted 1 to $most)"
fi
sum=$(sql "SELECT detail FROM audit_log WHERE action = 'sign_in.throttled' AND remote = '127.0.0.4'" |
    sed -n 's/^\([0-9][0-9]*\) attempts\{0,1\} refused.*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
expect_eq "... whose counts add up to the attempts refused" "$refused" "$sum"

# ---- the real user is never locked out ----
# Server B: the default first wait (1 s, doubling), at most 4 s (so the test is short).
port=$(free_port)
env ONROLL_LOGIN_WAIT_MAX=4 ONROLL_LOGIN_AUDIT_PERIOD=60 \
    "$ONROLL" serve --listen "127.0.0.1:$port" --static "$STATIC" >>"$WORK/serve.log" 2>&1 &
PIDS="$PIDS $!"
B=http://127.0.0.1:$port
i=0
while [ $i -lt 100 ] && ! curl -s -o /dev/null "$B/healthz"; do
    sleep 0.1
    i=$((i + 1))
done
sql "DELETE FROM login_throttle" >/dev/null 2>&1 # what server A counted
checks_from_attacker() {
    sql "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.failed' AND actor = '$VICTIM' AND remote = '127.0.0.2'"
}
before=$(checks_from_attacker)
# wait_then_sign_in FROM JAR : try; if told to wait N seconds (at most 10), wait, try again;
# prints the statuses
wait_then_sign_in() {
    tries=""
    n=0
    while [ $n -lt 6 ]; do
        code=$(attempt "$1" "$2" "$VICTIM" "$VICTIM_PW")
        tries="$tries $code"
        [ "$code" = 429 ] || break
        w=$(sed -n 's/^Retry-After: *\([0-9]*\).*/\1/p' "$WORK/attempt.h" | tr -d '\r')
        if [ -z "$w" ] || [ "$w" -gt 10 ]; then
            tries="$tries (told to wait ${w:-?} s)"
            break
        fi
        sleep "$w"
        n=$((n + 1))
    done
    echo "$tries"
}
for n in $(seq 1 20); do
    attempt 127.0.0.2 "$WORK/a.jar" "$VICTIM" "wrong-guess-$n" >/dev/null
done
got=$(wait_then_sign_in 127.0.0.3 "$WORK/v.jar")
case "$got" in
*303) pass "after 20 wrong passwords from an attacker, the real user who waits signs in ($got)" ;;
*) fail "after 20 wrong passwords from an attacker, the real user who waits signs in ($got)" ;;
esac
# an attacker that goes on and on (a loop from 127.0.0.2) while the real user signs in
form 127.0.0.2 "$WORK/a.jar"
(
    end=$(($(date +%s) + 25))
    while [ "$(date +%s)" -lt "$end" ] && [ ! -f "$WORK/stop" ]; do
        curl -s --interface 127.0.0.2 -b "$WORK/a.jar" -o /dev/null --data-urlencode "csrf_token=$tok" \
            --data-urlencode "email=$VICTIM" --data-urlencode "password=wrong-guess-loop" "$B/sign-in"
    done
) &
ATTACK=$!
sleep 3
got=$(wait_then_sign_in 127.0.0.3 "$WORK/v2.jar")
touch "$WORK/stop"
wait $ATTACK
case "$got" in
*303) pass "while an attacker keeps trying, the real user who waits signs in ($got)" ;;
*) fail "while an attacker keeps trying, the real user who waits signs in ($got)" ;;
esac
attempts=$(($(checks_from_attacker) - before))
if [ "$attempts" -le 10 ]; then
    pass "... the attacker's password checks stay few ($attempts in about 30 s)"
else
    fail "... the attacker's password checks stay few ($attempts in about 30 s)"
fi

finish
