/* rules.h - the catalogue of rules (DOMAIN.md §3-5): one row per statutory duty, local-protocol
 * step and risk indicator, with who acts and the source. Rules are data: code and screens look
 * them up by id; the rules engine adds triggers and deadlines to the same rows. */
#ifndef ONROLL_RULES_H
#define ONROLL_RULES_H

#include <stddef.h>

typedef enum { OR_RULE_STATUTORY, OR_RULE_LOCAL, OR_RULE_RISK } or_rule_kind;
typedef enum { OR_RULE_MUST, OR_RULE_SHOULD } or_rule_strength;

typedef struct {
    const char *id; /* "STAT-NOTIFY-LA" */
    or_rule_kind kind;
    or_rule_strength strength;
    const char *who;     /* who must act */
    const char *summary; /* one plain sentence */
    const char *source;  /* statute, guidance paragraph or local protocol */
    int unconfirmed;     /* rests on a secondary source: show the source next to it */
} or_rule;

size_t or_rules_count(void);
const or_rule *or_rule_at(size_t i);
const or_rule *or_rule_find(const char *id);

#endif
