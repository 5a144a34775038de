# lib.sh - a few assertions for the end-to-end scripts, which drive the real onroll binary on
# a real database in a temporary directory. Source it; call `finish` at the end.
set -u
ONROLL=${ONROLL:-$(pwd)/${BUILD:-build}/onroll}
DATA=$(pwd)/tests/e2e/data
WORK=$(mktemp -d)
trap 'rm -rf "$WORK" 2>/dev/null || { sleep 1; rm -rf "$WORK"; }' EXIT
# new_db NAME: a fresh, empty database's URL. On SQLite a file in $WORK; when ONROLL_TEST_PG
# holds a test cluster's URL (tests/pg/cluster.sh), a new database in that cluster, so the
# same scripts run on PostgreSQL.
new_db() {
    if [ -n "${ONROLL_TEST_PG:-}" ]; then
        name="t_$1_$$"
        sh tests/pg/cluster.sh psql "$ONROLL_TEST_PG" -q -c "CREATE DATABASE $name" >/dev/null
        echo "$ONROLL_TEST_PG" | sed "s|@/[^?]*?|@/$name?|"
    else
        echo "$WORK/$1.db"
    fi
}
# sql QUERY: run a query on the current database (either engine), values separated by '|'.
# On SQLite the log database (audit_log, sessions: the file DB-log) is attached as "log", as
# onroll attaches it.
sql() {
    if [ -n "${ONROLL_TEST_PG:-}" ]; then
        psql -qtA "$ONROLL_DB" -c "$1"
    else
        sqlite3 -cmd "ATTACH DATABASE '$ONROLL_DB-log' AS log" "$ONROLL_DB" "$1"
    fi
}
# count_rows TABLE: rows in a table of the current database (for provenance checks).
count_rows() {
    sql "select count(*) from $1"
}
export ONROLL_DB=$(new_db main)
_passed=0
_failed=0

pass() { _passed=$((_passed + 1)); echo "ok   $1"; }
fail() { _failed=$((_failed + 1)); echo "FAIL $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/     /'; }

# expect_status NAME STATUS CMD... : run CMD, check its exit status
expect_status() {
    name=$1 want=$2
    shift 2
    "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    if [ "$got" -eq "$want" ]; then pass "$name"; else fail "$name (exit $got, wanted $want)" "$(cat "$WORK/out" "$WORK/err" | head -20)"; fi
}

# expect_in NAME NEEDLE FILE : FILE contains NEEDLE (fixed string)
expect_in() {
    if grep -qF -- "$2" "$3"; then pass "$1"; else fail "$1 (no '$2')" "$(head -20 "$3")"; fi
}

expect_not_in() {
    if grep -qF -- "$2" "$3"; then fail "$1 (found '$2')" "$(grep -F -- "$2" "$3" | head -5)"; else pass "$1"; fi
}

# expect_eq NAME WANT GOT
expect_eq() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1 (wanted '$2', got '$3')"; fi
}

# expect_same_file NAME A B
expect_same_file() {
    if cmp -s "$2" "$3"; then pass "$1"; else fail "$1 (files differ)" "$(diff "$2" "$3" | head -20)"; fi
}

# A dump of every kind, in export order: the database's content as other tools see it.
dump_all() {
    for k in schools calendar pupils enrolments caseload events attendance attendance_totals; do
        echo "## $k"
        "$ONROLL" export "$k"
    done
}

finish() {
    echo "$_passed passed, $_failed failed"
    [ "$_failed" -eq 0 ]
}
