/* scrutiny_peers.c - schools judged against their own kind (scrutiny_internal.h scr_peers):
 * each school's phase from the model, the peer groups (primary with nursery, secondary with
 * all-through, special, pupil referral units with alternative provision), each group's
 * one-plus rate, and each school's 95% and 99.8% funnel limits and class against its group's
 * rate, never the LA's. A school with no pupils on census day has no rate of its own, but its
 * suspended pupils count in its group's, as in the LA's. Suppression: within each group the
 * schools' one-plus counts are suppressed again with the group's total shown
 * (or_suppress_list), since the report publishes that total (the group's rate); a group whose
 * own total is small has no rate. */
#include <stdlib.h>
#include <string.h>

#include "onroll/stats.h"
#include "report/scrutiny_internal.h"

static const scr_peer_kind kinds[SCR_PG__N] = {
    [SCR_PG_PRIMARY] = {"primary", "Primary schools", "Primary", "primary and nursery schools"},
    [SCR_PG_SECONDARY] = {"secondary", "Secondary schools", "Secondary",
                          "secondary and all-through schools"},
    [SCR_PG_SPECIAL] = {"special", "Special schools", "Special", "special schools"},
    [SCR_PG_AP] = {"ap", "Pupil referral units and alternative provision", "PRU and AP",
                   "pupil referral units and alternative provision"},
};

const scr_peer_kind *scr_peer_kind_of(int g)
{
    return g >= 0 && g < SCR_PG__N ? &kinds[g] : NULL;
}

int scr_peer_group_of(const char *phase)
{
    if (!phase)
        return -1;
    if (!strcmp(phase, "primary") || !strcmp(phase, "nursery"))
        return SCR_PG_PRIMARY;
    if (!strcmp(phase, "secondary") || !strcmp(phase, "all-through"))
        return SCR_PG_SECONDARY;
    if (!strcmp(phase, "special"))
        return SCR_PG_SPECIAL;
    if (!strcmp(phase, "pru") || !strcmp(phase, "ap"))
        return SCR_PG_AP;
    return -1;
}

/* The row of table t whose la_code and urn are la and urn, or -1. */
static int row_of(const or_table *t, const char *la, const char *urn)
{
    for (int r = 0; r < t->nrows; r++) {
        const char *l = scr_cell(t, r, "la_code"), *u = scr_cell(t, r, "urn");
        if (l && u && !strcmp(l, la) && !strcmp(u, urn))
            return r;
    }
    return -1;
}

/* Within each (LA, group): suppress the schools' one-plus counts with the group's total shown,
 * and the group's total itself when it is small. */
static or_code mask_groups(scr *x, scr_peers *pp, or_error *err)
{
    int64_t *counts = malloc(((size_t)pp->nschools + 1) * sizeof *counts);
    int *who = malloc(((size_t)pp->nschools + 1) * sizeof *who);
    uint8_t *f = malloc((size_t)pp->nschools + 2);
    or_code rc = !counts || !who || !f ? or_fail(err, OR_ENOMEM, "out of memory") : OR_OK;
    for (int g = 0; !rc && g < pp->ngroups; g++) {
        scr_peer_group *grp = &pp->groups[g];
        int k = 0;
        for (int i = 0; i < pp->nschools; i++)
            if (pp->schools[i].group_at == g && (pp->schools[i].n > 0 || pp->schools[i].x > 0)) {
                who[k] = i;
                counts[k++] = pp->schools[i].x;
            }
        if (!k)
            continue;
        rc = or_suppress_list(counts, k, true, x->thr, f, err);
        for (int j = 0; !rc && j < k; j++)
            if (f[j])
                pp->schools[who[j]].hidden = true;
        if (!rc && f[k])
            grp->hidden = true;
    }
    free(counts);
    free(who);
    free(f);
    return rc;
}

or_code scr_peers_build(scr *x, or_table *t, scr_peers *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    or_group_query q = {x->o->ay, x->o->ay, 3, {OR_DIM_LA, OR_DIM_SCHOOL, OR_DIM_PHASE},
                        false,    true,     0};
    or_group_result r = {0};
    or_code rc = or_columns_group(x->c, &q, &r, err);
    if (rc)
        return rc;
    int nla = r.size[0];
    out->schools = or_arena_calloc(x->a, (size_t)t->nrows + 1, sizeof *out->schools);
    out->groups = or_arena_calloc(x->a, (size_t)nla * SCR_PG__N + 1, sizeof *out->groups);
    for (int la = 0; la < nla; la++)
        for (int g = 0; g < SCR_PG__N; g++) {
            scr_peer_group *grp = &out->groups[out->ngroups++];
            grp->la = or_group_code(x->c, &r, 0, la);
            grp->kind = g;
        }
    for (int r0 = 0; r0 < t->nrows; r0++) { /* every row of the table is a school */
        scr_peer_school *s = &out->schools[out->nschools++];
        s->row = r0;
        s->group_at = -1;
    }
    for (int la = 0; la < nla; la++)
        for (int sc = 0; sc < r.size[1]; sc++)
            for (int ph = 0; ph < r.size[2]; ph++) {
                const or_group_cell *cell =
                    &r.cells[(size_t)la * r.stride[0] + (size_t)sc * r.stride[1] +
                             (size_t)ph * r.stride[2]];
                if (!cell->headcount && !cell->suspensions && !cell->perm_excl)
                    continue;
                int row = row_of(t, or_group_code(x->c, &r, 0, la), or_group_code(x->c, &r, 1, sc));
                if (row < 0)
                    continue;
                scr_peer_school *s = &out->schools[row];
                int g = scr_peer_group_of(or_group_code(x->c, &r, 2, ph));
                s->phase = or_group_label(x->c, &r, 2, ph);
                s->group_at = g < 0 ? -1 : la * SCR_PG__N + g;
                s->n = cell->headcount;
                s->x = cell->one_plus;
            }
    or_group_result_release(&r);
    /* published as the table publishes them: a hidden one-plus rate stays hidden */
    for (int i = 0; i < out->nschools; i++) {
        scr_peer_school *s = &out->schools[i];
        double v;
        s->hidden = !scr_num(scr_cell(t, s->row, "one_plus_susp_rate"), &v) ||
                    !scr_num(scr_cell(t, s->row, "headcount"), &v);
        /* a school with no pupils on census day still counts its suspended pupils in its
         * group's rate, as the LA's rate counts them: the groups then add up to the LA */
        if (s->group_at >= 0) {
            out->groups[s->group_at].n += s->n;
            out->groups[s->group_at].x += s->x;
            out->groups[s->group_at].nschools += s->n > 0;
        }
    }
    if (x->thr > 0 && (rc = mask_groups(x, out, err)))
        return rc;
    for (int g = 0; g < out->ngroups; g++) {
        scr_peer_group *grp = &out->groups[g];
        grp->hidden |= grp->n <= 0;
        grp->p = grp->n > 0 ? (double)grp->x / (double)grp->n : 0;
    }
    for (int i = 0; i < out->nschools; i++) {
        scr_peer_school *s = &out->schools[i];
        if (s->group_at < 0 || s->n <= 0 || out->groups[s->group_at].hidden)
            continue;
        const scr_peer_group *grp = &out->groups[s->group_at];
        or_error e;
        s->judged = !or_funnel_limits(grp->p, s->n, &s->fl, &e) &&
                    !or_funnel_classify(s->x, s->n, grp->p, &s->cls, &e);
    }
    return OR_OK;
}
