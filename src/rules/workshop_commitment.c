/* workshop_commitment.c - LOCAL-WORKSHOP-COMMITMENT: each commitment a workshop's facilitator
 * records against a ranked idea of its energy-for-change board (store_ideas.h, migration 037)
 * is a duty of its owner (an onroll user of the LA or a school), due on its date and done when
 * recorded done on /duties. It is about the workshop, not a pupil: its row's evaluator adds
 * nothing for a pupil, and its duties are the open commitments of the store
 * (or_idea_commitments_open), shown on the owner's /duties (page_ideas_duties_section in
 * page_ideas_commit.c). */
#include "rules/rules_internal.h"

void or_local_workshop_commitment(or_duty_ctx *c)
{
    (void)c;
}
