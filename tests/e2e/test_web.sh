#!/bin/sh
# test_web.sh - the web application and the MIS API end to end: a real `onroll serve` on
# 127.0.0.1 (a free port) over a small LA (tests/e2e/data) with accounts made by `onroll user`,
# driven with curl. Signing in and out, the cookie's flags, CSRF refusals, session time-outs
# (shortened through the environment), sign-in throttling, hostile input shown escaped,
# role and scope refusals (403, and 404 for a pupil outside the user's scope), the audit log,
# the assets, and the API (bearer tokens, the importer's errors by line and column, another
# school's rows refused, idempotent re-posts, duties).
#
# The LA (tests/e2e/data): schools 100001 Riverside Primary, 100002 Hillside Academy, 100003;
# W999250000001 Amara on roll at 100001; K999250000002 Jayden at 100002 then 100003, with
# social worker sam.social@children.example.gov.uk.
. tests/e2e/lib.sh
for tool in curl python3 sqlite3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: $tool is not installed"
        finish
        exit 0
    fi
done
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$WORK" 2>/dev/null || { sleep 1; rm -rf "$WORK"; }' EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Assets: the build's, else built here.
STATIC=$(dirname "$ONROLL")/static
if [ ! -f "$STATIC/govuk-frontend.min.css" ]; then
    STATIC=$WORK/static
    sh tools/build_assets.sh "$STATIC" >/dev/null 2>&1 || true
fi

# start_server VAR [ENV=VALUE...] : serve on a free port; VAR gets the base URL
start_server() {
    var=$1
    shift
    port=$(free_port)
    env "$@" "$ONROLL" serve --listen "127.0.0.1:$port" --static "$STATIC" >>"$WORK/serve.log" 2>&1 &
    PIDS="$PIDS $!"
    i=0
    while [ $i -lt 100 ]; do
        curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
        sleep 0.1
        i=$((i + 1))
    done
    eval "$var=http://127.0.0.1:$port"
}

# The CSRF token of a page (the first form's hidden field).
csrf_of() {
    sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$1" | head -n 1
}

# sign_in BASE JAR EMAIL PASSWORD : sign in with a fresh cookie jar; prints the HTTP status
sign_in() {
    rm -f "$2"
    curl -s -c "$2" -o "$WORK/signin.html" "$1/sign-in"
    tok=$(csrf_of "$WORK/signin.html")
    curl -s -b "$2" -c "$2" -o "$WORK/signin-post.html" -D "$WORK/signin-headers" -w '%{http_code}' \
        --data-urlencode "csrf_token=$tok" --data-urlencode "email=$3" \
        --data-urlencode "password=$4" "$1/sign-in"
}

# get BASE JAR PATH : GET, body to $WORK/body, headers to $WORK/headers; prints the status
get() {
    curl -s -b "$2" -c "$2" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$1$3"
}

# api METHOD BASE PATH TOKEN [JSON] : prints the status; body in $WORK/api
api() {
    if [ $# -ge 5 ]; then
        curl -s -X "$1" -o "$WORK/api" -w '%{http_code}' -H "Authorization: Bearer $4" \
            -H 'Content-Type: application/json' --data-binary "$5" "$2$3"
    else
        curl -s -X "$1" -o "$WORK/api" -w '%{http_code}' -H "Authorization: Bearer $4" "$2$3"
    fi
}

# Escaping on by default (Fossil's build-time check): pages write HTML only through html.h and
# govuk.h, never straight into the buffer, except for literal text.
grep -n 'or_sb_add[cf]\?(\|or_sb_adds([^,]*, [^"]' src/web/page_*.c >"$WORK/unescaped"
if [ -s "$WORK/unescaped" ]; then
    fail "pages write only through the escaping helpers" "$(cat "$WORK/unescaped")"
else
    pass "pages write only through the escaping helpers"
fi

expect_status "init" 0 "$ONROLL" init
if ! "$ONROLL" user list >/dev/null 2>&1; then
    fail "onroll user is a command (src/cli/main.c: {\"user\", cmd_user, ...}; cli.h: cmd_user)"
    finish
    exit 1
fi
expect_status "import the LA" 0 "$ONROLL" import "$DATA"/schools.csv "$DATA"/calendar.csv \
    "$DATA"/pupils.csv "$DATA"/enrolments.csv "$DATA"/caseload.csv "$DATA"/events.csv

# ---- accounts (onroll user) ----
ADMIN=admin@la.example.gov.uk
echo 'ada-lovelace-1815' | "$ONROLL" user add "$ADMIN" --name 'Ada <script>alert("name")</script>' \
    --role la_admin --password-stdin >"$WORK/out" 2>&1
expect_eq "user add (password on stdin)" 0 $?
expect_status "user add: a school account needs a URN" 1 "$ONROLL" user add head@x.uk --name H \
    --role school
expect_status "user add: the school must exist" 1 "$ONROLL" user add head@x.uk --name H \
    --role school --scope 999999
expect_status "user add: no such role" 2 "$ONROLL" user add head@x.uk --name H --role root
expect_status "user add: school 100001" 0 "$ONROLL" user add Head@Riverside.example.uk \
    --name 'Head of Riverside' --role school --scope 100001
expect_in "user add prints a generated password" "password: " "$WORK/out"
HEAD_PW=$(sed -n 's/^password: //p' "$WORK/out")
expect_status "user add: the same email again" 1 "$ONROLL" user add head@riverside.example.uk \
    --name H --role school --scope 100001
printf 'social-kestrel-1\n' | "$ONROLL" user add sam.social@children.example.gov.uk --name Sam \
    --role social_worker --password-stdin >/dev/null 2>&1
printf 'figures-kestrel-1\n' | "$ONROLL" user add analyst@la.example.gov.uk --name Ana \
    --role analyst --password-stdin >/dev/null 2>&1
printf 'heron-valley-73\n' | "$ONROLL" user add victim@la.example.gov.uk --name Vic \
    --role la_officer --password-stdin >/dev/null 2>&1
printf 'short\n' | "$ONROLL" user add weak@la.example.gov.uk --name W --role analyst \
    --password-stdin >"$WORK/out" 2>"$WORK/err"
expect_eq "user add: a short password is refused" 1 $?
expect_status "user list" 0 "$ONROLL" user list
expect_in "user list shows the school account, in lower case" "head@riverside.example.uk" "$WORK/out"
expect_in "user list shows its scope" "100001" "$WORK/out"
expect_not_in "user list shows no password hash" "argon2" "$WORK/out"

# (the sign-in back-off's first wait made long, so that what is refused does not depend on the
# machine's speed; throttled attempts written to the audit log every second)
start_server B ONROLL_LOGIN_WAIT_FIRST=60 ONROLL_LOGIN_AUDIT_PERIOD=1
J=$WORK/admin.jar

# ---- public pages, headers, assets ----
expect_eq "healthz" 200 "$(get "$B" "$WORK/none" /healthz)"
expect_eq "home redirects the anonymous to sign in" 303 "$(get "$B" "$WORK/none" /)"
expect_in "... to /sign-in" "Location: /sign-in" "$WORK/headers"
expect_eq "sign-in page" 200 "$(get "$B" "$WORK/none" /sign-in)"
expect_in "CSP on every page" "Content-Security-Policy: default-src 'none'; style-src 'self'" "$WORK/headers"
expect_in "no framing" "X-Frame-Options: DENY" "$WORK/headers"
expect_in "nosniff" "X-Content-Type-Options: nosniff" "$WORK/headers"
expect_in "pages are not cached" "Cache-Control: no-store" "$WORK/headers"
expect_in "sign-in page: labelled email" '<label class="govuk-label" for="email">' "$WORK/body"
expect_in "sign-in page: labelled password" '<label class="govuk-label" for="password">' "$WORK/body"
expect_in "sign-in page: GOV.UK Frontend stylesheet" 'href="/assets/govuk-frontend.min.css?v=' "$WORK/body"
if grep -q '<script>\|<script [^>]*>[^<]' "$WORK/body" || grep -q ' style=' "$WORK/body"; then
    fail "no inline script or style"
else
    pass "no inline script or style"
fi
expect_eq "stylesheet served" 200 "$(get "$B" "$WORK/none" /assets/govuk-frontend.min.css)"
expect_in "... as CSS" "Content-Type: text/css" "$WORK/headers"
expect_in "... cached for a year" "Cache-Control: public, max-age=31536000, immutable" "$WORK/headers"
expect_eq "script served" 200 "$(get "$B" "$WORK/none" /assets/onroll/init.mjs)"
expect_in "... as JavaScript" "Content-Type: text/javascript" "$WORK/headers"
expect_in "... starting GOV.UK Frontend from a file" "initAll()" "$WORK/body"
expect_eq "GOV.UK Frontend's module" 200 "$(get "$B" "$WORK/none" /assets/govuk-frontend.min.js)"
expect_eq "no traversal out of the assets" 404 \
    "$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$B/assets/../../etc/passwd")"
expect_eq "unknown page" 404 "$(get "$B" "$WORK/none" /no/such/page)"
expect_eq "wrong method" 405 "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$B/")"
expect_eq "HEAD" 200 "$(curl -s -o /dev/null -w '%{http_code}' -I "$B/healthz")"

# ---- signing in ----
expect_eq "sign in without the form's token: 403" 403 \
    "$(curl -s -o "$WORK/body" -w '%{http_code}' --data 'email=x%40y.uk&password=zzzzzzzzzz' "$B/sign-in")"
expect_eq "sign in" 303 "$(sign_in "$B" "$J" "$ADMIN" ada-lovelace-1815)"
expect_in "... goes home" "Location: /" "$WORK/signin-headers"
grep -i '^Set-Cookie: onroll_session=' "$WORK/signin-headers" >"$WORK/cookie"
expect_in "session cookie: HttpOnly" "HttpOnly" "$WORK/cookie"
expect_in "session cookie: SameSite=Strict" "SameSite=Strict" "$WORK/cookie"
expect_in "session cookie: Path=/" "Path=/" "$WORK/cookie"
expect_not_in "session cookie: no Secure without TLS" "Secure" "$WORK/cookie"
expect_not_in "session cookie: no Max-Age (ends with the browser)" "Max-Age" "$WORK/cookie"
TOKEN=$(sed -n 's/.*onroll_session=\([^;]*\);.*/\1/p' "$WORK/cookie")
expect_eq "session token: 43 characters of 32 random bytes" 43 "${#TOKEN}"
expect_eq "home" 200 "$(get "$B" "$J" /)"
expect_in "home says who you are" "LA administrator" "$WORK/body"
expect_in "the name is shown escaped" 'Ada &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;' "$WORK/body"
expect_not_in "... never raw" '<script>alert("name")' "$WORK/body"
expect_in "home links to the audit log" 'href="/admin/audit"' "$WORK/body"
expect_in "a sign-out form with its token" 'action="/sign-out"' "$WORK/body"
ADMIN_CSRF=$(csrf_of "$WORK/body")
expect_eq "sign-in page when signed in goes home" 303 "$(get "$B" "$J" /sign-in)"
expect_eq "session token is stored hashed, not as given" 0 \
    "$(sql "SELECT COUNT(*) FROM sessions WHERE token_hash = '$TOKEN'")"
expect_eq "password stored as argon2id" 1 \
    "$(sqlite3 "$ONROLL_DB" "SELECT COUNT(*) FROM users WHERE email = '$ADMIN' AND password_hash LIKE '\$argon2id\$%'")"

# ---- CSRF ----
expect_eq "sign out without the token: 403" 403 \
    "$(curl -s -b "$J" -o "$WORK/body" -w '%{http_code}' -X POST "$B/sign-out")"
expect_in "... says why" "security token" "$WORK/body"
expect_eq "sign out with another token: 403" 403 \
    "$(curl -s -b "$J" -o /dev/null -w '%{http_code}' --data "csrf_token=$TOKEN" "$B/sign-out")"
expect_eq "... still signed in" 200 "$(get "$B" "$J" /)"

# ---- hostile input ----
expect_eq "sign in with script tags as the email: 400" 400 \
    "$(sign_in "$B" "$WORK/h.jar" '<script>alert(1)</script>' whatever-password)"
expect_in "... the error summary" "govuk-error-summary" "$WORK/signin-post.html"
expect_in "... the value shown escaped" 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' "$WORK/signin-post.html"
expect_not_in "... never raw" "<script>alert(1)" "$WORK/signin-post.html"
long=$(python3 -c 'print("a" * 5000 + "@x.uk")')
expect_eq "an overlong field: 400" 400 "$(sign_in "$B" "$WORK/h.jar" "$long" whatever-password)"
expect_in "... says why" "longer than" "$WORK/signin-post.html"
curl -s -c "$WORK/h.jar" -o "$WORK/signin.html" "$B/sign-in"
tok=$(csrf_of "$WORK/signin.html")
expect_eq "broken UTF-8 in a field: 400" 400 "$(curl -s -b "$WORK/h.jar" -o "$WORK/body" \
    -w '%{http_code}' --data "csrf_token=$tok&email=%FF%FE%3Cb%3E&password=x" "$B/sign-in")"
expect_in "... says why" "not valid text" "$WORK/body"
expect_eq "a NUL in a field: 400" 400 "$(curl -s -b "$WORK/h.jar" -o /dev/null -w '%{http_code}' \
    --data "csrf_token=$tok&email=a%00b&password=x" "$B/sign-in")"
expect_eq "broken UTF-8 in the query: 400" 400 "$(get "$B" "$J" '/admin/audit?user=%FF')"
expect_eq "audit log: the hostile sign-in was stored" 200 \
    "$(get "$B" "$J" '/admin/audit?action=sign_in.failed')"
expect_in "... and is shown escaped" "&lt;script&gt;alert(1)&lt;/script&gt;" "$WORK/body"
expect_not_in "... never raw" "<script>alert(1)" "$WORK/body"
expect_eq "audit search echoes its fields escaped" 200 \
    "$(get "$B" "$J" '/admin/audit?user=%22%3E%3Cscript%3Ex')"
expect_in "... escaped" 'value="&quot;&gt;&lt;script&gt;x"' "$WORK/body"

# ---- roles and scope ----
S=$WORK/school.jar
expect_eq "school signs in" 303 "$(sign_in "$B" "$S" head@riverside.example.uk "$HEAD_PW")"
expect_eq "school: its own pupil" 200 "$(get "$B" "$S" /pupils/W999250000001)"
expect_in "... the pupil's name" "Amara Okafor" "$WORK/body"
expect_eq "school: another school's pupil is not found (404)" 404 "$(get "$B" "$S" /pupils/K999250000002)"
expect_not_in "... nothing of the pupil" "Jayden" "$WORK/body"
expect_eq "school: an unknown pupil is 404 too" 404 "$(get "$B" "$S" /pupils/A000000000000)"
expect_eq "school: the audit log is forbidden (403)" 403 "$(get "$B" "$S" /admin/audit)"
expect_eq "school: no status page" 403 "$(get "$B" "$S" /status)"
W=$WORK/sw.jar
expect_eq "social worker signs in" 303 "$(sign_in "$B" "$W" sam.social@children.example.gov.uk social-kestrel-1)"
expect_eq "social worker: a child on the caseload" 200 "$(get "$B" "$W" /pupils/K999250000002)"
expect_eq "social worker: another child (404)" 404 "$(get "$B" "$W" /pupils/W999250000001)"
A=$WORK/analyst.jar
expect_eq "analyst signs in" 303 "$(sign_in "$B" "$A" analyst@la.example.gov.uk figures-kestrel-1)"
expect_eq "analyst: no pupil's record (403)" 403 "$(get "$B" "$A" /pupils/K999250000002)"
expect_eq "analyst: status (aggregates)" 200 "$(get "$B" "$A" /status)"
expect_eq "anonymous: a pupil's record asks to sign in" 303 "$(get "$B" "$WORK/none" /pupils/K999250000002)"
expect_in "... and comes back after" "Location: /sign-in?next=/pupils/K999250000002" "$WORK/headers"
expect_eq "LA admin: any pupil" 200 "$(get "$B" "$J" /pupils/K999250000002)"

expect_eq "audit: reads and refusals" 200 "$(get "$B" "$J" '/admin/audit?upn=K999250000002')"
expect_in "... the social worker's read" "sam.social@children.example.gov.uk" "$WORK/body"
expect_in "... logged as a read" "pupil.read" "$WORK/body"
expect_in "... the school's refusal" "head@riverside.example.uk" "$WORK/body"
expect_in "... logged as denied" "denied" "$WORK/body"
expect_in "... with the address" "127.0.0.1" "$WORK/body"
expect_eq "audit by user" 200 "$(get "$B" "$J" '/admin/audit?user=analyst%40la.example.gov.uk')"
expect_in "... the analyst's refusal" "/pupils/K999250000002" "$WORK/body"
expect_eq "audit by date: today" 200 "$(get "$B" "$J" "/admin/audit?from=$(date -u +%Y-%m-%d)&to=$(date -u +%Y-%m-%d)")"
expect_in "... has today's rows" "pupil.read" "$WORK/body"
expect_eq "audit by date: a day long ago has none" 200 "$(get "$B" "$J" '/admin/audit?from=2001-01-01&to=2001-01-01')"
expect_in "... none" "No entries match" "$WORK/body"
expect_eq "audit: a bad date is an error" 400 "$(get "$B" "$J" '/admin/audit?from=yesterday')"
expect_in "... in the error summary" "govuk-error-summary" "$WORK/body"
audit_rows=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.read'")
expect_eq "audit_log: one row per record read (school, social worker, admin)" 3 "$audit_rows"

# ---- throttling (5 attempts per account, then a wait; test_signin.sh has the rest) ----
for i in 1 2 3 4 5; do
    code=$(sign_in "$B" "$WORK/t.jar" victim@la.example.gov.uk "wrong-password-$i")
    [ "$code" = 401 ] || fail "bad password $i: 401 (got $code)"
done
pass "5 wrong passwords: 401 each"
expect_in "... saying so without saying which" "The email address or password is not right" "$WORK/signin-post.html"
expect_eq "the 6th attempt is refused (429), even with the right password" 429 \
    "$(sign_in "$B" "$WORK/t.jar" victim@la.example.gov.uk heron-valley-73)"
expect_in "... with a clear message" "There have been too many attempts to sign in. Wait" "$WORK/signin-post.html"
expect_in "... and Retry-After" "Retry-After: " "$WORK/signin-headers"
sleep 2 # the audit period of the refused attempt ends
expect_eq "... another account from the same address still signs in" 303 \
    "$(sign_in "$B" "$WORK/o.jar" analyst@la.example.gov.uk figures-kestrel-1)"
expect_eq "... logged" 1 "$(sql \
    "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in.throttled' AND actor = 'victim@la.example.gov.uk'")"

# ---- signing out ----
cp "$J" "$WORK/stolen.jar"
expect_eq "sign out" 303 "$(curl -s -b "$J" -c "$J" -o /dev/null -D "$WORK/headers" -w '%{http_code}' \
    --data "csrf_token=$ADMIN_CSRF" "$B/sign-out")"
expect_in "... to the sign-in page" "Location: /sign-in?signed_out=1" "$WORK/headers"
expect_in "... clearing the cookie" "onroll_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" "$WORK/headers"
expect_eq "an old copy of the cookie no longer works" 303 "$(get "$B" "$WORK/stolen.jar" /)"
expect_eq "signed-out notice" 200 "$(get "$B" "$J" '/sign-in?signed_out=1')"
expect_in "... a success banner" "govuk-notification-banner--success" "$WORK/body"
"$ONROLL" user disable analyst@la.example.gov.uk >/dev/null
expect_eq "a disabled account's session ends" 303 "$(get "$B" "$A" /)"
expect_eq "... and it cannot sign in" 401 "$(sign_in "$B" "$A" analyst@la.example.gov.uk figures-kestrel-1)"
"$ONROLL" user reset head@riverside.example.uk >"$WORK/out"
expect_in "user reset prints a new password" "password: " "$WORK/out"
expect_eq "a reset ends the sessions" 303 "$(get "$B" "$S" /)"
NEW_PW=$(sed -n 's/^password: //p' "$WORK/out")
expect_eq "... and the new password works" 303 "$(sign_in "$B" "$S" head@riverside.example.uk "$NEW_PW")"

# ---- the MIS API ----
"$ONROLL" user token 100002 >"$WORK/token" 2>"$WORK/err"
expect_eq "user token prints a token" 1 "$(grep -c '^onr_' "$WORK/token")"
T2=$(cat "$WORK/token")
expect_eq "the token is stored hashed" 0 "$(sqlite3 "$ONROLL_DB" "SELECT COUNT(*) FROM api_tokens WHERE token_hash = '$T2'")"
expect_status "user token: an unknown school" 1 "$ONROLL" user token 999999
ev='[{"event_id":"API-1","upn":"K999250000002","urn":"100002","type":"suspension","start":"2025-11-17","sessions":"2","reasons":"PA","notes":"<script>alert(1)</script>"}]'
expect_eq "API: no token (401)" 401 "$(api POST "$B" /api/v1/events "" "$ev")"
expect_in "... JSON error" '"errors"' "$WORK/api"
expect_eq "API: a wrong token (401)" 401 "$(api POST "$B" /api/v1/events onr_wrong "$ev")"
expect_eq "API: a session cookie is not a token" 401 \
    "$(curl -s -b "$WORK/o.jar" -o /dev/null -w '%{http_code}' "$B/api/v1/duties")"
expect_eq "API: post an event" 200 "$(api POST "$B" /api/v1/events "$T2" "$ev")"
expect_in "... inserted" '"inserted":1' "$WORK/api"
expect_eq "API: the same again is idempotent" 200 "$(api POST "$B" /api/v1/events "$T2" "$ev")"
expect_in "... unchanged" '"unchanged":1' "$WORK/api"
expect_in "... nothing new" '"inserted":0' "$WORK/api"
expect_eq "... stored once, with the API as its source" "1 api" "$(sqlite3 "$ONROLL_DB" \
    "SELECT COUNT(*), MAX(s.kind) FROM events e JOIN sources s ON s.id = e.src_id WHERE event_id = 'API-1'" | tr '|' ' ')"
changed='[{"event_id":"API-1","upn":"K999250000002","urn":"100002","type":"suspension","start":"2025-11-17","sessions":"4","reasons":"PA"}]'
expect_eq "API: the same event_id with other facts is refused" 400 "$(api POST "$B" /api/v1/events "$T2" "$changed")"
bad='[{"event_id":"API-2","upn":"K999250000002","urn":"100002","type":"suspension","start":"2025-11-18","sessions":"2","reasons":"PA"},
      {"event_id":"API-3","upn":"K999250000002","urn":"100002","type":"suspension","start":"2025-11-19","sessions":"lots","reasons":"PA"},
      {"event_id":"API-4","upn":"K999250000002","urn":"100002","type":"suspension","start":"2025-11-20","sessions":"2","reasons":"PA","colour":"red"}]'
expect_eq "API: bad rows (400)" 400 "$(api POST "$B" /api/v1/events "$T2" "$bad")"
expect_in "... line 2, column sessions" '{"line":2,"column":"sessions","message":"' "$WORK/api"
expect_in "... line 3, an unknown column" '{"line":3,"column":"colour"' "$WORK/api"
expect_eq "... and nothing of the batch was written" 0 \
    "$(sqlite3 "$ONROLL_DB" "SELECT COUNT(*) FROM events WHERE event_id = 'API-2'")"
other='[{"event_id":"API-5","upn":"W999250000001","urn":"100001","type":"suspension","start":"2025-11-18","sessions":"2","reasons":"PA"}]'
expect_eq "API: another school's row (403)" 403 "$(api POST "$B" /api/v1/events "$T2" "$other")"
expect_in "... names the line and column" '{"line":1,"column":"urn"' "$WORK/api"
expect_eq "... nothing written" 0 "$(sqlite3 "$ONROLL_DB" "SELECT COUNT(*) FROM events WHERE event_id = 'API-5'")"
expect_eq "API: not JSON (400)" 400 "$(api POST "$B" /api/v1/events "$T2" '[{"event_id":')"
expect_in "... says so" "not valid JSON" "$WORK/api"
expect_eq "API: not an array (400)" 400 "$(api POST "$B" /api/v1/events "$T2" '{"event_id":"x"}')"
expect_eq "API: a number instead of a string (400)" 400 \
    "$(api POST "$B" /api/v1/events "$T2" '[{"event_id":"API-6","upn":"K999250000002","urn":100002,"type":"suspension","start":"2025-11-18","sessions":"2","reasons":"PA"}]')"
expect_in "... names the column" '"column":"urn"' "$WORK/api"
expect_eq "API: not JSON's content type (415)" 415 "$(curl -s -o /dev/null -w '%{http_code}' \
    -H "Authorization: Bearer $T2" --data "$ev" "$B/api/v1/events")"
pupil='[{"upn":"K999250000002","forename":"Jayden","surname":"Campbell","dob":"2011-11-02","sex":"M","ethnicity":"BCRB","fsm":"1","sen":"E","as_of":"2025-11-01"}]'
amara='[{"upn":"W999250000001","forename":"Amara","surname":"Okafor","dob":"2016-03-14","sex":"F","ethnicity":"BAFR","fsm":"1","sen":"K","as_of":"2025-11-01"}]'
"$ONROLL" user token 100003 >"$WORK/token3" 2>/dev/null
T3=$(cat "$WORK/token3")
expect_eq "API: a pupil of another school (403)" 403 "$(api POST "$B" /api/v1/pupils "$T3" "$amara")"
expect_in "... names the line and column" '{"line":1,"column":"upn"' "$WORK/api"
expect_eq "API: a pupil on the school's roll" 200 "$(api POST "$B" /api/v1/pupils "$T3" "$pupil")"
expect_in "... a new snapshot" '"inserted":1' "$WORK/api"
expect_eq "API: duties" 200 "$(api GET "$B" '/api/v1/duties?as_of=2025-11-28' "$T2")"
expect_in "... of the school" '"urn":100002' "$WORK/api"
expect_in "... including the new event's" '"event_id": "API-1"' "$WORK/api"
expect_not_in "... and no other school's" '"urn": 100001' "$WORK/api"
"$ONROLL" duties --as-of 2025-11-28 --school 100002 --format json >"$WORK/cli-duties.json"
python3 -c "
import json, sys
a = json.load(open('$WORK/api'))['duties']
b = json.load(open('$WORK/cli-duties.json'))
sys.exit(0 if a == b and len(a) > 0 else 1)" && pass "... the same as onroll duties --school" || fail "... the same as onroll duties --school"
expect_eq "API: a bad as_of (400)" 400 "$(api GET "$B" '/api/v1/duties?as_of=soon' "$T2")"
expect_eq "audit_log: api posts and refusals" "api.post denied" "$(sql \
    "SELECT DISTINCT action FROM audit_log WHERE actor = 'api:100002' AND action IN ('api.post', 'denied') ORDER BY action" | tr '\n' ' ' | sed 's/ $//')"
"$ONROLL" user token 100002 --revoke >/dev/null 2>&1
expect_eq "a revoked token (401)" 401 "$(api GET "$B" /api/v1/duties "$T2")"

# ---- session time-outs (a second server with short ones) and the address's limit ----
# (a database of its own: the failures above would count against the address)
DB2=$WORK/short.db
"$ONROLL" --db "$DB2" init >/dev/null 2>&1
printf 'timeout-kestrel-1\n' | "$ONROLL" --db "$DB2" user add t@la.example.gov.uk --name T \
    --role la_officer --password-stdin >/dev/null 2>&1
# (wide margins: signing in hashes a password with argon2id, which is slow on a busy machine)
start_server B2 ONROLL_DB="$DB2" ONROLL_SESSION_IDLE=6 ONROLL_SESSION_MAX=16 ONROLL_LOGIN_MAX_ADDRESS=3 \
    ONROLL_LOGIN_WAIT_FIRST=60
X=$WORK/x.jar
expect_eq "short sessions: sign in" 303 "$(sign_in "$B2" "$X" t@la.example.gov.uk timeout-kestrel-1)"
expect_eq "... in use" 200 "$(get "$B2" "$X" /)"
sleep 8
expect_eq "idle too long: back to sign in" 303 "$(get "$B2" "$X" /)"
expect_in "... saying why" "Location: /sign-in?expired=idle" "$WORK/headers"
expect_eq "... the notice" 200 "$(get "$B2" "$X" '/sign-in?expired=idle')"
expect_in "... in a banner" "You were signed out because you had not used onroll" "$WORK/body"
expect_eq "sign in again" 303 "$(sign_in "$B2" "$X" t@la.example.gov.uk timeout-kestrel-1)"
sleep 4
expect_eq "... busy at 4 s" 200 "$(get "$B2" "$X" /)"
sleep 4
expect_eq "... busy at 8 s" 200 "$(get "$B2" "$X" /)"
sleep 4
expect_eq "... busy at 12 s" 200 "$(get "$B2" "$X" /)"
sleep 5
expect_eq "signed in too long (absolute time-out): back to sign in" 303 "$(get "$B2" "$X" /)"
expect_in "... saying why" "Location: /sign-in?expired=max" "$WORK/headers"
for who in a b c; do
    sign_in "$B2" "$WORK/ip.jar" "$who@nowhere.example" wrong-password-x >/dev/null
done
expect_eq "3 failures from one address (3 before a wait): the next account waits too" 429 \
    "$(sign_in "$B2" "$WORK/ip.jar" t@la.example.gov.uk timeout-kestrel-1)"

# ---- TLS: Secure cookies and HSTS ----
if command -v openssl >/dev/null 2>&1; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" \
        -days 1 -subj /CN=127.0.0.1 >/dev/null 2>&1
    port=$(free_port)
    "$ONROLL" serve --listen "127.0.0.1:$port" --static "$STATIC" --tls-cert "$WORK/cert.pem" \
        --tls-key "$WORK/key.pem" >>"$WORK/serve.log" 2>&1 &
    PIDS="$PIDS $!"
    i=0
    while [ $i -lt 100 ] && ! curl -sk -o /dev/null "https://127.0.0.1:$port/healthz"; do
        sleep 0.1
        i=$((i + 1))
    done
    curl -sk -D "$WORK/headers" -o /dev/null "https://127.0.0.1:$port/sign-in"
    expect_in "TLS: the sign-in form's cookie is Secure" "; Secure" "$WORK/headers"
    expect_in "TLS: HSTS" "Strict-Transport-Security: max-age=31536000" "$WORK/headers"
fi

finish
