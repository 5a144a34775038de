/* partnership.c - LOCAL-PARTNERSHIP-MEETING: the school's partnership meeting (Hackney's WAMHS
 * three-way group) is due half-termly in secondary and special schools and termly in primary
 * schools (partnership.h works out the day). It is the school's, not about a pupil: its row's
 * evaluator adds nothing for a pupil, and its duties are worked out from the meetings in the
 * store (store_portfolio.h) on each school's calendar, shown on /duties (page_partnership.c). */
#include "rules/rules_internal.h"

void or_local_partnership_meeting(or_duty_ctx *c)
{
    (void)c;
}
