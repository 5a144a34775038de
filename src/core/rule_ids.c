/* rule_ids.c - rule ids as text and back: the one place a rule id is read from text (the `rule`
 * column of events, `onroll config`, the web's query strings). A leaf: it calls nothing, so
 * anything may call it. The list itself is OR_RULE_IDS in include/onroll/rule_ids.h. */
#include <string.h>

#include "onroll/rule_ids.h"

static const char *const names[OR_RULE__COUNT] = {
#define NAME(e, text) [OR_RULE_##e] = text,
    OR_RULE_IDS(NAME)
#undef NAME
};

const char *or_rule_name(or_rule_id id)
{
    return (unsigned)id < OR_RULE__COUNT ? names[id] : NULL;
}

int or_rule_parse(const char *text)
{
    for (int i = 0; text && i < OR_RULE__COUNT; i++)
        if (strcmp(names[i], text) == 0)
            return i;
    return -1;
}
