#!/bin/sh
# test_surveys.sh - surveys end to end (issue 18 part 4; surveys.h, migration 034):
# `onroll survey templates` in every format (the toolkit's counts); on a real server (curl) a
# school starts a survey from Kingsford's template, is refused a wave while the template's scale
# has no levels (the source gives none), sets the scale in the builder (a bad level refused with
# its line), adds, changes and removes questions, opens wave 1 (the questions then frozen: the
# builder refused), issues anonymous links as CSV and links for Year 7 as a printable sheet:
# only token hashes and pseudonyms stored, no pupil id, no name, each token's hash its BLAKE2b-256 (crypto_generichash);
# another school cannot see, change or issue links for it; the analyst is refused; a POST without
# its CSRF token is refused; the LA officer sees every school's surveys.
#
# The LA is tests/e2e/surveys/: Ashgrove Academy 300001 (four pupils in Year 7 in 2026/27:
# Amira and Bilal Testwell, Chloe and Dev Sampleton; Ellie and Femi Fixture in Year 8) and
# Beacon High School 300002 (Grace and Harun Othertown, Year 7).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
S=$(pwd)/tests/e2e/surveys
"$ONROLL" init >/dev/null 2>&1
expect_status "the LA imports" 0 "$ONROLL" import "$S/schools.csv" "$S/pupils.csv" \
    "$S/enrolments.csv"

# ---- the CLI (the counts of toolkit.json: 14, 7 and 3 statements; Kingsford 5 domains, 39) ----
cat >"$WORK/want.csv" <<CSV
id,title,domains,items
st-marys-pupil,St Mary's pupil survey,1,14
st-marys-parental,St Mary's parental survey,1,7
st-marys-happiness,St Mary's happiness survey,1,3
kingsford-resilience,Kingsford's My Resilience and Wellbeing,5,39
CSV
expect_status "survey templates --format csv" 0 "$ONROLL" survey templates --format csv
expect_same_file "... the four templates with the toolkit's counts" "$WORK/want.csv" "$WORK/out"
expect_status "survey templates --format json" 0 "$ONROLL" survey templates --format json
expect_eq "... Kingsford's 39 statements" 39 "$(python3 -c 'import json,sys; print([r for r in json.load(open(sys.argv[1])) if r["id"]=="kingsford-resilience"][0]["items"])' "$WORK/out")"
expect_status "a table for the terminal" 0 "$ONROLL" survey templates
expect_in "... with the titles" "St Mary's parental survey" "$WORK/out"
expect_status "a format that is not one" 2 "$ONROLL" survey templates --format xml
expect_status "a subcommand that is not one" 2 "$ONROLL" survey results

# ---- the pages ----
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
expect_eq "the analyst may not see surveys" 403 "$(get "$AN" /surveys)"
expect_eq "... nor start one" 403 "$(get "$AN" /surveys/new)"
expect_eq "the hub: /reviews" 200 "$(get "$SC" /reviews)"
expect_in "... links to Surveys" 'href="/surveys"' "$WORK/body"
expect_eq "/surveys" 200 "$(get "$SC" /surveys)"
expect_in "... a way to start one" 'href="/surveys/new"' "$WORK/body"
expect_eq "the start form" 200 "$(get "$SC" /surveys/new)"
cp "$WORK/body" "$WORK/new.html"
expect_in "... offers Kingsford's template" 'value="kingsford-resilience"' "$WORK/new.html"
expect_in "... with its counts" "Pupils: 5 sections, 39 statements" "$WORK/new.html"
expect_in "... or a blank survey" 'value="blank"' "$WORK/new.html"
expect_not_in "... and only the school's own school" 'value="300002"' "$WORK/new.html"
form_body "$WORK/new.html" template=kingsford-resilience school=300002 >"$WORK/post"
expect_eq "a survey for another school is refused" 400 "$(post "$SC" /surveys/new "$WORK/post")"
form_body "$WORK/new.html" template=blank school=300001 >"$WORK/post"
expect_eq "a blank survey without a title is refused" 400 "$(post "$SC" /surveys/new "$WORK/post")"
expect_in "... said so" "Enter a title for the survey" "$WORK/body"
expect_eq "no survey stored" 0 "$(count_rows surveys)"
form_body "$WORK/new.html" template=kingsford-resilience school=300001 \
    title="Year 7 nurture group" >"$WORK/post"
expect_eq "Ashgrove starts Kingsford's survey" 303 "$(post "$SC" /surveys/new "$WORK/post")"
ID=$(sql "select id from surveys")
expect_eq "... stored: the school, its title, the template, pupils" \
    "300001|Year 7 nurture group|kingsford-resilience|pupils" \
    "$(sql "select urn, title, template, audience from surveys")"
sql "select definition from surveys" >"$WORK/def.json"
expect_eq "... its definition: 5 domains, 39 statements, the scale without levels" "5 39 0" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["domains"]), sum(len(x["items"]) for x in d["domains"]), len(d["scales"][0]["levels"]))' "$WORK/def.json")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where action = 'change' and detail = 'survey started: $ID, kingsford-resilience, URN 300001'")"
expect_eq "the survey's page" 200 "$(get "$SC" "/surveys/$ID")"
expect_in "... its domains" ">BELONGING<" "$WORK/body"
expect_in "... its scale, not set" "Not set yet" "$WORK/body"
expect_in "... why" "The source gives no response scale" "$WORK/body"
expect_in "... the source's silence on the domain score" "does not say how a domain score is worked out" "$WORK/body"
expect_eq "Beacon may not see it" 404 "$(get "$OT" "/surveys/$ID")"
expect_eq "... nor its builder" 404 "$(get "$OT" "/surveys/$ID/edit")"
expect_eq "... nor its links" 404 "$(get "$OT" "/surveys/$ID/links")"
expect_eq "... nor list it" 200 "$(get "$OT" /surveys)"
expect_not_in "... (Beacon's list)" "Year 7 nurture group" "$WORK/body"
expect_eq "the LA officer sees it" 200 "$(get "$LA" "/surveys/$ID")"
expect_eq "... and lists it" 200 "$(get "$LA" /surveys)"
expect_in "... with its school" "Ashgrove Academy" "$WORK/body"
expect_eq "the list as CSV" 200 "$(get "$SC" /surveys/download)"
expect_in "... its row" "Year 7 nurture group,Ashgrove Academy,kingsford-resilience,pupils" "$WORK/body"

# a wave cannot open while the scale has no levels
TODAY=$(date +%Y-%m-%d)
Y=${TODAY%%-*}
M=$(echo "$TODAY" | cut -d- -f2 | sed 's/^0//')
D=$(echo "$TODAY" | cut -d- -f3 | sed 's/^0//')
expect_eq "the wave form" 200 "$(get "$SC" "/surveys/$ID/waves/new")"
cp "$WORK/body" "$WORK/wave.html"
form_body "$WORK/wave.html" label="Before the nurture group" opens_on-day=$D opens_on-month=$M \
    opens_on-year=$Y closes_on-day=$D closes_on-month=$M closes_on-year=$((Y + 1)) >"$WORK/wave"
expect_eq "a wave before the scale has levels is refused" 400 "$(post "$SC" "/surveys/$ID/waves/new" "$WORK/wave")"
expect_in "... saying why" "The survey is not ready to open. The scale" "$WORK/body"
expect_eq "... no wave" 0 "$(count_rows survey_waves)"

# the builder
expect_eq "the builder" 200 "$(get "$SC" "/surveys/$ID/edit")"
expect_in "... a way to change the scale" "/surveys/$ID/edit?scale=s1" "$WORK/body"
expect_eq "the scale's form" 200 "$(get "$SC" "/surveys/$ID/edit?scale=s1")"
cp "$WORK/body" "$WORK/scale.html"
form_body "$WORK/scale.html" title="How like me" levels="Yes = 2
Sometimes = lots
No = 0" >"$WORK/post"
expect_eq "a level with a score that is not a number is refused" 400 "$(post "$SC" "/surveys/$ID/edit" "$WORK/post")"
expect_in "... naming the line" "Line 2 (&quot;Sometimes = lots&quot;): after = give a whole number" "$WORK/body"
form_body "$WORK/scale.html" title="How like me" levels="Yes = 2
Sometimes = 1
No = 0" >"$WORK/post"
expect_eq "the scale is set" 303 "$(post "$SC" "/surveys/$ID/edit" "$WORK/post")"
expect_eq "... stored with its scores" '[{"label": "Yes", "score": 2}, {"label": "Sometimes", "score": 1}, {"label": "No", "score": 0}]' \
    "$(sql "select definition from surveys" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["scales"][0]["levels"]))')"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail = 'survey changed: $ID (URN 300001): scale s1 changed'")"
expect_eq "the new question's form" 200 "$(get "$SC" "/surveys/$ID/edit?item=new&domain=2")"
cp "$WORK/body" "$WORK/item.html"
expect_in "... in BELONGING" '<option value="2" selected>BELONGING' "$WORK/item.html"
form_body "$WORK/item.html" text="" type=scale scale=s1 domain=2 >"$WORK/post"
expect_eq "a question without words is refused" 400 "$(post "$SC" "/surveys/$ID/edit" "$WORK/post")"
expect_in "... said so" "Enter the statement or question" "$WORK/body"
form_body "$WORK/item.html" text="I have someone to sit with at lunch" type=scale scale=s1 \
    domain=2 >"$WORK/post"
expect_eq "a question is added" 303 "$(post "$SC" "/surveys/$ID/edit" "$WORK/post")"
expect_eq "... at the end of BELONGING, as q40" "11 q40 I have someone to sit with at lunch" \
    "$(sql "select definition from surveys" | python3 -c 'import json,sys; d=json.load(sys.stdin)["domains"][1]["items"]; print(len(d), d[-1]["key"], d[-1]["text"])')"
expect_eq "question 1's form" 200 "$(get "$SC" "/surveys/$ID/edit?item=q1")"
cp "$WORK/body" "$WORK/q1.html"
expect_in "... filled in" "Where I live is warm, dry and safe</textarea>" "$WORK/q1.html"
form_body "$WORK/q1.html" text="Where I live is warm, dry and safe" domain=1 type=count >"$WORK/post"
expect_eq "a question answered by a number" 303 "$(post "$SC" "/surveys/$ID/edit" "$WORK/post")"
expect_eq "... stored in its place" "q1 count" \
    "$(sql "select definition from surveys" | python3 -c 'import json,sys; d=json.load(sys.stdin)["domains"][0]["items"][0]; print(d["key"], d["type"])')"
get "$SC" "/surveys/$ID/edit" >/dev/null
form_body "$WORK/body" what=remove-item key=q39 >"$WORK/post"
expect_eq "a question is removed" 303 "$(post "$SC" "/surveys/$ID/edit" "$WORK/post")"
expect_eq "... 39 again: 40 less q39" "39 0" \
    "$(sql "select definition from surveys" | python3 -c 'import json,sys; d=json.load(sys.stdin); k=[i["key"] for x in d["domains"] for i in x["items"]]; print(len(k), k.count("q39"))')"
form_body "$WORK/body" what=remove-item key=q2 | sed 's/csrf_token=[^&]*&\{0,1\}//' >"$WORK/post"
expect_eq "a change without its CSRF token is refused" 403 "$(post "$SC" "/surveys/$ID/edit" "$WORK/post")"
get "$OT" /surveys/new >/dev/null
form_body "$WORK/body" what=remove-item key=q2 >"$WORK/post"
expect_eq "Beacon cannot change it" 404 "$(post "$OT" "/surveys/$ID/edit" "$WORK/post")"
expect_eq "... q2 still there" 1 "$(sql "select definition from surveys" | python3 -c 'import json,sys; d=json.load(sys.stdin); print([i["key"] for x in d["domains"] for i in x["items"]].count("q2"))')"

# wave 1 opens today: the questions freeze
expect_eq "wave 1 opens today" 303 "$(post "$SC" "/surveys/$ID/waves/new" "$WORK/wave")"
expect_eq "... stored" "1|Before the nurture group|$TODAY" "$(sql "select n, label, opens_on from survey_waves")"
form_body "$WORK/wave.html" label="After" opens_on-day=$D opens_on-month=$M \
    opens_on-year=$((Y + 1)) closes_on-day=$D closes_on-month=$M closes_on-year=$Y >"$WORK/post"
expect_eq "a wave closing before it opens is refused" 400 "$(post "$SC" "/surveys/$ID/waves/new" "$WORK/post")"
expect_eq "the builder is closed once a wave opened" 409 "$(get "$SC" "/surveys/$ID/edit")"
expect_eq "... a change refused" 409 "$(post "$SC" "/surveys/$ID/edit" "$WORK/post")"
get "$SC" "/surveys/$ID" >/dev/null
expect_not_in "... and not offered" "Change the questions" "$WORK/body"
expect_in "... the wave listed" "Before the nurture group" "$WORK/body"

# links
expect_eq "the links form" 200 "$(get "$SC" "/surveys/$ID/links")"
cp "$WORK/body" "$WORK/links.html"
expect_in "... says the sheet is the only record" "The sheet is the only record of who has which link" "$WORK/links.html"
expect_in "... offers Year 7" '<option value="7">Year 7' "$WORK/links.html"
form_body "$WORK/links.html" for=anonymous count=3 output=csv >"$WORK/post"
expect_eq "three links without names, as CSV" 200 "$(post "$SC" "/surveys/$ID/links" "$WORK/post")"
cp "$WORK/body" "$WORK/anon.csv"
expect_in "... a CSV" "text/csv" "$WORK/headers"
expect_in "... not kept by the browser" "no-store" "$WORK/headers"
expect_eq "... its rows" 4 "$(wc -l <"$WORK/anon.csv" | tr -d ' ')"
TOKEN=$(sed -n '2s|.*/s/\([A-Za-z0-9_-]*\).*|\1|p' "$WORK/anon.csv")
expect_eq "... a 43-character token" 43 "$(printf %s "$TOKEN" | wc -c | tr -d ' ')"
expect_eq "three respondents stored" 3 "$(count_rows survey_respondents)"
HASH=$(printf %s "$TOKEN" | b2sum -l 256 | cut -d' ' -f1)
expect_eq "... the token's hash stored" 1 "$(sql "select count(*) from survey_respondents where token_hash = '$HASH'")"
expect_eq "... never the token" 0 "$(sql "select count(*) from survey_respondents where token_hash = '$TOKEN' or pseudonym = '$TOKEN'")"
form_body "$WORK/links.html" for=pupils year=7 output=sheet >"$WORK/post"
expect_eq "links for Year 7, as a sheet" 200 "$(post "$SC" "/surveys/$ID/links" "$WORK/post")"
cp "$WORK/body" "$WORK/sheet.html"
expect_eq "... four slips" 4 "$(grep -c 'class="onroll-slip"' "$WORK/sheet.html")"
expect_in "... Amira's" "Amira Testwell, Year 7" "$WORK/sheet.html"
expect_in "... Dev's" "Dev Sampleton, Year 7" "$WORK/sheet.html"
expect_not_in "... not Year 8's" "Ellie" "$WORK/sheet.html"
expect_not_in "... not Beacon's pupils" "Othertown" "$WORK/sheet.html"
expect_in "... each with its link" "/s/" "$WORK/sheet.html"
expect_in "... printable" "data-onroll-print" "$WORK/sheet.html"
expect_eq "seven respondents now" 7 "$(count_rows survey_respondents)"
expect_eq "... no name, no pupil id in the survey tables" 0 \
    "$(sql "select count(*) from survey_respondents where pseudonym like '%999420126%' or token_hash like '%999420126%' or token_hash like '%Testwell%'")"
expect_eq "... the respondents' columns: no pupil's" "id,survey_id,token_hash,pseudonym,issued_on" \
    "$(if [ -n "${ONROLL_TEST_PG:-}" ]; then sql "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_name = 'survey_respondents'"; else sql "select group_concat(name, ',') from pragma_table_info('survey_respondents')"; fi)"
expect_eq "... audited: two issues" 2 "$(sql "select count(*) from audit_log where detail like 'survey links issued: survey $ID (URN 300001)%'")"
expect_eq "... the pupils named on the sheet on the record" 1 "$(sql "select count(*) from audit_log where action = 'pupil.listed'" | awk '$1 >= 1 {print 1}')"
get "$OT" /surveys/new >/dev/null
form_body "$WORK/body" for=pupils year=7 output=sheet >"$WORK/post"
expect_eq "Beacon cannot issue Ashgrove's links" 404 "$(post "$OT" "/surveys/$ID/links" "$WORK/post")"
expect_eq "... none made" 7 "$(count_rows survey_respondents)"
form_body "$WORK/links.html" for=anonymous count=0 output=sheet >"$WORK/post"
expect_eq "no links is refused" 400 "$(post "$SC" "/surveys/$ID/links" "$WORK/post")"
get "$SC" "/surveys/$ID" >/dev/null
expect_in "... the survey: 7 links issued" ">7<" "$WORK/body"
expect_in "... none answered yet" "0 of 7" "$WORK/body"
# the LA officer starts a blank survey for Beacon's parents and builds it
expect_eq "the LA's start form" 200 "$(get "$LA" /surveys/new)"
cp "$WORK/body" "$WORK/lanew.html"
expect_in "... offers every school" 'value="300002"' "$WORK/lanew.html"
form_body "$WORK/lanew.html" template=blank school=300002 title="Parents' evening" \
    audience=parents >"$WORK/post"
expect_eq "a blank survey for Beacon's parents" 303 "$(post "$LA" /surveys/new "$WORK/post")"
B2=$(sql "select id from surveys where urn = 300002")
expect_eq "... stored: no template, parents" "|parents|Parents' evening" "$(sql "select template, audience, title from surveys where id = $B2")"
expect_eq "Beacon sees it" 200 "$(get "$OT" "/surveys/$B2")"
expect_eq "Ashgrove does not" 404 "$(get "$SC" "/surveys/$B2")"
get "$OT" "/surveys/$B2/edit?domain=1" >/dev/null
form_body "$WORK/body" title="About your child" >"$WORK/post"
expect_eq "Beacon names the first section" 303 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
get "$OT" "/surveys/$B2/edit?domain=new" >/dev/null
form_body "$WORK/body" title="Spare" >"$WORK/post"
expect_eq "... adds a second" 303 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
expect_eq "... two sections" "About your child;Spare" "$(sql "select definition from surveys where id = $B2" | python3 -c 'import json,sys; print(";".join(d["title"] for d in json.load(sys.stdin)["domains"]))')"
get "$OT" "/surveys/$B2/edit" >/dev/null
form_body "$WORK/body" what=remove-domain domain=2 >"$WORK/post"
expect_eq "... removes the empty one" 303 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
get "$OT" "/surveys/$B2/edit?item=new&domain=1" >/dev/null
cp "$WORK/body" "$WORK/b2item.html"
expect_not_in "... no scale to offer yet" 'name="scale"' "$WORK/b2item.html"
form_body "$WORK/b2item.html" text="How many school events did you come to this year?" domain=1 \
    type=count >"$WORK/post"
expect_eq "... a question answered by a number" 303 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
form_body "$WORK/b2item.html" text="What would help you come to more?" domain=1 type=text >"$WORK/post"
expect_eq "... one in their own words" 303 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
form_body "$WORK/b2item.html" text="Do you feel welcome?" domain=1 type=scale >"$WORK/post"
expect_eq "... one on a scale before there is a scale is refused" 400 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
expect_in "... said so" "Add a scale first" "$WORK/body"
get "$OT" "/surveys/$B2/edit?scale=new" >/dev/null
form_body "$WORK/body" title="Yes or no" levels="Yes = 1
No = 0" >"$WORK/post"
expect_eq "... a scale added" 303 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
get "$OT" "/surveys/$B2/edit?item=new&domain=1" >/dev/null
form_body "$WORK/body" text="Do you feel welcome?" domain=1 type=scale scale=s1 >"$WORK/post"
expect_eq "... then the question on it" 303 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
expect_eq "... stored" "s1 Yes or no 2; q3 scale s1" "$(sql "select definition from surveys where id = $B2" | python3 -c 'import json,sys; d=json.load(sys.stdin); s=d["scales"][0]; i=d["domains"][0]["items"][2]; print(s["id"], s["title"], len(s["levels"]), end="; "); print(i["key"], i["type"], i["scale"])')"
get "$OT" "/surveys/$B2/edit?scoring=1" >/dev/null
form_body "$WORK/body" method=mean >"$WORK/post"
expect_eq "... the domain score: the mean" 303 "$(post "$OT" "/surveys/$B2/edit" "$WORK/post")"
expect_eq "... stored" "mean About your child q1:count q2:text q3:scale" "$(sql "select definition from surveys where id = $B2" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["scoring"]["method"], " ".join([d["domains"][0]["title"]] + [i["key"] + ":" + i["type"] for i in d["domains"][0]["items"]]))')"
expect_eq "... audited: eight changes" 8 "$(sql "select count(*) from audit_log where detail like 'survey changed: $B2 (URN 300002)%'")"
finish
