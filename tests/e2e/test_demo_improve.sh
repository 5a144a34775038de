#!/bin/sh
# test_demo_improve.sh - the demo LA's self-improvement records (src/demo/demo_improve.c and
# demo_workshop.c) as its LA officer and its school find them on a real `onroll serve` (curl):
# the portfolio of reviews ("N of 12 schools", a review started, movement since last year), the
# action plan's actions and an overdue partnership meeting on /duties, the Kingsford survey's
# two waves with a change and its interval, the whole-system workshop's map, iceberg and ideas,
# the LA officer's commitment and the theory of change with its indicator. Every expected
# figure is worked out from what the generator stored (SQL), and the fixed ones by hand from the
# files: 4 actions (2 due before as_of), 42 links of which 40 answered both waves and one the
# first only, 11 players and 9 links, 10 notes, 4 links, 1 marked "intervene here", 5 ideas and
# 29 votes, one commitment, a theory of change with a Year 7 indicator. The same seed and date
# make the same reviews, meetings and answers.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi

# text: the page's words without tags, one line
text() {
    python3 -c '
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", t)
t = html.unescape(re.sub(r"<[^>]+>", " ", t))
print(re.sub(r"\s+", " ", t))' "$WORK/body"
}

AS_OF=2026-12-07
export ONROLL_DB
ONROLL_DB=$(new_db demo)
start=$(date +%s)
"$ONROLL" demo --schools 12 --pupils 2000 --as-of "$AS_OF" >"$WORK/demo.out" 2>&1
expect_eq "the demo LA (12 schools) is made" 0 $?
elapsed=$(($(date +%s) - start))
if [ "$elapsed" -le 20 ]; then pass "... in a few seconds ($elapsed s)"; else fail "... in $elapsed s"; fi

# ---- what the generator stored ----
URN=$(sql "select scope from users where email = 'school@demo.onroll.example'")
expect_eq "the demo school's account has a school" 1 "$(sql "select count(*) from schools where urn = '$URN'")"
E=$(sql "select count(*) from reviews where instrument = 'wellbeing-audit' and ay = 2026")
P=$(sql "select count(*) from reviews where instrument = 'wellbeing-audit' and ay = 2025")
S=$(sql "select count(*) from reviews where instrument = 'send-review'")
if [ "$E" -gt 6 ] && [ "$E" -lt 12 ]; then pass "most schools, not all, have this year's audit ($E of 12)"
else fail "most schools, not all, have this year's audit" "$E of 12"; fi
if [ "$P" -gt 6 ] && [ "$S" -gt 0 ]; then pass "last year's audits ($P) and SEND reviews ($S)"
else fail "last year's audits and SEND reviews" "P=$P S=$S"; fi
expect_eq "one review started, not complete" 1 "$(sql "select count(*) from reviews where status = 'started'")"
expect_eq "the started review is of this year" 2026 "$(sql "select ay from reviews where status = 'started'")"
expect_eq "no review completed after as_of" 0 \
    "$(sql "select count(*) from reviews where completed_at > '$AS_OF'")"
expect_eq "the demo school's audit this year is complete" complete \
    "$(sql "select status from reviews where urn = $URN and ay = 2026 and instrument = 'wellbeing-audit'")"
expect_eq "its plan: 4 actions" 4 "$(sql "select count(*) from review_actions")"
expect_eq "... in 2 focus areas" 2 "$(sql "select count(distinct area) from review_actions")"
expect_eq "... 2 of them due before as_of" 2 "$(sql "select count(*) from review_actions where due_on < '$AS_OF'")"
# area 1's movement, counted from the stored judgements (levels in their order)
lv="case %s when 'Emerging' then 0 when 'Established' then 1 when 'Advanced' then 2 end"
NOW=$(printf "$lv" n.value)
BEFORE=$(printf "$lv" b.value)
move() { # up|same|down
    case $1 in up) op='>' ;; same) op='=' ;; *) op='<' ;; esac
    sql "select count(*) from reviews rn join review_answers n on n.review_id = rn.id and n.item = 'a1.j1' join reviews rb on rb.urn = rn.urn and rb.instrument = rn.instrument and rb.ay = rn.ay - 1 join review_answers b on b.review_id = rb.id and b.item = 'a1.j1' where rn.instrument = 'wellbeing-audit' and rn.ay = 2026 and $NOW $op $BEFORE"
}
UP=$(move up)
SAME=$(move same)
DOWN=$(move down)
if [ $((UP + SAME + DOWN)) -gt 0 ]; then pass "area 1 judged in both years by $((UP + SAME + DOWN)) schools (up $UP, same $SAME, down $DOWN)"
else fail "area 1 judged in both years"; fi
UPS=$(sql "select count(*) from reviews rn join review_answers n on n.review_id = rn.id and n.item like 'a%.j1' join reviews rb on rb.urn = rn.urn and rb.instrument = rn.instrument and rb.ay = rn.ay - 1 join review_answers b on b.review_id = rb.id and b.item = n.item where rn.instrument = 'wellbeing-audit' and rn.ay = 2026 and $NOW > $BEFORE")
DOWNS=$(sql "select count(*) from reviews rn join review_answers n on n.review_id = rn.id and n.item like 'a%.j1' join reviews rb on rb.urn = rn.urn and rb.instrument = rn.instrument and rb.ay = rn.ay - 1 join review_answers b on b.review_id = rb.id and b.item = n.item where rn.instrument = 'wellbeing-audit' and rn.ay = 2026 and $NOW < $BEFORE")
if [ "$UPS" -gt 0 ] && [ "$DOWNS" -gt 0 ]; then pass "areas move both ways ($UPS up, $DOWNS down)"
else fail "areas move both ways" "up $UPS down $DOWNS"; fi
LATE=$(sql "select urn from partnership_meetings group by urn having max(held_on) < '2026-09-01'")
expect_eq "one school's partnership meetings stopped in the summer" 1 "$(echo "$LATE" | grep -c .)"
expect_eq "the demo school meets" 4 "$(sql "select count(*) from partnership_meetings where urn = $URN")"
SID=$(sql "select id from surveys where urn = $URN and template = 'kingsford-resilience'")
expect_eq "one Kingsford survey at the demo school" 1 "$(echo "$SID" | grep -c .)"
expect_eq "42 links issued" 42 "$(sql "select count(*) from survey_respondents where survey_id = $SID")"
expect_eq "81 submissions (40 both waves, 1 the first)" 81 "$(sql "select count(*) from survey_submissions")"
expect_eq "two waves" "Before the nurture group|After the nurture group" \
    "$(sql "select label from survey_waves where survey_id = $SID order by n" | paste -sd '|')"
expect_eq "no answer after as_of" 0 "$(sql "select count(*) from survey_submissions where submitted_on > '$AS_OF'")"
WS=$(sql "select id from workshops where scope = 'whole_system'")
expect_eq "one whole-system workshop" 1 "$(echo "$WS" | grep -c .)"
expect_eq "... in a series with a pupil council" 2 \
    "$(sql "select count(*) from workshops where series = (select series from workshops where id = $WS)")"
expect_eq "... facilitated by the LA officer" la_officer@demo.onroll.example \
    "$(sql "select facilitator from workshops where id = $WS")"
expect_eq "... 5 participants, 3 guests who joined" "5|3" \
    "$(sql "select count(*), sum(case when email = '' and joined_at > 0 then 1 else 0 end) from workshop_participants where workshop = $WS")"
expect_eq "5 ideas, the first from the iceberg's mark" "5|Key adults have no protected time for check-ins." \
    "$(sql "select count(*), max(seed) from ideas where workshop_id = $WS")"
# votes by hand (demo_workshop.c ideas[]): participant p dots idea i when p < its votes, 3 at most
# a criterion: feasibility 3+3+3+1 = 10, desirability 3+3+3+1 = 10, viability 3+3+2+1 = 9
expect_eq "29 votes" "desirability|10 feasibility|10 viability|9" \
    "$(sql "select criterion, count(*) from idea_votes group by criterion" | sort | paste -sd ' ')"
expect_eq "one commitment, the LA officer's, due after as_of" "la_officer@demo.onroll.example|1" \
    "$(sql "select owner, case when due_on > '$AS_OF' then 1 else 0 end from idea_commitments")"
TOC=$(sql "select id from toc where workshop_id = $WS")
expect_eq "a theory of change from the workshop" 1 "$(echo "$TOC" | grep -c .)"
expect_eq "... its accountable outcome, agreed" 1 \
    "$(sql "select count(*) from toc_items where toc_id = $TOC and kind = 'outcome' and accountable = 1 and consensus = 1")"
expect_eq "... a Year 7 suspension-rate indicator" "susp_rate|7|0" \
    "$(sql "select statistic, year_group, urn from toc_indicators where toc_id = $TOC")"
expect_eq "every write has its audit line" 1 \
    "$(sql "select case when count(*) > 100 then 1 else 0 end from audit_log where detail like 'onroll demo: %'")"

# ---- the same seed and date make the same records ----
dump() {
    sql "select cast(r.urn as text) || cast(r.ay as text) || r.instrument || r.status || r.completed_at || a.item || a.value from reviews r join review_answers a on a.review_id = r.id order by r.urn, r.ay, r.instrument, a.item" | md5sum
    sql "select cast(urn as text) || held_on || roles || next_on from partnership_meetings order by urn, held_on" | md5sum
    sql "select cast(w.n as text) || a.item || a.value from survey_answers a join survey_waves w on w.id = a.wave_id join survey_respondents r on r.id = a.respondent_id order by w.n, a.respondent_id, a.item" | md5sum
}
dump >"$WORK/dump1"
FIRST=$ONROLL_DB
ONROLL_DB=$(new_db again)
"$ONROLL" demo --schools 12 --pupils 2000 --as-of "$AS_OF" >/dev/null 2>&1
dump >"$WORK/dump2"
expect_same_file "the same seed and date: the same reviews, meetings and answers" "$WORK/dump1" "$WORK/dump2"
ONROLL_DB=$FIRST

# ---- the pages ----
start_server
LA=$WORK/la.jar
SC=$WORK/school.jar
expect_eq "the demo LA officer signs in" 303 "$(sign_in "$LA" la_officer@demo.onroll.example demo-officer-kestrel)"
expect_eq "the demo school signs in" 303 "$(sign_in "$SC" school@demo.onroll.example demo-head-kestrel)"

expect_eq "the portfolio" 200 "$(get "$LA" /reviews/portfolio)"
text >"$WORK/t"
expect_in "... $E of 12 schools engaged" "$E of 12 schools" "$WORK/t"
expect_in "... one started, not complete" "Reviews started, not complete 1 " "$WORK/t"
expect_in "... area 1's movement: up $UP, the same $SAME, down $DOWN" \
    "Up a level or more The same Down leadership and management $UP $SAME $DOWN " "$WORK/t"
expect_eq "last year's portfolio" 200 "$(get "$LA" /reviews/portfolio?year=2025)"
text >"$WORK/t"
expect_in "... $P of 12 schools engaged" "$P of 12 schools" "$WORK/t"
SE=$(sql "select count(*) from reviews where instrument = 'send-review' and ay = 2026")
expect_eq "the SEND reviews' portfolio" 200 "$(get "$LA" /reviews/portfolio?instrument=send-review)"
text >"$WORK/t"
expect_in "... $SE of 12 schools engaged" "$SE of 12 schools" "$WORK/t"

expect_eq "the LA's duties" 200 "$(get "$LA" /duties)"
text >"$WORK/t"
expect_eq "... the plan's 4 actions" 4 \
    "$(sed 's/Partnership meetings due.*//' "$WORK/t" | grep -o 'Record as done' | wc -l)"
expect_eq "... 2 of them overdue" 2 \
    "$(sed 's/Partnership meetings due.*//' "$WORK/t" | grep -o 'Overdue Record as done' | wc -l)"
expect_in "... a partnership meeting overdue" "Every half-term 10 July 2026 23 October 2026 Overdue" "$WORK/t"
expect_eq "the school's duties: its own plan" 200 "$(get "$SC" /duties)"
expect_eq "... 4 actions" 4 "$(grep -o 'Record as done' "$WORK/body" | wc -l)"
expect_eq "the school's reviews" 200 "$(get "$SC" /reviews)"
text >"$WORK/t"
expect_in "... its audit this year" "Wellbeing Framework audit" "$WORK/t"

expect_eq "the survey's results (the school)" 200 "$(get "$SC" "/surveys/$SID/results")"
text >"$WORK/t"
expect_in "... 42 links" "Links given out 42" "$WORK/t"
expect_in "... 40 answered both" "Answered both 40" "$WORK/t"
expect_in "... a change with its interval" "Change since Before the nurture group: rose by" "$WORK/t"
expect_in "... 95% confidence interval" "(95% confidence interval " "$WORK/t"
BASICS=$(sed -n 's/.*Answered both BASICS \([0-9.]*\) 40 \(-*[0-9.]*\) \(-*[0-9.]*\) to \(-*[0-9.]*\) 40 .*/\1 \2 \3 \4/p' "$WORK/t")
set -- $BASICS
if [ $# -eq 4 ] && python3 -c "import sys; m,c,lo,hi=map(float,sys.argv[1:]); sys.exit(not (0<c<1 and lo<c<hi and 0<m<3))" "$@"; then
    pass "... BASICS: mean $1, change $2 ($3 to $4): a modest rise"
else
    fail "... BASICS: a score, a change and an interval" "$(grep -o 'Scores by part.\{0,300\}' "$WORK/t")"
fi
expect_eq "the LA sees the results too" 200 "$(get "$LA" "/surveys/$SID/results")"
expect_eq "the governors' summary" 200 "$(get "$SC" "/surveys/$SID/summary")"
text >"$WORK/t"
expect_in "... 40 answered both" "40 answered both times" "$WORK/t"
expect_in "... the school's scale, said to be the school's" "Set by the school" "$WORK/t"

expect_eq "the workshops (LA)" 200 "$(get "$LA" /workshops)"
text >"$WORK/t"
expect_in "... the series" "Kestrel inclusion partnership 2026/27" "$WORK/t"
expect_eq "the players map" 200 "$(get "$LA" "/workshops/$WS/map")"
text >"$WORK/t"
expect_in "... 11 players on 3 rings, 9 links" "11 players on 3 rings of proximity round them and 9 links" "$WORK/t"
expect_in "... revealed" "Revealed" "$WORK/t"
expect_eq "the iceberg" 200 "$(get "$LA" "/workshops/$WS/iceberg")"
text >"$WORK/t"
expect_in "... 10 notes, 4 links, 1 to intervene" "10 notes, 4 links across levels and 1 marked to intervene here" "$WORK/t"
expect_eq "the workshop" 200 "$(get "$LA" "/workshops/$WS")"
text >"$WORK/t"
expect_in "... the warm-up's purposes revealed" "To understand why so many of our Year 7 pupils" "$WORK/t"
expect_eq "the ideas" 200 "$(get "$LA" "/workshops/$WS/ideas")"
text >"$WORK/t"
expect_in "... idea 2's votes, counted by hand" "Votes: feasibility 4, desirability 2, viability 3 (9 in all)" "$WORK/t"
expect_eq "the LA officer's duties" 200 "$(get "$LA" /duties)"
text >"$WORK/t"
expect_in "... the commitment" "Workshop commitments: yours" "$WORK/t"
expect_in "... its next step" "Agree with the primary headteachers' forum" "$WORK/t"
expect_eq "the theory of change" 200 "$(get "$LA" "/theories/$TOC")"
text >"$WORK/t"
expect_in "... the accountable outcome" "Fewer Year 7 pupils are suspended. Accountable Agreed Most important" "$WORK/t"
expect_in "... its indicator" "Indicator: Suspensions per 100 pupils, Pupils in Year 7" "$WORK/t"
expect_eq "the indicator" 200 "$(get "$LA" "/theories/$TOC/indicators/1")"
text >"$WORK/t"
expect_in "... its figures" "Autumn term 2025/26 1 September 2025 to 19 December 2025" "$WORK/t"
expect_eq "the workshop's report" 200 "$(get "$LA" "/workshops/$WS/report")"
text >"$WORK/t"
expect_in "... names the participant who agreed to it" "Dr Sam Okafor" "$WORK/t"
expect_not_in "... not a guest who did not" "Jordan" "$WORK/t"
finish
