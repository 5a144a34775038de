#!/bin/sh
# test_scrutiny_words.sh - the scrutiny report's words (issue 16 parts 1, 2 and 4) end to end, on
# the demo LA as of 7 December 2026 (the demo the issue read), with the real binary, a real
# database (run again on PostgreSQL by tests/pg/test_e2e_pg.sh) and a real server driven by curl.
# Each of the issue's findings is a check here:
#
#   - "About the data says suspensions include lunchtime suspensions; the figures correctly leave
#     them out (1,536 = 1,551 suspensions - 15 withdrawn; the 88 lunchtimes are not counted)":
#     the note says lunchtimes count in no figure and quotes the year's numbers, which add up to
#     the headline; then 4 lunchtime suspensions and 3 suspensions withdrawn are planted, and
#     the headline stays 1,536 while the note's numbers move by exactly those (hand-counted:
#     1,554 recorded, 18 not counted, 92 lunchtimes);
#   - "the council is called local authority 999; page 2 holds only an instruction for whoever
#     runs the system": the title is the LA's name; no LA code, no "Import", no "onroll ", no
#     command in the document; each missing input is a plain sentence there and a warning on
#     stderr (never in the document); without la.name the report names no LA at all;
#   - "the commentary opens with pupils whose ethnicity was refused and with no SEN 0.25 times
#     as likely, and leaves out Black Caribbean pupils (1.78, 95% CI 1.44-2.20)": the Black
#     Caribbean finding is there, each group the seeds name is said significant or not, the
#     strongest evidence leads, refused / no SEN never do;
#   - "no actions, no recommendations": /reports/scrutiny/actions (LA officer) saves the year's
#     words with an audit line (CSRF needed; the analyst and a school refused); the report prints
#     them escaped as the LA's; /reports warns until they are written.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh

text_of() {
    python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(?s)<(svg|script|style|head)\b.*?</\1>", " ", s)
print(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s))))' "$1"
}
# section FILE ID: the text of the report's section ID
section() {
    python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.find("<h2 id=\"" + sys.argv[2] + "\"")
j = s.find("</section>", i)
t = re.sub(r"(?s)<(svg)\b.*?</\1>", " ", s[i:j] if i >= 0 else "")
print(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", t))))' "$1" "$2"
}
# before FILE A B: A's first place in FILE is before B's
before() {
    python3 -c '
import sys
s = open(sys.argv[1], encoding="utf-8").read()
a, b = s.find(sys.argv[2]), s.find(sys.argv[3])
sys.exit(0 if 0 <= a < b else 1)' "$1" "$2" "$3"
}

expect_status "demo LA as of 7 December 2026" 0 "$ONROLL" demo --as-of 2026-12-07
R=$WORK/R.html
expect_status "scrutiny report 2025/26: exit 0" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --out "$R"
cp "$WORK/err" "$WORK/warnings"
text_of "$R" >"$WORK/R.txt"

# ---- 2. the LA's name and voice ----
expect_in "the title is the LA's name" \
    "<title>Kestrel Borough Council: suspensions and permanent exclusions 2025/26, annual scrutiny report</title>" "$R"
expect_in "the heading is the LA's name" \
    "<h1>Kestrel Borough Council: suspensions and permanent exclusions 2025/26</h1>" "$R"
expect_not_in "never 'local authority 999'" "local authority 999" "$WORK/R.txt"
expect_eq "no LA code named as the LA anywhere" 0 "$(grep -c -i 'local authority [0-9]' "$WORK/R.txt")"
for op in "Import" "onroll " "run " "benchmarks file" "<code>" "config set"; do
    expect_not_in "no operator text in the document: '$op'" "$op" "$R"
done
expect_in "no England figures: a plain sentence in the document" \
    "Figures for England are not available for this report" "$WORK/R.txt"
expect_in "no England figures: a warning to whoever generates it" \
    "warning: no figures for England are loaded" "$WORK/warnings"
expect_in "no words of the LA: the report says the section is not written" \
    "The local authority has not yet written this section for 2025/26" "$WORK/R.txt"
expect_in "no words of the LA: a warning on stderr" \
    "warning: the local authority has not written its actions and recommendations for 2025/26" \
    "$WORK/warnings"
expect_not_in "warnings never reach the document" "warning:" "$R"

expect_status "la.name cleared" 0 "$ONROLL" config set la.name ""
expect_status "report without la.name: exit 0" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --out "$WORK/noname.html"
expect_in "without la.name: a warning naming the setting" "warning: the local authority's name is not set" "$WORK/err"
expect_in "without la.name: the heading names no LA" \
    "<h1>Suspensions and permanent exclusions 2025/26</h1>" "$WORK/noname.html"
text_of "$WORK/noname.html" >"$WORK/noname.txt"
expect_eq "without la.name: no LA code instead" 0 "$(grep -c -i 'local authority [0-9]' "$WORK/noname.txt")"
expect_status "la.name set again" 0 "$ONROLL" config set la.name "Kestrel Borough Council"

# ---- 1. the notes say what the figures count ----
section "$R" about >"$WORK/about.txt"
expect_in "lunchtime suspensions are counted in no figure" \
    "Lunchtime suspensions are counted in no figure" "$WORK/about.txt"
expect_not_in "the note never says suspensions include lunchtimes" "including lunchtime" "$WORK/about.txt"
expect_in "withdrawn ones are not counted" "Not counted in any figure: withdrawn ones" "$WORK/about.txt"
expect_in "characteristics are the census day's" "recorded on the spring census day" "$WORK/about.txt"
expect_in "the suppression threshold is stated" "Counts from 1 to 2 are shown as c" "$WORK/about.txt"
expect_in "the issue's numbers: 1,551 recorded, 15 not counted, 1,536 counted" \
    "schools recorded 1,551 suspensions: 15 of them are not counted, so 1,536 are counted" "$WORK/about.txt"
expect_in "the issue's numbers: 88 lunchtime suspensions in no figure" \
    "schools recorded 88 lunchtime suspensions, which are not in any figure" "$WORK/about.txt"
expect_in "the headline is the note's counted figure" \
    '<span class="figure">1,536</span><span class="what">suspensions' "$R"

# plant 4 lunchtime suspensions and 3 suspensions that are then withdrawn, for a pupil on roll
# all year with no exclusion; Tuesday 3 to Friday 13 March 2026 are school days (spring term)
pupil=$(sql "SELECT e.upn || ',' || e.urn FROM enrolments e WHERE e.end_date IS NULL AND e.start_date <= '2025-09-01' AND e.upn NOT IN (SELECT upn FROM events WHERE type IN ('suspension','lunchtime','permanent')) ORDER BY e.upn LIMIT 1")
cat >"$WORK/planted.csv" <<CSV
event_id,upn,urn,type,start,sessions,reasons,ref,rule,delivery,outcome,end,to_urn,provider,decided,notes
PL-L1,$pupil,lunchtime,2026-03-03,1,DB,,,,,,,,,
PL-L2,$pupil,lunchtime,2026-03-04,1,DB,,,,,,,,,
PL-L3,$pupil,lunchtime,2026-03-05,1,DB,,,,,,,,,
PL-L4,$pupil,lunchtime,2026-03-06,1,DB,,,,,,,,,
PL-S1,$pupil,suspension,2026-03-09,2,DB,,,,,,,,,
PL-S2,$pupil,suspension,2026-03-10,2,DB,,,,,,,,,
PL-S3,$pupil,suspension,2026-03-11,2,DB,,,,,,,,,
PL-W1,$pupil,withdrawn,2026-03-12,,,PL-S1,,,,,,,,
PL-W2,$pupil,withdrawn,2026-03-12,,,PL-S2,,,,,,,,
PL-W3,$pupil,withdrawn,2026-03-13,,,PL-S3,,,,,,,,
CSV
expect_status "planted lunchtime and withdrawn suspensions imported" 0 "$ONROLL" import "$WORK/planted.csv"
expect_status "report after the planting: exit 0" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --out "$WORK/planted.html"
section "$WORK/planted.html" about >"$WORK/about2.txt"
expect_in "after planting: the headline leaves them all out (still 1,536)" \
    '<span class="figure">1,536</span><span class="what">suspensions' "$WORK/planted.html"
expect_in "after planting: the note counts the 3 withdrawn (1,554 recorded, 18 not counted)" \
    "schools recorded 1,554 suspensions: 18 of them are not counted, so 1,536 are counted" "$WORK/about2.txt"
expect_in "after planting: the note counts the 4 lunchtimes (92) in no figure" \
    "schools recorded 92 lunchtime suspensions, which are not in any figure" "$WORK/about2.txt"
"$ONROLL" report rates --year 2025/26 >"$WORK/rates.csv"
expect_eq "report rates agrees: 1536 suspensions" 1536 \
    "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "suspension") c = i } NR == 2 { print $c }' "$WORK/rates.csv")"

# ---- 3. commentary that leads with what matters ----
section "$R" commentary >"$WORK/comm.txt"
expect_in "Black Caribbean pupils: 1.78 (95% CI 1.44 to 2.20), significant" \
    "Black Caribbean pupils were 1.78 times as likely as other pupils to be suspended at least once (95% CI 1.44 to 2.20): a statistically significant difference" "$WORK/comm.txt"
for g in "White and Black Caribbean pupils" "Gypsy/Roma pupils" "Traveller of Irish heritage pupils" \
    "Pupils receiving SEN support" "Pupils with an education, health and care plan" \
    "Pupils known to be eligible for free school meals" "Pupils who are looked after" \
    "Pupils with a social worker"; do
    expect_eq "checked every year: $g (significant, not, suppressed or none)" 1 \
        "$(grep -o "Groups checked every year.*Sex and ethnicity together" "$WORK/comm.txt" |
            grep -c -E "$g (were [0-9.]+ times as likely [^:]*: (a|not a) statistically significant|: the figures are suppressed|: no ratio can be given|: none were on roll)")"
done
expect_in "a non-significant checked group is said to be so" \
    "Gypsy/Roma pupils were 1.69 times as likely as other pupils to be suspended at least once (95% CI 0.77 to 3.72): not a statistically significant difference" "$WORK/comm.txt"
expect_in "change since last year" "In 2024/25 the ratio was 1.60" "$WORK/comm.txt"
expect_in "sex and ethnicity together" "Black male pupils were 1.87 times as likely" "$WORK/comm.txt"
section "$R" summary >"$WORK/summary.txt"
expect_in "the summary leads with the main points" "Main points" "$WORK/summary.txt"
expect_in "main points: the strongest finding first" \
    "Main points The suspension rate rose from 4.80 per 100 pupils in 2024/25 to 5.12. Pupils receiving SEN support were 3.63 times" "$WORK/summary.txt"
expect_in "main points: the groups checked by name, Black Caribbean among the significant" \
    "Of the 9 groups checked by name every year, 5 were significantly more likely than other pupils to be suspended at least once: Black Caribbean pupils, White and Black Caribbean pupils, pupils receiving SEN support" "$WORK/summary.txt"
expect_in "main points: the LA has not written its section yet" \
    "The local authority has not yet written what it is doing about these figures." "$WORK/summary.txt"
expect_not_in "'refused' never leads" "Refused" "$WORK/comm.txt"
expect_not_in "'no SEN' never leads" "no special educational need" "$WORK/comm.txt"
expect_not_in "'not obtained' never leads" "not obtained" "$WORK/comm.txt"
if before "$WORK/comm.txt" "Pupils receiving SEN support were 3.63" "Pupils with an education, health and care plan were 2.43"; then
    pass "the strongest evidence first: SEN support (3.63) before EHC plan (2.43)"
else
    fail "SEN support (3.63) should come before EHC plan (2.43)"
fi
# The commentary opens its list with a sentence a councillor can take in (issue 16: "reads as a
# generated list"). Counted by hand from the disproportionality tables, one-plus, significant,
# groups that may lead: more likely SEN support 3.63, EHC plan 2.43, FSM 2.27, Male 1.91, White
# and Black Caribbean 1.87, Black Caribbean 1.78, Mixed 1.53, Any other mixed 1.43, Black 1.33
# (9); less likely Indian 0.33, Asian 0.53, Any other ethnic group 0.61, Any other white 0.69,
# White 0.82 (5; Female is the mirror of Male, Refused never leads).
expect_in "the commentary's opening sentence counts the groups by hand" \
    "Pupils of 9 groups were significantly more likely than other pupils to be suspended at least once, and pupils of 5 significantly less likely" "$WORK/comm.txt"
if before "$WORK/comm.txt" "and pupils of 5 significantly less likely" "Pupils receiving SEN support were 3.63"; then
    pass "the opening sentence comes before the list"
else
    fail "the opening sentence should come before the list"
fi
if before "$WORK/comm.txt" "Who is suspended" "Pupils receiving SEN support were 3.63"; then
    pass "the commentary on groups opens with the strongest significant finding"
else
    fail "the commentary on groups should open with SEN support"
fi

# The REU's response in words a councillor reads (issue 16: "100.00% within 10"): on the demo
# LA every accepted referral of 2025/26 was accepted within the 10 school days
expect_in "the REU: every referral within the deadline, in words" \
    "and every one within the deadline of 10." "$R"
expect_not_in "... not as 100.00%" "100.00% within 10" "$R"

# ---- 4. what the LA is doing: the form, the audit line, the report ----
start_server
J=$WORK/officer.jar
expect_eq "LA officer signs in" 303 "$(sign_in "$J" la_officer@demo.onroll.example demo-officer-kestrel)"
expect_eq "/reports: 200" 200 "$(get "$J" "/reports?kind=rates&year=2025/26")"
expect_in "/reports warns the LA has not written its words" \
    "The local authority has not written its actions and recommendations for 2025/26" "$WORK/body"
expect_in "/reports links to the form" 'href="/reports/scrutiny/actions?year=2025%2F26"' "$WORK/body"
expect_eq "the form: 200" 200 "$(get "$J" "/reports/scrutiny/actions?year=2025/26")"
cp "$WORK/body" "$WORK/form.html"
expect_in "the form has the actions field" 'name="actions"' "$WORK/form.html"
expect_in "the form has the recommendations field" 'name="recommendations"' "$WORK/form.html"
printf 'year=2025%%2F26&actions=x&recommendations=y' >"$WORK/nocsrf"
expect_eq "a save without the CSRF token: 403" 403 "$(post "$J" /reports/scrutiny/actions "$WORK/nocsrf")"
expect_eq "nothing saved without the token" 0 "$(sql "SELECT COUNT(*) FROM scrutiny_words")"
form_body "$WORK/form.html" \
    "actions=We set up a <b>Black Caribbean</b> inclusion panel & a review.

- Every suspension of a looked-after child is reviewed.
- Schools of concern are visited." \
    "recommendations=The commission notes the report." >"$WORK/save"
expect_eq "the LA officer saves the words: 303" 303 "$(post "$J" /reports/scrutiny/actions "$WORK/save")"
expect_in "back to the form with a banner" "saved=1" "$WORK/headers"
expect_eq "one row for 2025/26" "2025|la_officer@demo.onroll.example" "$(sql "SELECT ay, set_by FROM scrutiny_words")"
expect_eq "the save is audited" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'change' AND detail = 'scrutiny report 2025/26: what the local authority is doing'")"
expect_eq "/reports: 200" 200 "$(get "$J" "/reports?kind=rates&year=2025/26")"
expect_not_in "/reports no longer warns of the LA's words" "has not written its actions" "$WORK/body"
expect_eq "the web report: 200" 200 "$(get "$J" "/reports/scrutiny?year=2025/26")"
cp "$WORK/body" "$WORK/web.html"
expect_in "the web report prints the LA's words, escaped" \
    "We set up a &lt;b&gt;Black Caribbean&lt;/b&gt; inclusion panel &amp; a review." "$WORK/web.html"
expect_in "the LA's list is a list" "<li>Every suspension of a looked-after child is reviewed.</li>" "$WORK/web.html"
expect_in "the recommendations" "The commission notes the report." "$WORK/web.html"
expect_in "in the LA's own words" "In the words of Kestrel Borough Council." "$WORK/web.html"
expect_status "the CLI picks the words up: exit 0" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --out "$WORK/cli.html"
expect_in "the CLI report prints them too" "Schools of concern are visited." "$WORK/cli.html"
expect_in "main points: the LA's section is pointed to" 'are in <a href="#actions">What the local authority is doing</a>' "$WORK/cli.html"
expect_not_in "no warning about the LA's words now" "has not written its actions" "$WORK/err"

A=$WORK/analyst.jar
expect_eq "analyst signs in" 303 "$(sign_in "$A" analyst@demo.onroll.example demo-figures-kestrel)"
expect_eq "the analyst may not write the LA's words: 403" 403 "$(get "$A" "/reports/scrutiny/actions?year=2025/26")"
S=$WORK/school.jar
expect_eq "a school signs in" 303 "$(sign_in "$S" school@demo.onroll.example demo-head-kestrel)"
expect_eq "a school may not write the LA's words: 403" 403 "$(get "$S" "/reports/scrutiny/actions?year=2025/26")"
expect_eq "a bad year: 400" 400 "$(get "$J" "/reports/scrutiny/actions?year=banana")"

# cleared: both empty removes the words, audited
expect_eq "the form again: 200" 200 "$(get "$J" "/reports/scrutiny/actions?year=2025/26")"
form_body "$WORK/body" "actions=" "recommendations=" >"$WORK/clear"
expect_eq "both cleared: 303" 303 "$(post "$J" /reports/scrutiny/actions "$WORK/clear")"
expect_eq "no row left" 0 "$(sql "SELECT COUNT(*) FROM scrutiny_words")"
expect_eq "the clearing is audited" 1 "$(sql "SELECT COUNT(*) FROM audit_log WHERE detail = 'scrutiny report 2025/26: what the local authority is doing (cleared)'")"

# the form in a browser: tests/e2e/test_browser_scrutiny_actions.sh

finish
