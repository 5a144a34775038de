/* offroll.c - off-rolling signals per school (offroll.h): one pass over the pupils, a row per
 * school they were on the roll of in the year, the LA's totals, each school's funnel class
 * against the LA's rate; then the published table with small numbers suppressed. */
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/columns.h"
#include "onroll/offroll.h"
#include "onroll/yeargroup.h"

static const char *const keys[OR_OFF__N] = {"unexplained", "ehe",      "y10_y11",
                                            "exit_sen",    "exit_fsm", "exit_cla"};
static const char *const headings[OR_OFF__N] = {"Unexplained exits",
                                                "Moves to elective home education",
                                                "Left between Year 10 and Year 11",
                                                "In-year exits, special educational needs",
                                                "In-year exits, free school meals",
                                                "In-year exits, looked after"};

const char *or_offroll_key(int m)
{
    return m >= 0 && m < OR_OFF__N ? keys[m] : "";
}

const char *or_offroll_heading(int m)
{
    return m >= 0 && m < OR_OFF__N ? headings[m] : "";
}

typedef struct {
    or_arena *a;
    or_off_row *rows;
    size_t n, cap;
} rows_t;

int or_offroll_peers(const char *phase)
{
    static const char *const kinds[][2] = {{"primary", "nursery"},
                                           {"secondary", "all-through"},
                                           {"special", "special"},
                                           {"pru", "ap"}};
    for (int k = 0; phase && k < 4; k++)
        if (!strcmp(phase, kinds[k][0]) || !strcmp(phase, kinds[k][1]))
            return k;
    return 4;
}

const char *or_offroll_peers_words(int k)
{
    static const char *const words[5] = {"primary schools", "secondary schools", "special schools",
                                         "pupil referral units and alternative provision",
                                         "other schools"};
    return k >= 0 && k < 5 ? words[k] : "";
}

static or_off_row *row_of(rows_t *s, int urn, const or_school_info *sc)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->rows[i].urn == urn)
            return &s->rows[i];
    OR_ARENA_GROW(s->a, s->rows, s->n + 1, s->cap);
    or_off_row *r = &s->rows[s->n++];
    memset(r, 0, sizeof *r);
    r->urn = urn;
    r->school = or_arena_strdup(s->a, sc && sc->name ? sc->name : "");
    r->phase = or_arena_strdup(s->a, sc && sc->phase ? sc->phase : "");
    return r;
}

/* On urn's roll on day d: a main or dual registration in force that no exit has ended. */
static bool on_roll_at(const or_pupil_facts *f, int urn, or_date d)
{
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        const or_fact_event *exit;
        if (e->urn == urn && e->reg_type != 's' && e->start <= d &&
            (e->end == OR_DATE_NONE || e->end >= d) &&
            or_facts_left_school(f, urn, d, &exit) == OR_DATE_NONE)
            return true;
    }
    return false;
}

/* The pupil's exits from urn dated in [from, to], in one pass: any, unexplained, to EHE. */
static void exits_of(const or_pupil_facts *f, int urn, or_date from, or_date to, bool *any,
                     bool *unexplained, bool *ehe)
{
    *any = *unexplained = *ehe = false;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->urn != urn || e->start < from || e->start > to || !or_event_is_exit(e->kind))
            continue;
        *any = true;
        *unexplained = *unexplained || e->kind == OR_EV_UNEXPLAINED_EXIT;
        *ehe = *ehe || e->kind == OR_EV_EHE;
    }
}

static void add(or_off_row *r, or_off_row *la, int m, bool in, bool hit)
{
    if (!in)
        return;
    r->m[m].n++;
    la->m[m].n++;
    r->m[m].x += hit;
    la->m[m].x += hit;
}

/* The schools a pupil was on the roll of in [from, to], each once. */
static int schools_of(const or_pupil_facts *f, or_date from, or_date to, int *urns, int max)
{
    int n = 0;
    for (int i = 0; i < f->nenrols + f->nevents; i++) {
        int urn = 0;
        if (i < f->nenrols) {
            const or_fact_enrolment *e = &f->enrols[i];
            if (e->reg_type != 's' && e->start <= to && (e->end == OR_DATE_NONE || e->end >= from))
                urn = e->urn;
        } else {
            const or_fact_event *e = &f->events[i - f->nenrols];
            if (or_event_is_exit(e->kind) && e->start >= from && e->start <= to)
                urn = e->urn;
        }
        bool seen = !urn;
        for (int k = 0; k < n && !seen; k++)
            seen = urns[k] == urn;
        if (!seen && n < max)
            urns[n++] = urn;
    }
    return n;
}

static int by_urn(const void *p, const void *q)
{
    const or_off_row *x = p, *y = q;
    return (x->urn > y->urn) - (x->urn < y->urn);
}

or_code or_offroll_build(const or_pupil_facts *const *pupils, int n, int ay, or_arena *a,
                         or_offroll *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (ay <= OR_DATE_MIN_YEAR || ay >= OR_DATE_MAX_YEAR)
        return or_fail(err, OR_EUSAGE, "offroll.c: academic year %d is out of range", ay);
    out->ay = ay;
    or_date from = or_date_academic_year_start(ay), to = or_date_academic_year_start(ay + 1) - 1;
    or_date c0 = or_census_day(ay - 1), c1 = or_census_day(ay);
    rows_t s = {.a = a};
    or_off_row la = {.urn = 0, .school = "All schools", .phase = ""};
    for (int p = 0; p < n; p++) {
        const or_pupil_facts *f = pupils[p];
        int urns[32];
        int ns = schools_of(f, from, to, urns, 32);
        const or_fact_snapshot *sn = or_facts_snapshot_on(f, c1);
        bool sen = sn && (sn->sen == 'K' || sn->sen == 'E');
        bool fsm = sn && sn->fsm == 1, cla = sn && sn->cla == 1;
        for (int k = 0; k < ns; k++) {
            int urn = urns[k];
            const or_school_info *sc = f->school ? f->school(f->school_ctx, urn) : NULL;
            or_off_row *r = row_of(&s, urn, sc);
            r->roll++;
            la.roll++;
            bool left, unexplained, ehe;
            exits_of(f, urn, from, to, &left, &unexplained, &ehe);
            add(r, &la, OR_OFF_UNEXPLAINED, true, unexplained);
            add(r, &la, OR_OFF_EHE, true, ehe);
            add(r, &la, OR_OFF_EXIT_SEN, sen, left);
            add(r, &la, OR_OFF_EXIT_FSM, fsm, left);
            add(r, &la, OR_OFF_EXIT_CLA, cla, left);
        }
        /* Year 10 on the census day of the year before, at whichever school */
        if (or_facts_year_group(f, c0) == 10)
            for (int i = 0; i < f->nenrols; i++) {
                int urn = f->enrols[i].urn;
                bool dup = false;
                for (int j = 0; j < i; j++)
                    dup = dup || f->enrols[j].urn == urn;
                if (dup || !on_roll_at(f, urn, c0))
                    continue;
                const or_school_info *sc = f->school ? f->school(f->school_ctx, urn) : NULL;
                or_off_row *r = row_of(&s, urn, sc);
                add(r, &la, OR_OFF_Y10_Y11, true, !on_roll_at(f, urn, c1));
            }
    }
    if (s.n > 1)
        qsort(s.rows, s.n, sizeof *s.rows, by_urn);
    /* the rates of each kind of school: a school is judged against its peers */
    int64_t(*px)[OR_OFF__N] = out->peer_x, (*pn)[OR_OFF__N] = out->peer_n;
    for (size_t i = 0; i < s.n; i++)
        for (int m = 0; m < OR_OFF__N; m++) {
            px[or_offroll_peers(s.rows[i].phase)][m] += s.rows[i].m[m].x;
            pn[or_offroll_peers(s.rows[i].phase)][m] += s.rows[i].m[m].n;
        }
    out->rows = or_arena_calloc(a, s.n + 1, sizeof *out->rows);
    for (size_t i = 0; i < s.n; i++) {
        or_off_row *r = &s.rows[i];
        int k = or_offroll_peers(r->phase);
        for (int m = 0; m < OR_OFF__N; m++) {
            or_off_cell *c = &r->m[m];
            if (c->n <= 0 || pn[k][m] <= 0)
                continue;
            double p = (double)px[k][m] / (double)pn[k][m];
            or_error e = {0};
            c->classed = !or_funnel_classify(c->x, c->n, p, &c->cls, &e);
            if (c->classed && c->cls == OR_FUNNEL_CONCERN)
                r->concern = true;
        }
        out->nconcern += r->concern;
        out->rows[i] = *r;
    }
    out->rows[s.n] = la;
    out->n = (int)s.n + 1;
    return OR_OK;
}

or_code or_offroll_from_model(const or_model *m, int ay, or_arena *a, or_offroll *out,
                              or_error *err)
{
    int n = or_model_npupils(m);
    const or_pupil_facts **all = or_arena_calloc(a, (size_t)(n ? n : 1), sizeof *all);
    for (int i = 0; i < n; i++)
        all[i] = or_model_pupil(m, i);
    return or_offroll_build(all, n, ay, a, out, err);
}

/* ---- the published table ---- */

enum { FIRST = 4, PER = 4 }; /* time_period, school, urn, roll; then 4 columns per measure */

or_code or_offroll_table(const or_offroll *o, int threshold, bool only_concern, or_arena *a,
                         or_table *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    int ns = o->n - 1, ncols = FIRST + PER * OR_OFF__N + 1;
    /* flags per column of counts: roll, then x and n of each measure; each n + 1 long */
    int nlists = 1 + 2 * OR_OFF__N;
    uint8_t *flags = or_arena_calloc(a, (size_t)nlists * (size_t)(ns + 1), 1);
    int64_t *col = or_arena_calloc(a, (size_t)(ns ? ns : 1), sizeof *col);
    for (int l = 0; l < nlists; l++) {
        uint8_t *fl = &flags[(size_t)l * (size_t)(ns + 1)];
        for (int i = 0; i <= ns; i++) {
            const or_off_row *r = &o->rows[i];
            int64_t v = !l ? r->roll : (l - 1) % 2 ? r->m[(l - 1) / 2].n : r->m[(l - 1) / 2].x;
            if (i < ns)
                col[i] = v;
            else if (!ns && threshold > 0)
                fl[0] = v > 0 && v <= threshold ? OR_SUP_PRIMARY : OR_SUP_NONE;
        }
        if (ns) {
            or_code rc = or_suppress_list(col, ns, true, threshold, fl, err);
            if (rc)
                return rc;
        }
    }
    const char **cols = or_arena_calloc(a, (size_t)ncols, sizeof *cols);
    bool *numeric = or_arena_calloc(a, (size_t)ncols, sizeof *numeric);
    cols[0] = "time_period";
    cols[1] = "school";
    cols[2] = "urn";
    cols[3] = "roll";
    numeric[3] = true;
    for (int m = 0; m < OR_OFF__N; m++) {
        int c = FIRST + PER * m;
        cols[c] = keys[m];
        cols[c + 1] = or_arena_printf(a, "%s_of", keys[m]);
        cols[c + 2] = or_arena_printf(a, "%s_pct", keys[m]);
        cols[c + 3] = or_arena_printf(a, "%s_funnel", keys[m]);
        numeric[c] = numeric[c + 1] = numeric[c + 2] = true;
    }
    cols[ncols - 1] = "concern";
    out->title =
        or_arena_printf(a, "Off-rolling signals by school, %d/%02d", o->ay, (o->ay + 1) % 100);
    out->ncols = ncols;
    out->cols = cols;
    out->numeric = numeric;
    const char **cells = or_arena_calloc(a, (size_t)ncols * (size_t)o->n, sizeof *cells);
    int nr = 0;
    for (int i = 0; i < o->n; i++) {
        const or_off_row *r = &o->rows[i];
        if (only_concern && r->urn && !r->concern)
            continue;
        const char **row = &cells[(size_t)nr++ * (size_t)ncols];
        size_t at = (size_t)(i < ns ? i : ns);
#define FLAG(l) flags[(size_t)(l) * (size_t)(ns + 1) + at]
        char buf[32];
        row[0] = or_arena_printf(a, "%d", or_time_period(o->ay));
        row[1] = r->school ? r->school : "";
        row[2] = r->urn ? or_arena_printf(a, "%d", r->urn) : "";
        or_cell_count(r->roll, FLAG(0), buf, sizeof buf);
        row[3] = or_arena_strdup(a, buf);
        bool hidden = false;
        for (int m = 0; m < OR_OFF__N; m++) {
            int c = FIRST + PER * m;
            const or_off_cell *x = &r->m[m];
            uint8_t fx = FLAG(1 + 2 * m), fn = FLAG(2 + 2 * m);
            or_cell_count(x->x, fx, buf, sizeof buf);
            row[c] = or_arena_strdup(a, buf);
            or_cell_count(x->n, fn, buf, sizeof buf);
            row[c + 1] = or_arena_strdup(a, buf);
            or_cell_rate(x->x, fx, x->n, fn, buf, sizeof buf);
            row[c + 2] = or_arena_strdup(a, buf);
            row[c + 3] = !r->urn || !x->classed ? (r->urn ? "z" : "")
                         : fx || fn             ? "c"
                                                : or_funnel_class_name(x->cls);
            hidden = hidden || fx || fn;
        }
        /* a school of concern is named as such even where its counts are hidden: the LA
         * challenges it; the published report says only that some school was */
        row[ncols - 1] = r->concern ? (hidden && threshold ? "c" : "yes") : "";
#undef FLAG
    }
    out->nrows = nr;
    out->cells = cells;
    return OR_OK;
}

or_code or_offroll_summary(const or_offroll *o, int threshold, bool schools, or_arena *a,
                           or_table *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    static const char *const hd[] = {"measure", "la_pupils",     "la_of",
                                     "la_pct",  "schools_watch", "schools_concern"};
    const char **cols = or_arena_calloc(a, 6, sizeof *cols);
    bool *numeric = or_arena_calloc(a, 6, sizeof *numeric);
    memcpy(cols, hd, sizeof hd);
    for (int c = 1; c < 6; c++)
        numeric[c] = true;
    const char **cells = or_arena_calloc(a, 6 * OR_OFF__N, sizeof *cells);
    const or_off_row *la = &o->rows[o->n - 1];
    for (int m = 0; m < OR_OFF__N; m++) {
        const char **row = &cells[6 * m];
        int64_t counts[2] = {la->m[m].x, la->m[m].n};
        uint8_t fl[2];
        for (int k = 0; k < 2; k++)
            fl[k] = threshold > 0 && counts[k] > 0 && counts[k] <= threshold ? OR_SUP_PRIMARY
                                                                             : OR_SUP_NONE;
        char buf[32];
        row[0] = headings[m];
        or_cell_count(counts[0], fl[0], buf, sizeof buf);
        row[1] = or_arena_strdup(a, buf);
        or_cell_count(counts[1], fl[1], buf, sizeof buf);
        row[2] = or_arena_strdup(a, buf);
        or_cell_rate(counts[0], fl[0], counts[1], fl[1], buf, sizeof buf);
        row[3] = or_arena_strdup(a, buf);
        int64_t watch = 0, concern = 0;
        for (int i = 0; i + 1 < o->n; i++) {
            const or_off_cell *c = &o->rows[i].m[m];
            watch += c->classed && c->cls == OR_FUNNEL_WATCH;
            concern += c->classed && c->cls == OR_FUNNEL_CONCERN;
        }
        row[4] = or_arena_printf(a, "%lld", (long long)watch);
        row[5] = or_arena_printf(a, "%lld", (long long)concern);
    }
    (void)err;
    out->title = or_arena_printf(a, "Off-rolling signals in the local authority, %d/%02d", o->ay,
                                 (o->ay + 1) % 100);
    out->ncols = 6;
    out->nrows = OR_OFF__N;
    if (!schools) { /* the first four columns of each row */
        for (int m = 0; m < OR_OFF__N; m++)
            for (int c = 0; c < 4; c++)
                cells[4 * m + c] = cells[6 * m + c];
        out->ncols = 4;
    }
    out->cols = cols;
    out->numeric = numeric;
    out->cells = cells;
    return OR_OK;
}

void or_offroll_screen(const or_table *t, or_arena *a, or_table *out)
{
    memset(out, 0, sizeof *out);
    int ncols = 2 + OR_OFF__N;
    const char **cols = or_arena_calloc(a, (size_t)ncols, sizeof *cols);
    bool *numeric = or_arena_calloc(a, (size_t)ncols, sizeof *numeric);
    const char **cells =
        or_arena_calloc(a, (size_t)ncols * (size_t)(t->nrows ? t->nrows : 1), sizeof *cells);
    cols[0] = "school";
    cols[1] = "roll";
    numeric[1] = true;
    for (int m = 0; m < OR_OFF__N; m++) {
        cols[2 + m] = or_arena_printf(a, "%s_pct", keys[m]);
        numeric[2 + m] = true;
    }
    for (int i = 0; i < t->nrows; i++) {
        const char *const *in = &t->cells[(size_t)i * (size_t)t->ncols];
        const char **row = &cells[(size_t)i * (size_t)ncols];
        row[0] = in[1];
        row[1] = in[3];
        for (int m = 0; m < OR_OFF__N; m++) {
            const char *pct = in[FIRST + PER * m + 2], *cls = in[FIRST + PER * m + 3];
            row[2 + m] = *cls && strcmp(cls, "within") && strcmp(cls, "z") && strcmp(cls, "c")
                             ? or_arena_printf(a, "%s, %s", pct, cls)
                             : pct;
        }
    }
    out->title = t->title;
    out->ncols = ncols;
    out->nrows = t->nrows;
    out->cols = cols;
    out->numeric = numeric;
    out->cells = cells;
}
