#!/bin/sh
# test_duties_list.sh - /duties and /duties/download end to end (issue 14, the finding "1354
# overdue ... And 1329 more not shown, no link, paging, filter or download"): a real `onroll
# serve` over the small LA of duties_data.sh, driven with curl. Every count is worked out by
# hand from that fixture (see duties_data.sh):
#
#   - the LA officer filters to one school, one rule and overdue: 28 duties, 25 on page 1 (A30,
#     the longest overdue, first) and 3 on page 2 (A05, A04, A03), none on both; 50 a page shows
#     all 28; sorting by pupil, school and due date, each way; done, several statuses, due from
#     and to, who acts, pupil by name and by UPN;
#   - the CSV is the same selection (every page, the same order), its cells guarded, and on the
#     audit log as an export and as the read of the 28 children;
#   - a school cannot see another school's duties through any filter, sort or the download
#     (tried first: the attack);
#   - bad query values (page=-1, per_page=100000, sort=xyz, injection strings, a date that is
#     not one) give a sane page, never a crash;
#   - recording a duty from its row's link takes it off the overdue list (27 left).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi
. tests/e2e/duties_data.sh

# The UPNs of a page's rows, in order, space-separated.
rows_of() {
    python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
print(" ".join(re.findall(r"<span class=\"onroll-secondary\">UPN ([A-Z0-9]{13})</span>", s)))' "$1"
}
# The UPNs of a CSV's rows (its "upn" column), in order, space-separated.
csv_upns() {
    python3 -c '
import csv, sys
print(" ".join(r["upn"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$1"
}
# The names (A01...) of UPNs, space-separated.
names_of() {
    for u in $1; do awk -v u="$u" '$2 == u { printf "%s ", $1 }' "$WORK/upns"; done | sed 's/ $//'
}
count_of() { echo "$1" | wc -w | tr -d ' '; }
text_of() {
    python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(?s)<(svg|script|style|head)\b.*?</\1>", " ", s)
print(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s))))' "$1"
}

start_server
LA=$WORK/la.jar
HA=$WORK/head_a.jar
HB=$WORK/head_b.jar
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk "$PW")"
expect_eq "Hillside's head signs in" 303 "$(sign_in "$HA" head@hillside.example.sch.uk "$PW")"
expect_eq "Moorland's head signs in" 303 "$(sign_in "$HB" head@moorland.example.sch.uk "$PW")"

B_UPNS="$(upn_of B01) $(upn_of B02) $(upn_of B03)"
A01=$(upn_of A01)
B01=$(upn_of B01)
SEL="school=$URN_A&rule=STAT-NOTIFY-PARENT&status=overdue"

# ---- the attack first: a school reaches no other school's duties through any filter ----
no_b() { # NAME FILE: none of B's pupils in FILE's rows (a CSV: anywhere), nor B's name
    found=""
    if [ "$(head -c 4 "$2")" = "due," ]; then cp "$2" "$WORK/rows"; else rows_of "$2" >"$WORK/rows"; fi
    for u in $B_UPNS; do grep -q "$u" "$WORK/rows" && found="$found $u"; done
    grep -q "$SCHOOL_B" "$2" && found="$found $SCHOOL_B"
    if [ -z "$found" ]; then pass "$1"; else fail "$1 (found$found)"; fi
}
for q in "" "school=$URN_B" "school=$URN_B&status=overdue" "pupil=$B01" "pupil=Okafor" \
    "sort=school&order=desc" "sort=pupil&order=desc&per_page=100" "who=head+teacher" \
    "rule=STAT-NOTIFY-PARENT&per_page=100&page=2" "school=$URN_A&school=$URN_B" "school=$URN_B%00"; do
    expect_eq "school A: /duties?$q answers" 200 "$(get "$HA" "/duties?$q")"
    no_b "school A: /duties?$q names no pupil of school B" "$WORK/body"
    expect_eq "school A: /duties/download?$q answers" 200 "$(get "$HA" "/duties/download?$q")"
    no_b "school A: /duties/download?$q names no pupil of school B" "$WORK/body"
done
get "$HA" "/duties?school=$URN_B" >/dev/null
expect_in "school A: another school's URN is refused, not applied" "Select a school from the list" "$WORK/body"
get "$HA" "/duties?pupil=$B01" >/dev/null
expect_in "school A: another school's pupil by UPN: no duty" "No duties match these filters" "$WORK/body"
get "$HA" "/duties/download?pupil=$B01" >/dev/null
expect_eq "school A: ... and a CSV of the header only" 1 "$(wc -l <"$WORK/body" | tr -d ' ')"
get "$HA" "/duties?pupil=Okafor&rule=STAT-NOTIFY-PARENT" >/dev/null
expect_eq "school A: a name both schools have finds its own pupil only" "A01" "$(names_of "$(rows_of "$WORK/body")")"
get "$HA" "/duties?rule=STAT-NOTIFY-PARENT&status=overdue" >/dev/null
expect_in "school A: its own 28 overdue" "Showing <b>1</b> to <b>25</b> of <b>28</b> results" "$WORK/body"
get "$HB" "/duties?rule=STAT-NOTIFY-PARENT" >/dev/null
expect_in "school B: its own 3" "<b>3</b> results" "$WORK/body"
expect_not_in "school B: no pupil of school A" "$A01" "$WORK/body"
expect_not_in "school B: school A is not a choice" "$SCHOOL_A" "$WORK/body"

# ---- the LA officer: filter, page, sort ----
expect_eq "the navigation offers Duties" 200 "$(get "$LA" /dashboard)"
expect_in "... a link to /duties" 'href="/duties"' "$WORK/body"
expect_eq "page 1 of school A's overdue notices to parents" 200 "$(get "$LA" "/duties?$SEL")"
cp "$WORK/body" "$WORK/p1.html"
P1=$(rows_of "$WORK/p1.html")
expect_in "page 1: 1 to 25 of 28" "Showing <b>1</b> to <b>25</b> of <b>28</b> results" "$WORK/p1.html"
expect_eq "page 1: 25 rows" 25 "$(count_of "$P1")"
expect_eq "page 1: the longest overdue first (A30), A06 last" "A30 A06" \
    "$(names_of "$(echo "$P1" | awk '{print $1, $NF}')")"
expect_in "the school selected by name" "<option value=\"$URN_A\" selected>$SCHOOL_A</option>" "$WORK/p1.html"
expect_in "the rule shown by what must be done" "Tell the parent of the suspension or exclusion without delay." "$WORK/p1.html"
expect_not_in "no rule id on screen" ">STAT-NOTIFY-PARENT<" "$WORK/p1.html"
expect_in "a link to the next page" "href=\"/duties?school=$URN_A&amp;rule=STAT-NOTIFY-PARENT&amp;status=overdue&amp;page=2\" rel=\"next\"" "$WORK/p1.html"
text_of "$WORK/p1.html" >"$WORK/p1.txt"
A30_DAY=$(awk '$1 == "A30" { print $4 }' "$WORK/upns")
expect_in "dates in words" "$(date -d "$A30_DAY" '+%-d %B %Y')" "$WORK/p1.txt"
expect_in "the school by name in the rows" "$SCHOOL_A" "$WORK/p1.txt"
expect_in "each row links to its pupil" "href=\"/pupils/$(upn_of A30)\"" "$WORK/p1.html"
expect_in "... and to where the duty is done, with the way back to this list" "href=\"/pupils/$(upn_of A30)/action?urn=$URN_A&amp;event=S-A30&amp;rule=STAT-NOTIFY-PARENT&amp;back=%2Fduties%3F" "$WORK/p1.html"
expect_in "the headings sort (server side) with aria-sort" 'aria-sort="ascending"><a class="govuk-link onroll-sort"' "$WORK/p1.html"

expect_eq "page 2" 200 "$(get "$LA" "/duties?$SEL&page=2")"
P2=$(rows_of "$WORK/body")
expect_in "page 2: 26 to 28 of 28" "Showing <b>26</b> to <b>28</b> of <b>28</b> results" "$WORK/body"
expect_eq "page 2: A05, A04, A03" "A05 A04 A03" "$(names_of "$P2")"
both=$(for u in $P2; do echo "$P1" | grep -q "$u" && echo "$u"; done)
expect_eq "page 2 differs from page 1: no row on both" "" "$both"
expect_eq "50 a page" 200 "$(get "$LA" "/duties?$SEL&per_page=50")"
expect_eq "... shows all 28 on one page" 28 "$(count_of "$(rows_of "$WORK/body")")"
expect_not_in "... with no pagination" "govuk-pagination__list" "$WORK/body"

get "$LA" "/duties?$SEL&sort=pupil" >/dev/null
expect_eq "sorted by pupil: Aisha Ahmed (A15), then Alfie Young (A26)" "A15 A26" \
    "$(names_of "$(rows_of "$WORK/body" | awk '{print $1, $2}')")"
expect_in "... its heading says so" 'aria-sort="ascending"><a class="govuk-link onroll-sort" href="/duties?school=100002&amp;rule=STAT-NOTIFY-PARENT&amp;status=overdue&amp;sort=pupil&amp;order=desc">Pupil' "$WORK/body"
get "$LA" "/duties?$SEL&sort=pupil&order=desc" >/dev/null
expect_eq "sorted by pupil, descending: Zara Ali (A09) first" "A09" \
    "$(names_of "$(rows_of "$WORK/body" | awk '{print $1}')")"
get "$LA" "/duties?$SEL&sort=due&order=desc" >/dev/null
expect_eq "sorted by due date, most recent first: A03" "A03" \
    "$(names_of "$(rows_of "$WORK/body" | awk '{print $1}')")"
get "$LA" "/duties?rule=STAT-NOTIFY-PARENT&status=overdue&sort=school&order=desc" >/dev/null
expect_in "both schools: 31 overdue" "of <b>31</b> results" "$WORK/body"
expect_eq "sorted by school, descending: Moorland's first, its longest overdue first" "B03 B02 B01 A30" \
    "$(names_of "$(rows_of "$WORK/body" | awk '{print $1, $2, $3, $4}')")"
get "$LA" "/duties?rule=STAT-NOTIFY-PARENT&status=overdue&sort=school" >/dev/null
expect_eq "sorted by school: Hillside's first" "A30" "$(names_of "$(rows_of "$WORK/body" | awk '{print $1}')")"

get "$LA" "/duties?school=$URN_A&rule=STAT-NOTIFY-PARENT&status=done" >/dev/null
expect_eq "done: A02 and A01 (recorded)" "A02 A01" "$(names_of "$(rows_of "$WORK/body")")"
get "$LA" "/duties?school=$URN_A&rule=STAT-NOTIFY-PARENT&status=done&status=overdue" >/dev/null
expect_in "overdue and done: 30" "of <b>30</b> results" "$WORK/body"
FROM=$(awk '$1 == "A10" { print $4 }' "$WORK/upns")
TO=$(awk '$1 == "A05" { print $4 }' "$WORK/upns")
get "$LA" "/duties?$SEL&due_from=$FROM&due_to=$TO" >/dev/null
expect_eq "due from A10's day to A05's: A10 to A05" "A10 A09 A08 A07 A06 A05" "$(names_of "$(rows_of "$WORK/body")")"
F_D=$(date -d "$FROM" +%-d)
F_M=$(date -d "$FROM" +%-m)
F_Y=$(date -d "$FROM" +%Y)
get "$LA" "/duties?$SEL&due_from-day=$F_D&due_from-month=$F_M&due_from-year=$F_Y&due_to=$TO" >/dev/null
expect_eq "... the same from the form's three date inputs" "A10 A09 A08 A07 A06 A05" "$(names_of "$(rows_of "$WORK/body")")"
get "$LA" "/duties?rule=STAT-NOTIFY-PARENT&pupil=okafor" >/dev/null
expect_eq "pupil by name, any case: both schools' Okafors" "A01 B01" "$(names_of "$(rows_of "$WORK/body")" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"
get "$LA" "/duties?rule=STAT-NOTIFY-PARENT&pupil=$B01" >/dev/null
expect_eq "pupil by UPN" "B01" "$(names_of "$(rows_of "$WORK/body")")"
get "$LA" "/duties?$SEL&who=head+teacher" >/dev/null
expect_in "who acts: the head teacher" "of <b>28</b> results" "$WORK/body"
get "$LA" "/duties?$SEL&who=governing+board" >/dev/null
expect_in "who acts: the governing board: none" "No duties match these filters" "$WORK/body"
expect_in "... with Clear filters" ">Clear filters</a>" "$WORK/body"

# ---- the CSV: the same selection, audited ----
before=$(sql "SELECT COALESCE(MAX(id), 0) FROM audit_log")
expect_eq "the download link of the filtered list" 200 "$(get "$LA" "/duties/download?$SEL")"
cp "$WORK/body" "$WORK/duties.csv"
expect_in "a CSV file" "Content-Type: text/csv" "$WORK/headers"
expect_in "... to save" 'attachment; filename="onroll-duties.csv"' "$WORK/headers"
expect_eq "... its header: machine names" "due,status,pupil_name,upn,school_name,urn,duty,rule,who,event_id,done_on" "$(head -n 1 "$WORK/duties.csv" | tr -d '\r')"
expect_eq "... the same rows as pages 1 and 2, in the same order" "$P1 $P2" "$(csv_upns "$WORK/duties.csv")"
expect_in "... a row in full" "$A30_DAY,overdue,Kofi Mensah,$(upn_of A30),$SCHOOL_A,$URN_A,Tell the parent of the suspension or exclusion without delay.,STAT-NOTIFY-PARENT,head teacher,S-A30," "$WORK/duties.csv"
expect_in "the page links to it with the same query" "href=\"/duties/download?school=$URN_A&amp;rule=STAT-NOTIFY-PARENT&amp;status=overdue\" download>Download this list (CSV)" "$WORK/p1.html"
expect_eq "the download is on the audit log as an export" "1" \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE id > $before AND action = 'export' AND detail = '/duties/download?school=$URN_A&rule=STAT-NOTIFY-PARENT&status=overdue (28 rows)'")"
expect_eq "... and as the read of the 28 children it names" "28" \
    "$(sql "SELECT COUNT(*) FROM audit_log a JOIN audit_lists l ON l.list = a.list WHERE a.id > $before AND a.action = 'pupil.listed' AND a.object = '/duties/download'")"

# ---- bad query values: a sane page, never a crash ----
for q in "page=-1" "per_page=100000" "sort=xyz" "order=sideways" "page=abc&per_page=-5" \
    "page=99999999999999999999" "sort=%27%3B%20DROP%20TABLE%20events%3B--" \
    "school=1%20OR%201%3D1" "rule=%27%20OR%20%271%27%3D%271" "status=%3Cscript%3E" \
    "due_from=2026-02-30" "due_to=yesterday" "due_from-day=31&due_from-month=2&due_from-year=2026" \
    "pupil=%27%20OR%201%3D1%20--" "pupil=%3Cscript%3Ealert(1)%3C%2Fscript%3E" "who=%00" \
    "page=2&page=3" "per_page=50&per_page=abc"; do
    got=$(get "$LA" "/duties?$SEL&$q")
    if [ "$got" = 200 ] && grep -q 'id="list-count"' "$WORK/body" && ! grep -q '<script>alert' "$WORK/body"; then
        pass "/duties?...&$q: the list, 200"
    else
        fail "/duties?...&$q: the list, 200 (got $got)" "$(text_of "$WORK/body" | head -c 400)"
    fi
done
get "$LA" "/duties?$SEL&page=-1&per_page=100000&sort=xyz" >/dev/null
expect_in "page=-1, per_page=100000, sort=xyz: page 1 of 25, by due date" "Showing <b>1</b> to <b>25</b> of <b>28</b> results" "$WORK/body"
expect_eq "... A30 first" "A30" "$(names_of "$(rows_of "$WORK/body" | awk '{print $1}')")"
get "$LA" "/duties?$SEL&page=999999" >/dev/null
expect_in "a page past the last: the last" "Showing <b>26</b> to <b>28</b> of <b>28</b> results" "$WORK/body"
get "$LA" "/duties?$SEL&due_from=2026-02-30" >/dev/null
expect_in "a date that is not one: said, not applied" "Due from must be a real date" "$WORK/body"
expect_in "... the list still shown" "of <b>28</b> results" "$WORK/body"
get "$LA" "/duties?$SEL&pupil=%3Cscript%3Ealert(1)%3C%2Fscript%3E" >/dev/null
expect_in "markup in the pupil filter is shown escaped" "&lt;script&gt;alert(1)&lt;/script&gt;" "$WORK/body"
add_user analyst@la.example.gov.uk analyst "" "Ana Lyst"
expect_eq "the analyst signs in" 303 "$(sign_in "$WORK/an.jar" analyst@la.example.gov.uk "$PW")"
expect_eq "the analyst has no duty list (it names children)" 403 "$(get "$WORK/an.jar" /duties)"
expect_eq "... nor its download" 403 "$(get "$WORK/an.jar" /duties/download)"
expect_eq "not signed in: to the sign-in page" 303 "$(get "$WORK/anon.jar" /duties)"

# ---- a duty done from the list leaves the overdue list ----
A03=$(upn_of A03)
expect_eq "the row's link opens the action form" 200 "$(get "$LA" "/pupils/$A03/action?urn=$URN_A&event=S-A03&rule=STAT-NOTIFY-PARENT")"
form_body "$WORK/body" "done-day=$(date +%-d)" "done-month=$(date +%-m)" "done-year=$(date +%Y)" \
    delivery=hand >"$WORK/action.req"
expect_eq "the LA records that the parent was told" 303 "$(post "$LA" "/pupils/$A03/action" "$WORK/action.req")"
# from the list (the walk-through: "I land at the top of the pupil's page, not on my list"):
# the form carries the list it came from, and saving goes back to it with a banner
A04=$(upn_of A04)
BACK=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "/duties?$SEL")
expect_eq "the action form opened from the list" 200 "$(get "$LA" "/pupils/$A04/action?urn=$URN_A&event=S-A04&rule=STAT-NOTIFY-PARENT&back=$BACK")"
form_body "$WORK/body" "done-day=$(date +%-d)" "done-month=$(date +%-m)" "done-year=$(date +%Y)" \
    delivery=hand >"$WORK/action.req"
expect_eq "... saved" 303 "$(post "$LA" "/pupils/$A04/action" "$WORK/action.req")"
expect_in "... back to the list it came from" "Location: /duties?$SEL" "$WORK/headers"
get "$LA" "$(sed -n 's/^Location: //p' "$WORK/headers" | tr -d '\r')" >/dev/null
expect_in "... with a banner saying what was recorded" "Recorded as done" "$WORK/body"
BACKX=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "https://evil.example/duties")
get "$LA" "/pupils/$(upn_of A05)/action?urn=$URN_A&event=S-A05&rule=STAT-NOTIFY-PARENT&back=$BACKX" >/dev/null
form_body "$WORK/body" "done-day=$(date +%-d)" "done-month=$(date +%-m)" "done-year=$(date +%Y)" \
    delivery=hand >"$WORK/action.req"
post "$LA" "/pupils/$(upn_of A05)/action" "$WORK/action.req" >/dev/null
expect_not_in "attack: a way back off the site is not followed" "evil.example" "$WORK/headers"
get "$LA" "/duties?$SEL&page=2" >/dev/null
expect_in "25 overdue now (A03, A04 and A05 recorded)" "Showing <b>1</b> to <b>25</b> of <b>25</b> results" "$WORK/body"
get "$LA" "/duties?school=$URN_A&rule=STAT-NOTIFY-PARENT&status=done" >/dev/null
expect_eq "... and among the done" "A05 A04 A03 A02 A01" "$(names_of "$(rows_of "$WORK/body")")"
finish
