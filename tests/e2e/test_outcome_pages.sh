#!/bin/sh
# test_outcome_pages.sh - the outcomes pages end to end: a real `onroll serve` on 127.0.0.1 (a
# free port) over the fixture of test_outcomes.sh (tests/e2e/outcomes/: one intervention, SDQ
# and attendance before and after, suspensions in the terms before and after), driven with
# curl; then a real browser (tests/browser/outcomes.spec.mjs) with axe-core.
#
#   /reports/outcomes: the figures worked out by hand in test_outcomes.sh, as the analyst
#     (suppressed: the attendance row of one pupil is c; unsuppressed refused) and as an LA
#     officer (unsuppressed on asking, audited); the CSV download byte for byte the CLI's.
#   /pupils/{upn}/outcomes: the change per scale of the fixture's pupils; recording an SDQ by
#     its 25 responses (scored by hand below: the reverse items 7, 11, 14, 21 and 25 and a
#     prorated scale), by scale scores, and a number; a response of 3, a scale score of 11,
#     101% attendance refused against their fields with nothing written; no CSRF token, another
#     school's user (404), another school's plan, a date in the future: refused.
#   The report again after recording: the SDQ total over four pupils, by hand.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh

O=$(pwd)/tests/e2e/outcomes
R=$(pwd)/tests/e2e/rules
# the directory entry the fixture's interventions name (as in test_outcomes.sh) and its name
INT=allocation-of-a-key-worker-such-as-a-learning-mentor
NAME="Allocation of a key worker such as a Learning Mentor"
sed "s/@INT@/$INT/g" "$O/events.csv" >"$WORK/events.csv"
"$ONROLL" init >/dev/null 2>&1
if "$ONROLL" import "$R/schools.csv" "$O/calendar.csv" "$R/pupils.csv" "$R/enrolments.csv" \
    "$WORK/events.csv" "$O/withdrawn.csv" >"$WORK/import.out" 2>&1; then
    pass "the outcomes fixture imports"
else
    fail "the outcomes fixture imports" "$(cat "$WORK/import.out")"
fi
add_user() { # EMAIL ROLE PASSWORD [URN]
    if [ -n "${4:-}" ]; then
        printf '%s\n' "$3" | "$ONROLL" user add "$1" --name "$1" --role "$2" --scope "$4" \
            --password-stdin >/dev/null 2>&1
    else
        printf '%s\n' "$3" | "$ONROLL" user add "$1" --name "$1" --role "$2" --password-stdin \
            >/dev/null 2>&1
    fi
    expect_eq "account $1 ($2)" 0 $?
}
add_user head@eastfield.example.uk school eastfield-kestrel-1 200001
add_user head@brookside.example.uk school brookside-kestrel-1 200002
add_user officer@la.example.gov.uk la_officer kestrel-river-41
add_user analyst@la.example.gov.uk analyst figures-kestrel-1
add_user vsh@la.example.gov.uk virtual_school virtual-kestrel-1

events_count() {
    "$ONROLL" export events | wc -l | tr -d ' '
}

# rows HTML : every table row and summary-list row as its cells' text joined by " | "
cat >"$WORK/rows.py" <<'EOF'
import html.parser, re, sys
class Rows(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell = [], None, None
        self.divs, self.row_div = 0, None  # a summary-list row ends with its own </div>
    def end_row(self):
        self.rows.append(" | ".join(self.row))
        self.row, self.row_div = None, None
    def handle_starttag(self, tag, attrs):
        cls = (dict(attrs).get("class") or "").split()
        if tag == "div":
            self.divs += 1
        if tag == "tr" or (tag == "div" and "govuk-summary-list__row" in cls):
            self.row = []
            if tag == "div":
                self.row_div = self.divs
        elif tag in ("td", "th", "dt", "dd") and self.row is not None:
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
    def handle_endtag(self, tag):
        if tag in ("td", "th", "dt", "dd") and self.cell is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.end_row()
        elif tag == "div":
            if self.row is not None and self.row_div == self.divs:
                self.end_row()
            self.divs -= 1
    def handle_data(self, d):
        if self.cell is not None:
            self.cell.append(d)
p = Rows()
p.feed(open(sys.argv[1], encoding="utf-8").read())
print("\n".join(p.rows))
EOF
rows() {
    python3 "$WORK/rows.py" "$1"
}
# expect_row NAME ROW FILE : the page has a row that is exactly ROW
expect_row() {
    rows "$3" >"$WORK/rows"
    if grep -qxF -- "$2" "$WORK/rows"; then pass "$1"; else fail "$1 (no row '$2')" "$(cat "$WORK/rows" | head -40)"; fi
}

start_server

SC=$WORK/school.jar
SC2=$WORK/school2.jar
LA=$WORK/la.jar
AN=$WORK/analyst.jar
VS=$WORK/vs.jar
expect_eq "school 200001 signs in" 303 "$(sign_in "$SC" head@eastfield.example.uk eastfield-kestrel-1)"
expect_eq "school 200002 signs in" 303 "$(sign_in "$SC2" head@brookside.example.uk brookside-kestrel-1)"
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"
expect_eq "Virtual School signs in" 303 "$(sign_in "$VS" vsh@la.example.gov.uk virtual-kestrel-1)"

# ---- the report page: the figures of test_outcomes.sh, worked out by hand there ----
Q="as-of-day=1&as-of-month=4&as-of-year=2026"
expect_eq "analyst: /reports/outcomes as of 1 Apr 2026" 200 "$(get "$AN" "/reports/outcomes?$Q")"
cp "$WORK/body" "$WORK/report.html"
expect_row "summary: 4 pupils received it" "Pupils who received it | 4" "$WORK/report.html"
expect_row "summary: 3 ended" "Of them, ended by the date | 3" "$WORK/report.html"
expect_row "suspensions: 3 before, 2 after over 3 pupils (fewer 1, same 1, more 1: A 2->0, B 1->1, C 0->1)" \
    "Suspensions, the term before against the term after | 3 → 2, over the 3 pupils whose term after has finished Improved Pupils with fewer: 1, the same: 1, more: 1" "$WORK/report.html"
expect_row "SDQ total difficulties: 20.67 -> 15.67, -5.00 (-18.83 to 8.83)" \
    "SDQ (teacher report): Total difficulties | 3 | 20.67 | 15.67 | -5.00 | -18.83 to 8.83 | Improved the interval includes no change" "$WORK/report.html"
expect_row "SDQ emotional symptoms: -1.00 (-3.48 to 1.48)" \
    "SDQ (teacher report): Emotional symptoms | 3 | 3.67 | 2.67 | -1.00 | -3.48 to 1.48 | Improved the interval includes no change" "$WORK/report.html"
expect_row "SDQ prosocial (higher is better): +1.67 (-2.13 to 5.46), improved" \
    "SDQ (teacher report): Prosocial behaviour | 3 | 4.67 | 6.33 | 1.67 | -2.13 to 5.46 | Improved the interval includes no change" "$WORK/report.html"
expect_row "attendance, one pupil: suppressed for the analyst" "Attendance | c | c | c | c | c | c" "$WORK/report.html"
expect_in "the change is a GOV.UK tag with words" '<strong class="govuk-tag govuk-tag--green">Improved</strong>' "$WORK/report.html"
expect_in "the intervention by its directory name" "<h2 class=\"govuk-heading-m\" id=\"i-1\">$NAME</h2>" "$WORK/report.html"
expect_in "... and its id" "Directory entry $INT" "$WORK/report.html"
expect_in "... offered by name in the filter" "<option value=\"$INT\">$NAME</option>" "$WORK/report.html"
expect_in "a table with a caption" "<caption class=\"govuk-table__caption govuk-table__caption--s\">Measures before and after: $NAME</caption>" "$WORK/report.html"
expect_not_in "the analyst is not offered unsuppressed figures" 'name="unsuppressed"' "$WORK/report.html"
expect_in "a CSV download link with the query" "/reports/outcomes/download?as-of-day=1&amp;as-of-month=4&amp;as-of-year=2026" "$WORK/report.html"
expect_eq "analyst: unsuppressed refused" 403 "$(get "$AN" "/reports/outcomes?$Q&unsuppressed=1")"
expect_eq "analyst: unsuppressed download refused" 403 "$(get "$AN" "/reports/outcomes/download?$Q&unsuppressed=1")"
expect_eq "a school account may not see the report" 403 "$(get "$SC" "/reports/outcomes?$Q")"
expect_eq "the reports page" 200 "$(get "$AN" /reports)"
expect_in "... links to the outcomes report" 'href="/reports/outcomes"' "$WORK/body"

un_before=$(sql "select count(*) from audit_log where action = 'report.unsuppressed'")
expect_eq "LA officer: the report" 200 "$(get "$LA" "/reports/outcomes?$Q")"
expect_row "LA officer: suppressed by default" "Attendance | c | c | c | c | c | c" "$WORK/body"
expect_eq "... unsuppressed audited only when asked" "$un_before" "$(sql "select count(*) from audit_log where action = 'report.unsuppressed'")"
expect_eq "LA officer: unsuppressed" 200 "$(get "$LA" "/reports/outcomes?$Q&unsuppressed=1")"
expect_row "attendance 85.00 -> 92.50, +7.50, one pupil: no interval" \
    "Attendance | 1 | 85.00 | 92.50 | 7.50 | Not applicable (one pupil) | Improved" "$WORK/body"
expect_in "... with a warning" "These figures are not suppressed" "$WORK/body"
expect_eq "... written to the audit log (report.unsuppressed)" $((un_before + 1)) "$(sql "select count(*) from audit_log where action = 'report.unsuppressed'")"
sql "select detail from audit_log where action = 'report.unsuppressed' order by id desc limit 1" >"$WORK/detail"
expect_in "... naming the report" "outcomes as of 2026-04-01, every intervention (unsuppressed)" "$WORK/detail"

expect_eq "as of 1 Mar 2026" 200 "$(get "$AN" "/reports/outcomes?as-of-day=1&as-of-month=3&as-of-year=2026")"
expect_row "... the spring term has not finished: no suspension comparison" \
    "Suspensions, the term before against the term after | No pupil's term after has finished yet" "$WORK/body"
expect_eq "a date that is not one" 400 "$(get "$AN" "/reports/outcomes?as-of-day=31&as-of-month=2&as-of-year=2026")"
expect_in "... against the date" '<a href="#as-of-day">The date must be a real date' "$WORK/body"
expect_eq "an intervention that is not in the report" 400 "$(get "$AN" "/reports/outcomes?$Q&intervention=nosuch")"
expect_in "... against the list" '<a href="#intervention">Select an intervention from the list</a>' "$WORK/body"
expect_eq "one intervention" 200 "$(get "$AN" "/reports/outcomes?$Q&intervention=$INT")"
expect_row "... its figures" "Pupils who received it | 4" "$WORK/body"

# the CSV download: exactly the CLI's
"$ONROLL" report outcomes --as-of 2026-04-01 >"$WORK/cli.csv"
expect_eq "analyst: download" 200 "$(get "$AN" "/reports/outcomes/download?$Q")"
expect_same_file "the CSV equals onroll report outcomes (suppressed)" "$WORK/cli.csv" "$WORK/body"
expect_in "... as text/csv" "Content-Type: text/csv" "$WORK/headers"
expect_in "... to save" 'filename="onroll-outcomes-2026-04-01.csv"' "$WORK/headers"
expect_eq "... written to the audit log as an export" 1 "$(sql "select count(*) from audit_log where action = 'export' and detail like 'outcomes as of 2026-04-01%'")"
"$ONROLL" report outcomes --as-of 2026-04-01 --unsuppressed >"$WORK/cli.csv"
expect_eq "LA officer: unsuppressed download" 200 "$(get "$LA" "/reports/outcomes/download?$Q&unsuppressed=1")"
expect_same_file "the CSV equals onroll report outcomes --unsuppressed" "$WORK/cli.csv" "$WORK/body"
"$ONROLL" report outcomes --as-of 2026-04-01 --intervention "$INT" >"$WORK/cli.csv"
expect_eq "one intervention's download" 200 "$(get "$AN" "/reports/outcomes/download?$Q&intervention=$INT")"
expect_same_file "the CSV equals onroll report outcomes --intervention" "$WORK/cli.csv" "$WORK/body"

# ---- a pupil's outcomes: the fixture's measurements ----
A=K999261000001
Bp=Z999261000002
D=C999261000004
expect_eq "school: A's outcomes" 200 "$(get "$SC" "/pupils/$A/outcomes")"
cp "$WORK/body" "$WORK/a.html"
expect_row "A: SDQ total 21 -> 15 (4+6+8+3 -> 3+4+6+2), improved" "Total difficulties | 21 → 15 | Improved" "$WORK/a.html"
expect_row "A: prosocial 5 -> 7 is better (higher is better)" "Prosocial behaviour | 5 → 7 | Improved" "$WORK/a.html"
expect_row "A: attendance 85.0% -> 92.5%" "Attendance | 85.0% → 92.5% | Improved" "$WORK/a.html"
expect_row "A: the measurement before, with its bands (teacher: conduct 4-10 abnormal, prosocial 5 borderline)" \
    "15 September 2025 | SDQ (teacher report) | Before | Emotional symptoms 4 (normal); Conduct problems 6 (abnormal); Hyperactivity/inattention 8 (abnormal); Peer relationship problems 3 (normal); Prosocial behaviour 5 (borderline); Total difficulties 21 (abnormal); Externalising 14; Internalising 7" "$WORK/a.html"
expect_in "A: grouped under the intervention, named as in the directory" ">Intervention: $NAME</h3>" "$WORK/a.html"
expect_eq "school: B's outcomes" 200 "$(get "$SC" "/pupils/$Bp/outcomes")"
expect_row "B: SDQ total 16 -> 17, worse" "Total difficulties | 16 → 17 | Worse" "$WORK/body"
expect_row "B: emotional 2 -> 2, no change" "Emotional symptoms | 2 → 2 | No change" "$WORK/body"
expect_in "... a red tag with its words" '<strong class="govuk-tag govuk-tag--red">Worse</strong>' "$WORK/body"

expect_eq "another school's account: 404" 404 "$(get "$SC2" "/pupils/$A/outcomes")"
expect_eq "the analyst may not open a pupil's outcomes" 403 "$(get "$AN" "/pupils/$A/outcomes")"
expect_eq "the Virtual School: a pupil with a social worker (in its scope)" 200 "$(get "$VS" /pupils/R999261000005/outcomes)"
expect_in "... nothing to measure yet" "There is nothing to measure yet" "$WORK/body"
expect_eq "the Virtual School: a pupil outside its scope, 404" 404 "$(get "$VS" "/pupils/$A/outcomes")"
expect_eq "the pupil's page" 200 "$(get "$SC" "/pupils/$A")"
expect_in "... has an Outcomes section" '<h2 class="govuk-heading-m" id="outcomes">Outcomes</h2>' "$WORK/body"
expect_in "... linking to the outcomes page" "href=\"/pupils/$A/outcomes\"" "$WORK/body"
expect_row "... with the latest measurement" \
    "12 December 2025 | Attendance (after) | Intervention: $NAME | Attendance 92.5%" "$WORK/body"

# ---- recording an SDQ by its 25 responses (school 200001, pupil D, intervention ID) ----
# Responses, items 1-25 (0 not true, 1 somewhat true, 2 certainly true; item 20 not answered):
#   2 1 0 1 2 0 0 1 2 2 2 1 0 1 2 1 1 0 1 - 0 1 0 2 2
# emotional (3 8 13 16 24): 0+1+0+1+2 = 4, normal (teacher 0-4)
# conduct (5 7r 12 18 22): 2+(2-0)+1+0+1 = 6, abnormal (4-10)
# hyperactivity (2 10 15 21r 25r): 1+2+2+(2-0)+(2-2) = 7, abnormal (7-10)
# peer (6 11r 14r 19 23): 0+(2-2)+(2-1)+1+0 = 2, normal (0-3)
# prosocial (1 4 9 17 20): 2+1+2+1 over 4 items = 6 x 5/4 = 7.5 -> 8 (halves up), normal (6-10)
# total 4+6+7+2 = 19, abnormal (16-40); externalising 6+7 = 13; internalising 4+2 = 6.
RESP="2 1 0 1 2 0 0 1 2 2 2 1 0 1 2 1 1 0 1 - 0 1 0 2 2"
items_args() { # the responses as item-N=V arguments ('-' = not answered); $1 replaces item 7
    n=1
    for v in $RESP; do
        [ "$n" = 7 ] && [ -n "${1:-}" ] && v=$1
        [ "$v" = - ] && v=
        printf 'item-%d=%s\n' "$n" "$v"
        n=$((n + 1))
    done
}
before=$(events_count)
expect_eq "school: D's outcomes" 200 "$(get "$SC" "/pupils/$D/outcomes")"
cp "$WORK/body" "$WORK/d.html"
expect_in "D: no measurement yet" "No measurement has been recorded." "$WORK/d.html"
expect_in "D: the intervention is offered" 'value="200001:ID"' "$WORK/d.html"
expect_in "D: the measures of measures.h" '<option value="sdq_teacher">SDQ (teacher report)</option>' "$WORK/d.html"
expect_in "D: how it is entered" 'name="entry" type="radio" value="responses"' "$WORK/d.html"
expect_in "D: a CSRF token" 'name="csrf_token"' "$WORK/d.html"

form_body "$WORK/d.html" plan=200001:ID measure=sdq_teacher outcome=pre taken-day=16 \
    taken-month=9 taken-year=2025 entry=responses action=entry >"$WORK/s1.req"
expect_eq "step 1 -> the 25 items" 200 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/s1.req")"
cp "$WORK/body" "$WORK/items.html"
expect_eq "25 items, each a fieldset with its number as legend" 25 "$(grep -c '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s onroll-item__legend">Item [0-9]*</legend>' "$WORK/items.html")"
expect_in "item 25 is the last" '>Item 25</legend>' "$WORK/items.html"
expect_not_in "there is no item 26" '>Item 26</legend>' "$WORK/items.html"
expect_eq "each item: Not true, Somewhat true, Certainly true, Not answered" 25 "$(grep -c '<label class="govuk-label govuk-radios__label" for="item-[0-9]*-4">Not answered</label>' "$WORK/items.html")"
expect_in "item 7's first response has the id the error summary links to" '<input class="govuk-radios__input" id="item-7" name="item-7" type="radio" value="0">' "$WORK/items.html"
expect_in "... response names from measures.h" 'for="item-7-3">Certainly true</label>' "$WORK/items.html"

# shellcheck disable=SC2046
form_body "$WORK/items.html" $(items_args 3) action=check >"$WORK/bad.req"
expect_eq "a response of 3 to item 7 is refused" 400 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/bad.req")"
expect_in "... in the error summary, linking to item 7" '<a href="#item-7">Item 7: 3 is not a response (0 to 2, or blank)</a>' "$WORK/body"
expect_in "... against item 7's fieldset" '<p id="item-7-error" class="govuk-error-message">' "$WORK/body"
expect_in "... the fieldset described by its error" 'aria-describedby="item-7-error"' "$WORK/body"
expect_in "... the other answers kept" 'id="item-9" name="item-9" type="radio" value="0">' "$WORK/body"
expect_in "... item 9's answer (2) still ticked" 'id="item-9-3" name="item-9" type="radio" value="2" checked>' "$WORK/body"
expect_eq "... nothing written" "$before" "$(events_count)"

# shellcheck disable=SC2046
form_body "$WORK/items.html" $(items_args) action=check >"$WORK/check.req"
expect_eq "check the responses" 200 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/check.req")"
cp "$WORK/body" "$WORK/check.html"
expect_in "check page: nothing saved yet" "Nothing has been saved yet" "$WORK/check.html"
expect_in "check page: 24 of 25 items answered" "24 of 25 items answered." "$WORK/check.html"
expect_row "emotional 4, normal" "Emotional symptoms | 4 (0 to 10) | Normal" "$WORK/check.html"
expect_row "conduct 6 (item 7 reversed: 0 scores 2), abnormal" "Conduct problems | 6 (0 to 10) | Abnormal" "$WORK/check.html"
expect_row "hyperactivity 7 (items 21, 25 reversed), abnormal" "Hyperactivity/inattention | 7 (0 to 10) | Abnormal" "$WORK/check.html"
expect_row "peer 2 (items 11, 14 reversed), normal" "Peer relationship problems | 2 (0 to 10) | Normal" "$WORK/check.html"
expect_row "prosocial 8 (4 items, prorated), normal" "Prosocial behaviour | 8 (0 to 10) | Normal" "$WORK/check.html"
expect_row "total difficulties 19, abnormal" "Total difficulties | 19 (0 to 40) | Abnormal" "$WORK/check.html"
expect_row "externalising 13, no published bands" "Externalising | 13 (0 to 20) | No published bands" "$WORK/check.html"
expect_row "internalising 6" "Internalising | 6 (0 to 20) | No published bands" "$WORK/check.html"
expect_row "the stored form: the responses as entered" \
    "As it will be stored | 2,1,0,1,2,0,0,1,2,2,2,1,0,1,2,1,1,0,1,,0,1,0,2,2" "$WORK/check.html"
expect_eq "the check writes nothing" "$before" "$(events_count)"
EV1=$(sed -n 's/.*name="event_id" value="\(WEB-[0-9A-F]*\)".*/\1/p' "$WORK/check.html" | tail -n 1)

form_body "$WORK/check.html" action=change >"$WORK/change.req"
expect_eq "Change: back to the items" 200 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/change.req")"
expect_in "... with item 1's answer (2) kept" 'id="item-1-3" name="item-1" type="radio" value="2" checked>' "$WORK/body"

form_body "$WORK/check.html" action=save >"$WORK/save.req"
expect_eq "save it" 303 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/save.req")"
expect_in "... back to the outcomes page with a banner" "Location: /pupils/$D/outcomes?recorded=1#measurements" "$WORK/headers"
"$ONROLL" export events >"$WORK/events.after"
expect_in "the measure event is stored (onroll export events)" \
    "$EV1,$D,200001,measure,2025-09-16,,,ID,,,,,,,pre,,,head@eastfield.example.uk,,,sdq_teacher,\"2,1,0,1,2,0,0,1,2,2,2,1,0,1,2,1,1,0,1,,0,1,0,2,2\"," "$WORK/events.after"
expect_eq "one more event" $((before + 1)) "$(events_count)"
expect_eq "saving the same form again" 303 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/save.req")"
expect_eq "... records it once" $((before + 1)) "$(events_count)"
expect_eq "the change is in the audit log" 1 "$(sql "select count(*) from audit_log where action = 'change' and detail like 'recorded measure $EV1: sdq_teacher pre for ID at school 200001%'")"
expect_eq "the outcomes page after saving" 200 "$(get "$SC" "/pupils/$D/outcomes?recorded=1")"
expect_in "... says it was recorded" "Measurement recorded." "$WORK/body"
expect_row "... the summary with its bands" \
    "16 September 2025 | SDQ (teacher report) | Before | Emotional symptoms 4 (normal); Conduct problems 6 (abnormal); Hyperactivity/inattention 7 (abnormal); Peer relationship problems 2 (normal); Prosocial behaviour 8 (normal); Total difficulties 19 (abnormal); Externalising 13; Internalising 6" "$WORK/body"

# ---- by scale scores from the paper form (after) ----
before=$(events_count)
expect_eq "D's outcomes again" 200 "$(get "$SC" "/pupils/$D/outcomes")"
form_body "$WORK/body" plan=200001:ID measure=sdq_teacher outcome=post taken-day=20 \
    taken-month=3 taken-year=2026 entry=scales action=entry >"$WORK/s1.req"
expect_eq "step 1 -> the scale scores" 200 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/s1.req")"
cp "$WORK/body" "$WORK/scales.html"
expect_in "one input per item scale" '<label class="govuk-label" for="scale-conduct">Conduct problems</label>' "$WORK/scales.html"
expect_not_in "no input for the total (worked out)" 'id="scale-total"' "$WORK/scales.html"
form_body "$WORK/scales.html" scale-emotional=abc scale-conduct=11 scale-hyperactivity=5 \
    scale-peer=2 scale-prosocial=9 action=check >"$WORK/bad.req"
expect_eq "a scale score of 11 is refused" 400 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/bad.req")"
expect_in "... against conduct problems" '<a href="#scale-conduct">Conduct problems: 11 is outside 0 to 10</a>' "$WORK/body"
expect_in "... the field marked" 'id="scale-conduct-error"' "$WORK/body"
expect_in "... and a score that is not a number" '<a href="#scale-emotional">Emotional symptoms: enter a whole number from 0 to 10</a>' "$WORK/body"
expect_in "... what was typed kept" 'name="scale-conduct" type="text" value="11"' "$WORK/body"
form_body "$WORK/scales.html" scale-conduct=11 action=save >"$WORK/bad.req"
expect_eq "... refused on saving too" 400 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/bad.req")"
expect_eq "... nothing written" "$before" "$(events_count)"
form_body "$WORK/scales.html" scale-emotional=3 scale-conduct=4 scale-hyperactivity=5 \
    scale-peer=2 scale-prosocial=9 action=check >"$WORK/check.req"
expect_eq "check the scale scores" 200 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/check.req")"
cp "$WORK/body" "$WORK/check.html"
expect_row "total 3+4+5+2 = 14, borderline (teacher 12-15)" "Total difficulties | 14 (0 to 40) | Borderline" "$WORK/check.html"
expect_row "conduct 4, abnormal (4-10)" "Conduct problems | 4 (0 to 10) | Abnormal" "$WORK/check.html"
expect_row "stored as scale=score pairs" \
    "As it will be stored | emotional=3;conduct=4;hyperactivity=5;peer=2;prosocial=9" "$WORK/check.html"
form_body "$WORK/check.html" action=save >"$WORK/save.req"
expect_eq "save the scale scores" 303 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/save.req")"
"$ONROLL" export events >"$WORK/events.after"
expect_in "... stored" ",$D,200001,measure,2026-03-20,,,ID,,,,,,,post,,,head@eastfield.example.uk,,,sdq_teacher,emotional=3;conduct=4;hyperactivity=5;peer=2;prosocial=9," "$WORK/events.after"
expect_eq "D's outcomes: before and after" 200 "$(get "$SC" "/pupils/$D/outcomes")"
expect_row "D: total 19 -> 14, improved" "Total difficulties | 19 → 14 | Improved" "$WORK/body"
expect_row "D: prosocial 8 -> 9, improved" "Prosocial behaviour | 8 → 9 | Improved" "$WORK/body"
expect_row "D: peer 2 -> 2, no change" "Peer relationship problems | 2 → 2 | No change" "$WORK/body"

# ---- a number ----
before=$(events_count)
expect_eq "D's outcomes again" 200 "$(get "$SC" "/pupils/$D/outcomes")"
form_body "$WORK/body" plan=200001:ID measure=attendance_pct outcome=pre taken-day=16 \
    taken-month=9 taken-year=2025 action=entry >"$WORK/s1.req"
expect_eq "step 1 -> the number" 200 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/s1.req")"
cp "$WORK/body" "$WORK/number.html"
expect_in "one field, with its unit" '<label class="govuk-label" for="number">Attendance (%)</label>' "$WORK/number.html"
form_body "$WORK/number.html" number=101 action=check >"$WORK/bad.req"
expect_eq "101% is refused" 400 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/bad.req")"
expect_in "... against the number, in words" '<a href="#number">Attendance: 101.0 is outside 0.0 to 100.0</a>' "$WORK/body"
form_body "$WORK/number.html" number=88.25 action=check >"$WORK/bad.req"
expect_eq "two decimal places are refused" 400 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/bad.req")"
expect_in "... saying why" 'has more than 1 decimal place' "$WORK/body"
expect_eq "... nothing written" "$before" "$(events_count)"
form_body "$WORK/number.html" number=88.5 action=check >"$WORK/check.req"
expect_eq "check 88.5%" 200 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/check.req")"
expect_row "... shown with its unit" "Attendance | 88.5%" "$WORK/body"
form_body "$WORK/body" action=save >"$WORK/save.req"
expect_eq "save 88.5%" 303 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/save.req")"
"$ONROLL" export events >"$WORK/events.after"
expect_in "... stored" ",$D,200001,measure,2025-09-16,,,ID,,,,,,,pre,,,head@eastfield.example.uk,,,attendance_pct,88.5," "$WORK/events.after"
expect_eq "one more event" $((before + 1)) "$(events_count)"

# ---- refused: no CSRF token, another school, another school's plan, a future date ----
before=$(events_count)
expect_eq "D's outcomes again" 200 "$(get "$SC" "/pupils/$D/outcomes")"
cp "$WORK/body" "$WORK/d.html"
# shellcheck disable=SC2046
form_body "$WORK/d.html" plan=200001:ID measure=sdq_teacher outcome=pre taken-day=16 \
    taken-month=9 taken-year=2025 entry=responses $(items_args) action=save |
    sed 's/csrf_token=[^&]*&//' >"$WORK/nocsrf.req"
expect_eq "no CSRF token: refused" 403 "$(post "$SC" "/pupils/$D/outcomes" "$WORK/nocsrf.req")"
expect_eq "... nothing written" "$before" "$(events_count)"
# shellcheck disable=SC2046
expect_eq "school 200002's home page (for its own CSRF token)" 200 "$(get "$SC2" /)"
TOK2=$(csrf_of "$WORK/body")
# shellcheck disable=SC2046
form_body "$WORK/d.html" "csrf_token=$TOK2" plan=200001:ID measure=sdq_teacher outcome=pre \
    taken-day=16 taken-month=9 taken-year=2025 entry=responses $(items_args) action=save >"$WORK/other.req"
expect_eq "another school's account posting (with its own token): 404" 404 "$(post "$SC2" "/pupils/$D/outcomes" "$WORK/other.req")"
expect_eq "... nothing written" "$before" "$(events_count)"
# a Pastoral Support Programme of pupil A at another school (200003): the LA sees it, school
# 200001 does not
printf 'event_id,upn,urn,type,start,end\nIX,%s,200003,psp,2025-10-01,2026-01-30\n' "$A" >"$WORK/ix.csv"
"$ONROLL" import "$WORK/ix.csv" >"$WORK/o" 2>&1
expect_eq "a PSP at school 200003 imports" 0 $?
before=$(events_count)
expect_eq "school: A's outcomes" 200 "$(get "$SC" "/pupils/$A/outcomes")"
expect_not_in "... another school's PSP is not offered" 'value="200003:IX"' "$WORK/body"
# shellcheck disable=SC2046
form_body "$WORK/body" plan=200003:IX measure=sdq_teacher outcome=pre taken-day=1 \
    taken-month=10 taken-year=2025 entry=responses $(items_args) action=save >"$WORK/forged.req"
expect_eq "a school recording against another school's plan: refused" 400 "$(post "$SC" "/pupils/$A/outcomes" "$WORK/forged.req")"
expect_in "... against the plan" '<a href="#plan">Select the intervention or plan the measurement is for</a>' "$WORK/body"
expect_eq "... nothing written" "$before" "$(events_count)"
expect_eq "LA officer: A's outcomes" 200 "$(get "$LA" "/pupils/$A/outcomes")"
expect_in "... the LA is offered both schools' plans" 'value="200003:IX"' "$WORK/body"
expect_in "... named" '>Pastoral Support Programme</label>' "$WORK/body"
expect_in "... and school 200001's" 'value="200001:IA"' "$WORK/body"
NEXT=$(date -d tomorrow +%Y-%m-%d 2>/dev/null || date -v+1d +%Y-%m-%d)
form_body "$WORK/body" plan=200001:IA measure=sdq_teacher outcome=post "taken-day=${NEXT#*-*-}" \
    "taken-month=$(echo "$NEXT" | cut -d- -f2)" "taken-year=${NEXT%%-*}" entry=scales action=entry >"$WORK/future.req"
expect_eq "a date in the future is refused" 400 "$(post "$LA" "/pupils/$A/outcomes" "$WORK/future.req")"
expect_in "... against the date" '<a href="#taken-day">The date it was completed must be today or in the past</a>' "$WORK/body"
form_body "$WORK/body" plan= measure= outcome= action=entry >"$WORK/empty.req"
expect_eq "nothing chosen" 400 "$(post "$LA" "/pupils/$A/outcomes" "$WORK/empty.req")"
expect_in "... the plan" '<a href="#plan">' "$WORK/body"
expect_in "... the measure" '<a href="#measure">Select the measure</a>' "$WORK/body"
expect_in "... before or after" '<a href="#outcome">Select whether it was taken before or after</a>' "$WORK/body"
expect_eq "... nothing written" "$before" "$(events_count)"

# ---- the report after recording: D measured twice as well ----
# SDQ total difficulties of A, B, C, D: 21->15, 16->17, 25->15, 19->14; changes -6, +1, -10, -5:
# mean before 81/4 = 20.25, after 61/4 = 15.25, change -20/4 = -5.00; deviations -1, 6, -5, 0,
# sum of squares 62, variance 62/3 = 20.667, sd 4.5461, se 2.2730; t(0.975, 3) = 3.1824;
# half-width 7.2338: CI -12.23 to 2.23.
expect_eq "the report after recording" 200 "$(get "$AN" "/reports/outcomes?$Q")"
expect_row "SDQ total over 4 pupils: -5.00 (-12.23 to 2.23)" \
    "SDQ (teacher report): Total difficulties | 4 | 20.25 | 15.25 | -5.00 | -12.23 to 2.23 | Improved the interval includes no change" "$WORK/body"
expect_row "... the same 4 pupils received it" "Pupils who received it | 4" "$WORK/body"
"$ONROLL" report outcomes --as-of 2026-04-01 >"$WORK/cli.csv"
expect_eq "download after recording" 200 "$(get "$AN" "/reports/outcomes/download?$Q")"
expect_same_file "... still the CLI's CSV" "$WORK/cli.csv" "$WORK/body"

# ---- a real browser and axe-core ----
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    echo "skipped: browser test (node is not installed)"
elif [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    echo "skipped: browser test (node_modules/playwright-core or axe-core missing: npm install)"
elif [ ! -x "$CHROMIUM" ]; then
    echo "skipped: browser test ($CHROMIUM is not installed: apt-get install chromium)"
else
    E=R999261000005
    printf 'event_id,upn,urn,type,start,end,intervention\nIE,%s,200001,intervention,2025-09-15,2025-12-12,%s\n' "$E" "$INT" >"$WORK/ie.csv"
    "$ONROLL" import "$WORK/ie.csv" >"$WORK/o" 2>&1
    expect_eq "an intervention for the browser's pupil imports" 0 $?
    before=$(events_count)
    CHROMIUM=$CHROMIUM BASE=$B UPN=$E PLAN=200001:IE \
        SCHOOL_EMAIL=head@eastfield.example.uk SCHOOL_PASSWORD=eastfield-kestrel-1 \
        LA_EMAIL=analyst@la.example.gov.uk LA_PASSWORD=figures-kestrel-1 \
        node tests/browser/outcomes.spec.mjs >"$WORK/browser" 2>&1
    rc=$?
    sed 's/^/    /' "$WORK/browser"
    if [ $rc -eq 0 ]; then pass "browser: an SDQ recorded through the item grid, axe-core 0 violations"; else fail "browser test (exit $rc)" "$(grep -E '^(FAIL|axe:)' "$WORK/browser" | head -20)"; fi
    expect_eq "the browser's measurement is stored, once" $((before + 1)) "$(events_count)"
    "$ONROLL" export events | grep ",$E,200001,measure,2025-09-15," >"$WORK/e.csv"
    expect_in "... with the responses the browser ticked" ',IE,,,,,,,pre,,,head@eastfield.example.uk,,,sdq_teacher,"0,0,0,0,0,1,1,1,1,1,2,2,2,2,2,0,0,0,0,0,1,1,1,1,1",' "$WORK/e.csv"
fi

finish
