#!/bin/sh
# test_ctf.sh - the Common Transfer File (issue 15, part 1), through the real binary on a real
# database (SQLite; PostgreSQL through tests/pg/test_e2e_pg.sh). The files are built by hand in
# tests/e2e/data/ctf/ (synthetic pupils of the test LA 999) and every expected value below is
# read off them by hand (docs/ctf.md has the mapping):
#   three.xml, dated 2026-01-15 (the snapshots' as_of):
#   - G999200500001 Tolu Adeyemi: FSM since 2023-09-01, still open -> fsm 1, fsm6 1; no SEN -> N;
#     first language YOR -> eal 1; InCare false -> cla 0; NCyearActual 3; one school, 999/2001
#     = URN 100001, from 2021-09-06; attendance 2024: 380 possible, 360 attended, 12 authorised,
#     8 unauthorised -> totals 2024-09-01 to 2025-08-31.
#   - W999200500002 Piotr Novak: SEN K from 2024-01-08, need SLCN rank 1; first language ENG ->
#     eal 0; no LookedAfter -> cla empty; 2024: 380, 322, 30, 28.
#   - K999200500003 Siobhán O'Brien: InCare true -> cla 1; no languages -> eal empty; Hillside
#     (999/4001 = 100002) 2022-09-05 to 2023-07-21 "Moved", then Riverside from 2023-09-04.
. tests/e2e/lib.sh
D=tests/e2e/data/ctf

expect_status "init" 0 "$ONROLL" init
expect_status "the LA's schools" 0 "$ONROLL" import tests/e2e/data/schools.csv tests/e2e/data/calendar.csv

# ---- a dry run changes nothing and lists what is not used ----
expect_status "dry run of a CTF 25 file of 3 pupils" 0 "$ONROLL" import --dry-run "$D/three.xml"
expect_in "dry run: the report" "3 pupils (3 new to onroll, 0 matched by former UPN, 0 conflicting) (dry run: nothing written)" "$WORK/out"
expect_in "dry run: pupils new" "pupils: 3 rows: 3 new" "$WORK/out"
expect_in "dry run: an element not used, by path and count" "element not used: CTfile/CTFpupilData/Pupil/BasicDetails/MedicalFlag (1)" "$WORK/out"
expect_in "dry run: CareAuthority not used" "element not used: CTfile/CTFpupilData/Pupil/LookedAfter/CareAuthority (1)" "$WORK/out"
expect_eq "dry run wrote nothing" "0" "$(sql "select count(*) from pupil_snapshots")"

# ---- the import: exactly the values put in ----
expect_status "import the CTF" 0 "$ONROLL" import "$D/three.xml"
"$ONROLL" export pupils | grep 9992005 >"$WORK/pupils"
cat >"$WORK/want-pupils" <<'W'
G999200500001,Tolu,Adeyemi,2017-02-10,F,BAFR,1,N,2026-01-15,1,,1,0,,,,,,3,,
K999200500003,Siobhán,O'Brien,2015-11-21,F,WIRI,0,N,2026-01-15,0,,,1,,,,,,5,,
W999200500002,Piotr,Novak,2016-07-30,M,WOTH,0,K,2026-01-15,0,SLCN,0,,,,,,,4,,
W
expect_same_file "onroll export pupils: the values put in" "$WORK/want-pupils" "$WORK/pupils"
"$ONROLL" export enrolments | grep 9992005 >"$WORK/enrols"
cat >"$WORK/want-enrols" <<'W'
G999200500001,100001,2021-09-06,,main,,
K999200500003,100001,2023-09-04,,main,,
W999200500002,100001,2020-09-07,,main,,
K999200500003,100002,2022-09-05,2023-07-21,main,,Moved
W
expect_same_file "onroll export enrolments: the school history" "$WORK/want-enrols" "$WORK/enrols"
"$ONROLL" export attendance_totals | grep 9992005 >"$WORK/totals"
cat >"$WORK/want-totals" <<'W'
G999200500001,100001,2024-09-01,2025-08-31,380,360,12,8
W999200500002,100001,2024-09-01,2025-08-31,380,322,30,28
W
expect_same_file "onroll export attendance_totals: the years" "$WORK/want-totals" "$WORK/totals"
expect_eq "provenance: the rows name the file" "3" \
    "$(sql "select count(*) from pupil_snapshots p join sources s on s.id = p.src_id where s.kind = 'ctf' and s.name like '%three.xml'")"

dump_all >"$WORK/before"
expect_status "re-import" 0 "$ONROLL" import "$D/three.xml"
expect_in "re-import: every row unchanged" "pupils: 3 rows: 0 new, 0 updated, 3 unchanged" "$WORK/out"
dump_all >"$WORK/after"
expect_same_file "re-import changes nothing" "$WORK/before" "$WORK/after"

# ---- a partial file updates only what it holds: Piotr's SEN becomes E from 2026-02-01 ----
expect_status "a partial file" 0 "$ONROLL" import "$D/partial.xml"
expect_in "partial: named as such" "CTF 25.0, partial" "$WORK/out"
expect_in "partial: one new snapshot" "pupils: 1 rows: 1 new" "$WORK/out"
expect_eq "Piotr: a snapshot dated by the partial file, SEN E" "2026-02-10|E" \
    "$(sql "select as_of, sen from pupil_snapshots where upn = 'W999200500002' order by as_of desc limit 1")"
expect_eq "the others: untouched" "1" \
    "$(sql "select count(*) from pupil_snapshots where upn = 'G999200500001'")"

# ---- refused whole: a wrong check letter, an unknown school ----
dump_all >"$WORK/before"
expect_status "a wrong check letter and an unknown school" 1 "$ONROLL" import "$D/bad.xml"
expect_in "wrong check letter: file, XML line, element path, value" \
    "bad.xml:35: element Pupil/UPN: 'H999200500001' is not a valid UPN" "$WORK/err"
expect_in "unknown school: file, XML line, element path, value" \
    "bad.xml:139: element Pupil/SchoolHistory/School/Estab: school LEA 999, Estab 4999 (laestab 9994999) is not one of the LA's schools" "$WORK/err"
expect_in "nothing written, said" "nothing of this file was written" "$WORK/err"
dump_all >"$WORK/after"
expect_same_file "the refused file changed nothing" "$WORK/before" "$WORK/after"

# ---- older element names, an unknown element, another version ----
expect_status "a CTF 17 file with Gender and an element onroll does not know" 0 "$ONROLL" import --dry-run "$D/old.xml"
expect_in "another version: imported with a warning" "CTF version 17.0 is not 24 or 25" "$WORK/out"
expect_in "the unknown element listed by path" "element not used: CTfile/CTFpupilData/Pupil/BasicDetails/Hobby (1)" "$WORK/out"
expect_in "Gender read as Sex: nothing changed for Piotr" "pupils: 3 rows: 0 new, 0 updated, 3 unchanged" "$WORK/out"

# ---- UTF-16 with a byte-order mark ----
expect_status "the same file in UTF-16" 0 "$ONROLL" import "$D/three-utf16.xml"
expect_in "UTF-16: every pupil read, unchanged (Siobhán's accent too)" "pupils: 3 rows: 0 new, 0 updated, 3 unchanged" "$WORK/out"

# ---- matching: FormerUPN, and a name and date of birth under another UPN ----
sed -e 's|<UPN>G999200500001</UPN>|<UPN>Z999200500004</UPN><FormerUPN>G999200500001</FormerUPN>|' \
    -e 's|<UPN>W999200500002</UPN>|<UPN>V999200500009</UPN>|' "$D/three.xml" >"$WORK/matching.xml"
expect_status "a new UPN with a former UPN; a new UPN for a known name and birth date" 0 "$ONROLL" import "$WORK/matching.xml"
expect_in "matched by former UPN" "pupil Z999200500004 matched by FormerUPN G999200500001" "$WORK/out"
expect_in "conflict shown, not merged" "conflict: pupil V999200500009 has the name and date of birth of pupil W999200500002" "$WORK/out"
expect_in "counted" "(1 new to onroll, 1 matched by former UPN, 1 conflicting)" "$WORK/out"
expect_eq "the former UPN's record kept (no new pupil Z...)" "0" "$(sql "select count(*) from pupil_snapshots where upn = 'Z999200500004'")"
expect_eq "the conflicting one recorded as itself" "1" "$(sql "select count(*) from pupil_snapshots where upn = 'V999200500009'")"

# ---- hostile files ----
expect_status "hostile: a DOCTYPE with nested entities refused" 1 "$ONROLL" import "$D/doctype.xml"
expect_in "a DOCTYPE (entity expansion) refused, saying why" "DOCTYPE or entity reference" "$WORK/err"
expect_status "hostile: not well-formed XML refused" 1 "$ONROLL" import "$D/notwell.xml"
expect_in "not well-formed: says so, with a line" "notwell.xml:3: not well-formed XML" "$WORK/err"
expect_status "hostile: another root element refused" 1 "$ONROLL" import "$D/otherroot.xml"
expect_in "another root element: says what it is" "the root element is Workbook, not CTfile" "$WORK/err"
awk 'BEGIN { printf "<CTfile>"; for (i = 0; i < 40; i++) printf "<a>"; printf "x"; for (i = 0; i < 40; i++) printf "</a>"; print "</CTfile>" }' >"$WORK/deep.xml"
expect_status "hostile: nested 40 deep refused" 1 "$ONROLL" import "$WORK/deep.xml"
expect_in "nesting: says so" "nested more than 32 deep" "$WORK/err"

# ---- 1,000 pupils in under a second ----
awk 'function upn(n,   s, sum, p) {
        s = sprintf("9992006%05d", n); sum = 0
        for (p = 2; p <= 13; p++) sum += p * substr(s, p - 1, 1)
        return substr("ABCDEFGHJKLMNPQRTUVWXYZ", sum % 23 + 1, 1) s }
BEGIN {
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CTfile><Header><CTFversion>25.0</CTFversion>"
    print "<DateTime>2026-01-15T09:30:00</DateTime><DocumentQualifier>full</DocumentQualifier>"
    print "<SourceSchool><LEA>999</LEA><Estab>4001</Estab></SourceSchool></Header><CTFpupilData>"
    for (i = 1; i <= 1000; i++) {
        printf "<Pupil><UPN>%s</UPN><Surname>Pupil%d</Surname><Forename>Test</Forename>", upn(i), i
        printf "<DOB>2012-0%d-1%d</DOB><Sex>%s</Sex><BasicDetails><NCyearActual>8</NCyearActual>", i % 9 + 1, i % 9, i % 2 ? "F" : "M"
        printf "<Ethnicity>WBRI</Ethnicity><EnrolStatus>C</EnrolStatus></BasicDetails>"
        printf "<Attendance><YearData><Year>2024</Year><LEA>999</LEA><Estab>4001</Estab><SessionsPossible>380</SessionsPossible>"
        printf "<SessionsAuthorised>10</SessionsAuthorised><SessionsAttended>360</SessionsAttended><SessionsUnauthorised>10</SessionsUnauthorised></YearData></Attendance>"
        print "<SchoolHistory><School><LEA>999</LEA><Estab>4001</Estab><EntryDate>2023-09-04</EntryDate></School></SchoolHistory></Pupil>"
    }
    print "</CTFpupilData></CTfile>" }' >"$WORK/thousand.xml"
t0=$(date +%s%N)
expect_status "a 1,000-pupil file" 0 "$ONROLL" import "$WORK/thousand.xml"
ms=$((($(date +%s%N) - t0) / 1000000))
echo "     1,000 pupils imported in $ms ms"
expect_in "1,000 pupils, 1,000 enrolments, 1,000 totals" "attendance_totals: 1000 rows: 1000 new" "$WORK/out"
# The target is under a second (docs/ctf.md has the figure, measured on a quiet machine); here,
# on a machine shared with other builds, a regression is caught at 3 seconds; PostgreSQL (a
# look-up per new pupil over a socket) and the sanitizers' build are held to 10.
limit=3000
case "${ONROLL_TEST_PG:-}${BUILD:-build}" in *postgres* | *asan*) limit=10000 ;; esac
if [ "$ms" -lt "$limit" ]; then pass "1,000 pupils in under $limit ms ($ms ms)"; else fail "1,000 pupils took $ms ms (limit $limit)"; fi

# ---- attendance marks (AttendSessions) placed on the school's own school days ----
# marks.xml: N999200500005 at Riverside (999/2001 = URN 100001), AttendanceStartDate 2026-04-30,
# AttendanceMarks "/\NOII/\L-": one character a session, AM then PM, school days only (docs/ctf.md
# "Attendance marks" says how the DfE's string is read). The calendar, written out:
#   Thu 30 Apr 2026  school day      AM /  PM \
#   Fri  1 May       school day      AM N  PM O
#   Sat  2 May       weekend         (no sessions in the string)
#   Sun  3 May       weekend
#   Mon  4 May       bank holiday (Early May)
#   Tue  5 May       school day      AM I  PM I
#   Wed  6 May       school day      AM /  PM \
#   Thu  7 May       school day      AM L  PM -  (no mark: no row)
# Totals by hand: possible 9 (/ \ N O I I / \ L), attended 5 (/ \ / \ L), authorised 2 (I I),
# unauthorised 2 (N O): the file's SessionsPossible/Attended/Authorised/Unauthorised.
expect_status "marks: before the summer term is on the calendar" 1 "$ONROLL" import "$D/marks.xml"
expect_in "marks: no school day for them, said with the XML line and element path" \
    "marks.xml:41: element Pupil/Attendance/YearData/AttendSessions/AttendanceMarks: marks 1 to 10 have no school day to fall on: the school's calendar (URN 100001) has none from Thursday 30 April 2026" "$WORK/err"
printf 'scope,start,end,kind,label\nLA,2026-04-13,2026-07-22,term,Summer 2026\n' >"$WORK/summer.csv"
expect_status "the summer term" 0 "$ONROLL" import "$WORK/summer.csv"
expect_status "marks across a weekend and a bank holiday" 0 "$ONROLL" import "$D/marks.xml"
expect_in "marks: nine rows" "attendance: 9 rows: 9 new" "$WORK/out"
"$ONROLL" export attendance | grep N999200500005 >"$WORK/marks"
cat >"$WORK/want-marks" <<'W'
N999200500005,100001,2026-04-30,AM,/
N999200500005,100001,2026-04-30,PM,\
N999200500005,100001,2026-05-01,AM,N
N999200500005,100001,2026-05-01,PM,O
N999200500005,100001,2026-05-05,AM,I
N999200500005,100001,2026-05-05,PM,I
N999200500005,100001,2026-05-06,AM,/
N999200500005,100001,2026-05-06,PM,\
N999200500005,100001,2026-05-07,AM,L
W
expect_same_file "onroll export attendance: each mark on its school day" "$WORK/want-marks" "$WORK/marks"
expect_not_in "marks: AttendSessions no longer listed as not used" "AttendanceMarks" "$WORK/out"
dump_all >"$WORK/before"
expect_status "marks: re-import" 0 "$ONROLL" import "$D/marks.xml"
expect_in "marks: re-import, every mark unchanged" "attendance: 9 rows: 0 new, 0 updated, 9 unchanged" "$WORK/out"
dump_all >"$WORK/after"
expect_same_file "marks: re-import changes nothing" "$WORK/before" "$WORK/after"
sed -e 's|<SessionsPossible>9<|<SessionsPossible>10<|' -e 's|<SessionsUnauthorised>2<|<SessionsUnauthorised>1<|' "$D/marks.xml" >"$WORK/marks-bad.xml"
expect_status "marks: totals that disagree with the marks refuse the file" 1 "$ONROLL" import "$WORK/marks-bad.xml"
expect_in "marks: SessionsPossible, its line and path, both figures" \
    "marks-bad.xml:35: element Pupil/Attendance/YearData/SessionsPossible: 10, but the AttendanceMarks (line 41) placed on the school's school days from Thursday 30 April 2026 to Thursday 7 May 2026 make 9 possible sessions" "$WORK/err"
expect_in "marks: SessionsUnauthorised too" \
    "marks-bad.xml:38: element Pupil/Attendance/YearData/SessionsUnauthorised: 1, but the AttendanceMarks (line 41)" "$WORK/err"
sed -e 's|L-</AttendanceMarks>|?-</AttendanceMarks>|' -e 's|<SessionsPossible>9<|<SessionsPossible>8<|' -e 's|<SessionsAttended>5<|<SessionsAttended>4<|' "$D/marks.xml" >"$WORK/marks-code.xml"
expect_status "marks: a character that is no register code refuses the file" 1 "$ONROLL" import "$WORK/marks-code.xml"
expect_in "marks: the code named, with the element path" "element Pupil/Attendance/YearData/AttendSessions/AttendanceMarks: '?'" "$WORK/err"
dump_all >"$WORK/after"
expect_same_file "marks: the refused files changed nothing" "$WORK/before" "$WORK/after"

# ---- the web: /upload takes a CTF as it takes a CSV file ----
. tests/e2e/web_lib.sh
ONROLL_DB=$(new_db web)
"$ONROLL" init >/dev/null
"$ONROLL" import tests/e2e/data/schools.csv >/dev/null
printf '%s\n' 'kestrel-rivers-9-lantern' | "$ONROLL" user add la.officer@la.example --name "LA Officer" --role la_officer --password-stdin >/dev/null 2>&1
start_server
LA=$WORK/la.jar
expect_eq "web: the LA officer signs in" 303 "$(sign_in "$LA" la.officer@la.example 'kestrel-rivers-9-lantern')"
expect_eq "web: upload page" 200 "$(get "$LA" /upload)"
TOK=$(csrf_of "$WORK/body")
expect_in "web: the page says a CTF is taken" "Common Transfer File (XML)" "$WORK/body"
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" \
    -F "file=@$D/bad.xml;filename=bad.xml;type=application/xml" "$B/upload")
expect_eq "web: a CTF with errors is refused" 400 "$code"
expect_in "web: its errors with the element path" "element Pupil/UPN" "$WORK/body"
expect_eq "web: nothing written" "0" "$(sql "select count(*) from pupil_snapshots")"
code=$(curl -s -b "$LA" -o "$WORK/body" -w '%{http_code}' -F "csrf_token=$TOK" \
    -F "file=@$D/three-utf16.xml;filename=three.xml;type=application/xml" "$B/upload")
expect_eq "web: a CTF in UTF-16 imports" 200 "$code"
expect_in "web: named, with its version and supplier" "three.xml (Common Transfer File, CTF 25.0 from Synthetic MIS): 9 rows, 9 new" "$WORK/body"
expect_in "web: the elements not used are listed" "element not used: CTfile/CTFpupilData/Pupil/BasicDetails/MedicalFlag (1)" "$WORK/body"
expect_eq "web: written" "3" "$(sql "select count(*) from pupil_snapshots")"
expect_eq "web: the upload and each pupil on the audit log" "4" \
    "$(sql "select count(*) from audit_log where action = 'change' and detail like 'upload three.xml%'")"
expect_eq "web: the school's page" 200 "$(get "$LA" /schools/100001)"
expect_in "web: data sharing names the route" "Common Transfer File" "$WORK/body"
expect_in "web: ... and the file's version and supplier" "CTF 25.0 from Synthetic MIS" "$WORK/body"

# ---- the MIS API: POST /api/v1/ctf with a school's token ----
"$ONROLL" user token 100001 >"$WORK/token" 2>/dev/null
TOKEN=$(grep '^onr_' "$WORK/token")
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary "@$D/three.xml" "$B/api/v1/ctf")
expect_eq "api: a CTF sent as JSON is refused" 415 "$code"
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/xml' --data-binary "@$D/bad.xml" "$B/api/v1/ctf")
expect_eq "api: a CTF with errors: 400" 400 "$code"
expect_in "api: errors with the XML line and the element path" '"line":35,"column":"Pupil/UPN"' "$WORK/body"
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/xml' --data-binary "@$D/three.xml" "$B/api/v1/ctf")
expect_eq "api: the school's CTF (its pupils already known: unchanged)" 200 "$code"
expect_in "api: the answer in JSON" '"kind":"ctf","version":"25.0","supplier":"Synthetic MIS","pupils":3' "$WORK/body"
expect_in "api: the other school's history not written by a school" 'enrolments and attendance years at other schools not written' "$WORK/body"
expect_eq "api: each pupil named on the audit log" "3" \
    "$(sql "select count(distinct upn) from audit_log where action = 'api.change'")"

finish
