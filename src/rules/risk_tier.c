/* risk_tier.c - children at risk ranked (risk.h, docs/risk.md): the kind of each indicator
 * (exclusion or attendance), the parameter that weighs it, and a child's tier from the weights
 * of the indicators that fired, with the words that explain it. Pure: flags and parameters in,
 * a rank out. The dashboards count children through or_risk_count_pupil / or_risk_counts_of,
 * the lists rank them through or_risk_rank_of: one tier everywhere. */
#include <stdio.h>
#include <string.h>

#include "rules/rules_internal.h"

static const struct {
    or_rule_id rule;
    or_risk_kind kind;
    or_param_id weight;
    const char *name; /* for people, short: lists and filters (labels.h) */
} indicators[] = {
    {OR_RULE_RISK_REPEAT_SUSP, OR_RISK_EXCLUSION, OR_P_RISK_W_REPEAT_SUSP, "Repeated suspensions"},
    {OR_RULE_RISK_SUSP_DAYS, OR_RISK_EXCLUSION, OR_P_RISK_W_SUSP_DAYS, "Many days suspended"},
    {OR_RULE_RISK_HALFTERM, OR_RISK_EXCLUSION, OR_P_RISK_W_HALFTERM,
     "Suspensions in one half-term"},
    {OR_RULE_RISK_PA, OR_RISK_ATTENDANCE, OR_P_RISK_W_PA, "Persistent absence"},
    {OR_RULE_RISK_SA, OR_RISK_ATTENDANCE, OR_P_RISK_W_SA, "Severe absence"},
    {OR_RULE_RISK_VULNERABLE, OR_RISK_EXCLUSION, OR_P_RISK_W_VULNERABLE,
     "Vulnerable child suspended"},
    /* a part-time timetable is a reduced timetable the school set: an exclusion in effect */
    {OR_RULE_RISK_PTT, OR_RISK_EXCLUSION, OR_P_RISK_W_PTT, "Part-time timetable too long"},
    {OR_RULE_RISK_MOVES, OR_RISK_EXCLUSION, OR_P_RISK_W_MOVES, "Changes of school"},
    {OR_RULE_RISK_MISSING, OR_RISK_ATTENDANCE, OR_P_RISK_W_MISSING, "Unexplained absence, 10 days"},
    {OR_RULE_RISK_NO_PLAN, OR_RISK_EXCLUSION, OR_P_RISK_W_NO_PLAN, "No support plan"},
};
enum { NIND = sizeof indicators / sizeof indicators[0] };

static int find(or_rule_id r)
{
    for (int i = 0; i < NIND; i++)
        if (indicators[i].rule == r)
            return i;
    return -1;
}

or_risk_kind or_risk_kind_of(or_rule_id indicator)
{
    int i = find(indicator);
    return i < 0 ? OR_RISK_EXCLUSION : indicators[i].kind;
}

int or_risk_weight_param(or_rule_id indicator)
{
    int i = find(indicator);
    return i < 0 ? -1 : (int)indicators[i].weight;
}

const char *or_risk_indicator_name(or_rule_id indicator)
{
    int i = find(indicator);
    return i < 0 ? "" : indicators[i].name;
}

static const char *const kind_keys[OR_RISK_KIND__N] = {"exclusion", "attendance"};
static const char *const kind_labels[OR_RISK_KIND__N] = {"Exclusion", "Attendance"};
static const char *const tier_keys[OR_TIER__N] = {"", "low", "medium", "high"};
static const char *const tier_labels[OR_TIER__N] = {"", "Low", "Medium", "High"}; /* labels.h */

const char *or_risk_kind_key(or_risk_kind k)
{
    return k >= 0 && k < OR_RISK_KIND__N ? kind_keys[k] : "";
}

const char *or_risk_tier_key(or_risk_tier t)
{
    return t >= 0 && t < OR_TIER__N ? tier_keys[t] : "";
}

const char *or_risk_kind_label(or_risk_kind k)
{
    return k >= 0 && k < OR_RISK_KIND__N ? kind_labels[k] : "";
}

const char *or_risk_tier_label(or_risk_tier t)
{
    return t >= 0 && t < OR_TIER__N ? tier_labels[t] : "";
}

int or_risk_kind_parse(const char *s)
{
    for (int k = 0; s && k < OR_RISK_KIND__N; k++)
        if (!strcmp(s, kind_keys[k]))
            return k;
    return -1;
}

int or_risk_tier_parse(const char *s)
{
    for (int t = OR_TIER_LOW; s && *s && t < OR_TIER__N; t++)
        if (!strcmp(s, tier_keys[t]))
            return t;
    return -1;
}

static int weight_of(const or_flag *f, const or_params *p)
{
    int w = or_risk_weight_param(f->rule->code);
    return w < 0 ? 0 : p->v[w];
}

or_risk_rank or_risk_rank_of(const or_flag *flags, int n, const or_params *p)
{
    or_risk_rank r = {OR_TIER_NONE, 0, 0, OR_DATE_NONE};
    unsigned followed = 0; /* the kinds RISK-NO-PLAN stands beside */
    bool no_plan = false;
    for (int i = 0; i < n; i++) {
        const or_flag *f = &flags[i];
        r.weight += weight_of(f, p);
        if (f->on != OR_DATE_NONE && (r.latest == OR_DATE_NONE || f->on > r.latest))
            r.latest = f->on;
        if (f->rule->code == OR_RULE_RISK_NO_PLAN)
            no_plan = true;
        else
            followed |= 1u << or_risk_kind_of(f->rule->code);
    }
    r.kinds = followed;
    if (no_plan && !followed) /* alone (a list cut to it): its own kind */
        r.kinds = 1u << or_risk_kind_of(OR_RULE_RISK_NO_PLAN);
    if (n <= 0)
        return r;
    r.tier = r.weight >= p->v[OR_P_RISK_TIER_HIGH]     ? OR_TIER_HIGH
             : r.weight >= p->v[OR_P_RISK_TIER_MEDIUM] ? OR_TIER_MEDIUM
                                                       : OR_TIER_LOW;
    return r;
}

void or_risk_explain(const or_flag *flags, int n, const or_params *p, bool names, char *buf,
                     size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    if (n <= 0)
        return;
    or_risk_rank r = or_risk_rank_of(flags, n, p);
    size_t len = 0;
#define ADD(...)                                                                                   \
    do {                                                                                           \
        if (len < size) {                                                                          \
            int k_ = snprintf(buf + len, size - len, __VA_ARGS__);                                 \
            len += k_ > 0 ? (size_t)k_ : 0;                                                        \
        }                                                                                          \
    } while (0)
    ADD("%s risk: weight %d (", or_risk_tier_label(r.tier), r.weight);
    for (int i = 0; i < n; i++)
        ADD("%s%s %d", i ? ", " : "",
            names ? or_risk_indicator_name(flags[i].rule->code) : flags[i].rule->id,
            weight_of(&flags[i], p));
    ADD("); high from %d, medium from %d", p->v[OR_P_RISK_TIER_HIGH], p->v[OR_P_RISK_TIER_MEDIUM]);
#undef ADD
}

void or_risk_count_pupil(or_risk_counts *c, const or_flag *flags, int n, const or_params *p)
{
    or_risk_rank r = or_risk_rank_of(flags, n, p);
    if (r.tier == OR_TIER_NONE)
        return;
    for (int k = 0; k < OR_RISK_KIND__N; k++)
        if (r.kinds & (1u << k))
            c->pupils[r.tier][k]++;
    c->pupils[r.tier][OR_RISK_KIND__N]++;
}

void or_risk_counts_of(const or_flag_list *l, const or_params *p, or_risk_counts *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < l->n;) {
        int j = i + 1;
        while (j < l->n && !strcmp(l->items[j].upn, l->items[i].upn))
            j++;
        or_risk_count_pupil(out, &l->items[i], j - i, p);
        i = j;
    }
}
