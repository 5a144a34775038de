#!/bin/sh
# test_reports.sh - the published statistics end to end: `onroll report rates`,
# `report disproportionality` and `report schools` for 2025/26 on a small LA, driving the real
# onroll binary on a real database (SQLite, or PostgreSQL when ONROLL_TEST_PG is set: lib.sh
# new_db). DOMAIN.md §6 gives the definitions, formats.md the rates CSV; the column layout of
# the other two tables is that of include/onroll/report.h and src/report/rates.c. Every expected
# value below was worked out by hand from DOMAIN.md §6 and the scenario in tests/e2e/reports/,
# never copied from the program's output; the counting and the arithmetic are next to each check.
# (7) PostgreSQL: nothing here is SQLite-specific; run with ONROLL_TEST_PG set (tests/pg), the
# same commands must give the same files.
. tests/e2e/lib.sh
R=$(pwd)/tests/e2e/reports

# ---------------------------------------------------------------------------------------------
# The scenario (tests/e2e/reports/*.csv). LA 999; three schools:
#   300001 Northgate Academy (secondary)      "S1"
#   300002 Southfield High School (secondary) "S2"
#   300003 Riverside Primary School (primary) "P"
# Academic year 2025/26. Spring census day: the third Thursday of January 2026. 1 Jan 2026 is a
# Thursday, so the Thursdays are 1, 8, 15 Jan -> census day Thu 15 Jan 2026.
# Headcount = pupils whose main enrolment covers 15 Jan 2026 (start <= 15 Jan <= end, end empty
# = still on roll); their sex and FSM are those of the latest snapshot with as_of <= 15 Jan.
#
# UPNs are 999 2530000NN with the DfE check letter: "ABCDEFGHJKLMNPQRTUVWXYZ"[sum p*d_p mod 23].
# Snapshots as_of 2025-09-01 unless said. (census FSM in brackets where it changes)
#
# S1 Northgate, on roll on census day: 22 (M 13: FSM1 5, FSM0 8; F 9: FSM1 3, FSM0 6)
#   A01 U999253000001 M FSM1  suspensions N01 17 Sep, N02 15 Oct, N03 3 Dec, N04 21 Jan;
#                             permanent exclusion N05 16 Mar 2026 (still on roll on census day)
#   A02 H999253000002 M FSM1  suspensions N06 6 Oct, N07 4 Feb
#   A03 X999253000003 M FSM0  suspension N08 11 Nov 2025; N09 8 Jul 2025 is in 2024/25 (the
#                             school year runs 1 Aug - 31 Jul): not counted in 2025/26
#   A04 L999253000004 M FSM0  suspension N10 2 Mar
#   A05 A999253000005 F FSM0  suspension N11 5 Nov, WITHDRAWN by N12 6 Nov: counts nowhere
#   A06 P999253000006 F FSM1  suspension N13 20 Oct; permanent exclusion N14 12 Mar 2026
#   A07 D999253000007 F FSM0 on census day; a snapshot of 2 Feb 2026 makes her FSM1. Suspension
#                             N15 10 Mar 2026: she is on roll on census day, so the census-day
#                             characteristics apply -> counted under FSM0
#   A08 T999253000008 M FSM0 until a snapshot of 3 Nov 2025 makes him FSM1 (census: FSM1).
#                             Suspension N16 1 Oct 2025 (when he was FSM0): on roll on census day
#                             -> counted under FSM1
#   A09 G999253000009 M FSM1  suspension N17 9 Dec
#   A10 T999253000010 M FSM0  suspensions N18 24 Sep, N19 19 Nov, N20 25 Feb
#   A11 M FSM1; A12-A16 M FSM0; A17, A18 F FSM1; A19-A22 F FSM0: no events
#   (B10 of S2 also has a SUBSIDIARY registration at S1: not in S1's headcount, DOMAIN.md §6
#    counts main registrations only)
#   J1  Y999253000081 M, joined S1 on 2 Feb 2026 (after census day: not in any headcount), one
#                     snapshot as_of 2 Feb 2026, FSM1. Suspension N21 3 Mar 2026: counted with
#                     the characteristics in force on 3 Mar -> M FSM1, at S1
#   B01 H999253000031 F FSM0, at S1 2024-09-04 .. 2025-11-28 then at S2 from 1 Dec 2025 (on roll
#                     at S2 on census day, so in S2's headcount). Suspension N22 14 Oct 2025 by
#                     S1: an S1 suspension (the excluding school), F FSM0
# S2 Southfield, on roll on census day: 20 (M 11: FSM1 2, FSM0 9; F 9: FSM1 3, FSM0 6)
#   B01 (above) F FSM0
#   B02 X999253000032 M FSM1  suspensions S01 25 Nov, S02 27 Jan; permanent exclusion S03
#                             10 Feb 2026 (on roll on census day)
#   B03 L999253000033 M FSM0  suspensions S04 8 Oct, S05 2 Dec, S06 4 Mar 2026 (12 sessions);
#                             S06 REINSTATED on 13 Mar, after it took effect: still counts
#   B04 A999253000034 M FSM0  suspensions S08 13 Nov, S09 18 Mar
#   B05 P999253000035 M FSM0  LUNCHTIME suspension S10 3 Dec, his only event: lunchtime
#                             suspensions are not collected in the school census, so they count
#                             nowhere in these reports -> B05 is in no suspension count and is
#                             not a one-plus pupil
#   B06 D999253000036 M FSM0  suspension S11 from Mon 23 Feb 2026 (decided 13 Feb, 12 sessions),
#                             REINSTATED on 19 Feb, before it took effect: counts nowhere
#   B07 M FSM1; B08-B12 M FSM0; B13-B15 F FSM1; B16-B20 F FSM0: no events
#   L1  B999253000083 F, left S2 on 19 Dec 2025 (not on roll on census day). FSM0, then FSM1
#                     from a snapshot of 3 Nov 2025. Suspension S13 8 Oct 2025: characteristics
#                     in force on 8 Oct -> F FSM0, at S2
#   X1  Q999253000084 M, left S2 on 12 Dec 2025. FSM1, then FSM0 from a snapshot of 1 Dec 2025.
#                     Permanent exclusion S14 12 Nov 2025: in force on 12 Nov -> M FSM1, at S2
#   J2  M999253000082 F, joined S2 on Mon 19 Jan 2026 (after census day), snapshot as_of
#                     19 Jan, FSM0. Suspension S15 4 Mar 2026 -> F FSM0, at S2
# P Riverside, on roll on census day: 14 (M 8: FSM1 3, FSM0 5; F 6: FSM1 2, FSM0 4), no events
#   C01-C03 M FSM1, C04-C08 M FSM0, C09-C10 F FSM1, C11-C13 F FSM0,
#   C14 C999253000074 F FSM0 joined on census day itself (start 2026-01-15, snapshot as_of
#       2026-01-15): her enrolment covers census day -> in the headcount
#   C15 R999253000075 F left on 14 Jan 2026, the day before census day: not in the headcount
#
# Counting (2025/26; "susp" = counted suspensions, "1+" = pupils with at least one):
#   group        headcount             susp                                  1+   perm
#   M FSM1  5+2+3 = 10   A01 4 + A02 2 + A08 1 + A09 1 + J1 1 + B02 2 = 11    6   A01,B02,X1 = 3
#   M FSM0  8+9+5 = 22   A03 1 + A04 1 + A10 3 + B03 3 + B04 2     = 10    5   0
#   F FSM1  3+3+2 =  8   A06 1                                      =  1    1   A06 = 1
#   F FSM0  6+6+4 = 16   A07 1 + B01 1 + L1 1 + J2 1                =  4    4   0
#   M  32, susp 21, 1+ 11, perm 3        FSM0 38, susp 14, 1+ 9, perm 0
#   F  24, susp  5, 1+  5, perm 1        FSM1 18, susp 12, 1+ 7, perm 4
#   LA 56, susp 26, 1+ 16, perm 4
# (1+ of a group can include pupils outside its headcount: J1, J2, L1 are in no headcount.)
# Rates: count x 100 / headcount to 2 d.p., half away from zero, computed exactly.
# ---------------------------------------------------------------------------------------------

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$R/schools.csv" "$R/calendar.csv" \
    "$R/pupils.csv" "$R/enrolments.csv" "$R/events.csv"
expect_in "scenario events imported" "events.csv: events, 37 rows: 37 new" "$WORK/out"
expect_in "scenario pupils imported (61 pupils, 65 snapshots)" "pupils.csv: pupils, 65 rows: 65 new" "$WORK/out"

# expect_row NAME FILE PREFIX : FILE has a line that starts with PREFIX (a row on its own, so a
# failure says which group went wrong)
expect_row() {
    if awk -v s="$3" 'index($0, s) == 1 { f = 1 } END { exit !f }' "$2"; then
        pass "$1"
    else
        fail "$1 (no row '$3')" "$(head -12 "$2")"
    fi
}

# ---------------------------------------------------------------------------------------------
# (1) report rates --by sex, unsuppressed (tests/e2e/reports/expected-rates-sex.csv):
#   Total: headcount 56; suspension 26 -> 2600/56 = 46.428.. -> 46.43; perm 4 -> 400/56 =
#          7.142.. -> 7.14; one-plus 16 -> 1600/56 = 28.571.. -> 28.57
#   M:     32; 21 -> 2100/32 = 65.625 exactly, a tie: half away from zero -> 65.63 (a double
#          printed with %.2f rounds this tie to even: 65.62); perm 3 -> 300/32 = 9.375 -> 9.38;
#          one-plus 11 -> 1100/32 = 34.375 -> 34.38
#   F:     24; 5 -> 500/24 = 20.833.. -> 20.83; perm 1 -> 100/24 = 4.166.. -> 4.17; one-plus 5
#          -> 20.83
#   time_period 202526, geographic_level "Local authority", la_code 999, urn empty; rows Total,
#   then M, F.
# ---------------------------------------------------------------------------------------------
expect_status "rates --by sex --unsuppressed" 0 "$ONROLL" report rates --year 2025/26 --by sex --unsuppressed --format csv
cp "$WORK/out" "$WORK/rates-sex.csv"
expect_same_file "rates by sex equal the hand-worked CSV" "$R/expected-rates-sex.csv" "$WORK/rates-sex.csv"
expect_row "rates by sex: the girls' row (no lunchtime or reinstatement in it)" "$WORK/rates-sex.csv" \
    "202526,Local authority,999,,F,Female,24,5,20.83,1,4.17,5,20.83"
expect_row "rates by sex: boys, 21 suspensions (lunchtime S10 not counted), 65.625 -> 65.63" "$WORK/rates-sex.csv" \
    "202526,Local authority,999,,M,Male,32,21,65.63,3,9.38,11,34.38"
expect_row "rates by sex: LA total (headcount 56: late joiners, leavers, subsidiary out)" "$WORK/rates-sex.csv" \
    "202526,Local authority,999,,Total,Total,56,"
expect_row "rates by sex: LA total suspensions 26, one-plus 16" "$WORK/rates-sex.csv" \
    "202526,Local authority,999,,Total,Total,56,26,46.43,4,7.14,16,28.57"

# ---------------------------------------------------------------------------------------------
# (2) the same, suppressed (the default; tests/e2e/reports/expected-rates-sex-suppressed.csv).
# Per measure, along the sex column with its Total:
#   headcount 56 | 32, 24 -> nothing small. suspension 26 | 21, 5 -> nothing.
#   perm_excl 4 | M 3, F 1: F = 1 -> c (primary). The Total (4) is shown and exactly one cell of
#     it is suppressed -> the next smallest non-zero cell, M = 3, is suppressed too (secondary).
#     Their rates are built on a c -> c. The Total 4 (7.14) stays.
#   one_plus 16 | 11, 5 -> nothing.
# ---------------------------------------------------------------------------------------------
expect_status "rates --by sex (suppressed)" 0 "$ONROLL" report rates --year 2025/26 --by sex --format csv
cp "$WORK/out" "$WORK/rates-sex-sup.csv"
expect_same_file "suppressed rates by sex equal the hand-worked CSV" "$R/expected-rates-sex-suppressed.csv" "$WORK/rates-sex-sup.csv"
expect_row "suppressed: F perm 1 -> c (primary), its rate c" "$WORK/rates-sex-sup.csv" \
    "202526,Local authority,999,,F,Female,24,5,20.83,c,c,5,20.83"
expect_row "suppressed: M perm 3 -> c (secondary: the only other cell of a shown total)" "$WORK/rates-sex-sup.csv" \
    "202526,Local authority,999,,M,Male,32,"
expect_eq "suppressed: M perm and its rate are c" "c,c" \
    "$(grep '^202526,Local authority,999,,M,Male,' "$WORK/rates-sex-sup.csv" | cut -d, -f10,11)"
expect_eq "suppressed: the Total perm 4 is shown" "4,7.14" \
    "$(grep '^202526,Local authority,999,,Total,Total,' "$WORK/rates-sex-sup.csv" | cut -d, -f10,11)"

# ---------------------------------------------------------------------------------------------
# (3) report rates --by sex,fsm, unsuppressed (tests/e2e/reports/expected-rates-sex-fsm.csv).
# Rows: every sex (Total first, then M, F) x every FSM value (Total first, then 0, 1).
#   fsm 0 label "Not known to be eligible for free school meals", 1 "Known to be eligible for
#   free school meals".
#   Total,Total  56, 26 46.43, 4 7.14, 16 28.57                       (as in (1))
#   Total,0      38, 14 -> 1400/38 = 36.842.. -> 36.84, 0 -> 0.00, 9 -> 900/38 = 23.684.. -> 23.68
#   Total,1      18, 12 -> 66.666.. -> 66.67, 4 -> 22.222.. -> 22.22, 7 -> 38.888.. -> 38.89
#   M,Total      32, 21 65.63, 3 9.38, 11 34.38                       (as in (1))
#   M,0          22, 10 -> 45.4545.. -> 45.45, 0 -> 0.00, 5 -> 22.7272.. -> 22.73
#   M,1          10, 11 -> 110.00, 3 -> 30.00, 6 -> 60.00
#   F,Total      24, 5 20.83, 1 4.17, 5 20.83                         (as in (1))
#   F,0          16, 4 -> 25.00, 0 -> 0.00, 4 -> 25.00
#   F,1           8, 1 -> 12.50, 1 -> 12.50, 1 -> 12.50
# Cells add up to their totals: 22+10 = 32, 16+8 = 24, 22+16 = 38, 10+8 = 18; 10+11 = 21, 4+1
# = 5, 10+4 = 14, 11+1 = 12; one-plus 5+6 = 11, 4+1 = 5, 5+4 = 9, 6+1 = 7 (no pupil is in two
# cells: A07, A08 are counted once, at their census-day FSM).
# ---------------------------------------------------------------------------------------------
expect_status "rates --by sex,fsm --unsuppressed" 0 "$ONROLL" report rates --year 2025/26 --by sex,fsm --unsuppressed --format csv
cp "$WORK/out" "$WORK/rates-sex-fsm.csv"
expect_same_file "rates by sex and FSM equal the hand-worked CSV" "$R/expected-rates-sex-fsm.csv" "$WORK/rates-sex-fsm.csv"
N0="Not known to be eligible for free school meals"
N1="Known to be eligible for free school meals"
expect_row "sex x FSM: F FSM0 (A07 at census FSM0, L1 and J2 at their event's FSM0)" "$WORK/rates-sex-fsm.csv" \
    "202526,Local authority,999,,F,Female,0,$N0,16,4,25.00,0,0.00,4,25.00"
expect_row "sex x FSM: F FSM1" "$WORK/rates-sex-fsm.csv" \
    "202526,Local authority,999,,F,Female,1,$N1,8,1,12.50,1,12.50,1,12.50"
expect_row "sex x FSM: M FSM1 (A08 at census FSM1, J1 and X1 at their event's FSM1)" "$WORK/rates-sex-fsm.csv" \
    "202526,Local authority,999,,M,Male,1,$N1,10,11,110.00,3,30.00,6,60.00"
expect_row "sex x FSM: M FSM0 (no lunchtime, no suspension reinstated before it began)" "$WORK/rates-sex-fsm.csv" \
    "202526,Local authority,999,,M,Male,0,$N0,22,10,45.45,0,0.00,5,22.73"
expect_row "sex x FSM: FSM1 total" "$WORK/rates-sex-fsm.csv" \
    "202526,Local authority,999,,Total,Total,1,$N1,18,12,66.67,4,22.22,7,38.89"
expect_row "sex x FSM: FSM0 total" "$WORK/rates-sex-fsm.csv" \
    "202526,Local authority,999,,Total,Total,0,$N0,38,14,36.84,0,0.00,9,23.68"

# ---------------------------------------------------------------------------------------------
# (3b) --by sex,fsm suppressed (tests/e2e/reports/expected-rates-sex-fsm-suppressed.csv). Each
# measure is a 2x2 table (M/F x FSM0/FSM1) with row, column and grand totals; the rule is applied
# to every row and column that has a shown total, until nothing changes:
#   headcount  M 22 10 |32   F 16 8 |24   T 38 18 |56   nothing small.
#   suspension M 10 11 |21   F  4 1 | 5   T 14 12 |26
#     F1 = 1 -> c. Row F (total 5 shown): only F1 suppressed -> F0 (4) c. Column FSM1 (12
#     shown): only F1 -> M1 (11) c. Column FSM0 (14 shown): only F0 -> M0 (10) c. Row M: M0, M1
#     both c: done. The margins 21, 5, 14, 12, 26 stay.
#   perm_excl  M  0  3 | 3   F  0 1 | 1   T  0  4 | 4
#     F1 = 1 and F total = 1 -> c. Row F: its total is not shown -> nothing. Column FSM1 (4
#     shown): only F1 -> M1 (3) c. Column of sex totals (grand total 4 shown): only F total ->
#     M total (3) c. Row M: total now c -> nothing. Zeros stay 0 (rates 0.00).
#   one_plus   M  5  6 |11   F  4 1 | 5   T  9  7 |16
#     as suspensions: F1 c, then F0 (4), M1 (6), M0 (5) c; margins stay.
#   Every rate built on a c is c.
# ---------------------------------------------------------------------------------------------
expect_status "rates --by sex,fsm (suppressed)" 0 "$ONROLL" report rates --year 2025/26 --by sex,fsm --format csv
cp "$WORK/out" "$WORK/rates-sex-fsm-sup.csv"
expect_same_file "suppressed rates by sex and FSM equal the hand-worked CSV" "$R/expected-rates-sex-fsm-suppressed.csv" "$WORK/rates-sex-fsm-sup.csv"
expect_row "sex x FSM suppressed: M total perm c (secondary, the column of sex totals)" "$WORK/rates-sex-fsm-sup.csv" \
    "202526,Local authority,999,,M,Male,Total,Total,32,"
expect_eq "sex x FSM suppressed: M total perm_excl, perm_excl_rate" "c,c" \
    "$(grep '^202526,Local authority,999,,M,Male,Total,' "$WORK/rates-sex-fsm-sup.csv" | cut -d, -f12,13)"
expect_row "sex x FSM suppressed: F FSM1 all c but headcount 8" "$WORK/rates-sex-fsm-sup.csv" \
    "202526,Local authority,999,,F,Female,1,$N1,8,c,c,c,c,c,c"
expect_row "sex x FSM suppressed: FSM1 total shown" "$WORK/rates-sex-fsm-sup.csv" \
    "202526,Local authority,999,,Total,Total,1,$N1,18,12,66.67,4,22.22,7,38.89"

# ---------------------------------------------------------------------------------------------
# (4) report disproportionality --by sex, unsuppressed: each sex against all other pupils in the
# LA (tests/e2e/reports/expected-disproportionality-sex.csv).
# Risk ratio (one-plus): RR = (a/n1)/(c/n2), 95% CI exp(ln RR +- 1.96 sqrt(1/a - 1/n1 + 1/c -
# 1/n2)); rate ratio (suspensions): exp(ln RR +- 1.96 sqrt(1/a + 1/c)); significant = the CI
# excludes 1. Printed to 2 d.p.
#   M vs F, one-plus: a 11, n1 32, c 5, n2 24. RR = (11/32)/(5/24) = 264/160 = 1.65
#     var = 1/11 - 1/32 + 1/5 - 1/24 = 0.0909091 - 0.03125 + 0.2 - 0.0416667 = 0.2179924
#     sqrt = 0.4668966, x1.96 = 0.9151173; ln 1.65 = 0.5007753
#     lo = exp(0.5007753 - 0.9151173) = exp(-0.4143420) = 0.6608 -> 0.66
#     hi = exp(0.5007753 + 0.9151173) = exp(1.4158926) = 4.1202 -> 4.12; 1 inside -> no
#   M perm: a 3, n1 32, c 1, n2 24. RR = (3/32)/(1/24) = 72/32 = 2.25
#     var = 1/3 - 1/32 + 1 - 1/24 = 29/96 + 92/96 = 121/96 = 1.2604167, sqrt = 11/sqrt(96)
#     = 1.1226828, x1.96 = 2.2004583; ln 2.25 = 0.8109302
#     lo = exp(-1.3895281) = 0.2492 -> 0.25; hi = exp(3.0113885) = e^3 x e^0.0113885 =
#     20.0855 x 1.011454 = 20.3156 -> 20.32; no
#   M suspensions (rate ratio): a 21, n1 32, c 5, n2 24. RR = (21/32)/(5/24) = 504/160 = 3.15
#     var = 1/21 + 1/5 = 0.0476190 + 0.2 = 0.2476190, sqrt = 0.4976134, x1.96 = 0.9753222;
#     ln 3.15 = 1.1474025
#     lo = exp(0.1720803) = 1.1878 -> 1.19; hi = exp(2.1227247) = 8.3539 -> 8.35; lo > 1 -> yes
#   F vs M: the reciprocals, same variances.
#     one-plus RR = 1/1.65 = 0.60606 -> 0.61; lo = 1/4.1202 = 0.2427 -> 0.24; hi = 1/0.6608 =
#       1.5134 -> 1.51; no
#     perm RR = (1/24)/(3/32) = 32/72 = 0.4444 -> 0.44; lo = 1/20.3156 = 0.04922 -> 0.05;
#       hi = 1/0.2492 = 4.0130 -> 4.01; no
#     suspensions RR = 160/504 = 0.31746 -> 0.32; lo = 1/8.3539 = 0.11971 -> 0.12;
#       hi = 1/1.1878 = 0.8419 -> 0.84; hi < 1 -> yes
#   Rates as in (1): M 34.38, 9.38, 65.63; F 20.83, 4.17, 20.83. No row for the Total.
# ---------------------------------------------------------------------------------------------
expect_status "disproportionality --by sex --unsuppressed" 0 "$ONROLL" report disproportionality --year 2025/26 --by sex --unsuppressed --format csv
cp "$WORK/out" "$WORK/disp-sex.csv"
expect_same_file "disproportionality by sex equals the hand-worked CSV" "$R/expected-disproportionality-sex.csv" "$WORK/disp-sex.csv"
expect_eq "disproportionality: header" \
    "time_period,la_code,sex,sex_label,headcount,one_plus_susp,one_plus_susp_rate,one_plus_rr,one_plus_rr_lower,one_plus_rr_upper,one_plus_rr_significant,perm_excl,perm_excl_rate,perm_excl_rr,perm_excl_rr_lower,perm_excl_rr_upper,perm_excl_rr_significant,suspension,susp_rate,susp_rate_ratio,susp_rate_ratio_lower,susp_rate_ratio_upper,susp_rate_ratio_significant" \
    "$(head -1 "$WORK/disp-sex.csv")"
row() { grep "^202526,999,$1," "$WORK/disp-sex.csv" | cut -d, -f"$2"; }
expect_eq "disproportionality: M one-plus RR 1.65 (0.66-4.12), not significant" "11,34.38,1.65,0.66,4.12,no" "$(row M 6-11)"
expect_eq "disproportionality: M permanent exclusion RR 2.25 (0.25-20.32), not significant" "3,9.38,2.25,0.25,20.32,no" "$(row M 12-17)"
expect_eq "disproportionality: M suspension rate ratio 3.15 (1.19-8.35), significant" "21,65.63,3.15,1.19,8.35,yes" "$(row M 18-23)"
expect_eq "disproportionality: F one-plus RR 0.61 (0.24-1.51), not significant" "5,20.83,0.61,0.24,1.51,no" "$(row F 6-11)"
expect_eq "disproportionality: F permanent exclusion RR 0.44 (0.05-4.01), not significant" "1,4.17,0.44,0.05,4.01,no" "$(row F 12-17)"
expect_eq "disproportionality: F suspension rate ratio 0.32 (0.12-0.84), significant" "5,20.83,0.32,0.12,0.84,yes" "$(row F 18-23)"
expect_eq "disproportionality: no Total row" "0" "$(grep -c ',Total,' "$WORK/disp-sex.csv")"

# ---------------------------------------------------------------------------------------------
# (5) report schools, unsuppressed (tests/e2e/reports/expected-schools.csv). Headcount by the
# census-day school; suspensions, one-plus and permanent exclusions by the excluding school
# (the event's URN).
#   S1 Northgate: headcount 22 (B01 is at S2 on census day, J1 joined later).
#     suspensions N01-N04 4, N06-N07 2, N08, N10, N13, N15, N16, N17 6, N18-N20 3, N21 (J1),
#     N22 (B01) 2 = 17 -> 1700/22 = 77.2727 -> 77.27
#     one-plus A01 A02 A03 A04 A06 A07 A08 A09 A10 J1 B01 = 11 -> 50.00; perm N05, N14 = 2
#   S2 Southfield: headcount 20. suspensions S01 S02 (B02), S04 S05 S06 (B03), S08 S09 (B04),
#     S13 (L1), S15 (J2) = 9 -> 45.00; one-plus B02 B03 B04 L1 J2 = 5 -> 25.00; perm S03, S14 = 2
#   P Riverside: headcount 14, nothing -> 0, 0.00, 0, 0.00, perm 0
#   LA one-plus p = 16/56 = 2/7 = 0.2857143 -> la_one_plus_susp_rate 28.57;
#   p(1-p) = 10/49 = 0.2040816. Limits p +- z sqrt(p(1-p)/n), clipped to [0, 1], as %:
#     S1 n 22: se = sqrt(0.2040816/22) = 0.0963143; 1.96 se = 0.1887760, 3.09 se = 0.2976111
#       95%: 0.0969383, 0.4744903 -> 9.69, 47.45; 99.8%: -0.0118968 -> 0 -> 0.00, 0.5833254
#       -> 58.33. School 11/22 = 0.50 > 0.4745 (95% upper) and <= 0.5833 -> "watch"
#     S2 n 20: se = sqrt(0.2040816/20) = 0.1010153; 1.96 se = 0.1979899, 3.09 se = 0.3121371
#       95%: 0.0877244, 0.4837042 -> 8.77, 48.37; 99.8%: -0.0264 -> 0.00, 0.5978514 -> 59.79.
#       5/20 = 0.25 inside both -> "within"
#     P n 14: se = sqrt(0.2040816/14) = 0.1207363; 1.96 se = 0.2366432, 3.09 se = 0.3730752
#       95%: 0.0490711, 0.5223575 -> 4.91, 52.24; 99.8%: -0.0874 -> 0.00, 0.6587895 -> 65.88.
#       0/14 = 0 is below the 95% lower limit (and not below the clipped 99.8% one, 0) -> "low"
#   (DOMAIN.md names the classes above the funnel; "within" and "low" are the layout's names
#   for inside and below it.)
#   Order: descending suspensions (17, 9, 0). Share of the LA's 26 suspensions: S1 1700/26 =
#   65.3846 -> 65.38 (cumulative 65.38); S2 900/26 = 34.6154 -> 34.62 (cumulative 26/26 =
#   100.00); P 0.00 (cumulative 100.00).
# ---------------------------------------------------------------------------------------------
expect_status "schools --unsuppressed" 0 "$ONROLL" report schools --year 2025/26 --unsuppressed --format csv
cp "$WORK/out" "$WORK/schools.csv"
expect_same_file "schools against the LA equal the hand-worked CSV" "$R/expected-schools.csv" "$WORK/schools.csv"
srow() { grep "^202526,999,$1," "$WORK/schools.csv" | cut -d, -f"$2"; }
expect_eq "schools: S1 counts and rates (B01's S1 suspension counts at S1)" "22,17,77.27,11,50.00" "$(srow 300001 5-9)"
expect_eq "schools: S2 counts and rates (no lunchtime, no S11)" "20,9,45.00,5,25.00" "$(srow 300002 5-9)"
expect_eq "schools: P counts and rates" "14,0,0.00,0,0.00" "$(srow 300003 5-9)"
expect_eq "schools: LA one-plus rate 16/56" "28.57" "$(srow 300001 10)"
expect_eq "schools: S1 funnel limits and class" "9.69,47.45,0.00,58.33,watch" "$(srow 300001 11-15)"
expect_eq "schools: S2 funnel limits and class" "8.77,48.37,0.00,59.79,within" "$(srow 300002 11-15)"
expect_eq "schools: P funnel limits and class" "4.91,52.24,0.00,65.88,low" "$(srow 300003 11-15)"
expect_eq "schools: shares and cumulative shares" "65.38,65.38 34.62,100.00 0.00,100.00" \
    "$(echo $(srow 300001 16-17) $(srow 300002 16-17) $(srow 300003 16-17))"
expect_eq "schools: permanent exclusions by excluding school" "2 2 0" \
    "$(echo $(srow 300001 18) $(srow 300002 18) $(srow 300003 18))"
expect_eq "schools: in descending order of suspensions" "300001 300002 300003" \
    "$(echo $(tail -n +2 "$WORK/schools.csv" | cut -d, -f3))"

# ---------------------------------------------------------------------------------------------
# (6) usage errors: exit status 2 (formats.md), nothing on stdout.
# ---------------------------------------------------------------------------------------------
expect_status "rates --by colour: exit 2" 2 "$ONROLL" report rates --year 2025/26 --by colour --unsuppressed --format csv
expect_eq "rates --by colour: no output" "" "$(cat "$WORK/out")"
expect_in "rates --by colour: names the bad dimension" "colour" "$WORK/err"
expect_status "disproportionality --by sex,shoe: exit 2" 2 "$ONROLL" report disproportionality --year 2025/26 --by sex,shoe
expect_status "rates without --year: exit 2" 2 "$ONROLL" report rates --by sex --format csv
expect_eq "rates without --year: no output" "" "$(cat "$WORK/out")"
expect_status "schools without --year: exit 2" 2 "$ONROLL" report schools --unsuppressed
expect_status "disproportionality without --year: exit 2" 2 "$ONROLL" report disproportionality --by sex

# ---------------------------------------------------------------------------------------------
# (8) a lunchtime suspension counts nowhere: withdrawing it (S10W) changes no figure. Every
# report after the withdrawal is the same file as before it, and still the hand-worked one (so
# where (1)-(5) fail and these pass, the lunchtime suspension is what was counted).
# ---------------------------------------------------------------------------------------------
printf 'event_id,upn,urn,type,start,ref\nS10W,P999253000035,300002,withdrawn,2025-12-04,S10\n' >"$WORK/lunch-withdrawn.csv"
expect_status "withdraw the lunchtime suspension S10" 0 "$ONROLL" import "$WORK/lunch-withdrawn.csv"
after() { # NAME BEFORE EXPECTED ARGS...
    name=$1 before=$2 want=$3
    shift 3
    "$ONROLL" report "$@" --year 2025/26 --format csv >"$WORK/after.csv" 2>&1
    expect_same_file "lunchtime withdrawn: $name unchanged" "$before" "$WORK/after.csv"
    expect_same_file "lunchtime withdrawn: $name still the hand-worked CSV" "$want" "$WORK/after.csv"
}
after "rates by sex" "$WORK/rates-sex.csv" "$R/expected-rates-sex.csv" rates --by sex --unsuppressed
after "suppressed rates by sex" "$WORK/rates-sex-sup.csv" "$R/expected-rates-sex-suppressed.csv" rates --by sex
after "rates by sex and FSM" "$WORK/rates-sex-fsm.csv" "$R/expected-rates-sex-fsm.csv" rates --by sex,fsm --unsuppressed
after "suppressed rates by sex and FSM" "$WORK/rates-sex-fsm-sup.csv" "$R/expected-rates-sex-fsm-suppressed.csv" rates --by sex,fsm
after "disproportionality by sex" "$WORK/disp-sex.csv" "$R/expected-disproportionality-sex.csv" disproportionality --by sex --unsuppressed
after "schools" "$WORK/schools.csv" "$R/expected-schools.csv" schools --unsuppressed

finish
