#!/bin/sh
# test_scrutiny_schools.sh - schools judged fairly in the scrutiny report (issue 16, parts 5
# and 7): each school against schools of its own kind (primary, secondary, special, PRU/AP),
# every school with pupils plotted (the suppressed ones at their size, without a rate), no two
# texts of any chart overlapping (tests/e2e/svg_text_boxes.py estimates every <text>'s box),
# the concentration curve with its table; and the PDF from the web (/reports/scrutiny?
# format=pdf: roles, type, pages, page numbers, audit), its pages rendered to PNG with
# pdftoppm as test artefacts; axe-core on the HTML report in a real browser.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
H=$WORK/la
mkdir -p "$H"

# ---- a hand-made LA (999), 2025/26; census day Thursday 15 January 2026 ----
# school (phase)                      pupils on census day   suspended at least once
# 400001 Northgate Primary (primary)   100                    3
# 400002 Southgate Primary (primary)   100                    3
# 400003 Eastgate Primary (primary)    100                    1  (suppressed: 1 or 2)
# 400004 Westgate Primary (primary)    100                    0
# 400011 Hill Top Academy (secondary)  200                   40
# 400012 Valley High (secondary)       200 (one of them M1)  10
# 400013 Riverside High (secondary)    200                   10
# 400014 Meadow High (secondary)       200                   10
# 400015 Closed Road School (second.)    0                    1  (M1, suspended there on
#                                                                 8 Oct 2025, moved to Valley
#                                                                 High on 5 Jan 2026)
# 400021 Brook Special School           40                    4
# 400031 Harbour Pupil Referral Unit    30                   14  (46.67%)
# 400032 Beacon Alternative Provision   20                    8
# Each suspended pupil has one one-day suspension on Wednesday 8 October 2025 (a school day).
#
# Worked out by hand (funnel limits p ± z·√(p(1−p)/n), z 1.96 and 3.09; DOMAIN.md §6):
# - The LA as one group (the old method, still `onroll report schools`): 104 of 1,290
#   pupils, p = 0.080620. Harbour, n 30: upper 99.8% = 0.080620 + 3.09 × √(0.080620 ×
#   0.919380 / 30) = 0.080620 + 3.09 × 0.049706 = 0.2342 -> 46.67% is "of concern".
# - Against PRUs and AP only: 22 of 50, p = 0.44. Harbour: 0.44 + 1.96 × √(0.44 × 0.56 / 30)
#   = 0.44 + 1.96 × 0.090627 = 0.6176 upper 95% -> 46.67% is within. Beacon 40%: lower 95%
#   0.44 − 1.96 × 0.110995 = 0.2224 -> within.
# - Secondary: Closed Road has no pupils but its suspended pupil counts in the group's rate,
#   as in the LA's: 71 of 800, p = 0.08875; n 200: √(0.08875 × 0.91125 / 200) = 0.020109;
#   upper 99.8% = 0.08875 + 3.09 × 0.020109 = 15.09%, upper 95% 12.82%, lower 95% 4.93%.
#   Hill Top 20% -> of concern; the others 5% -> within. Closed Road's 1 is suppressed; the
#   group's total is shown, so the smallest other non-zero count (a 10) is hidden with it.
# - Primary: 7 of 400, p = 0.0175; upper 99.8% at 100 = 0.0175 + 3.09 × 0.013113 = 5.80%:
#   Southgate 3% within. Eastgate's 1 is suppressed; within the group (total shown) a lone
#   hidden count is given away, so the smallest other non-zero one (a 3) is hidden too: two
#   primaries are drawn without a rate.
# - Special: 4 of 40, alone in its group: within.
# So: of concern = Hill Top Academy only; 11 schools with pupils, 11 plotted; Closed Road
# listed beside the chart (no pupils).
awk -v OUT="$H" '
function upn(n,   s, sum, p) {
    s = sprintf("999%02d%07d", 20 + n % 6, n)
    sum = 0
    for (p = 2; p <= 13; p++) sum += p * substr(s, p - 1, 1)
    return substr("ABCDEFGHJKLMNPQRTUVWXYZ", sum % 23 + 1, 1) s
}
BEGIN {
    f = OUT "/schools.csv"
    print "urn,laestab,name,phase,la_code,type" > f
    split("400001 400002 400003 400004 400011 400012 400013 400014 400015 400021 400031 400032", urn, " ")
    split("Northgate Primary|Southgate Primary|Eastgate Primary|Westgate Primary|Hill Top Academy|Valley High|Riverside High|Meadow High|Closed Road School|Brook Special School|Harbour Pupil Referral Unit|Beacon Alternative Provision", name, "|")
    split("primary primary primary primary secondary secondary secondary secondary secondary special pru ap", phase, " ")
    split("100 100 100 100 200 199 200 200 0 40 30 20", pupils, " ")
    split("3 3 1 0 40 10 10 10 0 4 14 8", susp, " ")
    for (i = 1; i <= 12; i++)
        printf "%s,999%04d,%s,%s,999,%s\n", urn[i], 4000 + i, name[i], phase[i], "maintained" > f
    f = OUT "/calendar.csv"
    print "scope,start,end,kind,label" > f
    print "LA,2025-09-03,2025-12-19,term,Autumn 2025" > f
    print "LA,2026-01-05,2026-03-27,term,Spring 2026" > f
    print "LA,2026-04-13,2026-07-22,term,Summer 2026" > f
    fp = OUT "/pupils.csv"; fe = OUT "/enrolments.csv"; fv = OUT "/events.csv"
    print "upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of" > fp
    print "upn,urn,start,end,type" > fe
    print "event_id,upn,urn,type,start,sessions,reasons,ref,decided" > fv
    n = 0
    for (i = 1; i <= 12; i++)
        for (k = 1; k <= pupils[i]; k++) {
            u = upn(++n)
            printf "%s,Pupil%d,Test%d,%s,%s,WBRI,0,N,2025-09-01\n", u, n, n, phase[i] == "primary" ? "2017-05-01" : "2011-05-01", n % 2 ? "M" : "F" > fp
            printf "%s,%s,2024-09-02,,main\n", u, urn[i] > fe
            if (k <= susp[i]) printf "E%d,%s,%s,suspension,2025-10-08,2,DB,,2025-10-07\n", n, u, urn[i] > fv
        }
    # M1: at Closed Road School until the Christmas holiday, suspended there, then Valley High
    u = upn(++n)
    printf "%s,Mover,One,2011-05-01,M,WBRI,0,N,2025-09-01\n", u > fp
    printf "%s,400015,2024-09-02,2025-12-19,main\n", u > fe
    printf "%s,400012,2026-01-05,,main\n", u > fe
    printf "M1,%s,400015,suspension,2025-10-08,2,DB,,2025-10-07\n", u > fv
}'

expect_status "init" 0 "$ONROLL" init
expect_status "import the hand-made LA" 0 "$ONROLL" import "$H/schools.csv" "$H/calendar.csv" \
    "$H/pupils.csv" "$H/enrolments.csv" "$H/events.csv"
expect_in "1,290 pupils" "pupils.csv: pupils, 1290 rows: 1290 new" "$WORK/out"
expect_in "104 suspensions" "events.csv: events, 104 rows: 104 new" "$WORK/out"

# the old method, still the LA-wide `report schools`: the PRU is "of concern" there
"$ONROLL" report schools --year 2025/26 >"$WORK/schools.csv"
expect_eq "LA-wide (report schools): Harbour PRU is of concern against every school" "of concern" \
    "$(awk -F, '$3 == 400031 { print $15 }' "$WORK/schools.csv")"
expect_eq "LA-wide: the LA's one-plus rate 104/1290 = 8.06%" "8.06" \
    "$(awk -F, '$3 == 400031 { print $10 }' "$WORK/schools.csv")"

R=$WORK/R.html
expect_status "scrutiny report of the hand-made LA" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --out "$R"
cp "$R" "$SHOTS/scrutiny-schools-handmade.html" 2>/dev/null || true
# the schools of concern: the <li>s under <h3>Schools of concern</h3>
sed -n '/<h3>Schools of concern<\/h3>/,/<\/ul>\|<\/p>/p' "$R" >"$WORK/concern"
expect_in "Hill Top Academy (secondary, 20% against 8.88%) is of concern" \
    "<li>Hill Top Academy (URN 400011, against secondary and all-through schools): 20.00% of 200 pupils suspended at least once; upper 99.8% limit 15.09% (the group&#39;s rate is 8.88%)</li>" \
    "$WORK/concern"
expect_not_in "Harbour PRU (46.67%) is not of concern against PRUs and AP" "Harbour" "$WORK/concern"
expect_eq "exactly one school of concern" 1 "$(grep -c '<li>' "$WORK/concern")"
expect_in "the PRU/AP group's rate (22 of 50)" "2 schools; 50 pupils on roll, of whom 44.00% were suspended at least once" "$R"
expect_in "the secondary group's rate (71 of 800)" "4 schools; 800 pupils on roll, of whom 8.88% were suspended at least once" "$R"
expect_in "the primary group's rate (7 of 400)" "4 schools; 400 pupils on roll, of whom 1.75% were suspended at least once" "$R"
for g in primary secondary special ap; do
    expect_in "a funnel plot of the $g group" "id=\"chart-funnel-$g-title\"" "$R"
done
# the method note says what the plots do (issue 16: it said "around the LA one-plus rate")
expect_not_in "the funnel plot's note: not the LA's rate" "the LA one-plus rate" "$R"
expect_in "the funnel plot's note: the rate of schools of the same kind" \
    "Control limits around the one-plus rate p of the schools of the same kind" "$R"
expect_in "the only special school is said to be compared with itself" \
    "It is the only one of the LA's special schools, so it can only be compared with itself" "$R"
expect_in "Closed Road School (no pupils) is listed beside the chart" \
    "<li>Closed Road School (no pupils on roll on census day: no rate to plot)</li>" "$R"
expect_in "the table says what each school is compared with" "What each school is compared with, 2025/26</caption>" "$R"
expect_in "the concentration curve" 'id="chart-concentration-title"' "$R"
expect_in "the concentration curve's table" "The concentration curve in figures, 2025/26" "$R"
# By rate, highest first: Harbour 14/30 (46.67%), Beacon 8/20 (40%), Hill Top 40/200 (20%),
# ... Eastgate and Closed Road (suppressed) go together as one step. 12 schools; the highest
# 10% is ceil(1.2) = 2 schools, Harbour and Beacon: 50 of 1,290 pupils = 3.9%, 22 of 104
# suspensions = 21.2%
expect_in "the highest-rate 10% of schools (2): 3.9% of pupils, 21.2% of suspensions" \
    "The 10% of schools with the highest suspension rates (2 schools) teach 3.9% of pupils and issued 21.2% of suspensions." "$R"

# every chart: no two texts overlap; every school with pupils plotted
python3 tests/e2e/svg_text_boxes.py "$R" >"$WORK/boxes"
sed 's/^/    /' "$WORK/boxes"
expect_eq "no overlapping texts in any chart (hand-made LA)" 0 \
    "$(awk '/^chart/ { split($4, o, "="); s += o[2] } END { print s + 0 }' "$WORK/boxes")"
with_pupils=$(awk -F, 'NR > 1 && $5 > 0' "$WORK/schools.csv" | wc -l | tr -d ' ')
expect_eq "11 schools with pupils" 11 "$with_pupils"
expect_eq "plotted schools = schools with pupils (11)" "$with_pupils" \
    "$(awk '/^chart chart-funnel/ { split($5, p, "="); s += p[2] } END { print s + 0 }' "$WORK/boxes")"
expect_eq "two primaries drawn without a rate (Eastgate's 1 and the 3 hidden with it)" "hidden=2" \
    "$(awk '/^chart chart-funnel-primary/ { print $6 }' "$WORK/boxes")"
expect_not_in "no count of 1 or 2 published" 'numeric">1</td>' "$R"
expect_eq "one secondary drawn without a rate (hidden with Closed Road's 1)" "hidden=1" \
    "$(awk '/^chart chart-funnel-secondary/ { print $6 }' "$WORK/boxes")"

# ---- the demo LA: 80 schools, 25 of them once left off the funnel plot ----
D=$(new_db demo)
expect_status "demo LA" 0 env ONROLL_DB="$D" "$ONROLL" demo --as-of 2026-11-24
expect_status "scrutiny report of the demo LA" 0 env ONROLL_DB="$D" \
    "$ONROLL" report scrutiny --year 2025/26 --out "$WORK/demo.html"
env ONROLL_DB="$D" "$ONROLL" report schools --year 2025/26 >"$WORK/demo-schools.csv"
python3 tests/e2e/svg_text_boxes.py "$WORK/demo.html" >"$WORK/demo-boxes"
sed 's/^/    /' "$WORK/demo-boxes"
demo_pupils=$(awk -F, 'NR > 1 && $5 > 0' "$WORK/demo-schools.csv" | wc -l | tr -d ' ')
expect_eq "demo: plotted schools = schools with pupils ($demo_pupils)" "$demo_pupils" \
    "$(awk '/^chart chart-funnel/ { split($5, p, "="); s += p[2] } END { print s + 0 }' "$WORK/demo-boxes")"
expect_eq "demo: no overlapping texts in any chart" 0 \
    "$(awk '/^chart/ { split($4, o, "="); s += o[2] } END { print s + 0 }' "$WORK/demo-boxes")"
expect_not_in "demo: no school left off the plot" "not plotted" "$WORK/demo.html"

# ---- the PDF from the web ----
pw() { printf 'Heron-%s-Quay-47!' "$(printf '%s' "$1" | cut -c1-2)"; }
printf '%s' "$(pw analyst)" | "$ONROLL" user add analyst@la.example --name "Ann Analyst" \
    --role analyst --password-stdin >/dev/null 2>&1
printf '%s' "$(pw la)" | "$ONROLL" user add officer@la.example --name "Ola Officer" \
    --role la_officer --password-stdin >/dev/null 2>&1
printf '%s' "$(pw school)" | "$ONROLL" user add head@hilltop.example --name "Hal Head" \
    --role school --scope 400011 --password-stdin >/dev/null 2>&1
printf '%s' "$(pw partner)" | "$ONROLL" user add partner@yjs.example --name "Pat Partner" \
    --role partner --scope reu --password-stdin >/dev/null 2>&1
start_server
expect_eq "analyst signs in" 303 "$(sign_in "$WORK/a.jar" analyst@la.example "$(pw analyst)")"
expect_eq "LA officer signs in" 303 "$(sign_in "$WORK/l.jar" officer@la.example "$(pw la)")"
expect_eq "school user signs in" 303 "$(sign_in "$WORK/s.jar" head@hilltop.example "$(pw school)")"
expect_eq "partner signs in" 303 "$(sign_in "$WORK/p.jar" partner@yjs.example "$(pw partner)")"
Q="/reports/scrutiny?year=2025/26&format=pdf"
expect_eq "a school user is refused the PDF (403)" 403 "$(get "$WORK/s.jar" "$Q")"
expect_eq "a partner is refused the PDF (403)" 403 "$(get "$WORK/p.jar" "$Q")"
expect_eq "a bad format is a bad request (400)" 400 "$(get "$WORK/a.jar" "/reports/scrutiny?year=2025/26&format=docx")"
expect_eq "the analyst's reports page (200)" 200 "$(get "$WORK/a.jar" "/reports?year=2025/26")"
expect_in "the reports page links the PDF" "format=pdf\" download>Download it as a PDF</a>" "$WORK/body"
if [ -x "$CHROMIUM" ]; then
    before=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND detail LIKE '%PDF%'")
    expect_eq "the analyst gets the PDF (200)" 200 "$(get "$WORK/a.jar" "$Q")"
    cp "$WORK/body" "$WORK/web.pdf"
    expect_in "served as application/pdf" "Content-Type: application/pdf" "$WORK/headers"
    expect_in "as an attachment with a sensible name" \
        'Content-Disposition: attachment; filename="onroll-scrutiny-202526.pdf"' "$WORK/headers"
    expect_eq "it starts with %PDF" "%PDF" "$(head -c 4 "$WORK/web.pdf")"
    expect_eq "the LA officer gets it too (200)" 200 "$(get "$WORK/l.jar" "$Q")"
    after=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND detail LIKE '%PDF%'")
    expect_eq "both downloads are in the audit log" $((before + 2)) "$after"
    expect_status "the same document from the CLI" 0 \
        "$ONROLL" report scrutiny --year 2025/26 --format pdf --out "$WORK/cli.pdf"
    if command -v pdfinfo >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
        pages=$(pdfinfo "$WORK/web.pdf" | awk '/^Pages:/ { print $2 }')
        if [ "${pages:-0}" -gt 1 ]; then pass "the PDF has $pages pages"; else fail "the PDF has more than one page (${pages:-?})"; fi
        expect_eq "web and CLI PDFs have the same pages" "$pages" \
            "$(pdfinfo "$WORK/cli.pdf" | awk '/^Pages:/ { print $2 }')"
        pdftotext "$WORK/web.pdf" "$WORK/web.txt"
        pdftotext "$WORK/cli.pdf" "$WORK/cli.txt"
        expect_same_file "web and CLI PDFs have the same text" "$WORK/cli.txt" "$WORK/web.txt"
        expect_in "page numbers: Page 1 of $pages" "Page 1 of $pages" "$WORK/web.txt"
        expect_in "page numbers: the last page" "Page $pages of $pages" "$WORK/web.txt"
        pdftotext -f 1 -l 1 "$WORK/web.pdf" "$WORK/page1.txt"
        expect_in "a contents list on the first page" "Contents" "$WORK/page1.txt"
        expect_in "the contents list names the schools section" "Schools" "$WORK/page1.txt"
        expect_eq "the contents links go to the sections (internal links in the PDF)" yes \
            "$(grep -aq '/Dest\|/GoTo' "$WORK/web.pdf" && echo yes || echo no)"
    else
        echo "skipped: page count and text (pdfinfo, pdftotext: apt-get install poppler-utils)"
    fi
    if command -v pdftoppm >/dev/null 2>&1; then
        rm -f "$SHOTS"/scrutiny-pdf-*.png
        pdftoppm -r 60 -png "$WORK/web.pdf" "$SHOTS/scrutiny-pdf"
        n=$(ls "$SHOTS"/scrutiny-pdf-*.png 2>/dev/null | wc -l | tr -d ' ')
        expect_eq "pdftoppm: every page as a PNG in $SHOTS" "${pages:-$n}" "$n"
    else
        echo "skipped: pages as PNG (pdftoppm: apt-get install poppler-utils)"
    fi
else
    echo "skipped: the PDF ($CHROMIUM is not installed: apt-get install chromium)"
fi

# without Chromium on the server: a clear 503, nothing in the audit log
n_audit=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND detail LIKE '%PDF%'")
ONROLL_CHROMIUM=$WORK/no-chromium start_server
expect_eq "analyst signs in (a server without Chromium)" 303 "$(sign_in "$WORK/a2.jar" analyst@la.example "$(pw analyst)")"
expect_eq "no Chromium on the server: 503" 503 "$(get "$WORK/a2.jar" "$Q")"
expect_in "no Chromium: says so, and what to do instead" "Chromium, which makes the PDF, is not installed on the server" "$WORK/body"
expect_eq "no Chromium: no export in the audit log" "$n_audit" \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND detail LIKE '%PDF%'")"

# ---- a real browser: every text box apart as rendered, axe-core, 320 px ----
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: browser test (node, playwright-core, axe-core or Chromium missing)"
else
    run_spec scrutiny_schools.spec.mjs "$R" "$SHOTS"
fi

finish
