/* scrutiny_groups.c - the scrutiny report's sections on groups of pupils: rates by
 * characteristic (or_report_rates by sex, ethnic group, free school meals, SEN) and
 * disproportionality (or_report_disproportionality by ethnicity, SEN, free school meals, ethnic
 * group by sex, being looked after and having a social worker, with secondary suppression:
 * scrutiny_mask.c), each with a dot-and-whisker chart of its risk ratios; and the commentary on
 * them, every number quoted from the published cells ("Black Caribbean pupils were 1.78 times as
 * likely as other pupils to be suspended at least once (95% CI 1.44 to 2.20)"): the significant
 * differences, the strongest evidence first (scrutiny_findings.c: the unrecorded groups and the
 * complements never lead); the groups named every year (Black Caribbean, White and Black
 * Caribbean, Gypsy/Roma, Irish Traveller, SEN support, EHC plan, free school meals, looked after,
 * social worker), each said significant, not significant, suppressed or without a ratio, with
 * last year's ratio; sex and ethnicity together; and the groups suppressed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/codes.h"
#include "onroll/labels.h"
#include "onroll/report.h"
#include "onroll/stats.h"
#include "onroll/svg.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

#define NRATES 4
#define NDISP  6

static const or_dim rate_dims[NRATES] = {OR_DIM_SEX, OR_DIM_ETHNICITY_MAJOR, OR_DIM_FSM,
                                         OR_DIM_SEN};

/* Disproportionality tables: one or two dimensions each. */
static const struct {
    int ndims;
    or_dim dims[2];
    const char *id, *what;
} disp_spec[NDISP] = {
    {1, {OR_DIM_ETHNICITY}, "disp-ethnicity", "ethnicity"},
    {1, {OR_DIM_SEN}, "disp-sen", "special educational needs"},
    {1, {OR_DIM_FSM}, "disp-fsm", "free school meals eligibility"},
    {2, {OR_DIM_ETHNICITY_MAJOR, OR_DIM_SEX}, "disp-ethnicity-sex", "ethnic group and sex"},
    {1, {OR_DIM_CLA}, "disp-cla", "being looked after"},
    {1, {OR_DIM_SOCIAL_WORKER}, "disp-social-worker", "having a social worker"},
};

/* The groups checked by name every year, whatever their figures (the seeds of the LA's
 * scrutiny: DOMAIN.md's groups most often over-represented), each said to be significant, not
 * significant, suppressed or without a ratio. */
static const struct {
    or_dim dim;
    const char *code;
} checked[] = {
    {OR_DIM_ETHNICITY, "BCRB"}, {OR_DIM_ETHNICITY, "MWBC"}, {OR_DIM_ETHNICITY, "WROM"},
    {OR_DIM_ETHNICITY, "WIRT"}, {OR_DIM_SEN, "K"},          {OR_DIM_SEN, "E"},
    {OR_DIM_FSM, "1"},          {OR_DIM_CLA, "1"},          {OR_DIM_SOCIAL_WORKER, "1"},
};

/* ---- group names in words ---- */

/* Words of a census label for a sentence: "White And Black Caribbean" -> "White and Black
 * Caribbean", "Any Other White Background" -> "any other White background". */
static void sentence_words(or_sb *out, const char *label, bool first_lower)
{
    static const char *const lower[] = {"And",        "Of",    "Or",     "The",      "In",  "Other",
                                        "Background", "Group", "Ethnic", "Heritage", "Any", NULL};
    bool first = true;
    for (const char *p = label; *p;) {
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t n = (size_t)(e - p);
        bool low = false;
        for (int i = 0; lower[i]; i++)
            if (strlen(lower[i]) == n && !strncmp(p, lower[i], n))
                low = !first || first_lower;
        if (low) {
            or_sb_addc(out, (char)(*p - 'A' + 'a'));
            or_sb_add(out, p + 1, n - 1);
        } else {
            or_sb_add(out, p, n);
        }
        first = false;
        p = e;
        while (*p == ' ')
            or_sb_addc(out, *p++);
    }
}

/* How an ethnicity (main code) reads: an adjective ("Black Caribbean", "White British",
 * "Gypsy/Roma") or, for the "any other" and not-recorded codes, NULL with a qualifier. */
static const char *eth_adjective(or_arena *a, const char *code, const char *label,
                                 const char **qualifier)
{
    const or_code_entry *e = or_code_find(OR_CS_ETHNICITY, code, OR_DATE_NONE);
    const char *major = e && e->major ? e->major : "";
    or_sb sb = OR_SB_INIT;
    const char *adj = NULL;
    *qualifier = NULL;
    if (!strncmp(label, "Any Other", 9) || !strncmp(label, "Any other", 9)) {
        or_sb_adds(&sb, "from ");
        sentence_words(&sb, label, true);
        *qualifier = or_arena_strdup(a, or_sb_str(&sb));
    } else if (!strcmp(major, "UNCL") || !strcmp(code, "NOBT") || !strcmp(code, "REFU") ||
               !strcmp(code, "x")) {
        *qualifier = or_arena_printf(a, "whose ethnicity is recorded as \u2018%s\u2019", label);
    } else {
        if ((!strcmp(major, "WHIT") || !strcmp(major, "BLAC")) && !strchr(label, ' ') &&
            !strchr(label, '/') && e && e->major_description)
            or_sb_addf(&sb, "%s ", e->major_description);
        sentence_words(&sb, label, false);
        adj = or_arena_strdup(a, or_sb_str(&sb));
    }
    or_sb_release(&sb);
    return adj;
}

/* An ethnicity as a table or chart shows it: DfE's name, "Black Caribbean", "Any other white
 * background", "Refused", as every page and report names it. */
static const char *eth_display(or_arena *a, const char *code, const char *label)
{
    (void)a;
    (void)label;
    return or_label_ethnicity(code); /* the one name (labels.h), as on every page */
}

/* The pupils of a group in words: "Black Caribbean pupils", "Male pupils", "Pupils with an
 * education, health and care plan", "Black male pupils". dims/codes/labels: the group's
 * dimensions that are not a Total. */
static const char *group_phrase(or_arena *a, int n, const or_dim *dims, const char *const *codes,
                                const char *const *labels)
{
    or_sb adj = OR_SB_INIT, qual = OR_SB_INIT;
    for (int pass = 0; pass < 2; pass++) /* ethnicity first, then sex: "Black male pupils" */
        for (int i = 0; i < n; i++) {
            const char *c = codes[i], *l = labels[i], *q = NULL, *w = NULL;
            bool eth = dims[i] == OR_DIM_ETHNICITY || dims[i] == OR_DIM_ETHNICITY_MAJOR;
            if (eth != (pass == 0))
                continue;
            switch (dims[i]) {
            case OR_DIM_ETHNICITY:
                w = eth_adjective(a, c, l, &q);
                break;
            case OR_DIM_ETHNICITY_MAJOR:
                if (!strcmp(c, "AOEG"))
                    q = "from any other ethnic group";
                else if (!strcmp(c, "UNCL") || !strcmp(c, "x"))
                    q = or_arena_printf(a, "whose ethnicity is recorded as \u2018%s\u2019", l);
                else
                    w = l;
                break;
            case OR_DIM_SEX:
                w = !strcmp(c, "M") ? "male" : !strcmp(c, "F") ? "female" : NULL;
                if (!w)
                    q = or_arena_printf(a, "whose sex is recorded as \u2018%s\u2019", l);
                break;
            case OR_DIM_SEN:
                q = !strcmp(c, "N")   ? "with no special educational need"
                    : !strcmp(c, "K") ? "receiving SEN support"
                    : !strcmp(c, "E") ? "with an education, health and care plan"
                                      : or_arena_printf(a, "with SEN provision \u2018%s\u2019", l);
                break;
            case OR_DIM_CLA:
                q = !strcmp(c, "1")   ? "who are looked after"
                    : !strcmp(c, "0") ? "who are not looked after"
                                      : "whose looked-after status is not recorded";
                break;
            case OR_DIM_SOCIAL_WORKER:
                q = !strcmp(c, "1") ? "with a social worker" : "without a social worker";
                break;
            case OR_DIM_FSM:
                q = !strcmp(c, "1")   ? "known to be eligible for free school meals"
                    : !strcmp(c, "0") ? "not known to be eligible for free school meals"
                                      : or_arena_printf(a, "recorded as \u2018%s\u2019", l);
                break;
            default:
                q = or_arena_printf(a, "in the group \u2018%s\u2019", l);
            }
            if (w) {
                if (adj.len)
                    or_sb_addc(&adj, ' ');
                or_sb_adds(&adj, w);
            }
            if (q) {
                or_sb_addc(&qual, ' ');
                if (qual.len > 1)
                    or_sb_adds(&qual, "and ");
                or_sb_adds(&qual, q);
            }
        }
    const char *s =
        or_arena_printf(a, "%s%spupils%s", or_sb_str(&adj), adj.len ? " " : "", or_sb_str(&qual));
    or_sb_release(&adj);
    or_sb_release(&qual);
    char *cap = (char *)s;
    if (cap[0] >= 'a' && cap[0] <= 'z')
        cap[0] = (char)(cap[0] - 'a' + 'A');
    return s;
}

/* A dimension as a column heading. */
static const char *dim_heading(or_dim d)
{
    switch (d) {
    case OR_DIM_SEX:
        return "Sex";
    case OR_DIM_ETHNICITY_MAJOR:
        return "Ethnic group";
    case OR_DIM_ETHNICITY:
        return "Ethnicity";
    case OR_DIM_FSM:
        return "Free school meals";
    case OR_DIM_SEN:
        return "Special educational needs";
    case OR_DIM_CLA:
        return "Looked after";
    case OR_DIM_SOCIAL_WORKER:
        return "Social worker";
    default:
        return or_dim_name(d);
    }
}

/* The heading in a sentence: "Ethnic group" -> "ethnic group". */
static const char *dim_words(scr *x, or_dim d)
{
    char *s = or_arena_strdup(x->a, dim_heading(d));
    if (s[0] >= 'A' && s[0] <= 'Z')
        s[0] = (char)(s[0] - 'A' + 'a');
    return s;
}

/* ---- rates by characteristic ---- */

or_code scr_write_rates(scr *x, or_error *err)
{
    scr_section_begin(x, "rates", "Rates by characteristic");
    html_raw(x->h, "<p>Suspensions, permanent exclusions and pupils suspended at least once, "
                   "for every 100 pupils of each group on roll on census day. A pupil's "
                   "characteristics are those recorded on census day (or, for a pupil not on "
                   "roll then, on the day of the exclusion).</p>\n");
    bool multi = x->nla > 1;
    for (int k = 0; k < NRATES; k++) {
        or_report_opts ro = scr_report_opts(x);
        ro.ndims = 1;
        ro.dims[0] = rate_dims[k];
        or_table src;
        or_code rc = or_report_rates(x->c, &ro, x->a, &src, err);
        if (rc)
            return rc;
        const char *heads[9] = {"Local authority"};
        bool numeric[9] = {false};
        int nc = multi ? 1 : 0;
        heads[nc++] = dim_heading(rate_dims[k]);
        static const char *const h[] = {"Pupils",
                                        "Suspensions",
                                        "Suspensions per 100 pupils",
                                        "Permanent exclusions",
                                        "Permanent exclusions per 100 pupils",
                                        "Pupils suspended at least once",
                                        "Pupils suspended at least once (%)"};
        static const char *const from[] = {"headcount",         "suspension",     "susp_rate",
                                           "perm_excl",         "perm_excl_rate", "one_plus_susp",
                                           "one_plus_susp_rate"};
        for (int i = 0; i < 7; i++) {
            numeric[nc] = true;
            heads[nc++] = h[i];
        }
        or_table t;
        scr_tb b;
        scr_tb_begin(&b, &t, x->a,
                     or_arena_printf(x->a, "Rates by %s, %s", dim_words(x, rate_dims[k]), x->year),
                     nc, heads, numeric);
        const char *lab = or_arena_printf(x->a, "%s_label", or_dim_name(rate_dims[k]));
        for (int r = 0; r < src.nrows; r++) {
            const char **row = scr_tb_row(&b);
            int c = 0;
            if (multi)
                row[c++] = scr_cell(&src, r, "la_code");
            const char *l = scr_cell(&src, r, lab);
            row[c++] = !strcmp(l, "Total") ? "All pupils" : l;
            for (int i = 0; i < 7; i++)
                row[c++] = scr_commas(x->a, scr_cell(&src, r, from[i]));
        }
        html_printf(x->h, "<h3>By %s</h3>\n", dim_words(x, rate_dims[k]));
        scr_table_out(x, &t);
    }
    scr_section_end(x);
    return OR_OK;
}

/* ---- disproportionality ---- */

typedef struct {
    scr_finding *f;
    int n, cap;
} findings;

/* One row's ratio of an outcome (one-plus suspension or permanent exclusion) as a finding,
 * quoted from the published cells (never from a "c"). */
static void consider(scr *x, int table, const or_table *src, int r, const char *phrase, int nreal,
                     const or_dim *dims, const char *const *codes, bool perm, findings *fs)
{
    for (int i = 0; i < fs->n; i++)
        if (!strcmp(fs->f[i].phrase, phrase) && fs->f[i].perm == perm)
            return; /* the same group from another table */
    const char *pre = perm ? "perm_excl_rr" : "one_plus_rr";
    const char *rr = scr_cell(src, r, pre);
    const char *lo = scr_cell(src, r, or_arena_printf(x->a, "%s_lower", pre));
    const char *hi = scr_cell(src, r, or_arena_printf(x->a, "%s_upper", pre));
    const char *sig = scr_cell(src, r, or_arena_printf(x->a, "%s_significant", pre));
    const char *cnt = scr_cell(src, r, perm ? "perm_excl" : "one_plus_susp");
    if (!rr || !lo || !hi || !sig || !cnt)
        return;
    scr_finding f;
    memset(&f, 0, sizeof f);
    f.phrase = phrase;
    f.perm = perm;
    f.table = table;
    f.ndims = nreal;
    double v = 0, l, h, a;
    f.shown = scr_num(rr, &v) && scr_num(lo, &l) && scr_num(hi, &h) && v > 0;
    f.suppressed = !strcmp(rr, "c") || !strcmp(cnt, "c");
    f.ratio = f.shown ? v : 1;
    f.significant = f.shown && !strcmp(sig, "yes");
    f.children = scr_num(cnt, &a) ? (int64_t)a : 0;
    f.leads = nreal > 0;
    for (int i = 0; i < nreal; i++)
        f.leads = f.leads && scr_group_may_lead(dims[i], codes[i]);
    if (nreal == 1 && dims[0] == OR_DIM_SEX && f.shown && f.ratio < 1)
        f.leads = false; /* the mirror of the other sex's ratio */
    if (f.shown)
        f.text = or_arena_printf(
            x->a, "%s were %s times as likely as other pupils to be %s (95%% CI %s to %s)", phrase,
            rr, perm ? "permanently excluded" : "suspended at least once", lo, hi);
    OR_ARENA_GROW(x->a, fs->f, fs->n + 1, fs->cap);
    fs->f[fs->n++] = f;
}

/* The finding of one group of a single-dimension table (NULL when it has no row). */
static const scr_finding *find_group(const findings *fs, int table, const char *phrase)
{
    for (int i = 0; i < fs->n; i++)
        if (fs->f[i].table == table && !fs->f[i].perm && !strcmp(fs->f[i].phrase, phrase))
            return &fs->f[i];
    return NULL;
}

/* The table of a single dimension. */
static int spec_of(or_dim d)
{
    for (int k = 0; k < NDISP; k++)
        if (disp_spec[k].ndims == 1 && disp_spec[k].dims[0] == d)
            return k;
    return -1;
}

/* Last year's published ratio of one group ("1.59"), or NULL. */
static const char *last_year(scr *x, or_dim d, const char *code)
{
    if (x->ny < 2 || x->ay[x->ny - 2] != x->o->ay - 1)
        return NULL;
    or_report_opts ro = scr_report_opts(x);
    ro.ay = x->o->ay - 1;
    ro.ndims = 1;
    ro.dims[0] = d;
    or_table t;
    or_error e = {0};
    if (or_report_disproportionality(x->c, &ro, x->a, &t, &e))
        return NULL;
    for (int r = 0; r < t.nrows; r++) {
        const char *c = scr_cell(&t, r, or_dim_name(d));
        const char *rr = scr_cell(&t, r, "one_plus_rr");
        double v;
        if (c && !strcmp(c, code) && rr && scr_num(rr, &v))
            return rr;
    }
    return NULL;
}

/* A group's phrase in the middle of a sentence: "Pupils who ..." -> "pupils who ...". */
static const char *mid_sentence(scr *x, const char *phrase)
{
    return !strncmp(phrase, "Pupils ", 7) ? or_arena_printf(x->a, "p%s", phrase + 1) : phrase;
}

/* The groups checked by name, each in one sentence. */
static void say_checked(scr *x, const findings *fs)
{
    const char *sig[16], *other[16];
    int nsig = 0, nother = 0;
    const char *prev = x->ny >= 2 ? x->ylabel[x->ny - 2] : NULL;
    for (size_t i = 0; i < sizeof checked / sizeof checked[0]; i++) {
        or_dim d = checked[i].dim;
        const char *code = checked[i].code;
        int k = spec_of(d);
        if (k < 0)
            continue;
        const char *label =
            d == OR_DIM_ETHNICITY ? or_label_ethnicity(code) : or_label_flag(or_dim_name(d), code);
        const char *phrase = group_phrase(x->a, 1, &d, &code, &label);
        const scr_finding *f = find_group(fs, k, phrase);
        const char *was = last_year(x, d, code);
        const char *then = was ? or_arena_printf(x->a, " In %s the ratio was %s.", prev, was) : "";
        const char *s;
        if (!f)
            s = or_arena_printf(x->a, "%s: none were on roll on census day in %s.", phrase,
                                x->year);
        else if (f->shown)
            s = or_arena_printf(x->a, "%s: %s.%s", f->text,
                                f->significant ? "a statistically significant difference"
                                               : "not a statistically significant difference "
                                                 "(the interval includes 1)",
                                then);
        else if (f->suppressed)
            s = or_arena_printf(x->a,
                                "%s: the figures are suppressed (c), because so few pupils are "
                                "involved that a child could be identified.%s",
                                phrase, then);
        else
            s = or_arena_printf(x->a,
                                "%s: no ratio can be given (z): none of them, or none of the "
                                "other pupils, was suspended.%s",
                                phrase, then);
        scr_say(x, T_CHECKED, s);
        if (f && f->significant && f->ratio > 1)
            sig[nsig++] = mid_sentence(x, phrase);
        else
            other[nother++] = phrase;
    }
    (void)other;
    if (nsig)
        scr_say(x, T_POINTS,
                or_arena_printf(x->a,
                                "Of the %d groups checked by name every year, %d %s significantly "
                                "more likely than other pupils to be suspended at least once: %s.",
                                nsig + nother, nsig, nsig == 1 ? "was" : "were",
                                scr_names_list(x, sig, nsig)));
    else
        scr_say(x, T_POINTS,
                or_arena_printf(x->a,
                                "None of the %d groups checked by name every year was "
                                "significantly more likely than other pupils to be suspended at "
                                "least once.",
                                nother));
}

/* The commentary on groups: the strongest evidence first (scr_finding_cmp), the groups
 * checked by name, sex and ethnicity together, and the groups suppressed. */
static void say_findings(scr *x, findings *fs)
{
    if (fs->n > 1)
        qsort(fs->f, (size_t)fs->n, sizeof *fs->f, scr_finding_cmp);
    /* the opening sentence: how many groups differ, which way, and what the list shows */
    int more = 0, less = 0, perm_n = 0;
    for (int i = 0; i < fs->n; i++) {
        const scr_finding *f = &fs->f[i];
        if (f->ndims != 1 || !f->leads || !f->significant)
            continue;
        if (f->perm)
            perm_n++;
        else
            f->ratio > 1 ? more++ : less++;
    }
    if (more + less + perm_n)
        x->lead[T_DISP] = or_arena_printf(
            x->a,
            "Pupils of %d group%s were significantly more likely than other pupils to be "
            "suspended at least once, and pupils of %d significantly less likely (every group "
            "is in the tables of Disproportionality). Below, %s, the strongest evidence "
            "first%s:",
            more, more == 1 ? "" : "s", less,
            more + less > 8 ? "the 8 clearest of these differences" : "these differences",
            perm_n ? ", then the clearest differences in permanent exclusion" : "");
    x->lead[T_CHECKED] = "The groups the local authority looks at every year, whatever their "
                         "numbers, because in England they are suspended more often than other "
                         "pupils:";
    int said = 0;
    for (int perm = 0; perm < 2; perm++)
        for (int i = 0, n = 0; i < fs->n && n < (perm ? 3 : 8); i++) {
            const scr_finding *f = &fs->f[i];
            if (f->perm != perm || f->ndims != 1 || !f->leads || !f->significant)
                continue;
            scr_say(x, T_DISP, or_arena_printf(x->a, "%s.", f->text));
            if (said < 3) /* the strongest three lead the summary */
                scr_say(x, T_POINTS, or_arena_printf(x->a, "%s.", f->text));
            said++, n++;
        }
    if (!said)
        scr_say(x, T_DISP,
                "No group of pupils shown was significantly more or less likely than "
                "other pupils to be suspended or permanently excluded (at the 5% level).");
    else
        scr_say(x, T_DISP,
                "These are the differences that are statistically significant, the strongest "
                "evidence first; with this many groups, one or two may be so by chance.");
    const char *hidden[64];
    int nh = 0;
    for (int i = 0; i < fs->n && nh < 64; i++)
        if (!fs->f[i].perm && fs->f[i].ndims == 1 && fs->f[i].leads && fs->f[i].suppressed) {
            hidden[nh++] = mid_sentence(x, fs->f[i].phrase);
        }
    if (nh)
        scr_say(x, T_DISP,
                or_arena_printf(x->a,
                                "Suppressed, because so few pupils are involved that a child "
                                "could be identified: the figures for %s.",
                                scr_names_list(x, hidden, nh)));
    say_checked(x, fs);
    int ni = 0;
    for (int i = 0; i < fs->n && ni < 4; i++) {
        const scr_finding *f = &fs->f[i];
        if (f->perm || f->ndims != 2 || !f->leads || !f->significant)
            continue;
        scr_say(x, T_INTERSECT, or_arena_printf(x->a, "%s.", f->text));
        ni++;
    }
    if (!ni)
        scr_say(x, T_INTERSECT,
                "No group of one sex and ethnic group was significantly more or less likely "
                "than other pupils to be suspended at least once (at the 5% level).");
}

or_code scr_write_disp(scr *x, or_error *err)
{
    or_sb *h = x->h;
    scr_section_begin(x, "disproportionality", "Disproportionality");
    html_raw(h, "<p>How much more or less likely each group of pupils was to be suspended at "
                "least once, or permanently excluded, than all other pupils: the <b>risk "
                "ratio</b>. A ratio of 2 means twice as likely; 1 means the same; 0.5 means "
                "half as likely. The 95% confidence interval shows the range the ratio could "
                "plausibly take given the numbers involved: where it does not include 1 the "
                "difference is statistically significant (at the 5% level). Ratios are not "
                "worked out from suppressed counts (\u201cc\u201d), nor where no pupil of the "
                "group or of the others was excluded (\u201cz\u201d).</p>\n");
    findings fs = {0};
    bool multi = x->nla > 1;
    for (int k = 0; k < NDISP; k++) {
        or_report_opts ro = scr_report_opts(x);
        ro.ndims = disp_spec[k].ndims;
        for (int i = 0; i < ro.ndims; i++)
            ro.dims[i] = disp_spec[k].dims[i];
        or_table src;
        or_code rc = or_report_disproportionality(x->c, &ro, x->a, &src, err);
        static const char *const h_head[] = {"headcount", NULL};
        static const char *const h_susp[] = {"suspension",
                                             "susp_rate",
                                             "susp_rate_ratio",
                                             "susp_rate_ratio_lower",
                                             "susp_rate_ratio_upper",
                                             "susp_rate_ratio_significant",
                                             NULL};
        static const char *const h_one[] = {
            "one_plus_susp",     "one_plus_susp_rate",      "one_plus_rr", "one_plus_rr_lower",
            "one_plus_rr_upper", "one_plus_rr_significant", NULL};
        static const char *const h_perm[] = {"perm_excl",
                                             "perm_excl_rate",
                                             "perm_excl_rr",
                                             "perm_excl_rr_lower",
                                             "perm_excl_rr_upper",
                                             "perm_excl_rr_significant",
                                             NULL};
        static const char *const *const hide[MS__N] = {h_head, h_susp, h_one, h_perm};
        const char *names[2] = {or_dim_name(ro.dims[0]),
                                ro.ndims > 1 ? or_dim_name(ro.dims[1]) : NULL};
        if (!rc)
            rc = scr_mask_secondary(x, &src, ro.ndims, ro.dims, names, hide, err);
        if (rc)
            return rc;
        int nd = ro.ndims;
        /* two tables: suspension, permanent exclusion */
        or_table t[2];
        scr_tb b[2];
        for (int o = 0; o < 2; o++) {
            const char *heads[8];
            bool numeric[8] = {false};
            int nc = 0;
            if (multi)
                heads[nc++] = "Local authority";
            for (int i = 0; i < nd; i++)
                heads[nc++] = dim_heading(ro.dims[i]);
            static const char *const hm[2][6] = {
                {"Pupils", "Pupils suspended at least once", "Suspended at least once (%)",
                 "Risk ratio", "95% confidence interval", "Significant"},
                {"Pupils", "Permanent exclusions", "Permanent exclusions per 100 pupils",
                 "Risk ratio", "95% confidence interval", "Significant"}};
            for (int i = 0; i < 6; i++) {
                numeric[nc] = i != 5;
                heads[nc++] = hm[o][i];
            }
            scr_tb_begin(&b[o], &t[o], x->a,
                         or_arena_printf(x->a, "%s by %s, against all other pupils, %s",
                                         o ? "Permanent exclusion: risk ratios"
                                           : "Suspension at least once: risk ratios",
                                         disp_spec[k].what, x->year),
                         nc, heads, numeric);
        }
        or_svg_ratio_row *rows = or_arena_calloc(x->a, (size_t)(src.nrows + 1), sizeof *rows);
        int nrows = 0;
        for (int r = 0; r < src.nrows; r++) {
            const char *codes[2], *labels[2], *shown[2];
            or_dim dims[2];
            int real = 0;
            for (int i = 0; i < nd; i++) {
                const char *name = or_dim_name(ro.dims[i]);
                const char *code = scr_cell(&src, r, name);
                const char *label = scr_cell(&src, r, or_arena_printf(x->a, "%s_label", name));
                if (!strcmp(code, "Total"))
                    continue;
                dims[real] = ro.dims[i];
                codes[real] = code;
                labels[real] = label;
                shown[real] =
                    ro.dims[i] == OR_DIM_ETHNICITY ? eth_display(x->a, code, label) : label;
                real++;
            }
            static const char *const pre[2] = {"one_plus", "perm_excl"};
            for (int o = 0; o < 2; o++) {
                const char **row = scr_tb_row(&b[o]);
                int c = 0;
                if (multi)
                    row[c++] = scr_cell(&src, r, "la_code");
                for (int i = 0; i < nd; i++) {
                    const char *name = or_dim_name(ro.dims[i]);
                    const char *code = scr_cell(&src, r, name);
                    const char *label = scr_cell(&src, r, or_arena_printf(x->a, "%s_label", name));
                    row[c++] = !strcmp(code, "Total")           ? "All"
                               : ro.dims[i] == OR_DIM_ETHNICITY ? eth_display(x->a, code, label)
                                                                : label;
                }
                const char *rr = scr_cell(&src, r, or_arena_printf(x->a, "%s_rr", pre[o]));
                const char *lo = scr_cell(&src, r, or_arena_printf(x->a, "%s_rr_lower", pre[o]));
                const char *hi = scr_cell(&src, r, or_arena_printf(x->a, "%s_rr_upper", pre[o]));
                const char *sig =
                    scr_cell(&src, r, or_arena_printf(x->a, "%s_rr_significant", pre[o]));
                double v;
                row[c++] = scr_commas(x->a, scr_cell(&src, r, "headcount"));
                row[c++] = scr_commas(x->a, scr_cell(&src, r, o ? "perm_excl" : "one_plus_susp"));
                row[c++] = scr_cell(&src, r, o ? "perm_excl_rate" : "one_plus_susp_rate");
                row[c++] = rr;
                row[c++] = scr_num(lo, &v) ? or_arena_printf(x->a, "%s to %s", lo, hi) : lo;
                row[c++] = !strcmp(sig, "yes") ? "Yes" : !strcmp(sig, "no") ? "No" : sig;
            }
            const char *phrase = group_phrase(x->a, real, dims, codes, labels);
            consider(x, k, &src, r, phrase, real, dims, codes, false, &fs);
            consider(x, k, &src, r, phrase, real, dims, codes, true, &fs);
            /* the chart: single groups, or full intersections */
            if (real != nd || multi)
                continue;
            or_svg_ratio_row *cr = &rows[nrows++];
            cr->label = real == 2 ? or_arena_printf(x->a, "%s, %s", shown[0], shown[1]) : shown[0];
            const char *rr = scr_cell(&src, r, "one_plus_rr");
            double lo = 0, hi = 0;
            cr->shown = scr_num(rr, &cr->ratio) &&
                        scr_num(scr_cell(&src, r, "one_plus_rr_lower"), &lo) &&
                        scr_num(scr_cell(&src, r, "one_plus_rr_upper"), &hi) && cr->ratio > 0;
            cr->lo = lo;
            cr->hi = hi;
            cr->significant = !strcmp(scr_cell(&src, r, "one_plus_rr_significant"), "yes");
            cr->note = !strcmp(rr, "c") ? "c (suppressed)" : "z (no ratio)";
            if (!cr->shown)
                cr->lo = cr->hi = cr->ratio = 0;
        }
        html_printf(h, "<h3>By %s</h3>\n", disp_spec[k].what);
        if (nrows) {
            or_sb desc = OR_SB_INIT;
            int sig_up = 0, sig_down = 0, hidden = 0;
            for (int i = 0; i < nrows; i++) {
                if (!rows[i].shown)
                    hidden++;
                else if (rows[i].significant && rows[i].ratio > 1)
                    sig_up++;
                else if (rows[i].significant)
                    sig_down++;
            }
            or_sb_addf(&desc,
                       "Risk ratio of being suspended at least once, with its 95%% confidence "
                       "interval, for each of %d groups by %s, on a log scale with a line at 1 "
                       "(as likely as other pupils). %d group%s significantly more likely, %d "
                       "significantly less likely; %d without a ratio shown (suppressed or "
                       "not applicable). ",
                       nrows, disp_spec[k].what, sig_up, sig_up == 1 ? " was" : "s were", sig_down,
                       hidden);
            for (int i = 0; i < nrows; i++)
                if (rows[i].shown && rows[i].significant)
                    or_sb_addf(&desc, "%s: %.2f (%.2f to %.2f). ", rows[i].label, rows[i].ratio,
                               rows[i].lo, rows[i].hi);
            or_sb_adds(&desc, "Every figure is in the table that follows.");
            or_svg_ratio_chart rc2 = {
                {disp_spec[k].id,
                 or_arena_printf(x->a, "Risk ratio of suspension by %s, %s", disp_spec[k].what,
                                 x->year),
                 or_sb_str(&desc)},
                "Risk ratio against all other pupils (log scale; 1 = as likely)",
                nrows,
                rows};
            html_raw(h, "<figure class=\"chart-figure\">\n");
            or_svg_ratios(h, &rc2);
            html_raw(h, "</figure>\n");
            or_sb_release(&desc);
        }
        scr_table_out(x, &t[0]);
        scr_table_out(x, &t[1]);
    }
    scr_section_end(x);
    say_findings(x, &fs);
    return OR_OK;
}
