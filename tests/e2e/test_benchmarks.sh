#!/bin/sh
# test_benchmarks.sh - the DfE's statistics as they are published today (issue 15, part 2-3):
# the Explore Education Statistics file of "Suspensions and permanent exclusions in England"
# imports whole as the benchmarks kind, and `onroll report benchmarks` recomputes every published
# rate from its counts (DOMAIN.md §6) and says how many agree: the shared copy's README states
# 32,952 rates recompute and 32,951 agree (the one that does not has a count of 565.079), and 48
# rate cells are not numbers or have a headcount of 0. A small file built here has the newer
# `education_phase` column, DfE's symbols (c, x, z, low, :), a byte-order mark, CRLF line ends and
# two published columns onroll does not read (listed once, not refused); hand-worked figures
# below. A file with a level or period onroll does not compare, or a rate that is not a figure,
# is refused whole with its line and column.
. tests/e2e/lib.sh

ROOT=$(pwd)
EES=${ONROLL_SHARED:-$ROOT/../shared}/external-data/dfe-exclusions-ees/exc_nat_region_la.csv
D=tests/e2e/data/benchmarks

expect_status "init" 0 "$ONROLL" init

# An unrecognised header names every kind, benchmarks too.
printf 'foo,bar\n1,2\n' >"$WORK/odd.csv"
expect_status "an unrecognised header is refused" 1 "$ONROLL" import "$WORK/odd.csv"
expect_in "the refusal lists the benchmarks kind" "benchmarks" "$WORK/err"
expect_in "the refusal lists the other kinds" "schools, calendar, pupils" "$WORK/err"

# ---- the small file: hand-worked ----
expect_status "EES layout with education_phase and DfE's symbols imports" 0 "$ONROLL" import "$D/ees-phase.csv"
expect_in "4 rows new" "benchmarks, 4 rows: 4 new" "$WORK/out"
expect_in "the published columns not read are listed once" "published columns not used: perm_excl_sen, version" "$WORK/out"
expect_eq "regional row: level Region, named by its region, its code kept" "Region|London|E12000007|London" \
    "$(sql "select level, la_name, area_code, region_name from benchmarks where year = 202324 and level = 'Region'")"
expect_eq "LA row: named by the LA, its three-digit code and ONS code" "City of London|201|E09000001" \
    "$(sql "select la_name, la_code, area_code from benchmarks where la_code = 201")"
expect_eq "symbols kept as published" "c|low" \
    "$(sql "select perm_excl_rate, one_or_more_fixed_excl_rate from benchmarks where level = 'Region'")"
expect_status "re-import changes nothing" 0 "$ONROLL" import "$D/ees-phase.csv"
expect_in "4 unchanged" "0 new, 0 updated, 4 unchanged" "$WORK/out"

# England: 3/1000 = 0.3, 50/1000 = 5, 40/1000 = 4: 3 agree. London: 10/400 = 2.5 against the
# published 2.6: disagrees; c and low not recomputed. City of London: 0/8 = 0, 1/8 = 12.5, and
# at 0 places 12.5 rounds away from zero to 13: 3 agree. Camden: headcount 0, nothing
# recomputed. In all 7 recomputed, 6 agree, 5 not recomputed.
expect_status "report benchmarks" 0 "$ONROLL" report benchmarks --year 2023/24
expect_in "tally: 7 recomputed, 6 agree, 5 not" \
    "7 published rates recomputed from their counts, 6 agree (5 rate cells not recomputed" "$WORK/out"
expect_status "report benchmarks --format csv" 0 "$ONROLL" report benchmarks --year 2023/24 --format csv
expect_in "the London suspension rate disagrees: 2.5 against 2.6" "Region,London,,E12000007,Total,400,c,c,,,10,2.6,2.5,no" "$WORK/out"
expect_in "City of London: 13 at 0 places agrees" "City of London,201,E09000001,Total,8,0,0,0,yes,1,12.5,12.5,yes,1,13,13,yes" "$WORK/out"
expect_in "the tally goes to stderr with csv" "7 published rates recomputed" "$WORK/err"
expect_status "--level la --la 201" 0 "$ONROLL" report benchmarks --level la --la 201 --format csv
expect_eq "one LA row selected" "2" "$(wc -l <"$WORK/out" | tr -d ' ')"
expect_status "a year with no figures says so and exits 1" 1 "$ONROLL" report benchmarks --year 2031/32
expect_in "no figures for that selection" "no published figures for that selection" "$WORK/err"
expect_status "a bad --year is a usage error" 2 "$ONROLL" report benchmarks --year 2023
expect_status "a bad --level is a usage error" 2 "$ONROLL" report benchmarks --level county

# ---- refused whole, each error with its line and column ----
before=$(sql "select count(*) from benchmarks")
expect_status "a file with rows onroll cannot read is refused" 1 "$ONROLL" import "$D/ees-bad.csv"
expect_in "another geographic level: line 3, its column and value" \
    "ees-bad.csv:3: column geographic_level: 'Parliamentary constituency' is not a level onroll compares" "$WORK/err"
expect_in "another period: line 4" "ees-bad.csv:4: column time_identifier: 'Calendar year'" "$WORK/err"
expect_in "a rate that is not a figure: line 5" "ees-bad.csv:5: column one_or_more_fixed_excl_rate" "$WORK/err"
expect_eq "nothing of the file was written" "$before" "$(sql "select count(*) from benchmarks")"

# ---- the DfE's published file, 2006/07 to 2022/23, whole ----
if [ -f "$EES" ]; then
    ONROLL_DB=$(new_db ees)
    expect_status "init a second database" 0 "$ONROLL" init
    expect_status "the published EES file imports whole" 0 "$ONROLL" import "$EES"
    expect_in "11,000 rows" "benchmarks, 11000 rows: 11000 new" "$WORK/out"
    expect_status "report benchmarks over every year" 0 "$ONROLL" report benchmarks
    expect_in "as its README states: 32,952 recomputed, 32,951 agree, 48 not numbers" \
        "32952 published rates recomputed from their counts, 32951 agree (48 rate cells not recomputed" "$WORK/out"
    expect_status "England 2022/23" 0 "$ONROLL" report benchmarks --year 2022/23 --level national --format csv
    expect_in "England 2022/23 Total as published" \
        "202223,National,England,,E92000001,Total,8430600,9376,0.11121,0.11121,yes,786961,9.33458,9.33458,yes,304040,3.60639,3.60639,yes" "$WORK/out"
else
    echo "skipped: the DfE's EES file is not at $EES (set ONROLL_SHARED)"
fi

finish
