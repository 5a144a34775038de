#!/bin/sh
# test_scope_roll.sh - issue 12's attacks on the roll-based scope, each through the real server
# (curl), the real binary and the real database, and each now refused (docs/security.md):
#
#   1. the one-line enrolment: a school uploads `upn,urn,start,end,type` with another school's
#      pupil and its own URN: a claim is held, the enrolment is not on the record, and the
#      school sees only the pupil's name and date of birth until the LA confirms it;
#   2. writes for a pupil not on the school's roll (upload, MIS API, form) are refused with
#      "not on this school's roll on DATE", the same words whether or not the UPN is known,
#      and nothing is written; the 45-day cap tells a school only its own days;
#   3. a claim is settled by the previous school's records (its enrolment ending; a move to
#      the claiming school) or by an LA officer (/claims), each on the audit log;
#   4. a previous school sees its own period and events, for a year, and none of the later
#      school's; a partner service sees the referrals made to it until 30 days after they end;
#   5. every pupil route (the route table, `test_web_routes --dump`) for each reader who sees
#      part of a record: the routes marked `part` answer, every other gives 404 and a `denied`
#      audit line.
#
# The dates are counted back from today, so the roll is as of the day the test runs.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi
. tests/e2e/scope_data.sh
start_server
for who in la:la@la.example.gov.uk a:head@riverside.example.sch.uk s:head@hillside.example.sch.uk \
    reu:reu@la.example.gov.uk eh:eh@la.example.gov.uk; do
    expect_eq "${who#*:} signs in" 303 "$(sign_in "$WORK/${who%%:*}.jar" "${who#*:}" "$PW")"
done

# upload JAR FILE : the file through /upload (its CSRF token from the upload page); the status
upload() {
    get "$1" /upload >/dev/null
    tok=$(csrf_of "$WORK/body")
    curl -s -b "$1" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$tok" \
        -F "file=@$2;filename=$(basename "$2");type=text/csv" "$B/upload"
}
api_post() { # PATH JSON
    curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' --data-binary "$2" "$B$1"
}
reads() { sql "SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.read' AND upn = '$1'"; }

# ---- 1. the one-line enrolment is a claim, not a read ----
printf 'upn,urn,start,end,type\n%s,%s,%s,,main\n' "$X" "$S" "$TODAY" >"$WORK/claim.csv"
expect_eq "a school uploads an enrolment of another school's pupil" 200 "$(upload "$WORK/s.jar" "$WORK/claim.csv")"
expect_in "... it is held as a claim" "held as a claim" "$WORK/body"
expect_eq "... no enrolment at the claiming school is recorded" 0 \
    "$(sql "SELECT COUNT(*) FROM enrolments WHERE upn = '$X' AND urn = $S")"
"$ONROLL" export enrolments >"$WORK/export.csv"
expect_not_in "... nor exported" "$X,$S," "$WORK/export.csv"
expect_eq "... the claim waits" pending "$(sql "SELECT status FROM claims WHERE upn = '$X' AND urn = $S")"
expect_eq "... on the audit log" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'claim.made' AND upn = '$X'")"
expect_eq "the claiming school opens the pupil" 200 "$(get "$WORK/s.jar" "/pupils/$X")"
expect_in "... sees the name" "Amara Okafor" "$WORK/body"
expect_in "... and that its claim waits" "claim waiting for the local authority" "$WORK/body"
expect_not_in "... not the ethnicity" "African" "$WORK/body"
expect_not_in "... not the other school" "Riverside" "$WORK/body"
expect_not_in "... not the exclusions" "A-X-S1" "$WORK/body"
expect_not_in "... not the special needs" "special educational" "$WORK/body"
for path in /pupils/$X/plans /pupils/$X/referrals /pupils/$X/record /pupils/$X/outcomes \
    /pupils/$X/interventions; do
    expect_eq "... $path: 404" 404 "$(get "$WORK/s.jar" "$path")"
done
expect_eq "uploading it again changes nothing" 200 "$(upload "$WORK/s.jar" "$WORK/claim.csv")"
expect_eq "... one claim" 1 "$(sql "SELECT COUNT(*) FROM claims WHERE upn = '$X'")"

# ---- 2. writes for a pupil not on the roll ----
before=$(sql "SELECT COUNT(*) FROM events")
printf 'event_id,upn,urn,type,start,sessions,reasons\nS-X-1,%s,%s,suspension,%s,20,DB\n' \
    "$X" "$S" "$TODAY" >"$WORK/susp-x.csv"
expect_eq "a suspension of another school's pupil is refused" 403 "$(upload "$WORK/s.jar" "$WORK/susp-x.csv")"
expect_in "... not on this school's roll" "pupil $X is not on this school&#39;s roll on $TODAY" "$WORK/body"
expect_not_in "... nothing of the record elsewhere" "days" "$WORK/body"
printf 'event_id,upn,urn,type,start,sessions,reasons\nS-C-1,%s,%s,suspension,%s,2,DB\n' \
    "$C" "$S" "$TODAY" >"$WORK/susp-c.csv"
expect_eq "a suspension of a UPN onroll does not know is refused" 403 "$(upload "$WORK/s.jar" "$WORK/susp-c.csv")"
expect_in "... in the same words (the UPN's existence is not told)" "pupil $C is not on this school&#39;s roll on $TODAY" "$WORK/body"
expect_not_in "... not 'not a known pupil'" "known pupil" "$WORK/body"
expect_eq "... nothing written" "$before" "$(sql "SELECT COUNT(*) FROM events")"
code=$(api_post /api/v1/events "[{\"event_id\":\"API-X-1\",\"upn\":\"$X\",\"urn\":\"$S\",\"type\":\"suspension\",\"start\":\"$TODAY\",\"sessions\":\"2\",\"reasons\":\"DB\"}]")
expect_eq "the MIS API: the same suspension is refused" 403 "$code"
expect_in "... in the same words" "not on this school's roll on $TODAY" "$WORK/body"
code=$(api_post /api/v1/pupils "[{\"upn\":\"$X\",\"forename\":\"A\",\"surname\":\"B\",\"dob\":\"2014-03-14\",\"sex\":\"F\",\"ethnicity\":\"WBRI\",\"fsm\":\"0\",\"sen\":\"N\",\"as_of\":\"$TODAY\"}]")
expect_eq "the MIS API: a snapshot of a claimed pupil is held, not written" 200 "$code"
expect_in "... held" '"held":1' "$WORK/body"
expect_eq "... the pupil's recorded ethnicity is unchanged" "BAFR" \
    "$(sql "SELECT ethnicity FROM pupil_snapshots WHERE upn = '$X' ORDER BY as_of DESC, id DESC LIMIT 1")"
code=$(api_post /api/v1/pupils "[{\"upn\":\"$K\",\"forename\":\"A\",\"surname\":\"B\",\"dob\":\"2011-11-02\",\"sex\":\"M\",\"ethnicity\":\"WBRI\",\"fsm\":\"0\",\"sen\":\"N\",\"as_of\":\"$TODAY\"}]")
expect_eq "the MIS API: a snapshot of its own pupil is written" 200 "$code"
expect_eq "attendance for a pupil not on roll is refused" 403 "$(
    printf 'upn,urn,date,session,code\n%s,%s,%s,AM,/\n' "$X" "$S" "$TODAY" >"$WORK/att.csv"
    upload "$WORK/s.jar" "$WORK/att.csv")"
expect_eq "the record form for a pupil not on roll: 404" 404 "$(get "$WORK/s.jar" "/pupils/$N/record")"
# the 45-day cap: 40 days at A this year; S records 10 more
printf 'event_id,upn,urn,type,start,sessions,reasons\nS-R-1,%s,%s,suspension,%s,20,DB\n' \
    "$R" "$S" "$TODAY" >"$WORK/cap.csv"
expect_eq "the 45-day cap refuses the school's suspension" 400 "$(upload "$WORK/s.jar" "$WORK/cap.csv")"
expect_in "... naming the limit" "above the limit of 45 school days" "$WORK/body"
expect_in "... and the school's own days" "this school&#39;s suspensions of the pupil in $AY/$(printf %02d $(((AY + 1) % 100))) come to 10 days with it" "$WORK/body"
expect_not_in "... not the total across schools" "50 days" "$WORK/body"
expect_not_in "... not the other school's" "40 days" "$WORK/body"
"$ONROLL" import "$WORK/cap.csv" >"$WORK/out" 2>&1
expect_in "the LA's own import is told the whole total" "to 50 days across all schools" "$WORK/out"

# ---- 3. claims settled ----
printf 'upn,urn,start,end,type\n%s,%s,%s,,main\n' "$N" "$S" "$TODAY" >"$WORK/claim-n.csv"
expect_eq "S claims a pupil on A's roll" 200 "$(upload "$WORK/s.jar" "$WORK/claim-n.csv")"
printf 'upn,urn,start,end,type\n%s,%s,%s,%s,main\n' "$N" "$A" "$(ago 800)" "$(ago 1)" >"$WORK/leave-n.csv"
expect_eq "A ends its enrolment" 200 "$(upload "$WORK/a.jar" "$WORK/leave-n.csv")"
expect_eq "... the claim is confirmed by it" "confirmed|left" \
    "$(sql "SELECT status, decision FROM claims WHERE upn = '$N' AND urn = $S")"
expect_eq "... the enrolment is recorded" 1 "$(sql "SELECT COUNT(*) FROM enrolments WHERE upn = '$N' AND urn = $S")"
printf 'upn,urn,start,end,type\n%s,%s,%s,,main\n' "$Z" "$S" "$TODAY" >"$WORK/claim-z.csv"
expect_eq "S claims the PRU's pupil" 200 "$(upload "$WORK/s.jar" "$WORK/claim-z.csv")"
printf 'event_id,upn,urn,type,start,to_urn\nPRU-Z-M,%s,%s,in_year_transfer,%s,%s\n' "$Z" "$PRU" "$TODAY" "$S" >"$WORK/move-z.csv"
expect_status "the PRU's move to S is recorded" 0 "$ONROLL" import "$WORK/move-z.csv"
expect_eq "... the claim is confirmed by it" "confirmed|moved" \
    "$(sql "SELECT status, decision FROM claims WHERE upn = '$Z' AND urn = $S")"
expect_eq "the LA's claims worklist" 200 "$(get "$WORK/la.jar" /claims)"
expect_in "... lists the waiting claim" "Amara Okafor" "$WORK/body"
CLAIM=$(sql "SELECT id FROM claims WHERE upn = '$X' AND urn = $S")
expect_eq "... the claim's page" 200 "$(get "$WORK/la.jar" "/claims/$CLAIM")"
expect_in "... where the pupil is on roll" "Riverside Primary School" "$WORK/body"
expect_eq "a school cannot decide a claim" 403 "$(get "$WORK/s.jar" /claims >/dev/null
    tok=$(csrf_of "$WORK/body")
    printf 'csrf_token=%s&decision=confirm' "$tok" >"$WORK/f"
    post "$WORK/s.jar" "/claims/$CLAIM" "$WORK/f")"
expect_eq "... nor see another school's claim" 404 "$(get "$WORK/a.jar" "/claims/$CLAIM")"
get "$WORK/la.jar" "/claims/$CLAIM" >/dev/null
tok=$(csrf_of "$WORK/body")
printf 'csrf_token=%s&decision=confirm&note=The+parents+confirmed+the+move' "$tok" >"$WORK/f"
expect_eq "the LA officer confirms the claim" 303 "$(post "$WORK/la.jar" "/claims/$CLAIM" "$WORK/f")"
expect_eq "... the enrolment is recorded" 1 "$(sql "SELECT COUNT(*) FROM enrolments WHERE upn = '$X' AND urn = $S")"
expect_eq "... with the snapshot the school sent" 1 \
    "$(sql "SELECT COUNT(*) FROM pupil_snapshots WHERE upn = '$X' AND forename = 'A'")"
expect_eq "... on the audit log" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'claim.confirmed' AND upn = '$X' AND actor = 'la@la.example.gov.uk'")"
expect_eq "the school now opens the whole record" 200 "$(get "$WORK/s.jar" "/pupils/$X")"
expect_in "... with the other school's exclusion" "A-X-S1" "$WORK/body"

# ---- 4. a previous school, a partner service ----
expect_eq "the previous school opens the pupil who left 100 days ago" 200 "$(get "$WORK/a.jar" "/pupils/$K")"
expect_in "... told it is its own part" "has left your school" "$WORK/body"
expect_in "... its own suspension" "A-K-1" "$WORK/body"
expect_not_in "... not the new school's" "S-K-1" "$WORK/body"
expect_not_in "... nor the new school's name" "Hillside" "$WORK/body"
expect_not_in "... nor the risk indicators" "Risk indicators" "$WORK/body"
expect_eq "the previous school: a pupil who left 400 days ago is not found" 404 "$(get "$WORK/a.jar" "/pupils/$Z")"
printf 'event_id,upn,urn,type,start,rule,ref\nA-K-ACT,%s,%s,action,%s,STAT-NOTIFY-LA,A-K-1\n' "$K" "$A" "$TODAY" >"$WORK/act.csv"
expect_eq "the previous school records a duty of its own exclusion" 200 "$(upload "$WORK/a.jar" "$WORK/act.csv")"
printf 'event_id,upn,urn,type,start,sessions,reasons\nA-K-2,%s,%s,suspension,%s,2,DB\n' "$K" "$A" "$TODAY" >"$WORK/susp-k.csv"
expect_eq "... but no new suspension" 403 "$(upload "$WORK/a.jar" "$WORK/susp-k.csv")"
expect_eq "the REU: a referral declined 10 days ago is still seen" 200 "$(get "$WORK/reu.jar" "/pupils/$X")"
expect_in "... the referral" "A-X-R3" "$WORK/body"
expect_not_in "... not the pupil's exclusions" "A-X-S1" "$WORK/body"
expect_eq "the REU: a referral declined 60 days ago is no longer seen" 404 "$(get "$WORK/reu.jar" "/pupils/$N")"
expect_eq "early help sees its open referral" 200 "$(get "$WORK/eh.jar" "/pupils/$N")"
expect_in "... the referral" "A-N-R2" "$WORK/body"
expect_not_in "... not the REU's" "A-N-R1" "$WORK/body"
expect_not_in "... not the exclusion" "A-N-S1" "$WORK/body"
expect_eq "early help's referrals list" 200 "$(get "$WORK/eh.jar" /referrals)"
expect_not_in "... not another service's" "Okafor" "$WORK/body"

# ---- 5. every pupil route, for each reader of part of a record ----
ROUTES_BIN=$(dirname "$ONROLL")/tests/test_web_routes
"$ROUTES_BIN" --dump >"$WORK/routes"
sql "INSERT INTO claims (la_code, upn, urn, start_date, reg_type, status, was_open, claimed_by,
     claimed_at, src_id) VALUES (999, '$Z', $A, '$TODAY', 'dual', 'pending', 1, 'test',
     '2026-01-01T00:00:00Z', 1)" >/dev/null
# reader jar pupil event-urn event-id: a previous school, a partner, a school whose claim
# waits (A's claim on the pupil who left it 400 days ago, put in the store directly)
for reader in "a $K $A A-K-1" "reu $X $A A-X-R3" "a $Z $PRU PRU-Z-M"; do
    set -- $reader
    jar=$1 upn=$2 eurn=$3 eid=$4
    while read -r method pattern admits flags; do
        case $flags in *pupil*) ;; *) continue ;; esac
        [ "$method" = GET ] || continue
        role=$([ "$jar" = a ] && echo school || echo partner)
        case ",$admits," in *",$role,"*) ;; *) continue ;; esac
        path=$(echo "$pattern" | sed "s|{upn}|$upn|; s|{urn}|$eurn|; s|{event_id}|$eid|; s|{letter}|1|")
        denied_before=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND upn = '$upn'")
        reads_before=$(reads "$upn")
        code=$(get "$WORK/$jar.jar" "$path")
        part=no
        case $flags in *part*) part=yes ;; esac
        if [ "$upn" = "$Z" ]; then case $flags in *claim*) ;; *) part=no ;; esac; fi
        if [ $part = no ]; then
            expect_eq "$jar (part of $upn's record): GET $pattern is 404" 404 "$code"
            expect_eq "... a denied line" $((denied_before + 1)) \
                "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND upn = '$upn'")"
        else
            case $code in 200 | 303 | 400 | 404) pass "$jar (part of $upn's record): GET $pattern answers ($code)" ;;
            *) fail "$jar (part of $upn's record): GET $pattern ($code)" ;; esac
            # a page of the record that answered was a read, on the record first
            [ "$code" = 200 ] && expect_eq "... its read is on the audit log" $((reads_before + 1)) "$(reads "$upn")"
        fi
    done <"$WORK/routes"
done
expect_eq "the refused writes for an unknown UPN recorded no read of it" 0 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.read' AND upn = '$C'")"
finish
