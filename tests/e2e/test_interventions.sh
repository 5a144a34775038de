#!/bin/sh
# test_interventions.sh - the interventions directory end to end: `onroll init` seeds it once,
# `onroll interventions` lists and filters it, and a real `onroll serve` on 127.0.0.1 (a free
# port) over the demo LA (`onroll demo`, with its accounts) is driven with curl:
#
#   - searching by need returns only the entries tagged with it; filters combine (need and
#     level, need and level and phase, words, cost, provider); a bad filter is refused with the
#     error summary; pagination keeps the filters; the analyst may not use the directory;
#   - an entry's page: how to access it, the evidence, where its level came from;
#   - the LA edits an entry (saved, shown, written to the audit log with old and new values)
#     and adds one; a school may not (403); a form without its CSRF token is refused (403);
#     markup typed into an entry or a search is shown escaped; a bad edit gets the error
#     summary and changes nothing;
#   - a school (a SENCO) assigns an intervention to one of its pupils: the check step writes
#     nothing, saving stores one `intervention` event (onroll export events) and its audit line,
#     the pupil's interventions page and record show it; changing it (ending it early) records a
#     second event naming the first (ref), and the latest wins; an id not in the directory is
#     refused with a clear error (on the form and by `onroll import`); a school cannot open
#     another school's pupil (404) or record for a pupil it has no access to;
#   - the browser test (tests/browser/directory.spec.mjs: a SENCO searches by need, assigns an
#     intervention; axe-core on every new page) when node, playwright-core, axe-core and
#     Chromium are there.
# Runs on SQLite, and on PostgreSQL from tests/pg/test_e2e_pg.sh. Ends with "N passed, N failed".
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
export FORM_LISTS="needs phases" # form_body: the names sent as lists


# ids_of HTML : the directory entries a results page links to, sorted, one a line
ids_of() {
    grep -o 'href="/interventions/[a-z0-9-]*"' "$1" | sed 's|href="/interventions/||; s|"||' |
        grep -v '^new$' | sort
}

events_count() {
    "$ONROLL" export events | wc -l | tr -d ' '
}

# ---- the CLI: seeding once, listing, filtering ----
expect_status "onroll init" 0 "$ONROLL" init
expect_in "init seeds the directory from the guide" "interventions directory seeded with 78 entries" "$WORK/out"
expect_status "onroll init again" 0 "$ONROLL" init
expect_not_in "... seeds nothing the second time" "seeded" "$WORK/out"
expect_status "onroll interventions seed on a seeded directory" 0 "$ONROLL" interventions seed
expect_in "... adds nothing" "nothing added" "$WORK/out"
"$ONROLL" interventions list --format csv >"$WORK/all.csv"
expect_eq "76 entries offered (onroll interventions list --format csv): the guide's 78 less its two sanctions" 77 "$(wc -l <"$WORK/all.csv" | tr -d ' ')"
expect_status "list --need parenting" 0 "$ONROLL" interventions list --need parenting --format csv
cut -d, -f1 "$WORK/out" | tail -n +2 | sort >"$WORK/cli_parenting"
# worked out by hand from the guide's rows and the review in tools/gen_interventions.py
cat >"$WORK/want_parenting" <<'EOF'
bespoke-parenting-programmes
early-bird
early-bird-plus
family-seal
incredible-years-programme
parenting-programme
the-solihull-approach
understanding-your-child-parent-group-based-on-the-solihull
EOF
expect_same_file "... the 8 entries tagged parenting" "$WORK/want_parenting" "$WORK/cli_parenting"
expect_status "list --need parenting --level universal" 0 "$ONROLL" interventions --need parenting --level universal
expect_in "... the Solihull Approach" "the-solihull-approach" "$WORK/out"
expect_in "... alone" "(1 entry)" "$WORK/out"
expect_status "list --format json" 0 "$ONROLL" interventions list --phase early_years --format json
expect_in "... JSON with the level" '"level": "universal_plus"' "$WORK/out"
expect_status "an unknown need: usage error (exit 2)" 2 "$ONROLL" interventions list --need gangs
expect_in "... naming the value and the vocabulary" "--need 'gangs' is not one of behaviour" "$WORK/err"

# ---- the demo LA and its accounts ----
"$ONROLL" demo --schools 20 --pupils 4000 --as-of 2026-11-24 >"$WORK/demo.out" 2>&1
expect_eq "demo LA" 0 $?
SCHOOL_URN=$(awk '$1 == "school" {print $3}' "$WORK/demo.out")
expect_eq "the demo's pupils receive interventions of the directory" 1 \
    "$(test "$(sql "SELECT COUNT(*) FROM events WHERE type = 'intervention' AND intervention IN
        (SELECT id FROM interventions)")" -gt 50 && echo 1)"
P1=$(sql "SELECT upn FROM enrolments WHERE urn = $SCHOOL_URN AND reg_type = 'main' AND end_date IS NULL
    AND upn NOT IN (SELECT upn FROM events WHERE type = 'intervention') ORDER BY upn LIMIT 1")
OTHER=$(sql "SELECT upn FROM enrolments WHERE urn <> $SCHOOL_URN AND upn NOT IN
    (SELECT upn FROM enrolments WHERE urn = $SCHOOL_URN) ORDER BY upn LIMIT 1")
if [ -z "$P1" ] || [ -z "$OTHER" ] || [ -z "$SCHOOL_URN" ]; then
    fail "the demo LA has the pupils these tests need" "P1=$P1 OTHER=$OTHER URN=$SCHOOL_URN"
    finish
    exit 1
fi
pass "pupils picked: $P1 at the school account's $SCHOOL_URN, $OTHER elsewhere"

start_server

LA=$WORK/la.jar
SC=$WORK/school.jar
AN=$WORK/analyst.jar
AD=$WORK/admin.jar
expect_eq "LA officer signs in" 303 "$(sign_in "$LA" la_officer@demo.onroll.example demo-officer-kestrel)"
expect_eq "school (SENCO) signs in" 303 "$(sign_in "$SC" school@demo.onroll.example demo-head-kestrel)"
expect_eq "analyst signs in" 303 "$(sign_in "$AN" analyst@demo.onroll.example demo-figures-kestrel)"
expect_eq "LA admin signs in" 303 "$(sign_in "$AD" la_admin@demo.onroll.example demo-admin-kestrel)"

# ---- searching ----
expect_eq "the directory" 200 "$(get "$SC" /interventions)"
expect_in "... 76 entries" "76 interventions found" "$WORK/body"
expect_in "... in the service navigation" 'href="/interventions" aria-current="page"' "$WORK/body"
expect_in "... a need filter" 'name="need" type="checkbox" value="parenting"' "$WORK/body"
expect_in "... pages of 20" "By name, page 1 of 4." "$WORK/body"
# the LA's navigation has the directory on its Support hub (page_hub.c), not at the top
expect_eq "the LA's Support hub" 200 "$(get "$AD" /support)"
expect_in "... lists the directory" '<a class="govuk-link" href="/interventions">Interventions</a>' "$WORK/body"
expect_in "... and the panel" 'href="/panel">Panel</a>' "$WORK/body"
expect_eq "the directory for the LA" 200 "$(get "$AD" /interventions)"
expect_in "... its hub is the current navigation item" 'href="/support" aria-current="page"' "$WORK/body"
expect_not_in "... and the directory is not in the navigation" 'govuk-service-navigation__link" href="/interventions"' "$WORK/body"
expect_eq "a school cannot open the LA's Support hub" 403 "$(get "$SC" /support)"
expect_eq "search by need" 200 "$(get "$SC" "/interventions?need=parenting")"
expect_in "... 8 found" "8 interventions found" "$WORK/body"
expect_in "... the box stays ticked" 'value="parenting" checked' "$WORK/body"
ids_of "$WORK/body" >"$WORK/web_parenting"
expect_same_file "... only the entries tagged parenting" "$WORK/want_parenting" "$WORK/web_parenting"
expect_in "... level tags" '<strong class="govuk-tag govuk-tag--blue">Universal plus</strong>' "$WORK/body"
expect_eq "need and level combine" 200 "$(get "$SC" "/interventions?need=parenting&level=universal")"
expect_eq "... one: the Solihull Approach" "the-solihull-approach" "$(ids_of "$WORK/body" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "need, level and phase combine" 200 "$(get "$SC" "/interventions?need=mental_health&level=universal_plus&phase=primary")"
expect_eq "... three" "paws-dot-b-whole-class-mindfulness-training school-counselling-service solution-focused-approaches" \
    "$(ids_of "$WORK/body" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "two needs: any of them" 200 "$(get "$SC" "/interventions?need=parenting&need=youth_offending")"
expect_in "... still the 8" "8 interventions found" "$WORK/body"
expect_eq "words and a level" 200 "$(get "$SC" "/interventions?q=Mindfulness&level=complex")"
expect_eq "... MBAT" "mindfulness-based-awareness-training-mbat" "$(ids_of "$WORK/body" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "by cost" 200 "$(get "$SC" "/interventions?cost=charged")"
expect_eq "... the three charged" "bespoke-parenting-programmes incredible-years-programme team-teach-positive-handling-training" \
    "$(ids_of "$WORK/body" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "by provider" 200 "$(get "$SC" "/interventions?provider=A+Space")"
expect_eq "... the School Counselling Service" "school-counselling-service" "$(ids_of "$WORK/body" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "page 2 of a search" 200 "$(get "$SC" "/interventions?level=universal&page=2")"
expect_in "... says so" "page 2 of 2" "$WORK/body"
expect_in "... its links keep the filters" '/interventions?q=&amp;level=universal&amp;phase=&amp;provider=&amp;cost=&amp;page=1' "$WORK/body"
expect_eq "an unknown need is refused" 400 "$(get "$SC" "/interventions?need=gangs")"
expect_in "... with the error summary" '<a href="#need">Select needs from the list</a>' "$WORK/body"
expect_eq "a search with markup" 200 "$(get "$SC" "/interventions?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")"
expect_in "... shown escaped" 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' "$WORK/body"
expect_not_in "... never live" '<script>alert(1)' "$WORK/body"
expect_in "... nothing found" "0 interventions found" "$WORK/body"
expect_eq "the analyst may not use the directory" 403 "$(get "$AN" /interventions)"

# ---- an entry ----
expect_eq "an entry's page" 200 "$(get "$SC" /interventions/parenting-programme)"
expect_in "... how to access it" "Groups led by a trained facilitator" "$WORK/body"
expect_in "... its evidence" "Evidence cited for children with conduct disorders" "$WORK/body"
expect_in "... where its level came from" "Inferred by onroll from the entry" "$WORK/body"
expect_in "... the school may assign it" 'href="/pupils?assign=parenting-programme"' "$WORK/body"
expect_not_in "... but not edit it" "/interventions/parenting-programme/edit" "$WORK/body"
expect_eq "an entry the guide gives a level" 200 "$(get "$SC" /interventions/mindfulness-based-awareness-training-mbat)"
expect_in "... stated by the guide" "Stated by the guide. The guide&#39;s tier: Complex/High Risk." "$WORK/body"
expect_eq "no such entry: 404" 404 "$(get "$SC" /interventions/no-such-entry)"
expect_eq "a malformed id: 404" 404 "$(get "$SC" "/interventions/..%2Fadmin")"

# ---- the LA edits; a school may not ----
expect_eq "a school may not open the edit form" 403 "$(get "$SC" /interventions/parenting-programme/edit)"
expect_eq "the school's page (for its CSRF token)" 200 "$(get "$SC" /interventions)"
TOK=$(csrf_of "$WORK/body")
printf 'csrf_token=%s&name=Hacked&provider=x&level=complex&how_to_access=x&cost=free&active=yes&phases=primary&needs=behaviour' "$TOK" >"$WORK/sc_edit.req"
expect_eq "a school may not post an edit" 403 "$(post "$SC" /interventions/parenting-programme/edit "$WORK/sc_edit.req")"
expect_eq "a school may not add an entry" 403 "$(post "$SC" /interventions/new "$WORK/sc_edit.req")"
expect_eq "the LA's edit form" 200 "$(get "$LA" /interventions/parenting-programme/edit)"
cp "$WORK/body" "$WORK/edit.html"
expect_in "... filled in" 'value="Parenting Programme"' "$WORK/edit.html"
expect_in "... the level chosen" 'value="universal_plus" checked' "$WORK/edit.html"
expect_in "... the needs ticked" 'name="needs" type="checkbox" value="parenting" checked' "$WORK/edit.html"
EDIT_TOK=$(csrf_of "$WORK/edit.html")
edit_fields() { # the entry as it is, with the changes given
    form_body "$WORK/edit.html" "name=Parenting Programme" \
        "description=Parents understanding children's needs; parent-child relationships." \
        "provider=Hackney Learning Trust Educational Psychology Service" level=universal_plus \
        phases=early_years phases=primary phases=secondary phases=post16 \
        needs=behaviour needs=relationships needs=family needs=parenting \
        "how_to_access=Groups led by a trained facilitator meeting parents weekly." cost=unknown \
        "cost_text=Not stated in the guide." "guide_section=Parenting Programme" active=yes "$@"
}
edit_fields "name=" level=nonsense >"$WORK/bad_edit.req"
sed -i 's/needs=[a-z_]*&\?//g' "$WORK/bad_edit.req"
expect_eq "an edit with no name, no needs, no level: refused" 400 "$(post "$LA" /interventions/parenting-programme/edit "$WORK/bad_edit.req")"
expect_in "... the error summary" "There is a problem" "$WORK/body"
expect_in "... the level" '<a href="#level">Select the level of need</a>' "$WORK/body"
expect_eq "... nothing changed" "Parenting Programme" "$("$ONROLL" interventions list --need parenting --format csv | grep '^parenting-programme,' | cut -d, -f2)"
edit_fields level=complex 'evidence=<script>alert("ev")</script> & a trial' >"$WORK/edit.req"
expect_eq "the LA changes the level and the evidence" 303 "$(post "$LA" /interventions/parenting-programme/edit "$WORK/edit.req")"
expect_in "... back to the entry" "Location: /interventions/parenting-programme?saved=1" "$WORK/headers"
expect_eq "the entry after the edit" 200 "$(get "$SC" /interventions/parenting-programme)"
expect_in "... its new level" '<strong class="govuk-tag govuk-tag--orange">Complex or high risk</strong>' "$WORK/body"
expect_in "... now the LA's" "Set by the local authority" "$WORK/body"
expect_in "... the evidence shown escaped" '&lt;script&gt;alert(&quot;ev&quot;)&lt;/script&gt; &amp; a trial' "$WORK/body"
expect_not_in "... never live" '<script>alert("ev")' "$WORK/body"
"$ONROLL" interventions list --format csv >"$WORK/all2.csv"
expect_in "... onroll interventions lists it at its new level" "parenting-programme,Parenting Programme,complex,la," "$WORK/all2.csv"
expect_eq "admin: the edits in the audit log" 200 "$(get "$AD" "/admin/audit?action=intervention.edit")"
expect_in "... the entry" "changed intervention parenting-programme: " "$WORK/body"
expect_in "... with the old and new level" "level &#39;universal_plus&#39; -&gt; &#39;complex&#39;" "$WORK/body"
expect_in "... by the officer" "la_officer@demo.onroll.example" "$WORK/body"
printf 'name=Sneaky&provider=x&level=complex&how_to_access=x&cost=free&active=yes&phases=primary&needs=behaviour' >"$WORK/nocsrf.req"
expect_eq "an edit without its CSRF token: refused" 403 "$(post "$LA" /interventions/parenting-programme/edit "$WORK/nocsrf.req")"
printf 'csrf_token=not-the-token&name=Sneaky&provider=x&level=complex&how_to_access=x&cost=free&active=yes&phases=primary&needs=behaviour' >"$WORK/badcsrf.req"
expect_eq "... or with another token: refused" 403 "$(post "$LA" /interventions/new "$WORK/badcsrf.req")"
expect_not_in "... nothing written" "Sneaky" "$WORK/all2.csv"

expect_eq "the LA's form for a new entry" 200 "$(get "$LA" /interventions/new)"
cp "$WORK/body" "$WORK/new.html"
form_body "$WORK/new.html" "name=Youth Justice Mentoring" "provider=Youth Justice Service" \
    level=universal_plus phases=secondary phases=post16 needs=youth_offending needs=gangs_exploitation \
    "how_to_access=Referral by the school to the Youth Justice Service." cost=free active=yes >"$WORK/new.req"
expect_eq "the LA adds an entry" 303 "$(post "$LA" /interventions/new "$WORK/new.req")"
expect_in "... its id is the slug of its name" "Location: /interventions/youth-justice-mentoring?saved=1" "$WORK/headers"
expect_status "... found by need" 0 "$ONROLL" interventions list --need gangs_exploitation --format csv
expect_in "... by onroll interventions" "youth-justice-mentoring,Youth Justice Mentoring,universal_plus,la," "$WORK/out"
expect_eq "... adding the same name again" 303 "$(post "$LA" /interventions/new "$WORK/new.req")"
expect_in "... gets its own id" "Location: /interventions/youth-justice-mentoring-2?saved=1" "$WORK/headers"
expect_eq "admin: the addition in the audit log" 200 "$(get "$AD" "/admin/audit?action=intervention.add")"
expect_in "... names it" "added intervention youth-justice-mentoring: Youth Justice Mentoring" "$WORK/body"

# ---- a SENCO assigns an intervention to a pupil ----
TODAY=$(date +%Y-%m-%d)
S_DAY=$(date -d '-14 days' +%-d); S_MONTH=$(date -d '-14 days' +%-m); S_YEAR=$(date -d '-14 days' +%Y)
E_DAY=$(date -d '+56 days' +%-d); E_MONTH=$(date -d '+56 days' +%-m); E_YEAR=$(date -d '+56 days' +%Y)
START=$(date -d '-14 days' +%Y-%m-%d)
END=$(date -d '+56 days' +%Y-%m-%d)
ENDED=$(date -d '-1 day' +%Y-%m-%d)
expect_eq "choosing the pupil for an entry" 200 "$(get "$SC" "/pupils?assign=school-counselling-service&q=$P1")"
expect_in "... says what is being assigned" "Choose the pupil to assign &quot;School Counselling Service&quot; to" "$WORK/body"
expect_in "... the pupil links to their interventions page, the entry chosen" "href=\"/pupils/$P1/interventions?intervention=school-counselling-service#assign\"" "$WORK/body"
expect_eq "the pupil's interventions page" 200 "$(get "$SC" "/pupils/$P1/interventions?intervention=school-counselling-service")"
cp "$WORK/body" "$WORK/assign.html"
expect_in "... no intervention yet" "No intervention has been recorded for this pupil." "$WORK/assign.html"
expect_in "... the entry chosen" '<option value="school-counselling-service" selected>' "$WORK/assign.html"
expect_in "... who delivers it, from the directory" 'value="A Space"' "$WORK/assign.html"
SCHOOL_NAME=$(sql "select name from schools where urn = $SCHOOL_URN" | python3 -c 'import sys; print(sys.stdin.read().strip().replace("&", "&amp;").replace("'"'"'", "&#39;"))')
expect_in "... the school's own name" "School: $SCHOOL_NAME (your school)." "$WORK/assign.html"
before=$(events_count)
form_body "$WORK/assign.html" intervention=school-counselling-service "start-day=$S_DAY" \
    "start-month=$S_MONTH" "start-year=$S_YEAR" "end-day=$E_DAY" "end-month=$E_MONTH" \
    "end-year=$E_YEAR" "provider=A Space counsellor" 'notes=<b>Weekly</b> sessions' action=check >"$WORK/check.req"
expect_eq "check the intervention" 200 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/check.req")"
cp "$WORK/body" "$WORK/check.html"
expect_in "... nothing saved yet" "Nothing has been saved yet" "$WORK/check.html"
expect_in "... what will be recorded" "School Counselling Service" "$WORK/check.html"
expect_in "... notes escaped" "&lt;b&gt;Weekly&lt;/b&gt; sessions" "$WORK/check.html"
expect_eq "... the check writes nothing" "$before" "$(events_count)"
EV=$(sed -n 's/.*name="event_id" value="\(WEB-[0-9A-F]*\)".*/\1/p' "$WORK/check.html" | tail -n 1)
form_body "$WORK/check.html" action=save >"$WORK/save.req"
expect_eq "save it" 303 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/save.req")"
expect_in "... back to the pupil's interventions" "Location: /pupils/$P1/interventions?saved=1" "$WORK/headers"
"$ONROLL" export events >"$WORK/events.after"
expect_in "the event is stored (onroll export events)" "$EV,$P1,$SCHOOL_URN,intervention,$START,,,,,A Space counsellor,$END" "$WORK/events.after"
expect_in "... naming the directory's entry" "school@demo.onroll.example,<b>Weekly</b> sessions,school-counselling-service" "$WORK/events.after"
expect_eq "one more event" $((before + 1)) "$(events_count)"
expect_eq "saving the same form again" 303 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/save.req")"
expect_eq "... records it once" $((before + 1)) "$(events_count)"
expect_eq "the pupil's interventions after saving" 200 "$(get "$SC" "/pupils/$P1/interventions?saved=1")"
expect_in "... the banner" "Intervention recorded." "$WORK/body"
expect_in "... the intervention, current" '<strong class="govuk-tag govuk-tag--green">Current</strong>' "$WORK/body"
expect_in "... who delivers it" "A Space counsellor" "$WORK/body"
expect_in "... a link to change or end it" "href=\"/pupils/$P1/interventions?change=$EV&amp;urn=$SCHOOL_URN\"" "$WORK/body"
expect_eq "the pupil's record" 200 "$(get "$SC" "/pupils/$P1")"
expect_in "... shows it among the current interventions" "Current and planned interventions" "$WORK/body"
expect_in "... links to the interventions page" "href=\"/pupils/$P1/interventions\">All interventions (1) and assign one" "$WORK/body"
expect_eq "admin: the assignment in the audit log" 200 "$(get "$AD" "/admin/audit?upn=$P1&action=change")"
expect_in "... names the event and the entry" "recorded intervention $EV: school-counselling-service at school $SCHOOL_URN" "$WORK/body"

# ---- what is refused, with nothing written ----
before=$(events_count)
form_body "$WORK/assign.html" intervention=no-such-intervention "start-day=$S_DAY" \
    "start-month=$S_MONTH" "start-year=$S_YEAR" "end-day=$E_DAY" "end-month=$E_MONTH" \
    "end-year=$E_YEAR" provider=Someone action=check >"$WORK/unknown.req"
expect_eq "an id not in the directory: refused" 400 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/unknown.req")"
expect_in "... a clear error against the field" "<a href=\"#intervention\">The intervention: &#39;no-such-intervention&#39; is not an entry of the interventions directory</a>" "$WORK/body"
form_body "$WORK/assign.html" intervention=school-counselling-service "start-day=$E_DAY" \
    "start-month=$E_MONTH" "start-year=$E_YEAR" "end-day=$S_DAY" "end-month=$S_MONTH" \
    "end-year=$S_YEAR" provider= action=save >"$WORK/backwards.req"
expect_eq "an end before the start, no one delivering: refused" 400 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/backwards.req")"
expect_in "... the end date" '<a href="#end-day">The planned end date: is before start' "$WORK/body"
expect_in "... who delivers it" '<a href="#provider">Enter who delivers it</a>' "$WORK/body"
expect_eq "... nothing written" "$before" "$(events_count)"
printf 'intervention=camhs&start-day=1&start-month=1&start-year=2026&end-day=2&end-month=2&end-year=2026&provider=x&action=save' >"$WORK/nocsrf_assign.req"
expect_eq "an assignment without its CSRF token: refused" 403 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/nocsrf_assign.req")"
expect_eq "... nothing written" "$before" "$(events_count)"
expect_eq "a school cannot open another school's pupil" 404 "$(get "$SC" "/pupils/$OTHER/interventions")"
form_body "$WORK/assign.html" intervention=camhs "start-day=$S_DAY" "start-month=$S_MONTH" \
    "start-year=$S_YEAR" "end-day=$E_DAY" "end-month=$E_MONTH" "end-year=$E_YEAR" provider=x action=save >"$WORK/other.req"
expect_eq "... nor record for them" 404 "$(post "$SC" "/pupils/$OTHER/interventions" "$WORK/other.req")"
expect_eq "... nothing written" "$before" "$(events_count)"
expect_eq "the analyst may not open a pupil's interventions" 403 "$(get "$AN" "/pupils/$P1/interventions")"
expect_eq "a change of no such record: 404" 404 "$(get "$SC" "/pupils/$P1/interventions?change=WEB-0000000000000000&urn=$SCHOOL_URN")"

# the importer refuses the same id from a file, naming file, line, column and value
printf 'event_id,upn,urn,type,start,end,provider,intervention\nIVX-1,%s,%s,intervention,%s,%s,Mentor,not-in-the-directory\n' \
    "$P1" "$SCHOOL_URN" "$START" "$END" >"$WORK/iv.csv"
expect_status "onroll import: an id not in the directory (exit 1)" 1 "$ONROLL" import "$WORK/iv.csv"
expect_in "... file, line, column and value" "iv.csv:2: column intervention: 'not-in-the-directory' is not an entry of the interventions directory" "$WORK/err"

# ---- changing it: ending it early records a second event naming the first ----
expect_eq "the change form" 200 "$(get "$SC" "/pupils/$P1/interventions?change=$EV&urn=$SCHOOL_URN")"
cp "$WORK/body" "$WORK/change.html"
expect_in "... says what it changes" "Change or end: School Counselling Service" "$WORK/change.html"
expect_in "... filled in" 'value="A Space counsellor"' "$WORK/change.html"
expect_in "... names the first record" "name=\"ref\" value=\"$EV\"" "$WORK/change.html"
expect_in "... its start" "name=\"start-day\" type=\"text\" inputmode=\"numeric\" value=\"$S_DAY\"" "$WORK/change.html"
N_DAY=$(date -d '-1 day' +%-d); N_MONTH=$(date -d '-1 day' +%-m); N_YEAR=$(date -d '-1 day' +%Y)
form_body "$WORK/change.html" "start-day=$S_DAY" "start-month=$S_MONTH" "start-year=$S_YEAR" \
    "end-day=$N_DAY" "end-month=$N_MONTH" "end-year=$N_YEAR" "provider=A Space counsellor" \
    action=check >"$WORK/end.req"
expect_eq "check the change" 200 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/end.req")"
expect_in "... the record it changes is kept" "that record is kept" "$WORK/body"
EV2=$(sed -n 's/.*name="event_id" value="\(WEB-[0-9A-F]*\)".*/\1/p' "$WORK/body" | tail -n 1)
form_body "$WORK/body" action=save >"$WORK/end_save.req"
expect_eq "save the change" 303 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/end_save.req")"
"$ONROLL" export events >"$WORK/events.after2"
expect_in "a second event, naming the first (ref)" "$EV2,$P1,$SCHOOL_URN,intervention,$START,,,$EV,,A Space counsellor,$ENDED" "$WORK/events.after2"
expect_in "... the first is unchanged" "$EV,$P1,$SCHOOL_URN,intervention,$START,,,,,A Space counsellor,$END" "$WORK/events.after2"
expect_eq "the interventions page after the change" 200 "$(get "$SC" "/pupils/$P1/interventions")"
expect_in "... the latest record wins: ended" '<strong class="govuk-tag govuk-tag--grey">Ended</strong>' "$WORK/body"
expect_in "... changed once" "changed 1 time" "$WORK/body"
expect_not_in "... one intervention, not two" "govuk-tag--green\">Current" "$WORK/body"
expect_eq "the pupil's record after the change" 200 "$(get "$SC" "/pupils/$P1")"
expect_in "... no current intervention" "No current intervention (earlier ones have ended)." "$WORK/body"

# ---- an entry no longer offered is not offered for new records ----
edit_fields active=no level=complex >"$WORK/retire.req"
expect_eq "the LA stops offering an entry" 303 "$(post "$LA" /interventions/parenting-programme/edit "$WORK/retire.req")"
expect_eq "... out of the search" 200 "$(get "$SC" "/interventions?need=parenting")"
expect_in "... 7 now" "7 interventions found" "$WORK/body"
expect_eq "... the LA can still find it" 200 "$(get "$LA" "/interventions?need=parenting&inactive=1")"
expect_in "... marked" "No longer offered" "$WORK/body"
form_body "$WORK/assign.html" intervention=parenting-programme "start-day=$S_DAY" "start-month=$S_MONTH" \
    "start-year=$S_YEAR" "end-day=$E_DAY" "end-month=$E_MONTH" "end-year=$E_YEAR" provider=x action=check >"$WORK/retired.req"
expect_eq "... a school cannot assign it" 400 "$(post "$SC" "/pupils/$P1/interventions" "$WORK/retired.req")"
expect_in "... says why" "This intervention is no longer offered" "$WORK/body"

# ---- a real browser: a SENCO searches by need and assigns; axe-core on every new page ----
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    echo "skipped: browser test (node is not installed)"
elif [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    echo "skipped: browser test (node_modules/playwright-core or axe-core missing: npm ci)"
elif [ ! -x "$CHROMIUM" ]; then
    echo "skipped: browser test ($CHROMIUM is not installed: apt-get install chromium)"
else
    mkdir -p test-results/screenshots
    CHROMIUM=$CHROMIUM node tests/browser/directory.spec.mjs "$B" school@demo.onroll.example \
        demo-head-kestrel la_officer@demo.onroll.example demo-officer-kestrel \
        test-results/screenshots >"$WORK/browser" 2>&1
    rc=$?
    sed 's/^/    /' "$WORK/browser"
    if [ $rc -eq 0 ]; then pass "browser: a SENCO searches by need and assigns; axe-core 0 violations"; else fail "browser test (exit $rc)" "$(grep -E '^(FAIL|axe:)' "$WORK/browser" | head -20)"; fi
fi

finish
