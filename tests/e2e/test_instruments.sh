#!/bin/sh
# test_instruments.sh - the LA's own versions of instruments end to end (issue 18 part 1;
# instrument_json.h, store_instruments.h, migration 033): `onroll instruments export` and
# `import` (a new version; a bad file refused with its JSON path, nothing stored); the list
# with the stored versions; on a real server (curl) /instruments for LA officers only (a school
# and the analyst get 403, a school POSTing an edit too), a version saved from the area form
# (a placeholder renamed, an item added) and from the instrument's form (an area added, one
# removed), a new instrument as a copy, messages naming the field and value, CSRF; a review
# started on one version keeps it after the next is saved, a new review takes the newest.
#
# The LA is test_offrolling's (tests/e2e/offroll/): Ashgrove Academy 300001, Beacon High School
# 300002, Cedar Park School 300003.
#
# Counted by hand: the Wellbeing Framework audit (seed, version 1) has 9 areas and 13 items, one
# in area 6 (a placeholder). Version 2 (imported) adds an item to area 1: 14. Version 3 (the
# area form) renames area 6 "Staff wellbeing" and adds an item to it: 15. Version 4 (the
# instrument's form) removes area 9 (1 item) and adds "Parents and carers" (no items): 9 areas,
# 14 items.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
O=$(pwd)/tests/e2e/offroll
"$ONROLL" init >/dev/null 2>&1
expect_status "the hand-made LA imports" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"

# ---- export and import ----
expect_status "export the wellbeing audit" 0 "$ONROLL" instruments export wellbeing-audit
cp "$WORK/out" "$WORK/w1.json"
expect_eq "... JSON of version 1 with its 9 areas" "wellbeing-audit 1 9" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["id"], d["version"], len(d["sections"]))' "$WORK/w1.json")"
expect_status "a version that is not there" 1 "$ONROLL" instruments export wellbeing-audit --version 2
expect_in "... said so" "'wellbeing-audit' has no version 2" "$WORK/err"
expect_status "an instrument that is not one" 1 "$ONROLL" instruments export nothing
python3 - "$WORK/w1.json" "$WORK/w2.json" "$WORK/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["sections"][0]["items"].append({"key": "a1.i99", "text": "Leaders review wellbeing termly",
                                  "response": "yes_no", "descriptors": None, "fields": []})
json.dump(d, open(sys.argv[2], "w"), indent=1)
d["sections"][1]["items"][0]["response"] = "ratings"
json.dump(d, open(sys.argv[3], "w"), indent=1)
PY
expect_status "a bad file is refused" 1 "$ONROLL" instruments import "$WORK/bad.json"
expect_in "... naming the JSON path and value" 'bad.json: $.sections[1].items[0].response: "ratings" is not a response type' "$WORK/err"
expect_eq "... nothing stored" 0 "$(sql "select count(*) from instrument_versions")"
printf '{"id": "x", "title": \n' >"$WORK/notjson.json"
expect_status "a file that is not JSON" 1 "$ONROLL" instruments import "$WORK/notjson.json"
expect_in "... its line and column" "notjson.json: line 2, column" "$WORK/err"
expect_status "import the edited audit" 0 "$ONROLL" instruments import "$WORK/w2.json"
expect_in "... as version 2" "wellbeing-audit version 2: imported (9 areas, 14 items)" "$WORK/out"
expect_eq "... stored" "wellbeing-audit|2" "$(sql "select instrument, version from instrument_versions")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where object = 'instrument wellbeing-audit version 2 imported'")"
cat >"$WORK/want.csv" <<CSV
id,version,title,sections,items
wellbeing-audit,1,Wellbeing Framework audit,9,13
wellbeing-audit,2,Wellbeing Framework audit,9,14
send-review,1,SEND Review Tool,5,79
inclusion-review,1,Inclusion Review interview,9,52
CSV
expect_status "instruments --format csv" 0 "$ONROLL" instruments --format csv
expect_same_file "... the stored version listed beside the seeds" "$WORK/want.csv" "$WORK/out"
expect_status "export the newest" 0 "$ONROLL" instruments export wellbeing-audit
expect_in "... version 2" '"version": 2' "$WORK/out"
expect_in "... with the item" "Leaders review wellbeing termly" "$WORK/out"
expect_status "export version 1" 0 "$ONROLL" instruments export wellbeing-audit --version 1
expect_not_in "... without it" "Leaders review wellbeing termly" "$WORK/out"
expect_status "--version that is not one" 2 "$ONROLL" instruments export wellbeing-audit --version two

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
add_user senco@ashgrove.example.uk school ashgrove-kestrel-1 300001
add_user officer@la.example.gov.uk la_officer kestrel-river-41
add_user analyst@la.example.gov.uk analyst figures-kestrel-1
start_server
SC=$WORK/school.jar
LA=$WORK/la.jar
AN=$WORK/analyst.jar
expect_eq "the SENCO signs in" 303 "$(sign_in "$SC" senco@ashgrove.example.uk ashgrove-kestrel-1)"
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"
for p in /instruments /instruments/download /instruments/new /instruments/wellbeing-audit \
    /instruments/wellbeing-audit/edit "/instruments/wellbeing-audit/edit?area=6"; do
    expect_eq "a school may not open $p" 403 "$(get "$SC" "$p")"
    expect_eq "nor the analyst" 403 "$(get "$AN" "$p")"
done
expect_eq "the school's /reviews" 200 "$(get "$SC" /reviews)"
expect_not_in "... no link to the instruments" 'href="/instruments"' "$WORK/body"
expect_eq "the LA's /reviews" 200 "$(get "$LA" /reviews)"
expect_in "... links to the instruments" 'href="/instruments"' "$WORK/body"
expect_not_in "... no 'marked as complete' banner unasked" "The review was marked as complete." "$WORK/body"
expect_eq "the LA: /instruments" 200 "$(get "$LA" /instruments)"
expect_in "... every version" 'href="/instruments/wellbeing-audit?version=2"' "$WORK/body"
expect_in "... the SEND review" "SEND Review Tool" "$WORK/body"
expect_eq "... filtered to the LA's own" 200 "$(get "$LA" "/instruments?made=la")"
expect_not_in "... not the toolkit's" "SEND Review Tool</a>" "$WORK/body"
expect_eq "the list as CSV" 200 "$(get "$LA" /instruments/download)"
expect_in "... its columns" "title,id,version,areas,items,made_by" "$WORK/body"
expect_in "... version 2's row" "Wellbeing Framework audit,wellbeing-audit,2,9,14,la" "$WORK/body"
expect_eq "... the download audited" 1 "$(sql "select count(*) from audit_log where action = 'export' and object like '/instruments/download%'")"
expect_eq "the audit's page" 200 "$(get "$LA" /instruments/wellbeing-audit)"
expect_in "... its versions" "Version 2" "$WORK/body"
expect_in "... its items readable" "Leaders review wellbeing termly" "$WORK/body"
expect_eq "version 1" 200 "$(get "$LA" "/instruments/wellbeing-audit?version=1")"
expect_in "... an older version, said so" "This is an older version" "$WORK/body"
expect_eq "a version that is not there" 404 "$(get "$LA" "/instruments/wellbeing-audit?version=9")"
expect_eq "an instrument that is not there" 404 "$(get "$LA" /instruments/nothing)"

# a review on version 2, before the LA saves version 3
get "$LA" /reviews/new >/dev/null
cp "$WORK/body" "$WORK/new.html"
form_body "$WORK/new.html" instrument=wellbeing-audit school=300001 year=2025 >"$WORK/post"
expect_eq "the LA starts Ashgrove's wellbeing audit (version 2)" 303 "$(post "$LA" /reviews/new "$WORK/post")"
R1=$(sql "select id from reviews where urn = 300001")
expect_eq "... on version 2" 2 "$(sql "select version from reviews where id = $R1")"

# the area form: area 6 renamed, an item added
expect_eq "area 6's form" 200 "$(get "$LA" "/instruments/wellbeing-audit/edit?area=6")"
cp "$WORK/body" "$WORK/area6.html"
expect_in "... says the toolkit does not name it" "The toolkit does not name this area" "$WORK/area6.html"
expect_in "... saving makes version 3" "Save as version 3" "$WORK/area6.html"
T0="The area's level (best fit). Its descriptors are not in the source: the local authority adds them."
form_body "$WORK/area6.html" title="Staff wellbeing" note="" descriptors="" judged="" \
    item0-text="$T0" item0-resp=rating item0-descr="" item0-fields="" \
    item1-text="Staff have regular supervision" item1-resp=yes_no item1-descr="Low
High" item1-fields="" action=save >"$WORK/post"
expect_eq "descriptors for a yes/no item that do not fit the scale: refused" 400 "$(post "$LA" "/instruments/wellbeing-audit/edit?area=6" "$WORK/post")"
expect_in "... naming the field and value" "The new item&#39;s descriptors: 2 lines given, starting &#39;Low&#39;; the scale has 3 levels" "$WORK/body"
expect_eq "... nothing stored" 1 "$(sql "select count(*) from instrument_versions")"
form_body "$WORK/area6.html" title="" item0-text="$T0" item0-resp=rating action=save >"$WORK/post"
expect_eq "no title: refused" 400 "$(post "$LA" "/instruments/wellbeing-audit/edit?area=6" "$WORK/post")"
expect_in "... said so" "Enter the area&#39;s title" "$WORK/body"
form_body "$WORK/area6.html" title="Staff wellbeing" note="" descriptors="" judged="" \
    item0-text="$T0" item0-resp=rating item0-descr="" item0-fields="" \
    item1-text="Staff have regular supervision" item1-resp=yes_no item1-descr="" \
    item1-fields="Insert details here" action=save csrf_token=forged >"$WORK/post"
expect_eq "no valid CSRF token: refused" 403 "$(post "$LA" "/instruments/wellbeing-audit/edit?area=6" "$WORK/post")"
form_body "$WORK/area6.html" title="Staff wellbeing" note="" descriptors="" judged="" \
    item0-text="$T0" item0-resp=rating item0-descr="" item0-fields="" \
    item1-text="Staff have regular supervision" item1-resp=yes_no item1-descr="" \
    item1-fields="Insert details here" action=save >"$WORK/post"
expect_eq "the LA saves area 6" 303 "$(post "$LA" "/instruments/wellbeing-audit/edit?area=6" "$WORK/post")"
expect_eq "... as version 3" "2 3" "$(sql "select version from instrument_versions order by version" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "... made by the officer" "officer@la.example.gov.uk" "$(sql "select made_by from instrument_versions where version = 3")"
expect_eq "the same form (made from version 2) sent again: refused" 409 "$(post "$LA" "/instruments/wellbeing-audit/edit?area=6" "$WORK/post")"
expect_in "... said so" "Someone saved a new version meanwhile" "$WORK/body"
expect_eq "... nothing stored" 2 "$(sql "select count(*) from instrument_versions")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail = 'instrument wellbeing-audit version 3 saved: area 6, ''Staff wellbeing'', 2 items'")"
expect_status "export version 3" 0 "$ONROLL" instruments export wellbeing-audit --version 3
expect_eq "... area 6 renamed, no longer a placeholder, its new item keyed a6.i2 with its field" \
    "Staff wellbeing False a6.i2 yes_no Insert details here 15" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["sections"][5]; it = s["items"][1]
print(s["title"], s["placeholder"], it["key"], it["response"], it["fields"][0]["label"],
      sum(len(x["items"]) for x in d["sections"]))' "$WORK/out")"
# a school POSTing an edit, with its own valid token: 403, nothing stored
get "$SC" /reviews/new >/dev/null
form_body "$WORK/body" title="Hacked" item0-text="x" item0-resp=text action=save >"$WORK/post"
expect_eq "a school POSTing an edit (its own CSRF token) is refused" 403 "$(post "$SC" "/instruments/wellbeing-audit/edit?area=6" "$WORK/post")"
expect_eq "... nothing stored" 2 "$(sql "select count(*) from instrument_versions")"
form_body "$WORK/body" title="Hacked" from=blank >"$WORK/post"
expect_eq "a school POSTing a new instrument is refused" 403 "$(post "$SC" /instruments/new "$WORK/post")"

# the review on version 2 keeps it; a new review takes version 3
expect_eq "the review started on version 2" 200 "$(get "$LA" "/reviews/$R1")"
expect_in "... still version 2" "(version 2)" "$WORK/body"
expect_in "... area 6 still the placeholder" "Area 6: name not in the source" "$WORK/body"
expect_eq "... its area 6" 200 "$(get "$LA" "/reviews/$R1?area=6")"
expect_not_in "... without version 3's item" "Staff have regular supervision" "$WORK/body"
form_body "$WORK/new.html" instrument=wellbeing-audit school=300002 year=2025 >"$WORK/post"
expect_eq "a new review of Beacon" 303 "$(post "$LA" /reviews/new "$WORK/post")"
R2=$(sql "select id from reviews where urn = 300002")
expect_eq "... on version 3" 3 "$(sql "select version from reviews where id = $R2")"
expect_eq "... its area 6" 200 "$(get "$LA" "/reviews/$R2?area=6")"
expect_in "... by its new name" "Staff wellbeing" "$WORK/body"
expect_in "... with the new item" "Staff have regular supervision" "$WORK/body"

# the instrument's form: area 9 removed, an area added; levels that no longer fit refused
expect_status "the CLI names placeholder area 7 of the newest version (3)" 0 "$ONROLL" instruments \
    rename-area wellbeing-audit 7 "Pupil voice"
expect_in "... said so" "wellbeing-audit version 3, area 7: named 'Pupil voice'" "$WORK/out"
expect_eq "the instrument's form" 200 "$(get "$LA" /instruments/wellbeing-audit/edit)"
expect_in "... area 7 by the CLI's name" "7. Pupil voice" "$WORK/body"
cp "$WORK/body" "$WORK/inst.html"
expect_in "... its areas, each to edit" 'href="/instruments/wellbeing-audit/edit?area=9"' "$WORK/inst.html"
L3="Emerging
Established
Advanced"
form_body "$WORK/inst.html" title="Wellbeing Framework audit" about="" levels="Emerging
Advanced" judgements="$L3" judgement_note="" boxes="Evidence" add="" action=save >"$WORK/post"
expect_eq "two levels where items describe three: refused" 400 "$(post "$LA" /instruments/wellbeing-audit/edit "$WORK/post")"
expect_in "... naming the field and value" "The scale&#39;s levels: 2 given, but area 3" "$WORK/body"
form_body "$WORK/inst.html" title="Wellbeing Framework audit" about="" levels="$L3" \
    judgements="$L3" judgement_note="" boxes="Evidence" remove=9 add="Parents and carers" \
    action=save >"$WORK/post"
expect_eq "the LA removes area 9 and adds one" 303 "$(post "$LA" /instruments/wellbeing-audit/edit "$WORK/post")"
expect_status "instruments --format csv" 0 "$ONROLL" instruments --format csv
expect_in "... version 4: 9 areas, 14 items" "wellbeing-audit,4,Wellbeing Framework audit,9,14" "$WORK/out"
expect_eq "its page" 200 "$(get "$LA" "/instruments/wellbeing-audit?saved=1")"
expect_in "... saved, said so" "Version 4 was saved." "$WORK/body"
expect_in "... the new area" "9. Parents and carers" "$WORK/body"
expect_status "export version 4" 0 "$ONROLL" instruments export wellbeing-audit --version 4
expect_eq "... area 7's name carried, no longer a placeholder; area 9 the new one" \
    "Pupil voice False Parents and carers 0" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["sections"]
print(s[6]["title"], s[6]["placeholder"], s[8]["title"], len(s[8]["items"]))' "$WORK/out")"

# a new instrument as a copy, and one from scratch
expect_eq "the new instrument's form" 200 "$(get "$LA" "/instruments/new?from=send-review")"
form_body "$WORK/body" title="SEND review (Kestrel)" from=send-review >"$WORK/post"
expect_eq "a copy of the SEND review" 303 "$(post "$LA" /instruments/new "$WORK/post")"
expect_eq "... stored as version 1 of its own id" "send-review-kestrel|1" "$(sql "select instrument, version from instrument_versions where instrument like 'send-review-%'")"
expect_eq "... its 79 items" 200 "$(get "$LA" /instruments/send-review-kestrel)"
expect_in "... shown" "SEND review (Kestrel)" "$WORK/body"
form_body "$WORK/body" title="" from=blank >"$WORK/post"
expect_eq "no title: refused" 400 "$(post "$LA" /instruments/new "$WORK/post")"
expect_in "... said so" "Enter the instrument&#39;s title" "$WORK/body"
get "$LA" /instruments/new >/dev/null
form_body "$WORK/body" title="Attendance self-review" from=blank >"$WORK/post"
expect_eq "a blank instrument" 303 "$(post "$LA" /instruments/new "$WORK/post")"
expect_status "... listed" 0 "$ONROLL" instruments --format csv
expect_in "... with its one area" "attendance-self-review,1,Attendance self-review,1,0" "$WORK/out"
expect_in "... and the copy" "send-review-kestrel,1,SEND review (Kestrel),5,79" "$WORK/out"
expect_eq "the blank one's area form" 200 "$(get "$LA" "/instruments/attendance-self-review/edit?area=1")"
form_body "$WORK/body" title="Area 1" item0-text="Is attendance reviewed weekly?" item0-resp=rating \
    action=save >"$WORK/post"
expect_eq "an item answered with a level, with no scale: refused" 400 "$(post "$LA" "/instruments/attendance-self-review/edit?area=1" "$WORK/post")"
expect_in "... said so" "The new item is answered with a level, but the instrument has no scale" "$WORK/body"
finish
