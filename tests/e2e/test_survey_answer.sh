#!/bin/sh
# test_survey_answer.sh - answering a survey through its link, and its results, end to end
# (issue 18 part 4; page_survey_answer.c, page_survey_results.c, page_survey_summary.c): a real
# `onroll serve` driven with curl, on SQLite and (tests/pg/test_e2e_pg.sh) PostgreSQL.
#
# The surveys are made in the store directly (the tables of migration 034; the links as the
# survey pages issue them: a random token, only its BLAKE2b-256 stored), with scores on their
# levels, and the waves' dates moved by SQL to stand for the weeks passing. Survey A (Ashgrove
# 300001) is tests/unit/test_survey_results.c's: BASICS b1 b2, BELONGING g1 g2, comments t1,
# Strongly Agree 3 / Agree 2 / Do not Agree 1; R1..R8 answer wave 1 ("Autumn"), R1..R6 and R9
# wave 2 ("Spring"); R10 never. Survey B (Beacon 300002) has one item.
#
# The attacks first: an unknown link, a page that shows no session to a signed-in browser, a
# form without its token or from another link, a token of survey A sending survey B's items,
# the token in no log; then one answer per wave (a second is refused, nothing stored), a closed
# wave refused, results of another school 403, the analyst's figures suppressed, the figures
# worked out by hand in test_survey_results.c, the CSV guarded, the governors' summary, and
# guessing links throttled.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
O=$(pwd)/tests/e2e/offroll
"$ONROLL" init >/dev/null 2>&1
expect_status "the hand-made LA imports" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"

. tests/e2e/survey_data.sh
survey_fixture

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
add_user head@ashgrove.example.uk school ashgrove-kestrel-1 300001
add_user head@beacon.example.uk school beacon-kestrel-2 300002
add_user officer@la.example.gov.uk la_officer kestrel-river-41
add_user analyst@la.example.gov.uk analyst figures-kestrel-1
start_server
SC=$WORK/school.jar
OT=$WORK/other.jar
LA=$WORK/la.jar
AN=$WORK/analyst.jar
expect_eq "Ashgrove signs in" 303 "$(sign_in "$SC" head@ashgrove.example.uk ashgrove-kestrel-1)"
expect_eq "Beacon signs in" 303 "$(sign_in "$OT" head@beacon.example.uk beacon-kestrel-2)"
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "the analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"

answers() { sql "select count(*) from survey_answers"; }

# ---- attacks ----
P=$WORK/pupil.jar
expect_eq "an unknown link" 404 "$(get "$P" /s/not-a-real-token-at-all-0123456789abcdefghijk)"
expect_in "... says only that it is not recognised" "This link is not recognised" "$WORK/body"
expect_not_in "... with nothing of the service" "govuk-service-navigation" "$WORK/body"
expect_eq "a link with more after it is no page" 404 "$(get "$P" "/s/$T1/results")"
expect_eq "a signed-in school opens a pupil's link" 200 "$(get "$SC" "/s/$T1")"
expect_in "... the survey's words, verbatim" "I feel safe most of the time" "$WORK/body"
expect_not_in "... but not the session: no name" "head@ashgrove.example.uk" "$WORK/body"
expect_not_in "... no navigation" "govuk-service-navigation" "$WORK/body"
expect_not_in "... no sign-out" "Sign out" "$WORK/body"
expect_eq "the pupil's own browser opens it" 200 "$(get "$P" "/s/$T1")"
cp "$WORK/body" "$WORK/a1.html"
expect_in "... each question a fieldset of radios" '<fieldset class="govuk-fieldset"' "$WORK/a1.html"
expect_in "... with a form token tied to the link" 'name="link_key"' "$WORK/a1.html"
expect_eq "... and no link to anywhere but its own assets" "" \
    "$(grep -o 'href="[^"]*"' "$WORK/a1.html" | grep -v -e 'href="/assets/' -e 'href="#main-content"')"
expect_in "... its form posts back to the link only" "action=\"/s/$T1\"" "$WORK/a1.html"
expect_in "... no referrer leaves the page" "Referrer-Policy: no-referrer" "$WORK/headers"
python3 - "$WORK/a1.html" >"$WORK/nocsrf" <<'PY'
import sys, urllib.parse
print(urllib.parse.urlencode([("a-b1", "Agree")]), end="")
PY
expect_eq "a POST without its CSRF token is refused" 403 "$(post "$P" "/s/$T1" "$WORK/nocsrf")"
form_body "$WORK/a1.html" "a-b1=Agree" >"$WORK/other"
expect_eq "link 1's form sent to link 2 is refused" 403 "$(post "$P" "/s/$T2" "$WORK/other")"
expect_in "... in plain words" "The form did not come from your link" "$WORK/body"
expect_eq "... nothing stored" 0 "$(answers)"
expect_eq "... no submission" 0 "$(sql "select count(*) from survey_submissions")"

S="Strongly Agree"
A="Agree"
D="Do not Agree"
expect_eq "R1 answers wave 1, adding survey B's item" 200 "$(answer "$T1" "$A" "$S" "$D" "$A" "" "a-x1=No")"
expect_in "... thanked" "Your answers have been sent" "$WORK/body"
expect_eq "... four answers stored, in survey A's wave" "4|$W1" "$(sql "select count(*), max(wave_id) from survey_answers")"
expect_eq "... none in survey B" 0 "$(sql "select count(*) from survey_answers where wave_id = $WB")"
cp "$WORK/post" "$WORK/replay"
expect_eq "R1 sends the same form again" 200 "$(post "$WORK/r.jar" "/s/$T1" "$WORK/replay")"
expect_in "... is told it has answered" "You have already answered this survey. Thank you." "$WORK/body"
expect_eq "... and nothing more is stored" 4 "$(answers)"
expect_eq "R1 opens the link again" 200 "$(get "$P" "/s/$T1")"
expect_in "... already answered" "You have already answered this survey. Thank you." "$WORK/body"
expect_not_in "... no form" "<form" "$WORK/body"
expect_eq "B's link opens B's survey only" 200 "$(get "$P" "/s/$TB")"
expect_in "... B's question" "I feel safe in school" "$WORK/body"
expect_not_in "... none of A's" "I feel safe most of the time" "$WORK/body"
expect_eq "an answer that is not one of the scale's is refused" 400 "$(answer "$T2" "Sometimes" "$S" "$D" "$A")"
expect_in "... in the error summary" "govuk-error-summary" "$WORK/body"
expect_eq "... nothing stored" 4 "$(answers)"
expect_eq "the token is in no audit line" 0 \
    "$(sql "select count(*) from audit_log where object like '%$T1%' or detail like '%$T1%' or object like '%$T2%'")"
expect_eq "the answer is audited, naming the survey, not the respondent" 1 \
    "$(sql "select count(*) from audit_log where action = 'survey.answer' and object = 'survey:$SA' and detail = 'wave 1 answered'")"
expect_not_in "the token is not in the server's log" "$T1" "$WORK/serve.log"

# ---- wave 1: R2..R8 ----
expect_eq "R2 answers" 200 "$(answer "$T2" "$A" "$S" "$D" "$A")"
expect_eq "R3 answers" 200 "$(answer "$T3" "$A" "$S" "$D" "$A")"
expect_eq "R4 answers" 200 "$(answer "$T4" "$D" "$S" "$A" "$A")"
expect_eq "R5 answers" 200 "$(answer "$T5" "$A" "$S" "$A" "$S")"
expect_eq "R6 answers" 200 "$(answer "$T6" "$D" "$S" "$A" "$S")"
expect_eq "R7 answers" 200 "$(answer "$T7" "$D" "$S" "$A" "$S")"
expect_eq "R8 answers" 200 "$(answer "$T8" "$A" "$S" "$A" "$A")"
expect_eq "eight submissions of wave 1" 8 "$(sql "select count(*) from survey_submissions where wave_id = $W1")"

# ---- the wave closes; the next opens ----
sql "UPDATE survey_waves SET closes_on = '$YESTERDAY' WHERE id = $W1" >/dev/null
expect_eq "a closed wave: R10's link" 410 "$(get "$P" "/s/$T10")"
expect_in "... says it is closed" "This survey is closed" "$WORK/body"
expect_eq "... and a POST to it stores nothing" 410 "$(post "$WORK/r.jar" "/s/$T10" "$WORK/post")"
expect_eq "... nothing" 32 "$(answers)"
sql "INSERT INTO survey_waves (survey_id, n, label, opens_on, closes_on) VALUES ($SA, 2, 'Spring', '$TODAY', '$LATER')" >/dev/null
expect_eq "R1 answers wave 2" 200 "$(answer "$T1" "$S" "$S" "$A" "$S" "SECRET-COMMENT-1")"
expect_eq "R2 answers wave 2" 200 "$(answer "$T2" "$S" "$S" "$A" "$S" "SECRET-COMMENT-2")"
expect_eq "R3 answers wave 2" 200 "$(answer "$T3" "$S" "$S" "$A" "$S" "SECRET-COMMENT-3")"
expect_eq "R4 answers wave 2" 200 "$(answer "$T4" "$A" "$S" "$S" "$A")"
expect_eq "R5 answers wave 2" 200 "$(answer "$T5" "$A" "$S" "$S" "$A")"
expect_eq "R6 answers wave 2" 200 "$(answer "$T6" "$A" "$D" "$A" "$A")"
expect_eq "R9 answers wave 2" 200 "$(answer "$T9" "$A" "$S" "$S" "$A")"
expect_eq "R1 cannot answer wave 2 twice" 200 "$(get "$P" "/s/$T1")"
expect_in "... already answered" "You have already answered this survey" "$WORK/body"

# ---- results ----
R=/surveys/$SA/results
expect_eq "Beacon may not see Ashgrove's results" 403 "$(get "$OT" "$R")"
expect_eq "... nor their CSV" 403 "$(get "$OT" "$R/download")"
expect_eq "... nor the governors' summary" 403 "$(get "$OT" "/surveys/$SA/summary")"
expect_eq "... nor its PDF" 403 "$(get "$OT" "/surveys/$SA/summary.pdf")"
expect_eq "... each refusal audited" 4 "$(sql "select count(*) from audit_log where action = 'denied' and actor = 'head@beacon.example.uk' and detail = 'another school''s survey results'")"
expect_eq "a survey that is not one" 404 "$(get "$SC" /surveys/999999/results)"
expect_eq "nobody signed in is sent to sign in" 303 "$(get "$P" "$R")"
expect_eq "the survey's page" 200 "$(get "$SC" "/surveys/$SA")"
expect_in "... links to its results" "href=\"/surveys/$SA/results\"" "$WORK/body"
expect_eq "Ashgrove sees its results" 200 "$(get "$SC" "$R")"
cp "$WORK/body" "$WORK/results.html"
expect_in "... b1 Strongly Agree 3 of 7: 42.86%" "42.86" "$WORK/results.html"
expect_in "... b1's mean 17 / 7 = 2.43" "Mean score: 2.43." "$WORK/results.html"
expect_in "... b1's change with its interval, by hand" "rose by 0.83 (95% confidence interval 0.40 to 1.26)" "$WORK/results.html"
expect_in "... g2's change includes 0" "rose by 0.17 (95% confidence interval -0.87 to 1.20)" "$WORK/results.html"
expect_in "... BELONGING rose by 0.50, -0.16 to 1.16" "-0.16 to 1.16" "$WORK/results.html"
expect_in "... b2's 1 and 6 hidden: its mean c" "Mean score: c." "$WORK/results.html"
expect_in "... b2's change hidden, saying why" "c (hidden, as a mean it is worked out from is)" "$WORK/results.html"
expect_in "... comments counted" "3 comments" "$WORK/results.html"
expect_not_in "... never shown" "SECRET-COMMENT" "$WORK/results.html"
expect_not_in "... no pseudonym" "PSEUDO0" "$WORK/results.html"
expect_not_in "... no token" "$T1" "$WORK/results.html"
expect_eq "the results of wave 1 alone" 200 "$(get "$SC" "$R?wave=1&compare=none")"
expect_in "... g2's mean 19 / 8 = 2.38" "Mean score: 2.38." "$WORK/body"
expect_not_in "... no change" "Change since" "$WORK/body"
expect_eq "the CSV" 200 "$(get "$SC" "$R/download")"
cp "$WORK/body" "$WORK/results.csv"
expect_in "... b2's 6 suppressed" "answer,Spring,Autumn,BASICS,I can get places I need to go safely,Strongly Agree,c,c" "$WORK/results.csv"
expect_in "... its 0 shown" "answer,Spring,Autumn,BASICS,I can get places I need to go safely,Agree,0,0.00" "$WORK/results.csv"
expect_in "... BELONGING's score and change" "domain,Spring,Autumn,BELONGING,,,7,,2.43,6,0.50,-0.16,1.16" "$WORK/results.csv"
expect_in "... BASICS's score and change hidden (b2's would follow), its 6 pairs shown" "domain,Spring,Autumn,BASICS,,,7,,c,6,c,c,c" "$WORK/results.csv"
expect_in "... the comments' count" "comments,Spring,Autumn,Your words,Anything else,,3" "$WORK/results.csv"
expect_not_in "... not their words" "SECRET-COMMENT" "$WORK/results.csv"
expect_eq "... the download audited" 1 "$(sql "select count(*) from audit_log where action = 'export' and detail = 'survey $SA results as CSV'")"
expect_eq "the LA sees any school's" 200 "$(get "$LA" "$R")"
expect_eq "the analyst sees them" 200 "$(get "$AN" "$R/download")"
expect_in "... suppressed as everyone's are" "Strongly Agree,c,c" "$WORK/body"
expect_eq "Beacon's CSV: a cell that a spreadsheet would run is guarded" 200 "$(get "$OT" "/surveys/$SB/results/download")"
expect_in "... with a quote" "'=1+1 I feel safe in school" "$WORK/body"
expect_eq "Beacon's results" 200 "$(get "$OT" "/surveys/$SB/results")"
expect_not_in "... its answers have scores: no note" "have no scores" "$WORK/body"
DEF_C='{"title":"Unscored","audience":"pupils","source":"","about":"","scoring":{"method":"none","note":""},"scales":[{"id":"s1","title":"Yes or no","note":"","levels":[{"label":"Yes / Most of the time"},{"label":"No"}]}],"domains":[{"title":"","note":"","items":[{"key":"q1","text":"I feel safe in school","type":"scale","scale":"s1"}]}]}'
sql "INSERT INTO surveys (urn, title, template, audience, definition, created_by, created_at) VALUES (300002, 'Unscored', '', 'pupils', '$DEF_C', 'test', '2026-01-01 00:00:00')" >/dev/null
SC3=$(sql "select id from surveys where title = 'Unscored'")
sql "INSERT INTO survey_waves (survey_id, n, label, opens_on, closes_on) VALUES ($SC3, 1, 'Now', '$AGO', '$LATER')" >/dev/null
expect_eq "a survey whose answers have no scores" 200 "$(get "$OT" "/surveys/$SC3/results")"
expect_in "... says there is no mean and no change, and how to have them" "have no scores, so it has no mean and no change between waves" "$WORK/body"
expect_eq "... its summary" 200 "$(get "$OT" "/surveys/$SC3/summary")"
expect_in "... says so too" "This survey has no scores" "$WORK/body"
expect_not_in "... never bare" ",=1+1" "$WORK/body"

# ---- the governors' summary ----
expect_eq "the governors' summary" 200 "$(get "$SC" "/surveys/$SA/summary")"
expect_in "... how many answered of how many links" "7 of the 10 people given a link answered Spring" "$WORK/body"
expect_in "... BELONGING's change and interval" "-0.16 to 1.16" "$WORK/body"
expect_in "... BASICS hidden" "<td class=\"govuk-table__cell\">c</td>" "$WORK/body"
expect_not_in "... no comment" "SECRET-COMMENT" "$WORK/body"
if [ -x /usr/bin/chromium ] || [ -n "${ONROLL_CHROMIUM:-}" ]; then
    expect_eq "the summary as a PDF" 200 "$(get "$SC" "/surveys/$SA/summary.pdf")"
    expect_eq "... is a PDF" "%PDF" "$(head -c 4 "$WORK/body")"
    [ -n "${SURVEY_PDF_OUT:-}" ] && cp "$WORK/body" "$SURVEY_PDF_OUT"
else
    echo "skipped: the PDF (no Chromium)"
fi

# ---- a link issued by the survey's own page (page_survey_links.c) opens here ----
expect_eq "Ashgrove's links form" 200 "$(get "$SC" "/surveys/$SA/links")"
form_body "$WORK/body" for=anonymous count=1 output=csv >"$WORK/post"
expect_eq "... one link without a name, as CSV" 200 "$(post "$SC" "/surveys/$SA/links" "$WORK/post")"
NEW=$(sed -n '2s|.*/s/\([A-Za-z0-9_-]*\).*|\1|p' "$WORK/body")
expect_eq "... its link opens the survey" 200 "$(get "$P" "/s/$NEW")"
expect_in "... with its questions" "I feel safe most of the time" "$WORK/body"

# ---- guessing links is throttled (last: it slows this address down) ----
codes=""
for i in $(seq 1 24); do
    codes="$codes $(get "$P" "/s/guess-$i-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")"
done
printf '%s\n' "$codes" >"$WORK/codes"
expect_in "guessed links: 404 at first" "404" "$WORK/codes"
expect_in "... then 429" "429" "$WORK/codes"
finish
