#!/bin/sh
# test_rule_ids.sh - a rule is named by its enum id in code and by its text id in data
# (rules.h). The attack: a misspelt rule id. In code it must not compile (it used to be a
# string, and or_duty_add silently dropped a duty whose id it did not know); in data it must
# be refused with the value named (the importer reads it with or_rule_parse). A correct call
# compiles, so the refusals are for the id and not for the way the snippet is built.
. tests/e2e/lib.sh

CC=${CC:-cc}
snippet() { # $1 = the rule argument of or_duty_add
    cat >"$WORK/snippet.c" <<EOF
#include "rules/rules_internal.h"
void try_it(or_duty_ctx *c, const or_fact_event *e);
void try_it(or_duty_ctx *c, const or_fact_event *e)
{
    or_duty_add(c, e, 0, $1, e->decided, OR_DUE_BY, NULL, "without delay");
}
EOF
    $CC -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Iinclude -Isrc -fsyntax-only \
        "$WORK/snippet.c"
}

expect_status "a known id compiles" 0 snippet OR_RULE_STAT_NOTIFY_LA
expect_status "a misspelt id does not compile" 1 snippet OR_RULE_STAT_NOTIFY_LAX
expect_in "the compiler names the misspelt id" "OR_RULE_STAT_NOTIFY_LAX" "$WORK/err"
expect_status "a text id (the old way) does not compile" 1 snippet '"STAT-NOTIFY-LA"'
expect_status "a misspelt text id does not compile either" 1 snippet '"STAT-NOTIFY-LAX"'

# in data: an action naming a rule that does not exist is refused, naming file, line and value
expect_status "init" 0 "$ONROLL" init
cat >"$WORK/actions.csv" <<'CSV'
event_id,upn,urn,type,start,ref,rule,outcome
A1,B801200005001,100001,action,2025-10-01,S1,STAT-NOTIFY-LAX,
CSV
expect_status "an action with a misspelt rule is refused" 1 "$ONROLL" import "$WORK/actions.csv"
expect_in "the refusal names the value" "'STAT-NOTIFY-LAX' is not a rule id" "$WORK/err"
expect_in "the refusal names file and line" "actions.csv:2" "$WORK/err"

finish
