#!/bin/sh
# test_workshops.sh - workshops end to end (issue 19 parts 1 and 7; workshop_web.h, migration
# 035, docs/workshops.md), on a real server through curl: an LA officer plans a workshop, adds a
# school's SENCO (an account) and a guest (a one-time link); the guest joins once (the link
# refused the second time) and their cookie opens only their own workshop: no pupil, school,
# report, other workshop, list download or facilitator's action; forms without the CSRF token
# are refused; the warm-up's definitions stay private until the facilitator reveals them; a
# change reaches a listening server-sent-events stream within a second, and the polling
# fallback counts it; notes per question, the report (names only with consent), its PDF, and
# two sessions of a series side by side.
#
# The LA is test_offrolling's (tests/e2e/offroll/): Ashgrove Academy 300001, Beacon High School
# 300002, Cedar Park School 300003.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
O=$(pwd)/tests/e2e/offroll
"$ONROLL" init >/dev/null 2>&1
expect_status "the hand-made LA imports" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"
add_user() { # EMAIL ROLE PASSWORD [URN]
    if [ -n "${4:-}" ]; then
        printf '%s\n' "$3" | "$ONROLL" user add "$1" --name "$5" --role "$2" --scope "$4" \
            --password-stdin >/dev/null 2>&1
    else
        printf '%s\n' "$3" | "$ONROLL" user add "$1" --name "$5" --role "$2" --password-stdin \
            >/dev/null 2>&1
    fi
    expect_eq "account $1 ($2)" 0 $?
}
add_user officer@la.example.gov.uk la_officer kestrel-river-41 "" "Olu Officer"
add_user senco@ashgrove.example.uk school ashgrove-kestrel-1 300001 "Sam Senco"
add_user head@beacon.example.uk school beacon-kestrel-2 300002 "Bea Head"
add_user analyst@la.example.gov.uk analyst figures-kestrel-1 "" "Ana Lyst"
start_server
LA=$WORK/la.jar
SC=$WORK/school.jar
OT=$WORK/other.jar
AN=$WORK/analyst.jar
GU=$WORK/guest.jar
G2=$WORK/guest2.jar
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "the SENCO signs in" 303 "$(sign_in "$SC" senco@ashgrove.example.uk ashgrove-kestrel-1)"
expect_eq "another school signs in" 303 "$(sign_in "$OT" head@beacon.example.uk beacon-kestrel-2)"
expect_eq "the analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"

# ---- planning ----
expect_eq "the officer's home page" 200 "$(get "$LA" /)"
expect_in "... Workshops in the navigation" 'href="/workshops">Workshops<' "$WORK/body"
expect_eq "the officer's /workshops" 200 "$(get "$LA" /workshops)"
expect_in "... a way to plan one" 'href="/workshops/new"' "$WORK/body"
expect_eq "the analyst may not see workshops" 403 "$(get "$AN" /workshops)"
expect_not_in "... nor in the navigation" 'href="/workshops"' "$WORK/body"
expect_eq "the form" 200 "$(get "$LA" /workshops/new)"
cp "$WORK/body" "$WORK/new.html"
expect_in "... the toolkit's scopes" 'value="pupil_council"' "$WORK/new.html"
form_body "$WORK/new.html" title="" scope=staff held_on-day=31 held_on-month=2 held_on-year=2027 \
    mode=in_person >"$WORK/post"
expect_eq "a workshop without a title, on a day that is not, is refused" 400 "$(post "$LA" /workshops/new "$WORK/post")"
expect_in "... the title" "Enter the title" "$WORK/body"
expect_in "... the date" "must be a real date" "$WORK/body"
form_body "$WORK/new.html" title="Inclusion in Kestrel: staff" scope=staff series="Inclusion 2027" \
    held_on-day=8 held_on-month=12 held_on-year=2026 mode=hybrid >"$WORK/post"
expect_eq "the officer plans a staff workshop" 303 "$(post "$LA" /workshops/new "$WORK/post")"
ID=$(sql "select id from workshops where title = 'Inclusion in Kestrel: staff'")
expect_eq "... stored" "Inclusion in Kestrel: staff|staff|0|Inclusion 2027|2026-12-08|hybrid|officer@la.example.gov.uk|0" "$(sql "select title, scope, urn, series, held_on, mode, facilitator, changes from workshops where id = $ID")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where action = 'change' and detail like 'workshop $ID planned:%'")"
form_body "$WORK/new.html" title="Inclusion in Kestrel: pupil council" scope=pupil_council \
    urn=300001 series="Inclusion 2027" held_on-day=9 held_on-month=12 held_on-year=2026 \
    mode=in_person >"$WORK/post"
expect_eq "... and a pupil council session at Ashgrove" 303 "$(post "$LA" /workshops/new "$WORK/post")"
ID2=$(sql "select id from workshops where scope = 'pupil_council'")
expect_eq "a school plans one of its own" 200 "$(get "$SC" /workshops/new)"
expect_not_in "... only its own school" 'value="300002"' "$WORK/body"
form_body "$WORK/body" title="Beacon staff" scope=school urn=300002 held_on-day=1 \
    held_on-month=2 held_on-year=2027 mode=online >"$WORK/post"
expect_eq "... another school's is refused" 400 "$(post "$SC" /workshops/new "$WORK/post")"

# ---- participants ----
expect_eq "the add-participant form" 200 "$(get "$LA" "/workshops/$ID/participants/new")"
cp "$WORK/body" "$WORK/add.html"
form_body "$WORK/add.html" kind=account email=nobody@example.org name=X role=Y sector=school >"$WORK/post"
expect_eq "an email without an account is refused" 400 "$(post "$LA" "/workshops/$ID/participants/new" "$WORK/post")"
expect_in "... said so" "There is no onroll account with this email address" "$WORK/body"
form_body "$WORK/add.html" kind=account email=senco@ashgrove.example.uk name="Sam Senco" \
    role=SENCO organisation="Ashgrove Academy" sector=school consent=yes >"$WORK/post"
expect_eq "the SENCO is added" 303 "$(post "$LA" "/workshops/$ID/participants/new" "$WORK/post")"
form_body "$WORK/add.html" kind=guest name="Gail Guest" role="Youth worker" \
    organisation="Kestrel Youth" sector=youth >"$WORK/post"
expect_eq "a guest is added" 200 "$(post "$LA" "/workshops/$ID/participants/new" "$WORK/post")"
TOKEN=$(sed -n 's/.*id="guest-link" href="\/workshops\/join\/\([^"]*\)".*/\1/p' "$WORK/body")
expect_eq "... with a link of a random 43-character token, shown once" 43 "${#TOKEN}"
expect_eq "... of which only the hash is kept" 0 "$(sql "select count(*) from workshop_participants where token_hash = '$TOKEN' or session_hash = '$TOKEN'")"
expect_eq "... and audited" 1 "$(sql "select count(*) from audit_log where detail like 'workshop $ID: participant % added (guest, one-time link made)'")"
sql "select coalesce(detail, '') || ' ' || coalesce(object, '') from audit_log" >"$WORK/audit.txt"
expect_in "... (the audit lines read)" "one-time link made" "$WORK/audit.txt"
expect_not_in "... the audit lines do not hold it" "$TOKEN" "$WORK/audit.txt"
expect_eq "the SENCO (a participant) may not add participants" 403 "$(get "$SC" "/workshops/$ID/participants/new")"

# ---- the guest joins, once ----
expect_eq "the link" 200 "$(get "$GU" "/workshops/join/$TOKEN")"
cp "$WORK/body" "$WORK/join.html"
expect_in "... the guest's name as the facilitator wrote it" 'value="Gail Guest"' "$WORK/join.html"
expect_eq "... a GET uses nothing" "" "$(sql "select joined_at from workshop_participants where display_name = 'Gail Guest'")"
expect_eq "a made-up link" 404 "$(get "$G2" "/workshops/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")"
curl -s -o /dev/null -b "$GU" -c "$GU" -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-binary "name=Gail+Guest" -w '%{http_code}' "$B/workshops/join/$TOKEN" >"$WORK/code"
expect_eq "joining without the form's token is refused (CSRF)" 403 "$(cat "$WORK/code")"
form_body "$WORK/join.html" name="Gail G." >"$WORK/post"
expect_eq "the guest joins" 303 "$(post "$GU" "/workshops/join/$TOKEN" "$WORK/post")"
tr 'A-Z' 'a-z' <"$WORK/headers" >"$WORK/h"
expect_in "... to the workshop" "location: /workshops/$ID" "$WORK/h"
expect_in "... with the workshop's cookie, for the session's 12 hours" "onroll_workshop=" "$WORK/headers"
grep -i '^set-cookie: onroll_workshop=' "$WORK/headers" >"$WORK/c1"
expect_in "... (its lifetime)" "Max-Age=43200" "$WORK/c1"
grep -i '^set-cookie: onroll_signin=' "$WORK/headers" >"$WORK/c2"
expect_in "... and the forms' token as long (forms still work after the browser restarts)" "Max-Age=43200" "$WORK/c2"
expect_eq "... joined, no name in the report" "Gail G.|0" "$(sql "select display_name, name_consent from workshop_participants where id = (select max(id) from workshop_participants where email = '')")"
expect_eq "the link used again (another browser) is refused" 410 "$(get "$G2" "/workshops/join/$TOKEN")"
expect_in "... said so" "This link has already been used" "$WORK/body"
form_body "$WORK/join.html" name=Mallory >"$WORK/post"
expect_eq "... and posting it again too" 410 "$(post "$GU" "/workshops/join/$TOKEN" "$WORK/post")"
sql "select coalesce(detail, '') || ' ' || coalesce(object, '') from audit_log" >"$WORK/audit.txt"
expect_in "... (the audit lines read)" "/workshops/join/{token}" "$WORK/audit.txt"
expect_not_in "... no audit line holds the link's token" "$TOKEN" "$WORK/audit.txt"
expect_eq "... the guest's name unchanged" "Gail G." "$(sql "select display_name from workshop_participants where email = '' and workshop = $ID")"

# ---- what the guest's cookie opens: its workshop, nothing else ----
expect_eq "the guest opens the workshop" 200 "$(get "$GU" "/workshops/$ID")"
expect_in "... the warm-up's prompt, verbatim" "get colleagues to define in their own words what they understand to be the purpose of the local education system and how they define &#39;inclusive and nurturing education&#39;" "$WORK/body"
expect_not_in "... no service navigation (no account)" 'govuk-service-navigation__list' "$WORK/body"
for path in / /pupils /pupils/download /schools /reports /reports/scrutiny /duties /reviews \
    /workshops/new /workshops/download /admin/audit /settings; do
    code=$(get "$GU" "$path")
    expect_eq "the guest's cookie does not open $path (sign-in)" 303 "$code"
done
expect_eq "... /workshops sends the guest to their own workshop" 303 "$(get "$GU" /workshops)"
tr 'A-Z' 'a-z' <"$WORK/headers" >"$WORK/h"
expect_in "... there" "location: /workshops/$ID" "$WORK/h"
expect_eq "... not another workshop" 404 "$(get "$GU" "/workshops/$ID2")"
expect_eq "... nor its report" 404 "$(get "$GU" "/workshops/$ID2/report")"
expect_eq "... nor its live events" 404 "$(get "$GU" "/workshops/$ID2/events")"
expect_eq "... nor its changes" 404 "$(get "$GU" "/workshops/$ID2/changes")"
expect_eq "... nor adding participants" 403 "$(get "$GU" "/workshops/$ID/participants/new")"
get "$GU" "/workshops/$ID" >/dev/null
GCSRF=$(csrf_of "$WORK/body")
printf 'csrf_token=%s&tool=purpose' "$GCSRF" >"$WORK/post"
expect_eq "... nor revealing" 403 "$(post "$GU" "/workshops/$ID/reveal" "$WORK/post")"
expect_eq "... nor a guest who creates workshops" 303 "$(post "$GU" /workshops/new "$WORK/post")"
printf 'onroll_workshop=%s' "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-43)" >"$WORK/fake"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $(cat "$WORK/fake")" "$B/workshops/$ID")
expect_eq "a made-up guest cookie opens nothing" 404 "$code"
code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$B/workshops/$ID")
expect_eq "nobody (no cookie, no account): refused" 403 "$code"
expect_in "... offered to sign in, then back to the workshop" "href=\"/sign-in?next=%2Fworkshops%2F$ID\"" "$WORK/body"
expect_not_in "... nothing of the workshop shown" "Inclusion in Kestrel" "$WORK/body"
expect_eq "another school's account may not open the workshop" 404 "$(get "$OT" "/workshops/$ID")"
expect_eq "... nor its events" 404 "$(get "$OT" "/workshops/$ID/events")"
expect_eq "the school opens its own school's pupil council session" 200 "$(get "$SC" "/workshops/$ID2")"

# ---- the warm-up: private until revealed ----
printf 'action=purpose&purpose=No+child+left+out' >"$WORK/post"
expect_eq "the guest's definition without the CSRF token is refused" 403 "$(post "$GU" "/workshops/$ID" "$WORK/post")"
C0=$(sql "select changes from workshops where id = $ID")
# a listener on the live events, from before the change
curl -s -N -b "$SC" "$B/workshops/$ID/events?since=$C0" >"$WORK/events" 2>/dev/null &
EV=$!
PIDS="$PIDS $EV"
sleep 0.5
printf 'csrf_token=%s&action=purpose&purpose=%s' "$GCSRF" "Every+child+belongs+and+learns+here" >"$WORK/post"
T0=$(date +%s.%N)
expect_eq "the guest writes their definition" 303 "$(post "$GU" "/workshops/$ID" "$WORK/post")"
i=0
while [ $i -lt 40 ] && ! grep -q '^event: change' "$WORK/events"; do sleep 0.025; i=$((i + 1)); done
T1=$(date +%s.%N)
expect_in "the listening stream got the change" "event: change" "$WORK/events"
expect_in "... with the new counter" "data: $((C0 + 1))" "$WORK/events"
ms=$(python3 -c "print(int((float('$T1') - float('$T0')) * 1000))")
echo "     (the event came ${ms} ms after the POST was sent)"
expect_eq "... within a second" yes "$([ "$ms" -lt 1000 ] && echo yes || echo "no: $ms ms")"
kill $EV 2>/dev/null
expect_eq "the polling fallback" 200 "$(get "$SC" "/workshops/$ID/changes?since=$C0")"
expect_eq "... counts the change" "{\"changes\": $((C0 + 1))}" "$(cat "$WORK/body")"
expect_eq "... stored" "Every child belongs and learns here" "$(sql "select purpose from workshop_participants where display_name = 'Gail G.'")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail like 'workshop $ID: participant % purpose (guest:%)'")"
get "$SC" "/workshops/$ID" >/dev/null
expect_in "the SENCO sees that one of two wrote theirs" "1 of 2 participants have written" "$WORK/body"
expect_not_in "... not what" "Every child belongs" "$WORK/body"
SCSRF=$(csrf_of "$WORK/body")
printf 'csrf_token=%s&action=purpose&purpose=%s' "$SCSRF" "A+place+for+every+child" >"$WORK/post"
expect_eq "the SENCO writes theirs" 303 "$(post "$SC" "/workshops/$ID" "$WORK/post")"
printf 'csrf_token=%s&tool=purpose' "$SCSRF" >"$WORK/post"
expect_eq "the SENCO (not the facilitator) may not reveal" 403 "$(post "$SC" "/workshops/$ID/reveal" "$WORK/post")"
get "$LA" "/workshops/$ID" >/dev/null
expect_not_in "the facilitator does not see them before the reveal either" "A place for every child" "$WORK/body"
LCSRF=$(csrf_of "$WORK/body")
printf 'csrf_token=%s&tool=purpose&back=/workshops/%s' "$LCSRF" "$ID" >"$WORK/post"
expect_eq "the facilitator reveals" 303 "$(post "$LA" "/workshops/$ID/reveal" "$WORK/post")"
expect_eq "... stored" "purpose|officer@la.example.gov.uk" "$(sql "select tool, revealed_by from workshop_reveals where workshop = $ID")"
get "$GU" "/workshops/$ID" >/dev/null
expect_in "the guest now sees the SENCO's" "A place for every child" "$WORK/body"
expect_in "... and their own" "Every child belongs and learns here" "$WORK/body"

# ---- notes and the report ----
printf 'csrf_token=%s&action=notes&tool=map&note-map-1=Schools%%2C+CAMHS+and+the+youth+service&note-map-6=Share+referral+criteria' "$LCSRF" >"$WORK/post"
expect_eq "the facilitator notes the map's questions" 303 "$(post "$LA" "/workshops/$ID" "$WORK/post")"
expect_eq "... stored per question" "map|1|Schools, CAMHS and the youth service;map|6|Share referral criteria" "$(sql "select tool || '|' || question || '|' || note from workshop_notes where workshop = $ID order by question" | tr '\n' ';' | sed 's/;$//')"
printf 'csrf_token=%s&action=notes&tool=map&note-map-1=x' "$GCSRF" >"$WORK/post"
expect_eq "a guest may not write the notes" 403 "$(post "$GU" "/workshops/$ID" "$WORK/post")"
expect_eq "the report" 200 "$(get "$LA" "/workshops/$ID/report")"
cp "$WORK/body" "$WORK/report.html"
expect_in "... the SENCO by name (agreed)" "Sam Senco" "$WORK/report.html"
expect_not_in "... the guest not by name (did not agree)" "Gail" "$WORK/report.html"
expect_in "... but by role" "Youth worker" "$WORK/report.html"
expect_in "... the note against its question" "Who are the key players in the system?" "$WORK/report.html"
expect_in "... the note" "Share referral criteria" "$WORK/report.html"
expect_in "... the series side by side" "The sessions of Inclusion 2027 side by side" "$WORK/report.html"
expect_in "... the pupil council session beside it" ">Pupil council<" "$WORK/report.html"
expect_eq "the guest reads the report of their workshop" 200 "$(get "$GU" "/workshops/$ID/report")"
expect_not_in "... without the other session (not theirs)" ">Pupil council<" "$WORK/body"
if [ -x /usr/bin/chromium ] || [ -n "${ONROLL_CHROMIUM:-}" ]; then
    expect_eq "the report as a PDF" 200 "$(get "$LA" "/workshops/$ID/report.pdf")"
    expect_eq "... a PDF" "%PDF" "$(head -c 4 "$WORK/body")"
else
    echo "skipped: the report's PDF (no Chromium)"
fi

# ---- a guest's cookie ends with the session's absolute time-out (12 hours from joining) ----
sql "update workshop_participants set joined_at = joined_at - 43201 where email = '' and workshop = $ID" >/dev/null
expect_eq "a guest's cookie 12 hours after joining opens nothing" 404 "$(get "$GU" "/workshops/$ID")"
sql "update workshop_participants set joined_at = joined_at + 43201 where email = '' and workshop = $ID" >/dev/null
expect_eq "... (within them, it does)" 200 "$(get "$GU" "/workshops/$ID")"

# ---- removing a participant ends their link and their cookie ----
form_body "$WORK/add.html" kind=guest name="Lost Link" role=Parent sector=parent >"$WORK/post"
expect_eq "a second guest is added" 200 "$(post "$LA" "/workshops/$ID/participants/new" "$WORK/post")"
TOKEN2=$(sed -n 's/.*id="guest-link" href="\/workshops\/join\/\([^"]*\)".*/\1/p' "$WORK/body")
P2=$(sql "select id from workshop_participants where display_name = 'Lost Link'")
PG=$(sql "select id from workshop_participants where display_name = 'Gail G.'")
printf 'csrf_token=%s&action=remove&participant=%s' "$GCSRF" "$P2" >"$WORK/post"
expect_eq "a guest may not remove anyone" 403 "$(post "$GU" "/workshops/$ID" "$WORK/post")"
printf 'csrf_token=%s&action=remove&participant=%s' "$LCSRF" "$P2" >"$WORK/post"
expect_eq "the facilitator removes the guest whose link was lost" 303 "$(post "$LA" "/workshops/$ID" "$WORK/post")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail = 'workshop $ID: participant $P2 removed'")"
expect_eq "... their link no longer opens" 404 "$(get "$G2" "/workshops/join/$TOKEN2")"
printf 'csrf_token=%s&action=remove&participant=%s' "$LCSRF" "$PG" >"$WORK/post"
expect_eq "the facilitator removes the guest who joined" 303 "$(post "$LA" "/workshops/$ID" "$WORK/post")"
expect_eq "... their cookie no longer opens the workshop" 404 "$(get "$GU" "/workshops/$ID")"
expect_eq "... nor its live events" 404 "$(get "$GU" "/workshops/$ID/events")"

# ---- a stream ends with the server ----
curl -s -N -b "$SC" "$B/workshops/$ID/events" >"$WORK/events2" 2>/dev/null &
EV=$!
PIDS="$PIDS $EV"
sleep 0.3
SRV=$(echo $PIDS | cut -d' ' -f1)
kill "$SRV"
i=0
while [ $i -lt 50 ] && kill -0 "$SRV" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
expect_eq "the server stops within 5 seconds with a live stream open" stopped "$(kill -0 "$SRV" 2>/dev/null && echo running || echo stopped)"
expect_in "... the stream had begun" "retry: 1000" "$WORK/events2"
finish
