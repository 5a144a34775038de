#!/bin/sh
# test_totp.sh - the optional second factor end to end: `onroll user totp` enrols an account
# (an otpauth:// URI and the secret, once); signing in then asks for the 6-digit code on a
# second page (CSRF-protected), computed here from the secret as an authenticator app does
# (RFC 6238 in Python's standard library); a wrong code, a used code and a code too far off
# are refused; five wrong codes end the attempt; with `serve --require-totp`, an LA-wide account
# (LA officer, analyst) without a second factor cannot sign in and is told to ask the
# administrator, while a partner account is not asked.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh

OFFICER=officer@la.example.gov.uk
OFFICER_PW=kestrel-river-41
ANALYST=analyst@la.example.gov.uk
ANALYST_PW=heron-valley-73
PARTNER=reu@reu.example.gov.uk
PARTNER_PW=otter-bridge-58

expect_status "init" 0 "$ONROLL" init
printf '%s\n' "$OFFICER_PW" | "$ONROLL" user add "$OFFICER" --name Officer --role la_officer \
    --password-stdin >/dev/null 2>&1
printf '%s\n' "$ANALYST_PW" | "$ONROLL" user add "$ANALYST" --name Analyst --role analyst \
    --password-stdin >/dev/null 2>&1
printf '%s\n' "$PARTNER_PW" | "$ONROLL" user add "$PARTNER" --name REU --role partner \
    --scope reu --password-stdin >/dev/null 2>&1

"$ONROLL" user totp "$OFFICER" >"$WORK/totp.out" 2>"$WORK/totp.err"
expect_eq "user totp: enrols (exit 0)" 0 $?
expect_in "... prints the otpauth:// URI" "otpauth://totp/onroll:$OFFICER?secret=" "$WORK/totp.out"
expect_in "... with the issuer, SHA-1, 6 digits, 30 s" "&issuer=onroll&algorithm=SHA1&digits=6&period=30" "$WORK/totp.out"
expect_in "... says it is shown only once" "it is shown only now" "$WORK/totp.err"
SECRET=$(sed -n 's/^secret: //p' "$WORK/totp.out")
expect_eq "... the secret: 32 base32 characters" 32 "$(printf '%s' "$SECRET" | tr -cd 'A-Z2-7' | wc -c | tr -d ' ')"
expect_eq "... the same secret in the URI" 1 "$(grep -c "secret=$SECRET&" "$WORK/totp.out")"
"$ONROLL" user list >"$WORK/list"
expect_in "user list shows who has a second factor" "Officer (second factor)" "$WORK/list"
expect_status "user totp: no such account (exit 1)" 1 "$ONROLL" user totp nobody@la.example.gov.uk

# code OFFSET|fresh : the code of $SECRET at now + OFFSET seconds; or, with "fresh", one the
# server takes that is of a later time step than the last fresh one of this secret (now's or
# the next: the server accepts one step either side), waiting for a new step when both were used
cat >"$WORK/totp.py" <<'EOF'
import base64, hashlib, hmac, os, struct, sys, time
secret, arg, state = sys.argv[1], sys.argv[2], sys.argv[3] + "." + sys.argv[1]
def code(step):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)
if arg != "fresh":
    print(code(int(time.time() + int(arg)) // 30))
    sys.exit(0)
last = int(open(state).read()) if os.path.exists(state) else 0
now = int(time.time()) // 30
if last > now:  # now's and the next step's codes were both used: wait for a new step
    time.sleep((now + 1) * 30 - time.time() + 0.5)
    now = int(time.time()) // 30
step = max(now, last + 1)
open(state, "w").write(str(step))
print(code(step))
EOF
code() {
    python3 "$WORK/totp.py" "$SECRET" "$1" "$WORK/last-step"
}

# (wrong codes count against the account as wrong passwords do: a limit out of the way here,
# test_signin.sh tests the back-off)
export ONROLL_LOGIN_MAX_ACCOUNT=50
start_server
# password JAR EMAIL PASSWORD : the password step; prints the status, the page in $WORK/pw.html
password() {
    rm -f "$1"
    curl -s -c "$1" -o "$WORK/form.html" "$B/sign-in"
    tok=$(csrf_of "$WORK/form.html")
    curl -s -b "$1" -c "$1" -o "$WORK/pw.html" -D "$WORK/pw.h" -w '%{http_code}' \
        --data-urlencode "csrf_token=$tok" --data-urlencode "email=$2" \
        --data-urlencode "password=$3" "$B/sign-in"
}
# send_code JAR CODE : the code step from the code page's form; prints the status
send_code() {
    ctok=$(csrf_of "$WORK/pw.html")
    curl -s -b "$1" -c "$1" -o "$WORK/code.html" -D "$WORK/code.h" -w '%{http_code}' \
        --data-urlencode "csrf_token=$ctok" --data-urlencode "code=$2" "$B/sign-in/code"
}

J=$WORK/officer.jar
expect_eq "the right password of an enrolled account: the code page (200)" 200 "$(password "$J" "$OFFICER" "$OFFICER_PW")"
expect_in "... asks for the security code" "Enter the security code" "$WORK/pw.html"
expect_in "... a numeric one-time-code field" 'autocomplete="one-time-code"' "$WORK/pw.html"
expect_in "... posted to /sign-in/code" 'action="/sign-in/code"' "$WORK/pw.html"
expect_not_in "... no session yet" "onroll_session=" "$WORK/pw.h"
expect_eq "... not signed in: home sends to sign in" 303 "$(get "$J" /)"
expect_in "... (the sign-in page)" "Location: /sign-in" "$WORK/headers"
expect_eq "GET /sign-in/code shows the form again" 200 "$(get "$J" /sign-in/code)"
expect_in "... the same page" "Enter the security code" "$WORK/body"

# the code form is CSRF-protected
status=$(curl -s -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "code=000000" "$B/sign-in/code")
expect_eq "a code without the form's token: 403" 403 "$status"
status=$(curl -s -b "$J" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$(csrf_of "$WORK/form.html")" \
    --data-urlencode "code=000000" "$B/sign-in/code")
expect_eq "... nor with the password form's old token: 403" 403 "$status"

right=$(code fresh)
wrong=$(python3 -c "print('%06d' % ((int('$right') + 1) % 1000000))")
expect_eq "a wrong code: 401" 401 "$(send_code "$J" "$wrong")"
expect_in "... says so" "The security code is not right" "$WORK/code.html"
expect_eq "a code two steps ahead: 401" 401 "$(send_code "$J" "$(code 90)")"
expect_eq "letters instead of digits: 401" 401 "$(send_code "$J" abcdef)"
expect_eq "the right code: signed in (303)" 303 "$(send_code "$J" "$right")"
expect_in "... a session" "onroll_session=" "$WORK/code.h"
expect_eq "... home page" 200 "$(get "$J" /)"
expect_eq "audit: signed in with the second factor" 1 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND actor = '$OFFICER' AND detail = 'with the second factor'")"
expect_eq "audit: the wrong codes" 3 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.code_failed' AND actor = '$OFFICER'")"

# a code is good once
J2=$WORK/officer2.jar
password "$J2" "$OFFICER" "$OFFICER_PW" >/dev/null
expect_eq "the same code again (another sign-in): refused (401)" 401 "$(send_code "$J2" "$right")"
expect_in "... as used already" "That code has been used already" "$WORK/code.html"
expect_eq "a later code: signed in" 303 "$(send_code "$J2" "$(code fresh)")"

# five wrong codes end the attempt
J3=$WORK/officer3.jar
password "$J3" "$OFFICER" "$OFFICER_PW" >/dev/null
for n in 1 2 3 4; do send_code "$J3" 000000 >/dev/null; done
expect_eq "the fifth wrong code: start again (401)" 401 "$(send_code "$J3" 000000)"
expect_eq "... each wrong code counted against the account, as a wrong password is (1 + 5)" 6 \
    "$(sql "SELECT attempts FROM login_throttle WHERE subject = 'account:$OFFICER'")"
expect_in "... told to sign in again" "You need to sign in again" "$WORK/code.html"
expect_eq "... then even a right code is refused" 401 "$(send_code "$J3" "$(code 60)")"
expect_not_in "... no session" "onroll_session=" "$WORK/code.h"
expect_eq "GET /sign-in/code with nothing waiting: the sign-in form" 200 "$(get "$WORK/none.jar" /sign-in/code)"
expect_in "... (email and password)" "Sign in to onroll" "$WORK/body"

# a wrong password still never reaches the code page
expect_eq "a wrong password of an enrolled account: 401" 401 "$(password "$WORK/w.jar" "$OFFICER" wrong-guess-1)"
expect_not_in "... no code page" "Enter the security code" "$WORK/pw.html"

# not required: the analyst without a second factor signs in as before
expect_eq "without --require-totp, an analyst without a second factor signs in" 303 \
    "$(password "$WORK/a.jar" "$ANALYST" "$ANALYST_PW")"

# ---- required for LA-wide roles ----
start_server --require-totp
expect_eq "--require-totp: an analyst without a second factor is refused (403)" 403 \
    "$(password "$WORK/a2.jar" "$ANALYST" "$ANALYST_PW")"
expect_in "... told to ask the administrator" "Ask your onroll administrator to set one up" "$WORK/pw.html"
expect_not_in "... no session" "onroll_session=" "$WORK/pw.h"
expect_eq "... audited" 1 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.refused' AND actor = '$ANALYST'")"
expect_eq "... a wrong password is still just wrong (401)" 401 \
    "$(password "$WORK/a2.jar" "$ANALYST" wrong-guess-2)"
expect_eq "--require-totp: a partner account (not LA-wide) is not asked" 303 \
    "$(password "$WORK/p.jar" "$PARTNER" "$PARTNER_PW")"
expect_eq "--require-totp: the enrolled officer gets the code page" 200 \
    "$(password "$WORK/o4.jar" "$OFFICER" "$OFFICER_PW")"
expect_eq "... and signs in with the code" 303 "$(send_code "$WORK/o4.jar" "$(code fresh)")"
"$ONROLL" user totp "$ANALYST" >"$WORK/totp2.out" 2>&1
SECRET=$(sed -n 's/^secret: //p' "$WORK/totp2.out")
expect_eq "the analyst, once enrolled, gets the code page" 200 "$(password "$WORK/a3.jar" "$ANALYST" "$ANALYST_PW")"
expect_eq "... and signs in" 303 "$(send_code "$WORK/a3.jar" "$(code fresh)")"
expect_status "user totp --remove" 0 "$ONROLL" user totp "$ANALYST" --remove
expect_eq "... then refused again" 403 "$(password "$WORK/a4.jar" "$ANALYST" "$ANALYST_PW")"

finish
