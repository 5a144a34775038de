#!/bin/sh
# test_forms.sh - the data-entry pages and the reports, end to end: a real `onroll serve` on
# 127.0.0.1 (a free port) over the demo LA (`onroll demo`, with its accounts), driven with curl.
#
# Recording a suspension (the check step shows the duties it creates and the warnings; saving
# writes the event, once, and the audit line), a bad date and a suspension over the 45-day cap
# refused with nothing written, hostile notes (markup shown escaped, broken UTF-8 and overlong
# text refused), a school account kept to its own pupils and its own school, recording a duty
# done (the duty is then done for `onroll duties`), uploading a CSV through the importer (a bad
# row: every error listed, nothing written; another school's rows refused), and the reports
# (the analyst sees suppressed figures only; the CSV download is the CLI's table, audited).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
export FORM_LISTS="reasons" # form_body: the names sent as lists

# the event id the check page carries
event_id_of() {
    sed -n 's/.*name="event_id" value="\(WEB-[0-9A-F]*\)".*/\1/p' "$1" | tail -n 1
}

# ---- the demo LA and its accounts ----
AS_OF=2026-11-24
"$ONROLL" demo --schools 20 --pupils 4000 --as-of "$AS_OF" >"$WORK/demo.out" 2>&1
expect_eq "demo LA" 0 $?
expect_in "demo prints the accounts" "la_officer@demo.onroll.example" "$WORK/demo.out"
SCHOOL_URN=$(awk '$1 == "school" {print $3}' "$WORK/demo.out")
TODAY=$(date +%Y-%m-%d)
T_DAY=$(date +%-d)
T_MONTH=$(date +%-m)
T_YEAR=$(date +%Y)
YEAR=2025/26

"$ONROLL" export pupils >"$WORK/pupils.csv"
"$ONROLL" export enrolments >"$WORK/enrolments.csv"
"$ONROLL" export events >"$WORK/events.csv"
python3 - "$WORK" "$SCHOOL_URN" >"$WORK/picks" <<'EOF'
import csv, sys
w, school = sys.argv[1], sys.argv[2]
latest = {}
for r in csv.DictReader(open(w + "/pupils.csv")):
    if r["upn"] not in latest or r["as_of"] >= latest[r["upn"]]["as_of"]:
        latest[r["upn"]] = r
at = {}
for r in csv.DictReader(open(w + "/enrolments.csv")):
    if r["type"] == "main" and not r["end"]:
        at[r["upn"]] = r["urn"]
busy = set(r["upn"] for r in csv.DictReader(open(w + "/events.csv")))
def pick(ok, quiet=True):
    for upn in sorted(at):
        p = latest.get(upn, {})
        if (not quiet or upn not in busy) and ok(p, at[upn]):
            return upn + " " + at[upn]
    return "- -"
plain = lambda p: all(p.get(k) != "1" for k in ("cla", "pla", "cin", "cp")) and p.get("sen") != "E"
print(pick(lambda p, u: u != school and plain(p)))
print(pick(lambda p, u: u == school and plain(p)))
print(pick(lambda p, u: p.get("cla") == "1", False))
print(pick(lambda p, u: p.get("sen") == "E" and p.get("cla") != "1", False))
EOF
read -r P1 P1_URN <<EOF
$(sed -n 1p "$WORK/picks")
EOF
read -r P2 P2_URN <<EOF
$(sed -n 2p "$WORK/picks")
EOF
read -r P_CLA P_CLA_URN <<EOF
$(sed -n 3p "$WORK/picks")
EOF
read -r P_EHC P_EHC_URN <<EOF
$(sed -n 4p "$WORK/picks")
EOF
if [ "$P1" = - ] || [ "$P2" = - ] || [ "$P_CLA" = - ] || [ "$P_EHC" = - ]; then
    fail "the demo LA has the pupils these tests need" "$(cat "$WORK/picks")"
    finish
    exit 1
fi
pass "pupils picked: $P1 at $P1_URN, $P2 at the school account's $SCHOOL_URN"
# The forms record exclusions starting "today", which must be a school day at each school
# (issue 14): on a weekend, holiday or INSET day, the latest school day before it at all of them.
for back in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21; do
    d=$(date -d "-$back day" +%Y-%m-%d)
    printf 'event_id,upn,urn,type,start,sessions,reasons\n' >"$WORK/probe.csv"
    for u in "$P1_URN" "$P_CLA_URN" "$P_EHC_URN" "$SCHOOL_URN"; do
        printf 'PROBE-%s,%s,%s,suspension,%s,1,DB\n' "$u" "$P1" "$u" "$d" >>"$WORK/probe.csv"
    done
    "$ONROLL" import --dry-run "$WORK/probe.csv" >/dev/null 2>"$WORK/probe.err"
    grep -q "is not a school day" "$WORK/probe.err" || break
done
TODAY=$d T_DAY=$(date -d "$d" +%-d) T_MONTH=$(date -d "$d" +%-m) T_YEAR=$(date -d "$d" +%Y)

events_count() {
    "$ONROLL" export events | wc -l | tr -d ' '
}

start_server

LA=$WORK/la.jar
SC=$WORK/school.jar
AN=$WORK/analyst.jar
AD=$WORK/admin.jar
VS=$WORK/vs.jar
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" la_officer@demo.onroll.example demo-officer-kestrel)"
expect_eq "school signs in" 303 "$(sign_in "$SC" school@demo.onroll.example demo-head-kestrel)"
expect_eq "analyst signs in" 303 "$(sign_in "$AN" analyst@demo.onroll.example demo-figures-kestrel)"
expect_eq "LA admin signs in" 303 "$(sign_in "$AD" la_admin@demo.onroll.example demo-admin-kestrel)"
expect_eq "Virtual School signs in" 303 "$(sign_in "$VS" virtual_school@demo.onroll.example demo-virtual-kestrel)"

# ---- record a suspension (LA officer) ----
expect_eq "record form" 200 "$(get "$LA" "/pupils/$P1/record")"
cp "$WORK/body" "$WORK/form.html"
expect_in "record form: type radios" 'name="type" type="radio" value="suspension"' "$WORK/form.html"
expect_in "record form: the GOV.UK date input" 'id="start-day" name="start-day"' "$WORK/form.html"
expect_in "record form: the 2020 reasons with descriptions" 'Persistent or general disruptive behaviour (DB)' "$WORK/form.html"
expect_in "record form: the pupil's school offered" "value=\"$P1_URN\" checked" "$WORK/form.html"
expect_in "record form: a CSRF token" 'name="csrf_token"' "$WORK/form.html"
before=$(events_count)

form_body "$WORK/form.html" type=suspension "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=4 reasons=DB reasons=VA \
    'notes=<script>alert("x")</script> & first line' action=check >"$WORK/check.req"
expect_eq "check a suspension" 200 "$(post "$LA" "/pupils/$P1/record" "$WORK/check.req")"
cp "$WORK/body" "$WORK/check.html"
expect_in "check page: nothing saved yet" "Nothing has been saved yet" "$WORK/check.html"
expect_in "check page: STAT-NOTIFY-PARENT" "STAT-NOTIFY-PARENT" "$WORK/check.html"
expect_in "check page: STAT-NOTIFY-LA" "STAT-NOTIFY-LA" "$WORK/check.html"
expect_in "check page: STAT-NOTICE-S104 (compulsory school age)" "STAT-NOTICE-S104" "$WORK/check.html"
expect_in "check page: the days so far against the cap" "STAT-45DAY-CAP" "$WORK/check.html"
expect_in "check page: the reasons in words" "Persistent or general disruptive behaviour" "$WORK/check.html"
expect_in "check page: notes shown escaped" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; first line' "$WORK/check.html"
expect_not_in "check page: no live script" '<script>alert' "$WORK/check.html"
expect_in "check page: a Save button" 'value="save"' "$WORK/check.html"
EV1=$(event_id_of "$WORK/check.html")
expect_eq "the check writes nothing" "$before" "$(events_count)"
if "$ONROLL" export events | grep -q "^$EV1,"; then fail "the checked event is not stored"; else pass "the checked event is not stored"; fi

form_body "$WORK/check.html" action=change >"$WORK/change.req"
expect_eq "change: back to the form" 200 "$(post "$LA" "/pupils/$P1/record" "$WORK/change.req")"
expect_in "... with what was typed" 'name="sessions" type="text" value="4"' "$WORK/body"
expect_in "... and the same event id" "value=\"$EV1\"" "$WORK/body"

form_body "$WORK/form.html" type=permanent "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" reasons=OW action=check >"$WORK/pex.req"
expect_eq "check a permanent exclusion" 200 "$(post "$LA" "/pupils/$P1/record" "$WORK/pex.req")"
expect_in "... the governing board's duty" "STAT-GB-15DAY" "$WORK/body"
expect_in "... the LA's sixth-day provision" "STAT-6TH-DAY-LA" "$WORK/body"
expect_in "... the pre-exclusion assessment" "LOCAL-PEAP" "$WORK/body"
form_body "$WORK/form.html" type=permanent "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=4 reasons=OW action=check >"$WORK/pex.req"
expect_eq "a permanent exclusion has no sessions (the importer's rule)" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/pex.req")"
expect_in "... against the sessions" '<a href="#sessions">The number of sessions: does not apply to a permanent event' "$WORK/body"

form_body "$WORK/check.html" action=save >"$WORK/save.req"
expect_eq "save the suspension" 303 "$(post "$LA" "/pupils/$P1/record" "$WORK/save.req")"
expect_in "... back to the pupil's page with a banner" "Location: /pupils/$P1?recorded=suspension" "$WORK/headers"
"$ONROLL" export events >"$WORK/events.after"
expect_in "the event is stored (onroll export events)" "$EV1,$P1,$P1_URN,suspension,$TODAY,4,DB;VA" "$WORK/events.after"
expect_in "... recorded by the officer" "la_officer@demo.onroll.example" "$WORK/events.after"
expect_in "... with its notes as typed" '<script>alert(""x"")</script> & first line' "$WORK/events.after"
expect_eq "one more event" $((before + 1)) "$(events_count)"
expect_eq "saving the same form again" 303 "$(post "$LA" "/pupils/$P1/record" "$WORK/save.req")"
expect_eq "... records it once" $((before + 1)) "$(events_count)"
expect_eq "the pupil page after saving" 200 "$(get "$LA" "/pupils/$P1?recorded=suspension")"
expect_eq "admin: the audit log" 200 "$(get "$AD" "/admin/audit?upn=$P1&action=change")"
expect_in "the change is in the audit log" "recorded suspension $EV1" "$WORK/body"

# ---- what is refused, and nothing written ----
before=$(events_count)
form_body "$WORK/form.html" type=suspension "urn=$P1_URN" start-day=31 start-month=2 \
    "start-year=$T_YEAR" sessions=abc reasons=DB action=check >"$WORK/bad.req"
expect_eq "a bad date is refused" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/bad.req")"
expect_in "... the error summary" "There is a problem" "$WORK/body"
expect_in "... names the start date and links to it" '<a href="#start-day">The start date must be a real date' "$WORK/body"
expect_in "... and the sessions" '<a href="#sessions">' "$WORK/body"
expect_in "... the field is marked" 'id="start-error"' "$WORK/body"
expect_in "... what was typed is kept" 'value="abc"' "$WORK/body"
expect_in "... the day as typed" 'name="start-day" type="text" inputmode="numeric" value="31"' "$WORK/body"
form_body "$WORK/form.html" type=suspension "urn=$P1_URN" start-day=31 start-month=2 \
    "start-year=$T_YEAR" sessions=2 reasons=DB action=save >"$WORK/bad.req"
expect_eq "a bad date is refused on saving too" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/bad.req")"
expect_eq "... nothing written" "$before" "$(events_count)"

form_body "$WORK/form.html" type=suspension "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=88 reasons=DB action=check >"$WORK/cap.req"
expect_eq "a suspension over the 45-day cap is refused" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/cap.req")"
expect_in "... naming STAT-45DAY-CAP" "STAT-45DAY-CAP" "$WORK/body"
expect_in "... against the sessions" '<a href="#sessions">' "$WORK/body"
expect_in "... with the total" "to 46 days across all schools" "$WORK/body"
form_body "$WORK/form.html" type=suspension "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=88 reasons=DB action=save >"$WORK/cap.req"
expect_eq "... and on saving" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/cap.req")"
expect_eq "... nothing written" "$before" "$(events_count)"

form_body "$WORK/form.html" type=suspension "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=2 reasons=DB reasons=VA reasons=PP reasons=TH action=check >"$WORK/r4.req"
expect_eq "four reasons are refused (the importer's rule)" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/r4.req")"
expect_in "... against the reasons" '<a href="#reasons">' "$WORK/body"

form_body "$WORK/form.html" type=withdrawn "urn=$P1_URN" action=check >"$WORK/type.req"
expect_eq "another event type is refused" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/type.req")"

# hostile input in the notes
TOK=$(csrf_of "$WORK/form.html")
printf 'csrf_token=%s&type=suspension&urn=%s&start-day=%s&start-month=%s&start-year=%s&sessions=2&reasons=DB&action=check&notes=bad%%FF%%FEbytes' \
    "$TOK" "$P1_URN" "$T_DAY" "$T_MONTH" "$T_YEAR" >"$WORK/utf8.req"
expect_eq "broken UTF-8 in the notes is refused" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/utf8.req")"
long=$(python3 -c 'print("x" * 4050)')
form_body "$WORK/form.html" type=suspension "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=2 reasons=DB "notes=$long" action=save >"$WORK/long.req"
expect_eq "notes over 4000 bytes are refused (the importer's limit)" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/long.req")"
expect_in "... against the notes" '<a href="#notes">The notes: is 4050 bytes long; at most 4000 allowed' "$WORK/body"
long=$(python3 -c 'print("x" * 5000)')
form_body "$WORK/form.html" type=suspension "urn=$P1_URN" sessions=2 "notes=$long" action=save >"$WORK/long.req"
expect_eq "a field over 4096 bytes is refused at the edge" 400 "$(post "$LA" "/pupils/$P1/record" "$WORK/long.req")"
expect_eq "... nothing written" "$before" "$(events_count)"
printf 'type=suspension&urn=%s&action=save' "$P1_URN" >"$WORK/nocsrf.req"
expect_eq "no CSRF token: refused" 403 "$(post "$LA" "/pupils/$P1/record" "$WORK/nocsrf.req")"

# warnings before saving
expect_eq "record form for a looked-after pupil" 200 "$(get "$LA" "/pupils/$P_CLA/record")"
form_body "$WORK/body" type=suspension "urn=$P_CLA_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=1 reasons=DB action=check >"$WORK/cla.req"
expect_eq "check a looked-after pupil's suspension" 200 "$(post "$LA" "/pupils/$P_CLA/record" "$WORK/cla.req")"
expect_in "... warns: consult the Virtual School first" "is looked after. Consult the Virtual School first" "$WORK/body"
expect_in "... names LOCAL-VS-CONSULT" "LOCAL-VS-CONSULT" "$WORK/body"
expect_in "... and the duty to tell the Virtual School Head" "STAT-NOTIFY-VSH" "$WORK/body"
expect_eq "record form for a pupil with an EHC plan" 200 "$(get "$LA" "/pupils/$P_EHC/record")"
form_body "$WORK/body" type=suspension "urn=$P_EHC_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=1 reasons=DB action=check >"$WORK/ehc.req"
expect_eq "check the suspension of a pupil with an EHC plan" 200 "$(post "$LA" "/pupils/$P_EHC/record" "$WORK/ehc.req")"
expect_in "... warns of the EHC plan" "has an education, health and care (EHC) plan" "$WORK/body"

# ---- who may record ----
expect_eq "a school cannot open another school's pupil's form" 404 "$(get "$SC" "/pupils/$P1/record")"
expect_eq "school: its own pupil's form" 200 "$(get "$SC" "/pupils/$P2/record")"
cp "$WORK/body" "$WORK/sform.html"
SCHOOL_NAME=$(sql "select name from schools where urn = $SCHOOL_URN" | python3 -c 'import sys; print(sys.stdin.read().strip().replace("&", "&amp;").replace("'"'"'", "&#39;"))')
expect_in "... for its own school, by name" "School: $SCHOOL_NAME (your school)." "$WORK/sform.html"
expect_not_in "... not by its URN" "URN $SCHOOL_URN (your school)" "$WORK/sform.html"
form_body "$WORK/sform.html" type=suspension "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=2 reasons=DB action=save >"$WORK/other.req"
expect_eq "a school cannot record for another school's pupil" 404 "$(post "$SC" "/pupils/$P1/record" "$WORK/other.req")"
expect_eq "... nothing written" "$before" "$(events_count)"
expect_eq "... the refusal is logged" 200 "$(get "$AD" "/admin/audit?action=denied&user=school@demo.onroll.example")"
expect_in "... with the pupil" "$P1" "$WORK/body"
form_body "$WORK/sform.html" type=suspension "urn=$P1_URN" "start-day=$T_DAY" "start-month=$T_MONTH" \
    "start-year=$T_YEAR" sessions=2 reasons=DB action=check >"$WORK/own.req"
expect_eq "school: check its own pupil's suspension" 200 "$(post "$SC" "/pupils/$P2/record" "$WORK/own.req")"
EV2=$(event_id_of "$WORK/body")
form_body "$WORK/body" action=save >"$WORK/own.req"
expect_eq "school: save it" 303 "$(post "$SC" "/pupils/$P2/record" "$WORK/own.req")"
"$ONROLL" export events >"$WORK/ev2"
expect_in "... recorded for its own school, whatever the form said" "$EV2,$P2,$SCHOOL_URN,suspension" "$WORK/ev2"
expect_eq "the analyst may not record" 403 "$(get "$AN" "/pupils/$P1/record")"
expect_eq "the Virtual School may not record" 403 "$(get "$VS" "/pupils/$P_CLA/record")"
expect_eq "the analyst may not upload" 403 "$(get "$AN" /upload)"

# ---- record a duty done ----
expect_eq "the pupil's duties" 200 "$(get "$LA" "/pupils/$P1/action")"
expect_in "... with a link to record each" "/pupils/$P1/action?urn=$P1_URN&amp;event=$EV1&amp;rule=STAT-NOTIFY-PARENT" "$WORK/body"
"$ONROLL" duties --pupil "$P1" --as-of "$TODAY" --format csv >"$WORK/duties.before"
expect_in "STAT-NOTIFY-PARENT is open before" "$EV1,$P1_URN,$P1,STAT-NOTIFY-PARENT,head teacher,$TODAY,open," "$WORK/duties.before"
expect_eq "the action form" 200 "$(get "$LA" "/pupils/$P1/action?urn=$P1_URN&event=$EV1&rule=STAT-NOTIFY-PARENT")"
cp "$WORK/body" "$WORK/action.html"
expect_in "... asks how it was sent" 'name="delivery" type="radio" value="email"' "$WORK/action.html"
expect_not_in "... no outcome for this rule" 'name="outcome"' "$WORK/action.html"
form_body "$WORK/action.html" done-day=40 "done-month=$T_MONTH" "done-year=$T_YEAR" delivery=pigeon >"$WORK/act.req"
expect_eq "a bad action is refused" 400 "$(post "$LA" "/pupils/$P1/action" "$WORK/act.req")"
expect_in "... the date, against its field" '<a href="#done-day">' "$WORK/body"
expect_in "... the delivery, a choice not offered" '<a href="#delivery">Select how it was sent</a>' "$WORK/body"
form_body "$WORK/action.html" "done-day=$T_DAY" "done-month=$T_MONTH" "done-year=$T_YEAR" delivery=hand \
    "to=the parent" >"$WORK/act.req"
expect_eq "record the parent told" 303 "$(post "$LA" "/pupils/$P1/action" "$WORK/act.req")"
expect_in "... back to the pupil" "Location: /pupils/$P1?action=STAT-NOTIFY-PARENT" "$WORK/headers"
"$ONROLL" duties --pupil "$P1" --as-of "$TODAY" --format csv >"$WORK/duties.after"
expect_in "the duty is done (onroll duties)" "$EV1,$P1_URN,$P1,STAT-NOTIFY-PARENT,head teacher,$TODAY,done,$TODAY" "$WORK/duties.after"
"$ONROLL" export events >"$WORK/events.after"
expect_in "the action is an event naming the suspension" ",$P1,$P1_URN,action,$TODAY,,,$EV1,,,,,,STAT-NOTIFY-PARENT,,hand,the parent," "$WORK/events.after"
expect_eq "no such duty" 404 "$(get "$LA" "/pupils/$P1/action?urn=$P1_URN&event=$EV1&rule=STAT-GB-15DAY")"
expect_eq "a school cannot open another school's duty" 404 "$(get "$SC" "/pupils/$P1/action?urn=$P1_URN&event=$EV1&rule=STAT-NOTIFY-LA")"

# ---- upload a CSV ----
before=$(events_count)
cat >"$WORK/up-bad.csv" <<EOF
event_id,upn,urn,type,start,sessions,reasons
UP-0001,$P1,$P1_URN,lunchtime,$TODAY,1,DB
UP-0002,$P1,$P1_URN,suspension,$T_YEAR-13-01,2,DB
UP-0003,$P1,$P1_URN,lunchtime,$TODAY,1,ZZ
EOF
expect_eq "upload page" 200 "$(get "$LA" /upload)"
TOK=$(csrf_of "$WORK/body")
expect_in "... a file input" 'type="file"' "$WORK/body"
expect_in "... a multipart form" 'enctype="multipart/form-data"' "$WORK/body"
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" \
    -F "file=@$WORK/up-bad.csv;filename=events-bad.csv;type=text/csv" "$B/upload")
expect_eq "a file with bad rows is refused" 400 "$code"
expect_in "... the errors as a table" '<th scope="col" class="govuk-table__header">Column</th>' "$WORK/body"
expect_in "... the file, line and column of each" '<td class="govuk-table__cell">events-bad.csv</td>' "$WORK/body"
expect_in "... line 3: the date" "&#39;$T_YEAR-13-01&#39; is not a date" "$WORK/body"
expect_in "... line 4: the reason" "&#39;ZZ&#39; is not a valid exclusion reason code" "$WORK/body"
expect_eq "... nothing written" "$before" "$(events_count)"
head -n 2 "$WORK/up-bad.csv" >"$WORK/up-good.csv"
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" -F check=1 \
    -F "file=@$WORK/up-good.csv;filename=events.csv;type=text/csv" "$B/upload")
expect_eq "only check a good file" 200 "$code"
expect_in "... checked" "Only checked: nothing was written" "$WORK/body"
expect_eq "... nothing written" "$before" "$(events_count)"
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" \
    -F "file=@$WORK/up-good.csv;filename=events.csv;type=text/csv" "$B/upload")
expect_eq "import a good file" 200 "$code"
expect_in "... with the importer's counts" "events.csv (events): 1 rows, 1 new, 0 updated, 0 unchanged" "$WORK/body"
expect_eq "... written" $((before + 1)) "$(events_count)"
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' \
    -F "file=@$WORK/up-good.csv;filename=events.csv;type=text/csv" "$B/upload")
expect_eq "an upload without the CSRF token is refused" 403 "$code"
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" "$B/upload")
expect_eq "an upload without a file" 400 "$code"
expect_in "... asks for one" '<a href="#file">Select a CSV file</a>' "$WORK/body"
expect_eq "school: upload page" 200 "$(get "$SC" /upload)"
STOK=$(csrf_of "$WORK/body")
code=$(curl -s -b "$SC" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$STOK" \
    -F "file=@$WORK/up-good.csv;filename=events.csv;type=text/csv" "$B/upload")
expect_eq "a school cannot upload another school's rows" 403 "$code"
expect_in "... told why" "this account records for school $SCHOOL_URN only" "$WORK/body"
expect_eq "... nothing written" $((before + 1)) "$(events_count)"
printf 'urn,laestab,name,phase,la_code\n999998,9990001,Nope,primary,999\n' >"$WORK/schools.csv"
code=$(curl -s -b "$SC" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$STOK" \
    -F "file=@$WORK/schools.csv;filename=schools.csv;type=text/csv" "$B/upload")
expect_eq "a school cannot upload the schools file" 403 "$code"

# ---- reports ----
expect_eq "analyst: the reports page" 200 "$(get "$AN" /reports)"
expect_not_in "... no unsuppressed option for the analyst" 'name="unsuppressed"' "$WORK/body"
expect_eq "analyst: rates by sex" 200 "$(get "$AN" "/reports?report=rates&year=$YEAR&by1=sex")"
# (issue 14: the heading people read, "Sex"; it was the CSV's machine name sex_label)
expect_in "... the table" '<th scope="col" class="govuk-table__header">Sex</th>' "$WORK/body"
expect_in "... a chart" '<svg class="chart" role="img"' "$WORK/body"
expect_in "... a download link" 'href="/reports/download?report=rates&amp;year=2025%2F26&amp;by1=sex"' "$WORK/body"
expect_eq "analyst: schools against the LA" 200 "$(get "$AN" "/reports?report=schools&year=$YEAR")"
expect_in "... suppressed (c)" '<td class="govuk-table__cell govuk-table__cell--numeric">c</td>' "$WORK/body"
expect_in "... a funnel plot" 'aria-labelledby="chart-funnel-title"' "$WORK/body"
expect_eq "analyst: disproportionality by sex" 200 "$(get "$AN" "/reports?report=disproportionality&year=$YEAR&by1=sex")"
expect_in "... risk ratios drawn" 'aria-labelledby="chart-ratios-title"' "$WORK/body"
expect_eq "analyst: unsuppressed figures refused" 403 "$(get "$AN" "/reports?report=schools&year=$YEAR&unsuppressed=1")"
expect_eq "analyst: unsuppressed download refused" 403 "$(get "$AN" "/reports/download?report=schools&year=$YEAR&unsuppressed=1")"
expect_eq "disproportionality needs a breakdown" 400 "$(get "$AN" "/reports?report=disproportionality&year=$YEAR")"
expect_eq "school accounts have no reports" 403 "$(get "$SC" /reports)"

expect_eq "analyst: download the schools table" 200 "$(get "$AN" "/reports/download?report=schools&year=$YEAR")"
expect_in "... as CSV" "Content-Type: text/csv" "$WORK/headers"
expect_in "... as a file" 'Content-Disposition: attachment; filename="onroll-schools-202526.csv"' "$WORK/headers"
"$ONROLL" report schools --year "$YEAR" --format csv >"$WORK/cli-schools.csv"
expect_same_file "... the CLI's table, suppressed" "$WORK/cli-schools.csv" "$WORK/body"
expect_eq "LA: download rates by sex and FSM, unsuppressed" 200 "$(get "$LA" "/reports/download?report=rates&year=$YEAR&by1=sex&by2=fsm&unsuppressed=1")"
"$ONROLL" report rates --year "$YEAR" --by sex,fsm --unsuppressed --format csv >"$WORK/cli-rates.csv"
expect_same_file "... the CLI's table, unsuppressed" "$WORK/cli-rates.csv" "$WORK/body"
expect_eq "LA: unsuppressed on screen" 200 "$(get "$LA" "/reports?report=rates&year=$YEAR&by1=sex&unsuppressed=1")"
expect_in "... with a warning" "These figures are not suppressed" "$WORK/body"
expect_in "... and the scrutiny report offered" "href=\"/reports/scrutiny?year=2025%2F26&amp;unsuppressed=1\"" "$WORK/body"
expect_eq "analyst: the scrutiny report" 200 "$(get "$AN" "/reports/scrutiny?year=$YEAR")"
expect_in "... a file to download" 'Content-Disposition: attachment; filename="onroll-scrutiny-202526.html"' "$WORK/headers"
expect_in "... an HTML document" '<html lang="en">' "$WORK/body"
expect_eq "analyst: not unsuppressed" 403 "$(get "$AN" "/reports/scrutiny?year=$YEAR&unsuppressed=1")"
expect_eq "admin: exports in the audit log" 200 "$(get "$AD" "/admin/audit?action=export")"
expect_in "... the analyst's download" "schools 2025/26 (suppressed)" "$WORK/body"
expect_in "... the scrutiny report" "scrutiny 2025/26 (suppressed)" "$WORK/body"
expect_in "... the officer's" "rates 2025/26 by sex,fsm (unsuppressed)" "$WORK/body"
expect_eq "admin: unsuppressed views in the audit log" 200 "$(get "$AD" "/admin/audit?action=report.unsuppressed")"
expect_in "... the officer's view" "rates 2025/26 by sex (unsuppressed)" "$WORK/body"

# Escaping on by default: the new pages write HTML only through html.h and govuk.h.
grep -n 'or_sb_add[cf]\?(\|or_sb_adds([^,]*, [^"]' src/web/page_record.c src/web/page_action.c \
    src/web/page_upload.c src/web/page_report*.c >"$WORK/unescaped"
if [ -s "$WORK/unescaped" ]; then
    fail "the form pages write only through the escaping helpers" "$(cat "$WORK/unescaped")"
else
    pass "the form pages write only through the escaping helpers"
fi

finish
