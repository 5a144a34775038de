/* scrutiny_internal.h - what the parts of the scrutiny report (scrutiny.h) share: the state of
 * one report being written, the helpers every section uses (published cells, tables of our
 * own, sections, commentary), and the sections written outside scrutiny.c: rates and
 * disproportionality (scrutiny_groups.c), schools (scrutiny_schools.c), movements from the
 * per-pupil model (scrutiny_moves.c), secondary suppression (scrutiny_mask.c) and the PDF
 * through headless Chromium (scrutiny_pdf.c). */
#ifndef ONROLL_SCRUTINY_INTERNAL_H
#define ONROLL_SCRUTINY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/columns.h"
#include "onroll/report.h"
#include "onroll/sb.h"
#include "onroll/scrutiny.h"
#include "onroll/stats.h"
#include "onroll/store.h"

/* ---- one report being written ---- */

/* The headline measures: counts and their rates. */
enum { H_HEAD, H_SUSP, H_SUSP_RATE, H_ONE, H_ONE_RATE, H_PERM, H_PERM_RATE, H__N };
#define MAX_YEARS 3 /* the report's year and the two before it */

/* Commentary, by topic: sentences of plain text (escaped when written). */
enum { T_OVERALL, T_DISP, T_CHECKED, T_INTERSECT, T_SCHOOLS, T_MOVES, T_POINTS, T__N };
/* T_POINTS: the main points, a few sentences the summary leads with (not in the commentary) */
#define MAX_SENTENCES 32

/* An LA's totals of the year, for the ratios quoted in words. */
typedef struct {
    const char *code;
    or_group_cell cell;
} la_total;

typedef struct {
    or_store *s;
    const or_columns *c;
    const or_scrutiny_opts *o;
    or_arena *a;
    or_sb *h;      /* the document */
    int thr;       /* suppression threshold (0: unsuppressed) */
    char year[16]; /* "2025/26" */
    /* headline: the years ay - 2 .. ay that are in the model, as published (ht) */
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
    or_date today;         /* of the report ($SOURCE_DATE_EPOCH when set: reproducible) */
    const char *la_name;   /* settings.h la.name; NULL when it is not set */
    size_t points_at;      /* where in the summary the main points go (written last) */
    bool words_written;    /* the LA has written its own section (scrutiny_actions.c) */
    or_scrutiny_warn warn; /* scr_warn's (NULL: nobody told) */
    void *warn_ctx;
    /* commentary */
    const char *say[T__N][MAX_SENTENCES];
    int nsay[T__N];
    const char *lead[T__N]; /* a topic's opening sentence, a paragraph before its list */
} scr;

/* Tell whoever generates the report of an input it had to do without (scrutiny.h warn):
 * never written into the document (scrutiny.c). */
void scr_warn(scr *x, const char *message);

/* ---- findings on groups of pupils (scrutiny_findings.c) ---- */

/* One group's risk ratio (one outcome) as the commentary may quote it. */
typedef struct {
    const char *phrase; /* "Black Caribbean pupils" */
    const char *text;   /* the sentence, from the published cells */
    bool shown;         /* the table publishes a ratio (not c, not z) */
    bool suppressed;    /* the table shows c */
    bool significant;   /* its 95% CI excludes 1 */
    double ratio;       /* when shown */
    int64_t children;   /* pupils of the group with the outcome (0 when suppressed) */
    bool perm;          /* permanent exclusion (else suspended at least once) */
    bool leads;         /* may lead the commentary (scr_group_may_lead of every dimension) */
    int table, ndims;   /* which table (scrutiny_groups.c), its dimensions not a Total */
} scr_finding;

/* qsort order, strongest evidence first: published before not; CI excluding 1 before not;
 * then |ln ratio| larger first; then more children; then the phrase. */
int scr_finding_cmp(const void *a, const void *b);
/* Whether a group (one dimension's code) may lead the commentary: not an unrecorded value nor
 * the complement of a named group (no SEN, FSM 0, not looked after, no social worker). */
bool scr_group_may_lead(or_dim d, const char *code);

/* ---- helpers (scrutiny_kit.c, below every other scrutiny file) ---- */

/* Add a sentence (plain text) to the commentary on a topic. */
void scr_say(scr *x, int topic, const char *sentence);
/* A published cell as a number: false for "c", "z", "x", "" and anything not a number. */
bool scr_num(const char *s, double *v);
/* Thousands separators for a cell of digits ("7962" -> "7,962"); anything else unchanged.
 * Always a copy in the arena. */
const char *scr_commas(or_arena *a, const char *s);
/* The cell of column `name` in row r, or NULL when the table has no such column. */
const char *scr_cell(const or_table *t, int r, const char *name);
/* A table of our own, grown in the arena: begin, then a row at a time (cells "" until set). */
typedef struct {
    or_table *t;
    or_arena *a;
    int cap;
} scr_tb;
void scr_tb_begin(scr_tb *b, or_table *t, or_arena *a, const char *title, int ncols,
                  const char *const *heads, const bool *numeric);
const char **scr_tb_row(scr_tb *b);
/* A table (or_table_html) in a focusable, labelled region that scrolls on narrow screens. */
void scr_table_out(scr *x, const or_table *t);
/* <section aria-labelledby><h2 id> ... </section> */
void scr_section_begin(scr *x, const char *id, const char *heading);
void scr_section_end(scr *x);
/* "A, B and C" */
const char *scr_names_list(scr *x, const char *const *names, int n);
/* The options of report.h's tables for this report (its year and suppression). */
or_report_opts scr_report_opts(const scr *x);

/* ---- sections ---- */

or_code scr_write_rates(scr *x, or_error *err);   /* scrutiny_groups.c */
or_code scr_write_disp(scr *x, or_error *err);    /* scrutiny_groups.c */
or_code scr_write_schools(scr *x, or_error *err); /* scrutiny_schools.c */
or_code scr_write_moves(scr *x, or_error *err);   /* scrutiny_moves.c */
void scr_write_bench(scr *x); /* scrutiny_bench.c: England, the region, the neighbours */
or_code scr_write_actions(scr *x, or_error *err); /* scrutiny_actions.c */
/* Warn when academic year ay has no words of the LA's (scrutiny_actions.c). */
or_code scr_actions_missing(or_store *s, int ay, or_scrutiny_warn warn, void *ctx, or_error *err);
or_code scr_write_reu(scr *x, or_error *err);     /* scrutiny_reu.c */
or_code scr_write_offroll(scr *x, or_error *err); /* scrutiny_offroll.c */

/* ---- secondary suppression (scrutiny_mask.c) ----
 *
 * or_report_disproportionality and or_report_schools hide small counts (primary suppression),
 * but their groups add up to totals the report publishes elsewhere (the LA's headline, the
 * rates by characteristic, the margins of an intersection, an ethnicity's major group), so a
 * lone "c" in a line could be worked out by subtraction. scr_mask_secondary counts the same
 * groups again, suppresses them with their totals shown (or_suppress_list / or_suppress_table,
 * per LA; ethnicities also within their major groups) and turns every cell of the table built
 * on a suppressed count into "c". */

enum { MS_HEAD, MS_SUSP, MS_ONE, MS_PERM, MS__N }; /* headcount, suspensions, one-plus, perm */

/* Table t's rows are keyed by la_code and, for each of dims[0..nd) (nd 1 or 2), the column
 * names[i]; hide[m] = the columns that measure m's suppression hides (NULL-terminated; a
 * suppressed headcount hides them all). Nothing to do when the report is unsuppressed. */
or_code scr_mask_secondary(scr *x, or_table *t, int nd, const or_dim *dims,
                           const char *const *names, const char *const *const hide[MS__N],
                           or_error *err);
/* Set row r's cells of the columns named in cols (NULL-terminated) to "c". */
void scr_hide_cells(or_table *t, int r, const char *const *cols);

/* ---- movements (scrutiny_moves.c) ---- */

/* The pupil movements counted (PRODUCT.md "Collect"), in column order. */
enum {
    SCR_MV_MANAGED,
    SCR_MV_OFF_SITE,
    SCR_MV_AP,
    SCR_MV_EHE,
    SCR_MV_CME,
    SCR_MV_UNEXPLAINED,
    SCR_MV__N
};
/* The breakdowns, in table order. */
enum { SCR_BY_SEX, SCR_BY_AGE, SCR_BY_ETHNICITY, SCR_BY_SEN, SCR_BY_SCHOOL, SCR_BY__N };

typedef struct {
    or_table tables[SCR_BY__N]; /* one per breakdown; last row "Total" */
    /* The LA's total of each movement and of all of them (index SCR_MV__N), and their
     * published text (from the first table: "c" when suppressed there). */
    int64_t total[SCR_MV__N + 1];
    const char *total_text[SCR_MV__N + 1];
} scr_moves;

/* "Managed moves", "Off-site directions", ... (table headings) and "managed moves", ... (in a
 * sentence). */
const char *scr_move_heading(int mv);
const char *scr_move_phrase(int mv);

/* Count the movements of academic year ay (events starting in it) by the characteristics in
 * force on each event's date and by the school, with suppression at threshold (0: none). */
or_code scr_moves_build(or_store *s, int ay, int threshold, or_arena *a, scr_moves *out,
                        or_error *err);

/* ---- schools against their own kind (scrutiny_peers.c) ---- */

/* The peer groups a school is judged in: phases of the model taken together. */
enum { SCR_PG_PRIMARY, SCR_PG_SECONDARY, SCR_PG_SPECIAL, SCR_PG_AP, SCR_PG__N };
typedef struct {
    const char *id;      /* "primary": the charts' ids */
    const char *heading; /* "Primary schools" */
    const char *name;    /* "Primary": the table's column */
    const char *peers;   /* "primary and nursery schools": in a sentence */
} scr_peer_kind;
const scr_peer_kind *scr_peer_kind_of(int g); /* NULL outside 0 .. SCR_PG__N - 1 */
int scr_peer_group_of(const char *phase);     /* the model's phase code; -1: none */

typedef struct {
    const char *la; /* the LA's code */
    int kind;       /* SCR_PG_* */
    int64_t n, x;   /* pupils on census day and those suspended at least once, of its schools
                       (x also of its schools with no pupils on census day) */
    int nschools;   /* with pupils */
    double p;       /* x / n: the rate its schools are judged against */
    bool hidden;    /* its rate is not published (small, or no pupils): no funnel */
} scr_peer_group;

typedef struct {
    int row;           /* the school's row in the schools table */
    int group_at;      /* index in groups[]; -1: phase not known (not judged) */
    const char *phase; /* the model's phase, in words */
    int64_t n, x;      /* pupils on census day, pupils suspended at least once */
    bool hidden;       /* its one-plus rate is not published */
    bool judged;       /* against its group: fl and cls are set */
    or_funnel fl;
    or_funnel_class cls;
} scr_peer_school;

typedef struct {
    int nschools, ngroups;
    scr_peer_school *schools; /* [nschools]: one per row of the table, in its order */
    scr_peer_group *groups;   /* [ngroups]: LA by LA, SCR_PG__N each */
} scr_peers;

/* The peer groups of table t's schools (or_report_schools after scr_mask_secondary), in the
 * arena. A school's one-plus count hidden here is not hidden in t: the caller hides it. */
or_code scr_peers_build(scr *x, or_table *t, scr_peers *out, or_error *err);

/* The concentration curve of suspensions over the schools, highest rate first, as a chart and
 * a table (scrutiny_concentration.c); t is the published schools table. */
void scr_write_concentration(scr *x, const or_table *t, const scr_peers *pp);

/* ---- PDF (scrutiny_pdf.c) ---- */

/* Render html (len bytes) to a PDF at path with headless Chromium. */
or_code scr_pdf_render(const char *html, size_t len, const char *path, or_error *err);
/* The same for the scrutiny report: its contents list shown in print, "Page N of M" at the
 * foot of every page. */
or_code scr_pdf_render_report(const char *html, size_t len, const char *path, or_error *err);

#endif
