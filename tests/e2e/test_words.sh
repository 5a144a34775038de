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

# ---- CLI help (findings: `onroll duties --help` is "unrecognized option"; no command
# describes its options) ----
expect_status "onroll help exits 0" 0 "$ONROLL" help
cp "$WORK/out" "$WORK/help.out"
cmds=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }' "$WORK/help.out")
[ -n "$cmds" ] && pass "onroll help lists the commands" || fail "onroll help lists the commands" "$(cat "$WORK/help.out")"
# the options a command's getopt table takes, from its source files
src_of() {
    case $1 in
    duties | risk | explain) echo "src/cli/cmd_$1.c src/cli/rules_opts.c" ;;
    report) echo "src/cli/cmd_report.c src/cli/cmd_report_outcomes.c" ;;
    serve | notify) echo "src/cli/cmd_$1.c src/cli/sender_opts.h" ;;
    *) echo "src/cli/cmd_$1.c" ;;
    esac
}
for c in $cmds; do
    for how in "$c --help" "help $c" "$c -h"; do
        # shellcheck disable=SC2086
        "$ONROLL" $how >"$WORK/h.out" 2>"$WORK/h.err"
        rc=$?
        if [ "$rc" -eq 0 ] && grep -q "^usage: onroll $c" "$WORK/h.out" && grep -q "^examples:" "$WORK/h.out" \
            && grep -q "^  onroll $c" "$WORK/h.out"; then
            pass "onroll $how: usage, options and an example, exit 0"
        else
            fail "onroll $how: usage, options and an example, exit 0 (exit $rc)" "$(cat "$WORK/h.out" "$WORK/h.err" | head -8)"
        fi
    done
    "$ONROLL" "$c" --help >"$WORK/h.out" 2>&1
    missing=""
    # shellcheck disable=SC2046
    for o in $(grep -ho '{"[a-z][a-z-]*", \(required\|no\|optional\)_argument' $(src_of "$c") | sed 's/{"\([^"]*\)".*/\1/' | sort -u); do
        [ "$o" = help ] || grep -q "^  --$o\b" "$WORK/h.out" || missing="$missing --$o"
    done
    # the options the README's table gives it
    for o in $(grep "^| \`onroll $c[ \`]" README.md | sed 's/|[^|]*$//' | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -q "^  $o\b" "$WORK/h.out" || missing="$missing $o(README)"
    done
    expect_eq "onroll $c --help describes every option it takes" "" "$missing"
done
expect_status "onroll help NOSUCH is a usage error" 2 "$ONROLL" help nosuch
expect_in "... naming the command" "'nosuch' is not a command" "$WORK/err"
# every command onroll help lists is in the README's table
for c in $cmds; do
    grep -q "^| \`onroll $c[ \`]" README.md && pass "README lists onroll $c" || fail "README lists onroll $c"
done

finish
