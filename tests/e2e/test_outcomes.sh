#!/bin/sh
# test_outcomes.sh - the outcomes report of the graduated response end to end (`onroll report
# outcomes`, outcomes_report.h): interventions, SDQ and numeric measures before and after, and
# suspensions in the term before and after, imported as events and reported as of 1 Apr 2026.
# Every expected figure is worked out by hand below, never copied from the program's output.
#
# Calendar (tests/e2e/outcomes/calendar.csv): Summer 2025 22 Apr - 22 Jul; Autumn 2025 3 Sep -
# 19 Dec; Spring 2026 5 Jan - 27 Mar; Summer 2026 13 Apr - 22 Jul.
# One intervention of the directory ($INT), school 200001, all starting Mon 15 Sep 2025 (in the
# autumn term, so the term before is Summer 2025):
#   A K999261000001 IA ends Fri 12 Dec        -> term after: Spring 2026 (finished by 1 Apr)
#   B Z999261000002 IB ends Fri 12 Dec        -> Spring 2026
#   C N999261000003 IC planned to end 27 Mar (term after Summer 2026, not finished), but ICX
#     (an intervention event whose ref is IC) ended it on 12 Dec: the revision wins -> Spring 2026
#   D C999261000004 ID no end: received it, not ended, not in the suspension comparison
# Summary row: pupils 4, ended 3.
# Suspensions (counted, any school): A before SA1 6 May + SA2 10 Jun = 2, after 0;
#   B before SB1 17 Jun = 1, after SB2 3 Feb = 1 (SB3 2 Mar was withdrawn: not counted);
#   C before 0, after SC1 20 Jan = 1.  -> susp_pupils 3, before 3, after 2.
# SDQ teacher report, scale scores from the paper form (pre -> post):
#   A emotional 4->3, conduct 6->4, hyperactivity 8->6, peer 3->2, prosocial 5->7: total 21->15
#   B 2->2, 5->5, 7->7, 2->3, 6->6: total 16->17
#   C 5->3, 7->3, 9->6, 4->3, 3->6: total 25->15
#   total: changes -6, +1, -10; mean pre 62/3 = 20.67, post 47/3 = 15.67, change -5.00;
#     deviations -1, 6, -5, sum of squares 62, variance 31, sd 5.5678, se 5.5678/sqrt 3 =
#     3.2146; t(0.975, 2) = 4.3027; half-width 13.8311: CI -18.83 to 8.83; lower is better ->
#     improved.
#   emotional: changes -1, 0, -2; mean pre 3.67, post 2.67, change -1.00; deviations 0, 1, -1,
#     variance 1, se 0.57735, x 4.3027 = 2.4841: CI -3.48 to 1.48; improved.
#   prosocial (higher is better): changes +2, 0, +3; pre 4.67, post 6.33, change 1.67;
#     variance 4.6667/2 = 2.3333, sd 1.5275, se 0.8819, x 4.3027 = 3.7946: CI -2.13 to 5.46;
#     improved.
# Attendance (A only): 85.0 -> 92.5, change 7.50, one pupil: no CI; suppressed (c) by default.
. tests/e2e/lib.sh
O=$(pwd)/tests/e2e/outcomes
R=$(pwd)/tests/e2e/rules
INT=allocation-of-a-key-worker-such-as-a-learning-mentor
sed "s/@INT@/$INT/g" "$O/events.csv" >"$WORK/events.csv"

"$ONROLL" init >/dev/null 2>&1
if "$ONROLL" import "$R/schools.csv" "$O/calendar.csv" "$R/pupils.csv" "$R/enrolments.csv" \
    "$WORK/events.csv" "$O/withdrawn.csv" >"$WORK/import.out" 2>&1; then
    pass "interventions, measures and suspensions import"
else
    fail "interventions, measures and suspensions import" "$(cat "$WORK/import.out")"
fi

"$ONROLL" report outcomes --as-of 2026-04-01 >"$WORK/out.csv" 2>"$WORK/err"
expect_line() { # NAME PREFIX REST: the row starting PREFIX (intervention,measure,scale,) ends REST
    got=$(grep "^$2" "$WORK/out.csv" | cut -d, -f5-)
    if [ "$got" = "$3" ]; then pass "$1"; else fail "$1" "want $3
got  $got"; fi
}
if head -1 "$WORK/out.csv" | grep -qx 'intervention,measure,scale,label,pupils,ended,mean_pre,mean_post,mean_change,ci_low,ci_high,change,susp_pupils,susp_before,susp_after'; then
    pass "header"
else
    fail "header" "$(head -1 "$WORK/out.csv")"
fi
expect_line "summary: 4 pupils, 3 ended; suspensions 3 before, 2 after over 3 pupils" \
    "$INT,,,," "4,3,,,,,,,3,3,2"
expect_line "SDQ total difficulties: -5.00 (-18.83 to 8.83), improved" \
    "$INT,sdq_teacher,total," "3,,20.67,15.67,-5.00,-18.83,8.83,improved,,,"
expect_line "SDQ emotional symptoms: -1.00 (-3.48 to 1.48)" \
    "$INT,sdq_teacher,emotional," "3,,3.67,2.67,-1.00,-3.48,1.48,improved,,,"
expect_line "SDQ prosocial (higher is better): +1.67 (-2.13 to 5.46), improved" \
    "$INT,sdq_teacher,prosocial," "3,,4.67,6.33,1.67,-2.13,5.46,improved,,,"
expect_line "attendance: one pupil, suppressed" "$INT,attendance_pct,," "c,,c,c,c,c,c,c,,,"
n=$(wc -l <"$WORK/out.csv")
[ "$n" -eq 11 ] && pass "11 lines: header, summary, attendance, 8 SDQ scores" ||
    fail "11 lines: header, summary, attendance, 8 SDQ scores" "$(cat "$WORK/out.csv")"

"$ONROLL" report outcomes --as-of 2026-04-01 --unsuppressed >"$WORK/out.csv" 2>"$WORK/err"
expect_line "unsuppressed: attendance 85.00 -> 92.50, no interval for one pupil" \
    "$INT,attendance_pct,," "1,,85.00,92.50,7.50,,,improved,,,"
[ "$(count_rows audit_log)" -ge 1 ] && pass "--unsuppressed is audited" ||
    fail "--unsuppressed is audited"

# As of 1 Mar 2026 the spring term has not finished: nobody in the suspension comparison.
"$ONROLL" report outcomes --as-of 2026-03-01 >"$WORK/out.csv" 2>"$WORK/err"
expect_line "before the term after has finished: no suspension comparison" \
    "$INT,,,," "4,3,,,,,,,0,0,0"

# Bad measures are refused with the column and the value, and change nothing.
before=$(count_rows events)
printf 'event_id,upn,urn,type,start,ref,measure,score,outcome\nMX,K999261000001,200001,measure,2025-12-15,IA,sdq_teacher,emotional=11,post\n' >"$WORK/bad1.csv"
"$ONROLL" import "$WORK/bad1.csv" >"$WORK/o" 2>&1
grep -q "bad1.csv:2.*score.*emotional=11.*outside 0 to 10" "$WORK/o" && pass "a scale score of 11 is refused (line, column, value)" ||
    fail "a scale score of 11 is refused (line, column, value)" "$(cat "$WORK/o")"
printf 'event_id,upn,urn,type,start,ref,measure,score,outcome\nMY,K999261000001,200001,measure,2025-12-15,IA,sdq_teachers,1,post\n' >"$WORK/bad2.csv"
"$ONROLL" import "$WORK/bad2.csv" >"$WORK/o" 2>&1
grep -q "bad2.csv:2.*measure.*'sdq_teachers' is not a measure" "$WORK/o" && pass "an unknown measure is refused" ||
    fail "an unknown measure is refused" "$(cat "$WORK/o")"
printf 'event_id,upn,urn,type,start,ref,measure,score,outcome\nMZ,K999261000001,200001,measure,2025-12-15,IA,sdq_teacher,"0,1,2",during\n' >"$WORK/bad3.csv"
"$ONROLL" import "$WORK/bad3.csv" >"$WORK/o" 2>&1
grep -q "bad3.csv:2.*outcome.*'during'" "$WORK/o" && pass "a measure must be pre or post" ||
    fail "a measure must be pre or post" "$(cat "$WORK/o")"
[ "$(count_rows events)" -eq "$before" ] && pass "refused files change nothing" ||
    fail "refused files change nothing"
finish
