#!/bin/sh
# test_lists2.sh - the worklists /referrals, /peps, /pupils and /schools on a real `onroll serve`
# over the LA of lists2_data.sh (dated back from today), driven with curl; each finding of
# issue 14 it fixes is named in its check:
#   - "the REU's dashboard says 73 referred while /referrals lists 2": every count shown on the
#     inbox (view_referral_counts, the function the dashboards use) is the length of the list
#     its link opens;
#   - "a referral's status reads 'Referral accepted or declined'": each status in words;
#   - "a literal <br> in referral updates";
#   - "/peps: 61 looked-after children with no school place uncounted (170 + 146 != 377);
#     children who never had a PEP not flagged": the PEP tiles add up to the total, with no
#     school place and never had a PEP counted, each tile the length of its list;
#   - "the pupil search's school filter wants a URN": a select of school names;
#   - scope: a school, a partner service and the Virtual School list only their own children
#     through any filter and through the CSV download (which is on the audit log).
# Expected values are worked out by hand from lists2_data.sh.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
export FORM_LISTS="*"
. tests/e2e/lists2_data.sh

# figures FILE: each key figure as "HREF|VALUE" (view_figures' markup)
figures() {
    python3 - "$1" <<'EOF'
import re, sys, html
s = open(sys.argv[1]).read()
for href, value in re.findall(r'onroll-figures__label"><a class="govuk-link" href="([^"]*)">.*?</a></dt>\s*<dd class="onroll-figures__value">([^<]*)</dd>', s, re.S):
    print(html.unescape(href) + "|" + value.replace(",", ""))
EOF
}
# rows FILE PATTERN: how many times PATTERN (an extended regex) occurs
rows() {
    grep -o -E "$2" "$1" | wc -l | tr -d ' '
}
# each_figure_lists JAR PAGE ROWPATTERN NAME: every figure of PAGE is the number of rows its link
# lists (all on one page: per_page=100)
each_figure_lists() {
    figures "$WORK/fig.html" >"$WORK/figs"
    [ -s "$WORK/figs" ] || fail "$4: the page has figures"
    while IFS='|' read -r href value; do
        case $href in *\?*) url="$href&per_page=100" ;; *) url="$href?per_page=100" ;; esac
        get "$1" "$url" >/dev/null
        expect_eq "$4: the figure $value links to a list of $value ($href)" "$value" \
            "$(rows "$WORK/body" "$3")"
    done <"$WORK/figs"
}

start_server
LA=$WORK/la.jar REU=$WORK/reu.jar EH=$WORK/eh.jar VS=$WORK/vs.jar NGJ=$WORK/ng.jar SFJ=$WORK/sf.jar
expect_eq "the LA officer signs in" 303 "$(sign_in "$LA" la@la.example.gov.uk "$PW")"
expect_eq "the REU signs in" 303 "$(sign_in "$REU" reu@la.example.gov.uk "$PW")"
expect_eq "early help signs in" 303 "$(sign_in "$EH" eh@la.example.gov.uk "$PW")"
expect_eq "the Virtual School signs in" 303 "$(sign_in "$VS" vs@la.example.gov.uk "$PW")"
expect_eq "Northgate signs in" 303 "$(sign_in "$NGJ" head@northgate.example.sch.uk "$PW")"
expect_eq "Southfield signs in" 303 "$(sign_in "$SFJ" head@southfield.example.sch.uk "$PW")"
REFROW='href="/referrals/[0-9]+/[^"?]+"'

# ---- /referrals: the REU's inbox ----
expect_eq "the REU's inbox" 200 "$(get "$REU" /referrals)"
cp "$WORK/body" "$WORK/fig.html"
# by hand: R1 new, R2 accepted, R3 declined (10 days ago), R4 allocated, R5 closed (5 days
# ago); R6 closed 100 days ago is past the 30 days a partner sees it; R7 is early help's
figures "$WORK/fig.html" >"$WORK/figs"
expect_eq "finding '73 referred, 2 listed': the inbox counts each status (new 1, accepted 1, declined 1, allocated 1, closed 1; 5 in all)" \
    "/referrals|5 /referrals?status=new|1 /referrals?status=accepted|1 /referrals?status=declined|1 /referrals?status=allocated|1 /referrals?status=closed|1" \
    "$(tr '\n' ' ' <"$WORK/figs" | sed 's/ $//')"
expect_eq "... and lists all 5 of them" 5 "$(rows "$WORK/fig.html" "$REFROW")"
each_figure_lists "$REU" /referrals "$REFROW" "finding '73 referred, 2 listed' (REU)"
get "$REU" /referrals >/dev/null
for w in New Accepted Declined Allocated Closed; do
    expect_in "finding 'Referral accepted or declined': the status '$w' in words" "\">$w</strong>" "$WORK/body"
done
expect_not_in "... never 'accepted or declined'" "accepted or declined" "$WORK/body"
expect_not_in "... no code on screen" "(reu)" "$WORK/body"
expect_in "the school's name, not its URN" "Southfield Primary School" "$WORK/body"
get "$REU" "/referrals?status=accepted" >/dev/null
expect_in "status=accepted lists Ben Quill" "Ben Quill" "$WORK/body"
expect_not_in "... and not Ada Price (new)" "Ada Price" "$WORK/body"
get "$REU" "/referrals?school=$SF" >/dev/null
expect_eq "school=Southfield: R4 and R5" 2 "$(rows "$WORK/body" "$REFROW")"
# the LA sees every service's, R6 too
expect_eq "the LA's referrals" 200 "$(get "$LA" /referrals)"
cp "$WORK/body" "$WORK/fig.html"
expect_eq "the LA: 7 referrals (R1 to R7)" 7 "$(rows "$WORK/fig.html" "$REFROW")"
each_figure_lists "$LA" /referrals "$REFROW" "counts agree (LA)"
get "$LA" "/referrals?service=early_help" >/dev/null
expect_eq "the LA: service=early_help lists R7 only" "1" "$(rows "$WORK/body" "$REFROW")"

# ---- scope: a partner sees only its own service's referrals, through any filter ----
get "$REU" "/referrals?service=early_help" >/dev/null
expect_not_in "scope: the REU asking for early help's referrals does not get Finn Xavier's" "Finn Xavier" "$WORK/body"
get "$REU" "/referrals?status=closed&per_page=100" >/dev/null
expect_not_in "scope: nor R6 (ended 100 days ago) among the closed" "Finn Xavier" "$WORK/body"
expect_eq "the REU's download" 200 "$(get "$REU" "/referrals/download?service=early_help")"
expect_not_in "scope: the download with service=early_help names no child of early help" "$P6" "$WORK/body"
expect_eq "the REU's whole download" 200 "$(get "$REU" "/referrals/download")"
expect_eq "... 5 referrals and its header" 6 "$(grep -c . "$WORK/body")"
expect_in "... status as its key" ",accepted" "$WORK/body"
expect_not_in "... none of another service" "$P6" "$WORK/body"
expect_eq "the download is on the audit log" 1 \
    "$(sql "SELECT count(*) FROM audit_log WHERE action = 'export' AND object = '/referrals/download' AND actor = 'reu@la.example.gov.uk'" | awk '{print ($1 >= 1)}')"
get "$EH" /referrals >/dev/null
expect_eq "early help sees its one referral" 1 "$(rows "$WORK/body" "$REFROW")"
expect_in "... Finn Xavier's" "Finn Xavier" "$WORK/body"
get "$EH" "/referrals?service=reu&per_page=100" >/dev/null
expect_not_in "scope: early help asking for the REU's sees none of them" "Ada Price" "$WORK/body"
expect_eq "a school has no inbox" 403 "$(get "$NGJ" /referrals)"
expect_eq "... nor its download" 403 "$(get "$NGJ" /referrals/download)"

# ---- one referral: the update's lines, and accepting from the inbox ----
expect_eq "the REU opens R4" 200 "$(get "$REU" "/referrals/$SF/R4")"
expect_in "R4's update names the lead worker" "Lead worker: sam.lee@reu.example.gov.uk" "$WORK/body"
expect_in "... and its notes" "Notes: First visit booked" "$WORK/body"
expect_not_in "finding 'a literal <br> in referral updates'" "&lt;br&gt;" "$WORK/body"
expect_in "R4's status in words" "Status: <strong class=\"govuk-tag govuk-tag--green\">Allocated</strong>" "$WORK/body"
get "$REU" "/referrals?status=new" >/dev/null
expect_in "the inbox links to R1" "href=\"/referrals/$NG/R1\"" "$WORK/body"
expect_eq "the REU opens R1 from its inbox" 200 "$(get "$REU" "/referrals/$NG/R1")"
cp "$WORK/body" "$WORK/r1.html"
expect_in "... status New" ">New</strong>" "$WORK/r1.html"
D=$(date +%d) M=$(date +%m) Y=$(date +%Y)
form_body "$WORK/r1.html" status=accepted "start-day=$D" "start-month=$M" "start-year=$Y" action=check >"$WORK/req"
expect_eq "check: accepted" 200 "$(post "$REU" "/referrals/$NG/R1" "$WORK/req")"
form_body "$WORK/body" action=save >"$WORK/req"
expect_eq "save: accepted" 303 "$(post "$REU" "/referrals/$NG/R1" "$WORK/req")"
expect_eq "R1 after acceptance" 200 "$(get "$REU" "/referrals/$NG/R1?recorded=accepted")"
expect_in "... Step recorded: Referral accepted" "Step recorded: Referral accepted." "$WORK/body"
expect_in "... status Accepted" "Status: <strong class=\"govuk-tag govuk-tag--turquoise\">Accepted</strong>" "$WORK/body"
get "$REU" "/referrals?status=accepted" >/dev/null
expect_in "R1 has moved to accepted in the inbox" "Ada Price" "$WORK/body"
get "$REU" /referrals >/dev/null
figures "$WORK/body" >"$WORK/figs"
expect_in "... the figures: accepted 2" "/referrals?status=accepted|2" "$WORK/figs"
expect_in "... new 0" "/referrals?status=new|0" "$WORK/figs"

# ---- /peps: the Virtual School ----
PEPROW='href="/pupils/[A-Z0-9]+/plans#pep"'
expect_eq "the Virtual School's PEPs" 200 "$(get "$VS" /peps)"
cp "$WORK/body" "$WORK/fig.html"
figures "$WORK/fig.html" >"$WORK/figs"
# by hand: current C1 C5, due C2 C7, overdue C3, never C4 C6: 7; no school place C5 C6 C7
expect_eq "finding '170 + 146 != 377': the PEP figures by hand" \
    "/peps|7 /peps?status=current|2 /peps?status=due|2 /peps?status=overdue|1 /peps?status=never|2 /peps?place=none|3" \
    "$(tr '\n' ' ' <"$WORK/figs" | sed 's/ $//')"
sum=$(grep 'status=' "$WORK/figs" | cut -d'|' -f2 | paste -sd+ | bc)
expect_eq "... the statuses add up to the total" "$(grep '^/peps|' "$WORK/figs" | cut -d'|' -f2)" "$sum"
each_figure_lists "$VS" /peps "$PEPROW" "PEP tiles"
get "$VS" "/peps?place=none" >/dev/null
for n in "Kim Pope" "Leo Dale" "Mia Todd"; do
    expect_in "finding '61 with no school place uncounted': $n is listed with no school place" "$n" "$WORK/body"
done
expect_in "... said in words" "No school place" "$WORK/body"
get "$VS" "/peps?status=never" >/dev/null
expect_in "finding 'never had a PEP not flagged': Jack Ash" "Jack Ash" "$WORK/body"
expect_in "... Leo Dale" "Leo Dale" "$WORK/body"
expect_in "... flagged in words" "Never had a PEP" "$WORK/body"
get "$VS" "/peps?status=never&place=none" >/dev/null
expect_eq "both filters: Leo Dale only" 1 "$(rows "$WORK/body" "$PEPROW")"
get "$VS" "/peps?school=$NG&per_page=100" >/dev/null
expect_eq "school=Northgate: C1 to C4" 4 "$(rows "$WORK/body" "$PEPROW")"
expect_eq "the PEPs download" 200 "$(get "$VS" "/peps/download")"
expect_eq "... 7 children and the header" 8 "$(grep -c . "$WORK/body")"
expect_not_in "... not Ned Gray (not looked after)" "$NL" "$WORK/body"
expect_in "... the status as its key" ",never," "$WORK/body"
expect_eq "a school has no PEP list" 403 "$(get "$NGJ" /peps)"
expect_eq "... nor its download" 403 "$(get "$NGJ" /peps/download)"

# ---- /pupils: the school by name ----
expect_eq "the LA's pupil search" 200 "$(get "$LA" /pupils)"
expect_in "finding 'the school filter wants a URN': a select of school names" "<option value=\"$NG\">Northgate Academy</option>" "$WORK/body"
expect_not_in "... no URN to type" "School URN" "$WORK/body"
PUPROW='href="/pupils/[A-Z0-9]+"'
get "$LA" "/pupils?school=$NG&per_page=100" >/dev/null
expect_in "school=Northgate: Ada Price" "Ada Price" "$WORK/body"
expect_not_in "... not Dev Upton (Southfield)" "Dev Upton" "$WORK/body"
get "$LA" "/pupils?q=$P4" >/dev/null
expect_in "q matches a UPN" "Dev Upton" "$WORK/body"
get "$LA" "/pupils?q=upton" >/dev/null
expect_in "q matches a name" "Dev Upton" "$WORK/body"
expect_eq "the LA's pupils download" 200 "$(get "$LA" "/pupils/download?school=$SF")"
expect_in "... Southfield's pupils" "$P4" "$WORK/body"
expect_not_in "... only" "$P1" "$WORK/body"
expect_eq "the pupils download is on the audit log" 1 \
    "$(sql "SELECT count(*) FROM audit_log WHERE action = 'export' AND object = '/pupils/download'" | awk '{print ($1 >= 1)}')"
get "$SFJ" "/pupils?school=$NG&per_page=100" >/dev/null
expect_not_in "scope: Southfield asking for Northgate's pupils gets none" "Ada Price" "$WORK/body"
get "$SFJ" "/pupils?q=Ada" >/dev/null
expect_not_in "scope: ... nor by name" "Ada Price" "$WORK/body"
get "$SFJ" "/pupils/download?school=$NG" >/dev/null
expect_not_in "scope: ... nor through the download" "$P1" "$WORK/body"
get "$SFJ" "/pupils/download" >/dev/null
expect_not_in "scope: Southfield's whole download has none of Northgate's" "$C1" "$WORK/body"
expect_in "... but its own" "$P4" "$WORK/body"
get "$REU" "/pupils/download?per_page=100" >/dev/null
expect_not_in "scope: the REU's pupils download has no looked-after child" "$C1" "$WORK/body"
expect_not_in "... nor Finn Xavier (ended 100 days ago; early help's)" "$P6" "$WORK/body"

# ---- /schools ----
expect_eq "the LA's schools" 200 "$(get "$LA" /schools)"
expect_in "Northgate listed" "Northgate Academy" "$WORK/body"
expect_in "... its phase in words" "Secondary" "$WORK/body"
get "$LA" "/schools?q=north" >/dev/null
expect_in "q=north: Northgate" "Northgate Academy" "$WORK/body"
expect_not_in "... not Southfield" "Southfield Primary School" "$WORK/body"
get "$LA" "/schools?concern=1" >/dev/null
expect_not_in "concern=1: no school of concern here" "Northgate Academy" "$WORK/body"
expect_eq "the schools download" 200 "$(get "$LA" /schools/download)"
expect_eq "... 2 schools and the header" 3 "$(grep -c . "$WORK/body")"
expect_eq "a school has no schools list" 403 "$(get "$NGJ" /schools)"
finish
