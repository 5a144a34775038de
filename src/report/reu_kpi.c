/* reu_kpi.c - the Re-engagement Unit's KPIs (reu_kpi.h): one pass over the pupils' REU
 * referrals of a year, a row per referring school and the LA's total, then the published table
 * with small numbers suppressed. */
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "onroll/excl.h"
#include "onroll/referrals.h"
#include "onroll/reu_kpi.h"
#include "onroll/stats.h"

/* A school's row while it is built: its response times too. */
typedef struct {
    or_reu_kpi_row r;
    int64_t *days;
    size_t ndays, cap;
} acc;

typedef struct {
    or_arena *a;
    acc *rows;
    size_t n, cap;
} accs;

static acc *acc_of(accs *s, int urn, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->rows[i].r.urn == urn)
            return &s->rows[i];
    OR_ARENA_GROW(s->a, s->rows, s->n + 1, s->cap);
    acc *x = &s->rows[s->n++];
    memset(x, 0, sizeof *x);
    x->r.urn = urn;
    x->r.school = or_arena_strdup(s->a, name ? name : "");
    return x;
}

/* d plus n calendar months, the day kept or the month's last (31 August + 6 = 28 February). */
static or_date add_months(or_date d, int n)
{
    int y, m, day;
    or_date_to_ymd(d, &y, &m, &day);
    m += n;
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    while (day > 28 && !or_date_valid_ymd(y, m, day))
        day--;
    return or_date_from_ymd(y, m, day);
}

/* On a school roll on day d: a main or dual registration in force that no exit has ended. */
static bool on_roll(const or_pupil_facts *f, or_date d)
{
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        const or_fact_event *exit;
        if (e->reg_type != 's' && e->start <= d && (e->end == OR_DATE_NONE || e->end >= d) &&
            or_facts_left_school(f, e->urn, d, &exit) == OR_DATE_NONE)
            return true;
    }
    return false;
}

/* A counted permanent exclusion starting in (from, to]. */
static bool excluded(const or_pupil_facts *f, or_date from, or_date to, or_date as_of)
{
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->kind == OR_EV_PERMANENT && e->start > from && e->start <= to &&
            or_excl_counts(f, e, as_of))
            return true;
    }
    return false;
}

static int64_t suspensions_in(const or_pupil_facts *f, or_date from, or_date to, or_date as_of)
{
    int64_t n = 0;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->kind == OR_EV_SUSPENSION && e->start >= from && e->start <= to &&
            or_excl_counts(f, e, as_of))
            n++;
    }
    return n;
}

/* The index of the term containing d, or of the last term that started before it (-1: none). */
static int term_at_or_before(const or_calendar *cal, or_date d)
{
    int t = -1;
    for (int i = 0; i < cal->nterms; i++)
        if (cal->term_start[i] <= d)
            t = i;
    return t;
}

/* The first update of referral r reaching a step of its route (the acceptance, or a later step
 * recorded without it), and the one reaching its last step, by the date. */
static void steps_of(const or_pupil_facts *f, const or_fact_event *r, const or_referral_flow *fl,
                     or_date as_of, const or_fact_event **first, const or_fact_event **last)
{
    *first = *last = NULL;
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *u = &f->events[i];
        if (u->kind != OR_EV_REFERRAL_UPDATE || u->urn != r->urn || !u->ref || !u->outcome ||
            strcmp(u->ref, r->event_id) || u->start > as_of)
            continue;
        if (or_referral_status_final(u->outcome))
            break; /* declined or closed: nothing after counts (or_referral_state_of) */
        for (int k = 0; k < fl->nsteps; k++)
            if (!strcmp(fl->steps[k].status, u->outcome)) {
                if (!*first)
                    *first = u;
                if (k == fl->nsteps - 1)
                    *last = u;
            }
        if (*last)
            break;
    }
}

static void add_referral(accs *s, acc *tot, const or_pupil_facts *f, const or_fact_event *r,
                         int deadline, or_date as_of)
{
    const or_school_info *sc = f->school ? f->school(f->school_ctx, r->urn) : NULL;
    const or_calendar *cal = sc ? sc->cal : NULL;
    acc *row = acc_of(s, r->urn, sc ? sc->name : NULL);
    acc *both[2] = {row, tot};
    or_referral_state st;
    if (!or_referral_state_of(f, r, as_of, &st))
        return;
    const or_fact_event *first, *exit;
    steps_of(f, r, st.flow, as_of, &first, &exit);
    int64_t days = -1;
    if (first && cal) {
        or_date on = or_cal_next_school_day(cal, first->start);
        if (on != OR_DATE_NONE)
            days = or_cal_school_days_between(cal, r->start + 1, on);
    }
    bool declined = !first && st.ended && or_referral_status_of(&st) == OR_REFERRAL_DECLINED;
    /* sustained and suspensions, from the exit */
    bool due[2] = {false, false}, kept[2] = {false, false};
    bool susp = false;
    int64_t before = 0, after = 0;
    if (exit) {
        static const int months[2] = {6, 12};
        for (int k = 0; k < 2; k++) {
            or_date on = add_months(exit->start, months[k]);
            if (on > as_of)
                continue;
            due[k] = true;
            kept[k] = on_roll(f, on) && !excluded(f, exit->start, on, as_of);
        }
        int t0 = cal ? term_at_or_before(cal, r->start) : -1;
        int t1 = cal ? term_at_or_before(cal, exit->start) : -1;
        if (t0 >= 1 && t1 >= 0 && t1 + 1 < cal->nterms && cal->term_end[t1 + 1] <= as_of) {
            susp = true;
            before = suspensions_in(f, cal->term_start[t0 - 1], cal->term_end[t0 - 1], as_of);
            after = suspensions_in(f, cal->term_start[t1 + 1], cal->term_end[t1 + 1], as_of);
        }
    }
    for (int i = 0; i < 2; i++) {
        acc *x = both[i];
        x->r.received++;
        x->r.accepted += first != NULL;
        x->r.declined += declined;
        if (days >= 0) {
            x->r.timed++;
            x->r.within += days <= deadline;
            OR_ARENA_GROW(s->a, x->days, x->ndays + 1, x->cap);
            x->days[x->ndays++] = days;
        }
        x->r.exited += exit != NULL;
        x->r.due6 += due[0];
        x->r.kept6 += kept[0];
        x->r.due12 += due[1];
        x->r.kept12 += kept[1];
        if (susp) {
            x->r.susp_n++;
            x->r.before += before;
            x->r.after += after;
        }
    }
}

static int cmp_i64(const void *p, const void *q)
{
    int64_t x = *(const int64_t *)p, y = *(const int64_t *)q;
    return (x > y) - (x < y);
}

static int by_urn(const void *p, const void *q)
{
    const acc *x = p, *y = q;
    return (x->r.urn > y->r.urn) - (x->r.urn < y->r.urn);
}

static void finish(acc *x)
{
    if (!x->ndays)
        return;
    qsort(x->days, x->ndays, sizeof *x->days, cmp_i64);
    size_t m = x->ndays / 2;
    x->r.median2 = x->ndays % 2 ? 2 * x->days[m] : x->days[m - 1] + x->days[m];
}

or_code or_reu_kpi_build(const or_pupil_facts *const *pupils, int n, int ay, or_date as_of,
                         or_arena *a, or_reu_kpi *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    if (ay < OR_DATE_MIN_YEAR || ay >= OR_DATE_MAX_YEAR)
        return or_fail(err, OR_EUSAGE, "reu_kpi.c: academic year %d is out of range", ay);
    const or_referral_flow *fl = or_referral_flow_find("reu");
    if (!fl || fl->nsteps < 1)
        return or_fail(err, OR_EUSAGE, "reu_kpi.c: no Re-engagement Unit route (referrals.c)");
    out->ay = ay;
    out->as_of = as_of;
    out->deadline = fl->steps[0].days;
    accs s = {.a = a};
    acc tot = {.r = {.urn = 0, .school = "All schools"}};
    for (int p = 0; p < n; p++) {
        const or_pupil_facts *f = pupils[p];
        for (int i = 0; i < f->nevents; i++) {
            const or_fact_event *r = &f->events[i];
            if (r->kind != OR_EV_REFERRAL || !r->to || strcmp(r->to, fl->service) ||
                r->start == OR_DATE_NONE || r->start > as_of ||
                or_date_academic_year(r->start) != ay)
                continue;
            add_referral(&s, &tot, f, r, out->deadline, as_of);
        }
    }
    if (s.n > 1)
        qsort(s.rows, s.n, sizeof *s.rows, by_urn);
    out->rows = or_arena_calloc(a, s.n + 1, sizeof *out->rows);
    for (size_t i = 0; i < s.n; i++) {
        finish(&s.rows[i]);
        out->rows[i] = s.rows[i].r;
    }
    finish(&tot);
    out->rows[s.n] = tot.r;
    out->n = (int)s.n + 1;
    return OR_OK;
}

or_code or_reu_kpi_from_model(const or_model *m, int ay, or_date as_of, or_arena *a,
                              or_reu_kpi *out, or_error *err)
{
    int n = or_model_npupils(m);
    const or_pupil_facts **all = or_arena_calloc(a, (size_t)(n ? n : 1), sizeof *all);
    for (int i = 0; i < n; i++)
        all[i] = or_model_pupil(m, i);
    return or_reu_kpi_build(all, n, ay, as_of, a, out, err);
}

/* ---- the published table ---- */

enum {
    C_PERIOD,
    C_SCHOOL,
    C_URN,
    C_RECEIVED,
    C_ACCEPTED,
    C_DECLINED,
    C_MEDIAN,
    C_WITHIN_PCT,
    C_EXITED,
    C_DUE6,
    C_KEPT6,
    C_KEPT6_PCT,
    C_DUE12,
    C_KEPT12,
    C_KEPT12_PCT,
    C_SUSP_N,
    C_BEFORE,
    C_AFTER,
    C_BEFORE_PP,
    C_AFTER_PP,
    C__N
};
static const char *const heads[C__N] = {
    "time_period",
    "school",
    "urn",
    "received",
    "accepted",
    "declined",
    "response_median_days",
    "response_within_pct",
    "exited",
    "sustained_6m_due",
    "sustained_6m",
    "sustained_6m_pct",
    "sustained_12m_due",
    "sustained_12m",
    "sustained_12m_pct",
    "susp_pupils",
    "susp_term_before",
    "susp_term_after",
    "susp_before_per_pupil",
    "susp_after_per_pupil",
};

/* The counts suppressed down their column (each against the LA's total). */
enum {
    K_RECEIVED,
    K_ACCEPTED,
    K_DECLINED,
    K_TIMED,
    K_WITHIN,
    K_EXITED,
    K_DUE6,
    K_KEPT6,
    K_DUE12,
    K_KEPT12,
    K_SUSP_N,
    K__N
};

static int64_t count_of(const or_reu_kpi_row *r, int k)
{
    switch (k) {
    case K_RECEIVED:
        return r->received;
    case K_ACCEPTED:
        return r->accepted;
    case K_DECLINED:
        return r->declined;
    case K_TIMED:
        return r->timed;
    case K_WITHIN:
        return r->within;
    case K_EXITED:
        return r->exited;
    case K_DUE6:
        return r->due6;
    case K_KEPT6:
        return r->kept6;
    case K_DUE12:
        return r->due12;
    case K_KEPT12:
        return r->kept12;
    default:
        return r->susp_n;
    }
}

static const char *num(or_arena *a, int64_t v, uint8_t flag)
{
    char buf[32];
    or_cell_count(v, flag, buf, sizeof buf);
    return or_arena_strdup(a, buf);
}

/* num / den per 100 (per = 100: a percentage) or per 1 (per = 1), at 2 d.p. */
static const char *rate(or_arena *a, int64_t n, uint8_t nf, int64_t d, uint8_t df, int per)
{
    char buf[32];
    or_cell_rate(n, nf, d * (per == 1 ? 100 : 1), df, buf, sizeof buf);
    return or_arena_strdup(a, buf);
}

/* Received is accepted + declined + waiting in every row: suppressed down each column alone,
 * a hidden declined could be worked out as received less accepted. So the three are suppressed
 * as one table (schools x accepted, declined, waiting) with its row totals (received) and column
 * totals (the LA's) shown, and their flags replace the columns' own. */
static or_code outcome_flags(const or_reu_kpi *k, int ns, int threshold, uint8_t *flags,
                             or_arena *a, or_error *err)
{
    enum { ACC, DEC, WAIT, N };
    int64_t *t = or_arena_calloc(a, (size_t)ns * N, sizeof *t);
    uint8_t *f = or_arena_calloc(a, OR_SUP_NFLAGS(ns, N), 1);
    if (!t || !f)
        return or_fail(err, OR_ENOMEM, "out of memory");
    for (int i = 0; i < ns; i++) {
        const or_reu_kpi_row *r = &k->rows[i];
        t[i * N + ACC] = r->accepted;
        t[i * N + DEC] = r->declined;
        t[i * N + WAIT] = r->received - r->accepted - r->declined;
    }
    or_code rc = or_suppress_table(t, ns, N, true, true, threshold, f, err);
    if (rc)
        return rc;
    static const int cols[] = {[ACC] = K_ACCEPTED, [DEC] = K_DECLINED};
    for (int i = 0; i <= ns; i++) {
        for (int j = ACC; j <= DEC; j++)
            flags[(size_t)cols[j] * (size_t)(ns + 1) + (size_t)i] = f[OR_SUP_AT(N, i, j)];
        flags[(size_t)K_RECEIVED * (size_t)(ns + 1) + (size_t)i] = f[OR_SUP_AT(N, i, N)];
    }
    return OR_OK;
}

or_code or_reu_kpi_table(const or_reu_kpi *k, int threshold, or_arena *a, or_table *out,
                         or_error *err)
{
    memset(out, 0, sizeof *out);
    int ns = k->n - 1; /* schools; the last row is the total */
    uint8_t *flags = or_arena_calloc(a, (size_t)K__N * (size_t)(ns + 1), 1);
    int64_t *col = or_arena_calloc(a, (size_t)(ns ? ns : 1), sizeof *col);
    for (int c = 0; c < K__N; c++) {
        uint8_t *fl = &flags[(size_t)c * (size_t)(ns + 1)];
        for (int i = 0; i < ns; i++)
            col[i] = count_of(&k->rows[i], c);
        if (ns) {
            or_code rc = or_suppress_list(col, ns, true, threshold, fl, err);
            if (rc)
                return rc;
        } else if (threshold > 0) { /* no school: the total alone, 0 */
            int64_t v = count_of(&k->rows[0], c);
            fl[0] = v > 0 && v <= threshold ? OR_SUP_PRIMARY : OR_SUP_NONE;
        }
    }
    if (ns) {
        or_code rc = outcome_flags(k, ns, threshold, flags, a, err);
        if (rc)
            return rc;
    }
    out->title =
        or_arena_printf(a, "Re-engagement Unit referrals, %d/%02d", k->ay, (k->ay + 1) % 100);
    out->ncols = C__N;
    out->nrows = k->n;
    const char **cols = or_arena_calloc(a, C__N, sizeof *cols);
    memcpy(cols, heads, sizeof heads);
    out->cols = cols;
    bool *numeric = or_arena_calloc(a, C__N, sizeof *numeric);
    for (int c = C_RECEIVED; c < C__N; c++)
        numeric[c] = true;
    out->numeric = numeric;
    const char **cells = or_arena_calloc(a, (size_t)C__N * (size_t)k->n, sizeof *cells);
    for (int i = 0; i < k->n; i++) {
        const or_reu_kpi_row *r = &k->rows[i];
        int at = i < ns ? i : ns; /* the total's flags are the last of each column */
        uint8_t f[K__N];
        for (int c = 0; c < K__N; c++)
            f[c] = flags[(size_t)c * (size_t)(ns + 1) + (size_t)at];
        const char **row = &cells[(size_t)i * C__N];
        row[C_PERIOD] = or_arena_printf(a, "%d", or_time_period(k->ay));
        row[C_SCHOOL] = r->school ? r->school : "";
        row[C_URN] = r->urn ? or_arena_printf(a, "%d", r->urn) : "";
        row[C_RECEIVED] = num(a, r->received, f[K_RECEIVED]);
        row[C_ACCEPTED] = num(a, r->accepted, f[K_ACCEPTED]);
        row[C_DECLINED] = num(a, r->declined, f[K_DECLINED]);
        if (!r->timed)
            row[C_MEDIAN] = "z";
        else if (f[K_TIMED])
            row[C_MEDIAN] = "c";
        else
            row[C_MEDIAN] = or_arena_printf(a, "%lld%s", (long long)(r->median2 / 2),
                                            r->median2 % 2 ? ".5" : "");
        row[C_WITHIN_PCT] = rate(a, r->within, f[K_WITHIN], r->timed, f[K_TIMED], 100);
        row[C_EXITED] = num(a, r->exited, f[K_EXITED]);
        row[C_DUE6] = num(a, r->due6, f[K_DUE6]);
        row[C_KEPT6] = num(a, r->kept6, f[K_KEPT6]);
        row[C_KEPT6_PCT] = rate(a, r->kept6, f[K_KEPT6], r->due6, f[K_DUE6], 100);
        row[C_DUE12] = num(a, r->due12, f[K_DUE12]);
        row[C_KEPT12] = num(a, r->kept12, f[K_KEPT12]);
        row[C_KEPT12_PCT] = rate(a, r->kept12, f[K_KEPT12], r->due12, f[K_DUE12], 100);
        row[C_SUSP_N] = num(a, r->susp_n, f[K_SUSP_N]);
        /* suspensions are not children: shown when the pupils they belong to are */
        row[C_BEFORE] = num(a, r->before, f[K_SUSP_N]);
        row[C_AFTER] = num(a, r->after, f[K_SUSP_N]);
        row[C_BEFORE_PP] = rate(a, r->before, f[K_SUSP_N], r->susp_n, f[K_SUSP_N], 1);
        row[C_AFTER_PP] = rate(a, r->after, f[K_SUSP_N], r->susp_n, f[K_SUSP_N], 1);
    }
    out->cells = cells;
    return OR_OK;
}

void or_reu_kpi_part(const or_table *t, int part, or_arena *a, or_table *out)
{
    static const int cols[OR_REU_PART__N][7] = {
        {C_SCHOOL, C_RECEIVED, C_ACCEPTED, C_DECLINED, C_MEDIAN, C_WITHIN_PCT, -1},
        {C_SCHOOL, C_EXITED, C_DUE6, C_KEPT6_PCT, C_DUE12, C_KEPT12_PCT, -1},
        {C_SCHOOL, C_SUSP_N, C_BEFORE, C_AFTER, C_BEFORE_PP, C_AFTER_PP, -1},
    };
    static const char *const titles[OR_REU_PART__N] = {
        "Referrals and the response", "In school 6 and 12 months after the exit",
        "Suspensions in the term before the referral and the term after the exit"};
    memset(out, 0, sizeof *out);
    if (part < 0 || part >= OR_REU_PART__N || t->ncols != C__N)
        return;
    int n = 0;
    while (n < 7 && cols[part][n] >= 0)
        n++;
    out->title = titles[part];
    out->ncols = n;
    out->nrows = t->nrows;
    const char **hd = or_arena_calloc(a, (size_t)n, sizeof *heads);
    bool *numeric = or_arena_calloc(a, (size_t)n, sizeof *numeric);
    const char **cells =
        or_arena_calloc(a, (size_t)n * (size_t)(t->nrows ? t->nrows : 1), sizeof *cells);
    for (int j = 0; j < n; j++) {
        hd[j] = t->cols[cols[part][j]];
        numeric[j] = t->numeric[cols[part][j]];
        for (int i = 0; i < t->nrows; i++)
            cells[(size_t)i * (size_t)n + (size_t)j] =
                t->cells[(size_t)i * (size_t)t->ncols + (size_t)cols[part][j]];
    }
    out->cols = hd;
    out->numeric = numeric;
    out->cells = cells;
}
