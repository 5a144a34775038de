#!/bin/sh
# test_security_server.sh - attacks on the web server itself, each against a real `onroll serve`
# over a small demo LA, driven with curl and python3 (issue 12, "The server can be pushed over
# or misused"):
#
#   1. `next` after signing in sends the user off-site (/sign-in?next=/%09/evil.example and
#      friends): it must stay a local path, else "/";
#   2. 1,100 idle connections from one address (127.0.0.1) stop the service: /healthz must
#      still answer another address (127.0.0.2) at once; idle connections are closed after the
#      idle time-out; the total number of connections is bounded;
#   3. request bodies buffered before anyone has signed in: an anonymous 20 MiB POST to /upload
#      (and a body to the API without a token, and to a page the role may not use) is refused
#      when its headers arrive, without the server reading the body;
#   4. uploads held in memory: an upload in progress is in a temporary file (already unlinked),
#      not in the server's memory, and the file is closed when the client drops the connection;
#   5. X-Forwarded-For believed from anyone: only a --trusted-proxy's header names the client.
#
# The loopback network is 127.0.0.0/8 on Linux: curl --interface 127.0.0.2 (or a socket bound
# to it) is "another address".
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ ! -d /proc/self/fd ]; then
    echo "skipped: needs Linux's /proc"
    finish
    exit 0
fi

"$ONROLL" demo --schools 3 --pupils 300 --as-of 2026-11-24 >"$WORK/demo.out" 2>&1
expect_eq "demo LA" 0 $?
UPN=$("$ONROLL" export pupils | sed -n '2s/,.*//p')

# serve ENV... -- ARGS... : `onroll serve` on a free port with extra environment and arguments;
# sets $port, $B and $SPID (its process)
serve() {
    port=$(free_port)
    envs=""
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        envs="$envs $1"
        shift
    done
    [ $# -gt 0 ] && shift
    # shellcheck disable=SC2086
    env $envs "$ONROLL" serve --listen "127.0.0.1:$port" --static "$STATIC" "$@" >>"$WORK/serve.log" 2>&1 &
    SPID=$!
    PIDS="$PIDS $SPID"
    B=http://127.0.0.1:$port
    _i=0
    while [ $_i -lt 100 ] && ! curl -s -o /dev/null "$B/healthz"; do
        sleep 0.1
        _i=$((_i + 1))
    done
}
stop_server() {
    kill "$SPID" 2>/dev/null
    wait "$SPID" 2>/dev/null
}
# status_of PID FIELD : a field of /proc/PID/status in kB (VmRSS, VmHWM)
status_of() {
    awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"
}
# wait_for FILE : up to 60 s
wait_for() {
    _i=0
    while [ $_i -lt 600 ] && [ ! -f "$1" ]; do
        sleep 0.1
        _i=$((_i + 1))
    done
}
# the connections the server has open: its sockets, less the one it listens on
sockets_of() {
    echo $(($(ls -l "/proc/$1/fd" 2>/dev/null | grep -c 'socket:') - 1))
}
# settle WANT CMD... : run CMD until it prints WANT (up to 5 s: the server may be busy), then
# print what it last printed
settle() {
    _want=$1
    shift
    _i=0
    while :; do
        _got=$("$@")
        [ "$_got" = "$_want" ] || [ $_i -ge 50 ] && break
        sleep 0.1
        _i=$((_i + 1))
    done
    echo "$_got"
}
# temp_fds PID : the server's open files in $WORK/tmp
temp_fds() {
    ls -l "/proc/$1/fd" 2>/dev/null | grep -c "$WORK/tmp/"
}
# the session cookie's value in a curl cookie jar
session_of() {
    awk '$6 == "onroll_session" {print $7}' "$1"
}

mkdir -p "$WORK/tmp"
serve TMPDIR="$WORK/tmp" --
# first, while the server's peak memory is still its own (checking a password takes 64 MiB)
python3 -c "import sys; sys.stdout.write('upn,x\n' + 'W999250000001,' + 'x' * (20 << 20) + '\n')" >"$WORK/big.csv"
hwm0=$(status_of "$SPID" VmHWM)
out=$(curl -s -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect:' \
    -F "csrf_token=x" -F "file=@$WORK/big.csv;type=text/csv" "$B/upload")
hwm1=$(status_of "$SPID" VmHWM)
expect_eq "an anonymous 20 MiB upload (no Expect) is sent to the sign-in page" 303 "${out% *}"
grew=$(((hwm1 - hwm0) / 1024))
if [ "$grew" -lt 8 ]; then pass "... and the server did not buffer it (peak memory +$grew MiB)"; else fail "... the server buffered it (peak memory +$grew MiB)"; fi
LA=$WORK/la.jar
SC=$WORK/school.jar
AN=$WORK/analyst.jar
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" la_officer@demo.onroll.example demo-officer-kestrel)"
expect_eq "school signs in" 303 "$(sign_in "$SC" school@demo.onroll.example demo-head-kestrel)"
expect_eq "analyst signs in" 303 "$(sign_in "$AN" analyst@demo.onroll.example demo-figures-kestrel)"

# ---- 1. next stays local ----
# sign_in_next NEXT : sign in as the LA officer through the form with next=NEXT (sent as it
# is, URL-encoded by curl); prints the Location the server answers with
sign_in_next() {
    rm -f "$WORK/n.jar"
    curl -s -c "$WORK/n.jar" -o "$WORK/n.html" "$B/sign-in"
    curl -s -b "$WORK/n.jar" -o /dev/null -D "$WORK/n.headers" \
        --data-urlencode "csrf_token=$(csrf_of "$WORK/n.html")" \
        --data-urlencode "email=la_officer@demo.onroll.example" \
        --data-urlencode "password=demo-officer-kestrel" \
        --data-urlencode "next=$1" "$B/sign-in"
    sed -n 's/^Location: \(.*\)\r$/\1/p' "$WORK/n.headers"
}
TAB=$(printf '\t')
expect_eq "next: a local path is kept" "/pupils/$UPN" "$(sign_in_next "/pupils/$UPN")"
expect_eq "next: a tab then //host (the issue's /%09/evil.example)" / "$(sign_in_next "/$TAB/evil.example")"
expect_eq "next: //host" / "$(sign_in_next //evil.example/)"
expect_eq "next: /\\host" / "$(sign_in_next '/\evil.example/')"
expect_eq "next: an absolute URL" / "$(sign_in_next https://evil.example/)"
expect_eq "next: javascript:" / "$(sign_in_next 'javascript:alert(1)')"
expect_eq "next: percent-encoded slashes (/%2F%2Fhost)" / "$(sign_in_next /%2F%2Fevil.example)"
expect_eq "next: percent-encoded tab (/%09/host)" / "$(sign_in_next /%09/evil.example)"
expect_eq "next: a space then //host" / "$(sign_in_next '/ //evil.example')"
expect_eq "next: a backslash after a tab" / "$(sign_in_next "/$TAB\\evil.example")"
expect_eq "next: a DEL character (the form is refused as not text)" "" "$(sign_in_next "/$(printf '\177')/evil.example")"
expect_in "... with 400" "HTTP/1.1 400" "$WORK/n.headers"
expect_eq "next: a non-ASCII character" / "$(sign_in_next "/pupils/é")"
expect_eq "next: back to the sign-in page" / "$(sign_in_next /sign-out)"
# as a browser does it: the link carries next, the form carries it on as a hidden field
rm -f "$WORK/n.jar"
curl -s -c "$WORK/n.jar" -o "$WORK/n.html" "$B/sign-in?next=/%09/evil.example"
expect_not_in "the sign-in form does not carry a hostile next" 'name="next"' "$WORK/n.html"
curl -s -b "$WORK/n.jar" -o /dev/null -D "$WORK/n.headers" \
    --data "$(form_body "$WORK/n.html" email=la_officer@demo.onroll.example password=demo-officer-kestrel)" \
    "$B/sign-in"
expect_in "... and signing in from it lands on the dashboard (issue 14)" "Location: /dashboard$(printf '\r')" "$WORK/n.headers"
curl -s -c "$WORK/n.jar" -o "$WORK/n.html" "$B/sign-in?next=/pupils/$UPN"
expect_in "the sign-in form carries a good next" "name=\"next\" value=\"/pupils/$UPN\"" "$WORK/n.html"

# ---- 3. the session or token is checked before the body is read ----
out=$(curl -s -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect: 100-continue' \
    -F "csrf_token=x" -F "file=@$WORK/big.csv;type=text/csv" "$B/upload")
expect_eq "an anonymous 20 MiB upload (Expect: 100-continue) is refused" 303 "${out% *}"
if [ "${out#* }" -lt 1048576 ]; then pass "... before its body is sent (${out#* } bytes sent)"; else fail "... after its body was sent (${out#* } bytes)"; fi
head -c $((4 << 20)) /dev/zero | tr '\0' ' ' >"$WORK/big.json"
out=$(curl -s -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect: 100-continue' \
    -H 'Content-Type: application/json' --data-binary "@$WORK/big.json" "$B/api/v1/events")
expect_eq "a 4 MiB API body without a token is refused" 401 "${out% *}"
if [ "${out#* }" -lt 1048576 ]; then pass "... before its body is sent (${out#* } bytes sent)"; else fail "... after its body was sent (${out#* } bytes)"; fi
out=$(curl -s -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect: 100-continue' \
    -H 'Authorization: Bearer onr_not-a-token' -H 'Content-Type: application/json' \
    --data-binary "@$WORK/big.json" "$B/api/v1/events")
expect_eq "... and with a wrong token" "401" "${out% *}"
if [ "${out#* }" -lt 1048576 ]; then pass "... before its body is sent (${out#* } bytes sent)"; else fail "... after its body was sent (${out#* } bytes)"; fi
out=$(curl -s -b "$AN" -o /dev/null -w '%{http_code} %{size_upload}' -H 'Expect: 100-continue' \
    -F "csrf_token=x" -F "file=@$WORK/big.csv;type=text/csv" "$B/upload")
expect_eq "a 20 MiB upload from a role that may not upload (analyst) is refused" 403 "${out% *}"
if [ "${out#* }" -lt 1048576 ]; then pass "... before its body is sent (${out#* } bytes sent)"; else fail "... after its body was sent (${out#* } bytes)"; fi
expect_eq "... and the refusal is in the audit log" 1 \
    "$(sql "select count(*) from audit_log where action = 'denied' and object = '/upload' and role = 'analyst'")"
head -c 100000 /dev/zero | tr '\0' a >"$WORK/form.txt"
out=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode "email@$WORK/form.txt" "$B/sign-in")
expect_eq "a sign-in form of 100 kB (anonymous route: forms only) is too large" 413 "$out"
out=$(curl -s -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' \
    --data-urlencode "email@$WORK/form.txt" "$B/sign-in")
expect_eq "... and also when chunked (no Content-Length)" 413 "$out"

# ---- 4. an upload goes to a temporary file ----
rss0=$(status_of "$SPID" VmRSS)
rm -f "$WORK/up.ready" "$WORK/up.stop"
python3 tests/e2e/part_upload.py "$port" "$(session_of "$SC")" x \
    $((16 << 20)) $((12 << 20)) "$WORK/up.ready" "$WORK/up.stop" &
UP=$!
wait_for "$WORK/up.ready"
tmpfds=$(settle 1 temp_fds "$SPID")
sleep 0.5
rss1=$(status_of "$SPID" VmRSS)
expect_eq "an upload in progress (12 of 16 MiB sent) is in one temporary file in \$TMPDIR" 1 "$tmpfds"
expect_eq "... already unlinked (deleted)" 1 "$(ls -l "/proc/$SPID/fd" | grep -c "$WORK/tmp/.*(deleted)")"
expect_eq "... already unlinked (no name in \$TMPDIR)" 0 "$(ls -A "$WORK/tmp" | wc -l | tr -d ' ')"
grew=$(((rss1 - rss0) / 1024))
if [ "$grew" -lt 6 ]; then pass "... not in the server's memory (+$grew MiB)"; else fail "... held in the server's memory (+$grew MiB)"; fi
touch "$WORK/up.stop"
wait "$UP"
expect_eq "the client drops the upload: its temporary file is closed" 0 "$(settle 0 temp_fds "$SPID")"
"$ONROLL" export schools >"$WORK/schools.csv"
expect_eq "upload form" 200 "$(get "$LA" /upload)"
TOK=$(csrf_of "$WORK/body")
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" \
    -F "file=@$WORK/schools.csv;filename=schools.csv;type=text/csv" "$B/upload")
expect_eq "a whole upload still imports (through the temporary file)" 200 "$code"
expect_in "... with the importer's counts" "schools.csv (schools): 3 rows, 0 new, 0 updated, 3 unchanged" "$WORK/body"
python3 -c "import sys; sys.stdout.write('x' * (33 << 20))" >"$WORK/huge.csv"
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' -H 'Transfer-Encoding: chunked' \
    -F "csrf_token=$TOK" -F "file=@$WORK/huge.csv;filename=huge.csv;type=text/csv" "$B/upload")
expect_eq "an upload over 32 MiB (chunked: no Content-Length to refuse early) is too large" 413 "$code"
expect_eq "... its temporary file is closed" 0 "$(settle 0 temp_fds "$SPID")"

# ---- 5. X-Forwarded-For only from a trusted proxy ----
# remote_of JAR INTERFACE XFF : GET the pupil's page from that address with that header; prints
# the address the audit log recorded for the read
remote_of() {
    curl -s -b "$1" -o /dev/null --interface "$2" -H "X-Forwarded-For: $3" "$B/pupils/$UPN"
    sql "select remote from audit_log where action = 'pupil.read' order by id desc limit 1"
}
expect_eq "X-Forwarded-For from an untrusted peer is ignored" 127.0.0.1 "$(remote_of "$LA" 127.0.0.1 203.0.113.7)"
stop_server
serve -- --trusted-proxy 127.0.0.3 --trusted-proxy 127.0.0.4,127.0.0.5
expect_eq "LA officer signs in again" 303 "$(sign_in "$LA" la_officer@demo.onroll.example demo-officer-kestrel)"
expect_eq "... from an untrusted peer, still ignored" 127.0.0.1 "$(remote_of "$LA" 127.0.0.1 203.0.113.7)"
expect_eq "from a trusted proxy: the right-most address" 203.0.113.7 "$(remote_of "$LA" 127.0.0.3 '198.51.100.1, 203.0.113.7')"
expect_eq "... skipping trusted proxies in the chain" 203.0.113.7 "$(remote_of "$LA" 127.0.0.4 '198.51.100.1, 203.0.113.7, 127.0.0.5')"
expect_eq "... an IPv6 client" 2001:db8::1 "$(remote_of "$LA" 127.0.0.3 '2001:db8::1')"
expect_eq "... not an address: the proxy's" 127.0.0.3 "$(remote_of "$LA" 127.0.0.3 'evil<script>')"
expect_eq "... no header: the proxy's" 127.0.0.3 "$(curl -s -b "$LA" -o /dev/null --interface 127.0.0.3 "$B/pupils/$UPN"; sql "select remote from audit_log where action = 'pupil.read' order by id desc limit 1")"
expect_status "a bad --trusted-proxy is a usage error" 2 "$ONROLL" serve --trusted-proxy nonsense
expect_in "... naming the value" "'nonsense' is not an IPv4 or IPv6 address" "$WORK/err"
expect_status "--max-connections beyond the file descriptor limit is a usage error" 2 \
    sh -c "ulimit -n 256 && exec \"\$0\" serve --max-connections 5000" "$ONROLL"
expect_in "... saying so" "needs 5064 file descriptors, and this process may open only 256" "$WORK/err"
stop_server

# ---- 2. idle connections from one address ----
serve --
rm -f "$WORK/hold.ready" "$WORK/hold.stop"
python3 tests/e2e/hold_conns.py 127.0.0.1 "$port" 1100 "$WORK/hold.ready" "$WORK/hold.stop" >"$WORK/hold.out" 2>&1 &
HOLD=$!
wait_for "$WORK/hold.ready"
read -r _ opened _ held <"$WORK/hold.ready"
expect_eq "1,100 connections opened from 127.0.0.1" 1100 "$opened"
open_now=$(sockets_of "$SPID")
worst=0
codes=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
    out=$(curl -s -o /dev/null --max-time 5 --interface 127.0.0.2 -w '%{http_code} %{time_total}' "$B/healthz")
    codes="$codes ${out% *}"
    worst=$(echo "$worst ${out#* }" | awk '{print ($2 > $1) ? $2 : $1}')
done
expect_eq "... /healthz from 127.0.0.2 answers, 10 times out of 10" " 200 200 200 200 200 200 200 200 200 200" "$codes"
if awk -v t="$worst" 'BEGIN {exit !(t < 1)}'; then pass "... within a second (slowest ${worst}s)"; else fail "... too slowly (slowest ${worst}s)"; fi
if [ "$held" -gt 0 ] && [ "$held" -le 128 ]; then pass "... the server holds at most 128 of them ($held)"; else fail "... the server holds $held of them"; fi
if [ "$open_now" -le 128 ]; then pass "... and has at most 128 connections open ($open_now)"; else fail "... the server has $open_now connections open"; fi
out=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$B/healthz")
expect_eq "... while 127.0.0.1 itself, at its limit, is refused" 000 "$out"
touch "$WORK/hold.stop"
wait "$HOLD"
echo "figures: 1100 idle connections from 127.0.0.1, $held held by the server ($open_now sockets open); /healthz from 127.0.0.2 answered $(echo "$codes" | tr ' ' '\n' | grep -c 200)/10, slowest ${worst}s"
stop_server

serve -- --idle-timeout 2 --max-per-address 20
rm -f "$WORK/hold.ready" "$WORK/hold.stop"
python3 tests/e2e/hold_conns.py 127.0.0.1 "$port" 20 "$WORK/hold.ready" "$WORK/hold.stop" >"$WORK/hold.out" 2>&1 &
HOLD=$!
wait_for "$WORK/hold.ready"
read -r _ _ _ held <"$WORK/hold.ready"
expect_eq "--max-per-address 20: 20 idle connections held" 20 "$held"
sleep 4
touch "$WORK/hold.stop"
wait "$HOLD"
expect_eq "--idle-timeout 2: all closed by the server after 4 s" "opened 20 held 0" "$(cat "$WORK/hold.out")"
stop_server

serve -- --max-connections 40 --max-per-address 100 --threads 1
before=$(sockets_of "$SPID")
rm -f "$WORK/hold.ready" "$WORK/hold.stop"
python3 tests/e2e/hold_conns.py 127.0.0.3 "$port" 60 "$WORK/hold.ready" "$WORK/hold.stop" >"$WORK/hold.out" 2>&1 &
HOLD=$!
wait_for "$WORK/hold.ready"
open_now() {
    echo $(($(sockets_of "$SPID") - before))
}
# the count before may hold a connection still closing (the start-up's health check): 39 or 40
n=$(settle 40 open_now)
if [ "$n" -ge 39 ] && [ "$n" -le 40 ]; then
    pass "--max-connections 40: 60 connections made, the server has $n open (at most 40)"
else
    fail "--max-connections 40: 60 connections made, the server has $n open (wanted 40)"
fi
touch "$WORK/hold.stop"
wait "$HOLD"
stop_server

finish
