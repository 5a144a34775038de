#!/bin/sh
# test_letters.sh - the statutory letters end to end: a real `onroll serve` on 127.0.0.1 (a free
# port) over a small LA written here (two schools, the 2025/26 calendar of the unit tests,
# three pupils), driven with curl; run again on PostgreSQL by tests/pg/test_e2e_pg.sh.
#
#   - the pupil's timeline links to the letters of a suspension; the letters page lists the
#     kinds that apply with the duties they do;
#   - a draft filled from the ledger: the school days of a 3-day suspension from the Friday
#     before half term (Fri 24 Oct, Mon 3 Nov, Tue 4 Nov 2025; back Wed 5 Nov), the reasons in
#     words, the public-place notice, the gaps to fill;
#   - scope: another school gets 404 (a pupil not on its roll; a pupil on its roll, but the
#     exclusion of the school they came from), and nothing is written;
#   - hostile text: markup stored as typed and shown escaped; broken UTF-8, a box over the
#     field limit and a letter over 24,000 bytes refused, the draft unchanged; no CSRF token:
#     refused, unchanged;
#   - the PDF (headless Chromium, when installed) starts with %PDF;
#   - sending: refused while a gap is left or for a day in the future; then sent by hand on
#     Fri 24 Oct 2025: STAT-NOTIFY-PARENT and STAT-NOTICE-S104 done that day in
#     `onroll duties --format csv`; the sent letter can be neither changed nor sent again;
#   - the board's decision upholding a permanent exclusion, written for sending by post on Thu
#     11 Dec 2025 (deemed Mon 15 Dec; the last day to apply for a review Mon 19 Jan 2026): sent
#     by hand instead it is refused (that would make the deadline Thu 15 Jan 2026); sent by post,
#     STAT-GB-15DAY is done with the outcome upheld and STAT-IRP-APPLY falls due on 2026-01-19;
#   - the audit log has each read and each change; `onroll letter` prints the saved letter and
#     a PDF.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi

# form HTML SELECTOR [NAME=VALUE | @fill=TEXT | @add=TEXT | @set=N=TEXT ...] : the form of the
# page picked by SELECTOR (action:save, action:send, kind:KIND) as a browser sends it back:
# its hidden fields, its paragraph boxes (the edit form), then the given fields; @fill puts
# TEXT in every gap [..] of the boxes, @add adds a box, @set replaces box N (from 1).
cat >"$WORK/form.py" <<'EOF'
import html, re, sys, urllib.parse
page = open(sys.argv[1], encoding="utf-8", errors="replace").read()
key, value = sys.argv[2].split(":", 1)
forms = re.findall(r"(?s)<form\b.*?</form>", page)
want = '<input type="hidden" name="%s" value="%s">' % (key, value)
form = [f for f in forms if want in f]
if not form:
    sys.exit("no form with " + want)
form = form[0]
pairs = [(m.group(1), html.unescape(m.group(2))) for m in
         re.finditer(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form)]
paras = [html.unescape(m.group(1)) for m in
         re.finditer(r'(?s)<textarea[^>]*name="para"[^>]*>(.*?)</textarea>', form)]
for arg in sys.argv[3:]:
    k, v = arg.split("=", 1)
    if k == "@fill":
        paras = [re.sub(r"\[[^\[\]\n]+\]", v, p) for p in paras]
    elif k == "@add":
        paras.append(v)
    elif k == "@set":
        n, text = v.split("=", 1)
        paras[int(n) - 1] = text
    else:
        pairs = [p for p in pairs if p[0] != k]
        pairs.append((k, v))
pairs += [("para", p) for p in paras]
sys.stdout.write(urllib.parse.urlencode(pairs))
EOF
form() {
    python3 "$WORK/form.py" "$@"
}

# The text of a page without its tags (for sentences split across elements).
text_of() {
    python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(?s)<(svg|script|style|head)\b.*?</\1>", " ", s)
print(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s))))' "$1"
}

letter_id_of() { # the letter id in a redirect's Location
    sed -n 's|^Location: .*/letters/\([0-9][0-9]*\)?.*|\1|p' "$WORK/headers" | tr -d '\r'
}

actions() { # the ledger's actions naming event $1: start rule outcome delivery to, one a line
    "$ONROLL" export events | python3 -c '
import csv, sys
rows = [r for r in csv.DictReader(sys.stdin) if r["type"] == "action" and r["ref"] == sys.argv[1]]
for r in sorted(rows, key=lambda r: r["rule"]):
    print(" ".join([r["start"], r["rule"], r["outcome"] or "-", r["delivery"], r["to"]]))' "$1"
}

body_of() { # a stored letter's text
    sql "SELECT body FROM letters WHERE id = $1"
}

# ---- a small LA ----
cat >"$WORK/schools.csv" <<'EOF'
urn,laestab,name,phase,la_code,type
100001,9994001,"Hillside Academy, Upper School",secondary,999,academy
100002,9994002,Riverside School,secondary,999,maintained
EOF
cat >"$WORK/calendar.csv" <<'EOF'
scope,start,end,kind,label
LA,2025-09-03,2025-12-19,term,Autumn 2025
LA,2025-10-27,2025-10-31,holiday,Autumn half-term
LA,2026-01-05,2026-03-27,term,Spring 2026
LA,2026-02-16,2026-02-20,holiday,Spring half-term
LA,2026-04-13,2026-07-22,term,Summer 2026
LA,2026-05-25,2026-05-29,holiday,Summer half-term
EOF
cat >"$WORK/pupils.csv" <<'EOF'
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of,year_group
W999250000001,Amara,Okafor,2011-03-14,F,BAFR,1,N,2025-09-01,9
K999250000002,Jayden,Campbell,2010-11-02,M,BCRB,1,K,2025-09-01,10
Z999250000003,Olivia,Smith,2012-06-21,F,WBRI,0,N,2025-09-01,8
EOF
cat >"$WORK/enrolments.csv" <<'EOF'
upn,urn,start,end,type,year_group
W999250000001,100001,2021-09-01,,main,9
K999250000002,100001,2021-09-01,,main,10
Z999250000003,100001,2021-09-01,2025-12-31,main,8
Z999250000003,100002,2026-01-05,,main,8
EOF
cat >"$WORK/events.csv" <<'EOF'
event_id,upn,urn,type,start,sessions,reasons,decided
S1,W999250000001,100001,suspension,2025-10-24,6,DB;VA,
PX1,K999250000002,100001,permanent,2025-12-01,,PA;OW,2025-11-28
S3,Z999250000003,100001,suspension,2025-11-10,2,DB,
EOF
"$ONROLL" init >/dev/null 2>&1
expect_status "the LA's files import" 0 "$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv" \
    "$WORK/pupils.csv" "$WORK/enrolments.csv" "$WORK/events.csv"
echo 'la-officer-kestrel' | "$ONROLL" user add la@la.example.gov.uk --name "Lee Officer" \
    --role la_officer --password-stdin >/dev/null
echo 'school-a-kestrel' | "$ONROLL" user add head@hillside.example.sch.uk --name "Hillside" \
    --role school --scope 100001 --password-stdin >/dev/null
echo 'school-b-kestrel' | "$ONROLL" user add head@riverside.example.sch.uk --name "Riverside" \
    --role school --scope 100002 --password-stdin >/dev/null

start_server
LA=$WORK/la.jar
SA=$WORK/a.jar
SB=$WORK/b.jar
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" la@la.example.gov.uk la-officer-kestrel)"
expect_eq "school A signs in" 303 "$(sign_in "$SA" head@hillside.example.sch.uk school-a-kestrel)"
expect_eq "school B signs in" 303 "$(sign_in "$SB" head@riverside.example.sch.uk school-b-kestrel)"

P1=W999250000001
LETTERS="/pupils/$P1/events/S1/letters"

# ---- from the pupil's record to the letters ----
expect_eq "school A: the pupil's record" 200 "$(get "$SA" "/pupils/$P1")"
expect_in "... the timeline links to the suspension's letters" "href=\"$LETTERS?urn=100001\"" "$WORK/body"
reads_before=$(sql "SELECT COUNT(*) FROM audit_log WHERE upn = '$P1' AND action = 'pupil.read'")
expect_eq "the letters of the suspension" 200 "$(get "$SA" "$LETTERS?urn=100001")"
cp "$WORK/body" "$WORK/list.html"
expect_in "... the parents' letter applies" "Suspension: letter to the parents" "$WORK/list.html"
expect_in "... with the duty it does: STAT-NOTIFY-PARENT" "STAT-NOTIFY-PARENT" "$WORK/list.html"
expect_in "... and STAT-NOTICE-S104 (compulsory school age)" "STAT-NOTICE-S104" "$WORK/list.html"
expect_not_in "... not the board's decision (no board duty for 3 days)" "exclusion upheld" "$WORK/list.html"
expect_in "... a form to write one, with the CSRF token" 'name="csrf_token"' "$WORK/list.html"
expect_eq "the read is in the audit log" $((reads_before + 1)) \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE upn = '$P1' AND action = 'pupil.read'")"

# ---- scope: another school ----
expect_eq "school B: a pupil not on its roll (404)" 404 "$(get "$SB" "$LETTERS?urn=100001")"
expect_eq "school B: Olivia, on its roll now, is visible" 200 "$(get "$SB" /pupils/Z999250000003)"
expect_not_in "... with no letters link to school A's suspension" "/events/S3/letters" "$WORK/body"
expect_eq "school B: school A's suspension of Olivia (404)" 404 \
    "$(get "$SB" "/pupils/Z999250000003/events/S3/letters?urn=100001")"
expect_eq "... logged as denied" 1 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE upn = 'Z999250000003' AND action = 'denied'")"
expect_eq "school A: an event that is no exclusion (404)" 404 "$(get "$SA" "/pupils/$P1/events/NOPE/letters")"

# ---- write a draft ----
form "$WORK/list.html" kind:suspension-parent suspension-parent-date-day=24 \
    suspension-parent-date-month=10 suspension-parent-date-year=2025 >"$WORK/new.req"
sed 's/csrf_token=[^&]*&//' "$WORK/new.req" >"$WORK/new-nocsrf.req"
expect_eq "writing a draft without the CSRF token: refused" 403 "$(post "$SA" "$LETTERS" "$WORK/new-nocsrf.req")"
expect_eq "... nothing written" 0 "$(sql "SELECT COUNT(*) FROM letters")"
get "$SB" /pupils/Z999250000003 >/dev/null
printf 'csrf_token=%s&urn=100001&kind=suspension-parent&suspension-parent-date-day=10&suspension-parent-date-month=11&suspension-parent-date-year=2025' \
    "$(csrf_of "$WORK/body")" >"$WORK/newb.req"
expect_eq "school B cannot write school A's letter (404)" 404 "$(post "$SB" "/pupils/Z999250000003/events/S3/letters" "$WORK/newb.req")"
expect_eq "write the parents' letter" 303 "$(post "$SA" "$LETTERS" "$WORK/new.req")"
L1=$(letter_id_of)
expect_eq "... one letter, a draft" "1|suspension-parent|100001|S1|$P1" \
    "$(sql "SELECT COUNT(*), MAX(kind), MAX(urn), MAX(event_id), MAX(upn) FROM letters WHERE sent_at IS NULL")"
PAGE="$LETTERS/$L1"
expect_eq "the draft's page" 200 "$(get "$SA" "$PAGE?urn=100001&written=1")"
cp "$WORK/body" "$WORK/letter.html"
text_of "$WORK/letter.html" >"$WORK/letter.txt"
expect_in "filled from the ledger: the date of the letter" "Friday 24 October 2025" "$WORK/letter.txt"
expect_in "... headed with the pupil's name" "Suspension of Amara Okafor" "$WORK/letter.txt"
expect_in "... the pupil and the school" "suspend Amara Okafor from Hillside Academy, Upper School for 3 school days" "$WORK/letter.txt"
expect_in "... the first school day" "Friday 24 October 2025" "$WORK/letter.txt"
expect_in "... after half term, Mon 3 Nov" "Monday 3 November 2025" "$WORK/letter.txt"
expect_in "... and Tue 4 Nov" "Tuesday 4 November 2025" "$WORK/letter.txt"
expect_not_in "... no day of the half term" "27 October 2025" "$WORK/letter.txt"
expect_in "... back on Wed 5 Nov" "return to school on Wednesday 5 November 2025" "$WORK/letter.txt"
expect_in "... the reasons in words (DB)" "Persistent or general disruptive behaviour" "$WORK/letter.txt"
expect_in "... (VA)" "Verbal abuse/threatening behaviour against an adult" "$WORK/letter.txt"
expect_in "... the public-place notice" "not present in a public place during school hours" "$WORK/letter.txt"
expect_in "... the board cannot reinstate (3 days)" "cannot direct that Amara be reinstated" "$WORK/letter.txt"
expect_in "... the gaps are pointed out" "The letter still has gaps to fill" "$WORK/letter.txt"
expect_in "... a box per paragraph" 'name="para"' "$WORK/letter.html"
expect_in "... a print button (script file, no inline script)" "data-onroll-print" "$WORK/letter.html"
expect_not_in "... no inline script" "<script>" "$WORK/letter.html"
expect_in "... the print stylesheet" '/assets/onroll/letter.css' "$WORK/letter.html"
expect_eq "... served" 200 "$(get "$SA" /assets/onroll/letter.css)"
expect_in "... which prints the letter alone" "@media print" "$WORK/body"
expect_eq "school B: the draft (404)" 404 "$(get "$SB" "$PAGE?urn=100001")"
expect_eq "a letter of another exclusion's path (404)" 404 "$(get "$SA" "/pupils/K999250000002/events/PX1/letters/$L1?urn=100001")"

# ---- the PDF ----
code=$(curl -s -b "$SA" -o "$WORK/letter.pdf" -D "$WORK/headers" -w '%{http_code}' "$B$PAGE/pdf?urn=100001")
if [ -x "${ONROLL_CHROMIUM:-/usr/bin/chromium}" ]; then
    expect_eq "PDF" 200 "$code"
    expect_in "... application/pdf" "Content-Type: application/pdf" "$WORK/headers"
    expect_eq "... starts with %PDF" "%PDF" "$(head -c 4 "$WORK/letter.pdf")"
    expect_eq "... the download is audited" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND detail LIKE 'letter $L1 as PDF%'")"
else
    expect_eq "PDF without Chromium: 503" 503 "$code"
fi

# ---- a real browser: the page within its CSP, Print, printing the letter alone, axe-core ----
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    echo "skipped: browser test (node is not installed)"
elif [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    echo "skipped: browser test (node_modules/playwright-core or axe-core missing: npm install)"
elif [ ! -x "$CHROMIUM" ]; then
    echo "skipped: browser test ($CHROMIUM is not installed: apt-get install chromium)"
else
    CHROMIUM=$CHROMIUM node tests/browser/letters.spec.mjs "$B" head@hillside.example.sch.uk \
        school-a-kestrel "$PAGE?urn=100001" "${LETTER_SHOT:-}" >"$WORK/browser" 2>&1
    rc=$?
    sed 's/^/    /' "$WORK/browser"
    if [ $rc -eq 0 ]; then pass "browser: Print shown, the letter printed alone, axe-core 0 violations"; else fail "browser test (exit $rc)" "$(grep -E '^(FAIL|axe:| )' "$WORK/browser" | head -20)"; fi
fi

# ---- hostile text ----
form "$WORK/letter.html" action:save '@add=<script>alert("x")</script> & <b>bold</b>' >"$WORK/save.req"
expect_eq "markup in a box: saved" 303 "$(post "$SA" "$PAGE" "$WORK/save.req")"
body_of "$L1" >"$WORK/stored.txt"
expect_in "... stored as typed" '<script>alert("x")</script> & <b>bold</b>' "$WORK/stored.txt"
expect_eq "... shown" 200 "$(get "$SA" "$PAGE?urn=100001&saved=1")"
cp "$WORK/body" "$WORK/letter.html"
expect_in "... escaped in the letter" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;' "$WORK/letter.html"
expect_not_in "... never live" '<script>alert' "$WORK/letter.html"
expect_not_in "... nor markup" '<b>bold' "$WORK/letter.html"
before=$(body_of "$L1" | cksum)
TOK=$(csrf_of "$WORK/letter.html")
printf 'csrf_token=%s&urn=100001&action=save&para=bad%%FF%%FEbytes' "$TOK" >"$WORK/bad.req"
expect_eq "broken UTF-8: refused" 400 "$(post "$SA" "$PAGE" "$WORK/bad.req")"
python3 -c 'print("x" * 5000)' >"$WORK/long.txt"
form "$WORK/letter.html" action:save "@add=$(cat "$WORK/long.txt")" >"$WORK/long.req"
expect_eq "a box over the field limit: refused" 400 "$(post "$SA" "$PAGE" "$WORK/long.req")"
set -- "$WORK/letter.html" action:save
for n in 1 2 3 4 5 6 7; do set -- "$@" "@add=$(python3 -c 'print("y" * 3900)')"; done
form "$@" >"$WORK/huge.req"
expect_eq "a letter over 24,000 bytes: refused" 400 "$(post "$SA" "$PAGE" "$WORK/huge.req")"
expect_in "... saying why" "at most 24000" "$WORK/body"
expect_in "... against the letter's boxes" 'href="#para-1"' "$WORK/body"
form "$WORK/letter.html" action:save "@fill=" "@set=1=" >"$WORK/nocsrf.req"
sed -i 's/csrf_token=[^&]*&//' "$WORK/nocsrf.req"
expect_eq "saving without the CSRF token: refused" 403 "$(post "$SA" "$PAGE" "$WORK/nocsrf.req")"
expect_eq "... the draft unchanged by all of these" "$before" "$(body_of "$L1" | cksum)"

# ---- sending ----
form "$WORK/letter.html" action:send sent-day=24 sent-month=10 sent-year=2025 delivery=hand >"$WORK/send.req"
expect_eq "sending with gaps left: refused" 400 "$(post "$SA" "$PAGE" "$WORK/send.req")"
expect_in "... naming the gap" "Fill the gap [" "$WORK/body"
expect_eq "... not sent" 0 "$(sql "SELECT COUNT(*) FROM letters WHERE sent_at IS NOT NULL")"
form "$WORK/letter.html" action:save "@fill=Ms Okafor" >"$WORK/fill.req"
expect_eq "fill the gaps and save" 303 "$(post "$SA" "$PAGE" "$WORK/fill.req")"
body_of "$L1" >"$WORK/stored.txt"
expect_not_in "... no gap left" "[" "$WORK/stored.txt"
expect_in "... the school's words kept" "Dear Ms Okafor," "$WORK/stored.txt"
get "$SA" "$PAGE?urn=100001" >/dev/null
cp "$WORK/body" "$WORK/letter.html"
form "$WORK/letter.html" action:send sent-day=24 sent-month=10 sent-year=2099 delivery=hand >"$WORK/send.req"
expect_eq "sent on a day in the future: refused" 400 "$(post "$SA" "$PAGE" "$WORK/send.req")"
expect_in "... saying why" "cannot be in the future" "$WORK/body"
form "$WORK/letter.html" action:send sent-day=24 sent-month=10 sent-year=2025 >"$WORK/send.req"
expect_eq "sent with no way given: refused" 400 "$(post "$SA" "$PAGE" "$WORK/send.req")"
"$ONROLL" duties --format csv --pupil "$P1" >"$WORK/duties.before"
expect_in "before sending: STAT-NOTIFY-PARENT overdue" "S1,100001,$P1,STAT-NOTIFY-PARENT,head teacher,2025-10-24,overdue," "$WORK/duties.before"
form "$WORK/letter.html" action:send sent-day=24 sent-month=10 sent-year=2025 delivery=hand >"$WORK/send.req"
sed 's/csrf_token=[^&]*&//' "$WORK/send.req" >"$WORK/send-nocsrf.req"
expect_eq "marking as sent without the CSRF token: refused" 403 "$(post "$SA" "$PAGE" "$WORK/send-nocsrf.req")"
expect_eq "mark as sent (by hand, Fri 24 Oct 2025)" 303 "$(post "$SA" "$PAGE" "$WORK/send.req")"
expect_eq "... the letter is sent" "2025-10-24|hand|head@hillside.example.sch.uk" \
    "$(sql "SELECT sent_on, delivery, sent_by FROM letters WHERE id = $L1")"
"$ONROLL" duties --format csv --pupil "$P1" >"$WORK/duties.after"
expect_in "onroll duties: STAT-NOTIFY-PARENT done on the day" "S1,100001,$P1,STAT-NOTIFY-PARENT,head teacher,2025-10-24,done,2025-10-24" "$WORK/duties.after"
expect_in "onroll duties: STAT-NOTICE-S104 done on the day" "S1,100001,$P1,STAT-NOTICE-S104,head teacher,2025-10-24,done,2025-10-24" "$WORK/duties.after"
# issue 14: STAT-NOTIFY-LA is done by recording S1 in onroll (the day it was imported, today),
# not by the letter (was: still overdue)
expect_in "... STAT-NOTIFY-LA done by the recording, today (not the letter's)" "S1,100001,$P1,STAT-NOTIFY-LA,head teacher,2025-10-24,done,$(date +%F)" "$WORK/duties.after"
actions S1 >"$WORK/actions.out"
expect_eq "the two actions are in the ledger, by hand, to the parent" \
    "2025-10-24 STAT-NOTICE-S104 - hand parent|2025-10-24 STAT-NOTIFY-PARENT - hand parent" \
    "$(paste -sd'|' "$WORK/actions.out")"
expect_eq "the pupil's record shows the duty done" 200 "$(get "$SA" "/pupils/$P1")"
text_of "$WORK/body" >"$WORK/pupil.txt"
expect_in "... the two duties done, and the LA's by the recording (issue 14; was 2)" "3 duties done" "$WORK/pupil.txt"

# ---- a sent letter is frozen ----
frozen=$(body_of "$L1" | cksum)
expect_eq "the sent letter's page" 200 "$(get "$SA" "$PAGE?urn=100001&sent=1")"
expect_in "... says it was sent" "Letter marked as sent" "$WORK/body"
expect_not_in "... no box to change it" 'name="para"' "$WORK/body"
expect_eq "changing a sent letter: refused" 409 "$(post "$SA" "$PAGE" "$WORK/fill.req")"
expect_eq "sending it again: refused" 409 "$(post "$SA" "$PAGE" "$WORK/send.req")"
expect_eq "... unchanged" "$frozen" "$(body_of "$L1" | cksum)"
expect_eq "... no more actions" 2 "$(actions S1 | wc -l | tr -d ' ')"

# ---- the board's decision on a permanent exclusion ----
P2=K999250000002
PX="/pupils/$P2/events/PX1/letters"
expect_eq "LA: the letters of the permanent exclusion" 200 "$(get "$LA" "$PX?urn=100001")"
cp "$WORK/body" "$WORK/list2.html"
expect_in "... the board's decision applies (STAT-GB-15DAY)" "The governing board&#39;s decision: exclusion upheld" "$WORK/list2.html"
form "$WORK/list2.html" kind:board-upheld board-upheld-date-day=11 board-upheld-date-month=12 \
    board-upheld-date-year=2025 board-upheld-delivery=post >"$WORK/new2.req"
expect_eq "write the board's decision (to be posted Thu 11 Dec 2025)" 303 "$(post "$LA" "$PX" "$WORK/new2.req")"
L2=$(letter_id_of)
expect_eq "... its page" 200 "$(get "$LA" "$PX/$L2?urn=100001")"
cp "$WORK/body" "$WORK/letter2.html"
text_of "$WORK/letter2.html" >"$WORK/letter2.txt"
expect_in "... deemed received Mon 15 Dec" "deemed to be received on Monday 15 December 2025" "$WORK/letter2.txt"
expect_in "... the last day to apply for a review, Mon 19 Jan 2026" "The last day to apply for a review is therefore Monday 19 January 2026" "$WORK/letter2.txt"
expect_in "... the SEN expert" "SEN expert" "$WORK/letter2.txt"
form "$WORK/letter2.html" action:save "@fill=filled in" >"$WORK/fill2.req"
expect_eq "... gaps filled" 303 "$(post "$LA" "$PX/$L2" "$WORK/fill2.req")"
get "$LA" "$PX/$L2?urn=100001" >/dev/null
cp "$WORK/body" "$WORK/letter2.html"
form "$WORK/letter2.html" action:send sent-day=11 sent-month=12 sent-year=2025 delivery=hand >"$WORK/send2.req"
expect_eq "handed over instead: the deadline would differ, refused" 400 "$(post "$LA" "$PX/$L2" "$WORK/send2.req")"
expect_in "... naming the right date" "Thursday 15 January 2026" "$WORK/body"
form "$WORK/letter2.html" action:send sent-day=11 sent-month=12 sent-year=2025 delivery=post >"$WORK/send2.req"
expect_eq "posted as written: sent" 303 "$(post "$LA" "$PX/$L2" "$WORK/send2.req")"
"$ONROLL" duties --format csv --pupil "$P2" >"$WORK/duties2"
expect_in "onroll duties: STAT-GB-15DAY done on Thu 11 Dec" "PX1,100001,$P2,STAT-GB-15DAY,governing board,2025-12-19,done,2025-12-11" "$WORK/duties2"
expect_in "... STAT-IRP-APPLY due Mon 19 Jan 2026, as the letter says" "PX1,100001,$P2,STAT-IRP-APPLY,parent,2026-01-19," "$WORK/duties2"
expect_eq "... the action has the board's outcome" "2025-12-11 STAT-GB-15DAY upheld post parent" "$(actions PX1)"
expect_eq "the page after sending" 200 "$(get "$LA" "$PX/$L2?urn=100001")"
expect_in "... the review deadline from the record" "19 January 2026 <span class=\"onroll-secondary\">STAT-IRP-APPLY" "$WORK/body"

# ---- the audit log ----
expect_eq "every change in the audit log (2 drafts, 3 saves, 2 sent)" "2|3|2" \
    "$(sql "SELECT SUM(CASE WHEN detail LIKE 'letter % drafted%' THEN 1 ELSE 0 END), SUM(CASE WHEN detail LIKE 'letter % saved%' THEN 1 ELSE 0 END), SUM(CASE WHEN detail LIKE 'letter % sent on%' THEN 1 ELSE 0 END) FROM audit_log WHERE action = 'change'")"

# ---- the command line ----
"$ONROLL" letter 100001 S1 --letter "$L1" >"$WORK/cli.txt" 2>&1
expect_eq "onroll letter --letter: the letter as sent" 0 $?
expect_in "... the school's words" "Dear Ms Okafor," "$WORK/cli.txt"
"$ONROLL" letter 100001 S1 --letter "$L1" --format html >"$WORK/cli.html" 2>&1
expect_in "onroll letter --format html: the school's markup escaped" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$WORK/cli.html"
expect_not_in "... never live" '<script>alert' "$WORK/cli.html"
"$ONROLL" letter 100001 S1 --date 2025-10-24 --parent "Mr and Mrs Okafor" >"$WORK/cli2.txt" 2>&1
expect_in "onroll letter: filled from the ledger" "- Monday 3 November 2025" "$WORK/cli2.txt"
expect_in "... the parent named" "Dear Mr and Mrs Okafor," "$WORK/cli2.txt"
expect_status "onroll letter: a kind that does not apply" 1 "$ONROLL" letter 100001 S1 --kind board-upheld
expect_in "... says which do" "the kinds that do: suspension-parent" "$WORK/err"
expect_status "onroll letter: no such event" 1 "$ONROLL" letter 100001 NOPE
expect_status "onroll letter: a PDF needs --out" 2 "$ONROLL" letter 100001 PX1 --format pdf
if [ -x "${ONROLL_CHROMIUM:-/usr/bin/chromium}" ]; then
    expect_status "onroll letter --format pdf" 0 "$ONROLL" letter 100001 PX1 --format pdf --out "$WORK/px1.pdf"
    expect_eq "... starts with %PDF" "%PDF" "$(head -c 4 "$WORK/px1.pdf")"
fi
finish
