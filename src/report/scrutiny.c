/* scrutiny.c - the annual scrutiny report (scrutiny.h): one self-contained, accessible HTML
 * document - inline style, no script, no external resource - with the headline figures of the
 * year and the years before it against England, trends, rates by characteristic,
 * disproportionality, schools against the LA (a funnel plot), pupil movements, commentary
 * generated from the figures and notes on the data; or a PDF of it (scrutiny_pdf.c).
 *
 * This file gathers the headline figures and England's, writes the document's frame, the
 * summary, trends, commentary and notes; the other sections are in scrutiny_groups.c (rates
 * by characteristic, disproportionality), scrutiny_schools.c and scrutiny_moves.c, and the
 * helpers every part shares in scrutiny_kit.c (scrutiny_internal.h), below them all: the calls
 * go one way, from this file to the sections and from both to the kit.
 *
 * Every figure comes from a suppressed table (report.h, stats.h, scrutiny_mask.c) and is
 * shown, charted or quoted in a sentence only as that table publishes it: a "c" is never
 * drawn or quoted. Charts (svg.h) sit next to the table they picture. All text is escaped
 * (html/html.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "onroll/compare.h"
#include "onroll/published.h"
#include "onroll/report.h"
#include "onroll/scrutiny.h"
#include "onroll/store_settings.h"
#include "onroll/stats.h"
#include "onroll/svg.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

/* ---- the headline measures ---- */

static const char *const h_name[H__N] = {
    "Pupils on roll on census day (headcount)",  "Suspensions",
    "Suspension rate (per 100 pupils)",          "Pupils with one or more suspensions",
    "One-plus suspension rate (% of pupils)",    "Permanent exclusions",
    "Permanent exclusion rate (per 100 pupils)",
};
/* The England figure (benchmarks kind) of each measure. */
static const int h_bm[H__N] = {OR_BM_HEADCOUNT,      OR_BM_FIXED_EXCL,    OR_BM_FIXED_EXCL_RATE,
                               OR_BM_ONE_PLUS_FIXED, OR_BM_ONE_PLUS_RATE, OR_BM_PERM_EXCL,
                               OR_BM_PERM_EXCL_RATE};

/* ---- small helpers ---- */

static const char *year_label(or_arena *a, int ay)
{
    return or_arena_printf(a, "%d/%02d", ay, (ay + 1) % 100);
}

/* ---- gathering: the headline, England, the LA totals ---- */

static or_code gather_headline(scr *x, or_error *err)
{
    int ay = x->o->ay, first = ay - (MAX_YEARS - 1);
    if (first < OR_DATE_MIN_YEAR)
        first = OR_DATE_MIN_YEAR;
    or_group_query q = {first, ay, 1, {OR_DIM_YEAR}, false, true, 0};
    or_group_result r = {0};
    or_code rc = or_columns_group(x->c, &q, &r, err);
    if (rc)
        return rc;
    x->ny = 0;
    for (int v = 0; v < r.size[0]; v++) {
        const or_group_cell *g = or_group_at(&r, &v);
        bool empty = !g->headcount && !g->suspensions && !g->perm_excl;
        if (empty && first + v != ay && x->ny == 0)
            continue; /* a year before the data begins */
        x->ay[x->ny] = first + v;
        x->ylabel[x->ny] = year_label(x->a, first + v);
        x->hc[x->ny] = *g;
        x->ny++;
    }
    or_group_result_release(&r);
    const or_group_cell *now = &x->hc[x->ny - 1];
    if (!now->headcount && !now->suspensions && !now->perm_excl)
        return or_fail(err, OR_EINPUT,
                       "no pupils on roll on census day (%s) of %s and no exclusions in it: "
                       "nothing to report (import that year's pupils and enrolments)",
                       "the third Thursday of January", x->year);
    /* primary suppression of each count across the years (no total is shown) */
    int64_t v[H__N][MAX_YEARS];
    uint8_t f[H__N][MAX_YEARS + 1];
    for (int i = 0; i < x->ny; i++) {
        v[H_HEAD][i] = x->hc[i].headcount;
        v[H_SUSP][i] = x->hc[i].suspensions;
        v[H_ONE][i] = x->hc[i].one_plus;
        v[H_PERM][i] = x->hc[i].perm_excl;
    }
    static const int counts[] = {H_HEAD, H_SUSP, H_ONE, H_PERM};
    for (int k = 0; k < 4; k++) {
        rc = or_suppress_list(v[counts[k]], x->ny, false, x->thr, f[counts[k]], err);
        if (rc)
            return rc;
    }
    for (int i = 0; i < x->ny; i++) {
        char buf[32];
        for (int k = 0; k < 4; k++) {
            or_cell_count(v[counts[k]][i], f[counts[k]][i], buf, sizeof buf);
            x->ht[i][counts[k]] = scr_commas(x->a, buf);
        }
        or_cell_rate(v[H_SUSP][i], f[H_SUSP][i], v[H_HEAD][i], f[H_HEAD][i], buf, sizeof buf);
        x->ht[i][H_SUSP_RATE] = or_arena_strdup(x->a, buf);
        or_cell_rate(v[H_ONE][i], f[H_ONE][i], v[H_HEAD][i], f[H_HEAD][i], buf, sizeof buf);
        x->ht[i][H_ONE_RATE] = or_arena_strdup(x->a, buf);
        or_cell_rate(v[H_PERM][i], f[H_PERM][i], v[H_HEAD][i], f[H_HEAD][i], buf, sizeof buf);
        x->ht[i][H_PERM_RATE] = or_arena_strdup(x->a, buf);
    }
    /* the LA totals of the year (the reference of the ratios quoted in words) */
    or_group_query lq = {ay, ay, 1, {OR_DIM_LA}, false, true, 0};
    rc = or_columns_group(x->c, &lq, &r, err);
    if (rc)
        return rc;
    x->nla = r.size[0];
    x->la = or_arena_calloc(x->a, (size_t)(x->nla ? x->nla : 1), sizeof *x->la);
    for (int i = 0; i < x->nla; i++) {
        x->la[i].code = or_arena_strdup(x->a, or_group_code(x->c, &r, 0, i));
        x->la[i].cell = *or_group_at(&r, &i);
    }
    or_group_result_release(&r);
    return OR_OK;
}

typedef struct {
    scr *x;
} bm_ctx;

static or_code on_benchmark(void *ctx, const or_value *row, const or_row_meta *meta, or_error *err)
{
    (void)meta;
    (void)err;
    scr *x = ((bm_ctx *)ctx)->x;
    if (row[OR_BM_LEVEL].null || strcmp(row[OR_BM_LEVEL].s, "National") ||
        row[OR_BM_SCHOOL_TYPE].null || strcmp(row[OR_BM_SCHOOL_TYPE].s, "Total"))
        return OR_OK;
    int year = (int)row[OR_BM_YEAR].i;
    if ((x->bm && year <= x->bm_year) || year / 100 > x->o->ay)
        return OR_OK; /* the latest England figure up to the report's year */
    x->bm = true;
    x->bm_year = year;
    for (int i = 0; i < OR_BM__N; i++)
        x->bmv[i] = row[i].null || !row[i].s ? "x" : or_arena_strdup(x->a, row[i].s);
    /* England's rates as the comparison section gives them (compare.h): from the published
       counts at 2 places, not the published rate at five ("9.33", not "9.33458") */
    static const int rate_of[][2] = {{OR_BM_FIXED_EXCL, OR_BM_FIXED_EXCL_RATE},
                                     {OR_BM_ONE_PLUS_FIXED, OR_BM_ONE_PLUS_RATE},
                                     {OR_BM_PERM_EXCL, OR_BM_PERM_EXCL_RATE}};
    for (size_t k = 0; k < sizeof rate_of / sizeof rate_of[0]; k++) {
        or_cmp_cell cell;
        const char *count = x->bmv[rate_of[k][0]], *head = x->bmv[OR_BM_HEADCOUNT];
        or_cmp_pool(&count, &head, 1, &cell);
        if (cell.shown)
            x->bmv[rate_of[k][1]] = or_arena_strdup(x->a, cell.text);
    }
    return OR_OK;
}

/* "201617" -> "2016/17" */
static const char *bm_year_label(scr *x)
{
    return or_arena_printf(x->a, "%d/%02d", x->bm_year / 100, x->bm_year % 100);
}

/* ---- the document ---- */

static const char style[] =
    "*,*::before,*::after{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica "
    "Neue\",Arial,sans-serif;font-size:19px;line-height:1.32;color:#0b0c0c;background:#fff}"
    ".skip-link{position:absolute;left:-9999px;top:0;padding:10px 15px;background:#fd0;"
    "color:#0b0c0c;text-decoration:underline;font-weight:700}"
    ".skip-link:focus{left:0;outline:3px solid #0b0c0c}"
    ".masthead{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}"
    ".masthead__inner{max-width:1100px;margin:0 auto;padding:14px 30px}"
    ".masthead__brand{margin:0;font-size:24px;font-weight:700;letter-spacing:.02em}"
    ".masthead__sub{margin:0;font-size:16px}"
    "main{display:block;max-width:1100px;margin:0 auto;padding:10px 30px 50px}"
    "h1{font-size:40px;line-height:1.1;margin:30px 0 20px;max-width:24em}"
    "h2{font-size:30px;line-height:1.2;margin:50px 0 20px;padding-top:15px;"
    "border-top:2px solid #b1b4b6}"
    "h3{font-size:24px;line-height:1.25;margin:35px 0 15px}"
    "h1,h2,h3{overflow-wrap:break-word;hyphens:auto}"
    "@media (max-width:640px){main,.masthead__inner,.footer__inner{padding-left:15px;"
    "padding-right:15px}h1{font-size:32px}h2{font-size:24px}h3{font-size:19px}"
    ".lede{font-size:19px}}"
    "p,li{max-width:44em}"
    "p{margin:0 0 20px}"
    "a{color:#1d70b8;text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);"
    "text-underline-offset:.1em}"
    "a:focus,.table-wrap:focus{outline:3px solid transparent;background-color:#fd0;"
    "box-shadow:0 -2px #fd0,0 4px #0b0c0c;color:#0b0c0c;text-decoration:none}"
    ".table-wrap:focus{background:none;box-shadow:0 0 0 3px #fd0,0 0 0 6px #0b0c0c}"
    ".lede{font-size:24px}"
    ".caption{color:#505a5f;font-size:19px;margin:0 0 5px}"
    ".warning{border:5px solid #d4351c;padding:15px 20px;margin:20px 0;font-weight:700}"
    ".inset{border-left:10px solid #b1b4b6;padding:15px 20px;margin:25px 0}"
    ".inset p:last-child{margin-bottom:0}"
    ".contents{margin:20px 0 30px}"
    ".contents__title{font-weight:700;margin:0 0 10px}"
    ".contents ol{margin:0;padding-left:2em}"
    ".contents li{margin-bottom:5px}"
    ".key-figures{display:flex;flex-wrap:wrap;gap:20px 30px;list-style:none;padding:0;"
    "margin:20px 0 30px}"
    ".key-figures li{border-top:5px solid #1d70b8;padding-top:10px;min-width:190px;"
    "max-width:240px}"
    ".key-figures .figure{display:block;font-size:40px;font-weight:700;line-height:1.1}"
    ".key-figures .what{display:block;font-size:16px}"
    ".table-wrap{overflow-x:auto;margin:0 0 30px}"
    ".govuk-table{border-collapse:collapse;border-spacing:0;width:100%;font-size:16px;"
    "margin:0}"
    ".govuk-table__caption{font-weight:700;text-align:left;font-size:19px;padding:0 0 10px}"
    ".govuk-table__header,.govuk-table__cell{padding:8px 12px 8px 0;border-bottom:1px solid "
    "#b1b4b6;text-align:left;vertical-align:top}"
    ".govuk-table__header{font-weight:700}"
    ".govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    ".govuk-table__header:last-child,.govuk-table__cell:last-child{padding-right:0}"
    ".govuk-table__header:first-child,.govuk-table__cell:first-child{min-width:8em}"
    ".chart-figure{margin:25px 0 15px}"
    ".chart-figure figcaption{font-weight:700;margin:0 0 10px}"
    "svg.chart{display:block;max-width:100%;height:auto;font-family:inherit}"
    "ul.list{padding-left:1.25em}"
    "ul.list li{margin-bottom:8px}"
    "dl.definitions dt{font-weight:700;margin-top:15px}"
    "dl.definitions dd{margin:5px 0 0;max-width:44em}"
    ".footer{border-top:1px solid #b1b4b6;background:#f3f2f1;font-size:16px}"
    ".footer__inner{max-width:1100px;margin:0 auto;padding:20px 30px}"
    "@page{size:A4;margin:14mm 12mm}"
    "@media print{body{font-size:11pt}"
    ".skip-link,.contents{display:none}"
    ".masthead{border-bottom-width:4px}"
    "main,.masthead__inner,.footer__inner{max-width:none;padding-left:0;padding-right:0}"
    "h1{font-size:24pt}h2{font-size:18pt;break-before:page;border-top:0}"
    "main>section:first-of-type h2{break-before:auto}"
    "h3{font-size:14pt;break-after:avoid}"
    "h3+p{break-after:avoid}li{break-inside:avoid}"
    ".table-wrap{overflow:visible}"
    ".govuk-table{font-size:7.5pt}"
    ".govuk-table__header,.govuk-table__cell{padding:3px 5px 3px 0}"
    ".govuk-table__header:first-child,.govuk-table__cell:first-child{min-width:6em}"
    "tr,figure,.key-figures li{break-inside:avoid}"
    "a{color:#0b0c0c}"
    ".key-figures .figure{font-size:24pt}}";

static void doc_begin(scr *x)
{
    or_sb *h = x->h;
    html_raw(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    if (x->la_name)
        html_printf(h,
                    "<title>%s: suspensions and permanent exclusions %s, annual scrutiny "
                    "report</title>\n",
                    x->la_name, x->year);
    else
        html_printf(h,
                    "<title>Suspensions and permanent exclusions %s, annual scrutiny "
                    "report</title>\n",
                    x->year);
    html_raw(h, "<style>");
    or_sb_add(h, style, sizeof style - 1);
    html_raw(h, "</style>\n</head>\n<body>\n"
                "<a href=\"#main\" class=\"skip-link\">Skip to main content</a>\n"
                "<header class=\"masthead\"><div class=\"masthead__inner\">");
    /* the LA's document, in its name (settings.h la.name): never a code or the system's */
    if (x->la_name)
        html_printf(h, "<p class=\"masthead__brand\">%s</p>", x->la_name);
    html_printf(h,
                "<p class=\"masthead__sub\">Annual report to the scrutiny commission, %s</p>"
                "</div></header>\n<main id=\"main\">\n",
                x->year);
    if (x->la_name)
        html_printf(h, "<h1>%s: suspensions and permanent exclusions %s</h1>\n", x->la_name,
                    x->year);
    else
        html_printf(h, "<h1>Suspensions and permanent exclusions %s</h1>\n", x->year);
    html_printf(h,
                "<p class=\"lede\">Suspensions, permanent exclusions and pupil movements in "
                "the schools of %s in the academic year %s (1 August %d to 31 July %d): who is "
                "excluded, where, how that compares with earlier years and with England, and "
                "what the local authority is doing about it.</p>\n",
                x->la_name ? x->la_name : "the local authority", x->year, x->o->ay, x->o->ay + 1);
    if (x->thr == 0)
        html_raw(h, "<p class=\"warning\">Not for publication: this copy shows every figure "
                    "unsuppressed, including counts of 1 and 2 that could identify a child. "
                    "It is for the local authority's own use only.</p>\n");
    else
        html_printf(h,
                    "<p>Small numbers are suppressed so that no child can be identified: counts "
                    "from 1 to %d, and the rates and ratios worked out from them, are shown as "
                    "\u201cc\u201d (see <a href=\"#about\">About the data</a>).</p>\n",
                    x->thr);
    if (x->today < or_date_from_ymd(x->o->ay + 1, 7, 31)) {
        char when[24];
        or_date_human(x->today, when);
        html_printf(h,
                    "<p class=\"inset\">The academic year %s is not over (this report was "
                    "produced on %s): its figures are those recorded so far, and will "
                    "change.</p>\n",
                    x->year, when);
    }
    html_raw(h, "<nav class=\"contents\" aria-label=\"Contents\">\n"
                "<p class=\"contents__title\">Contents</p>\n<ol>\n"
                "<li><a href=\"#summary\">Summary</a></li>\n"
                "<li><a href=\"#trends\">Trends</a></li>\n"
                "<li><a href=\"#comparisons\">Compared with England, the region and "
                "neighbours</a></li>\n"
                "<li><a href=\"#rates\">Rates by characteristic</a></li>\n"
                "<li><a href=\"#disproportionality\">Disproportionality</a></li>\n"
                "<li><a href=\"#schools\">Schools</a></li>\n"
                "<li><a href=\"#movements\">Pupil movements</a></li>\n"
                "<li><a href=\"#reu\">The Re-engagement Unit</a></li>\n"
                "<li><a href=\"#offrolling\">Off-rolling signals</a></li>\n"
                "<li><a href=\"#commentary\">Commentary</a></li>\n"
                "<li><a href=\"#actions\">What the local authority is doing</a></li>\n"
                "<li><a href=\"#about\">About the data</a></li>\n"
                "</ol>\n</nav>\n");
}

/* "rose from 5.37 per 100 pupils in 2024/25 to 5.44", exactly: compares num/den of the two
 * years (counts of pupils: the products fit easily). */
static const char *change_words(scr *x, int64_t n0, int64_t d0, int64_t n1, int64_t d1,
                                const char *t0, const char *t1, const char *unit, const char *y0)
{
    if (!strcmp(t0, t1))
        return or_arena_printf(x->a, "was %s%s, the same as in %s", t1, unit, y0);
    bool up = n1 * d0 > n0 * d1;
    return or_arena_printf(x->a, "%s from %s%s in %s to %s", up ? "rose" : "fell", t0, unit, y0,
                           t1);
}

/* How the LA's rate num/den compares with England's (its counts when published, else its
 * rounded rate): "above", "below", "the same as". NULL when England's is not a number. */
static const char *vs_england(scr *x, int64_t num, int64_t den, int bm_num, int bm_rate,
                              const char *la_text)
{
    double en_n, en_d, en_r, la;
    if (den > 0 && scr_num(x->bmv[bm_num], &en_n) && scr_num(x->bmv[OR_BM_HEADCOUNT], &en_d) &&
        en_d > 0) {
        double a = (double)num * en_d, b = en_n * (double)den;
        return a > b ? "above" : a < b ? "below" : "the same as";
    }
    if (scr_num(x->bmv[bm_rate], &en_r) && scr_num(la_text, &la))
        return la > en_r ? "above" : la < en_r ? "below" : "the same as";
    return NULL;
}

static void write_summary(scr *x)
{
    or_sb *h = x->h;
    int i = x->ny - 1;
    const char **t = x->ht[i];
    scr_section_begin(x, "summary", "Summary");
    html_raw(h, "<ul class=\"key-figures\">\n");
    html_printf(h,
                "<li><span class=\"figure\">%s</span><span class=\"what\">suspensions "
                "in %s</span></li>\n",
                t[H_SUSP], x->year);
    html_printf(h,
                "<li><span class=\"figure\">%s</span><span class=\"what\">suspensions per "
                "100 pupils</span></li>\n",
                t[H_SUSP_RATE]);
    html_printf(h,
                "<li><span class=\"figure\">%s%s</span><span class=\"what\">of pupils "
                "suspended at least once</span></li>\n",
                t[H_ONE_RATE], scr_num(t[H_ONE_RATE], &(double){0}) ? "%" : "");
    html_printf(h,
                "<li><span class=\"figure\">%s</span><span class=\"what\">permanent "
                "exclusions</span></li>\n",
                t[H_PERM]);
    html_raw(h, "</ul>\n");
    x->points_at = h->len;
    /* the headline table: measures by year, and England */
    const char *heads[MAX_YEARS + 2];
    bool numeric[MAX_YEARS + 2] = {false};
    int nc = 0;
    heads[nc++] = "Measure";
    for (int y = 0; y < x->ny; y++) {
        numeric[nc] = true;
        heads[nc++] = x->ylabel[y];
    }
    if (x->bm) {
        numeric[nc] = true;
        heads[nc++] = or_arena_printf(x->a, "England %s", bm_year_label(x));
    }
    or_table ht;
    scr_tb b;
    scr_tb_begin(&b, &ht, x->a,
                 or_arena_printf(x->a, "Headline figures, %s to %s%s", x->ylabel[0], x->year,
                                 x->bm ? ", with England" : ""),
                 nc, heads, numeric);
    for (int m = 0; m < H__N; m++) {
        const char **row = scr_tb_row(&b);
        int c = 0;
        row[c++] = h_name[m];
        for (int y = 0; y < x->ny; y++)
            row[c++] = x->ht[y][m];
        if (x->bm)
            row[c++] = scr_commas(x->a, x->bmv[h_bm[m]]);
    }
    scr_table_out(x, &ht);
    if (x->bm)
        html_printf(h,
                    "<p>England: all state-funded schools, %s, the latest national figures "
                    "published (DfE, <i>Permanent and fixed-period exclusions in England</i>; "
                    "fixed-period exclusions are now called suspensions). They are for a "
                    "different year from this report's: compare with care.</p>\n",
                    bm_year_label(x));
    else {
        html_raw(h, "<p>Figures for England are not available for this report, so there is no "
                    "national comparison.</p>\n");
        scr_warn(x, "no figures for England are loaded, so the report has no national "
                    "comparison: import the DfE's published figures (the benchmarks kind)");
    }
    scr_section_end(x);

    /* commentary: the year's figures, the change from last year, England */
    const or_group_cell *g = &x->hc[i];
    if (strcmp(t[H_SUSP], "c") && strcmp(t[H_HEAD], "c"))
        scr_say(
            x, T_OVERALL,
            or_arena_printf(x->a,
                            "In %s, schools recorded %s suspensions among %s pupils on roll: %s "
                            "for every 100 pupils.",
                            x->year, t[H_SUSP], t[H_HEAD], t[H_SUSP_RATE]));
    if (strcmp(t[H_ONE], "c") && strcmp(t[H_ONE_RATE], "c") && strcmp(t[H_ONE_RATE], "z"))
        scr_say(x, T_OVERALL,
                or_arena_printf(x->a, "%s pupils (%s%%) were suspended at least once.", t[H_ONE],
                                t[H_ONE_RATE]));
    if (strcmp(t[H_PERM], "c") && strcmp(t[H_PERM_RATE], "c"))
        scr_say(x, T_OVERALL,
                or_arena_printf(x->a, "There %s %s permanent exclusion%s, %s for every 100 pupils.",
                                g->perm_excl == 1 ? "was" : "were", t[H_PERM],
                                g->perm_excl == 1 ? "" : "s", t[H_PERM_RATE]));
    if (x->ny >= 2) {
        const or_group_cell *p = &x->hc[i - 1];
        const char **pt = x->ht[i - 1];
        double d;
        if (scr_num(pt[H_SUSP_RATE], &d) && scr_num(t[H_SUSP_RATE], &d)) {
            const char *said = or_arena_printf(
                x->a, "The suspension rate %s.",
                change_words(x, p->suspensions, p->headcount, g->suspensions, g->headcount,
                             pt[H_SUSP_RATE], t[H_SUSP_RATE], " per 100 pupils", x->ylabel[i - 1]));
            scr_say(x, T_OVERALL, said);
            scr_say(x, T_POINTS, said);
        }
        if (scr_num(pt[H_ONE_RATE], &d) && scr_num(t[H_ONE_RATE], &d))
            scr_say(x, T_OVERALL,
                    or_arena_printf(x->a, "The share of pupils suspended at least once %s%%.",
                                    change_words(x, p->one_plus, p->headcount, g->one_plus,
                                                 g->headcount, pt[H_ONE_RATE], t[H_ONE_RATE], "%",
                                                 x->ylabel[i - 1])));
        if (scr_num(pt[H_PERM_RATE], &d) && scr_num(t[H_PERM_RATE], &d))
            scr_say(x, T_OVERALL,
                    or_arena_printf(x->a, "The permanent exclusion rate %s.",
                                    change_words(x, p->perm_excl, p->headcount, g->perm_excl,
                                                 g->headcount, pt[H_PERM_RATE], t[H_PERM_RATE],
                                                 " per 100 pupils", x->ylabel[i - 1])));
    }
    const char *cmp;
    if (x->bm && scr_num(t[H_SUSP_RATE], &(double){0}) &&
        (cmp = vs_england(x, g->suspensions, g->headcount, OR_BM_FIXED_EXCL, OR_BM_FIXED_EXCL_RATE,
                          t[H_SUSP_RATE])))
        scr_say(
            x, T_OVERALL,
            or_arena_printf(x->a,
                            "The suspension rate is %s England's latest published rate, %s per 100 "
                            "pupils in %s (a different year).",
                            cmp, x->bmv[OR_BM_FIXED_EXCL_RATE], bm_year_label(x)));
    if (x->bm && scr_num(t[H_ONE_RATE], &(double){0}) &&
        (cmp = vs_england(x, g->one_plus, g->headcount, OR_BM_ONE_PLUS_FIXED, OR_BM_ONE_PLUS_RATE,
                          t[H_ONE_RATE])))
        scr_say(x, T_OVERALL,
                or_arena_printf(x->a,
                                "The share suspended at least once is %s England's %s%% in %s.",
                                cmp, x->bmv[OR_BM_ONE_PLUS_RATE], bm_year_label(x)));
    if (x->bm && scr_num(t[H_PERM_RATE], &(double){0}) &&
        (cmp = vs_england(x, g->perm_excl, g->headcount, OR_BM_PERM_EXCL, OR_BM_PERM_EXCL_RATE,
                          t[H_PERM_RATE])))
        scr_say(x, T_OVERALL,
                or_arena_printf(
                    x->a, "The permanent exclusion rate is %s England's %s per 100 pupils in %s.",
                    cmp, x->bmv[OR_BM_PERM_EXCL_RATE], bm_year_label(x)));
}

static void write_trends(scr *x)
{
    or_sb *h = x->h;
    scr_section_begin(x, "trends", "Trends");
    double v[3][MAX_YEARS];
    static const int m[3] = {H_SUSP_RATE, H_ONE_RATE, H_PERM_RATE};
    int shown = 0;
    for (int s = 0; s < 3; s++)
        for (int y = 0; y < x->ny; y++) {
            if (!scr_num(x->ht[y][m[s]], &v[s][y]))
                v[s][y] = NAN;
            else
                shown++;
        }
    or_svg_series series[3] = {{"Suspensions per 100 pupils", v[0]},
                               {"Pupils suspended at least once (%)", v[1]},
                               {"Permanent exclusions per 100 pupils", v[2]}};
    or_sb desc = OR_SB_INIT;
    or_sb_addf(&desc, "Rates for %d academic year%s, %s to %s. ", x->ny, x->ny == 1 ? "" : "s",
               x->ylabel[0], x->year);
    for (int s = 0; s < 3; s++) {
        or_sb_addf(&desc, "%s: ", series[s].name);
        for (int y = 0; y < x->ny; y++)
            or_sb_addf(&desc, "%s%s %s", y ? ", " : "", x->ylabel[y], x->ht[y][m[s]]);
        or_sb_adds(&desc, ". ");
    }
    or_sb_adds(&desc, "The figures are in the table below the chart.");
    html_raw(h, "<p>How the rates changed over the years in the database (up to three "
                "years). Rates are per 100 pupils on roll on census day.</p>\n");
    if (shown) {
        or_svg_line_chart lc = {{"chart-trends",
                                 or_arena_printf(x->a, "Suspension and exclusion rates, %s to %s",
                                                 x->ylabel[0], x->year),
                                 or_sb_str(&desc)},
                                "Per 100 pupils (or %)",
                                x->ny,
                                x->ylabel,
                                3,
                                series,
                                2};
        html_raw(h, "<figure class=\"chart-figure\">\n");
        or_svg_line(h, &lc);
        html_raw(h, "</figure>\n");
    }
    or_sb_release(&desc);
    const char *heads[4] = {"Academic year", "Suspensions per 100 pupils",
                            "Pupils suspended at least once (%)",
                            "Permanent exclusions per 100 pupils"};
    const bool numeric[4] = {false, true, true, true};
    or_table t;
    scr_tb b;
    scr_tb_begin(&b, &t, x->a,
                 or_arena_printf(x->a, "Rates by academic year, %s to %s", x->ylabel[0], x->year),
                 4, heads, numeric);
    for (int y = 0; y < x->ny; y++) {
        const char **row = scr_tb_row(&b);
        row[0] = x->ylabel[y];
        for (int s = 0; s < 3; s++)
            row[s + 1] = x->ht[y][m[s]];
    }
    scr_table_out(x, &t);
    scr_section_end(x);
}

/* ---- commentary and notes ---- */

static void write_commentary(scr *x)
{
    or_sb *h = x->h;
    static const char *const topic[T__N] = {[T_OVERALL] = "Overall",
                                            [T_DISP] =
                                                "Who is suspended: the strongest evidence first",
                                            [T_CHECKED] = "Groups checked every year",
                                            [T_INTERSECT] = "Sex and ethnicity together",
                                            [T_SCHOOLS] = "Schools",
                                            [T_MOVES] = "Pupil movements",
                                            [T_POINTS] = NULL}; /* in the summary */
    scr_section_begin(x, "commentary", "Commentary");
    html_raw(h, "<p>Written from the figures in this report; every number quoted is one the "
                "tables publish.</p>\n");
    for (int t = 0; t < T__N; t++) {
        if (!x->nsay[t] || !topic[t])
            continue;
        html_printf(h, "<h3>%s</h3>\n", topic[t]);
        if (t == T_OVERALL) {
            html_raw(h, "<p>");
            for (int i = 0; i < x->nsay[t]; i++) {
                if (i)
                    html_raw(h, " ");
                html_text(h, x->say[t][i]);
            }
            html_raw(h, "</p>\n");
            continue;
        }
        if (x->lead[t])
            html_printf(h, "<p>%s</p>\n", x->lead[t]);
        html_raw(h, "<ul class=\"list\">\n");
        for (int i = 0; i < x->nsay[t]; i++)
            html_printf(h, "<li>%s</li>\n", x->say[t][i]);
        html_raw(h, "</ul>\n");
    }
    scr_section_end(x);
}

/* The main points, spliced into the summary after its key figures: the change in the suspension
 * rate, the strongest findings on groups and the groups checked by name (scrutiny_groups.c), the
 * schools' first sentence, and whether the LA has written its own section. */
static void write_points(scr *x)
{
    if (!x->points_at)
        return; /* the summary did not say where */
    or_sb p = OR_SB_INIT;
    html_raw(&p, "<h3>Main points</h3>\n<ul class=\"list\">\n");
    for (int i = 0; i < x->nsay[T_POINTS]; i++)
        html_printf(&p, "<li>%s</li>\n", x->say[T_POINTS][i]);
    if (x->nsay[T_SCHOOLS])
        html_printf(&p, "<li>%s</li>\n", x->say[T_SCHOOLS][0]);
    if (x->words_written)
        html_raw(&p, "<li>What the local authority is doing about it, and its recommendations, "
                     "are in <a href=\"#actions\">What the local authority is doing</a>.</li>\n");
    else
        html_raw(&p, "<li>The local authority has not yet written what it is doing about these "
                     "figures.</li>\n");
    html_raw(&p, "</ul>\n");
    size_t at = x->points_at, tail = x->h->len - at;
    or_sb_grow(x->h, p.len);
    memmove(x->h->buf + at + p.len, x->h->buf + at, tail);
    memcpy(x->h->buf + at, p.buf, p.len);
    x->h->len += p.len;
    x->h->buf[x->h->len] = '\0';
    or_sb_release(&p);
}

/* "What is counted": written from published.h's table, the one the model's counting reads,
 * with the year's exclusions as recorded and as counted (or_columns_excl_tally), so that the
 * note and the figures cannot disagree. */
static void write_counted(scr *x)
{
    or_sb *h = x->h;
    int n;
    const or_pub_def *d = or_pub_defs(&n);
    or_excl_tally t;
    or_columns_excl_tally(x->c, x->o->ay, &t);
    const or_group_cell *g = &x->hc[x->ny - 1];
    html_raw(h, "<dt>What is counted</dt><dd>");
    for (int i = 0; i < n; i++) {
        or_sb w = OR_SB_INIT;
        or_sb_adds(&w, d[i].plural);
        w.buf[0] = (char)(w.buf[0] - 'a' + 'A');
        html_printf(h, "<p>%s are %s.</p>", or_sb_str(&w), d[i].why);
        or_sb_release(&w);
    }
    html_printf(h, "<p>Not counted in any figure: %s.</p>", or_pub_not_counted);
    /* the year's numbers, only where they are the headline's and none would reveal a count the
     * report suppresses */
    bool agree = t.counted[OR_PUB_SUSPENSION] == g->suspensions &&
                 t.counted[OR_PUB_PERMANENT] == g->perm_excl;
    if (!agree) {
        scr_warn(x, "the exclusions recorded and counted do not add up to the headline figures: "
                    "the note on what is counted leaves out the year's numbers");
    } else {
        for (int i = 0; i < n; i++) {
            int k = d[i].counted_as;
            int64_t rec = t.recorded[k], cnt = t.counted[k], left = rec - cnt;
            if (k == OR_PUB_NONE) {
                bool small = x->thr > 0 && rec > 0 && rec <= x->thr;
                if (rec && !small)
                    html_printf(h,
                                "<p>In %s schools recorded %s %s, which are not in any figure "
                                "of this report.</p>",
                                x->year,
                                scr_commas(x->a, or_arena_printf(x->a, "%lld", (long long)rec)),
                                d[i].plural);
                continue;
            }
            bool small = x->thr > 0 && ((left > 0 && left <= x->thr) || (cnt > 0 && cnt <= x->thr));
            if (!rec || small)
                continue;
            if (!left) {
                html_printf(
                    h, "<p>In %s schools recorded %s %s, and every one is counted.</p>", x->year,
                    scr_commas(x->a, or_arena_printf(x->a, "%lld", (long long)rec)), d[i].plural);
                continue;
            }
            html_printf(h,
                        "<p>In %s schools recorded %s %s: %s of them %s not counted, so %s %s "
                        "counted, the figure this report gives.</p>",
                        x->year, scr_commas(x->a, or_arena_printf(x->a, "%lld", (long long)rec)),
                        d[i].plural,
                        scr_commas(x->a, or_arena_printf(x->a, "%lld", (long long)left)),
                        left == 1 ? "is" : "are",
                        scr_commas(x->a, or_arena_printf(x->a, "%lld", (long long)cnt)),
                        cnt == 1 ? "is" : "are");
        }
    }
    html_raw(h, "</dd>\n");
}

static void write_about(scr *x)
{
    or_sb *h = x->h;
    scr_section_begin(x, "about", "About the data");
    char census[24];
    or_date_human(or_census_day(x->o->ay), census);
    html_raw(h, "<dl class=\"definitions\">\n");
    html_printf(h,
                "<dt>Pupils (headcount)</dt><dd>Pupils on roll with a main (or dual main) "
                "registration on the spring census day, the third Thursday of January: %s for "
                "%s. Each pupil is counted once.</dd>\n",
                census, x->year);
    html_printf(h,
                "<dt>Characteristics</dt><dd>Sex, ethnicity, free school meals, special "
                "educational needs, being looked after and having a social worker: %s.</dd>\n",
                or_pub_characteristics);
    write_counted(x);
    html_raw(h,
             "<dt>Suspension rate</dt><dd>Suspensions counted (see What is counted) that "
             "started in the academic year, for every 100 pupils.</dd>\n"
             "<dt>One-plus rate</dt><dd>The percentage of pupils suspended at least once.</dd>\n"
             "<dt>Permanent exclusion rate</dt><dd>Permanent exclusions for every 100 "
             "pupils.</dd>\n"
             "<dt>Rounding</dt><dd>Rates are rounded to 2 decimal places, halves away from zero, "
             "worked out exactly from the counts.</dd>\n"
             "<dt>Risk ratio</dt><dd>A group's one-plus (or permanent exclusion) rate divided by "
             "the rate of all other pupils, with a 95% confidence interval by the log method "
             "(Katz), to 2 decimal places. The commentary names first the differences whose "
             "interval excludes 1 (statistically significant), then by how far the ratio is "
             "from 1, then by the number of children.</dd>\n"
             "<dt>Funnel plot</dt><dd>Control limits around the one-plus rate p of the "
             "schools of the same kind (primary, secondary, special, or pupil referral units "
             "and alternative provision together) for a school of n pupils: p \u00b1 "
             "z\u221a(p(1\u2212p)/n), z = 1.96 (95%) and 3.09 (99.8%). Above the 99.8% limit: "
             "of concern; above the 95% limit: watch.</dd>\n"
             "<dt>Pupil movements</dt><dd>Managed moves, off-site directions, alternative "
             "provision placements, elective home education, children missing education and "
             "unexplained exits recorded by schools, counted on their start dates in the "
             "year.</dd>\n");
    if (x->thr > 0)
        html_printf(
            h,
            "<dt>Suppression</dt><dd>Counts from 1 to %d are shown as c, with every rate or "
            "ratio worked out from them. Where a row or column total is shown and only one cell "
            "in it is suppressed, the next smallest cell is suppressed too, so that no hidden "
            "figure can be worked out from the totals. Zero is shown as 0.</dd>\n",
            x->thr);
    else
        html_raw(h, "<dt>Suppression</dt><dd>None: this copy is unsuppressed, for the local "
                    "authority's own use only. It must not be published or shared.</dd>\n");
    html_raw(h, "<dt>Symbols</dt><dd>c: suppressed (confidential); z: not applicable (for "
                "example a rate with no pupils, or a ratio where nobody was excluded); x: not "
                "available.</dd>\n");
    html_raw(h, "<dt>Sources</dt><dd>The schools' own records: pupils and their "
                "characteristics, registrations, suspensions, permanent exclusions and "
                "movements, from the schools' management information systems or entered by "
                "them. Census codes: DfE common basic data set.");
    if (x->bm)
        html_printf(h,
                    " England, the region and the statistical neighbours: DfE, Suspensions "
                    "and permanent exclusions in England (Permanent and fixed-period "
                    "exclusions in England before 2021), national, regional and local "
                    "authority figures, up to %s, the latest published.",
                    bm_year_label(x));
    html_raw(h, "</dd>\n</dl>\n");
    scr_section_end(x);
}

static const char no_name[] =
    "the local authority's name is not set, so the report does not name it: set it with "
    "`onroll config set la.name NAME` or on Settings";

/* The LA's name (settings.h la.name), or a warning that it is not set. */
static or_code la_name_of(scr *x, or_error *err)
{
    or_settings st;
    or_code rc = or_settings_load(x->s, 0, x->a, &st, err);
    if (rc)
        return rc;
    x->la_name = or_settings_has(&st, OR_SET_LA_NAME) ? st.v[OR_SET_LA_NAME] : NULL;
    if (!x->la_name)
        scr_warn(x, no_name);
    return OR_OK;
}

or_code or_scrutiny_missing(or_store *s, int ay, or_scrutiny_warn warn, void *ctx, or_error *err)
{
    or_arena a = OR_ARENA_INIT;
    or_settings st;
    or_code rc = or_settings_load(s, 0, &a, &st, err);
    if (!rc && !or_settings_has(&st, OR_SET_LA_NAME))
        warn(ctx, no_name);
    if (!rc)
        rc = scr_actions_missing(s, ay, warn, ctx, err);
    or_arena_free(&a);
    return rc;
}

static or_date report_date(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void doc_end(scr *x)
{
    char when[24];
    or_date_human(x->today, when);
    html_raw(x->h, "</main>\n<footer class=\"footer\"><div class=\"footer__inner\">");
    html_printf(x->h, "<p>%s%sProduced on %s. %s</p>", x->la_name ? x->la_name : "",
                x->la_name ? ". " : "", when,
                x->thr ? "Suppressed for publication."
                       : "Unsuppressed: for the local authority's own use only.");
    html_raw(x->h, "</div></footer>\n</body>\n</html>\n");
}

or_code or_scrutiny_write(or_store *s, const or_columns *c, const or_scrutiny_opts *o, FILE *out,
                          or_error *err)
{
    return or_scrutiny_write_warned(s, c, o, out, NULL, NULL, err);
}

or_code or_scrutiny_write_warned(or_store *s, const or_columns *c, const or_scrutiny_opts *o,
                                 FILE *out, or_scrutiny_warn warn, void *ctx, or_error *err)
{
    if (!s || !c || !o)
        return or_fail(err, OR_EUSAGE, "the scrutiny report needs a store, a model and options");
    if (!o->pdf && !out)
        return or_fail(err, OR_EUSAGE, "the scrutiny report needs somewhere to go");
    if (o->pdf && (!o->path || !*o->path))
        return or_fail(err, OR_EUSAGE, "a PDF needs a file to go to (--out FILE)");
    if (o->ay < OR_DATE_MIN_YEAR || o->ay >= OR_DATE_MAX_YEAR)
        return or_fail(err, OR_EUSAGE, "academic year %d is out of range", o->ay);
    if (o->threshold < 0)
        return or_fail(err, OR_EUSAGE, "a suppression threshold cannot be negative");
    or_arena arena = OR_ARENA_INIT;
    or_sb doc = OR_SB_INIT;
    scr x;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.c = c;
    x.o = o;
    x.a = &arena;
    x.h = &doc;
    x.thr = o->threshold;
    x.warn = warn;
    x.warn_ctx = ctx;
    x.today = report_date();
    snprintf(x.year, sizeof x.year, "%d/%02d", o->ay, (o->ay + 1) % 100);
    bm_ctx bc = {&x};
    or_code rc = la_name_of(&x, err);
    if (!rc)
        rc = gather_headline(&x, err);
    if (!rc)
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_BENCHMARKS), NULL, on_benchmark, &bc, err);
    if (!rc) {
        doc_begin(&x);
        write_summary(&x);
        write_trends(&x);
        scr_write_bench(&x);
        rc = scr_write_rates(&x, err);
    }
    if (!rc)
        rc = scr_write_disp(&x, err);
    if (!rc)
        rc = scr_write_schools(&x, err);
    if (!rc)
        rc = scr_write_moves(&x, err);
    if (!rc)
        rc = scr_write_reu(&x, err);
    if (!rc)
        rc = scr_write_offroll(&x, err);
    if (!rc) {
        write_commentary(&x);
        rc = scr_write_actions(&x, err);
    }
    if (!rc) {
        write_about(&x);
        write_points(&x);
        doc_end(&x);
        if (o->pdf) {
            rc = scr_pdf_render_report(doc.buf, doc.len, o->path, err);
        } else {
            fwrite(doc.buf, 1, doc.len, out);
            if (fflush(out) != 0 || ferror(out))
                rc = or_fail(err, OR_EIO, "writing the scrutiny report failed");
        }
    }
    or_sb_release(&doc);
    or_arena_free(&arena);
    return rc;
}

or_code or_scrutiny_pdf(or_store *s, const or_columns *c, const or_scrutiny_opts *o, or_sb *out,
                        or_scrutiny_warn warn, void *ctx, or_error *err)
{
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/onroll-scrutiny-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return or_fail(err, OR_EIO, "cannot make a temporary file in %s: %s",
                       tmp && *tmp ? tmp : "/tmp", strerror(errno));
    close(fd);
    or_scrutiny_opts po = *o;
    po.pdf = true;
    po.path = path;
    or_code rc = or_scrutiny_write_warned(s, c, &po, NULL, warn, ctx, err);
    FILE *f = rc ? NULL : fopen(path, "rb");
    if (!rc && !f)
        rc = or_fail(err, OR_EIO, "%s: cannot read the PDF: %s", path, strerror(errno));
    if (f) {
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            or_sb_add(out, buf, n);
        if (ferror(f))
            rc = or_fail(err, OR_EIO, "%s: cannot read the PDF: %s", path, strerror(errno));
        fclose(f);
    }
    unlink(path);
    return rc;
}
