/* scrutiny_kit.c - the helpers every part of the scrutiny report shares (scrutiny_internal.h):
 * commentary sentences, published cells read as numbers or with thousands separators, tables
 * of our own grown in the arena, a table in a labelled scrolling region, sections, "A, B and C"
 * lists and the report's table options. The lowest file of the report: it calls nothing in the
 * other scrutiny files, which all call it (scrutiny.c, scrutiny_groups.c, scrutiny_schools.c,
 * scrutiny_moves.c, scrutiny_mask.c). All text is escaped (html/html.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html/html.h"
#include "onroll/alloc.h"
#include "onroll/report.h"
#include "report/scrutiny_internal.h"

void scr_warn(scr *x, const char *message)
{
    if (x->warn)
        x->warn(x->warn_ctx, message);
}

void scr_say(scr *x, int topic, const char *sentence)
{
    if (sentence && x->nsay[topic] < MAX_SENTENCES)
        x->say[topic][x->nsay[topic]++] = sentence;
}

/* A published cell as a number: false for "c", "z", "x", "" and anything not a number. */
bool scr_num(const char *s, double *v)
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
const char *scr_cell(const or_table *t, int r, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name))
            return t->cells[(size_t)r * (size_t)t->ncols + (size_t)c];
    return NULL;
}

/* A table of our own, grown in the arena. */
void scr_tb_begin(scr_tb *b, or_table *t, or_arena *a, const char *title, int ncols,
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

const char **scr_tb_row(scr_tb *b)
{
    or_table *t = b->t;
    if (t->nrows == b->cap) { /* rows of ncols cells: OR_ARENA_GROW's steps, by hand */
        size_t cap = or_alloc_nr((size_t)b->cap, (size_t)t->nrows + 1), w = (size_t)t->ncols;
        t->cells = or_arena_grow(b->a, t->cells, (size_t)b->cap * w, cap * w, sizeof *t->cells);
        b->cap = (int)cap;
    }
    const char **row = (const char **)&t->cells[(size_t)t->nrows++ * (size_t)t->ncols];
    for (int c = 0; c < t->ncols; c++)
        row[c] = "";
    return row;
}

/* A table in a focusable, labelled region that scrolls sideways on narrow screens. */
void scr_table_out(scr *x, const or_table *t)
{
    html_printf(x->h,
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\">\n",
                t->title);
    or_table_html(x->h, t);
    html_raw(x->h, "</div>\n");
}

void scr_section_begin(scr *x, const char *id, const char *heading)
{
    html_printf(x->h, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">%s</h2>\n", id, id, heading);
}

void scr_section_end(scr *x)
{
    html_raw(x->h, "</section>\n");
}

const char *scr_names_list(scr *x, const char *const *names, int n)
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

or_report_opts scr_report_opts(const scr *x)
{
    or_report_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.ay = x->o->ay;
    ro.unsuppressed = x->thr == 0;
    ro.threshold = x->thr;
    return ro;
}
