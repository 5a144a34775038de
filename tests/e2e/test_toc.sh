#!/bin/sh
# test_toc.sh - theories of change end to end (issue 19 part 6; toc.h, store_toc.h,
# toc_figures.h, migration 038): on the demo LA (6 schools, 3,000 pupils, data to 10 July 2026)
#  - `onroll report rates --from --to`: a term's figures; the three terms' suspensions add up to
#    the year's; a period outside the year or half given is refused;
#  - on a real server (curl) the LA officer starts a theory, is refused an outcome nobody would be
#    held responsible for and an accountable outcome without consensus (the toolkit's words), adds
#    an accountable agreed outcome, an activity with who, when and outputs (its end before its
#    start refused), a link (backwards refused), and an indicator: the suspension rate of Year 7
#    at Brookfield Academy (140937) in 2025/26;
#  - the indicator's figure for each term is EXACTLY what `onroll report rates --by
#    school,year_group --from <term start> --to <term end> --unsuppressed` prints for that school
#    and year group, with the term dates read from the LA's calendar rows (not from onroll's term
#    code); the analyst's page shows the suppressed report's;
#  - the chart is SVG with <text>, also as a download; the CSV is guarded;
#  - a school cannot see or change another school's theory, nor the LA's; the analyst cannot
#    change any; a POST without the CSRF token is refused.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
expect_status "the demo LA" 0 "$ONROLL" demo --schools 6 --pupils 3000 --as-of 2026-07-10 \
    --no-attendance
S1=140937 # Brookfield Academy: Year 7 has 215 pupils on census day 2025/26, 21 suspensions
S2=127902 # Ashgrove Primary School

# ---- the CLI: a term's figures ----
terms=$(sql "select start_date || ' ' || end_date from calendar where scope = 0 and kind = 'term' and start_date >= '2025-09-01' and start_date <= '2026-08-31' order by start_date")
expect_eq "the LA's calendar has three terms in 2025/26" 3 "$(echo "$terms" | wc -l)"
"$ONROLL" report rates --year 2025/26 --unsuppressed >"$WORK/year.csv"
year_susp=$(python3 -c 'import csv,sys; print(list(csv.DictReader(open(sys.argv[1])))[0]["suspension"])' "$WORK/year.csv")
sum=0
for t in $(echo "$terms" | tr ' ' '_'); do
    from=${t%_*}
    to=${t#*_}
    "$ONROLL" report rates --year 2025/26 --unsuppressed --from "$from" --to "$to" >"$WORK/term.csv"
    n=$(python3 -c 'import csv,sys; print(list(csv.DictReader(open(sys.argv[1])))[0]["suspension"])' "$WORK/term.csv")
    sum=$((sum + n))
done
expect_eq "the three terms' suspensions add up to the year's ($year_susp)" "$year_susp" "$sum"
expect_status "a period outside the academic year is refused" 2 "$ONROLL" report rates \
    --year 2025/26 --from 2025-08-01 --to 2025-12-19
expect_in "... saying which year" "inside the academic year (2025-09-01 to 2026-08-31)" "$WORK/err"
expect_status "--from without --to is refused" 2 "$ONROLL" report rates --year 2025/26 \
    --from 2025-09-01
expect_status "not for the scrutiny report" 2 "$ONROLL" report scrutiny --year 2025/26 \
    --from 2025-09-01 --to 2025-12-19

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
add_user officer@la.example.gov.uk la_officer kestrel-river-41
add_user head@brookfield.example.uk school brookfield-kestrel-7 $S1
add_user head@ashgrove.example.uk school ashgrove-kestrel-2 $S2
add_user analyst@la.example.gov.uk analyst figures-kestrel-1
start_server
LA=$WORK/la.jar
SA=$WORK/sa.jar
SB=$WORK/sb.jar
AN=$WORK/an.jar
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"
expect_eq "Brookfield signs in" 303 "$(sign_in "$SA" head@brookfield.example.uk brookfield-kestrel-7)"
expect_eq "Ashgrove signs in" 303 "$(sign_in "$SB" head@ashgrove.example.uk ashgrove-kestrel-2)"
expect_eq "the analyst signs in" 303 "$(sign_in "$AN" analyst@la.example.gov.uk figures-kestrel-1)"

expect_eq "/theories" 200 "$(get "$LA" /theories)"
expect_in "... a way to start one" 'href="/theories/new"' "$WORK/body"
expect_eq "/reviews links to it" 200 "$(get "$LA" /reviews)"
expect_in "... the hub's one link" 'href="/theories"' "$WORK/body"
expect_eq "the start form" 200 "$(get "$LA" /theories/new)"
cp "$WORK/body" "$WORK/new.html"
expect_in "... the LA may own it" '<option value="0"' "$WORK/new.html"
form_body "$WORK/new.html" title="Fewer suspensions in Year 7" owner=0 \
    aim="To have a more inclusive and nurturing school/trust/local education system" >"$WORK/post"
expect_eq "the LA starts a theory" 303 "$(post "$LA" /theories/new "$WORK/post")"
T=$(sql "select id from toc where title = 'Fewer suspensions in Year 7'") # the demo LA has its own
expect_eq "... stored, the LA's" "0|Fewer suspensions in Year 7" "$(sql "select owner_urn, title from toc where id = $T")"
expect_eq "... with its aim" "aim" "$(sql "select kind from toc_items where toc_id = $T")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where action = 'change' and detail like 'theory of change $T started:%'")"
expect_eq "the theory" 200 "$(get "$LA" "/theories/$T")"
expect_in "... the toolkit's words for activities" "What you do and for whom, when you do it perfectly. No detail is too small." "$WORK/body"
expect_in "... and for mediating mechanisms" "(i.e., the active ingredients)" "$WORK/body"

item() { # KIND FIELD=VALUE...: post an item, print the status
    get "$LA" "/theories/$T/items/new?kind=$1" >/dev/null
    cp "$WORK/body" "$WORK/item.html"
    shift
    form_body "$WORK/item.html" "$@" >"$WORK/post"
    post "$LA" "/theories/$T/items/new" "$WORK/post"
}
O1="Reduction in number of fixed term exclusions or absenteeism per term (for a particular year group)"
expect_eq "an outcome nobody would be held responsible for is refused" 400 \
    "$(item outcome body="$O1" responsible=no accountable=no consensus=yes priority=no)"
expect_in "... in the toolkit's words" "t list outcomes you wouldn" "$WORK/body"
expect_eq "an accountable outcome without consensus is refused" 400 \
    "$(item outcome body="$O1" responsible=yes accountable=yes consensus=no priority=no)"
expect_in "... in the toolkit's words" "Make sure there is consensus about what the outcomes are and which you will be held accountable for." "$WORK/body"
expect_eq "nothing saved" 1 "$(sql "select count(*) from toc_items where toc_id = $T")"
expect_eq "an accountable, agreed outcome" 303 \
    "$(item outcome body="$O1" responsible=yes accountable=yes consensus=yes priority=yes)"
OUT=$(sql "select id from toc_items where kind = 'outcome' and toc_id = $T")
expect_eq "... its flags" "1|1|1|1" "$(sql "select responsible, accountable, consensus, priority from toc_items where id = $OUT")"
expect_eq "the outcome's change form" 200 "$(get "$LA" "/theories/$T/items/$OUT/edit")"
cp "$WORK/body" "$WORK/edit.html"
expect_in "... its words" "Reduction in number of fixed term exclusions" "$WORK/edit.html"
form_body "$WORK/edit.html" body="$O1" responsible=yes accountable=yes consensus=no priority=yes >"$WORK/post"
expect_eq "... made accountable without consensus: refused" 400 "$(post "$LA" "/theories/$T/items/$OUT/edit" "$WORK/post")"
form_body "$WORK/edit.html" body="$O1 in Year 7" responsible=yes accountable=yes consensus=yes priority=yes >"$WORK/post"
expect_eq "... changed" 303 "$(post "$LA" "/theories/$T/items/$OUT/edit" "$WORK/post")"
expect_eq "... stored" "$O1 in Year 7" "$(sql "select body from toc_items where id = $OUT")"
O1="$O1 in Year 7"
expect_eq "an activity ending before it starts is refused" 400 \
    "$(item activity body="Restorative training" starts_on-day=1 starts_on-month=9 starts_on-year=2026 ends_on-day=1 ends_on-month=8 ends_on-year=2026)"
expect_in "... said so" "The end date must be the same as or after the start date" "$WORK/body"
expect_eq "an activity with who, when and outputs" 303 \
    "$(item activity body="Restorative practice training for Year 7 tutors" who="Heads of year and the pastoral lead" for_whom="Year 7 tutors" starts_on-day=7 starts_on-month=9 starts_on-year=2026 ends_on-day=16 ends_on-month=7 ends_on-year=2027 outputs="=HYPERLINK(\"http://x\")")"
ACT=$(sql "select id from toc_items where kind = 'activity' and toc_id = $T")
expect_eq "... stored" "Heads of year and the pastoral lead|2026-09-07|2027-07-16" "$(sql "select who, starts_on, ends_on from toc_items where id = $ACT")"
expect_eq "flags on an activity are not taken" "0|0|0|0" "$(sql "select responsible, accountable, consensus, priority from toc_items where id = $ACT")"

get "$LA" "/theories/$T/links/new" >/dev/null
cp "$WORK/body" "$WORK/link.html"
form_body "$WORK/link.html" from=$OUT to=$ACT >"$WORK/post"
expect_eq "an outcome cannot feed an activity" 400 "$(post "$LA" "/theories/$T/links/new" "$WORK/post")"
expect_in "... said so" "can only feed an item in a column to its right" "$WORK/body"
form_body "$WORK/link.html" from=$ACT to=$OUT >"$WORK/post"
expect_eq "the activity feeds the outcome" 303 "$(post "$LA" "/theories/$T/links/new" "$WORK/post")"
expect_eq "... stored" "$ACT|$OUT" "$(sql "select from_item, to_item from toc_links where toc_id = $T")"
get "$LA" "/theories/$T" >/dev/null
expect_in "... shown as feeds" "Feeds outcome: Reduction in number" "$WORK/body"

get "$LA" "/theories/$T/indicators/new?outcome=$OUT" >/dev/null
cp "$WORK/body" "$WORK/ind.html"
expect_in "the indicator form says absence is not there" "no absence figure" "$WORK/ind.html"
form_body "$WORK/ind.html" outcome=$OUT statistic=susp_rate school=$S1 year_group=7 group= \
    first_year=2025 last_year=2025 baseline=9.77x target=5 >"$WORK/post"
expect_eq "a baseline that is not a number is refused" 400 "$(post "$LA" "/theories/$T/indicators/new" "$WORK/post")"
form_body "$WORK/ind.html" outcome=$OUT statistic=susp_rate school=$S1 year_group=7 group= \
    first_year=2025 last_year=2025 baseline=9.77 target=5 >"$WORK/post"
expect_eq "Year 7's suspension rate at Brookfield Academy" 303 "$(post "$LA" "/theories/$T/indicators/new" "$WORK/post")"
N=$(sql "select id from toc_indicators where toc_id = $T")
expect_eq "... stored" "susp_rate|$S1|7|2025|2025|9.77|5" "$(sql "select statistic, urn, year_group, ay_first, ay_last, baseline, target from toc_indicators where toc_id = $T")"

# the figure of each term, from the page and from the CLI
figure_of() { # FILE TERM_INDEX
    sed -n "s/.*data-term=\"$2\">\([^<]*\)<.*/\1/p" "$1" | head -n 1
}
cli_figure() { # FROM TO [--unsuppressed]
    "$ONROLL" report rates --year 2025/26 --by school,year_group --from "$1" --to "$2" ${3:-} \
        >"$WORK/cli.csv"
    python3 -c '
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["school"] == sys.argv[2] and r["year_group"] == "7"]
print(rows[0]["susp_rate"] if rows else "none")' "$WORK/cli.csv" $S1
}
expect_eq "the indicator's chart" 200 "$(get "$LA" "/theories/$T/indicators/$N")"
cp "$WORK/body" "$WORK/chart.html"
expect_in "... an SVG line chart" '<svg class="chart" role="img"' "$WORK/chart.html"
expect_in "... with text" '<text x=' "$WORK/chart.html"
expect_in "... its cohort in words" "Pupils in Year 7 at Brookfield Academy" "$WORK/chart.html"
i=0
nonzero=0
for t in $(echo "$terms" | tr ' ' '_'); do
    from=${t%_*}
    to=${t#*_}
    page=$(figure_of "$WORK/chart.html" $i)
    cli=$(cli_figure "$from" "$to" --unsuppressed)
    expect_eq "term $((i + 1)) ($from to $to): the page's figure is the rates report's ($cli)" "$cli" "$page"
    [ "$cli" != "0.00" ] && [ "$cli" != "none" ] && nonzero=$((nonzero + 1))
    i=$((i + 1))
done
expect_eq "... the figures are not all zero" 1 "$([ $nonzero -gt 0 ] && echo 1 || echo 0)"
expect_in "... the command that prints it" "onroll report rates --year 2025/26 --by school,year_group --from" "$WORK/chart.html"
expect_eq "... the LA's unsuppressed read is audited" 1 "$(sql "select case when count(*) > 0 then 1 else 0 end from audit_log where action = 'report.unsuppressed' and detail like 'theory of change $T, indicator $N%'")"
expect_eq "the analyst's chart" 200 "$(get "$AN" "/theories/$T/indicators/$N")"
cp "$WORK/body" "$WORK/achart.html"
i=0
for t in $(echo "$terms" | tr ' ' '_'); do
    from=${t%_*}
    to=${t#*_}
    page=$(figure_of "$WORK/achart.html" $i | sed 's/^c (.*/c/')
    cli=$(cli_figure "$from" "$to")
    expect_eq "the analyst, term $((i + 1)): the suppressed report's figure ($cli)" "$cli" "$page"
    i=$((i + 1))
done
expect_eq "the chart as a file" 200 "$(get "$LA" "/theories/$T/indicators/$N/chart.svg")"
expect_in "... SVG" "Content-Type: image/svg+xml" "$WORK/headers"
expect_in "... standalone" 'xmlns="http://www.w3.org/2000/svg"' "$WORK/body"
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$WORK/body" 2>/dev/null
expect_eq "... well-formed XML" 0 $?
expect_eq "the theory as CSV" 200 "$(get "$LA" "/theories/$T/download")"
expect_in "... its items" "Restorative practice training for Year 7 tutors" "$WORK/body"
expect_in "... a formula guarded" "'=HYPERLINK" "$WORK/body"
expect_in "... what the activity feeds" "Reduction in number of fixed term exclusions" "$WORK/body"
expect_eq "the list as CSV" 200 "$(get "$LA" /theories/download)"
expect_in "... the theory" "Fewer suspensions in Year 7" "$WORK/body"

# ---- who may ----
expect_eq "a school may not see the LA's theory" 404 "$(get "$SA" "/theories/$T")"
expect_eq "... nor its indicator" 404 "$(get "$SA" "/theories/$T/indicators/$N")"
expect_eq "... nor its CSV" 404 "$(get "$SA" "/theories/$T/download")"
expect_eq "... the refusal audited" 1 "$(sql "select case when count(*) > 0 then 1 else 0 end from audit_log where action = 'denied' and detail = 'theory of change $T'")"
get "$SA" /theories/new >/dev/null
cp "$WORK/body" "$WORK/snew.html"
expect_not_in "a school is not offered the LA as owner" '<option value="0"' "$WORK/snew.html"
form_body "$WORK/snew.html" title="Not ours" owner=$S2 aim="An aim" >"$WORK/post"
expect_eq "a school may not start one for another school" 400 "$(post "$SA" /theories/new "$WORK/post")"
form_body "$WORK/snew.html" title="Brookfield's own" owner=$S1 aim="Children are well prepared for the next stage in their learning" >"$WORK/post"
expect_eq "a school starts its own" 303 "$(post "$SA" /theories/new "$WORK/post")"
T2=$(sql "select id from toc where owner_urn = $S1")
expect_eq "... it sees it" 200 "$(get "$SA" "/theories/$T2")"
expect_eq "another school may not see it" 404 "$(get "$SB" "/theories/$T2")"
expect_eq "... nor list it" 200 "$(get "$SB" /theories)"
expect_not_in "... not listed" "Brookfield" "$WORK/body"
get "$SB" /theories/new >/dev/null # Ashgrove's own CSRF token
form_body "$WORK/body" kind=mechanism body="Staff agreement on and buy-in to new processes" \
    >"$WORK/post"
expect_eq "another school may not add to it" 404 "$(post "$SB" "/theories/$T2/items/new" "$WORK/post")"
expect_eq "... nothing added" 1 "$(sql "select count(*) from toc_items where toc_id = $T2")"
expect_eq "the LA may see it" 200 "$(get "$LA" "/theories/$T2")"
expect_eq "an item of another theory through this one's path" 404 "$(get "$LA" "/theories/$T2/items/$OUT/edit")"
get "$SA" "/theories/$T2/indicators/new" >/dev/null
cp "$WORK/body" "$WORK/sind.html"
expect_not_in "a school's indicator is only for its own school" "<option value=\"$S2\"" "$WORK/sind.html"
expect_not_in "... nor the whole LA" "The whole local authority" "$WORK/sind.html"
expect_eq "the analyst lists theories" 200 "$(get "$AN" /theories)"
expect_not_in "... without a way to start one" 'href="/theories/new"' "$WORK/body"
expect_eq "the analyst may not start one" 403 "$(get "$AN" /theories/new)"
expect_eq "the analyst may not add an item" 403 "$(post "$AN" "/theories/$T/items/new" "$WORK/post")"

# ---- a workshop's theory of change (the workshops core's report hook) ----
get "$LA" /workshops/new >/dev/null
form_body "$WORK/body" title="Inclusion in Kestrel: staff" scope=staff held_on-day=8 \
    held_on-month=12 held_on-year=2026 mode=in_person >"$WORK/post"
expect_eq "the LA plans a workshop" 303 "$(post "$LA" /workshops/new "$WORK/post")"
W=$(sql "select id from workshops where title = 'Inclusion in Kestrel: staff'") # not the demo's
expect_eq "a theory of change from the workshop: the form" 200 "$(get "$LA" "/theories/new?workshop=$W")"
cp "$WORK/body" "$WORK/wnew.html"
expect_in "... names the workshop" "Inclusion in Kestrel: staff" "$WORK/wnew.html"
expect_not_in "... offers no school as owner of the LA's workshop's theory" "<option value=\"$S1\"" "$WORK/wnew.html"
form_body "$WORK/wnew.html" title="Staff session theory" owner=0 aim="Early identification of risk of exclusion" >"$WORK/post"
expect_eq "... started" 303 "$(post "$LA" /theories/new "$WORK/post")"
expect_eq "... the workshop's" "$W|0" "$(sql "select workshop_id, owner_urn from toc where title = 'Staff session theory'")"
T3=$(sql "select id from toc where title = 'Staff session theory'")
expect_eq "... its page names the workshop" 200 "$(get "$LA" "/theories/$T3")"
expect_in "... with a link" "href=\"/workshops/$W\"" "$WORK/body"
expect_eq "a school may not start one for the LA's workshop" 404 "$(get "$SA" "/theories/new?workshop=$W")"
expect_eq "the workshop's report" 200 "$(get "$LA" "/workshops/$W/report")"
expect_in "... the theory of change's section" "Theory of change" "$WORK/body"
expect_in "... the theory, linked" "href=\"/theories/$T3\">Staff session theory</a>" "$WORK/body"
expect_in "... its aim" "Early identification of risk of exclusion" "$WORK/body"
get "$LA" "/workshops/$W/participants/new" >/dev/null
form_body "$WORK/body" kind=guest name="Gail Guest" role="Youth worker" organisation="Kestrel Youth" \
    sector=youth >"$WORK/post"
expect_eq "a guest is added to the workshop" 200 "$(post "$LA" "/workshops/$W/participants/new" "$WORK/post")"
TOKEN=$(sed -n 's/.*id="guest-link" href="\/workshops\/join\/\([^"]*\)".*/\1/p' "$WORK/body")
GU=$WORK/guest.jar
get "$GU" "/workshops/join/$TOKEN" >/dev/null
form_body "$WORK/body" name="Gail G." >"$WORK/post"
expect_eq "... joins" 303 "$(post "$GU" "/workshops/join/$TOKEN" "$WORK/post")"
expect_eq "the guest reads the report" 200 "$(get "$GU" "/workshops/$W/report")"
expect_in "... the theory's words" "Staff session theory" "$WORK/body"
expect_not_in "... no link into the theories (no account)" "href=\"/theories/" "$WORK/body"
expect_not_in "... no figure" "per 100 pupils" "$WORK/body"
expect_eq "the guest's cookie does not open the theory (sign-in)" 303 "$(get "$GU" "/theories/$T3")"
expect_eq "... nor the list" 303 "$(get "$GU" /theories)"
expect_eq "... nor an indicator" 303 "$(get "$GU" "/theories/$T/indicators/$N")"

# ---- the workshop's commitments (energy for change) as activities ----
get "$LA" "/workshops/$W/ideas" >/dev/null
printf 'csrf_token=%s&framing=hmw&category=within-school&words=%s' "$(csrf_of "$WORK/body")" \
    "support+Year+7+tutors+with+restorative+practice%3F" >"$WORK/post"
expect_eq "the facilitator adds an idea" 303 "$(post "$LA" "/workshops/$W/ideas" "$WORK/post")"
IDEA=$(sql "select id from ideas where workshop_id = $W")
get "$LA" "/workshops/$W/ideas" >/dev/null
printf 'csrf_token=%s&tool=ideas&back=/workshops/%s/ideas' "$(csrf_of "$WORK/body")" "$W" >"$WORK/post"
expect_eq "... reveals the ideas" 303 "$(post "$LA" "/workshops/$W/reveal" "$WORK/post")"
get "$LA" "/workshops/$W/ideas" >/dev/null
printf 'csrf_token=%s' "$(csrf_of "$WORK/body")" >"$WORK/post"
expect_eq "... shows the results" 303 "$(post "$LA" "/workshops/$W/ideas/results" "$WORK/post")"
get "$LA" "/workshops/$W/ideas" >/dev/null
printf 'csrf_token=%s&idea=%s&owner=%s&due-day=26&due-month=3&due-year=2027&next_step=%s' \
    "$(csrf_of "$WORK/body")" "$IDEA" officer%40la.example.gov.uk \
    "Run+restorative+circles+training+for+Year+7+tutors" >"$WORK/post"
expect_eq "... records a commitment" 303 "$(post "$LA" "/workshops/$W/ideas/commitments" "$WORK/post")"
get "$LA" "/theories/$T3" >/dev/null
expect_in "the workshop's theory offers the import" "Import the workshop&#39;s commitments as activities" "$WORK/body"
form_body "$WORK/body" >"$WORK/post"
cp "$WORK/post" "$WORK/import"
get "$SA" /theories >/dev/null # Brookfield's own CSRF token
printf 'csrf_token=%s' "$(csrf_of "$WORK/body")" >"$WORK/post"
expect_eq "another school may not import into it" 404 "$(post "$SA" "/theories/$T3/import" "$WORK/post")"
expect_eq "the LA imports the commitments" 303 "$(post "$LA" "/theories/$T3/import" "$WORK/import")"
expect_eq "... an activity with its owner and date" "activity|Run restorative circles training for Year 7 tutors|2027-03-26" "$(sql "select kind, body, ends_on from toc_items where toc_id = $T3 and source like 'commitment:%'")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where detail = 'theory of change $T3: the commitments of workshop $W imported as activities'")"
get "$LA" "/theories/$T3" >/dev/null
expect_in "... shown as the workshop's" "A commitment of the workshop" "$WORK/body"
expect_eq "importing again" 303 "$(post "$LA" "/theories/$T3/import" "$WORK/import")"
expect_eq "... adds nothing twice" 1 "$(sql "select count(*) from toc_items where toc_id = $T3 and source like 'commitment:%'")"
expect_eq "a theory of no workshop has nothing to import" 404 "$(post "$LA" "/theories/$T/import" "$WORK/import")"

# ---- CSRF ----
printf 'kind=aim&body=No+token' >"$WORK/nocsrf"
expect_eq "a POST without the CSRF token is refused" 403 "$(post "$LA" "/theories/$T/items/new" "$WORK/nocsrf")"
expect_eq "... nothing added" 3 "$(sql "select count(*) from toc_items where toc_id = $T")"
finish
