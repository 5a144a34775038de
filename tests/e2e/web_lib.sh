# web_lib.sh - what the end-to-end scripts that drive a running `onroll serve` share: a free
# port, the GOV.UK assets, signing in through the form (with its CSRF token) and fetching pages
# with a cookie jar. Source it after lib.sh; it sets $PIDS (servers to stop at exit) and needs
# $B (the server's base URL) set before sign_in and get are called.
for tool in curl python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: $tool is not installed"
        finish
        exit 0
    fi
done
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; [ -n "${KEEP_SERVE_LOG:-}" ] && cp "$WORK/serve.log" "$KEEP_SERVE_LOG" 2>/dev/null; rm -rf "$WORK" 2>/dev/null || { sleep 1; rm -rf "$WORK"; }' EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

STATIC=$(dirname "$ONROLL")/static
if [ ! -f "$STATIC/govuk-frontend.min.css" ]; then
    STATIC=$WORK/static
    sh tools/build_assets.sh "$STATIC" >/dev/null 2>&1 || true
fi

# start_server [ARGS...] : `onroll serve` on a free port (its log in $WORK/serve.log), once it
# answers; sets $port and $B, and adds it to $PIDS
start_server() {
    port=$(free_port)
    "$ONROLL" serve --listen "127.0.0.1:$port" --static "$STATIC" "$@" >>"$WORK/serve.log" 2>&1 &
    PIDS="$PIDS $!"
    B=http://127.0.0.1:$port
    _i=0
    while [ $_i -lt 100 ] && ! curl -s -o /dev/null "$B/healthz"; do
        sleep 0.1
        _i=$((_i + 1))
    done
}

csrf_of() {
    sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$1" | head -n 1
}

# sign_in JAR EMAIL PASSWORD : prints the HTTP status (303 when signed in)
sign_in() {
    rm -f "$1"
    curl -s -c "$1" -o "$WORK/signin.html" "$B/sign-in"
    tok=$(csrf_of "$WORK/signin.html")
    curl -s -b "$1" -c "$1" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$tok" \
        --data-urlencode "email=$2" --data-urlencode "password=$3" "$B/sign-in"
}

# get JAR PATH : body to $WORK/body, headers to $WORK/headers, seconds to $WORK/time; prints
# the status
get() {
    curl -s -b "$1" -c "$1" -o "$WORK/body" -D "$WORK/headers" \
        -w '%{http_code} %{time_total}' "$B$2" >"$WORK/got"
    cut -d' ' -f2 "$WORK/got" >"$WORK/time"
    cut -d' ' -f1 "$WORK/got"
}

# post JAR PATH BODYFILE : a form body (URL-encoded) from a file; body to $WORK/body, headers to
# $WORK/headers; prints the status
post() {
    curl -s -b "$1" -c "$1" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' \
        -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$3" "$B$2"
}

# form_body HTML [NAME=VALUE...] : the page's form as a browser sends it back (form_body.py)
form_body() {
    python3 tests/e2e/form_body.py "$@"
}

# run_spec SPEC ARGS... : a browser spec (tests/browser/SPEC, node) whose checks count as this
# script's: its lines printed, its "N passed, N failed" added to the script's own
run_spec() {
    _spec=$1
    shift
    CHROMIUM=${CHROMIUM:-/usr/bin/chromium} node "tests/browser/$_spec" "$@" >"$WORK/browser" 2>&1
    _rc=$?
    grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$WORK/browser"
    _bp=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$WORK/browser" | tail -n 1)
    _bf=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$WORK/browser" | tail -n 1)
    _passed=$((_passed + ${_bp:-0}))
    _failed=$((_failed + ${_bf:-0}))
    if [ $_rc -ne 0 ] && [ "${_bf:-0}" -eq 0 ]; then
        fail "the browser spec $_spec ran (exit $_rc)" "$(tail -n 20 "$WORK/browser")"
    fi
}
