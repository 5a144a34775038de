#!/bin/sh
# test_ideas.sh - Energy for change end to end (issue 19 part 5; ideas.h, store_ideas.h,
# migration 037, docs/workshop-ideas.md) on a real server (curl): an LA officer runs a workshop
# with two guests (one-time links); ideas must start "How might we" or "What if"; drafts are
# private until the facilitator reveals them; each guest has three votes per criterion, may
# stack them, is refused a fourth in a criterion (the tenth vote) and may take one back; a guest
# of another workshop cannot vote here; no vote count shows before the results by any URL (the
# board, the CSV, the report); a POST without its CSRF token is refused; the results rank as
# counted by hand; a commitment becomes a duty on its owner's /duties (LOCAL-WORKSHOP-
# COMMITMENT), which only the owner records done; every write audited.
#
# The LA is test_offrolling's (tests/e2e/offroll/): Ashgrove Academy 300001, Beacon High School
# 300002.
#
# The votes, counted by hand. Ideas in the order written: 1 (guest A), 2 (guest B), 3 (officer).
#   Guest A: feasibility 3 on idea 1 (stacked); desirability 2 on 2, 1 on 3; viability 3 on 1.
#   Guest B: feasibility 1 on 1, 2 on 3; desirability 3 on 3; viability 1 on 2 (then 1 on 1,
#            taken back).
#                 F  D  V  total
#   idea 1        4  0  3   7      feasibility 1st; desirability 3rd; viability 1st; overall 1st
#   idea 2        0  2  1   3      feasibility 3rd; desirability 2nd; viability 2nd; overall 3rd
#   idea 3        2  4  0   6      feasibility 2nd; desirability 1st; viability 3rd; overall 2nd
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
O=$(pwd)/tests/e2e/offroll
"$ONROLL" init >/dev/null 2>&1
expect_status "the hand-made LA imports" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"
add_user() { # EMAIL ROLE PASSWORD [URN]
    if [ -n "${4:-}" ]; then
        printf '%s\n' "$3" | "$ONROLL" user add "$1" --name "$5" --role "$2" --scope "$4" \
            --password-stdin >/dev/null 2>&1
    else
        printf '%s\n' "$3" | "$ONROLL" user add "$1" --name "$5" --role "$2" --password-stdin \
            >/dev/null 2>&1
    fi
    expect_eq "account $1 ($2)" 0 $?
}
add_user officer@la.example.gov.uk la_officer kestrel-river-41 "" "Olu Officer"
add_user senco@ashgrove.example.uk school ashgrove-kestrel-1 300001 "Sam Senco"
add_user head@beacon.example.uk school beacon-kestrel-2 300002 "Hana Head"
add_user analyst@la.example.gov.uk analyst figures-kestrel-1 "" "Ana Analyst"
start_server
LA=$WORK/la.jar
SC=$WORK/school.jar
OT=$WORK/other.jar
AN=$WORK/analyst.jar
GA=$WORK/guest_a.jar
GB=$WORK/guest_b.jar
GC=$WORK/guest_c.jar
expect_eq "the officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "the SENCO signs in" 303 "$(sign_in "$SC" senco@ashgrove.example.uk ashgrove-kestrel-1)"
expect_eq "another school signs in" 303 "$(sign_in "$OT" head@beacon.example.uk beacon-kestrel-2)"
expect_eq "the analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"

# ---- a workshop and its guests (the core's pages) ----
new_workshop() { # TITLE: prints the new workshop's id
    get "$LA" /workshops/new >/dev/null
    form_body "$WORK/body" title="$1" scope=whole_system urn= series= held_on-day=8 \
        held_on-month=12 held_on-year=2026 mode=online >"$WORK/post"
    post "$LA" /workshops/new "$WORK/post" >/dev/null
    sed -n 's|^[Ll]ocation: /workshops/\([0-9]*\).*|\1|p' "$WORK/headers" | tr -d '\r'
}
# add_guest WS NAME JAR: a guest's link made by the officer, used in the guest's browser
add_guest() {
    get "$LA" "/workshops/$1/participants/new" >/dev/null
    form_body "$WORK/body" kind=guest email= name="$2" role=Parent organisation= \
        sector=charity >"$WORK/post"
    post "$LA" "/workshops/$1/participants/new" "$WORK/post" >/dev/null
    link=$(sed -n 's|.*href="\(/workshops/join/[^"]*\)".*|\1|p' "$WORK/body" | head -n 1)
    rm -f "$3"
    get "$3" "$link" >/dev/null
    form_body "$WORK/body" name="$2" >"$WORK/post"
    post "$3" "$link" "$WORK/post"
}
W=$(new_workshop "Inclusion 2027")
expect_eq "the officer plans a workshop" 1 "$(sql "select count(*) from workshops where id = 0$W")"
W2=$(new_workshop "Another borough session")
expect_eq "... and another" 1 "$(sql "select count(*) from workshops where id = $W2 and id <> $W")"
expect_eq "guest A joins by their one-time link" 303 "$(add_guest "$W" "Guest A" "$GA")"
expect_eq "guest B joins" 303 "$(add_guest "$W" "Guest B" "$GB")"
expect_eq "guest C joins the other workshop" 303 "$(add_guest "$W2" "Guest C" "$GC")"
PA=$(sql "select id from workshop_participants where workshop = $W and display_name = 'Guest A'")
PB=$(sql "select id from workshop_participants where workshop = $W and display_name = 'Guest B'")

# ---- who may open the board ----
expect_eq "guest A opens the board" 200 "$(get "$GA" "/workshops/$W/ideas")"
expect_in "... the add-an-idea form with the framing offered" 'value="hmw"' "$WORK/body"
expect_in "... the toolkit's category" "Across school practice" "$WORK/body"
expect_in "... and its conditions of energy" "people can see the benefits of change" "$WORK/body"
expect_eq "the facilitator opens it" 200 "$(get "$LA" "/workshops/$W/ideas")"
expect_eq "a guest of another workshop may not" 404 "$(get "$GC" "/workshops/$W/ideas")"
expect_eq "... nor its CSV" 404 "$(get "$GC" "/workshops/$W/ideas/download")"
expect_eq "the analyst may not" 404 "$(get "$AN" "/workshops/$W/ideas")"
expect_eq "another school may not" 404 "$(get "$OT" "/workshops/$W/ideas")"
expect_eq "nobody signed in: refused, offered to sign in" 403 "$(get "$WORK/nobody.jar" "/workshops/$W/ideas")"

# ---- ideas: the framing rule, private drafts ----
# add_idea JAR FRAMING WORDS CATEGORY [ENERGY...]
add_idea() {
    jar=$1 framing=$2 words=$3 cat=$4
    shift 4
    get "$jar" "/workshops/$W/ideas" >/dev/null
    tok=$(csrf_of "$WORK/body")
    {
        printf 'csrf_token=%s&framing=%s&category=%s' "$tok" "$framing" "$cat"
        printf '&words=%s' "$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$words")"
        for e in "$@"; do printf '&energy=%s' "$e"; done
        [ -n "${SEED:-}" ] && printf '&seed=%s' "$SEED"
    } >"$WORK/post"
    post "$jar" "/workshops/$W/ideas" "$WORK/post"
}
expect_eq "an idea that does not start so is refused" 400 "$(add_idea "$GA" own "Let us share practice" across-schools)"
expect_in "... naming the rule" "Start your idea with &quot;How might we&quot; or &quot;What if&quot;" "$WORK/body"
expect_eq "... nothing saved" 0 "$(sql "select count(*) from ideas")"
expect_eq "a category that is not the toolkit's is refused" 400 "$(add_idea "$GA" hmw "share practice?" elsewhere)"
expect_eq "guest A: How might we... (idea 1)" 303 "$(add_idea "$GA" hmw "embed threshold models across agencies?" across-sectors benefits timely)"
expect_eq "... stored with the framing's words" "How might we embed threshold models across agencies?|across-sectors|benefits,timely|$PA" "$(sql "select text, category, energies, participant_id from ideas")"
# the iceberg's "intervene here" marks are seeds once the iceberg is revealed (h-boards)
get "$GA" "/workshops/$W/iceberg" >/dev/null
printf 'csrf_token=%s&action=add&text=CAMHS+waiting+lists&place=3&side=barrier&intervene=yes' "$(csrf_of "$WORK/body")" >"$WORK/post"
expect_eq "guest A marks an iceberg note \"intervene here\"" 303 "$(post "$GA" "/workshops/$W/iceberg" "$WORK/post")"
N=$(sql "select id from board_cards where text = 'CAMHS waiting lists'")
get "$GB" "/workshops/$W/ideas" >/dev/null
expect_not_in "no seed before the iceberg is revealed" "CAMHS waiting lists" "$WORK/body"
get "$LA" "/workshops/$W/iceberg" >/dev/null
printf 'csrf_token=%s&tool=iceberg&back=/workshops/%s/iceberg' "$(csrf_of "$WORK/body")" "$W" >"$WORK/post"
expect_eq "the facilitator reveals the iceberg" 303 "$(post "$LA" "/workshops/$W/reveal" "$WORK/post")"
get "$GB" "/workshops/$W/ideas" >/dev/null
expect_in "guest B sees the seed" "CAMHS waiting lists" "$WORK/body"
expect_in "... a link to start an idea from it" "/workshops/$W/ideas?seed=$N#add" "$WORK/body"
get "$GB" "/workshops/$W/ideas?seed=$N" >/dev/null
expect_in "... which carries it into the form" "Your idea starts from the iceberg's note" "$WORK/body"
expect_eq "guest B: What if... written out, from the seed (idea 2)" 303 "$(SEED=$N add_idea "$GB" own "What if pupils chaired the inclusion panel?" within-school)"
expect_eq "... the idea keeps the seed's words" "CAMHS waiting lists" "$(sql "select seed from ideas where text like 'What if pupils%'")"
get "$GB" "/workshops/$W/ideas?seed=999999" >/dev/null
expect_not_in "a seed that is not one is ignored" "starts from the iceberg" "$WORK/body"
expect_eq "the facilitator's own idea (idea 3)" 303 "$(add_idea "$LA" hmw "grow school-to-school support?" across-schools motivated)"
expect_in "... shown with its idea" "From the iceberg:" "$(get "$GB" "/workshops/$W/ideas" >/dev/null; echo "$WORK/body")"
expect_eq "... three ideas, audited" 3 "$(sql "select count(*) from audit_log where detail like 'workshop $W: idea % added by %'")"
get "$GB" "/workshops/$W/ideas" >/dev/null
expect_in "guest B sees their own draft" "What if pupils chaired" "$WORK/body"
expect_not_in "... not guest A's before the reveal" "embed threshold models" "$WORK/body"
get "$GB" "/workshops/$W/ideas/download" >/dev/null
expect_not_in "... nor in the CSV" "embed threshold models" "$WORK/body"
get "$LA" "/workshops/$W/ideas" >/dev/null
expect_in "the facilitator sees how many were drafted" "3 ideas drafted by 3 people so far." "$WORK/body"
expect_not_in "... not what guest A wrote" "embed threshold models" "$WORK/body"
expect_eq "no vote before the reveal" 403 "$(curl -s -b "$GA" -o /dev/null -w '%{http_code}' --data-urlencode "csrf_token=$(csrf_of "$WORK/body")" -d idea=1 -d criterion=feasibility -d op=cast "$B/workshops/$W/ideas/vote")"

# ---- the reveal ----
get "$LA" "/workshops/$W/ideas" >/dev/null
tok=$(csrf_of "$WORK/body")
expect_eq "a guest may not reveal" 403 "$(curl -s -b "$GA" -o /dev/null -w '%{http_code}' -d "csrf_token=$(get "$GA" "/workshops/$W/ideas" >/dev/null; csrf_of "$WORK/body")" -d tool=ideas "$B/workshops/$W/reveal")"
printf 'csrf_token=%s&tool=ideas&back=/workshops/%s/ideas' "$tok" "$W" >"$WORK/post"
expect_eq "the facilitator reveals the ideas" 303 "$(post "$LA" "/workshops/$W/reveal" "$WORK/post")"
get "$GB" "/workshops/$W/ideas" >/dev/null
expect_in "guest B now sees guest A's idea" "How might we embed threshold models across agencies?" "$WORK/body"
expect_in "... in its lane" "Across sectors" "$WORK/body"
expect_in "... and their votes left" "Your votes left: feasibility 3 of 3, desirability 3 of 3, viability 3 of 3." "$WORK/body"

# ---- votes ----
I1=$(sql "select id from ideas order by id limit 1")
I2=$(sql "select id from ideas order by id limit 1 offset 1")
I3=$(sql "select id from ideas order by id limit 1 offset 2")
# vote JAR IDEA CRITERION [OP]: prints the status
vote() {
    get "$1" "/workshops/$W/ideas" >/dev/null
    printf 'csrf_token=%s&idea=%s&criterion=%s&op=%s' "$(csrf_of "$WORK/body")" "$2" "$3" \
        "${4:-cast}" >"$WORK/post"
    post "$1" "/workshops/$W/ideas/vote" "$WORK/post"
}
expect_eq "guest A: feasibility on idea 1" 303 "$(vote "$GA" "$I1" feasibility)"
expect_eq "... again (stacking)" 303 "$(vote "$GA" "$I1" feasibility)"
expect_eq "... a third" 303 "$(vote "$GA" "$I1" feasibility)"
expect_eq "a fourth feasibility vote, on another idea, is refused" 400 "$(vote "$GA" "$I2" feasibility)"
expect_in "... saying why" "You have used your 3 votes for feasibility" "$WORK/body"
expect_eq "... not counted" 3 "$(sql "select count(*) from idea_votes where participant_id = $PA and criterion = 'feasibility'")"
for v in "$I2 desirability" "$I2 desirability" "$I3 desirability" "$I1 viability" "$I1 viability" "$I1 viability"; do
    set -- $v
    expect_eq "guest A: $2 on idea $(($1 - I1 + 1))" 303 "$(vote "$GA" "$1" "$2")"
done
expect_eq "guest A has cast nine votes" 9 "$(sql "select count(*) from idea_votes where participant_id = $PA")"
expect_eq "the tenth vote (a fourth viability) is refused" 400 "$(vote "$GA" "$I3" viability)"
expect_in "... saying why" "You have used your 3 votes for viability" "$WORK/body"
expect_eq "... the tenth, a fourth desirability, too" 400 "$(vote "$GA" "$I1" desirability)"
expect_eq "... still nine" 9 "$(sql "select count(*) from idea_votes where participant_id = $PA")"
for v in "$I1 feasibility" "$I3 feasibility" "$I3 feasibility" "$I3 desirability" "$I3 desirability" "$I3 desirability" "$I2 viability" "$I1 viability"; do
    set -- $v
    expect_eq "guest B: $2 on idea $(($1 - I1 + 1))" 303 "$(vote "$GB" "$1" "$2")"
done
expect_eq "guest B takes back the viability vote on idea 1" 303 "$(vote "$GB" "$I1" viability back)"
expect_eq "... a vote not there cannot be taken back" 400 "$(vote "$GB" "$I1" viability back)"
expect_in "... saying so" "You have no viability vote on this idea to take back" "$WORK/body"
expect_eq "guest B has seven votes" 7 "$(sql "select count(*) from idea_votes where participant_id = $PB")"
expect_eq "the facilitator (not a participant) may not vote" 403 "$(vote "$LA" "$I1" feasibility)"
get "$GC" "/workshops/$W2/ideas" >/dev/null
printf 'csrf_token=%s&idea=%s&criterion=feasibility&op=cast' "$(csrf_of "$WORK/body")" "$I1" >"$WORK/post"
expect_eq "a guest of another workshop may not vote here" 404 "$(post "$GC" "/workshops/$W/ideas/vote" "$WORK/post")"
expect_eq "... nothing counted" 0 "$(sql "select count(*) from idea_votes v join workshop_participants p on p.id = v.participant_id where p.workshop = $W2")"
get "$GA" "/workshops/$W/ideas" >/dev/null
printf 'idea=%s&criterion=feasibility&op=back' "$I1" >"$WORK/post"
expect_eq "a vote without its CSRF token is refused" 403 "$(post "$GA" "/workshops/$W/ideas/vote" "$WORK/post")"
expect_eq "... nothing changed" 3 "$(sql "select count(*) from idea_votes where participant_id = $PA and criterion = 'feasibility'")"
expect_eq "votes audited without the idea (9 + 8 cast, 1 taken back)" 18 "$(sql "select count(*) from audit_log where detail like 'workshop $W: a % vote %'")"

# ---- nobody sees a count before the results ----
for who in "$GA" "$GB" "$LA" "$SC"; do
    get "$who" "/workshops/$W/ideas" >/dev/null
    expect_not_in "no tally on the board ($(basename "$who" .jar))" "Votes: feasibility" "$WORK/body"
    expect_not_in "... no ranking" "Ranked ideas" "$WORK/body"
    get "$who" "/workshops/$W/ideas?by=feasibility" >/dev/null
    expect_not_in "... nor asked for one" "Ranked ideas" "$WORK/body"
    get "$who" "/workshops/$W/ideas/download" >/dev/null
    expect_not_in "... no vote column in the CSV" "feasibility" "$WORK/body"
done
get "$LA" "/workshops/$W/ideas" >/dev/null
expect_in "the facilitator sees how many have voted" "<strong>2 of 2</strong> participants have voted." "$WORK/body"
get "$LA" "/workshops/$W/report" >/dev/null
expect_not_in "the report shows no vote before the results" "Ranked ideas" "$WORK/body"
expect_in "... says they are not shown" "the votes have not been shown" "$WORK/body"

# ---- the results ----
get "$GA" "/workshops/$W/ideas" >/dev/null
printf 'csrf_token=%s' "$(csrf_of "$WORK/body")" >"$WORK/post"
expect_eq "a guest may not show the results" 403 "$(post "$GA" "/workshops/$W/ideas/results" "$WORK/post")"
get "$LA" "/workshops/$W/ideas" >/dev/null
printf 'csrf_token=%s' "$(csrf_of "$WORK/body")" >"$WORK/post"
expect_eq "the facilitator shows the results" 303 "$(post "$LA" "/workshops/$W/ideas/results" "$WORK/post")"
get "$GB" "/workshops/$W/ideas" >/dev/null
tr -d '\n' <"$WORK/body" | sed 's|</tr>|</tr>\n|g' | sed 's/<[^>]*>/ /g; s/  */ /g' >"$WORK/rows"
expect_in "idea 1 first overall, as counted by hand" "1st Idea 1: How might we embed threshold models across agencies? 4, 1st 0, 3rd 3, 1st 7, 1st" "$WORK/rows"
expect_in "idea 3 second" "2nd Idea 3: How might we grow school-to-school support? 2, 2nd 4, 1st 0, 3rd 6, 2nd" "$WORK/rows"
expect_in "idea 2 third" "3rd Idea 2: What if pupils chaired the inclusion panel? 0, 3rd 2, 2nd 1, 2nd 3, 3rd" "$WORK/rows"
expect_in "the rule of the overall place stated" "onroll's overall place is by the sum of the three" "$WORK/body"
expect_in "the matrix is SVG with text" '<text x="' "$WORK/body"
expect_in "... named" "Ideas by feasibility and desirability votes" "$WORK/body"
expect_in "... and its table" "The matrix as a table" "$WORK/body"
get "$GB" "/workshops/$W/ideas?by=desirability" >/dev/null
tr -d '\n' <"$WORK/body" | sed 's|</tr>|</tr>\n|g' | sed 's/<[^>]*>/ /g; s/  */ /g' | grep "Idea [0-9]:" | head -n 1 >"$WORK/first"
expect_in "by desirability, idea 3 first" "1st Idea 3:" "$WORK/first"
get "$GB" "/workshops/$W/ideas/download" >/dev/null
expect_in "the CSV has the votes now" "number,idea,category,energy,feasibility,desirability,viability,total,place" "$WORK/body"
expect_in "... idea 1's" "1,How might we embed threshold models across agencies?,Across sectors,\"benefits,timely\",4,0,3,7,1" "$WORK/body"
expect_eq "no vote after the results" 403 "$(vote "$GB" "$I2" viability)"
expect_eq "no idea after the results" 403 "$(add_idea "$GA" hmw "one more?" within-school)"

# ---- commitments ----
# commit JAR IDEA OWNER DAY MONTH YEAR
commit() {
    get "$1" "/workshops/$W/ideas" >/dev/null
    {
        printf 'csrf_token=%s&idea=%s&owner=%s&due-day=%s&due-month=%s&due-year=%s' \
            "$(csrf_of "$WORK/body")" "$2" "$3" "$4" "$5" "$6"
        printf '&next_step=%s' "Bring+the+threshold+models+to+the+heads%27+meeting"
    } >"$WORK/post"
    post "$1" "/workshops/$W/ideas/commitments" "$WORK/post"
}
get "$LA" "/workshops/$W/ideas" >/dev/null
expect_in "the commitment form offers the school's SENCO" 'value="senco@ashgrove.example.uk"' "$WORK/body"
expect_not_in "... not the analyst" 'value="analyst@la.example.gov.uk"' "$WORK/body"
expect_eq "a guest may not record a commitment" 403 "$(commit "$GA" "$I1" senco@ashgrove.example.uk 26 3 2027)"
expect_eq "a date in the past is refused" 400 "$(commit "$LA" "$I1" senco@ashgrove.example.uk 1 1 2020)"
expect_in "... saying so" "The date must be today or in the future" "$WORK/body"
expect_eq "an owner who is not offered is refused" 400 "$(commit "$LA" "$I1" analyst@la.example.gov.uk 26 3 2027)"
expect_eq "the facilitator records a commitment" 303 "$(commit "$LA" "$I1" senco@ashgrove.example.uk 26 3 2027)"
expect_eq "... stored" "$I1|senco@ashgrove.example.uk|2027-03-26|" "$(sql "select idea_id, owner, due_on, done_on from idea_commitments")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail like 'workshop $W: commitment % on idea $I1, owner senco@ashgrove.example.uk, due 2027-03-26'")"
CID=$(sql "select id from idea_commitments")
expect_eq "the SENCO's duties" 200 "$(get "$SC" /duties)"
expect_in "... list the commitment" "Bring the threshold models to the heads&#39; meeting" "$WORK/body"
expect_in "... with its idea" "How might we embed threshold models across agencies?" "$WORK/body"
expect_in "... and its date" "26 March 2027" "$WORK/body"
get "$OT" /duties >/dev/null
expect_not_in "another school's duties do not" "threshold models" "$WORK/body"
printf 'csrf_token=%s' "$(csrf_of "$WORK/body")" >"$WORK/post"
expect_eq "another school cannot record it done" 404 "$(post "$OT" "/workshops/commitments/$CID/done" "$WORK/post")"
get "$SC" /duties >/dev/null
printf 'csrf_token=%s' "$(csrf_of "$WORK/body")" >"$WORK/post"
expect_eq "the SENCO records it done" 303 "$(post "$SC" "/workshops/commitments/$CID/done" "$WORK/post")"
expect_eq "... done today" 1 "$(sql "select count(*) from idea_commitments where done_on <> ''")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail = 'LOCAL-WORKSHOP-COMMITMENT: commitment $CID done, workshop $W'")"
get "$SC" /duties >/dev/null
expect_not_in "... and off the list" "threshold models" "$WORK/body"
get "$LA" "/workshops/$W/report" >/dev/null
expect_in "the report ranks the ideas" "Ranked ideas" "$WORK/body"
expect_in "... with the commitment" "Bring the threshold models" "$WORK/body"
finish
