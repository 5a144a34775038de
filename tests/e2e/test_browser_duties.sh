#!/bin/sh
# test_browser_duties.sh - the LA officer works the overdue duties in a real browser: the LA of
# duties_data.sh served on a free port, and tests/browser/duties.spec.mjs (headless Chromium
# through playwright-core, axe-core on every page): filter to one school and rule, page, download
# the CSV, record one duty from the list and see it leave, the list at 320 px. Screenshots go to
# test-results/screenshots/. Skipped (and said so) when node, playwright-core, axe-core or
# Chromium is missing.
. tests/e2e/lib.sh
. tests/e2e/web_lib.sh
CHROMIUM=${ONROLL_CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1 || [ ! -d node_modules/playwright-core ] ||
    [ ! -d node_modules/axe-core ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: node, playwright-core, axe-core or $CHROMIUM is missing"
    finish
    exit 0
fi
. tests/e2e/duties_data.sh
python3 - "$WORK/upns" "$URN_A" "$SCHOOL_A" "$PW" >"$WORK/fixtures.json" <<'EOF'
import json, sys
rows = [l.split() for l in open(sys.argv[1])]
print(json.dumps({
    "password": sys.argv[4], "la": "officer@la.example.gov.uk",
    "urnA": sys.argv[2], "schoolA": sys.argv[3],
    "ruleLabel": "Tell the parent of the suspension or exclusion without delay.",
    "upns": {r[0]: r[1] for r in rows}, "names": {r[1]: r[0] for r in rows}}))
EOF
start_server
SHOTS=${ONROLL_SCREENSHOTS:-test-results/screenshots}
mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM run_spec duties.spec.mjs "$B" "$WORK/fixtures.json" "$SHOTS"
A03=$(upn_of A03)
expect_eq "the duty recorded in the browser is on the record (onroll duties)" "done" \
    "$("$ONROLL" duties --pupil "$A03" --format csv | awk -F, '$4 == "STAT-NOTIFY-PARENT" { print $7 }')"
expect_eq "the browser's download is on the audit log" 1 \
    "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND object = '/duties/download'")"
finish
