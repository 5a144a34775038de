/* scrutiny_concentration.c - the concentration curve of the scrutiny report's schools section:
 * the schools in order of their suspension rate, highest first, and the share of the LA's
 * suspensions against the share of its pupils they hold, as a chart (svg.h or_svg_curve) and
 * a table of the highest-rate tenth, fifth, quarter and half of the schools. Only published
 * counts are used: schools whose suspensions are suppressed go together as one step, placed
 * by their joint rate (which the LA's total less the published counts gives away anyway). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/svg.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

typedef struct {
    const char *label;
    double pupils, susp;
    int schools;
} step;

static double rate_of(const step *s)
{
    return s->pupils > 0 ? s->susp / s->pupils : INFINITY;
}

static int by_rate_desc(const void *p, const void *q)
{
    double a = rate_of(p), b = rate_of(q);
    return a > b ? -1 : a < b ? 1 : 0;
}

void scr_write_concentration(scr *x, const or_table *t, const scr_peers *pp)
{
    (void)pp;
    or_sb *h = x->h;
    double npupils = 0, nsusp = 0;
    for (int i = 0; i < x->nla; i++) {
        npupils += (double)x->la[i].cell.headcount;
        nsusp += (double)x->la[i].cell.suspensions;
    }
    if (x->nla == 0) {
        npupils = (double)x->hc[x->ny - 1].headcount;
        nsusp = (double)x->hc[x->ny - 1].suspensions;
    }
    html_raw(h, "<h3>How concentrated suspensions are</h3>\n");
    if (!(npupils > 0) || !(nsusp > 0)) {
        html_raw(h, "<p>There is no concentration curve: there were no suspensions (or no "
                    "pupils on roll on census day) this year.</p>\n");
        return;
    }
    step *st = or_arena_calloc(x->a, (size_t)t->nrows + 2, sizeof *st);
    int n = 0, nhidden = 0, nschools = 0;
    double pub_pupils = 0, pub_susp = 0;
    for (int r = 0; r < t->nrows; r++) {
        double hc, su;
        bool hk = scr_num(scr_cell(t, r, "headcount"), &hc);
        bool sk = scr_num(scr_cell(t, r, "suspension"), &su);
        if (!hk || !sk) {
            nhidden++;
            continue;
        }
        pub_pupils += hc;
        pub_susp += su;
        nschools += hc > 0;
        if (hc <= 0 && su <= 0)
            continue;
        st[n++] = (step){scr_cell(t, r, "school"), hc, su, hc > 0};
    }
    if (nhidden) {
        double bp = npupils - pub_pupils, bs = nsusp - pub_susp;
        st[n++] = (step){or_arena_printf(x->a, "%d schools with small numbers, together", nhidden),
                         bp < 0 ? 0 : bp, bs < 0 ? 0 : bs, nhidden};
        nschools += nhidden;
    }
    qsort(st, (size_t)n, sizeof *st, by_rate_desc);
    or_svg_curve_point *pts = or_arena_calloc(x->a, (size_t)n + 1, sizeof *pts);
    double cx = 0, cy = 0;
    int cs = 0;
    static const int quant[] = {10, 20, 25, 50};
    enum { NQ = sizeof quant / sizeof quant[0] };
    double qx[NQ], qy[NQ];
    int qk[NQ];
    bool qok[NQ] = {false};
    for (int i = 0; i < n; i++) {
        cx += st[i].pupils;
        cy += st[i].susp;
        cs += st[i].schools;
        pts[i] = (or_svg_curve_point){st[i].label, 100 * cx / npupils, 100 * cy / nsusp};
        for (int q = 0; q < NQ; q++) {
            int k = (int)ceil(quant[q] / 100.0 * nschools - 1e-9);
            if (k >= 1 && cs == k && !qok[q] && (q == 0 || !qok[q - 1] || qk[q - 1] != k)) {
                qok[q] = true;
                qk[q] = k;
                qx[q] = pts[i].x;
                qy[q] = pts[i].y;
            }
        }
    }
    html_raw(h, "<p>The concentration curve puts the schools in order of their suspension "
                "rate, highest first, and follows the share of the LA's pupils they teach "
                "against the share of its suspensions they issued. If every school suspended at "
                "the same rate the curve would follow the diagonal; the higher it bows above it, "
                "the more suspensions are concentrated in a few schools.</p>\n");
    or_sb desc = OR_SB_INIT;
    or_sb_adds(&desc, "A concentration curve of suspensions over schools, highest suspension "
                      "rate first: cumulative share of pupils against cumulative share of "
                      "suspensions. ");
    const char *lead = NULL;
    for (int q = 0; q < NQ; q++)
        if (qok[q]) {
            const char *s = or_arena_printf(
                x->a,
                "The %d%% of schools with the highest suspension rates (%d school%s) teach "
                "%.1f%% of pupils and issued %.1f%% of suspensions.",
                quant[q], qk[q], qk[q] == 1 ? "" : "s", qx[q], qy[q]);
            or_sb_adds(&desc, s);
            or_sb_adds(&desc, " ");
            if (!lead)
                lead = s;
        }
    if (nhidden)
        or_sb_addf(&desc, "The %d schools whose figures are suppressed are one step.", nhidden);
    or_svg_curve_chart cc = {
        {"chart-concentration",
         or_arena_printf(x->a, "Concentration of suspensions over schools, %s", x->year),
         or_sb_str(&desc)},
        "Share of pupils (%), schools by suspension rate",
        "Share of suspensions (%)",
        "Schools, highest rate first",
        n,
        pts};
    html_raw(h, "<figure class=\"chart-figure\">\n");
    or_svg_curve(h, &cc);
    html_raw(h, "</figure>\n");
    or_sb_release(&desc);
    if (lead) {
        html_printf(h, "<p>%s</p>\n", lead);
        scr_say(x, T_SCHOOLS, lead);
    }
    /* the count of schools goes in the row's words: a table of counts of children is checked
     * for small numbers, and these are not children */
    static const char *const heads[] = {"Schools, highest suspension rate first",
                                        "Share of pupils (%)", "Share of suspensions (%)"};
    enum { NCOL = sizeof heads / sizeof heads[0] };
    const bool numeric[NCOL] = {false, true, true};
    or_table tb;
    scr_tb b;
    scr_tb_begin(&b, &tb, x->a,
                 or_arena_printf(x->a, "The concentration curve in figures, %s", x->year), NCOL,
                 heads, numeric);
    for (int q = 0; q < NQ; q++) {
        if (!qok[q])
            continue;
        const char **row = scr_tb_row(&b);
        row[0] = or_arena_printf(x->a, "The highest %d%% (%d school%s)", quant[q], qk[q],
                                 qk[q] == 1 ? "" : "s");
        row[1] = or_arena_printf(x->a, "%.1f", qx[q]);
        row[2] = or_arena_printf(x->a, "%.1f", qy[q]);
    }
    const char **row = scr_tb_row(&b);
    row[0] = or_arena_printf(x->a, "Every school (%s)",
                             scr_commas(x->a, or_arena_printf(x->a, "%d", nschools)));
    row[1] = "100.0";
    row[2] = "100.0";
    scr_table_out(x, &tb);
}
