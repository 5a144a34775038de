# survey_data.sh - the surveys of test_survey_answer.sh and test_browser_survey_answer.sh,
# sourced after lib.sh (and web_lib.sh for `answer`): made in the store directly (the tables of
# migration 034; each link as the survey pages issue it: a random token, only its BLAKE2b-256
# stored), with scores on their levels.
#
# Survey A (Ashgrove 300001) is tests/unit/test_survey_results.c's: BASICS b1 b2, BELONGING g1
# g2, comments t1; Strongly Agree 3 / Agree 2 / Do not Agree 1; wave 1 "Autumn" open from a
# week ago to a week ahead; links T1..T10 (pseudonyms PSEUDO01..PSEUDO010). Survey B (Beacon
# 300002): one item, wave "Now"; link TB. Sets SA SB W1 WB TODAY AGO YESTERDAY LATER T1..T10 TB.

survey_fixture() {
    TODAY=$(date +%F)
    AGO=$(date -d '-7 day' +%F)
    YESTERDAY=$(date -d '-1 day' +%F)
    LATER=$(date -d '+7 day' +%F)

    DEF_A='{"title":"Resilience","audience":"pupils","source":"","about":"","scoring":{"method":"mean","note":""},"scales":[{"id":"s1","title":"Agreement","note":"","levels":[{"label":"Strongly Agree","score":3},{"label":"Agree","score":2},{"label":"Do not Agree","score":1}]}],"domains":[{"title":"BASICS","note":"","items":[{"key":"b1","text":"I feel safe most of the time","type":"scale","scale":"s1"},{"key":"b2","text":"I can get places I need to go safely","type":"scale","scale":"s1"}]},{"title":"BELONGING","note":"","items":[{"key":"g1","text":"There are places in and out of school where I feel I belong","type":"scale","scale":"s1"},{"key":"g2","text":"People look out for me and I can count on them","type":"scale","scale":"s1"}]},{"title":"Your words","note":"","items":[{"key":"t1","text":"Anything else","type":"text"}]}]}'
    DEF_B='{"title":"Beacon check","audience":"pupils","source":"","about":"","scoring":{"method":"none","note":""},"scales":[{"id":"s1","title":"Yes or no","note":"","levels":[{"label":"Yes / Most of the time","score":1},{"label":"No","score":0}]}],"domains":[{"title":"","note":"","items":[{"key":"x1","text":"=1+1 I feel safe in school","type":"scale","scale":"s1"}]}]}'
    sql "INSERT INTO surveys (urn, title, template, audience, definition, created_by, created_at) VALUES (300001, 'Resilience', '', 'pupils', '$DEF_A', 'test', '2026-01-01 00:00:00')" >/dev/null
    sql "INSERT INTO surveys (urn, title, template, audience, definition, created_by, created_at) VALUES (300002, 'Beacon check', '', 'pupils', '$DEF_B', 'test', '2026-01-01 00:00:00')" >/dev/null
    SA=$(sql "select id from surveys where urn = 300001")
    SB=$(sql "select id from surveys where urn = 300002")
    sql "INSERT INTO survey_waves (survey_id, n, label, opens_on, closes_on) VALUES ($SA, 1, 'Autumn', '$AGO', '$LATER')" >/dev/null
    sql "INSERT INTO survey_waves (survey_id, n, label, opens_on, closes_on) VALUES ($SB, 1, 'Now', '$AGO', '$LATER')" >/dev/null
    W1=$(sql "select id from survey_waves where survey_id = $SA and n = 1")
    WB=$(sql "select id from survey_waves where survey_id = $SB")

    # links: R1..R10 of A, one of B
    issue() { # SURVEY PSEUDONYM: prints the token
        _t=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
        _h=$(printf '%s' "$_t" | b2sum -l 256 | cut -c1-64)
        sql "INSERT INTO survey_respondents (survey_id, token_hash, pseudonym, issued_on) VALUES ($1, '$_h', '$2', '$AGO')" >/dev/null
        echo "$_t"
    }
    for i in 1 2 3 4 5 6 7 8 9 10; do
        eval "T$i=\$(issue $SA PSEUDO0$i)"
    done
    TB=$(issue "$SB" PSEUDOB1)
    expect_eq "eleven links issued, their tokens stored only as hashes" 0 \
        "$(sql "select count(*) from survey_respondents where token_hash = '$T1' or length(token_hash) <> 64")"
}

# answer TOKEN B1 B2 G1 G2 [T1] [EXTRA=VALUE]: open the link in a fresh browser (cookie jar
# $WORK/r.jar) and send the answers; prints the POST's status (its page in $WORK/body)
answer() {
    _j=$WORK/r.jar
    rm -f "$_j"
    get "$_j" "/s/$1" >/dev/null
    cp "$WORK/body" "$WORK/form.html"
    form_body "$WORK/form.html" "a-b1=$2" "a-b2=$3" "a-g1=$4" "a-g2=$5" ${6:+"a-t1=$6"} \
        ${7:+"$7"} >"$WORK/post"
    post "$_j" "/s/$1" "$WORK/post"
}
