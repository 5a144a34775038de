/* scrutiny.c - the annual scrutiny report (scrutiny.h): one self-contained, accessible HTML
 * document - inline style, no script, no external resource - with the headline figures of the
 * year and the years before it against England, trends, rates by characteristic,
 * disproportionality, schools against the LA (a funnel plot), pupil movements, commentary
 * generated from the figures and notes on the data; or a PDF of it (scrutiny_pdf.c).
 *
 * Every figure comes from a suppressed table (report.h, stats.h) and is shown, charted or
 * quoted in a sentence only as that table publishes it: a "c" is never drawn or quoted.
 * Charts (svg.h) sit next to the table they picture. All text is escaped (web/html.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "onroll/codes.h"
#include "onroll/report.h"
#include "onroll/scrutiny.h"
#include "onroll/stats.h"
#include "onroll/svg.h"
#include "report/scrutiny_internal.h"
#include "web/html.h"

/* ---- the headline measures ---- */

enum { H_HEAD, H_SUSP, H_SUSP_RATE, H_ONE, H_ONE_RATE, H_PERM, H_PERM_RATE, H__N };

static const char *const h_name[H__N] = {
    "Pupils on roll on census day (headcount)",
    "Suspensions",
    "Suspension rate (per 100 pupils)",
    "Pupils with one or more suspensions",
    "One-plus suspension rate (% of pupils)",
    "Permanent exclusions",
    "Permanent exclusion rate (per 100 pupils)",
};
/* The England figure (benchmarks kind) of each measure. */
static const int h_bm[H__N] = {OR_BM_HEADCOUNT,     OR_BM_FIXED_EXCL,     OR_BM_FIXED_EXCL_RATE,
                               OR_BM_ONE_PLUS_FIXED, OR_BM_ONE_PLUS_RATE, OR_BM_PERM_EXCL,
                               OR_BM_PERM_EXCL_RATE};

#define MAX_YEARS 3
#define NRATES    4
#define NDISP     4

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
};

/* Commentary, by topic: sentences of plain text (escaped when written). */
enum { T_OVERALL, T_DISP, T_SCHOOLS, T_MOVES, T__N };
#define MAX_SENTENCES 24

/* LA totals of the year, for the ratios quoted in words. */
typedef struct {
    const char *code;
    or_group_cell cell;
} la_total;

typedef struct {
    or_store *s;
    const or_columns *c;
    const or_scrutiny_opts *o;
    or_arena *a;
    or_sb *h; /* the document */
    int thr;
    char year[16]; /* "2025/26" */
    /* headline: years ay - 2 .. ay that are in the model */
    int ny;
    int ay[MAX_YEARS];
    const char *ylabel[MAX_YEARS];
    or_group_cell hc[MAX_YEARS];
    const char *ht[MAX_YEARS][H__N];
    int nla;
    la_total *la;
    /* England: the latest national total loaded */
    bool bm;
    int bm_year;
    const char *bmv[OR_BM__N];
    /* commentary */
    const char *say[T__N][MAX_SENTENCES];
    int nsay[T__N];
} scr;

/* ---- small helpers ---- */

static void say(scr *x, int topic, const char *sentence)
{
    if (sentence && x->nsay[topic] < MAX_SENTENCES)
        x->say[topic][x->nsay[topic]++] = sentence;
}

static const char *year_label(or_arena *a, int ay)
{
    return or_arena_printf(a, "%d/%02d", ay, (ay + 1) % 100);
}

/* A published cell as a number: false for "c", "z", "x", "" and anything not a number. */
static bool cell_num(const char *s, double *v)
{
    if (!s || !*s || ((*s < '0' || *s > '9') && *s != '-' && *s != '.'))
        return false;
    char buf[64];
    size_t k = 0;
    for (const char *p = s; *p && k + 1 < sizeof buf; p++)
        if (*p != ',')
            buf[k++] = *p;
    buf[k] = '\0';
    char *end;
    double d = strtod(buf, &end);
    if (*end || !isfinite(d))
        return false;
    *v = d;
    return true;
}

const char *scr_commas(or_arena *a, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n <= 3 || n > 30)
        return or_arena_strdup(a, s ? s : "");
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return or_arena_strdup(a, s);
    char buf[48];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = s[i];
    }
    buf[k] = '\0';
    return or_arena_strdup(a, buf);
}

/* The cell of column `name` in row r, or NULL when the table has no such column. */
static const char *cell(const or_table *t, int r, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name))
            return t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
    return NULL;
}

/* A table of our own, grown in the arena. */
typedef struct {
    or_table *t;
    or_arena *a;
    int cap;
} tb;

static void tb_begin(tb *b, or_table *t, or_arena *a, const char *title, int ncols,
                     const char *const *heads, const bool *numeric)
{
    memset(t, 0, sizeof *t);
    t->title = title;
    t->ncols = ncols;
    const char **h = or_arena_alloc(a, (size_t)ncols * sizeof *h);
    bool *num = or_arena_calloc(a, (size_t)ncols, sizeof *num);
    for (int c = 0; c < ncols; c++) {
        h[c] = heads[c];
        num[c] = numeric[c];
    }
    t->cols = h;
    t->numeric = num;
    b->t = t;
    b->a = a;
    b->cap = 0;
}

static const char **tb_row(tb *b)
{
    or_table *t = b->t;
    if (t->nrows == b->cap) {
        int cap = b->cap ? b->cap * 2 : 32;
        const char **cells = or_arena_alloc(b->a, (size_t)cap * (size_t)t->ncols * sizeof *cells);
        if (t->nrows)
            memcpy(cells, t->cells, (size_t)t->nrows * (size_t)t->ncols * sizeof *cells);
        t->cells = cells;
        b->cap = cap;
    }
    const char **row = (const char **)&t->cells[(size_t)t->nrows++ * (size_t)t->ncols];
    for (int c = 0; c < t->ncols; c++)
        row[c] = "";
    return row;
}

/* A table in a focusable, labelled region that scrolls sideways on narrow screens. */
static void table_out(scr *x, const or_table *t)
{
    html_printf(x->h,
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n",
                t->title);
    or_table_html(x->h, t);
    html_raw(x->h, "</div>\n");
}

/* Words of a census label for a sentence: "White And Black Caribbean" -> "White and Black
 * Caribbean", "Any Other White Background" -> "any other White background". */
static void sentence_words(or_sb *out, const char *label, bool first_lower)
{
    static const char *const lower[] = {"And",      "Of",     "Or",    "The",       "In", "Other",
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

/* An ethnicity as a table or chart shows it: "Black Caribbean", "Any other White
 * background", "Refused". */
static const char *eth_display(or_arena *a, const char *code, const char *label)
{
    const char *q, *adj = eth_adjective(a, code, label, &q);
    if (adj)
        return adj;
    if (!strncmp(q, "from any", 8))
        return or_arena_printf(a, "A%s", q + 6);
    return label;
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
    const char *s = or_arena_printf(a, "%s%spupils%s", or_sb_str(&adj), adj.len ? " " : "",
                                    or_sb_str(&qual));
    or_sb_release(&adj);
    or_sb_release(&qual);
    char *cap = (char *)s;
    if (cap[0] >= 'a' && cap[0] <= 'z')
        cap[0] = (char)(cap[0] - 'a' + 'A');
    return s;
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
    if (x->bm && year <= x->bm_year)
        return OR_OK;
    x->bm = true;
    x->bm_year = year;
    for (int i = 0; i < OR_BM__N; i++)
        x->bmv[i] = row[i].null || !row[i].s ? "x" : or_arena_strdup(x->a, row[i].s);
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
    ".contents ol{margin:0;padding-left:1.5em}"
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
    ".govuk-table__header,.govuk-table__cell{padding:8px 16px 8px 0;border-bottom:1px solid "
    "#b1b4b6;text-align:left;vertical-align:top}"
    ".govuk-table__header{font-weight:700}"
    ".govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    ".govuk-table__header:last-child,.govuk-table__cell:last-child{padding-right:0}"
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
    "h3{font-size:14pt;break-after:avoid}"
    ".table-wrap{overflow:visible}"
    ".govuk-table{font-size:8.5pt}"
    ".govuk-table__header,.govuk-table__cell{padding:4px 8px 4px 0}"
    "tr,figure,.key-figures li{break-inside:avoid}"
    "a{color:#0b0c0c}"
    ".key-figures .figure{font-size:24pt}}";

static void doc_begin(scr *x)
{
    or_sb *h = x->h;
    html_raw(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html_printf(h, "<title>Suspensions and permanent exclusions %s: annual scrutiny report</title>\n",
                x->year);
    html_raw(h, "<style>");
    or_sb_add(h, style, sizeof style - 1);
    html_raw(h, "</style>\n</head>\n<body>\n"
                "<a href=\"#main\" class=\"skip-link\">Skip to main content</a>\n"
                "<header class=\"masthead\"><div class=\"masthead__inner\">"
                "<p class=\"masthead__brand\">onroll</p>"
                "<p class=\"masthead__sub\">Keeping every child on roll</p></div></header>\n"
                "<main id=\"main\">\n");
    html_printf(h, "<h1>Suspensions and permanent exclusions %s: annual scrutiny report</h1>\n",
                x->year);
    or_sb las = OR_SB_INIT;
    for (int i = 0; i < x->nla; i++) {
        if (i)
            or_sb_adds(&las, i + 1 == x->nla ? " and " : ", ");
        or_sb_adds(&las, x->la[i].code);
    }
    html_printf(h,
                "<p class=\"lede\">Suspensions, permanent exclusions and pupil movements in the "
                "schools of local authority %s in the academic year %s (1 August %d to 31 July "
                "%d): who is excluded, where, and how that compares with earlier years and "
                "with England.</p>\n",
                or_sb_str(&las), x->year, x->o->ay, x->o->ay + 1);
    or_sb_release(&las);
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
    html_raw(h, "<nav class=\"contents\" aria-label=\"Contents\">\n"
                "<p class=\"contents__title\">Contents</p>\n<ol>\n"
                "<li><a href=\"#summary\">Summary</a></li>\n"
                "<li><a href=\"#trends\">Trends</a></li>\n"
                "<li><a href=\"#rates\">Rates by characteristic</a></li>\n"
                "<li><a href=\"#disproportionality\">Disproportionality</a></li>\n"
                "<li><a href=\"#schools\">Schools</a></li>\n"
                "<li><a href=\"#movements\">Pupil movements</a></li>\n"
                "<li><a href=\"#commentary\">Commentary</a></li>\n"
                "<li><a href=\"#about\">About the data</a></li>\n"
                "</ol>\n</nav>\n");
}

static void section_begin(scr *x, const char *id, const char *heading)
{
    html_printf(x->h, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", id, id,
                heading);
}

static void section_end(scr *x)
{
    html_raw(x->h, "</section>\n");
}

/* "rose from 5.37 in 2024/25 to 5.44", exactly: compares num/den of the two years. */
static const char *change_words(scr *x, int64_t n0, int64_t d0, int64_t n1, int64_t d1,
                                const char *t0, const char *t1, const char *y0)
{
    if (!strcmp(t0, t1))
        return or_arena_printf(x->a, "was %s, the same as in %s", t1, y0);
    bool up = n1 * d0 > n0 * d1; /* counts of pupils: the products fit easily */
    return or_arena_printf(x->a, "%s from %s in %s to %s", up ? "rose" : "fell", t0, y0, t1);
}

static void write_summary(scr *x)
{
    or_sb *h = x->h;
    int i = x->ny - 1;
    const char **t = x->ht[i];
    section_begin(x, "summary", "Summary");
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
                t[H_ONE_RATE], cell_num(t[H_ONE_RATE], &(double){0}) ? "%" : "");
    html_printf(h,
                "<li><span class=\"figure\">%s</span><span class=\"what\">permanent "
                "exclusions</span></li>\n",
                t[H_PERM]);
    html_raw(h, "</ul>\n");
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
    tb b;
    tb_begin(&b, &ht, x->a,
             or_arena_printf(x->a, "Headline figures, %s to %s%s", x->ylabel[0], x->year,
                             x->bm ? ", with England" : ""),
             nc, heads, numeric);
    for (int m = 0; m < H__N; m++) {
        const char **row = tb_row(&b);
        int c = 0;
        row[c++] = h_name[m];
        for (int y = 0; y < x->ny; y++)
            row[c++] = x->ht[y][m];
        if (x->bm)
            row[c++] = scr_commas(x->a, x->bmv[h_bm[m]]);
    }
    table_out(x, &ht);
    if (x->bm)
        html_printf(h,
                    "<p>England: all state-funded schools, %s, the latest national figures "
                    "loaded (DfE, <i>Permanent and fixed-period exclusions in England</i>; "
                    "fixed-period exclusions are now called suspensions). They are for a "
                    "different year from this report's: compare with care.</p>\n",
                    bm_year_label(x));
    else
        html_raw(h, "<p>No figures for England are loaded, so there is no national comparison. "
                    "Import the DfE's published figures (the <code>benchmarks</code> file "
                    "kind) to add one.</p>\n");
    section_end(x);

    /* commentary: the year's figures, the change from last year, England */
    const or_group_cell *g = &x->hc[i];
    if (strcmp(t[H_SUSP], "c") && strcmp(t[H_HEAD], "c"))
        say(x, T_OVERALL,
            or_arena_printf(x->a,
                            "In %s, schools recorded %s suspensions among %s pupils on roll: %s "
                            "for every 100 pupils.",
                            x->year, t[H_SUSP], t[H_HEAD], t[H_SUSP_RATE]));
    if (strcmp(t[H_ONE], "c") && strcmp(t[H_ONE_RATE], "c") && strcmp(t[H_ONE_RATE], "z"))
        say(x, T_OVERALL,
            or_arena_printf(x->a, "%s pupils (%s%%) were suspended at least once.", t[H_ONE],
                            t[H_ONE_RATE]));
    if (strcmp(t[H_PERM], "c") && strcmp(t[H_PERM_RATE], "c"))
        say(x, T_OVERALL,
            or_arena_printf(x->a,
                            "There %s %s permanent exclusion%s, %s for every 100 pupils.",
                            g->perm_excl == 1 ? "was" : "were", t[H_PERM],
                            g->perm_excl == 1 ? "" : "s", t[H_PERM_RATE]));
    if (x->ny >= 2) {
        const or_group_cell *p = &x->hc[i - 1];
        const char **pt = x->ht[i - 1];
        double d;
        if (cell_num(pt[H_SUSP_RATE], &d) && cell_num(t[H_SUSP_RATE], &d))
            say(x, T_OVERALL,
                or_arena_printf(x->a, "The suspension rate %s per 100 pupils.",
                                change_words(x, p->suspensions, p->headcount, g->suspensions,
                                             g->headcount, pt[H_SUSP_RATE], t[H_SUSP_RATE],
                                             x->ylabel[i - 1])));
        if (cell_num(pt[H_ONE_RATE], &d) && cell_num(t[H_ONE_RATE], &d))
            say(x, T_OVERALL,
                or_arena_printf(x->a, "The share of pupils suspended at least once %s%%.",
                                change_words(x, p->one_plus, p->headcount, g->one_plus,
                                             g->headcount, pt[H_ONE_RATE], t[H_ONE_RATE],
                                             x->ylabel[i - 1])));
        if (cell_num(pt[H_PERM_RATE], &d) && cell_num(t[H_PERM_RATE], &d))
            say(x, T_OVERALL,
                or_arena_printf(x->a, "The permanent exclusion rate %s per 100 pupils.",
                                change_words(x, p->perm_excl, p->headcount, g->perm_excl,
                                             g->headcount, pt[H_PERM_RATE], t[H_PERM_RATE],
                                             x->ylabel[i - 1])));
    }
    double la, en;
    if (x->bm && cell_num(t[H_SUSP_RATE], &la) && cell_num(x->bmv[OR_BM_FIXED_EXCL_RATE], &en))
        say(x, T_OVERALL,
            or_arena_printf(x->a,
                            "The suspension rate of %s per 100 pupils is %s England's latest "
                            "loaded rate, %s in %s (a different year).",
                            t[H_SUSP_RATE],
                            la > en ? "above" : la < en ? "below" : "the same as",
                            x->bmv[OR_BM_FIXED_EXCL_RATE], bm_year_label(x)));
    if (x->bm && cell_num(t[H_PERM_RATE], &la) && cell_num(x->bmv[OR_BM_PERM_EXCL_RATE], &en))
        say(x, T_OVERALL,
            or_arena_printf(x->a,
                            "The permanent exclusion rate of %s is %s England's %s in %s.",
                            t[H_PERM_RATE],
                            la > en ? "above" : la < en ? "below" : "the same as",
                            x->bmv[OR_BM_PERM_EXCL_RATE], bm_year_label(x)));
}

static void write_trends(scr *x)
{
    or_sb *h = x->h;
    section_begin(x, "trends", "Trends");
    double v[3][MAX_YEARS];
    static const int m[3] = {H_SUSP_RATE, H_ONE_RATE, H_PERM_RATE};
    int shown = 0;
    for (int s = 0; s < 3; s++)
        for (int y = 0; y < x->ny; y++) {
            if (!cell_num(x->ht[y][m[s]], &v[s][y]))
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
                                "Rate",
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
    tb b;
    tb_begin(&b, &t, x->a,
             or_arena_printf(x->a, "Rates by academic year, %s to %s", x->ylabel[0], x->year), 4,
             heads, numeric);
    for (int y = 0; y < x->ny; y++) {
        const char **row = tb_row(&b);
        row[0] = x->ylabel[y];
        for (int s = 0; s < 3; s++)
            row[s + 1] = x->ht[y][m[s]];
    }
    table_out(x, &t);
    section_end(x);
}

/* ---- rates by characteristic ---- */

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
    default:
        return or_dim_name(d);
    }
}

static or_report_opts report_opts(const scr *x)
{
    or_report_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.ay = x->o->ay;
    ro.unsuppressed = x->thr == 0;
    ro.threshold = x->thr;
    return ro;
}

static or_code write_rates(scr *x, or_error *err)
{
    section_begin(x, "rates", "Rates by characteristic");
    html_raw(x->h, "<p>Suspensions, permanent exclusions and pupils suspended at least once, "
                   "for every 100 pupils of each group on roll on census day. A pupil's "
                   "characteristics are those recorded on census day (or, for a pupil not on "
                   "roll then, on the day of the exclusion).</p>\n");
    bool multi = x->nla > 1;
    for (int k = 0; k < NRATES; k++) {
        or_report_opts ro = report_opts(x);
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
        static const char *const from[] = {"headcount",      "suspension",    "susp_rate",
                                           "perm_excl",      "perm_excl_rate", "one_plus_susp",
                                           "one_plus_susp_rate"};
        for (int i = 0; i < 7; i++) {
            numeric[nc] = true;
            heads[nc++] = h[i];
        }
        or_table t;
        tb b;
        tb_begin(&b, &t, x->a,
                 or_arena_printf(x->a, "Rates by %s, %s", dim_heading(rate_dims[k]), x->year),
                 nc, heads, numeric);
        const char *lab = or_arena_printf(x->a, "%s_label", or_dim_name(rate_dims[k]));
        for (int r = 0; r < src.nrows; r++) {
            const char **row = tb_row(&b);
            int c = 0;
            if (multi)
                row[c++] = cell(&src, r, "la_code");
            const char *l = cell(&src, r, lab);
            row[c++] = !strcmp(l, "Total") ? "All pupils" : l;
            for (int i = 0; i < 7; i++)
                row[c++] = scr_commas(x->a, cell(&src, r, from[i]));
        }
        if (k == 0)
            html_printf(x->h, "<h3>By sex</h3>\n");
        else
            html_printf(x->h, "<h3>By %s</h3>\n",
                        or_arena_printf(x->a, "%c%s", dim_heading(rate_dims[k])[0] - 'A' + 'a',
                                        dim_heading(rate_dims[k]) + 1));
        table_out(x, &t);
    }
    section_end(x);
    return OR_OK;
}

/* ---- disproportionality ---- */

/* A ratio as the commentary quotes it: 1 decimal place, or 2 when 1 would hide that the
 * interval excludes 1 ("1.0"). */
static const char *ratio_words(scr *x, const or_ratio *r, const char *verb)
{
    int d = 1;
    char lo[32], hi[32];
    snprintf(lo, sizeof lo, "%.1f", r->lo);
    snprintf(hi, sizeof hi, "%.1f", r->hi);
    if (!strcmp(lo, "1.0") || !strcmp(hi, "1.0"))
        d = 2;
    return or_arena_printf(x->a, "%.*f times as likely as other pupils to be %s (95%% CI %.*f to %.*f)",
                           d, r->ratio, verb, d, r->lo, d, r->hi);
}

typedef struct {
    const char *phrase;
    double ratio;
    const char *text; /* the sentence */
    bool perm;
} finding;

static int by_ratio_desc(const void *p, const void *q)
{
    const finding *a = p, *b = q;
    return a->ratio < b->ratio ? 1 : a->ratio > b->ratio ? -1 : 0;
}

static int by_ratio_asc(const void *p, const void *q)
{
    return -by_ratio_desc(p, q);
}

typedef struct {
    finding *f;
    int n, cap;
} findings;

static void add_finding(scr *x, findings *fs, const finding *f)
{
    for (int i = 0; i < fs->n; i++)
        if (!strcmp(fs->f[i].phrase, f->phrase) && fs->f[i].perm == f->perm)
            return; /* the same group from another table */
    if (fs->n == fs->cap) {
        int cap = fs->cap ? fs->cap * 2 : 32;
        finding *nf = or_arena_alloc(x->a, (size_t)cap * sizeof *nf);
        if (fs->n)
            memcpy(nf, fs->f, (size_t)fs->n * sizeof *nf);
        fs->f = nf;
        fs->cap = cap;
    }
    fs->f[fs->n++] = *f;
}

/* The LA totals of a row's LA (NULL if unknown). */
static const or_group_cell *la_of(scr *x, const char *code)
{
    for (int i = 0; i < x->nla; i++)
        if (code && !strcmp(x->la[i].code, code))
            return &x->la[i].cell;
    return x->nla == 1 ? &x->la[0].cell : NULL;
}

/* A significant ratio of one row (outcome: one-plus suspension or permanent exclusion) into
 * up or down, recomputed from the published counts for the words (never from a "c"). */
static void consider(scr *x, const or_table *src, int r, const char *phrase, bool perm,
                     findings *up, findings *down)
{
    const char *pre = perm ? "perm_excl" : "one_plus";
    const char *sig = cell(src, r, or_arena_printf(x->a, "%s_rr_significant", pre));
    const char *cnt = cell(src, r, perm ? "perm_excl" : "one_plus_susp");
    const char *head = cell(src, r, "headcount");
    double a, n1;
    if (!sig || strcmp(sig, "yes") || !cell_num(cnt, &a) || !cell_num(head, &n1))
        return;
    const or_group_cell *t = la_of(x, cell(src, r, "la_code"));
    if (!t)
        return;
    int64_t ai = (int64_t)a, ni = (int64_t)n1;
    int64_t ci = (perm ? t->perm_excl : t->one_plus) - ai, n2 = t->headcount - ni;
    or_ratio rr;
    or_error e;
    if (or_risk_ratio(ai, ni, ci, n2, &rr, &e) || rr.z || !rr.excludes_one)
        return;
    const char *w =
        ratio_words(x, &rr, perm ? "permanently excluded" : "suspended at least once");
    finding f = {phrase, rr.ratio, or_arena_printf(x->a, "%s were %s.", phrase, w), perm};
    add_finding(x, rr.ratio > 1 ? up : down, &f);
}

static or_code write_disp(scr *x, or_error *err)
{
    or_sb *h = x->h;
    section_begin(x, "disproportionality", "Disproportionality");
    html_raw(h, "<p>How much more or less likely each group of pupils was to be suspended at "
                "least once, or permanently excluded, than all other pupils: the <b>risk "
                "ratio</b>. A ratio of 2 means twice as likely; 1 means the same; 0.5 means "
                "half as likely. The 95% confidence interval shows the range the ratio could "
                "plausibly take given the numbers involved: where it does not include 1 the "
                "difference is statistically significant (at the 5% level). Ratios are not "
                "worked out from suppressed counts (\u201cc\u201d), nor where no pupil of the "
                "group or of the others was excluded (\u201cz\u201d).</p>\n");
    findings up = {0}, down = {0};
    bool multi = x->nla > 1;
    for (int k = 0; k < NDISP; k++) {
        or_report_opts ro = report_opts(x);
        ro.ndims = disp_spec[k].ndims;
        for (int i = 0; i < ro.ndims; i++)
            ro.dims[i] = disp_spec[k].dims[i];
        or_table src;
        or_code rc = or_report_disproportionality(x->c, &ro, x->a, &src, err);
        if (rc)
            return rc;
        int nd = ro.ndims;
        /* the table */
        const char *heads[16];
        bool numeric[16] = {false};
        int nc = 0;
        if (multi)
            heads[nc++] = "Local authority";
        for (int i = 0; i < nd; i++)
            heads[nc++] = dim_heading(ro.dims[i]);
        static const char *const hm[] = {"Pupils",
                                         "Pupils suspended at least once",
                                         "Suspended at least once (%)",
                                         "Risk ratio of suspension",
                                         "95% confidence interval",
                                         "Significant",
                                         "Permanent exclusions",
                                         "Permanent exclusions per 100 pupils",
                                         "Risk ratio of permanent exclusion",
                                         "95% confidence interval of that ratio",
                                         "Significant (permanent exclusion)"};
        for (int i = 0; i < 11; i++) {
            numeric[nc] = i != 5 && i != 10;
            heads[nc++] = hm[i];
        }
        or_table t;
        tb b;
        tb_begin(&b, &t, x->a,
                 or_arena_printf(x->a, "Risk ratios by %s, against all other pupils, %s",
                                 disp_spec[k].what, x->year),
                 nc, heads, numeric);
        or_svg_ratio_row *rows = or_arena_calloc(x->a, (size_t)(src.nrows + 1), sizeof *rows);
        int nrows = 0;
        for (int r = 0; r < src.nrows; r++) {
            const char *codes[2], *labels[2], *shown[2];
            or_dim dims[2];
            int real = 0;
            for (int i = 0; i < nd; i++) {
                const char *name = or_dim_name(ro.dims[i]);
                const char *code = cell(&src, r, name);
                const char *label = cell(&src, r, or_arena_printf(x->a, "%s_label", name));
                if (!strcmp(code, "Total"))
                    continue;
                dims[real] = ro.dims[i];
                codes[real] = code;
                labels[real] = label;
                shown[real] = ro.dims[i] == OR_DIM_ETHNICITY ? eth_display(x->a, code, label)
                                                              : label;
                real++;
            }
            const char **row = tb_row(&b);
            int c = 0;
            if (multi)
                row[c++] = cell(&src, r, "la_code");
            for (int i = 0; i < nd; i++) {
                const char *name = or_dim_name(ro.dims[i]);
                const char *code = cell(&src, r, name);
                const char *label = cell(&src, r, or_arena_printf(x->a, "%s_label", name));
                row[c++] = !strcmp(code, "Total")                ? "All"
                           : ro.dims[i] == OR_DIM_ETHNICITY ? eth_display(x->a, code, label)
                                                            : label;
            }
            static const char *const pre[2] = {"one_plus", "perm_excl"};
            for (int o = 0; o < 2; o++) {
                const char *cnt = o ? "perm_excl" : "one_plus_susp";
                const char *rate = o ? "perm_excl_rate" : "one_plus_susp_rate";
                if (!o)
                    row[c++] = scr_commas(x->a, cell(&src, r, "headcount"));
                row[c++] = scr_commas(x->a, cell(&src, r, cnt));
                row[c++] = cell(&src, r, rate);
                const char *rr = cell(&src, r, or_arena_printf(x->a, "%s_rr", pre[o]));
                const char *lo = cell(&src, r, or_arena_printf(x->a, "%s_rr_lower", pre[o]));
                const char *hi = cell(&src, r, or_arena_printf(x->a, "%s_rr_upper", pre[o]));
                const char *sig =
                    cell(&src, r, or_arena_printf(x->a, "%s_rr_significant", pre[o]));
                double v;
                row[c++] = rr;
                row[c++] = cell_num(lo, &v) ? or_arena_printf(x->a, "%s to %s", lo, hi) : lo;
                row[c++] = !strcmp(sig, "yes") ? "Yes" : !strcmp(sig, "no") ? "No" : sig;
            }
            const char *phrase = group_phrase(x->a, real, dims, codes, labels);
            consider(x, &src, r, phrase, false, &up, &down);
            consider(x, &src, r, phrase, true, &up, &down);
            /* the chart: single groups, or full intersections */
            if (real != nd || multi)
                continue;
            or_svg_ratio_row *cr = &rows[nrows++];
            cr->label = real == 2 ? or_arena_printf(x->a, "%s, %s", shown[0], shown[1])
                                  : shown[0];
            const char *rr = cell(&src, r, "one_plus_rr");
            double lo, hi;
            cr->shown = cell_num(rr, &cr->ratio) &&
                        cell_num(cell(&src, r, "one_plus_rr_lower"), &lo) &&
                        cell_num(cell(&src, r, "one_plus_rr_upper"), &hi) && cr->ratio > 0;
            cr->lo = lo;
            cr->hi = hi;
            cr->significant = !strcmp(cell(&src, r, "one_plus_rr_significant"), "yes");
            cr->note = !strcmp(rr, "c") ? "c: suppressed (small numbers)"
                                        : "z: no ratio (nobody in the group or the rest was "
                                          "suspended)";
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
                       nrows, disp_spec[k].what, sig_up, sig_up == 1 ? " was" : "s were",
                       sig_down, hidden);
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
        table_out(x, &t);
    }
    section_end(x);
    /* commentary: the largest significant differences */
    if (up.n > 1)
        qsort(up.f, (size_t)up.n, sizeof *up.f, by_ratio_desc);
    if (down.n > 1)
        qsort(down.f, (size_t)down.n, sizeof *down.f, by_ratio_asc);
    int said = 0;
    for (int i = 0; i < up.n && i < 6; i++, said++)
        say(x, T_DISP, up.f[i].text);
    for (int i = 0; i < down.n && i < 3; i++, said++)
        say(x, T_DISP, down.f[i].text);
    if (!said)
        say(x, T_DISP, "No group of pupils shown was significantly more or less likely than "
                       "other pupils to be suspended or permanently excluded (at the 5% level).");
    else
        say(x, T_DISP, "These are the largest differences that are statistically significant; "
                       "with this many groups, one or two may be so by chance.");
    return OR_OK;
}

/* ---- schools ---- */

static const char *names_list(scr *x, const char *const *names, int n)
{
    or_sb sb = OR_SB_INIT;
    for (int i = 0; i < n; i++) {
        if (i)
            or_sb_adds(&sb, i + 1 == n ? " and " : ", ");
        or_sb_adds(&sb, names[i]);
    }
    const char *s = or_arena_strdup(x->a, or_sb_str(&sb));
    or_sb_release(&sb);
    return s;
}

static or_code write_schools(scr *x, or_error *err)
{
    or_sb *h = x->h;
    or_report_opts ro = report_opts(x);
    or_table src;
    or_code rc = or_report_schools(x->c, &ro, x->a, &src, err);
    if (rc)
        return rc;
    section_begin(x, "schools", "Schools");
    const or_group_cell *now = &x->hc[x->ny - 1];
    bool p_ok = now->headcount > 0 && strcmp(x->ht[x->ny - 1][H_ONE_RATE], "c") &&
                strcmp(x->ht[x->ny - 1][H_ONE_RATE], "z");
    double p = p_ok ? (double)now->one_plus / (double)now->headcount : 0;
    /* half of all suspensions: the fewest schools whose cumulative share reaches 50% */
    int half = 0;
    const char **top = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *top);
    bool half_known = false;
    for (int r = 0; r < src.nrows; r++) {
        double cum;
        top[r] = cell(&src, r, "school");
        if (!cell_num(cell(&src, r, "cumulative_share"), &cum))
            break;
        if (cum >= 50.0) {
            half = r + 1;
            half_known = true;
            break;
        }
    }
    int nschools = src.nrows;
    if (half_known) {
        const char *s = or_arena_printf(
            x->a, "%d %s issue%s half of all suspensions (%d school%s with pupils or "
                  "suspensions in %s): %s.",
            half, half == 1 ? "school" : "schools", half == 1 ? "s" : "", nschools,
            nschools == 1 ? "" : "s", x->year, names_list(x, top, half));
        html_printf(h, "<p class=\"lede\">%s</p>\n", s);
        say(x, T_SCHOOLS, s);
    }
    html_raw(h, "<p>Each school's share of pupils suspended at least once (the one-plus rate) "
                "against the LA's, in a funnel plot: a school's rate varies more by chance the "
                "fewer pupils it has, so the control limits (95% and 99.8%) narrow as schools "
                "get bigger. A school above the 99.8% limit is <b>of concern</b>: a rate that "
                "high would arise by chance about once in a thousand. Above the 95% limit it is "
                "on <b>watch</b>.</p>\n");
    /* the funnel plot and the lists */
    or_svg_funnel_point *pts = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *pts);
    int npts = 0, hidden = 0;
    const char **concern = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *concern);
    const char **watch = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *watch);
    const char **low = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *low);
    const char **concern_li = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *concern_li);
    int nconcern = 0, nwatch = 0, nlow = 0;
    for (int r = 0; r < src.nrows; r++) {
        const char *fun = cell(&src, r, "funnel");
        double n, pct;
        if (!cell_num(cell(&src, r, "headcount"), &n) || n <= 0 ||
            !cell_num(cell(&src, r, "one_plus_susp_rate"), &pct) || !strcmp(fun, "c") ||
            !strcmp(fun, "z")) {
            hidden++;
            continue;
        }
        or_svg_funnel_point *pt = &pts[npts++];
        pt->label = cell(&src, r, "school");
        pt->n = n;
        pt->pct = pct;
        pt->cls = !strcmp(fun, "of concern") ? OR_SVG_PT_CONCERN
                  : !strcmp(fun, "watch")    ? OR_SVG_PT_WATCH
                  : !strcmp(fun, "low") || !strcmp(fun, "very low") ? OR_SVG_PT_LOW
                                                                     : OR_SVG_PT_WITHIN;
        pt->labelled = pt->cls == OR_SVG_PT_CONCERN || pt->cls == OR_SVG_PT_WATCH;
        const char *named = pt->label;
        if (pt->cls == OR_SVG_PT_CONCERN) {
            concern[nconcern] = named;
            concern_li[nconcern++] = or_arena_printf(
                x->a, "%s (URN %s): %s%% of %s pupils suspended at least once; upper 99.8%% "
                      "limit %s%%",
                named, cell(&src, r, "urn"), cell(&src, r, "one_plus_susp_rate"),
                scr_commas(x->a, cell(&src, r, "headcount")), cell(&src, r, "upper_limit_998"));
        } else if (pt->cls == OR_SVG_PT_WATCH)
            watch[nwatch++] = named;
        else if (pt->cls == OR_SVG_PT_LOW)
            low[nlow++] = named;
    }
    if (p_ok && npts) {
        or_sb desc = OR_SB_INIT;
        or_sb_addf(&desc,
                   "A funnel plot of %d schools: each school's percentage of pupils suspended "
                   "at least once against its number of pupils, with the LA average (%.2f%%) "
                   "and the 95%% and 99.8%% control limits around it. ",
                   npts, p * 100);
        or_sb_addf(&desc, "%d school%s above the 99.8%% limit (of concern)%s", nconcern,
                   nconcern == 1 ? " is" : "s are", nconcern ? ": " : ". ");
        if (nconcern) {
            or_sb_adds(&desc, names_list(x, concern, nconcern));
            or_sb_adds(&desc, ". ");
        }
        or_sb_addf(&desc, "%d %s above the 95%% limit only (watch)%s", nwatch,
                   nwatch == 1 ? "is" : "are", nwatch ? ": " : ". ");
        if (nwatch) {
            or_sb_adds(&desc, names_list(x, watch, nwatch));
            or_sb_adds(&desc, ". ");
        }
        or_sb_addf(&desc, "%d %s below the lower 95%% limit. ", nlow, nlow == 1 ? "is" : "are");
        if (hidden)
            or_sb_addf(&desc, "%d school%s with suppressed figures %s not plotted. ", hidden,
                       hidden == 1 ? "" : "s", hidden == 1 ? "is" : "are");
        or_sb_adds(&desc, "Every school's figures are in the table below.");
        or_svg_funnel_chart fc = {
            {"chart-funnel",
             or_arena_printf(x->a, "Funnel plot: pupils suspended at least once by school, %s",
                             x->year),
             or_sb_str(&desc)},
            "Pupils on roll on census day (headcount)",
            "Pupils suspended at least once (%)",
            p,
            npts,
            pts};
        html_raw(h, "<figure class=\"chart-figure\">\n");
        or_svg_funnel(h, &fc);
        html_raw(h, "</figure>\n");
        or_sb_release(&desc);
    } else {
        html_raw(h, "<p>There is no funnel plot: the LA's own one-plus rate is not published "
                    "this year (suppressed or not applicable).</p>\n");
    }
    if (hidden && p_ok && npts)
        html_printf(h,
                    "<p>%d school%s with small numbers (suppressed figures) %s not plotted; "
                    "%s still in the table.</p>\n",
                    hidden, hidden == 1 ? "" : "s", hidden == 1 ? "is" : "are",
                    hidden == 1 ? "it is" : "they are");
    html_raw(h, "<h3>Schools of concern</h3>\n");
    if (nconcern) {
        html_raw(h, "<ul class=\"list\">\n");
        for (int i = 0; i < nconcern; i++)
            html_printf(h, "<li>%s</li>\n", concern_li[i]);
        html_raw(h, "</ul>\n");
    } else {
        html_raw(h, "<p>No school's one-plus rate is above its 99.8% control limit.</p>\n");
    }
    if (nwatch)
        html_printf(h, "<p>On watch (above the 95%% limit): %s.</p>\n",
                    names_list(x, watch, nwatch));
    if (nlow)
        html_printf(h, "<p>Below the lower 95%% limit: %s.</p>\n", names_list(x, low, nlow));
    if (nconcern)
        say(x, T_SCHOOLS,
            or_arena_printf(x->a,
                            "%d school%s of concern: %s share of pupils suspended at least once "
                            "is above the 99.8%% control limit for %s size (%s).",
                            nconcern, nconcern == 1 ? " is" : "s are",
                            nconcern == 1 ? "its" : "their", nconcern == 1 ? "its" : "their",
                            names_list(x, concern, nconcern)));
    else
        say(x, T_SCHOOLS, "No school is above the 99.8% control limit.");
    if (nwatch)
        say(x, T_SCHOOLS,
            or_arena_printf(x->a, "%d more %s on watch, above the 95%% limit (%s).", nwatch,
                            nwatch == 1 ? "is" : "are", names_list(x, watch, nwatch)));
    /* the table */
    static const char *const heads[] = {"School",
                                        "Pupils",
                                        "Suspensions",
                                        "Suspensions per 100 pupils",
                                        "Pupils suspended at least once",
                                        "Suspended at least once (%)",
                                        "Upper 95% limit (%)",
                                        "Upper 99.8% limit (%)",
                                        "Funnel plot",
                                        "Share of LA suspensions (%)",
                                        "Cumulative share (%)",
                                        "Permanent exclusions"};
    static const char *const from[] = {NULL,
                                       "headcount",
                                       "suspension",
                                       "susp_rate",
                                       "one_plus_susp",
                                       "one_plus_susp_rate",
                                       "upper_limit_95",
                                       "upper_limit_998",
                                       "funnel",
                                       "share_of_la_suspensions",
                                       "cumulative_share",
                                       "perm_excl"};
    const bool numeric[] = {false, true, true, true, true, true,
                            true,  true, false, true, true, true};
    or_table t;
    tb b;
    tb_begin(&b, &t, x->a,
             or_arena_printf(x->a, "Schools by number of suspensions, %s", x->year), 12, heads,
             numeric);
    for (int r = 0; r < src.nrows; r++) {
        const char **row = tb_row(&b);
        row[0] = or_arena_printf(x->a, "%s (%s)", cell(&src, r, "school"), cell(&src, r, "urn"));
        for (int c = 1; c < 12; c++)
            row[c] = scr_commas(x->a, cell(&src, r, from[c]));
    }
    html_raw(h, "<h3>Every school</h3>\n"
                "<p>Schools in order of their number of suspensions, with the cumulative share "
                "of the LA's suspensions. Limits are for the one-plus rate.</p>\n");
    table_out(x, &t);
    section_end(x);
    return OR_OK;
}

/* ---- movements ---- */

static or_code write_moves(scr *x, or_error *err)
{
    scr_moves mv;
    or_code rc = scr_moves_build(x->s, x->o->ay, x->thr, x->a, &mv, err);
    if (rc)
        return rc;
    or_sb *h = x->h;
    section_begin(x, "movements", "Pupil movements");
    html_raw(h, "<p>Movements of pupils out of their school that did not go through exclusion: "
                "managed moves to another school, directions off-site to improve behaviour, "
                "placements in alternative provision (AP), moves to elective home education "
                "(EHE), children missing education (CME) and unexplained exits from a school's "
                "roll. Each is counted once, on its start date in the year, by the pupil's "
                "characteristics on that date and by the school that recorded it.</p>\n");
    static const char *const sub[SCR_BY__N] = {"By sex", "By age", "By ethnic group",
                                               "By special educational needs", "By school"};
    for (int by = 0; by < SCR_BY__N; by++) {
        html_printf(h, "<h3>%s</h3>\n", sub[by]);
        table_out(x, &mv.tables[by]);
    }
    section_end(x);
    /* commentary */
    const char *shown[SCR_MV__N], *small[SCR_MV__N];
    int ns = 0, nsm = 0;
    for (int k = 0; k < SCR_MV__N; k++) {
        if (!strcmp(mv.total_text[k], "c"))
            small[nsm++] = scr_move_phrase(k);
        else
            shown[ns++] = or_arena_printf(x->a, "%s %s", mv.total_text[k], scr_move_phrase(k));
    }
    if (ns)
        say(x, T_MOVES,
            or_arena_printf(x->a, "In %s schools recorded %s.", x->year,
                            names_list(x, shown, ns)));
    if (nsm)
        say(x, T_MOVES,
            or_arena_printf(x->a, "The numbers of %s are too small to publish.",
                            names_list(x, small, nsm)));
    if (strcmp(mv.total_text[SCR_MV__N], "c"))
        say(x, T_MOVES,
            or_arena_printf(x->a, "In all, %s movement%s out of school %s recorded.",
                            mv.total_text[SCR_MV__N], mv.total[SCR_MV__N] == 1 ? "" : "s",
                            mv.total[SCR_MV__N] == 1 ? "was" : "were"));
    return OR_OK;
}

/* ---- commentary and notes ---- */

static void write_commentary(scr *x)
{
    or_sb *h = x->h;
    static const char *const topic[T__N] = {"Overall", "Who is suspended", "Schools",
                                            "Pupil movements"};
    section_begin(x, "commentary", "Commentary");
    html_raw(h, "<p>Written from the figures in this report; every number quoted is one the "
                "tables publish.</p>\n");
    for (int t = 0; t < T__N; t++) {
        if (!x->nsay[t])
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
        html_raw(h, "<ul class=\"list\">\n");
        for (int i = 0; i < x->nsay[t]; i++)
            html_printf(h, "<li>%s</li>\n", x->say[t][i]);
        html_raw(h, "</ul>\n");
    }
    section_end(x);
}

static void write_about(scr *x)
{
    or_sb *h = x->h;
    section_begin(x, "about", "About the data");
    char census[16];
    or_date_human(or_census_day(x->o->ay), census);
    html_raw(h, "<dl class=\"definitions\">\n");
    html_printf(h,
                "<dt>Pupils (headcount)</dt><dd>Pupils on roll with a main (or dual main) "
                "registration on the spring census day, the third Thursday of January: %s for "
                "%s. Each pupil is counted once, with the characteristics recorded that day.</dd>"
                "\n",
                census, x->year);
    html_raw(h,
             "<dt>Suspension rate</dt><dd>Suspensions (including lunchtime suspensions) that "
             "started in the academic year, for every 100 pupils. Withdrawn suspensions, and "
             "those the pupil was reinstated from before they began, are not counted.</dd>\n"
             "<dt>One-plus rate</dt><dd>The percentage of pupils suspended at least once.</dd>\n"
             "<dt>Permanent exclusion rate</dt><dd>Permanent exclusions for every 100 "
             "pupils.</dd>\n"
             "<dt>Rounding</dt><dd>Rates are rounded to 2 decimal places, halves away from zero, "
             "worked out exactly from the counts.</dd>\n"
             "<dt>Risk ratio</dt><dd>A group's one-plus (or permanent exclusion) rate divided by "
             "the rate of all other pupils, with a 95% confidence interval by the log method "
             "(Katz). The commentary quotes ratios to 1 decimal place, the tables to 2.</dd>\n"
             "<dt>Funnel plot</dt><dd>Control limits around the LA one-plus rate p for a school "
             "of n pupils: p \u00b1 z\u221a(p(1\u2212p)/n), z = 1.96 (95%) and 3.09 (99.8%). Above "
             "the 99.8% limit: of concern; above the 95% limit: watch.</dd>\n"
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
    html_raw(h, "<dt>Sources</dt><dd>The schools' own records in onroll: pupils and their "
                "characteristics, registrations, suspensions, permanent exclusions and "
                "movements, as imported from the schools' management information systems or "
                "entered by them. Census codes: DfE common basic data set.");
    if (x->bm)
        html_printf(h,
                    " England: DfE, Permanent and fixed-period exclusions in England, national "
                    "totals for all state-funded schools, %s.",
                    bm_year_label(x));
    html_raw(h, "</dd>\n</dl>\n");
    section_end(x);
}

static void doc_end(scr *x)
{
    char when[16];
    const char *sde = getenv("SOURCE_DATE_EPOCH"); /* reproducible builds of the document */
    time_t now = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    or_date_human(or_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), when);
    html_raw(x->h, "</main>\n<footer class=\"footer\"><div class=\"footer__inner\">");
    html_printf(x->h, "<p>Produced by onroll on %s. %s</p>", when,
                x->thr ? "Suppressed for publication."
                       : "Unsuppressed: for the local authority's own use only.");
    html_raw(x->h, "</div></footer>\n</body>\n</html>\n");
}

or_code or_scrutiny_write(or_store *s, const or_columns *c, const or_scrutiny_opts *o, FILE *out,
                          or_error *err)
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
    snprintf(x.year, sizeof x.year, "%d/%02d", o->ay, (o->ay + 1) % 100);
    bm_ctx bc = {&x};
    or_code rc = gather_headline(&x, err);
    if (!rc)
        rc = or_store_scan_pupil(s, or_kind_get(OR_K_BENCHMARKS), NULL, on_benchmark, &bc, err);
    if (!rc) {
        doc_begin(&x);
        write_summary(&x);
        write_trends(&x);
        rc = write_rates(&x, err);
    }
    if (!rc)
        rc = write_disp(&x, err);
    if (!rc)
        rc = write_schools(&x, err);
    if (!rc)
        rc = write_moves(&x, err);
    if (!rc) {
        write_commentary(&x);
        write_about(&x);
        doc_end(&x);
        if (o->pdf) {
            rc = scr_pdf_render(doc.buf, doc.len, o->path, err);
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
