#!/bin/sh
# test_movements.sh - pupil movements (issue 14, item 6) end to end: the real binary, the real
# database (SQLite, and PostgreSQL through tests/pg/test_e2e_pg.sh), a real `onroll serve`
# driven with curl (CSRF tokens from the pages), over a small scenario (tests/e2e/movements/)
# whose dates are fixed school days of its calendar (autumn 2025 to summer 2026).
#
#   1. An exit (managed move, in-year transfer, elective home education, child missing
#      education, unexplained exit) ends the pupil's enrolment at the school on its date, by
#      whatever route it comes (the importer does it): a CSV file here, the form below. An
#      off-site direction or an AP placement does not (the pupil stays on roll).
#   2. The attack first: a school cannot record a movement of another school's pupil (404,
#      denied on the audit log), nor for another school by forging the form's school.
#   3. The form: choose the movement, then its own fields only; every error at once; the
#      check page (what the exit ends); Change; Save (303, one event, its audit row, the
#      enrolment ended); saving twice records it once. A managed move naming the school that
#      claimed the pupil confirms the claim.
#   4. The pupil page links to the form, and the timeline names each movement in words.
# Then, when Chromium is there, tests/browser/movements.spec.mjs (a school records a managed
# move and an elective home education; axe on every page; 320 px).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
export FORM_LISTS=""
M=$(pwd)/tests/e2e/movements
A=R999271000001 # Amir Ahmed, Eastfield: managed move to Westgate (the form)
B_=F999271000002 # Beth Bell, Eastfield: elective home education (the form)
C=V999271000003 # Cody Clark, Westgate: another school's pupil
D=J999271000004 # Dana Dunn, Eastfield: child missing education (a CSV file)
E=Y999271000005 # Eli Evans, Eastfield: off-site direction, AP placement, then an unexplained exit (LA)
F=M999271000006 # Farah Fofana, Eastfield: in-year transfer (the LA's form)
G=B999271000007 # Gus Green, Eastfield twice (autumn 2025, then from January 2026): two exits in one file
PW=kestrel-river-41

enrolment_of() { # UPN URN: "end|leaving reason" of the pupil's enrolment at the school
    sql "SELECT COALESCE(CAST(end_date AS TEXT), ''), COALESCE(leaving_reason, '') FROM enrolments WHERE upn = '$1' AND urn = $2"
}
events_count() {
    sql "SELECT COUNT(*) FROM events"
}
hidden_of() {
    sed -n "s/.*<input type=\"hidden\" name=\"$2\" value=\"\([^\"]*\)\".*/\1/p" "$1" | tail -n 1
}

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$M/schools.csv" "$M/calendar.csv" \
    "$M/pupils.csv" "$M/enrolments.csv"

# ---- 1. an exit by CSV ends the enrolment; a placement does not ----
cat >"$WORK/exits.csv" <<'CSV'
event_id,upn,urn,type,start,to_urn,provider,end
CME-D,J999271000004,200001,cme,2026-01-23,,,
OSD-E,Y999271000005,200001,off_site_direction,2026-02-02,200003,,2026-02-13
CSV
expect_status "import a child missing education and an off-site direction" 0 "$ONROLL" import "$WORK/exits.csv"
expect_eq "the CME ends D's enrolment at Eastfield on its date" "2026-01-23|Child missing education" "$(enrolment_of $D 200001)"
expect_eq "the off-site direction leaves E on roll" "|" "$(enrolment_of $E 200001)"
expect_in "the import says what it ended" "1 enrolment ended by the exits" "$WORK/out"
# two exits of one pupil and school in one file, the later first, and the same day twice: each
# ends the registration open on its day, and no other
cat >"$WORK/exits-g.csv" <<'CSV'
event_id,upn,urn,type,start
UX-G,B999271000007,200001,unexplained_exit,2026-01-23
CME-G,B999271000007,200001,cme,2025-11-14
CME-G2,B999271000007,200001,cme,2025-11-14
CSV
expect_status "import two exits of Gus" 0 "$ONROLL" import "$WORK/exits-g.csv"
expect_eq "... the autumn registration ends on the CME's day" "2025-11-14|Child missing education" \
    "$(sql "SELECT CAST(end_date AS TEXT), leaving_reason FROM enrolments WHERE upn = '$G' AND CAST(start_date AS TEXT) = '2025-09-03'")"
expect_eq "... the January one on the unexplained exit's" "2026-01-23|Left with no known destination" \
    "$(sql "SELECT CAST(end_date AS TEXT), leaving_reason FROM enrolments WHERE upn = '$G' AND CAST(start_date AS TEXT) = '2026-01-05'")"
expect_in "... two ended" "2 enrolments ended by the exits" "$WORK/out"
"$ONROLL" export enrolments >"$WORK/enrol1.csv"
expect_in "the export shows the end and the reason" "$D,200001,2023-09-04,2026-01-23,main,9,Child missing education" "$WORK/enrol1.csv"
expect_status "the same file again" 0 "$ONROLL" import "$WORK/exits.csv"
"$ONROLL" export enrolments >"$WORK/enrol2.csv"
expect_same_file "... changes nothing" "$WORK/enrol1.csv" "$WORK/enrol2.csv"

# ---- the server and its accounts ----
for u in "head@eastfield.example.sch.uk school 200001" "head@westgate.example.sch.uk school 200002" \
    "officer@la.example.gov.uk la_officer -"; do
    set -- $u
    if [ "$3" = - ]; then
        echo "$PW" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --password-stdin >/dev/null 2>&1
    else
        echo "$PW" | "$ONROLL" user add "$1" --name "Test $2" --role "$2" --scope "$3" --password-stdin >/dev/null 2>&1
    fi
    expect_eq "account $1" 0 $?
done
start_server
SC=$WORK/east.jar
WG=$WORK/west.jar
LA=$WORK/la.jar
expect_eq "Eastfield signs in" 303 "$(sign_in "$SC" head@eastfield.example.sch.uk "$PW")"
expect_eq "Westgate signs in" 303 "$(sign_in "$WG" head@westgate.example.sch.uk "$PW")"
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk "$PW")"

# ---- 2. the attack first: another school's pupil ----
denied_before=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND upn = '$C'")
expect_eq "Eastfield asks for the movement form of Westgate's pupil: not found" 404 \
    "$(get "$SC" "/pupils/$C/movements/new?kind=ehe")"
expect_eq "... a denied line on the audit log" $((denied_before + 1)) \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND upn = '$C'")"
# a forged POST, with the token of one of its own pages
expect_eq "Eastfield's own pupil's form" 200 "$(get "$SC" "/pupils/$A/movements/new?kind=ehe")"
cp "$WORK/body" "$WORK/own-form.html"
before=$(events_count)
form_body "$WORK/own-form.html" kind=ehe urn=200002 start-day=23 start-month=1 start-year=2026 \
    action=save >"$WORK/req"
expect_eq "a forged save of an EHE for Westgate's pupil: not found" 404 "$(post "$SC" "/pupils/$C/movements/new" "$WORK/req")"
expect_eq "... nothing written" "$before" "$(events_count)"
expect_eq "... Westgate's pupil still on its roll" "|" "$(enrolment_of $C 200002)"
# the school's own pupil, the form's school forged to Westgate: the account's school wins
form_body "$WORK/own-form.html" kind=ehe urn=200002 start-day=23 start-month=1 start-year=2026 \
    action=check >"$WORK/req"
expect_eq "a check naming another school" 200 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... is Eastfield's own" "Eastfield Academy" "$WORK/body"
expect_not_in "... never Westgate's" "Westgate School" "$WORK/body"
expect_eq "... and writes nothing" "$before" "$(events_count)"
# a pupil on the school's roll, but not on the date: the importer's school scope says so
form_body "$WORK/own-form.html" kind=ehe start-day=1 start-month=9 start-year=2023 action=check >"$WORK/req"
expect_eq "an exit before the pupil joined" 400 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... not on the roll on that day" "is not on this school" "$WORK/body"

# a save without the CSRF token (another site's page posting for the signed-in school)
printf 'kind=ehe&start-day=23&start-month=1&start-year=2026&action=save' >"$WORK/req"
expect_eq "a save without its CSRF token is refused" 403 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_eq "... nothing written" "$before" "$(events_count)"

# ---- 3. the form: choose, fields, every error at once, check, change, save ----
expect_eq "the pupil page" 200 "$(get "$SC" "/pupils/$A")"
expect_in "... links to record a movement" "href=\"/pupils/$A/movements/new\"" "$WORK/body"
expect_in "... a button named in words" "Record a movement</a>" "$WORK/body"
expect_eq "choose a movement" 200 "$(get "$SC" "/pupils/$A/movements/new")"
cp "$WORK/body" "$WORK/choose.html"
for k in managed_move in_year_transfer off_site_direction ap_placement ehe cme unexplained_exit; do
    expect_in "... offers $k" "value=\"$k\"" "$WORK/choose.html"
done
expect_in "... in words" "Elective home education" "$WORK/choose.html"
form_body "$WORK/choose.html" action=choose >"$WORK/req"
expect_eq "continuing without a choice" 400 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... says so" '<a href="#kind">Select the movement to record</a>' "$WORK/body"
expect_eq "an unknown movement in the link" 400 "$(get "$SC" "/pupils/$A/movements/new?kind=expelled")"
form_body "$WORK/choose.html" action=choose kind=managed_move >"$WORK/req"
expect_eq "choosing a managed move" 303 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... goes to its form" "Location: /pupils/$A/movements/new?kind=managed_move" "$WORK/headers"
expect_eq "the managed move's form" 200 "$(get "$SC" "/pupils/$A/movements/new?kind=managed_move")"
cp "$WORK/body" "$WORK/mm-form.html"
expect_in "... the school it moves to" 'name="to_urn"' "$WORK/mm-form.html"
expect_in "... by name" ">Westgate School</option>" "$WORK/mm-form.html"
expect_not_in "... not its own school" ">Eastfield Academy</option>" "$WORK/mm-form.html"
expect_in "... the last day on roll" 'id="start-day"' "$WORK/mm-form.html"
expect_not_in "... no provider (not a managed move's)" 'name="provider"' "$WORK/mm-form.html"
expect_not_in "... no end date" 'id="end-day"' "$WORK/mm-form.html"
expect_in "... a CSRF token" 'name="csrf_token"' "$WORK/mm-form.html"
form_body "$WORK/mm-form.html" action=check >"$WORK/req"
expect_eq "an empty managed move" 400 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... the error summary" "There is a problem" "$WORK/body"
expect_in "... the date" '<a href="#start-day">Enter the last day on the school&#39;s roll</a>' "$WORK/body"
expect_in "... and the school, at once" '<a href="#to_urn">Select the school the pupil moves to</a>' "$WORK/body"
form_body "$WORK/mm-form.html" start-day=31 start-month=2 start-year=2026 to_urn=200001 action=check >"$WORK/req"
expect_eq "a date that is not one, and its own school as the destination" 400 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... the date" "must be a real date" "$WORK/body"
expect_in "... the destination" "Select another school" "$WORK/body"
form_body "$WORK/mm-form.html" start-day=23 start-month=1 start-year=2026 to_urn=999999 action=check >"$WORK/req"
expect_eq "a destination that is not one of the LA's schools (forged)" 400 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... refused" '<a href="#to_urn">Select the school the pupil moves to</a>' "$WORK/body"

# Westgate claims Amir first (he starts there on Monday 26 January 2026): held as a claim
upload() { # JAR FILE
    get "$1" /upload >/dev/null
    tok=$(csrf_of "$WORK/body")
    curl -s -b "$1" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$tok" \
        -F "file=@$2;filename=$(basename "$2");type=text/csv" "$B/upload"
}
printf 'upn,urn,start,end,type\n%s,200002,2026-01-26,,main\n' "$A" >"$WORK/claim.csv"
expect_eq "Westgate enrols Amir" 200 "$(upload "$WG" "$WORK/claim.csv")"
expect_eq "... a claim, waiting" "pending" "$(sql "SELECT status FROM claims WHERE upn = '$A' AND urn = 200002")"

form_body "$WORK/mm-form.html" start-day=23 start-month=1 start-year=2026 to_urn=200002 \
    "notes=Trial from 5 January went well <b>&</b>" action=check >"$WORK/req"
expect_eq "check the managed move" 200 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
cp "$WORK/body" "$WORK/mm-check.html"
expect_in "... its title" "Check the managed move before saving" "$WORK/mm-check.html"
expect_in "... nothing saved yet" "Nothing has been saved yet" "$WORK/mm-check.html"
expect_in "... where to" "Westgate School" "$WORK/mm-check.html"
expect_in "... the date in words" "23 January 2026" "$WORK/mm-check.html"
expect_in "... what it ends" "ends Amir Ahmed&#39;s registration at Eastfield Academy on 23 January 2026" "$WORK/mm-check.html"
expect_in "... notes escaped" "went well &lt;b&gt;&amp;&lt;/b&gt;" "$WORK/mm-check.html"
expect_eq "... the check writes nothing" "$before" "$(events_count)"
expect_eq "... the enrolment still open" "|" "$(enrolment_of $A 200001)"
expect_eq "... the claim still waiting" "pending" "$(sql "SELECT status FROM claims WHERE upn = '$A' AND urn = 200002")"
form_body "$WORK/mm-check.html" action=change >"$WORK/req"
expect_eq "change" 200 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... the form again, the date kept" 'name="start-day" type="text" inputmode="numeric" value="23"' "$WORK/body"
expect_in "... the school kept" '<option value="200002" selected>' "$WORK/body"
form_body "$WORK/mm-check.html" action=save >"$WORK/req"
expect_eq "save the managed move" 303 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_in "... to the pupil's page" "Location: /pupils/$A?movement=managed_move&last=2026-01-23" "$WORK/headers"
expect_eq "... one event" $((before + 1)) "$(events_count)"
expect_eq "... the event as recorded" "managed_move|2026-01-23|200002" \
    "$(sql "SELECT type, CAST(start_date AS TEXT), to_urn FROM events WHERE upn = '$A'")"
expect_eq "... Eastfield's enrolment ended on its date" "2026-01-23|Managed move" "$(enrolment_of $A 200001)"
expect_eq "... its audit row" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'change' AND upn = '$A' AND detail LIKE 'recorded managed_move %'")"
expect_eq "... Westgate's claim confirmed by the move" "confirmed|moved" \
    "$(sql "SELECT status, decision FROM claims WHERE upn = '$A' AND urn = 200002")"
expect_eq "... Amir on Westgate's roll" 1 "$(sql "SELECT COUNT(*) FROM enrolments WHERE upn = '$A' AND urn = 200002")"
# Amir has left Eastfield's roll: the school now sees only its own period of his record, and
# the form is not part of it
expect_eq "saving it again: the pupil has left the school's roll" 404 "$(post "$SC" "/pupils/$A/movements/new" "$WORK/req")"
expect_eq "... records it once" $((before + 1)) "$(events_count)"

# ---- elective home education: the date and notes only ----
expect_eq "the EHE form" 200 "$(get "$SC" "/pupils/$B_/movements/new?kind=ehe")"
cp "$WORK/body" "$WORK/ehe-form.html"
expect_not_in "... no destination" 'name="to_urn"' "$WORK/ehe-form.html"
expect_not_in "... no provider" 'name="provider"' "$WORK/ehe-form.html"
form_body "$WORK/ehe-form.html" start-day=6 start-month=2 start-year=2026 action=check >"$WORK/req"
expect_eq "check the EHE" 200 "$(post "$SC" "/pupils/$B_/movements/new" "$WORK/req")"
expect_in "... what it ends" "ends Beth Bell&#39;s registration at Eastfield Academy on 6 February 2026" "$WORK/body"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save the EHE" 303 "$(post "$SC" "/pupils/$B_/movements/new" "$WORK/req")"
expect_eq "... the enrolment ended" "2026-02-06|Elective home education" "$(enrolment_of $B_ 200001)"
expect_eq "the pupil page after saving" 200 "$(get "$SC" "/pupils/$B_?movement=ehe&last=2026-02-06")"
expect_in "... the banner" "Elective home education recorded. The pupil&#39;s registration at the school ended on 6 February 2026." "$WORK/body"
expect_in "... the form's title" "Record elective home education" "$WORK/ehe-form.html"
expect_eq "the LA sees Beth's record" 200 "$(get "$LA" "/pupils/$B_")"
expect_in "... no longer on roll" "Not on roll at any school" "$WORK/body"
expect_in "... the EHE on the timeline" "Elective home education" "$WORK/body"
before=$(events_count)
form_body "$WORK/ehe-form.html" start-day=9 start-month=2 start-year=2026 action=save >"$WORK/req"
expect_eq "a second exit by the school after the pupil left" 404 "$(post "$SC" "/pupils/$B_/movements/new" "$WORK/req")"
expect_eq "... nothing written" "$before" "$(events_count)"

# ---- an off-site direction and an AP placement: the pupil stays on roll ----
expect_eq "the AP placement form" 200 "$(get "$SC" "/pupils/$E/movements/new?kind=ap_placement")"
cp "$WORK/body" "$WORK/ap-form.html"
form_body "$WORK/ap-form.html" start-day=27 start-month=3 start-year=2026 end-day=2 end-month=3 \
    end-year=2026 action=check >"$WORK/req"
expect_eq "an AP placement without its provider, ending before it starts" 400 "$(post "$SC" "/pupils/$E/movements/new" "$WORK/req")"
expect_in "... the provider" '<a href="#provider">Enter the provider</a>' "$WORK/body"
expect_in "... and the end, at once" '<a href="#end-day">The last day of the placement must be the same as or after the first day of the placement</a>' "$WORK/body"
form_body "$WORK/ap-form.html" start-day=2 start-month=3 start-year=2026 end-day=27 end-month=3 \
    end-year=2026 "provider=Hillside Farm Education" action=check >"$WORK/req"
expect_eq "check the AP placement" 200 "$(post "$SC" "/pupils/$E/movements/new" "$WORK/req")"
expect_in "... stays on roll" "stays on the roll of Eastfield Academy" "$WORK/body"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save it" 303 "$(post "$SC" "/pupils/$E/movements/new" "$WORK/req")"
expect_eq "... E still on roll" "|" "$(enrolment_of $E 200001)"
expect_eq "the off-site direction form" 200 "$(get "$SC" "/pupils/$E/movements/new?kind=off_site_direction")"
cp "$WORK/body" "$WORK/osd-form.html"
form_body "$WORK/osd-form.html" start-day=20 start-month=4 start-year=2026 end-day=1 end-month=5 \
    end-year=2026 action=check >"$WORK/req"
expect_eq "an off-site direction to nowhere" 400 "$(post "$SC" "/pupils/$E/movements/new" "$WORK/req")"
expect_in "... says where it must go" "Select the school the pupil attends, or enter the provider" "$WORK/body"

# ---- the LA: an in-year transfer and an unexplained exit, the school chosen ----
expect_eq "the LA's in-year transfer form" 200 "$(get "$LA" "/pupils/$F/movements/new?kind=in_year_transfer")"
cp "$WORK/body" "$WORK/iyt-form.html"
expect_in "... the pupil's school to choose" 'name="urn" type="radio" value="200001"' "$WORK/iyt-form.html"
form_body "$WORK/iyt-form.html" urn=200001 start-day=13 start-month=3 start-year=2026 to_urn=200002 action=check >"$WORK/req"
expect_eq "check it" 200 "$(post "$LA" "/pupils/$F/movements/new" "$WORK/req")"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save it" 303 "$(post "$LA" "/pupils/$F/movements/new" "$WORK/req")"
expect_eq "... the enrolment ended" "2026-03-13|In-year transfer" "$(enrolment_of $F 200001)"
expect_eq "the LA's unexplained exit form" 200 "$(get "$LA" "/pupils/$E/movements/new?kind=unexplained_exit")"
form_body "$WORK/body" urn=200001 start-day=17 start-month=4 start-year=2026 action=check >"$WORK/req"
expect_eq "check it" 200 "$(post "$LA" "/pupils/$E/movements/new" "$WORK/req")"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save it" 303 "$(post "$LA" "/pupils/$E/movements/new" "$WORK/req")"
expect_eq "... the enrolment ended" "2026-04-17|Left with no known destination" "$(enrolment_of $E 200001)"

# ---- 4. the timeline names each movement ----
expect_eq "E's page (LA)" 200 "$(get "$LA" "/pupils/$E")"
expect_in "... the unexplained exit in words" "Unexplained exit" "$WORK/body"
expect_in "... the AP placement" "Alternative provision placement" "$WORK/body"
expect_in "... its provider" "Hillside Farm Education" "$WORK/body"
expect_in "... the off-site direction" "Off-site direction" "$WORK/body"
expect_in "... where it sent the pupil" "Riverside Pupil Referral Unit" "$WORK/body"
expect_eq "A's page (LA)" 200 "$(get "$LA" "/pupils/$A")"
expect_in "... the managed move in words" "Managed move" "$WORK/body"
expect_in "... to Westgate" "to Westgate School" "$WORK/body"

# Issue 14 item 4: a movement must start on a school day (the importer's check, so the form
# refuses it too) and not after the pupil left (checked above: a school's own roll).
expect_eq "Westgate's EHE form for Cody" 200 "$(get "$WG" "/pupils/$C/movements/new?kind=ehe")"
form_body "$WORK/body" start-day=24 start-month=1 start-year=2026 action=check >"$WORK/req"
code=$(post "$WG" "/pupils/$C/movements/new" "$WORK/req")
expect_eq "a movement on Saturday 24 January 2026 is refused" 400 "$code"
expect_in "... not a school day, said" "not a school day" "$WORK/body"

# ---- the MIS API: the same importer, so an exit sent by a school's MIS ends the enrolment ----
TOKEN=$("$ONROLL" user token 200002 2>/dev/null | grep '^onr_' | tail -n 1)
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary \
    "[{\"event_id\":\"API-C-1\",\"upn\":\"$C\",\"urn\":\"200002\",\"type\":\"in_year_transfer\",\"start\":\"2026-03-20\",\"to_urn\":\"200001\"}]" \
    "$B/api/v1/events")
expect_eq "Westgate's MIS sends Cody's in-year transfer" 200 "$code"
expect_eq "... his enrolment at Westgate ended on its date" "2026-03-20|In-year transfer" "$(enrolment_of $C 200002)"
finish
