#!/bin/sh
# test_live_model.sh - the server's figures come from one columnar model, loaded once and kept
# current with every committed write (include/onroll/live.h): rows imported with the CLI into
# the same database while the server runs, and rows sent to the MIS API, show in the very next
# /reports without the server loading its model again (/status counts the loads: one).
#
# The LA is test_reports.sh's scenario (tests/e2e/reports/, worked by hand there). Each step
# below changes one figure of `rates by sex` for 2025/26, unsuppressed, worked out by hand
# (rate = n * 100 / headcount, 2 d.p., half away from zero):
#   start:     F 24 pupils, 5 suspensions (20.83), 1 permanent (4.17), 5 one-plus (20.83);
#              Total 56, 26 (46.43), 4 (7.14), 16 (28.57)                 [test_reports.sh (1)]
#   (1) CLI: LIVE1, a suspension of A17 (R999253000017, F, on roll at 300001, no events before)
#              F 24, 6 (600/24 = 25.00), 1 (4.17), 6 one-plus (25.00);
#              Total 56, 27 (2700/56 = 48.214 -> 48.21), 4 (7.14), 17 (1700/56 = 30.357 -> 30.36)
#   (2) API (school 300002's token): LIVE2, a suspension of Z999253000043 (F, on roll at 300002)
#              F 24, 7 (700/24 = 29.166 -> 29.17), 1 (4.17), 7 (29.17);
#              Total 56, 28 (50.00), 4 (7.14), 18 (1800/56 = 32.142 -> 32.14)
#   (3) CLI: LIVE1 withdrawn: it counts nowhere - back to (1) but for LIVE2:
#              F 24, 6 (25.00), 1 (4.17), 6 (25.00); Total 56, 27 (48.21), 4 (7.14), 17 (30.36)
#   (4) CLI: a new girl, Z999253000099, on roll at 300003 from 1 Sep 2025 (two files: her
#       snapshot and her enrolment): one more on roll on census day, no events
#              F 25, 6 (600/25 = 24.00), 1 (100/25 = 4.00), 6 (24.00);
#              Total 57, 27 (2700/57 = 47.368 -> 47.37), 4 (400/57 = 7.017 -> 7.02),
#              17 (1700/57 = 29.824 -> 29.82)
# Sources replayed: (1) one file, (2) one API call, (3) one file, (4) two files = 5.
# Then the server stops (saving its model beside a SQLite database: <db>.model), and while it
# is stopped:
#   (5) CLI: a suspension of V999253000019 (F, on roll at 300001, no events before)
#              F 25, 7 (700/25 = 28.00), 1 (4.00), 7 (28.00);
#              Total 57, 28 (2800/57 = 49.122 -> 49.12), 4 (7.02), 18 (1800/57 = 31.578 -> 31.58)
# and a new server starts from the saved copy (SQLite; PostgreSQL: from the tables), replays
# (5), and shows it. A copy cut short is not read: the next start loads the tables.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
R=$(pwd)/tests/e2e/reports

expect_status "init" 0 "$ONROLL" init
expect_status "import the scenario" 0 "$ONROLL" import "$R/schools.csv" "$R/calendar.csv" \
    "$R/pupils.csv" "$R/enrolments.csv" "$R/events.csv"
printf 'live-kestrel-42\n' | "$ONROLL" user add officer@la.example.gov.uk --name Olive \
    --role la_officer --password-stdin >/dev/null 2>&1
expect_eq "an LA officer" 0 $?
"$ONROLL" user token 300002 >"$WORK/token" 2>/dev/null
TOKEN=$(grep '^onr_' "$WORK/token")
expect_eq "a token for school 300002" 1 "$(grep -c '^onr_' "$WORK/token")"

start_server
J=$WORK/jar
expect_eq "sign in" 303 "$(sign_in "$J" officer@la.example.gov.uk live-kestrel-42)"

Q='/reports/download?report=rates&year=2025/26&by1=sex&unsuppressed=1'
F_ROW="202526,Local authority,999,,F,Female"
T_ROW="202526,Local authority,999,,Total,Total"
# rows NAME F_FIGURES TOTAL_FIGURES : the download's girls' and total rows are these
rows() {
    code=$(get "$J" "$Q")
    expect_eq "$1: the CSV download answers" 200 "$code"
    expect_in "$1: girls $2" "$F_ROW,$2" "$WORK/body"
    expect_in "$1: total $3" "$T_ROW,$3" "$WORK/body"
}
# status_count LABEL : the number on /status next to LABEL
status_count() {
    get "$J" /status >/dev/null
    python3 - "$WORK/body" "$1" <<'EOF'
import re, sys
html = open(sys.argv[1]).read()
m = re.search(re.escape(sys.argv[2]) + r'</td>\s*<td[^>]*>([0-9]+)</td>', html)
print(m.group(1) if m else "none")
EOF
}

rows "start" "24,5,20.83,1,4.17,5,20.83" "56,26,46.43,4,7.14,16,28.57"
expect_eq "the page shows the same (reports page answers)" 200 \
    "$(get "$J" '/reports?report=rates&year=2025/26&by1=sex&unsuppressed=1')"
expect_in "... with the girls' 5 suspensions" '20.83' "$WORK/body"

# (1) the CLI, another process, same database, while the server runs
cat >"$WORK/live1.csv" <<'EOF'
event_id,upn,urn,type,start,sessions,reasons
LIVE1,R999253000017,300001,suspension,2026-03-18,2,DB
EOF
expect_status "(1) onroll import, the server running" 0 "$ONROLL" import "$WORK/live1.csv"
rows "(1) the next /reports" "24,6,25.00,1,4.17,6,25.00" "56,27,48.21,4,7.14,17,30.36"

# (2) the MIS API
code=$(curl -s -o "$WORK/api" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary \
    '[{"event_id": "LIVE2", "upn": "Z999253000043", "urn": "300002", "type": "suspension",
       "start": "2026-03-19", "sessions": "2", "reasons": "DB"}]' "$B/api/v1/events")
expect_eq "(2) the API takes the suspension" 200 "$code"
rows "(2) the next /reports" "24,7,29.17,1,4.17,7,29.17" "56,28,50.00,4,7.14,18,32.14"

# (3) a correction: LIVE1 withdrawn
cat >"$WORK/live3.csv" <<'EOF'
event_id,upn,urn,type,start,ref
LIVE1-W,R999253000017,300001,withdrawn,2026-03-19,LIVE1
EOF
expect_status "(3) import the withdrawal" 0 "$ONROLL" import "$WORK/live3.csv"
rows "(3) the next /reports" "24,6,25.00,1,4.17,6,25.00" "56,27,48.21,4,7.14,17,30.36"

# (4) a new pupil and her registration
cat >"$WORK/live4p.csv" <<'EOF'
upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of
Z999253000099,Zoe,Newcome,2017-05-06,F,WBRI,0,N,2025-09-01
EOF
cat >"$WORK/live4e.csv" <<'EOF'
upn,urn,start,end,type
Z999253000099,300003,2025-09-01,,main
EOF
expect_status "(4) import a pupil and her enrolment" 0 "$ONROLL" import "$WORK/live4p.csv" \
    "$WORK/live4e.csv"
rows "(4) the next /reports" "25,6,24.00,1,4.00,6,24.00" "57,27,47.37,4,7.02,17,29.82"

# the dashboard's figures and the scrutiny report come from the same model
expect_eq "the dashboard answers" 200 "$(get "$J" /dashboard)"
expect_eq "the scrutiny report answers" 200 "$(get "$J" '/reports/scrutiny?year=2025/26')"

# loaded once: every change above was replayed, never loaded again
expect_eq "/status: the model was loaded once since the service started" 1 \
    "$(status_count 'Loads from the database since the service started')"
expect_eq "/status: five sources replayed into it (3 imports of 4 files, 1 API call)" 5 \
    "$(status_count 'Imports, forms and API calls added to it since')"
expect_eq "/status: as many pupils in it as the database has snapshots of" \
    "$(sql "SELECT COUNT(DISTINCT upn) FROM pupil_snapshots")" \
    "$(status_count 'Pupils in it')"
expect_in "the server's log says it loaded the model once" "the figures' model loaded in" \
    "$WORK/serve.log"
expect_eq "... and only once" 1 "$(grep -c "the figures' model loaded in" "$WORK/serve.log")"

# stop_server : SIGTERM to the last server started (it saves its model), until it has gone
stop_server() {
    pid=${PIDS##* }
    kill -TERM "$pid"
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    expect_eq "the server stops on SIGTERM" gone "$(kill -0 "$pid" 2>/dev/null || echo gone)"
}
stop_server
if [ -z "${ONROLL_TEST_PG:-}" ]; then
    expect_eq "its model saved beside the database" 1 "$(test -s "$ONROLL_DB.model" && echo 1)"
fi
printf 'event_id,upn,urn,type,start,sessions,reasons\nLIVE5,V999253000019,300001,suspension,2026-03-20,2,DB\n' \
    >"$WORK/live5.csv"
expect_status "(5) onroll import, the server stopped" 0 "$ONROLL" import "$WORK/live5.csv"
start_server
expect_eq "sign in again" 303 "$(sign_in "$J" officer@la.example.gov.uk live-kestrel-42)"
rows "(5) after the restart" "25,7,28.00,1,4.00,7,28.00" "57,28,49.12,4,7.02,18,31.58"
if [ -z "${ONROLL_TEST_PG:-}" ]; then
    expect_eq "/status: the restarted server did not load from the database" 0 \
        "$(status_count 'Loads from the database since the service started')"
    expect_eq "/status: ... it read its saved copy" 1 \
        "$(status_count 'Loads from its saved copy since the service started')"
    expect_eq "/status: ... and replayed the one import made while it was stopped" 1 \
        "$(status_count 'Imports, forms and API calls added to it since')"
    expect_in "the log says so" "from its saved copy" "$WORK/serve.log"
    # cut short, the copy is not read: the next start loads the tables
    stop_server
    size=$(wc -c <"$ONROLL_DB.model")
    head -c $((size / 2)) "$ONROLL_DB.model" >"$WORK/half" && mv "$WORK/half" "$ONROLL_DB.model"
    start_server
    expect_eq "sign in to a server whose copy was cut short" 303 \
        "$(sign_in "$J" officer@la.example.gov.uk live-kestrel-42)"
    rows "(5) from the tables" "25,7,28.00,1,4.00,7,28.00" "57,28,49.12,4,7.02,18,31.58"
    expect_eq "/status: the copy cut short was not read: loaded from the database" 1 \
        "$(status_count 'Loads from the database since the service started')"
else
    expect_eq "/status: PostgreSQL: loaded from the database (no saved copy)" 1 \
        "$(status_count 'Loads from the database since the service started')"
fi

finish
