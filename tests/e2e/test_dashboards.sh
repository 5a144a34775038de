#!/bin/sh
# test_dashboards.sh - the role dashboards of issue 14 end to end: a real `onroll serve` over a
# small demo LA (10 schools, 2,000 pupils, its sources backdated to 1 October), driven with
# curl. Each finding of the issue it answers is named:
#
#   - "after signing in, a profile page rather than the dashboard": signing in sends to
#     /dashboard;
#   - "1354 overdue ... And 1329 more not shown ... with no link": the LA's duties are counted
#     by rule, each number a link to /duties?rule=RULE&status=overdue|due-this-week and equal to
#     what `onroll duties` counts for that rule; the school's by pupil, each a link to
#     /duties?school=URN&pupil=UPN&status=...; every key figure links to its list;
#   - "The Re-engagement Unit's dashboard says 73 children are referred to it while /referrals
#     lists 2": the partner's referrals by status add up to what /referrals lists;
#   - "new since the last visit" is since the user last opened the dashboard (kept in
#     dashboard_visits, migration 014), not since they last signed in: what they have seen is
#     not new again in the next session, and a reload within one session shows the same.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
if [ -z "${ONROLL_TEST_PG:-}" ] && ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skipped: sqlite3 is not installed"
    finish
    exit 0
fi

# A key figure of a dashboard: the number shown under a label (view_figures).
figure() {
    python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for dt, dd in re.findall(r"(?s)<dt class=\"onroll-figures__label\">(.*?)</dt>\s*<dd class=\"onroll-figures__value\">(.*?)</dd>", s):
    if re.sub(r"<[^>]+>", "", dt) == sys.argv[2]:
        print(dd.replace(",", ""))' "$WORK/body" "$1"
}
# The link of a key figure's label.
figure_href() {
    python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for href, label in re.findall(r"<dt class=\"onroll-figures__label\"><a class=\"govuk-link\" href=\"([^\"]*)\">(.*?)</a></dt>", s):
    if label == sys.argv[2]:
        print(html.unescape(href))' "$WORK/body" "$1"
}
# how many rows a list says it has ("Showing 1 to 25 of N results", or "0 results")
list_count() {
    python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"id=\"list-count\">(?:Showing .*? of <b>([0-9,]+)</b>|<b>([0-9,]+)</b>)", s)
print((m.group(1) or m.group(2)).replace(",", "") if m else "")' "$WORK/body"
}
# sign_in_at JAR EMAIL PASSWORD : sign in, the answer's headers to $WORK/signin-headers
sign_in_at() {
    rm -f "$1"
    curl -s -c "$1" -o "$WORK/signin.html" "$B/sign-in"
    curl -s -b "$1" -c "$1" -o /dev/null -D "$WORK/signin-headers" -w '%{http_code}' \
        --data-urlencode "csrf_token=$(csrf_of "$WORK/signin.html")" \
        --data-urlencode "email=$2" --data-urlencode "password=$3" "$B/sign-in"
}
# send_suspension ID UPN START : the school's MIS sends one suspension through the API
send_suspension() {
    curl -s -o "$WORK/api" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' --data-binary \
        "[{\"event_id\":\"$1\",\"upn\":\"$2\",\"urn\":\"$URN\",\"type\":\"suspension\",\"start\":\"$3\",\"sessions\":\"2\",\"reasons\":\"PA\"}]" \
        "$B/api/v1/events"
}

TODAY=$(date +%Y-%m-%d)
"$ONROLL" demo --schools 10 --pupils 2000 --as-of 2026-11-24 >"$WORK/demo.out" 2>&1
expect_eq "demo LA created" 0 $?
account() { awk -v r="$1" '$1 == r { print $2 " " $4 }' "$WORK/demo.out"; }
LA=$(account la_officer)
SCHOOL=$(account school)
PARTNER=$(account partner)
VS=$(account virtual_school)
ANALYST=$(account analyst)
URN=$(awk '$1 == "school" { print $3 }' "$WORK/demo.out")
LA_ID=$(sql "SELECT id FROM users WHERE email = '${LA%% *}'")
sql "UPDATE sources SET received_at = '2026-10-01T09:00:00Z'"
NEW1=$(sql "SELECT upn FROM enrolments WHERE urn = $URN AND reg_type = 'main' AND end_date IS NULL
    AND upn NOT IN (SELECT upn FROM events) ORDER BY upn LIMIT 1")
NEW2=$(sql "SELECT upn FROM enrolments WHERE urn = $URN AND reg_type = 'main' AND end_date IS NULL
    AND upn NOT IN (SELECT upn FROM events) AND upn <> '$NEW1' ORDER BY upn LIMIT 1")
TOKEN=$("$ONROLL" user token "$URN" 2>/dev/null)
# the school refers a pupil with a Pastoral Support Programme to the Re-engagement Unit
psp=$(sql "SELECT upn || ',' || urn || ',' || event_id FROM events WHERE type = 'psp' ORDER BY start_date DESC, event_id LIMIT 1")
printf 'event_id,upn,urn,type,start,to,ref,details\nDASH-REF-1,%s,referral,%s,reu,%s,"{""reason"":""Repeated suspensions"",""consent"":""yes""}"\n' \
    "${psp%,*}" 2026-11-20 "${psp##*,}" >"$WORK/referral.csv"
expect_status "a referral to the REU is imported" 0 "$ONROLL" import "$WORK/referral.csv"
"$ONROLL" duties --as-of "$TODAY" --format csv >"$WORK/duties.csv"
"$ONROLL" risk --as-of "$TODAY" --format csv >"$WORK/risk.csv"
start_server

# ---- signing in lands on the dashboard ----
L=$WORK/la.jar
expect_eq "LA officer signs in" 303 "$(sign_in_at "$L" $LA)"
expect_in "... and is sent to the dashboard" "Location: /dashboard$(printf '\r')" "$WORK/signin-headers"
expect_eq "the dashboard answers" 200 "$(get "$L" /dashboard)"
expect_in "... with the dashboard (finding: a profile page rather than the dashboard)" \
    '<h1 class="govuk-heading-l">Dashboard</h1>' "$WORK/body"
expect_not_in "... not the profile page's greeting" "Hello," "$WORK/body"
expect_in "... the account folded away at its foot" "Your account, and what you can see and do" "$WORK/body"
expect_in "... first visit: the last 7 days" "This is your first visit" "$WORK/body"
expect_eq "... nothing recorded in them (every source arrived on 1 October)" 0 "$(figure 'New suspensions and exclusions')"
expect_eq "the visit is kept" 1 "$(sql "SELECT COUNT(*) FROM dashboard_visits WHERE user_id = $LA_ID")"
cp "$WORK/body" "$WORK/la.html"

# ---- every count links to the list it counts ----
expect_eq "Duties overdue: links to /duties?status=overdue" "/duties?status=overdue" "$(figure_href 'Duties overdue')"
expect_eq "Due in the next 7 days: links to /duties?status=due-this-week" "/duties?status=due-this-week" "$(figure_href 'Duties due in the next 7 days')"
expect_eq "Children at high risk: links to /risk?tier=high" "/risk?tier=high" "$(figure_href 'Children at high risk')"
want_over=$(python3 -c 'import csv,sys; print(sum(r["status"] == "overdue" for r in csv.DictReader(open(sys.argv[1]))))' "$WORK/duties.csv")
expect_eq "Duties overdue: as onroll duties counts them" "$want_over" "$(figure 'Duties overdue')"
# each rule's numbers against onroll duties' rows of that rule (due this week: open, due within 7 days)
python3 - "$WORK/la.html" "$WORK/duties.csv" "$TODAY" >"$WORK/rules.out" <<'PY'
import csv, datetime, html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
today = datetime.date.fromisoformat(sys.argv[3])
want = {}
for r in csv.DictReader(open(sys.argv[2])):
    if r["status"] == "overdue":
        want[(r["rule"], "overdue")] = want.get((r["rule"], "overdue"), 0) + 1
    elif r["status"] == "open" and r["due"] and datetime.date.fromisoformat(r["due"]) <= today + datetime.timedelta(days=7):
        want[(r["rule"], "due-this-week")] = want.get((r["rule"], "due-this-week"), 0) + 1
got = re.findall(r'<a class="govuk-link" href="(/duties\?rule=([A-Z0-9-]+)&amp;status=(overdue|due-this-week))">([0-9,]+)</a>', page)
bad = [f"{rule} {st}: page {n}, onroll duties {want.get((rule, st), 0)}" for _, rule, st, n in got
       if int(n.replace(",", "")) != want.get((rule, st), 0)]
print(len(got))
print("\n".join(bad) if bad else "same")
PY
nlinks=$(head -n 1 "$WORK/rules.out")
expect_eq "the duties by rule: numbers linking to /duties?rule=...&status=... (some)" 1 "$([ "${nlinks:-0}" -gt 0 ] && echo 1)"
expect_eq "... each equal to onroll duties' count of that rule and status" same "$(tail -n +2 "$WORK/rules.out")"
want_risk=$(python3 -c 'import csv,sys; print(len({r["upn"] for r in csv.DictReader(open(sys.argv[1]))}))' "$WORK/risk.csv")
expect_in "children with any indicator: a link to /risk, as onroll risk counts them" \
    "<a class=\"govuk-link\" href=\"/risk\">$want_risk with any indicator</a>" "$WORK/la.html"
expect_in "claims waiting: a link to /claims" \
    "href=\"/claims\">$(sql "SELECT COUNT(*) FROM claims WHERE status = 'pending'")</a>" "$WORK/la.html"
expect_in "notices not acknowledged: a link to their list" 'href="/notifications?ack=0"' "$WORK/la.html"
expect_eq "schools of concern: none or a link to /schools?concern=1" 1 \
    "$(grep -q -e 'href="/schools?concern=1">' -e 'No school is of concern' "$WORK/la.html" && echo 1)"
expect_not_in "no long list: no \"more not shown\"" "more not shown" "$WORK/la.html"
for f in "Duties overdue|/duties?status=overdue" "Duties due in the next 7 days|/duties?status=due-this-week" \
    "Children at high risk|/risk?tier=high"; do
    cp "$WORK/la.html" "$WORK/body"
    n=$(figure "${f%|*}")
    expect_eq "${f%|*}: the list ${f#*|}" 200 "$(get "$L" "${f#*|}")"
    expect_eq "... has the $n it counts" "$n" "$(list_count)"
done

S=$WORK/school.jar
expect_eq "school signs in" 303 "$(sign_in_at "$S" $SCHOOL)"
expect_eq "school: its dashboard at /" 200 "$(get "$S" /dashboard)"
cp "$WORK/body" "$WORK/school.html"
expect_eq "school: Duties overdue links to its own" "/duties?school=$URN&status=overdue" "$(figure_href 'Duties overdue')"
expect_eq "school: Children at risk links to its own" "/risk?school=$URN" "$(figure_href 'Children at risk')"
n=$(figure 'Children at risk')
expect_eq "school: its children at risk" 200 "$(get "$S" "/risk?school=$URN")"
expect_eq "... the list has the $n it counts" "$n" "$(list_count)"
cp "$WORK/school.html" "$WORK/body"
python3 - "$WORK/school.html" "$WORK/duties.csv" "$URN" >"$WORK/pupils.out" <<'PY'
import csv, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
urn = sys.argv[3]
want = {}
for r in csv.DictReader(open(sys.argv[2])):
    if r["status"] == "overdue" and r["urn"] == urn:
        want[r["upn"]] = want.get(r["upn"], 0) + 1
got = re.findall(r'href="/duties\?school=' + urn + r'&amp;pupil=([A-Z0-9]+)&amp;status=overdue">([0-9,]+)</a>', page)
bad = [f"{u}: page {n}, onroll duties {want.get(u, 0)}" for u, n in got if int(n.replace(",", "")) != want.get(u, 0)]
top = sorted(want.values(), reverse=True)[:len(got)]
print(len(got))
print("\n".join(bad) if bad else "same")
print("most" if sorted((int(n.replace(",", "")) for _, n in got), reverse=True) == top else f"not the most: {got} vs {top}")
PY
expect_eq "school: duties by pupil, at most 5, each linking to /duties?school=URN&pupil=UPN&status=overdue" 1 \
    "$(n=$(head -n 1 "$WORK/pupils.out"); [ "$n" -gt 0 ] && [ "$n" -le 5 ] && echo 1)"
expect_eq "... each equal to onroll duties' overdue count for that pupil at the school" same "$(sed -n 2p "$WORK/pupils.out")"
expect_eq "... the pupils with the most" most "$(sed -n 3p "$WORK/pupils.out")"
expect_in "... and See all, linking to the school's duties" "href=\"/duties?school=$URN\">See all" "$WORK/school.html"

V=$WORK/vs.jar
expect_eq "Virtual School signs in" 303 "$(sign_in_at "$V" $VS)"
expect_eq "Virtual School: its dashboard" 200 "$(get "$V" /dashboard)"
cp "$WORK/body" "$WORK/vs.html"
for f in "Never had a PEP|status=never" "No school place|place=none" "Looked-after children|"; do
    label=${f%|*}
    q=${f#*|}
    cp "$WORK/vs.html" "$WORK/body"
    n=$(figure "$label")
    expect_eq "Virtual School: $label links to /peps${q:+?$q}" "/peps${q:+?$q}" "$(figure_href "$label")"
    expect_eq "... the list" 200 "$(get "$V" "/peps${q:+?$q}")"
    expect_eq "... has the $n children it counts" "$n" "$(list_count)"
done

P=$WORK/partner.jar
expect_eq "the Re-engagement Unit signs in" 303 "$(sign_in_at "$P" $PARTNER)"
expect_eq "REU: its dashboard" 200 "$(get "$P" /dashboard)"
sum=$(python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
sec = s[s.index("id=\"referrals\""):s.index("</table>", s.index("id=\"referrals\""))]
print(sum(int(n.replace(",", "")) for n in re.findall(r"govuk-table__cell--numeric\">(?:<a [^>]*>)?([0-9,]+)", sec)))' "$WORK/body")
expect_in "REU: the new referral counted, a link to /referrals?status=new" \
    '<a class="govuk-link" href="/referrals?status=new">1</a>' "$WORK/body"
expect_eq "REU: the referrals list" 200 "$(get "$P" /referrals)"
expect_eq "REU: the dashboard's referrals add up to what /referrals lists (finding: 73 against 2)" "$(list_count)" "$sum"
expect_eq "REU: /referrals?status=new" 200 "$(get "$P" '/referrals?status=new')"
expect_eq "... lists the 1 the dashboard counts" 1 "$(list_count)"

A=$WORK/analyst.jar
expect_eq "analyst signs in" 303 "$(sign_in_at "$A" $ANALYST)"
expect_eq "analyst: the dashboard" 200 "$(get "$A" /dashboard)"
expect_not_in "analyst: no link to a pupil" "/pupils/" "$WORK/body"
expect_in "analyst: links to the reports" 'href="/reports?report=rates"' "$WORK/body"
# Finding: the dashboard said 1.30% where the schools report said 1.29% (two roundings). The
# rate worked out here from the schools report's own counts, half away from zero (DOMAIN.md §6).
"$ONROLL" report schools --year 2026/27 --unsuppressed --format csv >"$WORK/schools.csv" 2>/dev/null
want=$(python3 -c '
import csv, sys
from decimal import Decimal, ROUND_HALF_UP
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
n = sum(int(r["one_plus_susp"]) for r in rows); d = sum(int(r["headcount"]) for r in rows)
print(str((Decimal(n) * 100 / Decimal(d)).quantize(Decimal("0.01"), ROUND_HALF_UP)) + "%")' "$WORK/schools.csv")
expect_eq "analyst: one-plus rate rounded as the reports round it" "$want" "$(figure 'Pupils with one or more suspensions')"

# ---- new since the last visit moves after a visit ----
sleep 1
expect_eq "a suspension arrives through the MIS API" 200 "$(send_suspension DASH-1 "$NEW1" 2026-11-23)"
expect_eq "the LA officer reloads the dashboard" 200 "$(get "$L" /dashboard)"
expect_eq "... it is new (within the first visit's 7 days)" 1 "$(figure 'New suspensions and exclusions')"
expect_in "... named, a link to the pupil" "href=\"/pupils/$NEW1\"" "$WORK/body"
sleep 1
expect_eq "the LA officer signs in again (a new session)" 303 "$(sign_in_at "$L" $LA)"
expect_eq "... the dashboard" 200 "$(get "$L" /dashboard)"
expect_in "... counts from the last visit" "Since your last visit on" "$WORK/body"
expect_eq "... the suspension seen at the last visit is not new again" 0 "$(figure 'New suspensions and exclusions')"
sleep 1
expect_eq "another suspension arrives" 200 "$(send_suspension DASH-2 "$NEW2" 2026-11-23)"
expect_eq "the LA officer reloads" 200 "$(get "$L" /dashboard)"
expect_eq "... only that one is new" 1 "$(figure 'New suspensions and exclusions')"
expect_in "... named" "href=\"/pupils/$NEW2\"" "$WORK/body"
expect_not_in "... not the one seen before" "href=\"/pupils/$NEW1\"" "$WORK/body"
expect_eq "... and again: the same (a reload keeps the session's last visit)" 200 "$(get "$L" /dashboard)"
expect_eq "... still 1" 1 "$(figure 'New suspensions and exclusions')"
sleep 1
expect_eq "a third session" 303 "$(sign_in_at "$L" $LA)"
expect_eq "... the dashboard" 200 "$(get "$L" /dashboard)"
expect_eq "... nothing new" 0 "$(figure 'New suspensions and exclusions')"
expect_eq "one row per user in dashboard_visits" 1 "$(sql "SELECT COUNT(*) FROM dashboard_visits WHERE user_id = $LA_ID")"
finish
