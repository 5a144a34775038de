#!/bin/sh
# test_roni.sh - the Risk of NEET Indicator and destinations (issue 17 parts 5 and 6; docs/roni.md)
# end to end, on the real binary, database and server: `onroll roni` (its CSV columns exactly,
# each score's factors), the pupils file's young_carer and parent_or_pregnant, the /roni list,
# a school's page and a pupil's, a school's careers leader changing a score with a reason (on
# the audit log, in the CLI's CSV after), who may see it (never the analyst; a school only its
# own pupils), the destinations kind (an unknown NCCIS code refused with its line and column,
# a school refused) and `onroll report roni-outcomes`.
#
# The LA (tests/e2e/roni_data.sh), made relative to today; Year N this school year is born in
# March of (school year - N - 4). Criteria (roni.h, Oxfordshire as issue 17 lists them): FSM 2,
# EAL 1, SEN support 1, looked after 2, in AP 1, young carer 2, pregnant or a parent 2,
# attendance at or below 90% 1, at or below 85% 2. Bands: 0 none, 1 offer, 2-3 additional,
# 4+ substantial. Worked out by hand:
#   Amy  Y9  Ashby     FSM 2 + EAL 1 = 3, additional
#   Ben  Y10 Ashby     90 of 100 (90.0%, at or below 90%) 1 = 1, offer
#   Cara Y11 Ashby     young carer 2 + pregnant or a parent 2 = 4, substantial; then the school
#                      changes it to 1 (offer): factors ...;override=-3
#   Dan  Y11 Birchwood SEN support 1 + 85 of 100 (85.0%, at or below 85%) 2 = 3, additional
#   Eve  Y7  Ashby     FSM, but Year 7: not scored
#   Finn Y11 Birchwood nothing: 0, none
#   Gus  Y10 the PRU   on the roll of a PRU (in AP) 1 + looked after 2 = 3, additional
#   Hana Y10 Ashby     present on a day, then marked Y5 (in criminal justice detention) on a
#                      later one, her latest mark: in custody 2, additional (Y5 is not a
#                      possible session: 2 of 2, 100%, no attendance point)
# Year 11 last school year (scored on 15 January of it), destinations after:
#   Hal  FSM 2 + EAL 1 + SEN support 1 = 4 substantial; 540 (NEET)
#   Ian  FSM 2 = additional; 810 (not known)
#   Jo   0 none; 210 (school sixth form)
#   Kim  FSM 2 + young carer 2 = 4 substantial; no destination
# so substantial: 2 pupils, 1 destination, 1 NEET; additional: 1, 1, 0 NEET, 1 not known;
# none: 1, 1, 0, 0; offer: 0.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi
. tests/e2e/roni_data.sh

# ---- the CLI ----
expect_status "onroll roni --format csv" 0 "$ONROLL" roni --format csv
cp "$WORK/out" "$WORK/roni0.csv"
expect_eq "the CSV's columns, exactly" "upn,urn,year_group,score,band,factors" "$(head -1 "$WORK/roni0.csv")"
expect_in "Amy: FSM 2 + EAL 1 = 3, additional" "$AMY,300001,9,3,additional,eal=1;fsm=2" "$WORK/roni0.csv"
expect_in "Ben: 90.0% is at or below 90%: 1, offer" "$BEN,300001,10,1,offer,attendance=1" "$WORK/roni0.csv"
expect_in "Cara: young carer and pregnant or a parent (the pupils file's new columns): 4" \
    "$CARA,300001,11,4,substantial,parent_or_pregnant=2;young_carer=2" "$WORK/roni0.csv"
expect_in "Dan: 85.0% is at or below 85%: 2, with SEN support 3" \
    "$DAN,300002,11,3,additional,attendance=2;sen_support=1" "$WORK/roni0.csv"
expect_in "Finn: no factor, 0, none" "$FINN,300002,11,0,none," "$WORK/roni0.csv"
expect_in "Gus: on a PRU's roll is in AP 1, looked after 2" "$GUS,300009,10,3,additional,in_ap=1;looked_after=2" "$WORK/roni0.csv"
expect_in "Hana: her latest mark is Y5: in custody 2" "$HANA,300001,10,2,additional,custody=2" "$WORK/roni0.csv"
expect_not_in "Eve is in Year 7: not scored" "$EVE" "$WORK/roni0.csv"
expect_not_in "Hal is in Year 12 now: not scored" "$HAL" "$WORK/roni0.csv"
expect_eq "eight rows: the header and seven pupils" 8 "$(wc -l <"$WORK/roni0.csv" | tr -d ' ')"
expect_status "--school 300002 --year-group 11" 0 "$ONROLL" roni --school 300002 --year-group 11 --format csv
expect_eq "... Dan and Finn only" "$DAN $FINN" "$(tail -n +2 "$WORK/out" | cut -d, -f1 | sort | tr '\n' ' ' | sed 's/ $//')"
expect_status "--year-group 7 is refused" 2 "$ONROLL" roni --year-group 7
expect_in "... naming the years" "is not a year from 8 to 11" "$WORK/err"
expect_status "--format json" 0 "$ONROLL" roni --format json --school 300001 --year-group 9
expect_in "JSON: each factor's words" '"why": "Eligible for free school meals"' "$WORK/out"
expect_in "JSON: the version of the points" '"version": "oxfordshire-1"' "$WORK/out"
expect_status "onroll roni (a table for people)" 0 "$ONROLL" roni --school 300001
expect_in "... with the band in words" "Substantial support" "$WORK/out"
# csv, --school, --format json and the table: four reads (--year-group 7 was refused first)
expect_eq "each of the CLI's reads is on the audit log" 4 "$(sql "select count(*) from audit_log where action = 'export' and object = 'roni'")"

# ---- the web ----
start_server
J=$WORK/jar
expect_eq "the Ashby school signs in" 303 "$(sign_in "$J" school@ashby.example.gov.uk "$PW")"
expect_eq "GET /roni (a school)" 200 "$(get "$J" /roni)"
cp "$WORK/body" "$WORK/roni_school.html"
expect_in "Ashby sees Cara" "$CARA" "$WORK/roni_school.html"
expect_not_in "... not Birchwood's Dan" "$DAN" "$WORK/roni_school.html"
expect_not_in "... nor the PRU's Gus" "$GUS" "$WORK/roni_school.html"
expect_in "the list says where custody comes from (and not from totals)" "In custody comes only from attendance marks" "$WORK/roni_school.html"
expect_eq "GET /roni/pupils/DAN (another school's pupil): refused" 404 "$(get "$J" "/roni/pupils/$DAN")"
expect_eq "GET /roni/schools/300002 (another school's page): refused" 404 "$(get "$J" /roni/schools/300002)"
expect_eq "GET /roni/schools/300001 (its own)" 200 "$(get "$J" /roni/schools/300001)"
expect_in "... by year group" "Year 11" "$WORK/body"
expect_eq "GET /roni/pupils/CARA" 200 "$(get "$J" "/roni/pupils/$CARA")"
cp "$WORK/body" "$WORK/cara.html"
expect_in "... each factor with its points" "Young carer" "$WORK/cara.html"
expect_in "... the form to change the score" "Change the score" "$WORK/cara.html"
# a change without a reason is refused, nothing saved
form_body "$WORK/cara.html" score=1 reason= >"$WORK/f1"
expect_eq "a change without a reason: 400" 400 "$(post "$J" "/roni/pupils/$CARA" "$WORK/f1")"
expect_in "... Enter the reason" "Enter the reason for the change" "$WORK/body"
expect_eq "... nothing saved" 0 "$(sql "select count(*) from roni_overrides")"
form_body "$WORK/cara.html" score=31 "reason=Mentoring" >"$WORK/f1"
expect_eq "a score of 31: 400" 400 "$(post "$J" "/roni/pupils/$CARA" "$WORK/f1")"
form_body "$WORK/cara.html" score=1 "reason=Her grandmother now cares for her brother; she has a college place" >"$WORK/f2"
expect_eq "the careers leader changes Cara's score to 1 with a reason" 303 "$(post "$J" "/roni/pupils/$CARA" "$WORK/f2")"
expect_in "... back to her page" "/roni/pupils/$CARA?saved=1" "$WORK/headers"
expect_eq "... stored" "1|4|school@ashby.example.gov.uk" "$(sql "select score, calculated, set_by from roni_overrides where upn = '$CARA'")"
expect_eq "... and on the audit log" 1 "$(sql "select count(*) from audit_log where action = 'change' and upn = '$CARA' and detail like 'roni override: 1 (calculated 4%'")"
expect_eq "GET her page again" 200 "$(get "$J" "/roni/pupils/$CARA?saved=1")"
expect_in "... the reason shown" "she has a college place" "$WORK/body"
expect_in "... the band of the new score" "Offer support" "$WORK/body"
expect_status "onroll roni after the change" 0 "$ONROLL" roni --format csv
expect_in "the CSV: score 1, offer, the factors and the override's difference" \
    "$CARA,300001,11,1,offer,parent_or_pregnant=2;young_carer=2;override=-3" "$WORK/out"
expect_eq "GET /roni/download (a school)" 200 "$(get "$J" /roni/download)"
expect_eq "... the same columns" "upn,urn,year_group,score,band,factors" "$(head -1 "$WORK/body" | tr -d '\r')"
expect_in "... Cara overridden" "$CARA,300001,11,1,offer" "$WORK/body"
expect_eq "GET /roni?band=substantial (a school)" 200 "$(get "$J" "/roni?band=substantial")"
expect_not_in "... Cara is no longer substantial" "$CARA" "$WORK/body"

J2=$WORK/jar2
expect_eq "the Birchwood school signs in" 303 "$(sign_in "$J2" school@birch.example.gov.uk "$PW")"
expect_eq "Birchwood GET /roni" 200 "$(get "$J2" /roni)"
expect_in "... Dan" "$DAN" "$WORK/body"
expect_not_in "... not Ashby's Cara" "$CARA" "$WORK/body"
form_body "$WORK/cara.html" score=0 reason=Mischief >"$WORK/f3"
expect_eq "Birchwood cannot change Ashby's pupil's score (out of its scope)" 403 "$(post "$J2" "/roni/pupils/$CARA" "$WORK/f3")"
expect_eq "... still 1" 1 "$(sql "select score from roni_overrides where upn = '$CARA'")"

J3=$WORK/jar3
expect_eq "the LA officer signs in" 303 "$(sign_in "$J3" officer@la.example.gov.uk "$PW")"
expect_eq "LA GET /roni" 200 "$(get "$J3" /roni)"
for p in AMY BEN CARA DAN FINN GUS HANA; do
    eval "u=\$$p"
    expect_in "the LA sees $p" "$u" "$WORK/body"
done
expect_eq "LA GET /roni?school=300002" 200 "$(get "$J3" "/roni?school=300002")"
expect_in "... links to the school's page" 'href="/roni/schools/300002"' "$WORK/body"
expect_eq "LA GET /roni/schools/300002" 200 "$(get "$J3" /roni/schools/300002)"
expect_eq "LA GET /roni/pupils/CARA" 200 "$(get "$J3" "/roni/pupils/$CARA")"
expect_not_in "... the LA has no form to change it (the school's careers leader does)" "Change the score" "$WORK/body"

# the pupil's record: young carer and pregnant or a parent for the LA, not for a social worker
expect_eq "LA GET /pupils/CARA" 200 "$(get "$J3" "/pupils/$CARA")"
expect_in "... the special-category characteristics shown to the LA" "Pregnant or a parent" "$WORK/body"
expect_in "... with a link to her score" "/roni/pupils/$CARA" "$WORK/body"
J5=$WORK/jar5
expect_eq "Cara's social worker signs in" 303 "$(sign_in "$J5" sam@children.example.gov.uk "$PW")"
expect_eq "the social worker GET /pupils/CARA" 200 "$(get "$J5" "/pupils/$CARA")"
expect_not_in "... no special-category characteristics for a social worker" "Pregnant or a parent" "$WORK/body"
expect_not_in "... nor young carer" "Young carer" "$WORK/body"
st=$(get "$J5" /roni)
expect_eq "... and no /roni for a social worker" 403 "$st"
# the Virtual School: its children (accounts.h: looked after, previously looked after, with a
# social worker): Gus (looked after) and Cara (a social worker), not Amy
J6=$WORK/jar6
expect_eq "the Virtual School signs in" 303 "$(sign_in "$J6" vs@la.example.gov.uk "$PW")"
expect_eq "the Virtual School GET /roni" 200 "$(get "$J6" /roni)"
expect_in "... Gus, looked after" "$GUS" "$WORK/body"
expect_in "... Cara, who has a social worker" "$CARA" "$WORK/body"
expect_not_in "... not Amy" "$AMY" "$WORK/body"

J4=$WORK/jar4
expect_eq "the analyst signs in" 303 "$(sign_in "$J4" analyst@la.example.gov.uk "$PW")"
for path in /roni /roni/download /roni/schools/300001 "/roni/pupils/$CARA"; do
    st=$(get "$J4" "$path")
    [ "$st" = 403 ] || [ "$st" = 404 ] && pass "the analyst is refused $path ($st)" ||
        fail "the analyst is refused $path (got $st)"
    expect_not_in "... and sees no UPN" "$CARA" "$WORK/body"
done

# ---- destinations ----
# through the web's upload, the same importer: a school may not send them (the LA keeps them)
expect_eq "the school's upload page" 200 "$(get "$J" /upload)"
TOK=$(csrf_of "$WORK/body")
code=$(curl -s -b "$J" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" \
    -F "file=@$D/dest.csv;filename=dest.csv;type=text/csv" "$B/upload")
expect_eq "a school's destinations file is refused (403: not its to send)" 403 "$code"
expect_in "... the LA keeps them" "a school cannot send a destinations file" "$WORK/body"
expect_eq "... nothing written" 0 "$(sql "select count(*) from destinations")"
expect_eq "the LA's upload page" 200 "$(get "$J3" /upload)"
TOK=$(csrf_of "$WORK/body")
code=$(curl -s -b "$J3" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" -F check=1 \
    -F "file=@$D/dest_bad.csv;filename=dest_bad.csv;type=text/csv" "$B/upload")
expect_eq "the LA's upload of an unknown NCCIS code is refused" 400 "$code"
expect_in "... naming the value" "&#39;999&#39; is not an NCCIS activity code" "$WORK/body"
code=$(curl -s -b "$J3" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" -F check=1 \
    -F "file=@$D/dest.csv;filename=dest.csv;type=text/csv" "$B/upload")
expect_eq "the LA's destinations file, only checked" 200 "$code"
expect_in "... as destinations" "dest.csv (destinations): 3 rows, 3 new" "$WORK/body"
expect_eq "... nothing written" 0 "$(sql "select count(*) from destinations")"
expect_status "a destination with an unknown NCCIS code is refused" 1 "$ONROLL" import "$D/dest_bad.csv"
expect_in "... naming its line, column and value" "dest_bad.csv:2: column activity: '999' is not an NCCIS activity code" "$WORK/err"
expect_eq "... nothing written" 0 "$(sql "select count(*) from destinations")"
expect_status "the destinations import" 0 "$ONROLL" import "$D/dest.csv"
expect_in "... as the destinations kind" "destinations, 3 rows: 3 new" "$WORK/out"
expect_eq "... with their provenance" 3 "$(sql "select count(*) from destinations d join sources s on s.id = d.src_id")"
expect_status "re-importing it changes nothing" 0 "$ONROLL" import "$D/dest.csv"
expect_in "... 3 unchanged" "3 unchanged" "$WORK/out"
expect_status "onroll report roni-outcomes --format csv" 0 "$ONROLL" report roni-outcomes --format csv
expect_eq "outcomes: the header" "scored_on,band,pupils,destinations,neet,not_known" "$(head -1 "$WORK/out")"
expect_in "substantial: Hal and Kim, 1 destination, NEET" ",substantial,2,1,1,0" "$WORK/out"
expect_in "additional: Ian, not known" ",additional,1,1,0,1" "$WORK/out"
expect_in "none: Jo, sixth form" ",none,1,1,0,0" "$WORK/out"
expect_in "offer: nobody" ",offer,0,0,0,0" "$WORK/out"
expect_in "scored on 15 January of last school year" "$AY-01-15,none" "$WORK/out"
expect_status "roni-outcomes --as-of names the day of scoring" 0 "$ONROLL" report roni-outcomes --as-of "$AY-01-15" --format csv
expect_in "... the same figures" "$AY-01-15,substantial,2,1,1,0" "$WORK/out"
expect_eq "LA GET /reports/roni" 200 "$(get "$J3" /reports/roni)"
expect_in "... the band table" "Substantial support" "$WORK/body"
expect_in "... Hal's destination among those on the list" "$HAL" "$WORK/body"

# stop the server and let it finish writing (its saved model) before the directory goes
for p in $PIDS; do kill "$p" 2>/dev/null; done
wait
PIDS=""
finish
