#!/bin/sh
# test_scrutiny.sh - the annual scrutiny report end to end (scrutiny.h): on the demo LA,
# `onroll report scrutiny` writes one self-contained HTML document with every section, the
# charts and the commentary, suppressed unless asked otherwise, with data escaped; the England
# comparison appears once DfE's figures are imported; `--format pdf` prints it with headless
# Chromium; and, when playwright-core, axe-core and Chromium are installed, a real browser
# finds every section and axe-core reports no WCAG 2.2 AA violation
# (tests/browser/scrutiny.spec.mjs).
. tests/e2e/lib.sh

ROOT=$(pwd)
BENCH=${ONROLL_SHARED:-$ROOT/../shared}/external-data/dfe-exclusion-statistics-2006-2017/clean_la_data.csv
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
R=$WORK/R.html

expect_status "demo LA" 0 "$ONROLL" demo --schools 30 --pupils 8000 --as-of 2026-11-24

# Hostile data: a school renamed with markup in its name (the schools kind updates in place).
"$ONROLL" export schools >"$WORK/schools.csv"
awk -F, 'NR == 1 { print; next } !done && $4 == "secondary" {
    $3 = "Hill <script>alert(1)</script> & '"'"'Q'"'"' School"; done = 1 } { print }' OFS=, \
    "$WORK/schools.csv" >"$WORK/schools-hostile.csv"
expect_status "a school renamed with markup in its name" 0 "$ONROLL" import "$WORK/schools-hostile.csv"

# ---- before any England figures are loaded ----
expect_status "scrutiny report without England figures: exit 0" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --out "$WORK/no-england.html"
expect_in "says England's figures are not available (issue 16: no operator text)" "Figures for England are not available" "$WORK/no-england.html"

if [ -f "$BENCH" ]; then
    expect_status "import DfE's published figures (benchmarks)" 0 "$ONROLL" import "$BENCH"
else
    echo "skipped: the England comparison ($BENCH is absent)"
fi

# ---- the HTML report ----
expect_status "onroll report scrutiny --year 2025/26 --out R.html: exit 0" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --out "$R"
for id in summary trends comparisons rates disproportionality schools movements reu offrolling commentary actions about; do
    expect_in "section $id is an <h2> with its id" "<h2 id=\"$id\">" "$R"
done
expect_in "a whole HTML document in English" '<html lang="en">' "$R"
expect_eq "exactly one h1" 1 "$(grep -o '<h1[ >]' "$R" | wc -l | tr -d ' ')"
expect_in "one main landmark" '<main id="main">' "$R"
expect_in "a skip link" 'href="#main" class="skip-link"' "$R"
expect_in "inline style" '<style>' "$R"
expect_not_in "no script" '<script' "$R"
expect_not_in "no linked resource" '<link' "$R"
expect_not_in "no loaded resource (src=)" ' src=' "$R"
expect_not_in "no remote url() in the style" 'url(http' "$R"
expect_not_in "no @import" '@import' "$R"
expect_in "tables have captions" '<caption' "$R"
expect_in "tables have column headers" '<th scope="col"' "$R"
expect_in "charts are named images" '<svg class="chart" role="img"' "$R"
expect_in "trend chart" 'id="chart-trends-title"' "$R"
expect_in "funnel plot of secondary schools" 'id="chart-funnel-secondary-title"' "$R"
expect_in "risk ratio chart by ethnicity" 'id="disp-ethnicity-title"' "$R"
expect_in "charts are described" '<desc id="chart-funnel-secondary-desc">' "$R"
expect_in "the hostile school name is escaped" \
    'Hill &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;Q&#39; School' "$R"
expect_not_in "the hostile school name is never raw" 'alert(1)</script>' "$R"

# the figures: the headline matches `onroll report rates`, the commentary is generated
"$ONROLL" report rates --year 2025/26 >"$WORK/rates.csv"
col() { # col NAME: the LA total's NAME in rates.csv, with thousands separators
    awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i } NR == 2 { print $c }' \
        "$WORK/rates.csv" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'
}
susp=$(col suspension)
perm=$(col perm_excl)
expect_in "headline suspensions as in report rates ($susp)" "<span class=\"figure\">$susp</span><span class=\"what\">suspensions" "$R"
expect_in "headline permanent exclusions as in report rates ($perm)" "<span class=\"figure\">$perm</span><span class=\"what\">permanent" "$R"
expect_in "N schools issue half of all suspensions" "schools issue half of all suspensions" "$R"
expect_in "commentary quotes risk ratios with CIs" "times as likely as other pupils to be suspended at least once (95% CI" "$R"
expect_in "commentary on the trend" "The suspension rate rose from" "$R"
expect_in "suppressed groups are said to be suppressed (issue 16)" \
    "Suppressed, because so few pupils are involved that a child could be identified: the figures for" "$R"
expect_in "schools of concern named" "<h3>Schools of concern</h3>" "$R"
expect_in "movements by school" "Pupil movements by school, 2025/26" "$R"
if [ -f "$BENCH" ]; then
    expect_in "England's latest year, labelled" "England 2016/17" "$R"
    expect_in "England's suspension rate" "4.76" "$R"
fi

# suppression: on by default; no published count of 1 or 2 anywhere
expect_in "suppressed cells shown as c" 'numeric">c</td>' "$R"
expect_not_in "no count of 1 published" 'numeric">1</td>' "$R"
expect_not_in "no count of 2 published" 'numeric">2</td>' "$R"
expect_status "unsuppressed (LA only): exit 0" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --unsuppressed --out "$WORK/unsuppressed.html"
expect_in "unsuppressed copy says so" "Not for publication" "$WORK/unsuppressed.html"
expect_not_in "unsuppressed copy has no c cells" 'numeric">c</td>' "$WORK/unsuppressed.html"
expect_status "--threshold 5" 0 \
    "$ONROLL" report scrutiny --year 2025/26 --threshold 5 --out "$WORK/t5.html"
expect_in "threshold 5 is stated" "counts from 1 to 5" "$WORK/t5.html"
for n in 3 4 5; do
    expect_not_in "threshold 5: no count of $n published" "numeric\">$n</td>" "$WORK/t5.html"
done

# a year without data is an error, not an empty report
expect_status "a year with no pupils: exit 1" 1 "$ONROLL" report scrutiny --year 2030/31 --out "$WORK/empty.html"
expect_in "a year with no pupils: says why" "nothing to report" "$WORK/err"

# ---- PDF ----
expect_status "PDF without --out: exit 2" 2 "$ONROLL" report scrutiny --year 2025/26 --format pdf
expect_in "PDF without --out: says so" "needs a file" "$WORK/err"
expect_status "PDF without Chromium: exit 1" 1 env ONROLL_CHROMIUM="$WORK/no-chromium" \
    "$ONROLL" report scrutiny --year 2025/26 --format pdf --out "$WORK/none.pdf"
expect_in "PDF without Chromium: a clear error" "Chromium is not installed" "$WORK/err"
if [ -x "$CHROMIUM" ]; then
    mkdir -p "$WORK/tmp"
    expect_status "--format pdf --out R.pdf: exit 0" 0 env TMPDIR="$WORK/tmp" \
        "$ONROLL" report scrutiny --year 2025/26 --format pdf --out "$WORK/R.pdf"
    expect_eq "the PDF starts with %PDF" "%PDF" "$(head -c 4 "$WORK/R.pdf" 2>/dev/null)"
    expect_eq "no temporary files left behind" "" "$(ls -A "$WORK/tmp")"
else
    echo "skipped: PDF ($CHROMIUM is not installed: apt-get install chromium)"
fi

# ---- a real browser and axe-core ----
if ! command -v node >/dev/null 2>&1; then
    echo "skipped: browser test (node is not installed)"
elif [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    echo "skipped: browser test (node_modules/playwright-core or axe-core missing: npm install)"
elif [ ! -x "$CHROMIUM" ]; then
    echo "skipped: browser test ($CHROMIUM is not installed: apt-get install chromium)"
else
    CHROMIUM=$CHROMIUM node tests/browser/scrutiny.spec.mjs "$R" >"$WORK/browser" 2>&1
    rc=$?
    sed 's/^/    /' "$WORK/browser"
    if [ $rc -eq 0 ]; then pass "browser: every section found, axe-core 0 violations"; else fail "browser test (exit $rc)" "$(grep -E '^(FAIL|axe:)' "$WORK/browser" | head -20)"; fi
fi

finish
