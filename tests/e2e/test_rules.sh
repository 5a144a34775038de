#!/bin/sh
# test_rules.sh - the rules engine end to end: statutory duties, local protocol, withdrawal, risk
# indicators and the 45-day cap, driving the real onroll binary on a real SQLite database
# (DOMAIN.md §2-§5, formats.md `duties`/`risk` CSV). Every expected value below was worked out by
# hand from DOMAIN.md and the calendar in tests/e2e/rules/calendar.csv, never copied from the
# program's output; the counting is shown next to each check.
. tests/e2e/lib.sh
R=$(pwd)/tests/e2e/rules

# expect_match NAME ERE FILE : FILE has a line matching the extended regular expression
expect_match() {
    if grep -Eq -- "$2" "$3"; then pass "$1"; else fail "$1 (nothing matches /$2/)" "$(head -20 "$3")"; fi
}

# ---------------------------------------------------------------------------------------------
# The calendar (LA rows only, no school overrides; no bank holiday falls inside a term):
#   Autumn 2025 Wed 3 Sep - Fri 19 Dec, half-term holiday Mon 27 - Fri 31 Oct
#   Spring 2026 Mon 5 Jan - Fri 27 Mar, half-term holiday Mon 16 - Fri 20 Feb
#
#        September 2025        October 2025         November 2025        December 2025
#   Mo Tu We Th Fr        Mo Tu We Th Fr       Mo Tu We Th Fr       Mo Tu We Th Fr
#    1  2 [3  4  5]           [1  2  3]         (Sat 1, Sun 2)       [1  2  3  4  5]
#   [8  9 10 11 12]      [6  7  8  9 10]      [3  4  5  6  7]      [8  9 10 11 12]
#  [15 16 17 18 19]     [13 14 15 16 17]     [10 11 12 13 14]     [15 16 17 18 19]
#  [22 23 24 25 26]     [20 21 22 23 24]     [17 18 19 20 21]      22 23 24 25 26
#  [29 30]               27 28 29 30 31 hol  [24 25 26 27 28]
#   ([..] = school days)  -> first half-term of autumn: 3 Sep - 24 Oct; second: 3 Nov - 19 Dec.
#
# Schools: 200001 Eastfield Academy (secondary), 200002 Brookside Primary (primary),
# 200003 Westmoor High (secondary, only used by the 45-day cap part).
# Pupils (all of compulsory school age, none in Year 11):
#   A K999261000001 ordinary, 200001      E R999261000005 child in need + social worker, 200001
#   B Z999261000002 ordinary, 200001      F F999261000006 looked after + social worker, 200002
#   C N999261000003 ordinary, 200001      G V999261000007 ordinary, 200002 (primary)
#   D C999261000004 EHC plan, 200001      H J999261000008 ordinary, 200001, no events at all
# Events (tests/e2e/rules/events.csv; `decided` never given, so decision date = start):
#   EXA1 A suspension Tue 4 Nov, 4 sessions (Tue 4, Wed 5 Nov) - the 2-day suspension
#   EXA2 A suspension Thu 20 Nov, 2 sessions - A's second in the same half-term
#   EXB1 B suspension Wed 22 Oct, 6 sessions (22, 23, 24 Oct) - 3 days
#   EXB2 B suspension Mon 3 Nov, 8 sessions (3, 4, 5, 6 Nov) - 4 days, back to back with EXB1
#        (no school day between Fri 24 Oct and Mon 3 Nov: the half-term is no school day)
#   ACB2 action LOCAL-PSP for EXB2 on Fri 21 Nov (B's PSP started: an open support plan)
#   EXC1 C suspension Mon 15 Sep, 10 sessions (15-19 Sep) - 5.0 days in the autumn term
#   EXC2 C lunchtime Wed 19 Nov, 1 lunchtime = 0.5 day - term total 5.0 -> 5.5
#   EXD1 D permanent exclusion Thu 23 Oct
#   ACD1 action STAT-NOTIFY-GB for EXD1 on Thu 23 Oct, delivery post
#   EXE1 E suspension Mon 24 Nov, 12 sessions (24-28 Nov, Mon 1 Dec) - 6 days
#   EXF1 F suspension Thu 13 Nov, 2 sessions
#   EXG1 G suspension Mon 17 Nov, 2 sessions
# ---------------------------------------------------------------------------------------------

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$R/events.csv" "$R/caseload.csv" \
    "$R/enrolments.csv" "$R/pupils.csv" "$R/calendar.csv" "$R/schools.csv"
expect_in "scenario events imported" "events.csv: events, 12 rows: 12 new" "$WORK/out"

# ---------------------------------------------------------------------------------------------
# (1) duties as of Fri 28 Nov 2025, against tests/e2e/rules/duties-expected.csv (written by
# hand). Status: overdue when not done and due < 28 Nov; open when due >= 28 Nov or no due date.
#
# LOCAL-PEP (DOMAIN.md §4, "every looked-after pupil: a PEP meeting in every term") is a duty of
# the pupil, not of an event: its row has an empty event_id. F (cla=1, primary 200002) is looked
# after in the autumn term 2025 (Wed 3 Sep - Fri 19 Dec), which has begun by 28 Nov: one row due
# at the end of the term, Fri 19 Dec 2025, open (no PEP recorded).
#
# Every suspension/permanent exclusion (decision = start, a school day):
#   STAT-NOTIFY-PARENT, STAT-NOTIFY-LA: day of decision = start.
#   STAT-NOTICE-S104 (all pupils are of compulsory school age; a lunchtime too, the table has no
#     exception): end of the afternoon of day 1 = NTH(start, 1) = start.
# EXC1 (5.0 days): term total 5.0 is not above 5 -> no STAT-NOTIFY-GB; run of 5 days is not
#   longer than 5 -> no sixth day. First suspension of C -> no PSP.
# EXB1: 3 days, term total 3, first suspension of B -> only the three above, 2025-10-22.
# EXB2: term total after it 3 + 4 = 7 > 5 -> STAT-NOTIFY-GB due 3 Nov (decision day).
#   Run EXB1+EXB2 = 22, 23, 24 Oct, 3, 4, 5, 6 Nov (7 days > 5): STAT-6TH-DAY-SCHOOL
#   NTH(22 Oct, 6): 22 Oct=1, 23=2, 24=3, [27-31 Oct holiday], 3 Nov=4, 4 Nov=5, 5 Nov=6
#   -> 2025-11-05; the 6th day falls in EXB2, so the duty is EXB2's.
#   LOCAL-PSP (2nd suspension this year) AFTER(3 Nov, 10): 4 Nov=1, 5=2, 6=3, 7=4, 10=5, 11=6,
#   12=7, 13=8, 14=9, 17 Nov=10 -> 2025-11-17, done 2025-11-21 by ACB2 (late, still done).
#   LOCAL-PSP-REVIEW: PSP open since 21 Nov, review every 28 days -> 21 Nov + 28 = 2025-12-19.
#   LOCAL-PEAP: EXB1 is in the first half-term, EXB2 in the second -> not 2 in one half-term.
# EXA1: 2 days, first suspension of A -> only the three notices, 2025-11-04.
# EXA2: A's 2nd suspension in the year and 2nd in the half-term 3 Nov - 19 Dec:
#   LOCAL-PSP AFTER(20 Nov, 10): 21 Nov=1, 24=2, 25=3, 26=4, 27=5, 28=6, 1 Dec=7, 2=8, 3=9,
#   4 Dec=10 -> 2025-12-04 (open). LOCAL-PEAP: "before any permanent exclusion", none recorded:
#   no fixed date -> due empty, open. Term total 2 + 1 = 3 days -> no STAT-NOTIFY-GB.
# EXC2 (lunchtime, term total 5.0 + 0.5 = 5.5 > 5): STAT-NOTIFY-GB 2025-11-19.
#   C's 2nd suspension this year -> LOCAL-PSP AFTER(19 Nov, 10): 20 Nov=1, 21=2, 24=3, 25=4,
#   26=5, 27=6, 28=7, 1 Dec=8, 2=9, 3 Dec=10 -> 2025-12-03 (open). EXC1 (Sep) and EXC2 (Nov)
#   are in different half-terms -> no PEAP.
# EXD1 (permanent, Thu 23 Oct):
#   STAT-NOTIFY-GB due 23 Oct, done 2025-10-23 by ACD1.
#   STAT-GB-15DAY: counts from the deemed receipt of the board's notice: posted Thu 23 Oct ->
#   2nd working day after posting: Fri 24 Oct=1, Mon 27 Oct=2 (half-term, but a working day)
#   -> deemed 27 Oct. AFTER(27 Oct, 15): 3 Nov=1, 4=2, 5=3, 6=4, 7=5, 10=6, 11=7, 12=8, 13=9,
#   14=10, 17=11, 18=12, 19=13, 20=14, 21 Nov=15 -> 2025-11-21 (without the action it would be
#   AFTER(23 Oct, 15) = 20 Nov).
#   STAT-IRP-APPLY (not reinstated; the board's decision not recorded, so it counts from the
#   decision date): AFTER(23 Oct, 15): 24 Oct=1, 3 Nov=2, 4=3, 5=4, 6=5, 7=6, 10=7, 11=8, 12=9,
#   13=10, 14=11, 17=12, 18=13, 19=14, 20 Nov=15 -> 2025-11-20, who parent.
#   STAT-6TH-DAY-LA NTH(23 Oct, 6): 23 Oct=1, 24=2, 3 Nov=3, 4=4, 5=5, 6 Nov=6 -> 2025-11-06.
#   LOCAL-MASH-ASSESS (issue 17: the MASH assesses every permanent exclusion within one school
#   day of being told; told with the LA: no STAT-NOTIFY-LA action, recorded after the date asked
#   about, so the decision date): AFTER(Thu 23 Oct, 1) = Fri 24 Oct -> 2025-10-24, overdue.
#   STAT-ROLL-REMOVAL: a "not before" condition, no fixed date -> due empty, open.
#   LOCAL-CONSULT-PEX: on or before its date -> 2025-10-23. LOCAL-PEAP (a permanent exclusion
#   was considered): before the exclusion -> 2025-10-23. LOCAL-EHCP-REVIEW (EHC plan, exclusion
#   recorded): no deadline in §4 -> due empty, open.
#   LOCAL-NOTIFY-PARTNERS (PRU, MASH, safeguarding partnership): LA notification not recorded,
#   so from the decision: AFTER(23 Oct, 1) = Fri 24 Oct.
#   No STAT-GB-EXAM (no exam_date), no STAT-IRP-MEET (no application), no STAT-NOTIFY-SW.
# EXE1 (child in need with a social worker, 6 days): STAT-NOTIFY-SW 24 Nov; term total 6 > 5 ->
#   STAT-NOTIFY-GB 24 Nov; LOCAL-VS-CONSULT on or before the suspension date -> 24 Nov;
#   LOCAL-NOTIFY-PARTNERS (social care, Virtual School) AFTER(24 Nov, 1) = Tue 25 Nov;
#   STAT-6TH-DAY-SCHOOL NTH(24 Nov, 6): 24=1, 25=2, 26=3, 27=4, 28=5, Mon 1 Dec=6 -> 2025-12-01
#   (open). No STAT-NOTIFY-VSH (not looked after).
# EXF1 (looked after, primary): STAT-NOTIFY-SW and STAT-NOTIFY-VSH 13 Nov; LOCAL-VS-CONSULT
#   13 Nov; LOCAL-NOTIFY-PARTNERS (social care, Virtual School, Re-engagement Unit) AFTER(13 Nov,
#   1) = Fri 14 Nov. (LOCAL-PEP is per pupil and term, not per event: no row here.)
# EXG1 (ordinary, primary): LOCAL-NOTIFY-PARTNERS (Re-engagement Unit, primary) AFTER(17 Nov, 1)
#   = Tue 18 Nov. Ordinary secondary pupils (A, B, C) have no partner to notify: no such row.
# Nobody has more than 2 suspensions or more than 15 days in a term: no LOCAL-CONSULT-2-15.
# Order: due, then urn, event_id, rule; empty due last.
# ---------------------------------------------------------------------------------------------
expect_status "duties as of 2025-11-28" 0 "$ONROLL" duties --as-of 2025-11-28 --format csv
cp "$WORK/out" "$WORK/duties1.csv"
expect_same_file "duties as of 2025-11-28 equal the hand-worked list" "$R/duties-expected.csv" "$WORK/duties1.csv"
# a few of the rows on their own, so a failure says which rule went wrong
expect_in "2-day suspension: parent told on the day" \
    "EXA1,200001,K999261000001,STAT-NOTIFY-PARENT,head teacher,2025-11-04,overdue," "$WORK/duties1.csv"
expect_in "6th day of a back-to-back run across half-term belongs to the 2nd suspension" \
    "EXB2,200001,Z999261000002,STAT-6TH-DAY-SCHOOL,school,2025-11-05,overdue," "$WORK/duties1.csv"
expect_not_in "no 6th-day duty on the first suspension of the run" "EXB1,200001,Z999261000002,STAT-6TH-DAY" "$WORK/duties1.csv"
expect_in "term total 5.0 -> 5.5 by a lunchtime: board told" \
    "EXC2,200001,N999261000003,STAT-NOTIFY-GB,head teacher,2025-11-19,overdue," "$WORK/duties1.csv"
expect_not_in "term total exactly 5.0: board not told" "EXC1,200001,N999261000003,STAT-NOTIFY-GB" "$WORK/duties1.csv"
expect_in "board's 15 days count from the deemed date of the posted notice" \
    "EXD1,200001,C999261000004,STAT-GB-15DAY,governing board,2025-11-21,overdue," "$WORK/duties1.csv"
expect_in "posted notice to the board is done on the posting day" \
    "EXD1,200001,C999261000004,STAT-NOTIFY-GB,head teacher,2025-10-23,done,2025-10-23" "$WORK/duties1.csv"
expect_in "second suspension in a half-term: PSP" \
    "EXA2,200001,K999261000001,LOCAL-PSP,school,2025-12-04,open," "$WORK/duties1.csv"
expect_in "second suspension in a half-term: PEAP" "EXA2,200001,K999261000001,LOCAL-PEAP,school," "$WORK/duties1.csv"
expect_in "looked-after pupil: Virtual School Head told" \
    "EXF1,200002,F999261000006,STAT-NOTIFY-VSH,head teacher,2025-11-13,overdue," "$WORK/duties1.csv"
expect_not_in "pupil with no events has no duty" "J999261000008" "$WORK/duties1.csv"

# ---------------------------------------------------------------------------------------------
# (2) actions for EXA1: parent told by hand on Tue 4 Nov (on time), LA told by email on Thu 6 Nov
# (late, still done). Those two rows turn `done`, keep their due date (so their place in the
# order) and nothing else changes (A is an ordinary secondary pupil: no partner notification
# counting from the LA's notice).
# ---------------------------------------------------------------------------------------------
expect_status "import the notification actions" 0 "$ONROLL" import "$R/actions.csv"
expect_status "duties after the actions" 0 "$ONROLL" duties --as-of 2025-11-28 --format csv
cp "$WORK/out" "$WORK/duties2.csv"
expect_in "parent notification done on the action's date" \
    "EXA1,200001,K999261000001,STAT-NOTIFY-PARENT,head teacher,2025-11-04,done,2025-11-04" "$WORK/duties2.csv"
expect_in "LA notification done (late) on the action's date" \
    "EXA1,200001,K999261000001,STAT-NOTIFY-LA,head teacher,2025-11-04,done,2025-11-06" "$WORK/duties2.csv"
sed -e 's/^\(EXA1,200001,K999261000001,STAT-NOTIFY-PARENT,head teacher,2025-11-04\),overdue,$/\1,done,2025-11-04/' \
    -e 's/^\(EXA1,200001,K999261000001,STAT-NOTIFY-LA,head teacher,2025-11-04\),overdue,$/\1,done,2025-11-06/' \
    "$R/duties-expected.csv" >"$WORK/duties2-expected.csv"
expect_same_file "duties after the actions equal the hand-worked list" "$WORK/duties2-expected.csv" "$WORK/duties2.csv"
sed -e 's/^\(EXA1,200001,K999261000001,STAT-NOTIFY-PARENT,head teacher,2025-11-04\),overdue,$/\1,done,2025-11-04/' \
    -e 's/^\(EXA1,200001,K999261000001,STAT-NOTIFY-LA,head teacher,2025-11-04\),overdue,$/\1,done,2025-11-06/' \
    "$WORK/duties1.csv" >"$WORK/duties2-relative.csv"
expect_same_file "the actions changed those two rows and nothing else" "$WORK/duties2-relative.csv" "$WORK/duties2.csv"

# ---------------------------------------------------------------------------------------------
# risk before the withdrawal, as of Fri 28 Nov 2025 (tests/e2e/rules/risk-expected.csv).
# "Last 12 school weeks" back from the week of 24 Nov reaches the week of 1 Sep: the whole term.
#   A: EXA1 4 Nov and EXA2 20 Nov, both in the half-term 3 Nov - 19 Dec -> RISK-HALFTERM,
#      RISK-REPEAT-SUSP; no PSP started -> RISK-NO-PLAN.
#   B: EXB1 22 Oct, EXB2 3 Nov (different half-terms) -> RISK-REPEAT-SUSP only; 7 days is not
#      more than 10; PSP open since 21 Nov (ACB2) -> no RISK-NO-PLAN.
#   C: EXC1 15 Sep, EXC2 19 Nov -> RISK-REPEAT-SUSP, RISK-NO-PLAN (5.5 days: no RISK-SUSP-DAYS).
#   D: a permanent exclusion is not a suspension -> no RISK-VULNERABLE, nothing fires.
#   E: suspension of a child in need with a social worker -> RISK-VULNERABLE, RISK-NO-PLAN.
#   F: suspension of a looked-after child -> RISK-VULNERABLE, RISK-NO-PLAN.
#   G: one suspension, H: none -> nothing. No attendance, moves or part-time timetables.
# Order: urn, upn, rule.
# ---------------------------------------------------------------------------------------------
expect_status "risk as of 2025-11-28" 0 "$ONROLL" risk --as-of 2025-11-28 --format csv
cut -d, -f1-3 "$WORK/out" >"$WORK/risk1.csv"
expect_same_file "risk: exactly the hand-worked (upn, urn, rule) set" "$R/risk-expected.csv" "$WORK/risk1.csv"
expect_eq "risk: header (issue 14 added kind, weight, tier after the contract's four)" "upn,urn,rule,detail,kind,weight,tier" "$(head -1 "$WORK/out")"

# ---------------------------------------------------------------------------------------------
# (3) EXE1 withdrawn on Wed 26 Nov (WDE1). Its duties that had fallen due by 26 Nov stay:
# STAT-NOTIFY-PARENT/-LA/-SW/-GB (the STAT-NOTIFY-* stay in any case), STAT-NOTICE-S104 and
# LOCAL-VS-CONSULT (24 Nov), LOCAL-NOTIFY-PARTNERS (25 Nov). STAT-6TH-DAY-SCHOOL (1 Dec) had not
# fallen due: it goes. The withdrawal itself creates no duty.
# ---------------------------------------------------------------------------------------------
expect_status "import the withdrawal" 0 "$ONROLL" import "$R/withdrawn.csv"
expect_status "duties after the withdrawal" 0 "$ONROLL" duties --as-of 2025-11-28 --format csv
cp "$WORK/out" "$WORK/duties3.csv"
expect_not_in "withdrawn: the sixth-day duty (not yet due) is gone" "EXE1,200001,R999261000005,STAT-6TH-DAY-SCHOOL" "$WORK/duties3.csv"
for rule in STAT-NOTIFY-GB STAT-NOTIFY-LA STAT-NOTIFY-PARENT STAT-NOTIFY-SW; do
    expect_in "withdrawn: $rule stays" "EXE1,200001,R999261000005,$rule,head teacher,2025-11-24,overdue," "$WORK/duties3.csv"
done
expect_in "withdrawn: S104 notice, due before the withdrawal, stays" \
    "EXE1,200001,R999261000005,STAT-NOTICE-S104,head teacher,2025-11-24,overdue," "$WORK/duties3.csv"
expect_in "withdrawn: partner notification, due before the withdrawal, stays" \
    "EXE1,200001,R999261000005,LOCAL-NOTIFY-PARTNERS,local authority,2025-11-25,overdue," "$WORK/duties3.csv"
expect_not_in "the withdrawn event has no duty of its own" "WDE1" "$WORK/duties3.csv"
grep -v '^EXE1,200001,R999261000005,STAT-6TH-DAY-SCHOOL,' "$WORK/duties2-expected.csv" >"$WORK/duties3-expected.csv"
expect_same_file "duties after the withdrawal equal the hand-worked list" "$WORK/duties3-expected.csv" "$WORK/duties3.csv"
grep -v '^EXE1,200001,R999261000005,STAT-6TH-DAY-SCHOOL,' "$WORK/duties2.csv" >"$WORK/duties3-relative.csv"
expect_same_file "the withdrawal removed that row and nothing else" "$WORK/duties3-relative.csv" "$WORK/duties3.csv"

# ---------------------------------------------------------------------------------------------
# (4) risk after the withdrawal: a cancelled suspension is no suspension, so E is no longer
# flagged; everyone else as before (tests/e2e/rules/risk-expected-withdrawn.csv).
# ---------------------------------------------------------------------------------------------
expect_status "risk after the withdrawal" 0 "$ONROLL" risk --as-of 2025-11-28 --format csv
cp "$WORK/out" "$WORK/risk2-full.csv"
cut -d, -f1-3 "$WORK/risk2-full.csv" >"$WORK/risk2.csv"
expect_same_file "risk after the withdrawal: the hand-worked set" "$R/risk-expected-withdrawn.csv" "$WORK/risk2.csv"
expect_in "risk: two suspensions in a half-term" "K999261000001,200001,RISK-HALFTERM," "$WORK/risk2-full.csv"
expect_in "risk: repeat suspension" "K999261000001,200001,RISK-REPEAT-SUSP," "$WORK/risk2-full.csv"
expect_in "risk: looked-after pupil's suspension" "F999261000006,200002,RISK-VULNERABLE," "$WORK/risk2-full.csv"
expect_match "risk: the half-term flag names its facts (both dates)" \
    '^K999261000001,200001,RISK-HALFTERM,.*4 Nov.*20 Nov' "$WORK/risk2-full.csv"
expect_not_in "risk: a permanent exclusion is not a suspension (no RISK-VULNERABLE)" "C999261000004,200001,RISK-VULNERABLE" "$WORK/risk2-full.csv"
expect_not_in "risk: an open PSP is a support plan" "Z999261000002,200001,RISK-NO-PLAN" "$WORK/risk2-full.csv"
expect_not_in "risk: back-to-back across half-term is not two in one half-term" "Z999261000002,200001,RISK-HALFTERM" "$WORK/risk2-full.csv"
expect_not_in "risk: 5.5 days is not more than 10" "RISK-SUSP-DAYS" "$WORK/risk2-full.csv"

# ---------------------------------------------------------------------------------------------
# (6) explain and --school
# ---------------------------------------------------------------------------------------------
expect_status "explain pupil A" 0 "$ONROLL" explain K999261000001 --as-of 2025-11-28
cp "$WORK/out" "$WORK/explainA"
# explain is for people (dates in GOV.UK style, "4 November 2025", no fixed layout; issue 14
# made the dates the same as on screen, they were "Tue 4 Nov 2025"): check the facts only
for s in EXA1 EXA2 "4 November 2025" "20 November 2025" STAT-NOTIFY-PARENT LOCAL-PSP LOCAL-PEAP RISK-HALFTERM RISK-REPEAT-SUSP RISK-NO-PLAN; do
    expect_in "explain A names $s" "$s" "$WORK/explainA"
done
expect_match "explain A: the LA notification is done" 'STAT-NOTIFY-LA +done' "$WORK/explainA"
expect_match "explain A: the PSP is due 4 December 2025" 'LOCAL-PSP +open +due 4 December 2025' "$WORK/explainA"
expect_not_in "explain A shows no other pupil's event" "EXB1" "$WORK/explainA"
expect_status "explain pupil D" 0 "$ONROLL" explain C999261000004 --as-of 2025-11-28
cp "$WORK/out" "$WORK/explainD"
for s in EXD1 "23 October 2025" STAT-NOTIFY-GB STAT-6TH-DAY-LA LOCAL-EHCP-REVIEW; do
    expect_in "explain D names $s" "$s" "$WORK/explainD"
done
expect_match "explain D: the board's 15 days end 21 November 2025" 'STAT-GB-15DAY +overdue +due 21 November 2025' "$WORK/explainD"
expect_match "explain D: sixth day 6 November 2025" 'STAT-6TH-DAY-LA +overdue +due 6 November 2025' "$WORK/explainD"
expect_status "explain an unknown pupil: exit 1" 1 "$ONROLL" explain B801200005001 --as-of 2025-11-28

# --school 200002 (the primary): only EXF1 and EXG1's rows, in the same order
expect_status "duties --school 200002" 0 "$ONROLL" duties --as-of 2025-11-28 --format csv --school 200002
cp "$WORK/out" "$WORK/duties-primary.csv"
awk -F, 'NR == 1 || $2 == "200002"' "$WORK/duties3-expected.csv" >"$WORK/duties-primary-expected.csv"
expect_same_file "duties --school 200002: the primary's hand-worked rows only" "$WORK/duties-primary-expected.csv" "$WORK/duties-primary.csv"
awk -F, 'NR == 1 || $2 == "200002"' "$WORK/duties3.csv" >"$WORK/duties-primary-relative.csv"
expect_same_file "duties --school 200002 is the full list filtered" "$WORK/duties-primary-relative.csv" "$WORK/duties-primary.csv"
expect_status "duties --school 200001" 0 "$ONROLL" duties --as-of 2025-11-28 --format csv --school 200001
expect_eq "duties --school 200001: no row of another school" "0" \
    "$(tail -n +2 "$WORK/out" | awk -F, '$2 != "200001"' | wc -l | tr -d ' ')"
expect_eq "duties --school 200001: every row of that school" \
    "$(awk -F, '$2 == "200001"' "$WORK/duties3.csv" | wc -l | tr -d ' ')" "$(awk -F, '$2 == "200001"' "$WORK/out" | wc -l | tr -d ' ')"

# ---------------------------------------------------------------------------------------------
# (5) STAT-45DAY-CAP, on a database of its own. Pupil Y999261000009 in 2025/26:
#   at 200001 (autumn): CX1 Mon 8 Sep 20 sessions (8-19 Sep) 10 days, CX2 Mon 3 Nov 20 sessions
#   (3-14 Nov) 10 days; moved to 200003 (spring): CX3 Mon 12 Jan 20 (12-23 Jan) 10 days,
#   CX4 Mon 9 Feb 8 (9-12 Feb) 4 days, CX5 Mon 2 Mar 20 (2-13 Mar) 10 days -> 44 days.
#   cap-over.csv: a good action row, then CX6 Mon 23 Mar 4 sessions = 2 days -> 46 > 45: refused,
#   and the whole file with it. cap-last.csv: CX7 Wed 25 Mar 2 sessions = 1 day -> 45, not above
#   45: accepted.
# ---------------------------------------------------------------------------------------------
CAP=$(new_db cap)
ONROLL_DB="$CAP" expect_status "cap: init" 0 "$ONROLL" init
ONROLL_DB="$CAP" expect_status "cap: 44 days across two schools" 0 "$ONROLL" import "$R/schools.csv" \
    "$R/calendar.csv" "$R/cap-pupils.csv" "$R/cap-enrolments.csv" "$R/cap-events.csv"
ONROLL_DB="$CAP" "$ONROLL" export events >"$WORK/cap-events1.csv"
ONROLL_DB="$CAP" expect_status "cap: a 2-day suspension on top of 44 days is refused" 1 "$ONROLL" import "$R/cap-over.csv"
cp "$WORK/err" "$WORK/cap-err"
expect_in "cap: the error names the rule" "STAT-45DAY-CAP" "$WORK/cap-err"
expect_match "cap: the error names the total (46 days)" '(^|[^0-9.])46([.,]0+)?([^0-9]|$)' "$WORK/cap-err"
expect_in "cap: the error names file and line" "cap-over.csv:3" "$WORK/cap-err"
ONROLL_DB="$CAP" "$ONROLL" export events >"$WORK/cap-events2.csv"
expect_same_file "cap: nothing of the refused file was written" "$WORK/cap-events1.csv" "$WORK/cap-events2.csv"
expect_not_in "cap: not even its good action row" "CXA1" "$WORK/cap-events2.csv"
ONROLL_DB="$CAP" expect_status "cap: a 1-day suspension reaching exactly 45 days is accepted" 0 "$ONROLL" import "$R/cap-last.csv"
ONROLL_DB="$CAP" "$ONROLL" export events >"$WORK/cap-events3.csv"
expect_in "cap: the 45th day is stored" "CX7" "$WORK/cap-events3.csv"

finish
