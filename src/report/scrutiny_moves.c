/* scrutiny_moves.c - the movements section of the scrutiny report: managed moves, off-site
 * directions, AP placements, elective home education, children missing education and
 * unexplained exits in the academic year, by sex, age, ethnic group, SEN and school.
 *
 * The columnar model holds only exclusions, so this reads the per-pupil model (model.h): each
 * event of those kinds that starts in the year counts once, under the characteristics of the
 * pupil's snapshot in force on the event's date and the school that recorded it. Each table
 * (groups x movements, with row and column totals) is suppressed with or_suppress_table. */
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/codes.h"
#include "onroll/model.h"
#include "onroll/stats.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

static const or_event_kind move_kind[SCR_MV__N] = {
    OR_EV_MANAGED_MOVE, OR_EV_OFF_SITE, OR_EV_AP_PLACEMENT,
    OR_EV_EHE,          OR_EV_CME,      OR_EV_UNEXPLAINED_EXIT,
};
static const char *const move_heading[SCR_MV__N] = {
    "Managed moves",           "Off-site directions",        "AP placements",
    "Elective home education", "Children missing education", "Unexplained exits",
};
static const char *const move_phrase[SCR_MV__N] = {
    "managed moves",
    "off-site directions",
    "placements in alternative provision",
    "moves to elective home education",
    "children reported missing education",
    "unexplained exits from a school roll",
};

const char *scr_move_heading(int mv)
{
    return mv >= 0 && mv < SCR_MV__N ? move_heading[mv] : "All movements";
}

const char *scr_move_phrase(int mv)
{
    return mv >= 0 && mv < SCR_MV__N ? move_phrase[mv] : "movements";
}

/* One group of a breakdown: its key, label, sort rank and counts. */
typedef struct {
    const char *key, *label;
    int rank;
    int64_t n[SCR_MV__N];
} group;

typedef struct {
    group *g;
    int n, cap;
} groups;

static group *group_of(groups *gs, const char *key, const char *label, int rank)
{
    for (int i = 0; i < gs->n; i++)
        if (!strcmp(gs->g[i].key, key))
            return &gs->g[i];
    OR_ALLOC_GROW(gs->g, gs->n + 1, gs->cap);
    group *g = &gs->g[gs->n++];
    memset(g, 0, sizeof *g);
    g->key = key;
    g->label = label;
    g->rank = rank;
    return g;
}

static int by_rank(const void *p, const void *q)
{
    const group *x = p, *y = q;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return strcmp(x->label, y->label);
}

/* The group keys of one event under each breakdown (strings in the arena or static). */
static void keys_of(const or_model *m, const or_fact_snapshot *sn, const or_fact_event *e, int ay,
                    or_arena *a, const char *key[SCR_BY__N], const char *label[SCR_BY__N],
                    int rank[SCR_BY__N])
{
    /* sex */
    char sex = sn ? sn->sex : 0;
    key[SCR_BY_SEX] = sex == 'M' ? "M" : sex == 'F' ? "F" : "x";
    label[SCR_BY_SEX] = sex == 'M' ? "Male" : sex == 'F' ? "Female" : "Not recorded";
    rank[SCR_BY_SEX] = sex == 'M' ? 0 : sex == 'F' ? 1 : 2;
    /* age on 31 August of the year (as the columnar model: year of birth, September on
     * counting with the next year), 2 and under to 19 and over */
    if (sn && sn->dob != OR_DATE_NONE) {
        int y, mo, d;
        or_date_to_ymd(sn->dob, &y, &mo, &d);
        int age = ay - (y + (mo >= 9));
        age = age < 2 ? 2 : age > 19 ? 19 : age;
        key[SCR_BY_AGE] = or_arena_printf(a, "%d", age);
        label[SCR_BY_AGE] = or_arena_printf(a, "Age %d%s", age,
                                            age == 2    ? " and under"
                                            : age == 19 ? " and over"
                                                        : "");
        rank[SCR_BY_AGE] = age;
    } else {
        key[SCR_BY_AGE] = "x";
        label[SCR_BY_AGE] = "Not recorded";
        rank[SCR_BY_AGE] = 99;
    }
    /* ethnic group: the major group of the recorded code, in the code list's order */
    key[SCR_BY_ETHNICITY] = "x";
    label[SCR_BY_ETHNICITY] = "Not recorded";
    rank[SCR_BY_ETHNICITY] = 9999;
    const or_code_entry *eth =
        sn && sn->ethnicity ? or_code_find(OR_CS_ETHNICITY, sn->ethnicity, OR_DATE_NONE) : NULL;
    if (eth && eth->major) {
        key[SCR_BY_ETHNICITY] = eth->major;
        label[SCR_BY_ETHNICITY] = eth->major_description ? eth->major_description : eth->major;
        size_t n = or_codeset_size(OR_CS_ETHNICITY);
        for (size_t i = 0; i < n; i++) {
            const or_code_entry *x = or_codeset_at(OR_CS_ETHNICITY, i);
            if (x->major && !strcmp(x->major, eth->major)) {
                rank[SCR_BY_ETHNICITY] = (int)i;
                break;
            }
        }
    }
    /* SEN provision */
    char sen = sn ? sn->sen : 'N';
    key[SCR_BY_SEN] = sen == 'K' ? "K" : sen == 'E' ? "E" : "N";
    label[SCR_BY_SEN] = sen == 'K'   ? "SEN support"
                        : sen == 'E' ? "Education, health and care plan"
                                     : "No special educational need";
    rank[SCR_BY_SEN] = sen == 'K' ? 1 : sen == 'E' ? 2 : 0;
    /* school that recorded it */
    const or_school_info *sc = or_model_school(m, e->urn);
    key[SCR_BY_SCHOOL] = or_arena_printf(a, "%d", e->urn);
    label[SCR_BY_SCHOOL] = sc && sc->name ? or_arena_printf(a, "%s (%d)", sc->name, e->urn)
                                          : or_arena_printf(a, "School %d", e->urn);
    rank[SCR_BY_SCHOOL] = 0; /* by name */
}

static const char *const by_heading[SCR_BY__N] = {"Sex", "Age", "Ethnic group",
                                                  "Special educational needs", "School"};
static const char *const by_title[SCR_BY__N] = {"sex", "age", "ethnic group",
                                                "special educational needs", "school"};

/* One breakdown's table, suppressed (rows x movements with both margins). */
static or_code build_table(groups *gs, int by, int ay, int threshold, or_arena *a, or_table *t,
                           scr_moves *out, or_error *err)
{
    if (gs->n > 1)
        qsort(gs->g, (size_t)gs->n, sizeof *gs->g, by_rank);
    int rows = gs->n, cols = SCR_MV__N;
    int64_t *counts = calloc((size_t)(rows ? rows : 1) * (size_t)cols, sizeof *counts);
    uint8_t *flags = calloc(OR_SUP_NFLAGS(rows, cols), 1);
    if (!counts || !flags) {
        free(counts);
        free(flags);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            counts[i * cols + j] = gs->g[i].n[j];
    or_code rc = OR_OK;
    if (rows > 0)
        rc = or_suppress_table(counts, rows, cols, true, true, threshold, flags, err);
    if (rc) {
        free(counts);
        free(flags);
        return rc;
    }
    memset(t, 0, sizeof *t);
    t->title =
        or_arena_printf(a, "Pupil movements by %s, %d/%02d", by_title[by], ay, (ay + 1) % 100);
    t->ncols = cols + 2;
    t->nrows = rows + 1;
    const char **heads = or_arena_alloc(a, (size_t)t->ncols * sizeof *heads);
    bool *numeric = or_arena_calloc(a, (size_t)t->ncols, sizeof *numeric);
    heads[0] = by_heading[by];
    for (int j = 0; j < cols; j++) {
        heads[j + 1] = move_heading[j];
        numeric[j + 1] = true;
    }
    heads[cols + 1] = "All movements";
    numeric[cols + 1] = true;
    t->cols = heads;
    t->numeric = numeric;
    const char **cells = or_arena_alloc(a, (size_t)t->ncols * (size_t)t->nrows * sizeof *cells);
    int64_t coltot[SCR_MV__N + 1] = {0};
    for (int i = 0; i <= rows; i++) {
        const char **row = &cells[(size_t)i * (size_t)t->ncols];
        row[0] = i < rows ? gs->g[i].label : "Total";
        int64_t rowtot = 0;
        for (int j = 0; j <= cols; j++) {
            int64_t v;
            if (i < rows && j < cols)
                v = counts[i * cols + j];
            else if (i < rows) /* row total */
                v = rowtot;
            else /* column totals and the grand total */
                v = coltot[j];
            if (i < rows && j < cols) {
                rowtot += v;
                coltot[j] += v;
                coltot[cols] += v;
            }
            char buf[32];
            or_cell_count(v, rows ? flags[OR_SUP_AT(cols, i, j)] : 0, buf, sizeof buf);
            row[j + 1] = scr_commas(a, buf);
            if (i == rows && by == 0) {
                out->total[j] = v;
                out->total_text[j] = row[j + 1];
            }
        }
    }
    t->cells = cells;
    free(counts);
    free(flags);
    return OR_OK;
}

or_code scr_moves_build(or_store *s, int ay, int threshold, or_arena *a, scr_moves *out,
                        or_error *err)
{
    memset(out, 0, sizeof *out);
    or_model *m = NULL;
    or_code rc = or_model_load(s, NULL, &m, err);
    if (rc)
        return rc;
    groups gs[SCR_BY__N] = {0};
    int np = or_model_npupils(m);
    for (int i = 0; !rc && i < np; i++) {
        const or_pupil_facts *f = or_model_pupil(m, i);
        for (int k = 0; !rc && k < f->nevents; k++) {
            const or_fact_event *e = &f->events[k];
            int mv = -1;
            for (int j = 0; j < SCR_MV__N; j++)
                if (e->kind == move_kind[j])
                    mv = j;
            if (mv < 0 || e->start == OR_DATE_NONE || or_date_academic_year(e->start) != ay)
                continue;
            const char *key[SCR_BY__N], *label[SCR_BY__N];
            int rank[SCR_BY__N];
            keys_of(m, or_facts_snapshot_on(f, e->start), e, ay, a, key, label, rank);
            for (int by = 0; by < SCR_BY__N; by++) {
                group_of(&gs[by], key[by], label[by], rank[by])->n[mv]++;
            }
        }
    }
    /* the labels and keys live in the arena or in static tables, not in the model */
    for (int by = 0; !rc && by < SCR_BY__N; by++)
        rc = build_table(&gs[by], by, ay, threshold, a, &out->tables[by], out, err);
    for (int by = 0; by < SCR_BY__N; by++)
        free(gs[by].g);
    or_model_free(m);
    return rc;
}

/* ---- movements ---- */

or_code scr_write_moves(scr *x, or_error *err)
{
    scr_moves mv;
    or_code rc = scr_moves_build(x->s, x->o->ay, x->thr, x->a, &mv, err);
    if (rc)
        return rc;
    or_sb *h = x->h;
    scr_section_begin(x, "movements", "Pupil movements");
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
        scr_table_out(x, &mv.tables[by]);
    }
    scr_section_end(x);
    /* commentary */
    const char *shown[SCR_MV__N], *small[SCR_MV__N];
    int ns = 0, nsm = 0;
    for (int k = 0; k < SCR_MV__N; k++) {
        if (!strcmp(mv.total_text[k], "c"))
            small[nsm++] = scr_move_phrase(k);
        else if (!strcmp(mv.total_text[k], "0"))
            shown[ns++] = or_arena_printf(x->a, "no %s", scr_move_phrase(k));
        else
            shown[ns++] = or_arena_printf(x->a, "%s %s", mv.total_text[k], scr_move_phrase(k));
    }
    if (ns)
        scr_say(x, T_MOVES,
                or_arena_printf(x->a, "In %s schools recorded %s.", x->year,
                                scr_names_list(x, shown, ns)));
    if (nsm)
        scr_say(x, T_MOVES,
                or_arena_printf(x->a, "The numbers of %s are too small to publish.",
                                scr_names_list(x, small, nsm)));
    if (strcmp(mv.total_text[SCR_MV__N], "c"))
        scr_say(x, T_MOVES,
                or_arena_printf(x->a, "In all, %s movement%s out of school %s recorded.",
                                mv.total_text[SCR_MV__N], mv.total[SCR_MV__N] == 1 ? "" : "s",
                                mv.total[SCR_MV__N] == 1 ? "was" : "were"));
    return OR_OK;
}
