/* risk_kit.c - what the risk indicators (risk.c) share: their words built in the arena
 * ("12 Sep 2025", "2.5 days") and the pupil as the indicators see them (the school year of the
 * date, the pupil's school and its calendar). It calls no rule file and not the catalogue. */
#include <stdio.h>
#include <string.h>

#include "rules/rules_internal.h"

/* ---- text in the arena ---- */

static void reserve(or_rtext *t, size_t extra)
{
    if (t->len + extra + 1 <= t->cap)
        return;
    size_t cap = t->cap ? t->cap : 128;
    while (cap < t->len + extra + 1)
        cap *= 2;
    char *buf = or_arena_alloc(t->arena, cap);
    if (t->len)
        memcpy(buf, t->buf, t->len);
    buf[t->len] = '\0';
    t->buf = buf;
    t->cap = cap;
}

void or_rtext_addf(or_rtext *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    reserve(t, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

void or_rtext_sep(or_rtext *t, const char *sep)
{
    if (t->len)
        or_rtext_addf(t, "%s", sep);
}

void or_rtext_date(or_rtext *t, or_date d)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, dd;
    or_date_to_ymd(d, &y, &m, &dd);
    or_rtext_addf(t, "%d %s %d", dd, months[(m - 1) % 12], y);
}

void or_rtext_days(or_rtext *t, int halves)
{
    if (halves % 2)
        or_rtext_addf(t, "%d.5 days", halves / 2);
    else
        or_rtext_addf(t, "%d day%s", halves / 2, halves == 2 ? "" : "s");
}

/* ---- the pupil, the year, the calendars ---- */

const or_calendar *or_risk_school_cal(const or_pupil_facts *f, int urn)
{
    const or_school_info *s = f->school ? f->school(f->school_ctx, urn) : NULL;
    return s && s->cal && s->cal->ndays > 0 ? s->cal : NULL;
}

static bool covers(const or_fact_enrolment *e, or_date d)
{
    return e->start <= d && (e->end == OR_DATE_NONE || e->end >= d);
}

/* The main enrolment covering as_of, else the latest enrolment (one started by as_of if any),
 * else the school of the latest event (likewise), else 0. */
int or_risk_pupil_urn(const or_pupil_facts *f, or_date as_of)
{
    for (int i = f->nenrols - 1; i >= 0; i--)
        if (f->enrols[i].reg_type == 'm' && covers(&f->enrols[i], as_of))
            return f->enrols[i].urn;
    const or_fact_enrolment *latest = NULL;
    for (int i = 0; i < f->nenrols; i++)
        if (!latest || f->enrols[i].start <= as_of)
            latest = &f->enrols[i];
    if (latest)
        return latest->urn;
    const or_fact_event *ev = NULL;
    for (int i = 0; i < f->nevents; i++)
        if (!ev || f->events[i].start <= as_of)
            ev = &f->events[i];
    return ev ? ev->urn : 0;
}

void or_risk_ctx_init(or_risk_ctx *c, const or_rule *rules, const or_pupil_facts *f,
                      const or_params *p, or_date as_of, or_arena *arena)
{
    memset(c, 0, sizeof *c);
    c->rules = rules;
    c->f = f;
    c->p = p;
    c->as_of = as_of;
    c->ay = or_date_academic_year(as_of);
    c->ay_start = or_date_academic_year_start(c->ay);
    c->ay_end = or_date_academic_year_start(c->ay + 1) - 1;
    c->urn = or_risk_pupil_urn(f, as_of);
    c->cal = or_risk_school_cal(f, c->urn);
    c->arena = arena;
    for (int r = 0; r < OR_RULE__COUNT; r++) {
        c->detail[r] = (or_rtext){arena, NULL, 0, 0};
        c->on[r] = OR_DATE_NONE;
    }
}

void or_risk_fire(or_risk_ctx *c, or_rule_id r, or_date on)
{
    c->fired[r] = true;
    if (on != OR_DATE_NONE && (c->on[r] == OR_DATE_NONE || on > c->on[r]))
        c->on[r] = on;
}

int or_risk_fired(const or_risk_ctx *c, const or_rule **out)
{
    int n = 0;
    for (int r = 0; r < OR_RULE__COUNT; r++) {
        if (!c->fired[r])
            continue;
        int k = n++;
        for (; k > 0 && strcmp(out[k - 1]->id, c->rules[r].id) > 0; k--)
            out[k] = out[k - 1];
        out[k] = &c->rules[r];
    }
    return n;
}
