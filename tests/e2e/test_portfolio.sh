#!/bin/sh
# test_portfolio.sh - the LA's portfolio of reviews and the partnership meetings end to end
# (issue 18 part 3; portfolio.h, partnership.h, migration 032), on a real server (curl).
#
# The attacks first: a school may not open /reviews/portfolio nor its CSV (403), nor another
# school's partnership meetings, nor record one for it (404, nothing stored); the analyst gets
# 403 on both. Then the figures, counted by hand from the reviews seeded below, cell by cell;
# the filters (phase, year, why due); the CSV; the partnership duty on /duties for the school and
# the LA, recorded on the school's form, and the duty moving on.
#
# The LA (tests/e2e/portfolio_fixture.py, relative to today): Alder Primary 400001 (primary),
# Birch High 400002 (secondary), Chestnut 400003 (special), Damson Academy 400004 (secondary),
# Elm Nursery 400005 (nursery). Wellbeing audit reviews, this academic year AY and the one before:
#   400001  AY complete 20 days ago: area 1 Established, area 2 Advanced;
#           AY-1 complete: area 1 Emerging, area 2 Advanced
#   400002  AY started: area 1 Emerging; AY-1 complete: area 1 Established
#   400003  AY-1 complete only
#   400004  none
#   400005  AY complete 400 days ago (more than 12 months): area 1 Advanced; AY-1 area 1 Advanced
# By hand: engaged 3 of 5 schools (400001, 400002, 400005), 2 complete, 1 started.
#   area 1 (leadership and management): Emerging 1, Established 1, Advanced 1, not judged 0;
#           up 1 (400001), the same 1 (400005), down 1 (400002)
#   area 2 (student voice and parent engagement): Advanced 1, not judged 2; the same 1 (400001)
#   due: 400002 started, 400003 and 400004 no review, 400005 outdated: 4 schools
#   secondary only: 1 of 2 engaged, 2 due; AY-1: 4 of 5 engaged.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
python3 tests/e2e/portfolio_fixture.py "$WORK"
. "$WORK/dates.env"
export FORM_LISTS=roles
"$ONROLL" init >/dev/null 2>&1
expect_status "the LA imports" 0 "$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv"

review() { # ID URN AY STATUS COMPLETED_AT
    sql "insert into reviews (id, urn, ay, instrument, version, status, started_by, started_at, completed_at) values ($1, $2, $3, 'wellbeing-audit', 1, '$4', 'seed', '2025-09-10T09:00:00Z', '$5')" >/dev/null
}
judge() { # REVIEW_ID AREA LEVEL
    sql "insert into review_answers (review_id, item, value, set_by, set_at) values ($1, 'a$2.j1', '$3', 'seed', '2025-09-10T09:00:00Z')" >/dev/null
}
P=$((AY - 1))
review 1 400001 "$AY" complete "$DONE_RECENT"
judge 1 1 Established
judge 1 2 Advanced
review 2 400001 "$P" complete "$DONE_LAST_YEAR"
judge 2 1 Emerging
judge 2 2 Advanced
review 3 400002 "$AY" started ""
judge 3 1 Emerging
review 4 400002 "$P" complete "$DONE_LAST_YEAR"
judge 4 1 Established
review 5 400003 "$P" complete "$DONE_LAST_YEAR"
review 6 400005 "$AY" complete "$DONE_OLD"
judge 6 1 Advanced
review 7 400005 "$P" complete "$DONE_OLD"
judge 7 1 Advanced
[ -n "${ONROLL_TEST_PG:-}" ] && sql "select setval(pg_get_serial_sequence('reviews', 'id'), 7)" >/dev/null
expect_eq "seven reviews seeded" 7 "$(sql "select count(*) from reviews")"

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
add_user head@birch.example.uk school birch-kestrel-22 400002
add_user officer@la.example.gov.uk la_officer kestrel-river-41
add_user analyst@la.example.gov.uk analyst figures-kestrel-1
start_server
SC=$WORK/school.jar
LA=$WORK/la.jar
AN=$WORK/analyst.jar
expect_eq "the school signs in" 303 "$(sign_in "$SC" head@birch.example.uk birch-kestrel-22)"
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "the analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"

# ---- the attacks ----
expect_eq "a school may not open the portfolio" 403 "$(get "$SC" /reviews/portfolio)"
expect_not_in "... and sees no other school" "Alder Primary" "$WORK/body"
expect_eq "... nor its CSV" 403 "$(get "$SC" /reviews/portfolio/download)"
expect_not_in "... which names no school" "Damson" "$WORK/body"
expect_eq "the analyst may not open the portfolio" 403 "$(get "$AN" /reviews/portfolio)"
expect_eq "... nor a school's partnership meetings" 403 "$(get "$AN" /schools/400002/partnership)"
expect_eq "a school may not open another school's meetings" 404 "$(get "$SC" /schools/400001/partnership)"
expect_eq "... nor their CSV" 404 "$(get "$SC" /schools/400001/partnership/download)"
expect_eq "... nor the form" 404 "$(get "$SC" /schools/400001/partnership/new)"
expect_eq "the school's own form" 200 "$(get "$SC" /schools/400002/partnership/new)"
cp "$WORK/body" "$WORK/form.html"
D=$(echo "$TODAY" | cut -d- -f3 | sed 's/^0//')
M=$(echo "$TODAY" | cut -d- -f2 | sed 's/^0//')
Y=$(echo "$TODAY" | cut -d- -f1)
form_body "$WORK/form.html" held_on-day="$D" held_on-month="$M" held_on-year="$Y" roles=smhl \
    roles=camhs notes="Reviewed the audit" >"$WORK/post"
expect_eq "a school may not record a meeting for another school" 404 "$(post "$SC" /schools/400001/partnership/new "$WORK/post")"
expect_eq "... nothing stored" 0 "$(sql "select count(*) from partnership_meetings")"
expect_eq "... and each of the four attempts is logged as denied" 4 "$(sql "select count(*) from audit_log where action = 'denied' and detail = 'another school''s partnership meetings'")"
sed 's/csrf_token=[^&]*/csrf_token=forged/' "$WORK/post" >"$WORK/forged"
expect_eq "a forged CSRF token is refused" 403 "$(post "$SC" /schools/400002/partnership/new "$WORK/forged")"
expect_eq "... nothing stored" 0 "$(sql "select count(*) from partnership_meetings")"

# ---- the portfolio, counted by hand ----
expect_eq "the LA: /reviews links the portfolio" 200 "$(get "$LA" /reviews)"
expect_in "... the link" 'href="/reviews/portfolio"' "$WORK/body"
expect_eq "the school's /reviews has no link to it" 200 "$(get "$SC" /reviews)"
expect_not_in "... no link" 'href="/reviews/portfolio"' "$WORK/body"
expect_eq "the LA opens the portfolio" 200 "$(get "$LA" /reviews/portfolio)"
cp "$WORK/body" "$WORK/pf.html"
expect_in "... 3 of 5 schools engaged" "<strong>3 of 5 schools</strong>" "$WORK/pf.html"
# the tables' cells, row by row (tags stripped, cells joined with |)
python3 - "$WORK/pf.html" >"$WORK/cells" <<'PY'
import html, re, sys
t = open(sys.argv[1]).read()
for row in re.findall(r"<tr[^>]*>(.*?)</tr>", t, re.S):
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
    print("|".join(cells))
PY
expect_in "... complete: 2" "Reviews complete" "$WORK/pf.html"
expect_in "... the levels' heading row" "Area|Emerging|Established|Advanced|Not judged yet" "$WORK/cells"
expect_in "... area 1: 1, 1, 1, 0" "leadership and management|1|1|1|0" "$WORK/cells"
expect_in "... area 2: 0, 0, 1, 2" "student voice and parent engagement|0|0|1|2" "$WORK/cells"
expect_in "... area 3: not judged 3" "Teaching and learning to promote resilience and supporting social & emotional learning|0|0|0|3" "$WORK/cells"
expect_in "... movement heading" "Area|Up a level or more|The same|Down" "$WORK/cells"
expect_in "... area 1: up 1, the same 1, down 1" "leadership and management|1|1|1" "$WORK/cells"
expect_in "... area 2: the same 1" "student voice and parent engagement|0|1|0" "$WORK/cells"
expect_in "... Birch: started, not complete" "Birch High School|Secondary|Started, not complete|" "$WORK/cells"
expect_in "... Chestnut: no review this year" "Chestnut School|Special|No review this year|" "$WORK/cells"
expect_in "... Damson: no review, never completed" "Damson Academy|Secondary|No review this year|Never" "$WORK/cells"
expect_in "... Elm: more than 12 months ago" "Elm Nursery School|Nursery|Last completed more than 12 months ago|" "$WORK/cells"
expect_not_in "... Alder is not due" "Alder Primary School|" "$WORK/cells"
expect_in "... 4 schools due" "Showing <b>1</b> to <b>4</b> of <b>4</b>" "$WORK/pf.html"
expect_in "... each linked to its school" 'href="/schools/400003"' "$WORK/pf.html"
expect_eq "secondary schools only" 200 "$(get "$LA" "/reviews/portfolio?phase=secondary")"
expect_in "... 1 of 2 engaged" "<strong>1 of 2 schools</strong>" "$WORK/body"
expect_in "... 2 due" "Showing <b>1</b> to <b>2</b> of <b>2</b>" "$WORK/body"
expect_eq "the year before" 200 "$(get "$LA" "/reviews/portfolio?year=$P")"
expect_in "... 4 of 5 engaged" "<strong>4 of 5 schools</strong>" "$WORK/body"
expect_eq "only the reviews started, not complete" 200 "$(get "$LA" "/reviews/portfolio?why=started")"
expect_in "... 1 due" "Showing <b>1</b> to <b>1</b> of <b>1</b> result" "$WORK/body"
expect_eq "the SEND review: nobody engaged" 200 "$(get "$LA" "/reviews/portfolio?instrument=send-review")"
expect_in "... 0 of 5" "<strong>0 of 5 schools</strong>" "$WORK/body"
expect_in "... its four judgements" "Stabilise" "$WORK/body"
expect_eq "a filter that is not a choice is an error, not a crash" 200 "$(get "$LA" "/reviews/portfolio?phase=castle")"
expect_in "... said so" "govuk-error-summary" "$WORK/body"
expect_eq "the CSV" 200 "$(get "$LA" "/reviews/portfolio/download")"
cat >"$WORK/want.csv" <<CSV
school,urn,phase,why_due,last_completed
Birch High School,400002,secondary,started,$DONE_LAST_YEAR
Chestnut School,400003,special,none,$DONE_LAST_YEAR
Damson Academy,400004,secondary,none,
Elm Nursery School,400005,nursery,outdated,$DONE_OLD
CSV
tr -d '\r' <"$WORK/body" >"$WORK/got.csv"
expect_same_file "... the four schools due, by hand" "$WORK/want.csv" "$WORK/got.csv"
expect_eq "... audited as an export" 1 "$(sql "select count(*) from audit_log where action = 'export'")"

# ---- partnership meetings as duties ----
expect_eq "the school's duties" 200 "$(get "$SC" /duties)"
cp "$WORK/body" "$WORK/duties.html"
expect_in "... the partnership meeting due" "Partnership meetings due" "$WORK/duties.html"
expect_in "... by the end of this half-term ($H0_WORDS)" "$H0_WORDS" "$WORK/duties.html"
expect_in "... with Record meeting" 'href="/schools/400002/partnership/new"' "$WORK/duties.html"
expect_not_in "... and no other school's" 'href="/schools/400004/partnership/new"' "$WORK/duties.html"
expect_eq "the LA's duties" 200 "$(get "$LA" /duties)"
cp "$WORK/body" "$WORK/la_duties.html"
for u in 400001 400002 400003 400004; do
    expect_in "... school $u's meeting" "href=\"/schools/$u/partnership/new\"" "$WORK/la_duties.html"
done
expect_not_in "... not the nursery's (the source gives it no cadence)" 'href="/schools/400005/partnership/new"' "$WORK/la_duties.html"
expect_in "... the primary school's by the end of the term ($E1_WORDS)" "$E1_WORDS" "$WORK/la_duties.html"
expect_eq "the school opens its meetings" 200 "$(get "$SC" /schools/400002/partnership)"
expect_in "... every half-term" "Every half-term" "$WORK/body"
expect_in "... next due by $H0_WORDS" "$H0_WORDS" "$WORK/body"
form_body "$WORK/form.html" held_on-day="$D" held_on-month="$M" held_on-year="$Y" >"$WORK/empty"
expect_eq "a meeting with nobody attending is refused" 400 "$(post "$SC" /schools/400002/partnership/new "$WORK/empty")"
expect_in "... said so" "Select who attended the meeting" "$WORK/body"
form_body "$WORK/form.html" held_on-day="$D" held_on-month="$M" held_on-year="$Y" roles=smhl \
    roles=camhs next_on-day="$D" next_on-month="$M" next_on-year="$Y" >"$WORK/same"
expect_eq "a next date that is not after the meeting is refused" 400 "$(post "$SC" /schools/400002/partnership/new "$WORK/same")"
expect_in "... said so" "The next date agreed must be after the date held" "$WORK/body"
expect_eq "the school records today's meeting" 303 "$(post "$SC" /schools/400002/partnership/new "$WORK/post")"
expect_eq "... stored" "400002|$TODAY|smhl;camhs|Reviewed the audit" "$(sql "select urn, held_on, roles, notes from partnership_meetings")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where action = 'change' and detail like 'LOCAL-PARTNERSHIP-MEETING: meeting % held $TODAY, URN 400002'")"
expect_eq "the meetings page" 200 "$(get "$SC" "/schools/400002/partnership?added=1")"
expect_in "... recorded" "Meeting recorded." "$WORK/body"
expect_in "... the next due by the end of the next half-term ($E1_WORDS)" "$E1_WORDS" "$WORK/body"
expect_in "... who attended, in words" "Designated senior mental health lead in school; CAMHS link worker" "$WORK/body"
expect_eq "the duty moved on: the school's duties" 200 "$(get "$SC" /duties)"
expect_not_in "... no meeting due this half-term" 'href="/schools/400002/partnership/new"' "$WORK/body"
expect_eq "the LA's duties" 200 "$(get "$LA" /duties)"
expect_not_in "... Birch's is gone" 'href="/schools/400002/partnership/new"' "$WORK/body"
expect_in "... Damson's still due" 'href="/schools/400004/partnership/new"' "$WORK/body"
expect_eq "the meetings CSV" 200 "$(get "$SC" /schools/400002/partnership/download)"
expect_in "... its row" "$TODAY,Designated senior mental health lead in school; CAMHS link worker,Reviewed the audit," "$WORK/body"
expect_eq "the school page links its meetings" 200 "$(get "$SC" /schools/400002)"
expect_in "... the link" 'href="/schools/400002/partnership"' "$WORK/body"
finish
