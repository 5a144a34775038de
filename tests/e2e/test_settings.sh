#!/bin/sh
# test_settings.sh - the settings people fill once (issue 14 item 5) end to end, on a small LA
# written here (two schools, the 2025/26 calendar, one suspension), with the real binary, a real
# database (run again on PostgreSQL by tests/pg/test_e2e_pg.sh) and a real server driven by curl:
#
#   - `onroll config set/get/list` of the LA's settings and of a school's (school.URN.KEY): a bad
#     email address, a bad telephone number, a URN with no school and an unknown key are refused
#     with messages naming them, nothing written; each change has its audit line;
#   - /admin/settings (the LA administrator) and /schools/URN/settings (the LA
#     administrator for any school; a school's account for its own) save through the form
#     engine: with the CSRF token; without it 403; a bad email address 400 with the error,
#     nothing saved; each save one row per setting changed and an audit line;
#   - the attack, first: school A's account cannot read or set school B's settings (404, logged
#     as denied, nothing written), nor the LA's (403); an LA officer cannot set them (403);
#   - issue 14's finding "letters leave gaps for the head teacher's, the clerk's and the LA
#     team's names": the letter written from the duty button holds the names, and, where a
#     setting is not filled, the letter page says which and links to where to fill it;
#   - "the letter is reached only from the timeline, not from the duty it does": the pupil's
#     duties each a letter does have a "Write the letter" link to that letter;
#   - the scrutiny report names the LA.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi

text_of() {
    python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(?s)<(svg|script|style|head)\b.*?</\1>", " ", s)
print(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s))))' "$1"
}
# full_form HTML [NAME=VALUE...] : the page's last POST form as a browser sends it back: every
# input (hidden and text) and textarea with its value, then the given fields replacing theirs
cat >"$WORK/full_form.py" <<'PY'
import html, re, sys, urllib.parse
s = open(sys.argv[1], encoding="utf-8", errors="replace").read()
form = s[[m.start() for m in re.finditer(r'<form method="post"', s)][-1]:]
form = form[:form.index("</form>")]
pairs = []
for m in re.finditer(r'(?s)<input\b([^>]*)>|<textarea\b([^>]*)>(.*?)</textarea>', form):
    attrs = m.group(1) if m.group(1) is not None else m.group(2)
    name = re.search(r'name="([^"]*)"', attrs)
    if not name:
        continue
    if m.group(1) is not None:
        t = re.search(r'type="([^"]*)"', attrs)
        if t and t.group(1) in ("submit", "button", "checkbox", "radio"):
            continue
        v = re.search(r'value="([^"]*)"', attrs)
        pairs.append((name.group(1), html.unescape(v.group(1)) if v else ""))
    else:
        pairs.append((name.group(1), html.unescape(m.group(3)).lstrip("\n")))
for kv in sys.argv[2:]:
    k, v = kv.split("=", 1)
    pairs = [p for p in pairs if p[0] != k] + [(k, v)]
sys.stdout.write(urllib.parse.urlencode(pairs))
PY
full_form() {
    python3 "$WORK/full_form.py" "$@"
}
audits() { # audit lines of action $1 naming object $2
    sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1' AND object = '$2'"
}

cat >"$WORK/schools.csv" <<'CSV'
urn,laestab,name,phase,la_code,type
100001,9994001,Hillside Academy,secondary,999,academy
100002,9994002,Riverside School,secondary,999,maintained
CSV
cat >"$WORK/calendar.csv" <<'CSV'
scope,start,end,kind,label
LA,2025-09-03,2025-12-19,term,Autumn 2025
LA,2025-10-27,2025-10-31,holiday,Autumn half-term
LA,2026-01-05,2026-03-27,term,Spring 2026
LA,2026-02-16,2026-02-20,holiday,Spring half-term
LA,2026-04-13,2026-07-22,term,Summer 2026
LA,2026-05-25,2026-05-29,holiday,Summer half-term
LA,2026-09-02,2026-12-18,term,Autumn 2026
LA,2026-10-26,2026-10-30,holiday,Autumn half-term
LA,2027-01-05,2027-03-26,term,Spring 2027
CSV
cat >"$WORK/pupils.csv" <<'CSV'
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,year_group
W999250000001,Amara,Okafor,2011-03-14,F,BAFR,1,N,2025-09-01,9
CSV
cat >"$WORK/enrolments.csv" <<'CSV'
upn,urn,start,end,type,year_group
W999250000001,100001,2021-09-01,,main,9
CSV
cat >"$WORK/events.csv" <<'CSV'
event_id,upn,urn,type,start,sessions,reasons,decided
S1,W999250000001,100001,suspension,2025-10-24,6,DB;VA,
CSV
"$ONROLL" init >/dev/null 2>&1
expect_status "the LA's files import" 0 "$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv" \
    "$WORK/pupils.csv" "$WORK/enrolments.csv" "$WORK/events.csv"

# ---- onroll config ----
expect_status "config set la.name" 0 "$ONROLL" config set la.name "Kestrel Borough Council"
expect_in "... says what it set" "la.name = Kestrel Borough Council" "$WORK/out"
expect_status "config get la.name" 0 "$ONROLL" config get la.name
expect_eq "... prints the value" "Kestrel Borough Council" "$(cat "$WORK/out")"
expect_eq "... its audit line" 1 "$(audits change la.name)"
expect_status "config set la.team_email: not an email address (exit 1)" 1 \
    "$ONROLL" config set la.team_email exclusions.kestrel.gov.uk
expect_in "... the message names the setting and the value" \
    "la.team_email: 'exclusions.kestrel.gov.uk' is not an email address" "$WORK/err"
expect_status "config set la.team_phone: not a UK telephone number (exit 1)" 1 \
    "$ONROLL" config set la.team_phone "0163 CALL US"
expect_in "... the message names it" "la.team_phone: '0163 CALL US' is not a UK telephone number" "$WORK/err"
expect_eq "... nothing written, no audit line" "0|0" \
    "$(sql "SELECT (SELECT COUNT(*) FROM settings WHERE key IN ('la.team_email','la.team_phone')), (SELECT COUNT(*) FROM audit_log WHERE object IN ('la.team_email','la.team_phone'))")"
expect_status "config set school.100009.head_teacher: no such school (exit 1)" 1 \
    "$ONROLL" config set school.100009.head_teacher "Ms X"
expect_in "... the message says so" "there is no school with URN 100009" "$WORK/err"
expect_status "config set school.100001.nickname: no such setting (exit 1)" 1 \
    "$ONROLL" config set school.100001.nickname "Hilly"
expect_in "... the message names the key" "'school.100001.nickname' is not a setting" "$WORK/err"
expect_status "config set la.team_name" 0 "$ONROLL" config set la.team_name "Exclusions Team"
expect_status "config set la.team_email" 0 "$ONROLL" config set la.team_email exclusions@kestrel.example.gov.uk
expect_status "config set la.team_phone" 0 "$ONROLL" config set la.team_phone "01632 960 000"
expect_status "config set school.100001.head_teacher" 0 \
    "$ONROLL" config set school.100001.head_teacher "Ms Asha Patel"
expect_status "config set school.100001.address (two lines)" 0 \
    "$ONROLL" config set school.100001.address "Hill Road
Kestrel KE1 4HA"
expect_status "config get school.100001.head_teacher" 0 "$ONROLL" config get school.100001.head_teacher
expect_eq "... school A's head teacher" "Ms Asha Patel" "$(cat "$WORK/out")"
expect_status "config get school.100002.head_teacher: not set (exit 1)" 1 \
    "$ONROLL" config get school.100002.head_teacher
expect_in "... says it is not set" "school.100002.head_teacher is not set" "$WORK/err"
expect_status "config list" 0 "$ONROLL" config list
expect_in "... lists the thresholds" "cap.days" "$WORK/out"
expect_in "... and the LA's settings" "la.team_phone" "$WORK/out"
expect_in "... and school A's, the address on one line" "Hill Road / Kestrel KE1 4HA" "$WORK/out"
expect_status "config set school.100002.head_teacher, then clear it" 0 \
    "$ONROLL" config set school.100002.head_teacher "Mr Temp"
expect_status "... clear it with an empty value" 0 "$ONROLL" config set school.100002.head_teacher ""
expect_eq "... gone from the store" 0 "$(sql "SELECT COUNT(*) FROM settings WHERE scope = 100002")"
expect_eq "... both changes audited" 2 "$(audits change school.100002.head_teacher)"

# ---- the web ----
echo 'heron-valley-settings-73' | "$ONROLL" user add admin@la.example.gov.uk --name "Ada Admin" \
    --role la_admin --password-stdin >/dev/null
echo 'la-officer-kestrel' | "$ONROLL" user add la@la.example.gov.uk --name "Lee Officer" \
    --role la_officer --password-stdin >/dev/null
echo 'school-a-kestrel' | "$ONROLL" user add head@hillside.example.sch.uk --name "Hillside" \
    --role school --scope 100001 --password-stdin >/dev/null
echo 'school-b-kestrel' | "$ONROLL" user add head@riverside.example.sch.uk --name "Riverside" \
    --role school --scope 100002 --password-stdin >/dev/null
start_server
AD=$WORK/admin.jar
LA=$WORK/la.jar
SA=$WORK/a.jar
SB=$WORK/b.jar
expect_eq "LA admin signs in" 303 "$(sign_in "$AD" admin@la.example.gov.uk heron-valley-settings-73)"
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" la@la.example.gov.uk la-officer-kestrel)"
expect_eq "school A signs in" 303 "$(sign_in "$SA" head@hillside.example.sch.uk school-a-kestrel)"
expect_eq "school B signs in" 303 "$(sign_in "$SB" head@riverside.example.sch.uk school-b-kestrel)"

# the attack first: school A at school B's settings and at the LA's
expect_eq "school A: Settings in its navigation" 200 "$(get "$SA" /)"
expect_in "... links to /settings" 'href="/settings"' "$WORK/body"
expect_eq "... which leads to its own school's" "303 /schools/100001/settings" \
    "$(get "$SA" /settings) $(sed -n 's/^Location: \(.*\)\r$/\1/p' "$WORK/headers")"
expect_eq "school A: its own settings page" 200 "$(get "$SA" /schools/100001/settings)"
cp "$WORK/body" "$WORK/a-own.html"
changes_before=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'change'")
full_form "$WORK/a-own.html" head_teacher="Mr Mallory" >"$WORK/attack.req"
expect_eq "school A posts to school B's settings: 404" 404 "$(post "$SA" /schools/100002/settings "$WORK/attack.req")"
expect_eq "school A reads school B's settings: 404" 404 "$(get "$SA" /schools/100002/settings)"
expect_eq "... nothing written for school B" 0 "$(sql "SELECT COUNT(*) FROM settings WHERE scope = 100002")"
expect_eq "... no change in the audit log" "$changes_before" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'change'")"
expect_eq "... logged as denied" 2 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND actor = 'head@hillside.example.sch.uk'")"
expect_eq "school A: the LA's settings: 403" 403 "$(get "$SA" /admin/settings)"
expect_eq "the LA officer: the LA's settings: 403" 403 "$(get "$LA" /admin/settings)"
expect_eq "the LA officer: a school's settings: 403" 403 "$(get "$LA" /schools/100001/settings)"

# the LA admin: the LA's settings
expect_eq "LA admin: /admin/settings" 200 "$(get "$AD" /admin/settings)"
cp "$WORK/body" "$WORK/la.html"
expect_in "... the LA's name filled in" 'value="Kestrel Borough Council"' "$WORK/la.html"
expect_in "... a field for the team's phone" 'name="team_phone"' "$WORK/la.html"
expect_in "... links to each school's settings" 'href="/schools/100002/settings"' "$WORK/la.html"
full_form "$WORK/la.html" team_email="not-an-email" team_phone="01632 960 001" >"$WORK/bad.req"
expect_eq "a bad email address: 400" 400 "$(post "$AD" /admin/settings "$WORK/bad.req")"
expect_in "... the error summary says so" "Enter the exclusions team&#39;s email address in the correct format" "$WORK/body"
expect_in "... against the field" 'id="team_email-error"' "$WORK/body"
expect_eq "... nothing saved (not even the good phone)" "01632 960 000" "$("$ONROLL" config get la.team_phone)"
full_form "$WORK/la.html" team_name="Inclusion and Exclusions Team" >"$WORK/good.req"
sed 's/csrf_token=[^&]*&\{0,1\}//' "$WORK/good.req" >"$WORK/nocsrf.req"
expect_eq "without the CSRF token: 403" 403 "$(post "$AD" /admin/settings "$WORK/nocsrf.req")"
expect_eq "... nothing saved" "Exclusions Team" "$("$ONROLL" config get la.team_name)"
expect_eq "with it: saved, back to the page" 303 "$(post "$AD" /admin/settings "$WORK/good.req")"
expect_eq "... the new team name" "Inclusion and Exclusions Team" "$("$ONROLL" config get la.team_name)"
expect_eq "... set by the admin" "admin@la.example.gov.uk" "$(sql "SELECT set_by FROM settings WHERE key = 'la.team_name'")"
expect_eq "... one audit line for the save, naming what changed" "1|settings: la.team_name" \
    "$(sql "SELECT COUNT(*), MAX(detail) FROM audit_log WHERE action = 'change' AND object = '/admin/settings' AND actor = 'admin@la.example.gov.uk'")"
expect_eq "... the others unchanged" "Kestrel Borough Council|01632 960 000" \
    "$("$ONROLL" config get la.name)|$("$ONROLL" config get la.team_phone)"

# the LA admin: a school's settings; school A its own
expect_eq "LA admin: school B's settings" 200 "$(get "$AD" /schools/100002/settings)"
full_form "$WORK/body" head_teacher="Mr Rowan Ellis" clerk_name="Mrs Dana Reed" \
    clerk_email="clerk@riverside.example.sch.uk" >"$WORK/b.req"
expect_eq "... saved" 303 "$(post "$AD" /schools/100002/settings "$WORK/b.req")"
expect_eq "... school B's head teacher" "Mr Rowan Ellis" "$("$ONROLL" config get school.100002.head_teacher)"
full_form "$WORK/a-own.html" clerk_name="Mr Colin Hart" clerk_email="clerk@hillside.example.sch.uk" >"$WORK/a.req"
expect_eq "school A saves its own clerk" 303 "$(post "$SA" /schools/100001/settings "$WORK/a.req")"
expect_eq "... the clerk" "Mr Colin Hart|clerk@hillside.example.sch.uk" \
    "$("$ONROLL" config get school.100001.clerk_name)|$("$ONROLL" config get school.100001.clerk_email)"
expect_eq "... the head teacher kept" "Ms Asha Patel" "$("$ONROLL" config get school.100001.head_teacher)"

# ---- the letter from the duty, with the names ----
P1=W999250000001
expect_eq "school A: the pupil's record" 200 "$(get "$SA" "/pupils/$P1")"
expect_in "a duty a letter does has a Write the letter link" \
    "href=\"/pupils/$P1/events/S1/letters?urn=100001&amp;duty=STAT-NOTIFY-PARENT\"" "$WORK/body"
expect_in "... with its words" "Write the letter" "$WORK/body"
expect_not_in "... none for a duty no letter does (STAT-NOTIFY-LA)" "duty=STAT-NOTIFY-LA\"" "$WORK/body"
expect_eq "the letters for that duty" 200 "$(get "$SA" "/pupils/$P1/events/S1/letters?urn=100001&duty=STAT-NOTIFY-PARENT")"
cp "$WORK/body" "$WORK/list.html"
expect_in "... the parents' letter" "Suspension: letter to the parents" "$WORK/list.html"
form_body "$WORK/list.html" suspension-parent-date-day=24 suspension-parent-date-month=10 \
    suspension-parent-date-year=2025 >"$WORK/new.req"
expect_eq "write the letter" 303 "$(post "$SA" "/pupils/$P1/events/S1/letters" "$WORK/new.req")"
L1=$(sed -n 's|^Location: .*/letters/\([0-9][0-9]*\)?.*|\1|p' "$WORK/headers" | tr -d '\r')
sql "SELECT body FROM letters WHERE id = $L1" >"$WORK/letter.txt"
expect_in "the letter: the school's address" "Hill Road" "$WORK/letter.txt"
expect_in "... signed by the head teacher" "Ms Asha Patel" "$WORK/letter.txt"
expect_in "... the clerk to write to" "write to the clerk to the governing board: Mr Colin Hart, by email to clerk@hillside.example.sch.uk, or by post to Hillside Academy, Hill Road, Kestrel KE1 4HA." "$WORK/letter.txt"
expect_in "... the LA's team" "Inclusion and Exclusions Team, Kestrel Borough Council, email exclusions@kestrel.example.gov.uk, telephone 01632 960 000" "$WORK/letter.txt"
expect_not_in "... no gap for the head teacher" "[name of the head teacher]" "$WORK/letter.txt"
expect_not_in "... nor for the clerk" "clerk to the governing board]" "$WORK/letter.txt"
expect_not_in "... nor for the LA team" "exclusions team]" "$WORK/letter.txt"
expect_status "onroll letter prints the same names" 0 "$ONROLL" letter 100001 S1 --kind suspension-parent --date 2025-10-24
expect_in "... the head teacher" "Ms Asha Patel" "$WORK/out"
expect_in "... the LA team" "Inclusion and Exclusions Team" "$WORK/out"

# a setting not filled: the page says which and where to fill it
expect_status "clear school A's head teacher" 0 "$ONROLL" config set school.100001.head_teacher ""
expect_eq "the letters page" 200 "$(get "$SA" "/pupils/$P1/events/S1/letters?urn=100001")"
text_of "$WORK/body" >"$WORK/list.txt"
expect_in "... says the head teacher's name is not set" "the head teacher's name is not set" "$WORK/list.txt"
expect_in "... and links to the school's settings" 'href="/schools/100001/settings"' "$WORK/body"
expect_eq "write a letter without it" 303 "$(post "$SA" "/pupils/$P1/events/S1/letters" "$WORK/new.req")"
L2=$(sed -n 's|^Location: .*/letters/\([0-9][0-9]*\)?.*|\1|p' "$WORK/headers" | tr -d '\r')
expect_eq "its page" 200 "$(get "$SA" "/pupils/$P1/events/S1/letters/$L2?urn=100001")"
text_of "$WORK/body" >"$WORK/l2.txt"
expect_in "... names the missing setting" "the head teacher's name is not set" "$WORK/l2.txt"
expect_in "... links to where to fill it" 'href="/schools/100001/settings"' "$WORK/body"

# ---- the scrutiny report names the LA ----
expect_status "onroll report scrutiny" 0 "$ONROLL" report scrutiny --year 2025/26 --out "$WORK/scrutiny.html"
expect_in "... names the LA" "Kestrel Borough Council" "$WORK/scrutiny.html"

finish
