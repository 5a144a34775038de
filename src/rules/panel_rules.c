/* panel_rules.c - LOCAL-PANEL-ACTION (panel.h, docs/panel.md): each action the multi-agency
 * panel agreed for a child (a referral_update "discussed" or "panel_action" naming its owner in
 * `to` and its due date in `end`) is a duty of its owner, due on that date, done by an `action`
 * naming the update and the rule. The referring school sees it with the LA. */
#include "onroll/panel.h"
#include "rules/rules_internal.h"

void or_local_panel(or_duty_ctx *c)
{
    const or_pupil_facts *f = c->f;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *u = &f->events[i];
        if (!or_panel_is_action(u) || u->start > c->as_of)
            continue;
        or_duty_add(c, u, u->urn, OR_RULE_LOCAL_PANEL_ACTION, u->end, OR_DUE_BY,
                    or_duty_action(c, u, OR_RULE_LOCAL_PANEL_ACTION),
                    "%s does the action the multi-agency panel agreed", u->to);
    }
}
