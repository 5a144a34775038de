/* page_risk.c - GET /risk and GET /risk/download : the children at risk the user may see, as a
 * worklist on the list engine (list.h), ranked: high risk first, then medium, then low, each
 * tier the most recent first (the date of the latest fact that fired an indicator). Filtered
 * by school (by name), tier, kind of risk (exclusion or attendance), indicator and pupil (UPN
 * or name); 25, 50 or 100 a page; the same selection as CSV at /risk/download.
 *
 * A child's tier is or_risk_rank_of (risk.h, docs/risk.md): the weights of the indicators
 * that fired, added, against the LA's tier thresholds; each row says which indicators fired,
 * their weights and why that tier, and the page says how tiers are worked out.
 *
 * Whose children: the LA roles every child of the LA snapshot (view_cache.c, as of today); a
 * school the children on its roll today among those in its scope; the caseload roles the
 * children in their scope (view_scope_pupils) whose whole record they see: a partner
 * service, which sees a child's referrals to it only, lists none of them. The school choices
 * are the schools of the children the user may see, so a value naming another school is
 * refused, not applied. Every child the page or the file names is put on the audit log as read
 * (web_audit_listed, after the handler); the file also as an export (list_csv_start). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/list.h"
#include "web/view.h"

static const gov_choice tiers[] = {
    {"high", "High", NULL},
    {"medium", "Medium", NULL},
    {"low", "Low", NULL},
};
static const gov_choice kinds[] = {
    {"exclusion", "Exclusion", NULL},
    {"attendance", "Attendance", NULL},
};

enum { F_TIER, F_KIND, F_SCHOOL, F_INDICATOR, F_PUPIL, F__N };
static const list_filter filters[F__N] = {
    [F_TIER] = {"tier", "Risk", NULL, LIST_SELECT, .any = "Any risk", .choices = tiers,
                .nchoices = 3, .missing = "Select high, medium or low risk"},
    [F_KIND] = {"kind", "Kind of risk", NULL, LIST_SELECT, .any = "Exclusion or attendance",
                .choices = kinds, .nchoices = 2, .missing = "Select exclusion or attendance"},
    [F_SCHOOL] = {"school", "School", NULL, LIST_SELECT, .any = "All schools"},
    [F_INDICATOR] = {"indicator", "Indicator", NULL, LIST_SELECT, .any = "Any indicator",
                     .missing = "Select an indicator from the list"},
    [F_PUPIL] = {"pupil", "Pupil", "UPN or name", LIST_TEXT},
};

enum {
    C_TIER,
    C_TIER_KEY,
    C_PUPIL,
    C_UPN,
    C_SCHOOL,
    C_URN,
    C_KIND,
    C_INDICATORS,
    C_RULES,
    C_WEIGHT,
    C_LATEST,
    C_WHY,
    C__N
};
static const list_column columns[C__N] = {
    [C_TIER] = {"tier", "Risk", NULL, LIST_SORT | LIST_DESC},
    [C_TIER_KEY] = {NULL, NULL, "tier", 0},
    [C_PUPIL] = {"pupil", "Pupil", "pupil_name", LIST_SORT},
    [C_UPN] = {NULL, NULL, "upn", 0},
    [C_SCHOOL] = {"school", "School", "school_name", LIST_SORT},
    [C_URN] = {NULL, NULL, "urn", 0},
    [C_KIND] = {NULL, NULL, "kind", 0},
    [C_INDICATORS] = {NULL, "Why (each indicator's weight)", NULL, 0},
    [C_RULES] = {NULL, NULL, "indicators", 0},
    [C_WEIGHT] = {"weight", NULL, "weight", LIST_SORT | LIST_DESC | LIST_NUMERIC},
    [C_LATEST] = {"latest", "Latest", "latest", LIST_SORT | LIST_DESC},
    [C_WHY] = {NULL, NULL, "why", 0},
};

static const list_spec spec = {"/risk",
                               "Children at risk, highest risk first",
                               columns,
                               C__N,
                               filters,
                               F__N,
                               .sort = "tier",
                               .desc = true,
                               .csv_name = "onroll-children-at-risk",
                               .noun = "children"};

/* One child of the list. */
typedef struct {
    const view_pupil *p;
    const or_flag *flags; /* the child's, in rule-id order */
    int n;
    or_risk_rank rank;
    const char *school; /* its name */
} row;

/* ---- sorting (the sort of this request: one thread per request) ---- */

static _Thread_local int sort_col;
static _Thread_local bool sort_desc;

/* Tier, then recency: ascending is low first, the oldest first; the list's default is the
 * reverse, high first, the most recent first. */
static int cmp_rank(const row *a, const row *b)
{
    if (a->rank.tier != b->rank.tier)
        return a->rank.tier < b->rank.tier ? -1 : 1;
    if (a->rank.latest != b->rank.latest)
        return a->rank.latest < b->rank.latest ? -1 : 1;
    return 0;
}

static int cmp_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int by_sort(const void *x, const void *y)
{
    const row *a = x, *b = y;
    int c = 0;
    switch (sort_col) {
    case C_PUPIL:
        c = cmp_text(a->p->name, b->p->name);
        break;
    case C_SCHOOL:
        c = cmp_text(a->school, b->school);
        break;
    case C_WEIGHT:
        c = a->rank.weight - b->rank.weight;
        break;
    case C_LATEST:
        c = a->rank.latest < b->rank.latest ? -1 : a->rank.latest > b->rank.latest;
        break;
    default:
        c = cmp_rank(a, b);
    }
    if (sort_desc)
        c = -c;
    if (!c && sort_col != C_TIER) /* then always high risk first, the most recent first */
        c = -cmp_rank(a, b);
    return c ? c : strcmp(a->p->upn, b->p->upn);
}

/* ---- whose children ---- */

typedef struct {
    row *rows;
    int n;
} selection;

/* The children at risk the user may see (before any filter), and the choices they give. */
static or_code candidates(const web_request *req, view_snapshot *snap, list *l, selection *all,
                          or_error *err)
{
    const view_pupil *const *scope = NULL;
    int nscope = 0;
    or_role role = req->user->role;
    bool la = role == OR_ROLE_LA_ADMIN || role == OR_ROLE_LA_OFFICER;
    if (!la && view_scope_pupils(req, snap, &scope, &nscope, err))
        return OR_EIO;
    int mine = web_user_school(req);
    const or_params *params = or_model_params(snap->model);
    int npupils = la ? snap->npupils : nscope;
    all->rows = or_arena_alloc(req->arena, ((size_t)npupils + 1) * sizeof *all->rows);
    all->n = 0;
    bool *seen = or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof(bool));
    memset(seen, 0, ((size_t)snap->nschools + 1) * sizeof(bool));
    gov_choice *schools =
        or_arena_alloc(req->arena, ((size_t)snap->nschools + 1) * sizeof *schools);
    int nschools = 0;
    for (int i = 0; i < npupils; i++) {
        const view_pupil *p = la ? &snap->pupils[i] : scope[i];
        if (!p->nflags || (mine && p->urn != mine)) /* a school: the children on its roll */
            continue;
        /* the flags are the whole record's: not for a previous school (its period only) nor a
         * partner service (its referrals only) */
        if (!la && web_pupil_view(req, p->upn).kind != OR_VIEW_WHOLE)
            continue;
        const or_flag *fl = &snap->flags.items[p->flag0];
        row r = {p, fl, p->nflags, or_risk_rank_of(fl, p->nflags, params),
                 view_school_name(snap, p->urn)};
        all->rows[all->n++] = r;
        const view_school *s = view_find_school(snap, p->urn);
        int si = s ? (int)(s - snap->schools) : -1;
        if (si >= 0 && !seen[si]) {
            seen[si] = true;
            schools[nschools++] =
                (gov_choice){or_arena_printf(req->arena, "%d", p->urn), r.school, NULL};
        }
    }
    if (nschools > 1)
        qsort(schools, (size_t)nschools, sizeof *schools, gov_choice_cmp);
    list_choices(l, F_SCHOOL, schools, nschools);
    gov_choice *inds = or_arena_alloc(req->arena, (or_rules_count() + 1) * sizeof *inds);
    int ninds = 0;
    for (size_t i = 0; i < or_rules_count(); i++) { /* the indicators in catalogue order */
        const or_rule *r = or_rule_at(i);
        if (r && r->kind == OR_RULE_RISK)
            inds[ninds++] = (gov_choice){r->id, or_risk_indicator_name(r->code), NULL};
    }
    list_choices(l, F_INDICATOR, inds, ninds);
    return OR_OK;
}

static bool fired(const row *r, const char *rule)
{
    for (int k = 0; k < r->n; k++)
        if (!strcmp(r->flags[k].rule->id, rule))
            return true;
    return false;
}

/* The rows that the filters keep, sorted as asked (in place). */
static void select_rows(const list *l, selection *all)
{
    int n = 0;
    int school = atoi(list_text(l, F_SCHOOL));
    int tier = or_risk_tier_parse(list_text(l, F_TIER));
    int kind = or_risk_kind_parse(list_text(l, F_KIND));
    for (int i = 0; i < all->n; i++) {
        const row *r = &all->rows[i];
        if ((school && r->p->urn != school) || (tier > 0 && (int)r->rank.tier != tier) ||
            (kind >= 0 && !(r->rank.kinds & (1u << kind))))
            continue;
        if (list_set(l, F_INDICATOR) && !fired(r, list_text(l, F_INDICATOR)))
            continue;
        if (!view_pupil_matches(list_text(l, F_PUPIL), r->p))
            continue;
        all->rows[n++] = *r;
    }
    all->n = n;
    sort_col = list_sort(l);
    sort_desc = list_desc(l);
    if (n > 1)
        qsort(all->rows, (size_t)n, sizeof *all->rows, by_sort);
}

/* "Exclusion", "Exclusion and attendance" */
static const char *kinds_words(unsigned k)
{
    bool ex = k & (1u << OR_RISK_EXCLUSION), at = k & (1u << OR_RISK_ATTENDANCE);
    return ex && at ? "Exclusion and attendance" : ex ? "Exclusion" : at ? "Attendance" : "";
}

static const char *kinds_key(unsigned k)
{
    bool ex = k & (1u << OR_RISK_EXCLUSION), at = k & (1u << OR_RISK_ATTENDANCE);
    return ex && at ? "exclusion;attendance" : ex ? "exclusion" : at ? "attendance" : "";
}

static int weight_of(const or_flag *f, const or_params *p)
{
    int w = or_risk_weight_param(f->rule->code);
    return w < 0 ? 0 : p->v[w];
}

static const char *tier_colour(or_risk_tier t)
{
    return t == OR_TIER_HIGH ? "red" : t == OR_TIER_MEDIUM ? "orange" : "grey";
}

/* ---- the page ---- */

static void write_row(or_sb *out, const web_request *req, const view_snapshot *snap, const row *r)
{
    const or_params *p = or_model_params(snap->model);
    html_raw(out, "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">");
    view_tag(out, or_risk_tier_label(r->rank.tier), tier_colour(r->rank.tier));
    html_printf(out, "<br><span class=\"onroll-secondary\">%s</span></td>\n",
                kinds_words(r->rank.kinds));
    const char *name = r->p->name && *r->p->name ? r->p->name : r->p->upn;
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/pupils/%t\">%s"
                "</a><br><span class=\"onroll-secondary\">UPN %s</span></td>\n",
                r->p->upn, name, r->p->upn);
    view_td_school(out, req, snap, r->p->urn);
    html_raw(out, "<td class=\"govuk-table__cell\"><ul class=\"govuk-list\">");
    for (int k = 0; k < r->n; k++)
        html_printf(out, "<li>%s <span class=\"onroll-secondary\">(weight %d)</span></li>",
                    or_risk_indicator_name(r->flags[k].rule->code), weight_of(&r->flags[k], p));
    html_printf(out, "<li>Weight %d in all</li></ul></td>\n", r->rank.weight);
    char d[24];
    html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n</tr>\n",
                view_date(r->rank.latest, d));
}

/* How a tier is worked out, with the LA's weights (docs/risk.md). */
static void how_tiers(or_sb *out, const or_params *p)
{
    html_printf(out,
                "<details class=\"govuk-details\">\n<summary class=\"govuk-details__summary\">"
                "<span class=\"govuk-details__summary-text\">How the risk is worked out</span>"
                "</summary>\n<div class=\"govuk-details__text\">\n<p class=\"govuk-body\">Each "
                "indicator that fires for a child adds its weight. A child whose weights add up "
                "to %d or more is at high risk, %d or more medium risk, and below that low risk. "
                "Attendance indicators count only for children of compulsory school age (5 to 15 "
                "on 31 August before the school year). The local authority sets the weights.</p>"
                "\n<ul class=\"govuk-list govuk-list--bullet\">\n",
                p->v[OR_P_RISK_TIER_HIGH], p->v[OR_P_RISK_TIER_MEDIUM]);
    for (size_t i = 0; i < or_rules_count(); i++) {
        const or_rule *r = or_rule_at(i);
        if (!r || r->kind != OR_RULE_RISK)
            continue;
        int w = or_risk_weight_param(r->code);
        html_printf(out, "<li>%s, %s risk: weight %d. %s</li>\n", or_risk_indicator_name(r->code),
                    or_risk_kind_key(or_risk_kind_of(r->code)), w < 0 ? 0 : p->v[w], r->summary);
    }
    html_raw(out, "</ul>\n</div>\n</details>\n");
}

/* Read the list and its rows; false with an error page written when they cannot be. */
static bool prepare(const web_request *req, web_response *res, view_snapshot *snap, list *l,
                    selection *rows)
{
    or_error err = {0};
    list_init(l, req, &spec);
    if (candidates(req, snap, l, rows, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The children at risk could not be listed.");
        return false;
    }
    list_read(l);
    select_rows(l, rows);
    return true;
}

static void risk_page(const web_request *req, web_response *res, view_snapshot *snap)
{
    list l;
    selection rows;
    if (!prepare(req, res, snap, &l, &rows))
        return;
    list_paginate(&l, rows.n);
    or_sb *out = &res->body;
    char as_of[24];
    gov_page_start(out, req, l.nerrors ? "Error: Children at risk" : "Children at risk");
    html_printf(out, "<span class=\"govuk-caption-l\">As of %s</span>\n",
                view_date(snap->as_of, as_of));
    html_raw(out, "<h1 class=\"govuk-heading-l\">Children at risk</h1>\n");
    how_tiers(out, or_model_params(snap->model));
    list_start(out, &l);
    if (list_table_start(out, &l)) {
        for (int i = l.first; i < l.last; i++)
            write_row(out, req, snap, &rows.rows[i]);
        list_table_end(out, &l);
    }
    list_end(out, &l);
    gov_page_end(out, req);
}

static void risk_csv(const web_request *req, web_response *res, view_snapshot *snap)
{
    list l;
    selection rows;
    if (!prepare(req, res, snap, &l, &rows))
        return;
    or_csv w;
    if (!list_csv_start(&l, res, &w, rows.n))
        return;
    const or_params *p = or_model_params(snap->model);
    for (int i = 0; i < rows.n; i++) {
        const row *r = &rows.rows[i];
        char ids[OR_RULE__COUNT * 24] = ""; /* the rule ids, ";" between */
        for (int k = 0, len = 0; k < r->n && len < (int)sizeof ids; k++)
            len += snprintf(ids + len, sizeof ids - (size_t)len, "%s%s", k ? ";" : "",
                            r->flags[k].rule->id);
        char latest[11] = "", why[512];
        if (r->rank.latest != OR_DATE_NONE)
            or_date_format(r->rank.latest, latest);
        or_risk_explain(r->flags, r->n, p, false, why, sizeof why);
        or_csv_text(&w, or_risk_tier_key(r->rank.tier));
        or_csv_text(&w, r->p->name);
        or_csv_text(&w, r->p->upn);
        or_csv_text(&w, r->school);
        or_csv_int(&w, r->p->urn);
        or_csv_text(&w, kinds_key(r->rank.kinds));
        or_csv_text(&w, ids);
        or_csv_int(&w, r->rank.weight);
        or_csv_text(&w, latest);
        or_csv_text(&w, why);
        or_csv_end_row(&w);
    }
}

void page_risk(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The children at risk", risk_page);
}

void page_risk_download(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The children at risk", risk_csv);
}
