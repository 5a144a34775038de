#!/bin/sh
# test_route_matrix.sh - the role x route matrix through the real server, generated from the
# route table (web_routes[], printed by `test_web_routes --dump`) so that no route is missed:
# every route is asked by every caller (the eight demo roles signed in, the anonymous, a
# school's API token), and
#
#   - a caller the route admits gets past the gate: no 401, no redirect to sign in, no "your
#     role may not use this page" (which writes a `denied` row);
#   - a signed-in role it does not admit gets 403 and one `denied` row naming the request;
#   - the anonymous (and an API token on a page, a cookie on the API) is sent to sign in (303
#     to /sign-in) or gets 401 on the API;
#   - every admitted request to a route that reads a pupil's record (WEB_F_PUPIL), for a pupil
#     in the caller's scope, wrote exactly one `pupil.read` row (who, the pupil, the path) in
#     audit_log; a refused one wrote none;
#   - scope: the same routes for a pupil outside a scoped role's scope give 404, logged as
#     denied, with no `pupil.read`.
#
# POSTs send the caller's CSRF token and an empty form (so nothing is saved: checked at the end
# by counting events); the API gets an empty JSON array. Signing out comes last.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi
ROUTES_BIN=$(dirname "$ONROLL")/tests/test_web_routes
if ! "$ROUTES_BIN" --dump >"$WORK/routes" 2>"$WORK/err" || [ ! -s "$WORK/routes" ]; then
    fail "the route table ($ROUTES_BIN --dump)" "$(cat "$WORK/err")"
    finish
    exit 1
fi
pass "the route table: $(wc -l <"$WORK/routes" | tr -d ' ') routes"

TODAY=$(date +%Y-%m-%d)
expect_status "demo LA" 0 "$ONROLL" demo --schools 6 --pupils 900
cp "$WORK/out" "$WORK/demo.out"
URN=$(awk '$1 == "school" { print $3 }' "$WORK/demo.out")
PARTNER_SCOPE=$(awk '$1 == "partner" { print $3 }' "$WORK/demo.out")
# The partner service sees the children referred to it (an open caseload of its role): give it one.
on_roll="start_date <= '$TODAY' AND (end_date IS NULL OR end_date >= '$TODAY')"
REFERRED=$(sql "SELECT upn FROM enrolments WHERE reg_type = 'main' AND $on_roll ORDER BY upn DESC LIMIT 1")
printf 'upn,worker,role,start\n%s,referrals@reu.example.gov.uk,%s,%s\n' "$REFERRED" \
    "$PARTNER_SCOPE" "$(date -d '-30 days' +%Y-%m-%d)" >"$WORK/referral.csv"
expect_status "a referral to the partner service ($PARTNER_SCOPE)" 0 "$ONROLL" import "$WORK/referral.csv"
# A pupil in no scoped role's scope: not at the school, on no caseload, not looked after or in need.
OUTSIDE=$(sql "SELECT s.upn FROM pupil_snapshots s WHERE s.upn NOT IN (SELECT upn FROM caseload)
    AND s.upn NOT IN (SELECT upn FROM enrolments WHERE urn = $URN)
    AND NOT EXISTS (SELECT 1 FROM pupil_snapshots t WHERE t.upn = s.upn AND (COALESCE(t.cla, 0) = 1
        OR COALESCE(t.pla, 0) = 1 OR COALESCE(t.cin, 0) = 1 OR COALESCE(t.cp, 0) = 1
        OR t.social_worker_since IS NOT NULL))
    ORDER BY s.upn LIMIT 1")
EVENTS_BEFORE=$(sql "SELECT COUNT(*) FROM events")
"$ONROLL" user token "$URN" >"$WORK/token" 2>/dev/null
API_TOKEN=$(cat "$WORK/token")

port=$(free_port)
ONROLL_LOGIN_MAX_ADDRESS=10000 ONROLL_LOGIN_MAX_ACCOUNT=10000 \
    "$ONROLL" serve --listen "127.0.0.1:$port" --static "$STATIC" >>"$WORK/serve.log" 2>&1 &
PIDS="$PIDS $!"
B=http://127.0.0.1:$port
i=0
while [ $i -lt 100 ] && ! curl -s -o /dev/null "$B/healthz"; do
    sleep 0.1
    i=$((i + 1))
done

ROLES="la_admin la_officer virtual_school school social_worker youth_justice partner analyst"
CALLERS="$ROLES anonymous api"
# per caller: its jar, CSRF token, audit actor and a pupil in its scope (from its own /pupils)
for role in $ROLES; do
    set -- $(awk -v r="$role" '$1 == r { print $2, $4 }' "$WORK/demo.out")
    expect_eq "$role signs in" 303 "$(sign_in "$WORK/$role.jar" "$1" "$2")"
    eval "ACTOR_$role=\$1"
    get "$WORK/$role.jar" / >/dev/null
    eval "CSRF_$role=\$(csrf_of \"\$WORK/body\")"
    upn=""
    if [ "$(get "$WORK/$role.jar" /pupils)" = 200 ]; then
        upn=$(sed -n 's|.*href="/pupils/\([A-Z0-9]\{13\}\)".*|\1|p' "$WORK/body" | head -n 1)
    fi
    eval "UPN_$role=\$upn"
done
curl -s -c "$WORK/anonymous.jar" -o "$WORK/body" "$B/sign-in"
CSRF_anonymous=$(csrf_of "$WORK/body")
ACTOR_anonymous=""
ACTOR_api="api:$URN"
ANY_UPN=$UPN_la_officer
for role in virtual_school school social_worker youth_justice partner; do
    eval "u=\$UPN_$role"
    [ -n "$u" ] || fail "$role: a pupil in scope (its /pupils lists none)"
done
[ -n "$ANY_UPN" ] && [ -n "$OUTSIDE" ] && [ -n "$API_TOKEN" ] ||
    fail "fixtures" "any=$ANY_UPN outside=$OUTSIDE token=$API_TOKEN"
# Event routes (/referrals/URN/EVENT_ID) are scoped by the event's pupil: give each caller's
# pupil an event of its own (a PEP meeting, which starts no duty) at its school.
printf 'event_id,upn,urn,type,start\n' >"$WORK/matrix-events.csv"
for u in $( (for role in $ROLES; do eval "echo \${UPN_$role:-}"; done; echo "$OUTSIDE") | sort -u); do
    at=$(sql "SELECT urn FROM enrolments WHERE upn = '$u' ORDER BY start_date DESC LIMIT 1")
    printf 'MATRIX-%s,%s,%s,pep,%s\n' "$u" "$u" "$at" "$TODAY" >>"$WORK/matrix-events.csv"
done
expect_status "an event for each caller's pupil" 0 "$ONROLL" import "$WORK/matrix-events.csv"
EVENTS_BEFORE=$(sql "SELECT COUNT(*) FROM events")

LAST=$(sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")
# ask CALLER METHOD PATH FLAGS : the request; status in $CODE, Location in $LOC, the audit rows
# it wrote in $WORK/rows (action|actor|upn|object|detail)
ask() {
    caller=$1 method=$2 path=$3 flags=$4
    set -- -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}'
    case $caller in
    api) set -- "$@" -H "Authorization: Bearer $API_TOKEN" ;;
    *) set -- "$@" -b "$WORK/$caller.jar" ;;
    esac
    if [ "$method" = POST ]; then
        case $flags in
        *json*) set -- "$@" -H 'Content-Type: application/json' --data-binary '[]' ;;
        *)
            eval "tok=\${CSRF_$caller:-}"
            set -- "$@" --data-urlencode "csrf_token=$tok"
            ;;
        esac
    fi
    CODE=$(curl "$@" "$B$path")
    LOC=$(sed -n 's/^Location: \(.*\)\r$/\1/p' "$WORK/headers")
    sql "SELECT action, actor, COALESCE(upn, ''), object, COALESCE(detail, '') FROM audit_log
        WHERE id > $LAST ORDER BY id" >"$WORK/rows"
    LAST=$(sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")
}
# rows ACTION ACTOR UPN OBJECT [DETAIL-PREFIX] : how many of the last request's rows match
rows() {
    awk -F'|' -v a="$1" -v w="$2" -v u="$3" -v o="$4" -v d="${5:-}" \
        '$1 == a && $2 == w && $3 == u && $4 == o && index($5, d) == 1 { n++ } END { print n + 0 }' \
        "$WORK/rows"
}

cells=0
bad=0
# cell CALLER METHOD PATTERN ADMITS FLAGS : one (caller, route) pair
cell() {
    caller=$1 method=$2 pattern=$3 admits=$4 flags=$5
    upn="" urn=$URN event=T1
    case $pattern in
    *"{upn}"* | *"{event_id}"*)
        eval "upn=\${UPN_$caller:-}"
        [ -n "$upn" ] || upn=$ANY_UPN
        ;;
    esac
    case $pattern in
    *"{upn}"*) ;;
    *"{urn}/{event_id}"*) # an event route (/referrals/URN/EVENT_ID): one of the pupil's events
        set -- $(sql "SELECT urn || ' ' || event_id FROM events WHERE event_id = 'MATRIX-$upn'")
        urn=$1 event=$2
        ;;
    *) upn="" ;;
    esac
    # other parameters: a directory entry for {id}, a made-up value for the rest (a page
    # answers an unknown one with 404 after the gate, which is all this test looks at)
    path=$(echo "$pattern" | sed "s|{upn}|$upn|; s|{urn}|$urn|; s|{event_id}|$event|; s|{id}|camhs|; s|{[a-z_]*}|T1|g; s|\*\$|govuk-frontend.min.css|")
    # who the server sees: a cookie on the API and a token on a page are nobody
    eff=$caller
    case $flags in
    *json*) [ "$caller" = api ] || eff=anonymous ;;
    *) [ "$caller" = api ] && eff=anonymous ;;
    esac
    case ",$admits," in
    *",$eff,"*) want=allow ;;
    *) if [ "$eff" = anonymous ]; then want=sign_in; else want=forbid; fi ;;
    esac
    ask "$caller" "$method" "$path" "$flags"
    eval "actor=\${ACTOR_$caller}"
    role_denied=$(rows denied "$actor" "" "$path" "$method $path: your role may not use this page")
    reads=$(rows pupil.read "$actor" "$upn" "$path")
    gate_redirect=0
    case $LOC in /sign-in | "/sign-in?next="* | "/sign-in?expired="*) gate_redirect=1 ;; esac
    why=""
    case $want in
    allow)
        { [ "$CODE" = 401 ] || [ $gate_redirect = 1 ] || [ "$role_denied" != 0 ]; } &&
            why="refused at the gate ($CODE $LOC, denied rows $role_denied)"
        case $flags in *pupil*)
            [ "$reads" = 1 ] || why="${why:+$why; }$reads pupil.read rows for $upn (want 1; got $CODE)" ;;
        esac
        ;;
    forbid)
        [ "$CODE" = 403 ] && [ "$role_denied" = 1 ] || why="wanted 403 and one denied row, got $CODE and $role_denied"
        [ "$reads" = 0 ] || why="${why:+$why; }a refused request wrote pupil.read"
        ;;
    sign_in)
        case $flags in
        *json*) [ "$CODE" = 401 ] || why="wanted 401, got $CODE" ;;
        *) [ "$CODE" = 303 ] && [ $gate_redirect = 1 ] || why="wanted 303 to /sign-in, got $CODE $LOC" ;;
        esac
        [ "$reads" = 0 ] || why="${why:+$why; }pupil.read written"
        ;;
    esac
    cells=$((cells + 1))
    if [ -n "$why" ]; then
        bad=$((bad + 1))
        fail "$caller $method $pattern: $want" "$why"
    fi
    echo "$caller $method $pattern $want $CODE $reads" >>"$WORK/matrix"
}

# every route x every caller; signing out last (it ends the session)
grep -v '^POST /sign-out ' "$WORK/routes" >"$WORK/routes.first"
grep '^POST /sign-out ' "$WORK/routes" >"$WORK/routes.last"
for part in first last; do
    while read -r method pattern admits flags; do
        for caller in $CALLERS; do
            cell "$caller" "$method" "$pattern" "$admits" "$flags"
        done
    done <"$WORK/routes.$part"
done
# the matrix as a table: each route's status for each caller
awk '{ k = $2 " " $3; if (!(k in seen)) { seen[k] = 1; order[n++] = k } code[k, $1] = $5 }
    END { printf "     %-28s", "route"; split("'"$CALLERS"'", c, " ")
          for (i = 1; i in c; i++) printf " %-5.5s", c[i]; print ""
          for (j = 0; j < n; j++) { printf "     %-28s", order[j]
              for (i = 1; i in c; i++) printf " %-5s", code[order[j], c[i]]; print "" } }' "$WORK/matrix"
nroutes=$(wc -l <"$WORK/routes" | tr -d ' ')
ncallers=$(echo $CALLERS | wc -w | tr -d ' ')
expect_eq "every (caller, route) pair asked: $nroutes routes x $ncallers callers" \
    $((nroutes * ncallers)) "$cells"
expect_eq "role x route matrix: every pair as the table declares (allowed, 403, sign in)" 0 "$bad"
for want in allow forbid sign_in; do
    n=$(awk -v w="$want" '$4 == w' "$WORK/matrix" | wc -l | tr -d ' ')
    [ "$n" -gt 0 ] && pass "... $n pairs $want" || fail "... no pair $want (the matrix tests nothing)"
done
pupil_cells=$(awk '$3 ~ /\{(upn|event_id)\}/ && $4 == "allow" && $6 == 1' "$WORK/matrix" | wc -l | tr -d ' ')
want_pupil=0
while read -r method pattern admits flags; do
    case $flags in *pupil*) want_pupil=$((want_pupil + $(echo "$admits" | tr ',' '\n' | wc -l))) ;; esac
done <"$WORK/routes"
expect_eq "every admitted pupil read ($want_pupil: WEB_F_PUPIL routes x their roles) wrote its audit row" \
    "$want_pupil" "$pupil_cells"

# ---- scope: a pupil outside each scoped role's scope (signed in again: signing out came last) ----
for role in virtual_school school social_worker youth_justice partner; do
    set -- $(awk -v r="$role" '$1 == r { print $2, $4 }' "$WORK/demo.out")
    sign_in "$WORK/$role.jar" "$1" "$2" >/dev/null
    get "$WORK/$role.jar" / >/dev/null
    eval "CSRF_$role=\$(csrf_of \"\$WORK/body\")"
    eval "actor=\${ACTOR_$role}"
    while read -r method pattern admits flags; do
        case $flags in *pupil*) ;; *) continue ;; esac
        case ",$admits," in *",$role,"*) ;; *) continue ;; esac
        at=$(sql "SELECT urn FROM events WHERE event_id = 'MATRIX-$OUTSIDE'")
        path=$(echo "$pattern" | sed "s|{upn}|$OUTSIDE|; s|{urn}|$at|; s|{event_id}|MATRIX-$OUTSIDE|; s|{id}|camhs|; s|{[a-z_]*}|T1|g")
        ask "$role" "$method" "$path" "$flags"
        if [ "$CODE" = 404 ] && [ "$(rows denied "$actor" "$OUTSIDE" "$path")" = 1 ] &&
            [ "$(rows pupil.read "$actor" "$OUTSIDE" "$path")" = 0 ]; then
            pass "$role $method $pattern, a pupil outside its scope: 404, denied, no read"
        else
            fail "$role $method $pattern, a pupil outside its scope" "got $CODE; $(cat "$WORK/rows")"
        fi
    done <"$WORK/routes"
done

# ---- the MASH (a partner account of scope mash, issue 17): the permanently excluded children
# only. Every pupil route a partner is admitted to: a permanently excluded child gets past the
# gate and is read (one pupil.read row); a child never permanently excluded gets 404, one denied
# row and no read; /pupils lists only the first. ----
MASH_PW=kestrel-moorland-7-harbour
printf '%s\n' "$MASH_PW" | "$ONROLL" user add mash@mash.example.gov.uk --name "MASH duty desk" \
    --role partner --scope mash --password-stdin >/dev/null 2>&1
expect_eq "a MASH account (partner, scope mash)" 0 $?
MASH_IN=$(sql "SELECT e.upn FROM events e WHERE e.type = 'permanent' AND e.start_date <= '$TODAY'
    AND NOT EXISTS (SELECT 1 FROM events w WHERE w.upn = e.upn AND w.ref = e.event_id
        AND (w.type = 'withdrawn' OR w.outcome = 'reinstated'))
    ORDER BY e.upn LIMIT 1")
MASH_OUT=$(sql "SELECT upn FROM pupil_snapshots WHERE upn NOT IN (SELECT upn FROM events
    WHERE type = 'permanent') ORDER BY upn LIMIT 1")
[ -n "$MASH_IN" ] && [ -n "$MASH_OUT" ] || fail "MASH fixtures" "in=$MASH_IN out=$MASH_OUT"
expect_eq "the MASH signs in" 303 "$(sign_in "$WORK/mash.jar" mash@mash.example.gov.uk "$MASH_PW")"
get "$WORK/mash.jar" / >/dev/null
CSRF_mash=$(csrf_of "$WORK/body")
ACTOR_mash=mash@mash.example.gov.uk
expect_eq "the MASH's pupils" 200 "$(get "$WORK/mash.jar" /pupils)"
expect_in "... list a permanently excluded child" "$MASH_IN" "$WORK/body"
expect_not_in "... and not a child never permanently excluded" "$MASH_OUT" "$WORK/body"
LAST=$(sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")
while read -r method pattern admits flags; do
    case $pattern in *"{upn}"*) ;; *) continue ;; esac
    case $flags in *pupil*) ;; *) continue ;; esac
    case ",$admits," in *",partner,"*) ;; *) continue ;; esac
    path=$(echo "$pattern" | sed "s|{upn}|$MASH_IN|")
    ask mash "$method" "$path" "$flags"
    # (an empty form may then be answered 404, "no such duty": after the read, not a refusal)
    if [ "$CODE" != 401 ] && [ "$(rows pupil.read "$ACTOR_mash" "$MASH_IN" "$path")" = 1 ] &&
        [ "$(rows denied "$ACTOR_mash" "$MASH_IN" "$path")" = 0 ] &&
        [ "$(rows denied "$ACTOR_mash" "" "$path" "$method $path: your role may not use this page")" = 0 ]; then
        pass "the MASH $method $pattern, a permanently excluded child: past the gate, read ($CODE)"
    else
        fail "the MASH $method $pattern, a permanently excluded child" "got $CODE; $(cat "$WORK/rows")"
    fi
    path=$(echo "$pattern" | sed "s|{upn}|$MASH_OUT|")
    ask mash "$method" "$path" "$flags"
    if [ "$CODE" = 404 ] && [ "$(rows denied "$ACTOR_mash" "$MASH_OUT" "$path")" = 1 ] &&
        [ "$(rows pupil.read "$ACTOR_mash" "$MASH_OUT" "$path")" = 0 ]; then
        pass "the MASH $method $pattern, a child never permanently excluded: 404, denied, no read"
    else
        fail "the MASH $method $pattern, a child never permanently excluded" "got $CODE; $(cat "$WORK/rows")"
    fi
done <"$WORK/routes"

expect_eq "nothing was saved by the empty forms" "$EVENTS_BEFORE" "$(sql "SELECT COUNT(*) FROM events")"

# ---- alternative provision placements (issue 17): a school sees only its own pupils' ----
# one placement of the school's pupil at the school, one of the outside pupil at its own school
S_UPN=$UPN_school
S_AT=$(sql "SELECT urn FROM enrolments WHERE upn = '$S_UPN' ORDER BY start_date DESC LIMIT 1")
O_AT=$(sql "SELECT urn FROM events WHERE event_id = 'MATRIX-$OUTSIDE'")
printf 'event_id,upn,urn,type,start,provider,end
AP-M1,%s,%s,ap_placement,%s,Matrix Provider One,%s
AP-M2,%s,%s,ap_placement,%s,Matrix Provider Two,%s
' \
    "$S_UPN" "$S_AT" "$TODAY" "$(date -d '+30 days' +%Y-%m-%d)" \
    "$OUTSIDE" "$O_AT" "$TODAY" "$(date -d '+30 days' +%Y-%m-%d)" >"$WORK/ap.csv"
expect_status "two placements" 0 "$ONROLL" import "$WORK/ap.csv"
set -- $(awk '$1 == "la_officer" { print $2, $4 }' "$WORK/demo.out")
sign_in "$WORK/la_officer.jar" "$1" "$2" >/dev/null
sleep 1.2 # the live model catches up every second
expect_eq "the LA's placements download" 200 "$(get "$WORK/la_officer.jar" /ap/placements/download)"
expect_in "... the school's pupil" "$S_UPN" "$WORK/body"
expect_in "... the outside pupil" "$OUTSIDE" "$WORK/body"
expect_eq "the school's placements download" 200 "$(get "$WORK/school.jar" /ap/placements/download)"
expect_in "... its own pupil" "$S_UPN" "$WORK/body"
expect_not_in "... not a pupil outside its scope" "$OUTSIDE" "$WORK/body"
expect_not_in "... nor that pupil's provider" "Matrix Provider Two" "$WORK/body"
expect_eq "the school's placements page" 200 "$(get "$WORK/school.jar" /ap/placements)"
expect_in "... its own placement" "Matrix Provider One" "$WORK/body"
expect_not_in "... not the other" "Matrix Provider Two" "$WORK/body"
finish
