#!/bin/sh
# test_csv_guard.sh - CSV injection and invisible characters (issue 12, item 5), driving the
# real onroll binary on a real database (SQLite, or PostgreSQL under tests/pg) and the real web
# server with curl.
#
# The attack: a school name or an event id beginning with `=`, `+`, `-` or `@` (e.g.
# `-2+3+cmd|' /C calc'!A0` or `=1+1`) is imported; a spreadsheet opening any CSV onroll writes
# would run it as a formula. Every CSV onroll writes must give such a text cell a leading `'`
# (OWASP's rule), numbers untouched; export -> import -> export must stay byte-identical (the
# importer takes the `'` off again); a name holding a right-to-left override (which reversed
# the rest of a PDF letter) is refused at import, the message naming the character.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
R=$(pwd)/tests/e2e/reports
YEAR=2025/26
CALC="-2+3+cmd|' /C calc'!A0"

# check_cells NAME FILE : no cell of the CSV file begins like a formula: `=`, `+`, `@`, tab or
# CR, or `-` unless the cell is a number. The file must also be well-formed CSV (RFC 4180).
cat >"$WORK/cells.py" <<'EOF'
import csv, re, sys
number = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
bad, rows = [], 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for n, row in enumerate(csv.reader(f, strict=True), 1):
        rows += 1
        for c in row:
            if c and (c[0] in "=+@\t\r" or (c[0] == "-" and not number.match(c))):
                bad.append("line %d: %r" % (n, c))
if rows < 2:
    bad.append("only %d line(s): nothing to check" % rows)
print("\n".join(bad[:10]))
sys.exit(1 if bad else 0)
EOF
check_cells() {
    if python3 "$WORK/cells.py" "$2" >"$WORK/cells.out" 2>&1; then
        pass "$1: no cell begins like a formula"
    else
        fail "$1: a cell begins like a formula" "$(cat "$WORK/cells.out")"
    fi
}

# ---- the LA of tests/e2e/reports, then hostile names and event ids ----
expect_status "init" 0 "$ONROLL" init
expect_status "import the LA" 0 "$ONROLL" import "$R/schools.csv" "$R/calendar.csv" \
    "$R/pupils.csv" "$R/enrolments.csv" "$R/events.csv"
cat >"$WORK/schools-hostile.csv" <<EOF
urn,laestab,name,phase,la_code,type
300001,9994201,=1+1,secondary,999,academy
300002,9994202,$CALC,secondary,999,maintained
300003,9992201,@SUM(A1:A9),primary,999,maintained
EOF
expect_status "import school names that begin like formulas" 0 "$ONROLL" import "$WORK/schools-hostile.csv"
expect_in "... three schools renamed" "3 rows: 0 new, 3 updated" "$WORK/out"
# Two suspensions in term time (Tue 13, Wed 14 Jan 2026) and a permanent exclusion (Wed 18
# March, so that the partners are told of it) with hostile event ids; notes and
# recorded_by that begin with `=`, a tab, `+`; one that begins with a quote already (`'=`),
# which is written with the guard on top (`''=`) so that the round trip keeps it.
printf '%s\n' \
    'event_id,upn,urn,type,start,sessions,reasons,notes,recorded_by' \
    '=1+1,L999253000004,300001,suspension,2026-01-13,2,DB,"=HYPERLINK(""http://evil.example"",""x"")",+44 20 7946 0000' \
    "\"$CALC\",X999253000003,300002,suspension,2026-01-14,2,DB,\"	tab first\",''=already quoted" \
    '@SUM(1+1),H999253000002,300001,permanent,2026-03-18,,VA,-not a number,-1' \
    >"$WORK/events-hostile.csv"
expect_status "import event ids that begin like formulas" 0 "$ONROLL" import "$WORK/events-hostile.csv"
expect_in "... three new events" "3 rows: 3 new" "$WORK/out"
expect_eq "the guard of an imported cell is taken off: ''= is stored as '=" "'=already quoted" \
    "$(sql "select recorded_by from events where notes = '	tab first'")"
expect_eq "a text cell '-1' is stored as text" "-1" \
    "$(sql "select recorded_by from events where event_id = '@SUM(1+1)'")"

# ---- every CLI CSV ----
"$ONROLL" export schools >"$WORK/schools.csv"
check_cells "export schools" "$WORK/schools.csv"
expect_in "export schools: =1+1 guarded" "300001,9994201,'=1+1,secondary" "$WORK/schools.csv"
expect_in "export schools: -2+3+cmd guarded" "300002,9994202,'$CALC,secondary" "$WORK/schools.csv"
expect_in "export schools: @SUM guarded" "300003,9992201,'@SUM(A1:A9),primary" "$WORK/schools.csv"
"$ONROLL" export events >"$WORK/events.csv"
check_cells "export events" "$WORK/events.csv"
expect_in "export events: event id =1+1 guarded" "'=1+1,L999253000004,300001,suspension" "$WORK/events.csv"
expect_in "export events: event id -2+3+cmd guarded" "'$CALC,X999253000003,300002,suspension" "$WORK/events.csv"
expect_in "export events: a formula in notes guarded and quoted" "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" "$WORK/events.csv"
expect_in "export events: a tab first guarded" "'	tab first" "$WORK/events.csv"
expect_in "export events: +44 guarded" ",'+44 20 7946 0000" "$WORK/events.csv"
expect_in "export events: a text cell -1 guarded (the column is text)" ",'-1" "$WORK/events.csv"
expect_in "export events: ''= written for a stored '=" ",''=already quoted" "$WORK/events.csv"
for k in calendar pupils enrolments caseload attendance attendance_totals; do
    "$ONROLL" export $k >"$WORK/export-$k.csv"
    if [ "$(wc -l <"$WORK/export-$k.csv")" -gt 1 ]; then check_cells "export $k" "$WORK/export-$k.csv"; fi
done

expect_status "duties --format csv" 0 "$ONROLL" duties --as-of 2026-03-31 --format csv
cp "$WORK/out" "$WORK/duties.csv"
check_cells "duties --format csv" "$WORK/duties.csv"
expect_in "duties: event id =1+1 guarded" "'=1+1,300001,L999253000004," "$WORK/duties.csv"
expect_in "duties: event id -2+3+cmd guarded" "'$CALC,300002,X999253000003," "$WORK/duties.csv"
expect_in "duties: event id @SUM guarded" "'@SUM(1+1),300001,H999253000002," "$WORK/duties.csv"

expect_status "risk --format csv" 0 "$ONROLL" risk --as-of 2026-03-31 --format csv
cp "$WORK/out" "$WORK/risk.csv"
check_cells "risk --format csv" "$WORK/risk.csv"

expect_status "report rates by school" 0 "$ONROLL" report rates --year $YEAR --by school
cp "$WORK/out" "$WORK/rates.csv"
check_cells "report rates --by school" "$WORK/rates.csv"
expect_in "report rates: school name =1+1 guarded" ",300001,'=1+1," "$WORK/rates.csv"
expect_in "report rates: school name -2+3+cmd guarded" ",300002,'$CALC," "$WORK/rates.csv"
expect_status "report schools" 0 "$ONROLL" report schools --year $YEAR
cp "$WORK/out" "$WORK/report-schools.csv"
check_cells "report schools" "$WORK/report-schools.csv"
expect_in "report schools: =1+1 guarded, numbers untouched" "202526,999,300001,'=1+1,22," "$WORK/report-schools.csv"
expect_in "report schools: -2+3+cmd guarded" "202526,999,300002,'$CALC,20," "$WORK/report-schools.csv"
expect_status "report disproportionality by school" 0 "$ONROLL" report disproportionality --year $YEAR --by school
cp "$WORK/out" "$WORK/dispro.csv"
check_cells "report disproportionality --by school" "$WORK/dispro.csv"
expect_in "report disproportionality: =1+1 guarded" ",'=1+1," "$WORK/dispro.csv"
expect_status "report outcomes" 0 "$ONROLL" report outcomes --as-of 2026-03-31
cp "$WORK/out" "$WORK/outcomes.csv"
expect_in "report outcomes: the header" "intervention,measure,scale,label" "$WORK/outcomes.csv"
expect_status "interventions --format csv" 0 "$ONROLL" interventions --format csv
cp "$WORK/out" "$WORK/interventions.csv"
check_cells "interventions --format csv" "$WORK/interventions.csv"

expect_status "a partner's address that begins with =" 0 "$ONROLL" notify recipients add mash "=1+1@evil.example"
expect_status "notify enqueue" 0 "$ONROLL" notify enqueue --as-of 2026-03-31 --base-url http://127.0.0.1:1
expect_status "notify list --format csv" 0 "$ONROLL" notify list --format csv
cp "$WORK/out" "$WORK/outbox.csv"
check_cells "notify list --format csv" "$WORK/outbox.csv"
expect_in "notify list: the address =1+1@ guarded" ",mash,'=1+1@evil.example,300001,'@SUM(1+1)," "$WORK/outbox.csv"

# ---- export -> import -> export is a fixed point, hostile cells and all ----
dump_all >"$WORK/dump1"
for k in schools calendar pupils enrolments caseload events attendance attendance_totals; do
    "$ONROLL" export "$k" --out "$WORK/exp-$k.csv" 2>/dev/null
done
FRESH=$(new_db fresh)
ONROLL_DB="$FRESH" expect_status "init a fresh database" 0 "$ONROLL" init
ONROLL_DB="$FRESH" expect_status "import the export into it" 0 "$ONROLL" import "$WORK"/exp-*.csv
ONROLL_DB="$FRESH" dump_all >"$WORK/dump2"
expect_same_file "export -> import -> export is byte-identical" "$WORK/dump1" "$WORK/dump2"
expect_eq "the fresh database holds the names as imported" "=1+1" \
    "$(ONROLL_DB="$FRESH" sql "select name from schools where urn = 300001")"
expect_status "re-importing the export changes nothing" 0 "$ONROLL" import "$WORK"/exp-*.csv
expect_in "... every school unchanged" "schools, 3 rows: 0 new, 0 updated, 3 unchanged" "$WORK/out"

# ---- invisible characters are refused at import, the message naming them ----
RLO=$(printf '\342\200\256')
printf 'upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of\nU999253000001,Aaron,Abb%sttobA,2011-04-12,M,WBRI,1,K,2026-03-01\n' \
    "$RLO" >"$WORK/pupils-rlo.csv"
expect_status "a surname with a right-to-left override is refused" 1 "$ONROLL" import "$WORK/pupils-rlo.csv"
expect_in "... naming file, line, column and the character" \
    "pupils-rlo.csv:2: column surname: contains U+202E RIGHT-TO-LEFT OVERRIDE, an invisible control character, at character 4; remove it" "$WORK/err"
printf 'event_id,upn,urn,type,start,notes\nZW1,U999253000001,300001,cme,2026-03-02,"ok\nthen a zero%swidth space"\n' \
    "$(printf '\342\200\213')" >"$WORK/events-zw.csv"
expect_status "notes with a zero-width space are refused" 1 "$ONROLL" import "$WORK/events-zw.csv"
expect_in "... naming it" "events-zw.csv:2: column notes: contains U+200B ZERO WIDTH SPACE" "$WORK/err"
printf 'urn,laestab,name,phase,la_code,type\n300001,9994201,North%sgate,secondary,999,academy\n' \
    "$(printf '\302\205')" >"$WORK/schools-c1.csv"
expect_status "a school name with a C1 control (NEL) is refused" 1 "$ONROLL" import "$WORK/schools-c1.csv"
expect_in "... naming it" "schools-c1.csv:2: column name: contains U+0085" "$WORK/err"
dump_all >"$WORK/dump3"
expect_same_file "nothing of the refused files was written" "$WORK/dump1" "$WORK/dump3"

# ---- the web's CSV downloads, through the running server ----
printf 'Harbour-Quartz-Lantern-71\n' | "$ONROLL" user add officer@la.example.gov.uk --name Officer \
    --role la_officer --password-stdin >/dev/null 2>&1
expect_eq "an LA officer account" 0 $?
start_server
J=$WORK/jar
expect_eq "the officer signs in" 303 "$(sign_in "$J" officer@la.example.gov.uk Harbour-Quartz-Lantern-71)"
expect_eq "download the schools table" 200 "$(get "$J" "/reports/download?report=schools&year=2025%2F26")"
expect_in "... as CSV" "text/csv" "$WORK/headers"
cp "$WORK/body" "$WORK/web-schools.csv"
check_cells "web: schools table download" "$WORK/web-schools.csv"
expect_in "web: =1+1 guarded, numbers untouched" "202526,999,300001,'=1+1,22," "$WORK/web-schools.csv"
expect_in "web: -2+3+cmd guarded" "202526,999,300002,'$CALC,20," "$WORK/web-schools.csv"
expect_same_file "web: the download is the CLI's CSV" "$WORK/report-schools.csv" "$WORK/web-schools.csv"
expect_eq "download rates by school" 200 "$(get "$J" "/reports/download?report=rates&year=2025%2F26&by1=school")"
cp "$WORK/body" "$WORK/web-rates.csv"
check_cells "web: rates by school download" "$WORK/web-rates.csv"
expect_in "web: rates: =1+1 guarded" ",300001,'=1+1," "$WORK/web-rates.csv"
expect_eq "download the outcomes report" 200 "$(get "$J" "/reports/outcomes/download?as_of=2026-03-31")"
expect_in "web: outcomes download is CSV" "intervention,measure,scale,label" "$WORK/body"

# a web form's text goes through the same importer: a right-to-left override in notes is refused
export FORM_LISTS="reasons"
expect_eq "the record form" 200 "$(get "$J" "/pupils/L999253000004/record")"
cp "$WORK/body" "$WORK/form.html"
form_body "$WORK/form.html" type=suspension urn=300001 start-day=4 start-month=3 start-year=2026 \
    sessions=2 reasons=DB "notes=Dear Mr ${RLO}abmoC" action=check >"$WORK/check.req"
expect_eq "a form with a right-to-left override in notes is refused" 400 \
    "$(post "$J" "/pupils/L999253000004/record" "$WORK/check.req")"
expect_in "... the page names the character" "U+202E RIGHT-TO-LEFT OVERRIDE" "$WORK/body"
finish
