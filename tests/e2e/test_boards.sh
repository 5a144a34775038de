#!/bin/sh
# test_boards.sh - the workshop boards end to end (issue 19 parts 2-4; board_web.h, migration
# 036, docs/workshop-boards.md), on a real server through curl. The attacks first: a guest of
# workshop B can neither read nor write workshop A's boards, nor reach A's cards through B's;
# another participant's draft is invisible (page, card page, drawing, downloads, report) and
# untouchable until the facilitator reveals; a POST without the form's token is refused; a
# participant may not change another's card after the reveal nor say how well players work
# together. Then the work: players from the LA's list (the toolkit's) and new ones, rings,
# connections and who depends on whom counted as worked out by hand, the facilitator's
# strength, the iceberg's notes by level with a link across levels (one within a level refused)
# and an "intervene here" mark, the notes per question, the downloads (SVG well-formed, CSV
# guarded, PDF), and the report's sections.
#
# The LA is test_offrolling's (tests/e2e/offroll/).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
O=$(pwd)/tests/e2e/offroll
"$ONROLL" init >/dev/null 2>&1
expect_status "the hand-made LA imports" 0 "$ONROLL" import "$O/schools.csv" "$O/calendar.csv" \
    "$O/pupils.csv" "$O/enrolments.csv" "$O/events.csv" "$O/suspensions.csv"
printf '%s\n' kestrel-river-41 | "$ONROLL" user add officer@la.example.gov.uk --name "Olu Officer" \
    --role la_officer --password-stdin >/dev/null 2>&1
expect_eq "the facilitator's account" 0 $?
start_server
LA=$WORK/la.jar
G1=$WORK/g1.jar
G2=$WORK/g2.jar
GB=$WORK/gb.jar
expect_eq "the facilitator signs in" 303 "$(sign_in "$LA" officer@la.example.gov.uk kestrel-river-41)"

# ---- two workshops, two guests in A and one in B ----
get "$LA" /workshops/new >/dev/null
cp "$WORK/body" "$WORK/new.html"
plan() { # TITLE
    form_body "$WORK/new.html" title="$1" scope=whole_system held_on-day=8 held_on-month=12 \
        held_on-year=2026 mode=in_person >"$WORK/post"
    post "$LA" /workshops/new "$WORK/post"
}
expect_eq "workshop A planned" 303 "$(plan "Boards A")"
expect_eq "workshop B planned" 303 "$(plan "Boards B")"
A=$(sql "select id from workshops where title = 'Boards A'")
BW=$(sql "select id from workshops where title = 'Boards B'")
guest() { # WORKSHOP NAME ROLE JAR: a guest added, joined; the jar holds their cookie
    get "$LA" "/workshops/$1/participants/new" >/dev/null
    form_body "$WORK/body" kind=guest name="$2" role="$3" organisation="Kestrel" sector=youth \
        >"$WORK/post"
    post "$LA" "/workshops/$1/participants/new" "$WORK/post" >/dev/null
    tok=$(sed -n 's/.*id="guest-link" href="\/workshops\/join\/\([^"]*\)".*/\1/p' "$WORK/body")
    rm -f "$4"
    get "$4" "/workshops/join/$tok" >/dev/null
    form_body "$WORK/body" name="$2" >"$WORK/post"
    post "$4" "/workshops/join/$tok" "$WORK/post"
}
expect_eq "guest 1 joins A" 303 "$(guest "$A" "Gail Guest" "Youth worker" "$G1")"
expect_eq "guest 2 joins A" 303 "$(guest "$A" "Hari Guest" "School nurse" "$G2")"
expect_eq "a guest joins B" 303 "$(guest "$BW" "Bo Guest" "Parent" "$GB")"
csrf() { # JAR PATH: the page's form token
    get "$1" "$2" >/dev/null
    csrf_of "$WORK/body"
}
T1=$(csrf "$G1" "/workshops/$A/map")
T2=$(csrf "$G2" "/workshops/$A/map")
TB=$(csrf "$GB" "/workshops/$BW/map")
TL=$(csrf "$LA" "/workshops/$A/map")
send() { # JAR PATH BODY: a form posted; prints the status
    printf '%s' "$3" >"$WORK/post"
    post "$1" "$2" "$WORK/post"
}

# ---- the attacks, before anything works ----
expect_eq "B's guest cannot read A's map" 404 "$(get "$GB" "/workshops/$A/map")"
expect_eq "... nor A's iceberg" 404 "$(get "$GB" "/workshops/$A/iceberg")"
expect_eq "... nor download A's map" 404 "$(get "$GB" "/workshops/$A/map/download?format=csv")"
expect_eq "... nor add to it" 404 "$(send "$GB" "/workshops/$A/map" "csrf_token=$TB&action=add&text=Mallory&type=other&place=1")"
expect_eq "... nothing stored" 0 "$(sql "select count(*) from board_cards")"
expect_eq "nobody signed in: a page offering to sign in" 403 "$(curl -s -o /dev/null -w '%{http_code}' "$B/workshops/$A/map")"
expect_eq "a POST without the form's token is refused (CSRF)" 403 "$(send "$G1" "/workshops/$A/map" "action=add&text=Kestrel+Youth+Hub&type=voluntary&place=2")"
expect_eq "... nothing stored" 0 "$(sql "select count(*) from board_cards")"

# ---- drafting: private ----
C0=$(sql "select changes from workshops where id = $A")
expect_eq "guest 1 adds a new player" 303 "$(send "$G1" "/workshops/$A/map" "csrf_token=$T1&action=add&text=Kestrel+Youth+Hub&type=voluntary&place=2")"
expect_eq "... stored as theirs" "map|Kestrel Youth Hub|2|voluntary" "$(sql "select tool, text, place, kind from board_cards")"
expect_eq "... audited" 1 "$(sql "select count(*) from audit_log where action = 'change' and detail like 'workshop $A map: player added: Kestrel Youth Hub (ring 2)%'")"
expect_eq "... the change counted (open pages follow it)" $((C0 + 1)) "$(sql "select changes from workshops where id = $A")"
expect_eq "... a guest's new player does not join the LA's list" 0 "$(sql "select count(*) from board_players where name = 'Kestrel Youth Hub'")"
H=$(sql "select id from board_cards where text = 'Kestrel Youth Hub'")
get "$G1" "/workshops/$A/map" >/dev/null
expect_in "guest 1 sees their draft" "Kestrel Youth Hub" "$WORK/body"
expect_in "... drawn as text" "Kestrel Youth Hub</text>" "$WORK/body"
get "$G2" "/workshops/$A/map" >/dev/null
expect_not_in "guest 2 does not see it before the reveal" "Kestrel Youth Hub" "$WORK/body"
expect_in "... and is told why" "Only you can see your answers until the facilitator reveals them" "$WORK/body"
get "$LA" "/workshops/$A/map" >/dev/null
expect_not_in "... nor does the facilitator" "Kestrel Youth Hub" "$WORK/body"
expect_eq "guest 2 cannot open it" 404 "$(get "$G2" "/workshops/$A/map/cards/$H")"
expect_eq "... nor change it" 404 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=update&card=$H&text=Mallory&type=other&place=1")"
expect_eq "... nor remove it" 404 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=delete&card=$H")"
get "$G2" "/workshops/$A/map/download?format=csv" >/dev/null
expect_not_in "... nor download it" "Kestrel Youth Hub" "$WORK/body"
get "$G2" "/workshops/$A/map/download?format=svg" >/dev/null
expect_not_in "... nor in the drawing" "Kestrel Youth Hub" "$WORK/body"
expect_eq "B's guest cannot reach A's card through B's board" 404 "$(send "$GB" "/workshops/$BW/map" "csrf_token=$TB&action=update&card=$H&text=Mallory&type=other&place=1")"
expect_eq "... nor remove it" 404 "$(send "$GB" "/workshops/$BW/map" "csrf_token=$TB&action=delete&card=$H")"
expect_eq "... the card unchanged" "Kestrel Youth Hub|2" "$(sql "select text, place from board_cards where id = $H")"
expect_eq "the refusals are audited" 1 "$(sql "select count(*) from audit_log where action = 'denied' and detail like 'workshop $BW map: a card they cannot see%'" | awk '{print ($1 >= 1)}')"

# ---- the form's checks ----
expect_eq "a player neither from the list nor typed is refused" 400 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=add&place=1")"
expect_in "... said so" "Select a player from the list, or type a new player&#39;s name" "$WORK/body"
expect_eq "a ring that is not one is refused" 400 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=add&player=families&place=4")"
expect_in "... said so" "Select the ring" "$WORK/body"
get "$G2" "/workshops/$A/map" >/dev/null
expect_in "the LA's list offers the toolkit's players" '<option value="charities / voluntary sector">' "$WORK/body"
expect_eq "guest 2 adds families from the list" 303 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=add&player=families&place=1")"
expect_eq "... with the list's type" "families|1|family" "$(sql "select text, place, kind from board_cards where author like 'guest:%' and text = 'families'")"
expect_eq "... and CAMHS" 303 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=add&player=CAMHS&place=2")"
F=$(sql "select id from board_cards where text = 'families'")
CA=$(sql "select id from board_cards where text = 'CAMHS'")
expect_eq "guest 2 links their families to their CAMHS" 303 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=link&card=$F&to=$CA&kind=depends_on")"
expect_eq "... not to guest 1's draft (not theirs to see)" 400 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=link&card=$F&to=$H&kind=depends_on")"
expect_eq "... a link stored" 1 "$(sql "select count(*) from board_links")"
expect_eq "the facilitator adds a new player (joins the LA's list)" 303 "$(send "$LA" "/workshops/$A/map" "csrf_token=$TL&action=add&text=School+nurse&type=health&place=1")"
expect_eq "... in the list" "School nurse|health|0" "$(sql "select name, type, seeded from board_players where name_key = 'school nurse'")"
expect_eq "the toolkit's fifteen players are seeded" 15 "$(sql "select count(*) from board_players where seeded = 1")"

# ---- the reveal ----
printf 'csrf_token=%s&tool=map&back=/workshops/%s/map' "$TL" "$A" >"$WORK/post"
expect_eq "the facilitator reveals the map" 303 "$(post "$LA" "/workshops/$A/reveal" "$WORK/post")"
get "$G2" "/workshops/$A/map" >/dev/null
cp "$WORK/body" "$WORK/map2.html"
expect_in "guest 2 now sees guest 1's player" "Kestrel Youth Hub" "$WORK/map2.html"
expect_in "... the map says it is revealed" "Everyone can see everyone's answers" "$WORK/map2.html"
expect_eq "guest 2 still cannot change guest 1's player" 403 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=update&card=$H&text=Mallory&type=other&place=1")"
expect_eq "... nor remove it" 403 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=delete&card=$H")"
expect_eq "... nor open it" 404 "$(get "$G2" "/workshops/$A/map/cards/$H")"
expect_eq "guest 2's families now depend on guest 1's hub too" 303 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=link&card=$F&to=$H&kind=depends_on")"
expect_eq "guest 1's hub depends on CAMHS" 303 "$(send "$G1" "/workshops/$A/map" "csrf_token=$T1&action=link&card=$H&to=$CA&kind=depends_on")"
expect_eq "... and works with the families" 303 "$(send "$G1" "/workshops/$A/map" "csrf_token=$T1&action=link&card=$H&to=$F&kind=works_with")"
expect_eq "the same link again is refused" 400 "$(send "$G1" "/workshops/$A/map" "csrf_token=$T1&action=link&card=$H&to=$F&kind=works_with")"
expect_in "... said so" "linked that way already" "$WORK/body"
L1=$(sql "select id from board_links where from_card = $F and to_card = $CA")
expect_eq "a guest may not say how well" 403 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=strength&link=$L1&strength-$L1=poorly&card=$F")"
expect_eq "the facilitator does" 303 "$(send "$LA" "/workshops/$A/map" "csrf_token=$TL&action=strength&link=$L1&strength-$L1=poorly&card=$F")"
expect_eq "... stored" poorly "$(sql "select strength from board_links where id = $L1")"
expect_eq "a strength that is not one is refused" 400 "$(send "$LA" "/workshops/$A/map" "csrf_token=$TL&action=strength&link=$L1&strength-$L1=brilliant&card=$F")"
# By hand: families depend on CAMHS and the hub (2), the hub depends on CAMHS (1) and works with
# the families; CAMHS is depended on by families and the hub (2), the hub by families (1).
get "$G1" "/workshops/$A/map" >/dev/null
python3 - "$WORK/body" >"$WORK/counts" <<'PY'
import re, sys, html
s = open(sys.argv[1], encoding="utf-8").read()
t = s[s.index("id=\"dependence\""):]
t = t[:t.index("</table>")]
for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", t, re.S)[1:]:
    cells = [html.unescape(re.sub("<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
    print("|".join(cells))
PY
cat >"$WORK/want" <<TXT
CAMHS|0||2|families; Kestrel Youth Hub|0
Kestrel Youth Hub|1|CAMHS|1|families|1
families|2|CAMHS; Kestrel Youth Hub|0||1
School nurse|0||0||0
TXT
expect_same_file "who depends on whom, as counted by hand" "$WORK/want" "$WORK/counts"
expect_eq "the facilitator changes guest 1's ring once revealed" 303 "$(send "$LA" "/workshops/$A/map" "csrf_token=$TL&action=update&card=$H&text=Kestrel+Youth+Hub&type=voluntary&place=3")"
expect_eq "... stored" 3 "$(sql "select place from board_cards where id = $H")"

# ---- downloads ----
expect_eq "guest 1 adds a player whose name a spreadsheet would run" 303 "$(send "$G1" "/workshops/$A/map" "csrf_token=$T1&action=add&text=%3DHYPERLINK(%22http%3A%2F%2Fx%22)&type=other&place=3")"
expect_eq "the CSV" 200 "$(get "$G1" "/workshops/$A/map/download?format=csv")"
cp "$WORK/body" "$WORK/map.csv"
expect_in "... guarded" "'=HYPERLINK" "$WORK/map.csv"
expect_not_in "... no cell starts with =" ',=HYPERLINK' "$WORK/map.csv"
expect_in "... its links" "link," "$WORK/map.csv"
expect_in "... as an attachment" "workshop-$A-map.csv" "$WORK/headers"
expect_eq "... audited as an export" 1 "$(sql "select count(*) from audit_log where action = 'export' and detail like 'workshop $A map as csv:%'" | awk '{print ($1 >= 1)}')"
expect_eq "the SVG" 200 "$(get "$G1" "/workshops/$A/map/download?format=svg")"
cp "$WORK/body" "$WORK/map.svg"
expect_eq "... well-formed, with the players as text" ok "$(python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
t = [x.text for x in r.iter('{http://www.w3.org/2000/svg}text')]
print('ok' if 'Kestrel Youth Hub' in t and 'CAMHS' in t else t)" "$WORK/map.svg")"
expect_eq "a format that is not one" 400 "$(get "$G1" "/workshops/$A/map/download?format=docx")"
if [ -x "${ONROLL_CHROMIUM:-/usr/bin/chromium}" ]; then
    expect_eq "the PDF" 200 "$(get "$G1" "/workshops/$A/map/download?format=pdf")"
    expect_eq "... is one" "%PDF" "$(head -c 4 "$WORK/body")"
else
    echo "skipped: the PDF (no Chromium)"
fi

# ---- removing ----
expect_eq "guest 2 removes their families" 303 "$(send "$G2" "/workshops/$A/map" "csrf_token=$T2&action=delete&card=$F")"
expect_eq "... with its links" 0 "$(sql "select count(*) from board_links where from_card = $F or to_card = $F")"

# ---- the iceberg ----
I1=$(csrf "$G1" "/workshops/$A/iceberg")
expect_in "the iceberg's levels, verbatim" "Behavioural Patterns &amp; Incentives" "$WORK/body"
expect_in "... its prompts" "What is causing the pattern we are observing?" "$WORK/body"
expect_in "... its five questions" "What opportunities exist to intervene and at what level?" "$WORK/body"
expect_eq "guest 1 adds a barrier at level 3, to intervene" 303 "$(send "$G1" "/workshops/$A/iceberg" "csrf_token=$I1&action=add&text=CAMHS+waiting+lists&place=3&side=barrier&intervene=yes")"
expect_eq "... and a pattern" 303 "$(send "$G1" "/workshops/$A/iceberg" "csrf_token=$I1&action=add&text=More+managed+moves&place=2&side=barrier")"
expect_eq "... and another at level 3" 303 "$(send "$G1" "/workshops/$A/iceberg" "csrf_token=$I1&action=add&text=Funding+by+place&place=3&side=driver")"
N3=$(sql "select id from board_cards where text = 'CAMHS waiting lists'")
N2=$(sql "select id from board_cards where text = 'More managed moves'")
N3b=$(sql "select id from board_cards where text = 'Funding by place'")
expect_eq "... stored" "iceberg|3|barrier|1" "$(sql "select tool, place, kind, intervene from board_cards where id = $N3")"
expect_eq "a link across levels" 303 "$(send "$G1" "/workshops/$A/iceberg" "csrf_token=$I1&action=link&card=$N2&to=$N3")"
expect_eq "... one within a level is refused" 400 "$(send "$G1" "/workshops/$A/iceberg" "csrf_token=$I1&action=link&card=$N3b&to=$N3")"
expect_in "... said so" "Both notes are at level 3; a link goes across levels" "$WORK/body"
expect_eq "a level that is not one is refused" 400 "$(send "$G1" "/workshops/$A/iceberg" "csrf_token=$I1&action=add&text=x&place=5&side=driver")"
get "$G2" "/workshops/$A/iceberg" >/dev/null
expect_not_in "guest 2 does not see guest 1's notes before the reveal" "CAMHS waiting lists" "$WORK/body"
expect_eq "the report before the iceberg's reveal" 200 "$(get "$LA" "/workshops/$A/report")"
cp "$WORK/body" "$WORK/report.html"
expect_in "... the map's players" "Kestrel Youth Hub" "$WORK/report.html"
expect_in "... the iceberg not shown" "The iceberg has not been revealed" "$WORK/report.html"
expect_not_in "... nor its drafts" "CAMHS waiting lists" "$WORK/report.html"
TI=$(csrf "$LA" "/workshops/$A/iceberg")
printf 'csrf_token=%s&tool=iceberg&back=/workshops/%s/iceberg' "$TI" "$A" >"$WORK/post"
expect_eq "the facilitator reveals the iceberg" 303 "$(post "$LA" "/workshops/$A/reveal" "$WORK/post")"
get "$G2" "/workshops/$A/iceberg" >/dev/null
expect_in "guest 2 sees the notes" "CAMHS waiting lists" "$WORK/body"
expect_in "... where to intervene" "CAMHS waiting lists (level 3, Underlying Structures, barrier)" "$WORK/body"
expect_in "... the link" "More managed moves, level 2, linked to CAMHS waiting lists, level 3" "$WORK/body"
expect_eq "the facilitator notes question 5" 303 "$(send "$LA" "/workshops/$A/iceberg" "csrf_token=$TI&action=notes&q5=At+level+3%3A+waiting+lists")"
expect_eq "... stored as the workshop's note" "iceberg|5|At level 3: waiting lists" "$(sql "select tool, question, note from workshop_notes where workshop = $A and tool = 'iceberg'")"
get "$G2" "/workshops/$A/iceberg" >/dev/null
expect_in "... shown to the participants" "At level 3: waiting lists" "$WORK/body"
expect_eq "a guest may not write the notes" 403 "$(send "$G2" "/workshops/$A/iceberg" "csrf_token=$T2&action=notes&q1=x")"
expect_eq "the report after" 200 "$(get "$LA" "/workshops/$A/report")"
expect_in "... the iceberg's notes" "CAMHS waiting lists" "$WORK/body"
finish
