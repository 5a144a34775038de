#!/bin/sh
# test_browser_school_day.sh - the school's day in a real browser (issue 14's "Done means"): a
# small LA whose one term runs round today, a pupil with two suspensions this term and no plan,
# served on a free port; tests/browser/school_day.spec.mjs signs in as the school, records a
# suspension starting on the next school day, sees its duties at once, writes the parents'
# letter from its duty, starts a PSP and sees RISK-NO-PLAN gone. Screenshots go to
# test-results/screenshots/. Skipped (and said so) when node, playwright-core, axe-core or
# Chromium is missing.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: node, playwright-core, axe-core or $CHROMIUM is missing"
    finish
    exit 0
fi
# Dates round today: the term, two earlier suspensions on weekdays, the next weekday.
eval "$(python3 - <<'PY'
import datetime as dt
t = dt.date.today()
def weekday_back(n):
    d = t - dt.timedelta(days=n)
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d
n = t + dt.timedelta(days=1)
while n.weekday() >= 5:
    n += dt.timedelta(days=1)
words = lambda d: f"{d.day} {d.strftime('%B')} {d.year}"
print(f"TODAY={t} TERM_START={t - dt.timedelta(days=120)} TERM_END={t + dt.timedelta(days=120)}")
print(f"S1={weekday_back(24)} S2={weekday_back(10)} NEXT={n}")
print(f"TODAY_WORDS='{words(t)}' NEXT_WORDS='{words(n)}' PSP_END={t + dt.timedelta(days=112)}")
PY
)"
cat >"$WORK/schools.csv" <<'CSV'
urn,laestab,name,phase,la_code,type
100001,9994001,Hillside Academy,secondary,999,academy
CSV
cat >"$WORK/calendar.csv" <<CSV
scope,start,end,kind,label
LA,$TERM_START,$TERM_END,term,This term
CSV
cat >"$WORK/pupils.csv" <<CSV
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of
W999250000001,Amara,Okafor,2012-03-14,F,BAFR,1,N,$TERM_START
CSV
cat >"$WORK/enrolments.csv" <<CSV
upn,urn,start,end,type
W999250000001,100001,2023-09-04,,main
CSV
cat >"$WORK/events.csv" <<CSV
event_id,upn,urn,type,start,sessions,reasons
S1,W999250000001,100001,suspension,$S1,2,DB
S2,W999250000001,100001,suspension,$S2,2,DB
CSV
"$ONROLL" init >/dev/null 2>&1
expect_status "the LA's files import" 0 "$ONROLL" import "$WORK/schools.csv" "$WORK/calendar.csv" \
    "$WORK/pupils.csv" "$WORK/enrolments.csv" "$WORK/events.csv"
PW=heron-valley-school-day-41
echo "$PW" | "$ONROLL" user add head@hillside.example.sch.uk --name "Hillside" --role school \
    --scope 100001 --password-stdin >/dev/null
cat >"$WORK/fixtures.json" <<JSON
{"password": "$PW", "school": "head@hillside.example.sch.uk", "upn": "W999250000001",
 "pupil_name": "Amara", "today": "$TODAY", "today_words": "$TODAY_WORDS",
 "next_school_day": "$NEXT", "next_school_day_words": "$NEXT_WORDS", "urn": "100001",
 "psp_end": "$PSP_END"}
JSON
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec school_day.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
expect_eq "the suspension and the PSP are in the store" "1|1" \
    "$(sql "select count(*) from events where type = 'suspension' and start_date = '$NEXT'")|$(sql "select count(*) from events where type = 'psp'")"
finish
