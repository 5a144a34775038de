/* scrutiny_bench.c - the scrutiny report's comparison with England, the region and the
 * statistical neighbours (compare.h; issue 16 part 3): the report's year and the latest
 * published one side by side for every school type, then each headline rate's trend over
 * every year held, a line chart with its table.
 *
 * What cannot be compared (no published figures imported, no la.code, la.region or
 * la.neighbours) is one plain sentence in the document, and a line in the report's warnings
 * (scrutiny.h) for whoever generates it, saying what to set: never instructions in the
 * publication. The LA's own figures are suppressed as the rest of the report. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "onroll/compare.h"
#include "onroll/store_settings.h"
#include "onroll/svg.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

static void warn(scr *x, const char *line)
{
    scr_warn(x, line); /* to whoever generates the report, never into it */
}

/* The LA's figure of year index y: onroll's where it has one, else the published one. */
static const or_cmp_cell *la_cell(const or_cmp *c, int ay, or_cmp_type t, or_cmp_measure m)
{
    const or_cmp_cell *own = or_cmp_at(c, ay, t, OR_CMP_OWN, m);
    return own->text[0] ? own : or_cmp_at(c, ay, t, OR_CMP_PUBLISHED, m);
}

/* "above", "below", "the same as": exactly from the counts when both have them. */
static const char *against(const or_cmp_cell *a, const or_cmp_cell *b)
{
    if (a->den > 0 && b->den > 0) {
        double l = (double)a->num * (double)b->den, r = (double)b->num * (double)a->den;
        return l > r ? "above" : l < r ? "below" : "the same as";
    }
    return a->rate > b->rate ? "above" : a->rate < b->rate ? "below" : "the same as";
}

static const char *const unit[OR_CMP__MEASURES] = {" per 100 pupils", "%", " per 100 pupils"};
static const char *const pct[OR_CMP__MEASURES] = {"", "%", ""};
static const char *const phrase[OR_CMP__MEASURES] = {
    "suspension rate", "share of pupils suspended at least once", "permanent exclusion rate"};

/* The report's year and the latest published one, every type and measure. */
static void latest_table(scr *x, const or_cmp *c, const char *la)
{
    int pub = c->latest_published, ay = x->o->ay;
    const char *py = or_cmp_year_label(x->a, pub);
    bool same = pub == ay;
    bool la_pub = false; /* the LA has a figure in the latest published year */
    for (int ty = 0; ty < OR_CMP__TYPES; ty++)
        for (int m = 0; m < OR_CMP__MEASURES; m++)
            la_pub |= la_cell(c, pub, ty, m)->text[0] != '\0';
    const char *heads[8];
    bool numeric[8] = {false, false, true, true, true, true, true, true};
    int nc = 0;
    heads[nc++] = "School type";
    heads[nc++] = "Measure";
    if (!same)
        heads[nc++] = or_arena_printf(x->a, "%s %s", la, x->year);
    if (same || la_pub)
        heads[nc++] = or_arena_printf(x->a, "%s %s", la, py);
    heads[nc++] = or_arena_printf(x->a, "England %s", py);
    if (c->region_name)
        heads[nc++] = or_arena_printf(x->a, "%s %s", c->region_name, py);
    if (c->nneighbours)
        heads[nc++] = or_arena_printf(x->a, "Statistical neighbours %s", py);
    or_table t;
    scr_tb b;
    scr_tb_begin(&b, &t, x->a,
                 same ? or_arena_printf(x->a, "Rates in %s by school type", x->year)
                      : or_arena_printf(x->a,
                                        "Rates in %s and in %s, the latest published year, "
                                        "by school type",
                                        x->year, py),
                 nc, heads, numeric);
    for (int ty = 0; ty < OR_CMP__TYPES; ty++)
        for (int m = 0; m < OR_CMP__MEASURES; m++) {
            const char **row = scr_tb_row(&b);
            int k = 0;
            row[k++] = or_cmp_type_name((or_cmp_type)ty);
            row[k++] = or_cmp_measure_name((or_cmp_measure)m);
            if (!same)
                row[k++] = or_arena_strdup(x->a, la_cell(c, ay, ty, m)->text);
            if (same || la_pub)
                row[k++] = or_arena_strdup(x->a, la_cell(c, pub, ty, m)->text);
            row[k++] = or_arena_strdup(x->a, or_cmp_at(c, pub, ty, OR_CMP_ENGLAND, m)->text);
            if (c->region_name)
                row[k++] = or_arena_strdup(x->a, or_cmp_at(c, pub, ty, OR_CMP_REGION, m)->text);
            if (c->nneighbours)
                row[k++] = or_arena_strdup(x->a, or_cmp_at(c, pub, ty, OR_CMP_NEIGHBOURS, m)->text);
            for (int j = 2; j < k; j++)
                if (!*row[j])
                    row[j] = "x";
        }
    scr_table_out(x, &t);
}

/* The sentence comparing the LA's rate of the latest published year with the others. */
static void latest_words(scr *x, const or_cmp *c, const char *la, or_cmp_measure m)
{
    int pub = c->latest_published;
    const or_cmp_cell *l = la_cell(c, pub, OR_CMP_TOTAL, m);
    const or_cmp_cell *e = or_cmp_at(c, pub, OR_CMP_TOTAL, OR_CMP_ENGLAND, m);
    const or_cmp_cell *r = or_cmp_at(c, pub, OR_CMP_TOTAL, OR_CMP_REGION, m);
    const or_cmp_cell *n = or_cmp_at(c, pub, OR_CMP_TOTAL, OR_CMP_NEIGHBOURS, m);
    if (!e->shown)
        return;
    or_sb s = OR_SB_INIT;
    const or_cmp_cell *now = la_cell(c, x->o->ay, OR_CMP_TOTAL, m);
    if (m == OR_CMP_SUSP && now->shown) {
        /* the commentary's overall paragraph: the region and the neighbours beside England,
           the LA's rate said to be counted as the DfE counts (so not the summary's) */
        or_sb_addf(&s,
                   "Counted as the DfE counts (primary, secondary and special schools), the "
                   "suspension rate was %s per 100 pupils in %s; in %s, the latest published "
                   "year, England's was %s",
                   now->text, x->year, or_cmp_year_label(x->a, pub), e->text);
        if (r->shown && c->region_name)
            or_sb_addf(&s, ", %s's %s", c->region_name, r->text);
        if (n->shown)
            or_sb_addf(&s, " and the statistical neighbours' %s", n->text);
        or_sb_adds(&s, ".");
        scr_say(x, T_OVERALL, or_arena_strdup(x->a, or_sb_str(&s)));
        or_sb_release(&s);
        s = (or_sb)OR_SB_INIT;
    }
    if (!l->shown && now->shown) {
        /* no figure of the LA's for the published year: this year's beside the latest */
        or_sb_addf(&s,
                   "In %s, the %s in the schools of %s was %s%s. The latest published figures, for "
                   "%s, are "
                   "England's %s%s",
                   x->year, phrase[m], la, now->text, unit[m], or_cmp_year_label(x->a, pub),
                   e->text, unit[m]);
        if (r->shown && c->region_name)
            or_sb_addf(&s, ", %s's %s%s", c->region_name, r->text, pct[m]);
        if (n->shown)
            or_sb_addf(&s, " and the statistical neighbours' %s%s", n->text, pct[m]);
        or_sb_adds(&s, ".");
        html_printf(x->h, "<p>%s</p>\n", or_sb_str(&s));
        or_sb_release(&s);
        return;
    }
    if (!l->shown) {
        or_sb_release(&s);
        return;
    }
    or_sb_addf(&s, "In %s, the %s in the schools of %s (%s%s) was %s England's (%s%s)",
               or_cmp_year_label(x->a, pub), phrase[m], la, l->text, unit[m], against(l, e),
               e->text, unit[m]);
    if (r->shown && c->region_name)
        or_sb_addf(&s, ", %s %s's (%s%s)", against(l, r), c->region_name, r->text, pct[m]);
    if (n->shown)
        or_sb_addf(&s, " and %s its statistical neighbours' (%s%s)", against(l, n), n->text,
                   pct[m]);
    or_sb_adds(&s, ".");
    html_printf(x->h, "<p>%s</p>\n", or_sb_str(&s));
    or_sb_release(&s);
}

/* A measure's trend (all schools): the chart, then its table. */
static void trend(scr *x, const or_cmp *c, const char *la, or_cmp_measure m)
{
    or_svg_series series[4];
    const char **labels;
    int ns = or_cmp_series_of(c, m, OR_CMP_TOTAL, x->a, series, &labels), n = c->nyears;
    int shown = 0;
    for (int s = 0; s < ns; s++)
        for (int y = 0; y < n; y++)
            shown += !isnan(series[s].values[y]);
    html_printf(x->h, "<h3>%s</h3>\n", or_cmp_measure_name(m));
    latest_words(x, c, la, m);
    if (shown) {
        or_sb desc = OR_SB_INIT;
        or_sb_addf(&desc, "%s, all schools, %s to %s. ", or_cmp_measure_name(m), labels[0],
                   labels[n - 1]);
        for (int s = 0; s < ns; s++) {
            int last = -1;
            for (int y = 0; y < n; y++)
                if (!isnan(series[s].values[y]))
                    last = y;
            if (last >= 0)
                or_sb_addf(&desc, "%s: %.2f in %s. ", series[s].name, series[s].values[last],
                           labels[last]);
        }
        or_sb_adds(&desc, "Every figure is in the table below the chart.");
        static const char *const ids[OR_CMP__MEASURES] = {"chart-bench-susp", "chart-bench-one",
                                                          "chart-bench-perm"};
        or_svg_line_chart lc = {
            {ids[m],
             or_arena_printf(x->a, "%s: %s against England%s", or_cmp_measure_name(m), la,
                             ns > 2 ? ", the region and neighbours" : ""),
             or_sb_str(&desc)},
            m == OR_CMP_ONE ? "%" : "Per 100 pupils",
            n,
            labels,
            ns,
            series,
            -1};
        html_raw(x->h, "<figure class=\"chart-figure\">\n");
        or_svg_line(x->h, &lc);
        html_raw(x->h, "</figure>\n");
        or_sb_release(&desc);
    }
    or_table t;
    or_cmp_table(c, m, OR_CMP_TOTAL, x->a, &t);
    scr_table_out(x, &t);
}

void scr_write_bench(scr *x)
{
    or_sb *h = x->h;
    or_cmp_opts o = {0};
    or_error err = {0};
    or_cmp c = {0};
    scr_section_begin(x, "comparisons", "Compared with England, the region and neighbours");
    bool ok = x->s && !or_cmp_opts_load(x->s, x->a, &o, &err);
    o.c = x->c;
    o.ay_last = x->o->ay;
    o.threshold = x->thr;
    ok = ok && !or_compare_build(x->s, &o, x->a, &c, &err);
    if (!ok || !c.benchmarks || c.latest_published < 0) {
        html_raw(h, "<p>Comparisons with England, the region and statistical neighbours are "
                    "not available in this report.</p>\n");
        warn(x, ok ? "no comparison with England, the region or statistical neighbours: no "
                     "published figures are imported (onroll import the DfE's "
                     "exc_nat_region_la.csv as the benchmarks kind)"
                   : or_arena_printf(x->a, "no comparison with England: %s", err.msg));
        scr_section_end(x);
        return;
    }
    const char *la = c.la_label;
    const char *py = or_cmp_year_label(x->a, c.latest_published);
    html_printf(h,
                "<p>The DfE publishes these figures for every local authority a year or more "
                "after the year ends. The latest published year is %s%s. Rates here are worked "
                "out from the published counts to 2 decimal places.</p>\n",
                py,
                c.latest_published < x->o->ay
                    ? or_arena_printf(x->a, ": this report's year, %s, is shown beside it", x->year)
                    : "");
    if (!o.la_code) {
        html_raw(h, "<p>The local authority's own published figures are not available in this "
                    "report.</p>\n");
        warn(x, "the LA's published figures are not compared: set la.code (onroll config set "
                "la.code NNN)");
    } else if (!c.la_name) {
        warn(x, or_arena_printf(x->a,
                                "no published row has the LA code %d (la.code): its published "
                                "figures are not compared",
                                o.la_code));
    }
    if (o.region && c.region_name && strcmp(o.region, c.region_code))
        warn(x, or_arena_printf(x->a,
                                "no published regional row has the code %s (la.region): compared "
                                "with %s (%s), the region the LA's published row names",
                                o.region, c.region_name, c.region_code));
    if (!c.region_name) {
        html_raw(h, "<p>Comparisons with the region are not available in this report.</p>\n");
        warn(x, c.region_code ? or_arena_printf(x->a,
                                                "no published regional row has the code %s "
                                                "(la.region)",
                                                c.region_code)
                              : "no comparison with the region: set la.region (onroll config "
                                "set la.region E12000007, the region's code)");
    }
    if (!o.nneighbours) {
        html_raw(h, "<p>Comparisons with statistical neighbours are not available in this "
                    "report.</p>\n");
        warn(x, "no comparison with statistical neighbours: set la.neighbours (onroll config "
                "set la.neighbours 'NNN, NNN, ...', the DfE's ten for the LA)");
    } else {
        html_printf(h,
                    "<p>Statistical neighbours are the %d local authorities the DfE lists as "
                    "most like %s. Their figure is the average weighted by pupils: their counts "
                    "added together, divided by their pupils added together. %d of them have "
                    "published figures; the table of each measure says how many had figures in "
                    "each year.</p>\n",
                    c.nneighbours, la, c.neighbours_found);
        if (c.neighbours_found < c.nneighbours)
            warn(x, or_arena_printf(x->a,
                                    "%d of the %d statistical neighbours (la.neighbours) have no "
                                    "published row",
                                    c.nneighbours - c.neighbours_found, c.nneighbours));
    }
    if (c.own_last >= c.own_first)
        html_printf(h,
                    "<p>%s's figures for %s%s%s are from its schools' records in onroll, "
                    "counted as the DfE counts them (all schools: primary, secondary and "
                    "special; pupil referral units and alternative provision are not "
                    "included)%s. The summary and the other sections count the pupils of "
                    "every school, those units and nursery schools too, so their rates can "
                    "differ a little from the rates here.</p>\n",
                    la, or_cmp_year_label(x->a, c.own_first),
                    c.own_last > c.own_first ? " to " : "",
                    c.own_last > c.own_first ? or_cmp_year_label(x->a, c.own_last) : "",
                    c.la_name ? "; earlier years are as the DfE published them" : "");
    latest_table(x, &c, la);
    for (int m = 0; m < OR_CMP__MEASURES; m++)
        trend(x, &c, la, (or_cmp_measure)m);
    scr_section_end(x);
}
