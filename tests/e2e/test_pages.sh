#!/bin/sh
# test_pages.sh - the dashboard, school, pupils and pupil pages end to end: a real `onroll serve`
# on 127.0.0.1 (a free port) over the demo LA (20 schools, 4,000 pupils, as of 2026-11-24) with
# its demo accounts, driven with curl.
#
#   - data sharing: the demo's sources are dated 2026-10-01 (so every school has gone quiet),
#     then one school sends a suspension through the MIS API: the LA sees that school up to
#     date by "MIS API" and the others "Not sharing", and the suspension among the new ones;
#   - LA officer: the dashboard's sections, its counts equal to `onroll duties` and `onroll
#     risk` as of today, the funnel plot; a suspended pupil's page: timeline with provenance,
#     risk flags with the facts that fired them (as `onroll risk` words them), duties with
#     dates, attendance;
#   - scope: a school sees its own pupil (200) and not another school's (404), its dashboard is
#     its school page; a social worker sees a child on their caseload (200) and no other (404);
#     the analyst no pupil's record (403) and a dashboard that names no child; Virtual School,
#     youth justice and partner dashboards; the pupils search;
#   - every view of a pupil's record wrote one audit row (sqlite, and GET /admin/audit);
#   - the latency of the dashboard (first and cached) and of a pupil's page (curl time_total).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi


# The text of a page without its tags (for sentences split across elements).
text_of() {
    python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(?s)<(svg|script|style|head)\b.*?</\1>", " ", s)
print(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s))))' "$1"
}

# A key figure of the dashboard: the number shown under a label (view_figures).
figure() {
    python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for dt, dd in re.findall(r"(?s)<dt class=\"onroll-figures__label\">(.*?)</dt>\s*<dd class=\"onroll-figures__value\">(.*?)</dd>", s):
    if re.sub(r"<[^>]+>", "", dt) == sys.argv[2]:
        print(dd)' "$WORK/body" "$1"
}

# ---- the demo LA ----
TODAY=$(date +%Y-%m-%d)
"$ONROLL" demo --schools 20 --pupils 4000 --as-of 2026-11-24 >"$WORK/demo.out" 2>&1
expect_eq "demo LA created" 0 $?
account() { awk -v r="$1" '$1 == r { print $2 " " $4 }' "$WORK/demo.out"; }
LA=$(account la_officer)
ADMIN=$(account la_admin)
SCHOOL=$(account school)
SW=$(account social_worker)
ANALYST=$(account analyst)
VS=$(account virtual_school)
YJ=$(account youth_justice)
PARTNER=$(account partner)
URN=$(awk '$1 == "school" { print $3 }' "$WORK/demo.out")
SW_EMAIL=${SW%% *}
if [ -z "$LA" ] || [ -z "$URN" ] || [ -z "$SW" ]; then
    fail "the demo prints its accounts" "$(cat "$WORK/demo.out")"
    finish
    exit 1
fi

# Every school went quiet on 1 October (the demo's sources, backdated)...
sql "UPDATE sources SET received_at = '2026-10-01T09:00:00Z'"
# ...then the school of the demo's school account sends a suspension through the MIS API, for
# a pupil on its roll with no event yet.
NEW_UPN=$(sql "SELECT upn FROM enrolments WHERE urn = $URN AND reg_type = 'main' AND end_date IS NULL
    AND upn NOT IN (SELECT upn FROM events) ORDER BY upn LIMIT 1")
OTHER_URN=$(sql "SELECT urn FROM schools WHERE urn <> $URN ORDER BY urn LIMIT 1")
OTHER_UPN=$(sql "SELECT upn FROM enrolments WHERE urn = $OTHER_URN AND upn NOT IN
    (SELECT upn FROM enrolments WHERE urn = $URN) ORDER BY upn LIMIT 1")
CASE_UPN=$(sql "SELECT upn FROM caseload WHERE lower(worker) = lower('$SW_EMAIL')
    AND role = 'social_worker' AND end_date IS NULL ORDER BY upn LIMIT 1")
NOT_CASE_UPN=$(sql "SELECT upn FROM pupil_snapshots WHERE upn NOT IN (SELECT upn FROM caseload)
    ORDER BY upn LIMIT 1")
TOKEN=$("$ONROLL" user token "$URN" 2>/dev/null)

start_server

ev="[{\"event_id\":\"PAGES-1\",\"upn\":\"$NEW_UPN\",\"urn\":\"$URN\",\"type\":\"suspension\",\"start\":\"2026-11-23\",\"sessions\":\"2\",\"reasons\":\"PA\"}]"
expect_eq "a school sends a suspension through the MIS API" 200 "$(curl -s -o "$WORK/api" \
    -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data-binary "$ev" "$B/api/v1/events")"
NEW_NAME=$(sql "SELECT forename || ' ' || surname FROM pupil_snapshots WHERE upn = '$NEW_UPN'
    ORDER BY as_of DESC, id DESC LIMIT 1")
SCHOOL_NAME=$(sql "SELECT name FROM schools WHERE urn = $URN")

# ---- the LA officer's dashboard ----
L=$WORK/la.jar
expect_eq "LA officer signs in" 303 "$(sign_in "$L" $LA)"
expect_eq "dashboard" 200 "$(get "$L" /dashboard)"
T_DASH_COLD=$(cat "$WORK/time")
cp "$WORK/body" "$WORK/dashboard.html"
text_of "$WORK/dashboard.html" >"$WORK/dashboard.txt"
expect_eq "dashboard again (cached)" 200 "$(get "$L" /dashboard)"
T_DASH_WARM=$(cat "$WORK/time")
for h in 'id="new">New suspensions and exclusions' 'id="duties">Duties due and overdue' \
    'id="risk">Children at risk' 'id="schools">Schools of concern' 'id="sharing">Data sharing'; do
    expect_in "dashboard section: ${h#*>}" "$h" "$WORK/dashboard.html"
done
expect_in "dashboard: since the last visit (first visit: 7 days)" "This is your first visit" "$WORK/dashboard.txt"
expect_in "... the suspension sent by the API is new" "/pupils/$NEW_UPN" "$WORK/dashboard.html"
expect_in "... named" "$NEW_NAME" "$WORK/dashboard.txt"
expect_eq "... and it is the only new one (the rest arrived in October)" 1 "$(figure 'New suspensions and exclusions')"

"$ONROLL" duties --as-of "$TODAY" --format csv >"$WORK/duties.csv"
"$ONROLL" risk --as-of "$TODAY" --format csv >"$WORK/risk.csv"
want_over=$(python3 -c 'import csv,sys; print(sum(r["status"] == "overdue" for r in csv.DictReader(open(sys.argv[1]))))' "$WORK/duties.csv")
want_soon=$(python3 -c '
import csv, sys, datetime
t = datetime.date.fromisoformat(sys.argv[2])
print(sum(r["status"] == "open" and r["due"] != "" and datetime.date.fromisoformat(r["due"]) <= t + datetime.timedelta(days=7)
          for r in csv.DictReader(open(sys.argv[1]))))' "$WORK/duties.csv" "$TODAY")
want_risk=$(python3 -c 'import csv,sys; print(len({r["upn"] for r in csv.DictReader(open(sys.argv[1]))}))' "$WORK/risk.csv")
expect_eq "duties overdue: as onroll duties counts them" "$want_over" "$(figure 'Duties overdue')"
expect_eq "duties due in the next 7 days: as onroll duties" "$want_soon" "$(figure 'Duties due in the next 7 days')"
# issue 14: the dashboard counts children at high risk, and says how many have any indicator
expect_in "children at risk: as onroll risk counts them" "$want_risk with any indicator" "$WORK/dashboard.txt"
high=$(figure 'Children at high risk')
expect_eq "... those at high risk are some of them" 1 "$(python3 -c "print(int(0 < ${high:-0} <= $want_risk))")"
# issue 14: overdue duties counted by rule (each count a link to its list), not listed one by one
expect_in "dashboard: overdue duties counted by rule" "Duties by rule, the most overdue first" "$WORK/dashboard.html"
expect_in "dashboard: children at risk listed" "Children with the most indicators" "$WORK/dashboard.html"
expect_in "dashboard: the funnel plot, an accessible image" '<svg class="chart" role="img"' "$WORK/dashboard.html"
expect_in "... named by its title" '<title id="funnel-title">Funnel plot' "$WORK/dashboard.html"
expect_in "... and the figures behind it" "Figures for every school" "$WORK/dashboard.html"
expect_in "data sharing: the school that sent data, by the MIS API" "MIS API" "$WORK/dashboard.txt"
expect_in "... up to date" "Up to date" "$WORK/dashboard.txt"
expect_in "... the others not sharing" "Not sharing" "$WORK/dashboard.txt"
expect_in "... since 1 October" "1 October 2026" "$WORK/dashboard.txt"
expect_in "... 19 schools silent for more than 28 days" "19 schools have not shared anything for more than 28 days" "$WORK/dashboard.txt"
if grep -q ' style=' "$WORK/dashboard.html" || grep -q '<script>' "$WORK/dashboard.html"; then
    fail "dashboard: no inline style or script (CSP)"
else
    pass "dashboard: no inline style or script (CSP)"
fi
expect_in "dashboard: its stylesheet" 'href="/assets/onroll/pages.css?v=' "$WORK/dashboard.html"
expect_eq "... served" 200 "$(get "$L" /assets/onroll/pages.css)"

# ---- a suspended pupil's page ----
SUSP_UPN=$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["rule"] == "RISK-REPEAT-SUSP":
        print(r["upn"]); break' "$WORK/risk.csv")
SUSP_DETAIL=$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["upn"] == sys.argv[2] and r["rule"] == "RISK-REPEAT-SUSP":
        print(r["detail"]); break' "$WORK/risk.csv" "$SUSP_UPN")
reads=0
expect_eq "pupil page of a suspended pupil" 200 "$(get "$L" "/pupils/$SUSP_UPN")"
reads=$((reads + 1))
T_PUPIL=$(cat "$WORK/time")
cp "$WORK/body" "$WORK/pupil.html"
text_of "$WORK/pupil.html" >"$WORK/pupil.txt"
expect_in "pupil: timeline" 'id="timeline">Timeline' "$WORK/pupil.html"
expect_in "... with suspensions" "Suspension" "$WORK/pupil.txt"
expect_in "... and where each came from" "Demo data, line" "$WORK/pupil.txt"
expect_in "pupil: risk indicators" 'id="risk">Risk indicators' "$WORK/pupil.html"
expect_in "... each with the facts that fired it" "$SUSP_DETAIL" "$WORK/pupil.txt"
expect_in "... and its rule" "RISK-REPEAT-SUSP" "$WORK/pupil.txt"
expect_in "pupil: duties" 'id="duties">Duties' "$WORK/pupil.html"
if grep -Eq '<td class="govuk-table__cell">[0-9]{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20[0-9]{2}</td>' "$WORK/pupil.html"; then
    pass "... with due dates"
else
    fail "... with due dates"
fi
expect_in "... who must act" "head teacher" "$WORK/pupil.txt"
expect_in "pupil: attendance" 'id="attendance">Attendance' "$WORK/pupil.html"
expect_in "... sessions" "Possible sessions" "$WORK/pupil.txt"
expect_in "... this year so far" "(so far)" "$WORK/pupil.txt"
expect_in "pupil: characteristics over time" "Characteristics over time" "$WORK/pupil.txt"
expect_in "pupil: the LA may record an exclusion" "href=\"/pupils/$SUSP_UPN/record\"" "$WORK/pupil.html"
expect_in "... and that a duty was done" "href=\"/pupils/$SUSP_UPN/action?urn=" "$WORK/pupil.html"
expect_eq "pupil page again" 200 "$(get "$L" "/pupils/$SUSP_UPN")"
reads=$((reads + 1))
T_PUPIL_2=$(cat "$WORK/time")
expect_eq "the API's pupil" 200 "$(get "$L" "/pupils/$NEW_UPN")"
reads=$((reads + 1))
text_of "$WORK/body" >"$WORK/new.txt"
expect_in "... its suspension came by the MIS API" "MIS API, line 1" "$WORK/new.txt"
expect_in "... and its duties are due" "Tell the parent of the suspension" "$WORK/new.txt"
expect_eq "the pupil's page after recording shows the form's banner" 200 \
    "$(get "$L" "/pupils/$NEW_UPN?recorded=suspension")"
reads=$((reads + 1))
expect_in "... a success banner" "govuk-notification-banner--success" "$WORK/body"

# ---- pupils search ----
SURNAME=${NEW_NAME##* }
expect_eq "pupils: search by surname" 200 "$(get "$L" "/pupils?q=$SURNAME")"
expect_in "... finds the pupil" "/pupils/$NEW_UPN" "$WORK/body"
expect_eq "pupils: by UPN" 200 "$(get "$L" "/pupils?q=$NEW_UPN")"
expect_in "... one found" "Showing <b>1</b> to <b>1</b> of <b>1</b> result<" "$WORK/body"
expect_eq "pupils: a school that is not one of the list is not applied" 200 "$(get "$L" '/pupils?school=12')"
expect_in "... and said so in the error summary" "govuk-error-summary" "$WORK/body"
expect_eq "pupils: at risk at a school" 200 "$(get "$L" "/pupils?school=$URN&risk=1")"
expect_eq "schools list" 200 "$(get "$L" /schools)"
expect_in "... links each school" "/schools/$OTHER_URN" "$WORK/body"
expect_eq "a school's page, as the LA" 200 "$(get "$L" "/schools/$URN")"
expect_in "... its name" "$SCHOOL_NAME" "$WORK/body"

# ---- a school ----
S=$WORK/school.jar
expect_eq "school signs in" 303 "$(sign_in "$S" $SCHOOL)"
# issue 14: a school has a dashboard of its own (its duties by pupil, children at risk, plans),
# linking to its school page
expect_eq "school: its dashboard" 200 "$(get "$S" /dashboard)"
expect_in "... named for the school" "<h1 class=\"govuk-heading-l\">$SCHOOL_NAME</h1>" "$WORK/body"
expect_in "... linking to its school page" "href=\"/schools/$URN\"" "$WORK/body"
expect_eq "school: its page" 200 "$(get "$S" "/schools/$URN")"
expect_in "... duties" 'id="duties">Duties due and overdue' "$WORK/body"
expect_in "... children at risk" 'id="risk">Children at risk' "$WORK/body"
expect_in "... its data sharing, by the MIS API" "MIS API" "$WORK/body"
expect_eq "school: another school's page is not found" 404 "$(get "$S" "/schools/$OTHER_URN")"
expect_eq "school: its own pupil" 200 "$(get "$S" "/pupils/$NEW_UPN")"
reads=$((reads + 1))
expect_in "... and records its duties" "href=\"/pupils/$NEW_UPN/action?urn=$URN" "$WORK/body"
expect_eq "school: another school's pupil (404)" 404 "$(get "$S" "/pupils/$OTHER_UPN")"
expect_eq "school: pupils list" 200 "$(get "$S" /pupils)"
expect_in "... its pupil" "/pupils/$NEW_UPN" "$WORK/body"
expect_not_in "... not another school's" "/pupils/$OTHER_UPN" "$WORK/body"
expect_eq "school: no schools list" 403 "$(get "$S" /schools)"

# ---- a social worker ----
W=$WORK/sw.jar
expect_eq "social worker signs in" 303 "$(sign_in "$W" $SW)"
expect_eq "social worker: dashboard" 200 "$(get "$W" /dashboard)"
expect_in "... their caseload" "Your caseload" "$WORK/body"
# issue 14: the top 5 of the caseload (most at risk first) and "See all", every one of them on it
named=$(grep -o '/pupils/[A-Z][0-9]\{11\}[0-9A-Z]"' "$WORK/body" | tr -d '"' | sed 's|/pupils/||' | sort -u)
notcase=""
for u in $named; do
    [ "$(sql "SELECT COUNT(*) FROM caseload WHERE upn = '$u' AND lower(worker) = lower('$SW_EMAIL')")" -gt 0 ] || notcase="$notcase $u"
done
expect_eq "... lists children of it, and only them" "yes|" "$([ -n "$named" ] && echo yes)|$notcase"
expect_not_in "... and links no school page they cannot open" 'href="/schools/' "$WORK/body"
expect_eq "social worker: a child on the caseload" 200 "$(get "$W" "/pupils/$CASE_UPN")"
reads=$((reads + 1))
expect_not_in "... records nothing" "/pupils/$CASE_UPN/record" "$WORK/body"
expect_eq "social worker: another child (404)" 404 "$(get "$W" "/pupils/$NOT_CASE_UPN")"
expect_eq "social worker: no school pages" 403 "$(get "$W" "/schools/$URN")"

# ---- the analyst ----
A=$WORK/analyst.jar
expect_eq "analyst signs in" 303 "$(sign_in "$A" $ANALYST)"
expect_eq "analyst: no pupil's record (403)" 403 "$(get "$A" "/pupils/$SUSP_UPN")"
expect_eq "analyst: no pupils list (403)" 403 "$(get "$A" /pupils)"
expect_eq "analyst: dashboard" 200 "$(get "$A" /dashboard)"
text_of "$WORK/body" >"$WORK/analyst.txt"
expect_in "... aggregated figures" "Children by indicator" "$WORK/body"
expect_in "... the funnel plot" 'role="img"' "$WORK/body"
expect_in "... data sharing" "Not sharing" "$WORK/analyst.txt"
expect_not_in "... no link to a pupil" "/pupils/" "$WORK/body"
expect_not_in "... no child named" "$NEW_NAME" "$WORK/analyst.txt"
if grep -Eq '[A-Z][0-9]{11}[0-9A-Z]' "$WORK/analyst.txt"; then
    fail "... no UPN" "$(grep -Eo '[A-Z][0-9]{11}[0-9A-Z]' "$WORK/analyst.txt" | head -3)"
else
    pass "... no UPN"
fi
expect_eq "... a new suspension is a small number: suppressed" c "$(figure 'New suspensions and exclusions')"
expect_eq "analyst: a school's figures" 200 "$(get "$A" "/schools/$URN")"
expect_not_in "... no child" "/pupils/" "$WORK/body"

# ---- the other roles' dashboards ----
V=$WORK/vs.jar
expect_eq "Virtual School signs in" 303 "$(sign_in "$V" $VS)"
expect_eq "Virtual School: dashboard" 200 "$(get "$V" /dashboard)"
expect_in "... its cohort" "Your cohort" "$WORK/body"
Y=$WORK/yj.jar
expect_eq "youth justice signs in" 303 "$(sign_in "$Y" $YJ)"
expect_eq "youth justice: dashboard" 200 "$(get "$Y" /dashboard)"
expect_in "... their caseload" "Your caseload" "$WORK/body"
P=$WORK/partner.jar
expect_eq "partner signs in" 303 "$(sign_in "$P" $PARTNER)"
expect_eq "partner: dashboard" 200 "$(get "$P" /dashboard)"
expect_in "... its referrals" "Children referred to your service" "$WORK/body"

# ---- since the last visit: a second sign-in sees only what arrived after the first ----
expect_eq "LA officer signs in again" 303 "$(sign_in "$L" $LA)"
expect_eq "dashboard" 200 "$(get "$L" /dashboard)"
expect_in "... says when the last visit was" "Since your last visit on" "$WORK/body"
expect_eq "... nothing has arrived since" 0 "$(figure 'New suspensions and exclusions')"

# ---- the audit log ----
expect_eq "audit_log: one pupil.read row per view of a pupil's record" "$reads" \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.read'")"
expect_eq "audit_log: the refused ones logged as denied" 2 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND upn IN ('$OTHER_UPN', '$NOT_CASE_UPN')")"
D=$WORK/admin.jar
expect_eq "LA admin signs in" 303 "$(sign_in "$D" $ADMIN)"
expect_eq "GET /admin/audit: the reads of the suspended pupil" 200 \
    "$(get "$D" "/admin/audit?action=pupil.read&upn=$SUSP_UPN")"
expect_eq "... two of them, by the LA officer" 2 "$(grep -c "<td class=\"govuk-table__cell\">${LA%% *}</td>" "$WORK/body")"
expect_eq "audit_log: dashboards that name children are logged" 1 \
    "$(sql "SELECT CASE WHEN COUNT(*) > 0 THEN 1 ELSE 0 END FROM audit_log WHERE action = 'dashboard.view' AND actor = '${LA%% *}'")"

echo "latency: dashboard ${T_DASH_COLD}s (first, builds the LA snapshot), ${T_DASH_WARM}s (cached); pupil page ${T_PUPIL}s, ${T_PUPIL_2}s"
slow=$(python3 -c "print(int(max($T_DASH_WARM, $T_PUPIL_2) > 2.0))")
expect_eq "the cached dashboard and a pupil's page answer within 2 s" 0 "$slow"
finish
