/* action_plan.c - LOCAL-ACTION-PLAN: each action of a self-evaluation review's action plan
 * (reviews.h, migration 030) is a duty of its named lead, due on its finish date and done when
 * recorded done on /duties. It is the school's, about its action plan, not about a pupil: its
 * row's evaluator adds nothing for a pupil, and its duties are the open actions of the store
 * (or_review_actions_open), shown on /duties (page_review_plan.c). */
#include "rules/rules_internal.h"

void or_local_action_plan(or_duty_ctx *c)
{
    (void)c;
}
