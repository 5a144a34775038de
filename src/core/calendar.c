/* calendar.c - one school's calendar as per-day tables (DOMAIN.md §2, include/onroll/calendar.h).
 *
 * Building picks the rows that apply (a kind the school has rows of uses only the school's rows
 * of that kind, else the LA's), sorts the terms, splits each term into half-terms at the
 * holidays that lie wholly inside it, and marks every day from the earliest row start to the
 * latest row end: a school day is a weekday inside a term, not an England and Wales bank
 * holiday, not inside a holiday, inset or closure. count[] holds prefix sums of school days, so
 * counting is a subtraction and AFTER/NTH are a binary search on count[]. Pure: no I/O, the
 * tables live in the caller's arena.
 *
 * Lookups outside the tables: no day there is a school day. A day inside a holiday that splits a
 * term still belongs to the term (or_cal_term_of) but to no half-term. */
#include <stdlib.h>
#include <string.h>

#include "onroll/calendar.h"
#include "onroll/codes.h"

/* The widest span accepted: the whole of the date range dates may have (1900-2199). */
#define MAX_DAYS  (301 * 366)
#define MAX_TERMS 32000

typedef struct {
    or_date start, end;
} span;

static const char *kind_name(or_cal_kind k)
{
    static const char *const names[] = {"term", "holiday", "inset", "closure"};
    return (int)k >= 0 && k <= OR_CAL_CLOSURE ? names[k] : "unknown";
}

static or_code check_rows(const or_cal_row *rows, int nrows, or_error *err)
{
    if (nrows < 0 || (nrows > 0 && !rows))
        return or_fail(err, OR_EUSAGE, "calendar: no rows given (nrows %d)", nrows);
    for (int i = 0; i < nrows; i++) {
        const or_cal_row *r = &rows[i];
        if ((int)r->kind < 0 || r->kind > OR_CAL_CLOSURE)
            return or_fail(err, OR_EUSAGE, "calendar row %d: unknown kind %d", i + 1, (int)r->kind);
        if (r->start == OR_DATE_NONE || r->end == OR_DATE_NONE)
            return or_fail(err, OR_EINPUT, "calendar row %d (%s): start and end are required",
                           i + 1, kind_name(r->kind));
        if (r->end < r->start) {
            char a[11], b[11];
            or_date_format(r->start, a);
            or_date_format(r->end, b);
            return or_fail(err, OR_EINPUT, "calendar row %d (%s %s to %s): end is before start",
                           i + 1, kind_name(r->kind), a, b);
        }
    }
    return OR_OK;
}

/* Which rows count: for each kind, the school's rows if it has any, else the LA's. */
static void choose_rows(const or_cal_row *rows, int nrows, bool use[])
{
    bool school_has[OR_CAL_CLOSURE + 1] = {false};
    for (int i = 0; i < nrows; i++)
        if (rows[i].school)
            school_has[rows[i].kind] = true;
    for (int i = 0; i < nrows; i++)
        use[i] = rows[i].school == school_has[rows[i].kind];
}

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* The chosen rows of one kind, sorted by start (then end), exact duplicates dropped. */
static span *collect(const or_cal_row *rows, int nrows, const bool use[], or_cal_kind kind,
                     or_arena *arena, int *n)
{
    span *out = or_arena_alloc(arena, sizeof *out * (size_t)(nrows ? nrows : 1));
    int k = 0;
    for (int i = 0; i < nrows; i++)
        if (use[i] && rows[i].kind == kind)
            out[k++] = (span){rows[i].start, rows[i].end};
    qsort(out, (size_t)k, sizeof *out, cmp_span);
    int m = 0;
    for (int i = 0; i < k; i++)
        if (m == 0 || out[i].start != out[m - 1].start || out[i].end != out[m - 1].end)
            out[m++] = out[i];
    *n = m;
    return out;
}

static or_code check_terms(const span *t, int n, or_error *err)
{
    if (n > MAX_TERMS)
        return or_fail(err, OR_EINPUT, "calendar: %d terms; at most %d", n, MAX_TERMS);
    for (int i = 1; i < n; i++) {
        if (t[i].start > t[i - 1].end)
            continue;
        char a[11], b[11], c[11], d[11];
        or_date_format(t[i - 1].start, a);
        or_date_format(t[i - 1].end, b);
        or_date_format(t[i].start, c);
        or_date_format(t[i].end, d);
        return or_fail(err, OR_EINPUT, "calendar: term %s to %s overlaps term %s to %s", a, b, c,
                       d);
    }
    return OR_OK;
}

static void span_of_rows(const or_cal_row *rows, int nrows, or_date *first, or_date *last)
{
    *first = rows[0].start;
    *last = rows[0].end;
    for (int i = 1; i < nrows; i++) {
        if (rows[i].start < *first)
            *first = rows[i].start;
        if (rows[i].end > *last)
            *last = rows[i].end;
    }
}

static or_code alloc_tables(or_calendar *cal, or_date first, or_date last, or_arena *arena,
                            or_error *err)
{
    int64_t n = (int64_t)last - first + 1;
    if (n > MAX_DAYS)
        return or_fail(err, OR_EINPUT, "calendar: rows span %lld days; at most %d", (long long)n,
                       MAX_DAYS);
    cal->first = first;
    cal->last = last;
    cal->ndays = (int32_t)n;
    cal->school_day = or_arena_calloc(arena, (size_t)n, sizeof *cal->school_day);
    cal->count = or_arena_calloc(arena, (size_t)n + 1, sizeof *cal->count);
    cal->term = or_arena_alloc(arena, sizeof *cal->term * (size_t)n);
    cal->half_term = or_arena_alloc(arena, sizeof *cal->half_term * (size_t)n);
    for (int32_t i = 0; i < cal->ndays; i++)
        cal->term[i] = cal->half_term[i] = -1;
    return OR_OK;
}

static void mark_terms(or_calendar *cal, const span *t, int n, or_arena *arena)
{
    cal->nterms = n;
    cal->term_start = or_arena_alloc(arena, sizeof(or_date) * (size_t)(n ? n : 1));
    cal->term_end = or_arena_alloc(arena, sizeof(or_date) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        cal->term_start[i] = t[i].start;
        cal->term_end[i] = t[i].end;
        for (or_date d = t[i].start; d <= t[i].end; d++)
            cal->term[d - cal->first] = (int16_t)i;
    }
}

/* The pieces of term t left between the holidays wholly inside it (h sorted by start). Writes
 * them to out (when not NULL) and returns how many there are. */
static int split_term(span t, const span *h, int nh, span *out)
{
    int n = 0;
    or_date from = t.start;
    for (int i = 0; i < nh; i++) {
        if (h[i].start < t.start || h[i].end > t.end)
            continue;
        if (h[i].start > from) {
            if (out)
                out[n] = (span){from, h[i].start - 1};
            n++;
        }
        if (h[i].end + 1 > from)
            from = h[i].end + 1;
    }
    if (from <= t.end) {
        if (out)
            out[n] = (span){from, t.end};
        n++;
    }
    return n;
}

static or_code mark_half_terms(or_calendar *cal, const span *t, int nt, const span *h, int nh,
                               or_arena *arena, or_error *err)
{
    int total = 0;
    for (int i = 0; i < nt; i++)
        total += split_term(t[i], h, nh, NULL);
    if (total > MAX_TERMS)
        return or_fail(err, OR_EINPUT, "calendar: %d half-terms; at most %d", total, MAX_TERMS);
    span *pieces = or_arena_alloc(arena, sizeof *pieces * (size_t)(total ? total : 1));
    int n = 0;
    for (int i = 0; i < nt; i++)
        n += split_term(t[i], h, nh, pieces + n);
    cal->nhalf_terms = n;
    cal->half_start = or_arena_alloc(arena, sizeof(or_date) * (size_t)(n ? n : 1));
    cal->half_end = or_arena_alloc(arena, sizeof(or_date) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        cal->half_start[i] = pieces[i].start;
        cal->half_end[i] = pieces[i].end;
        for (or_date d = pieces[i].start; d <= pieces[i].end; d++)
            cal->half_term[d - cal->first] = (int16_t)i;
    }
    return OR_OK;
}

/* School days: weekdays in a term, then the non-teaching rows and bank holidays struck out. */
static void mark_school_days(or_calendar *cal, const or_cal_row *rows, int nrows, const bool use[])
{
    for (int32_t i = 0; i < cal->ndays; i++) {
        or_date d = cal->first + i;
        cal->school_day[i] = cal->term[i] >= 0 && !or_date_is_weekend(d) && !or_bank_holiday(d);
    }
    for (int r = 0; r < nrows; r++) {
        if (!use[r] || rows[r].kind == OR_CAL_TERM)
            continue;
        for (or_date d = rows[r].start; d <= rows[r].end; d++)
            cal->school_day[d - cal->first] = 0;
    }
    cal->count[0] = 0;
    for (int32_t i = 0; i < cal->ndays; i++)
        cal->count[i + 1] = cal->count[i] + cal->school_day[i];
}

static void empty_calendar(or_calendar *cal, or_arena *arena)
{
    memset(cal, 0, sizeof *cal);
    cal->first = 0;
    cal->last = -1;
    cal->count = or_arena_calloc(arena, 1, sizeof *cal->count);
}

or_code or_calendar_build(or_calendar *cal, const or_cal_row *rows, int nrows, or_arena *arena,
                          or_error *err)
{
    or_code rc = check_rows(rows, nrows, err);
    if (rc)
        return rc;
    empty_calendar(cal, arena);
    if (nrows == 0)
        return OR_OK;
    bool *use = or_arena_alloc(arena, sizeof *use * (size_t)nrows);
    choose_rows(rows, nrows, use);
    int nt, nh;
    span *terms = collect(rows, nrows, use, OR_CAL_TERM, arena, &nt);
    span *hols = collect(rows, nrows, use, OR_CAL_HOLIDAY, arena, &nh);
    if ((rc = check_terms(terms, nt, err)))
        return rc;
    or_date first, last;
    span_of_rows(rows, nrows, &first, &last);
    if ((rc = alloc_tables(cal, first, last, arena, err)))
        return rc;
    mark_terms(cal, terms, nt, arena);
    if ((rc = mark_half_terms(cal, terms, nt, hols, nh, arena, err)))
        return rc;
    mark_school_days(cal, rows, nrows, use);
    return OR_OK;
}

/* Index of d in the tables, or -1 when outside them. */
static int32_t index_of(const or_calendar *cal, or_date d)
{
    if (d == OR_DATE_NONE || cal->ndays <= 0 || d < cal->first || d > cal->last)
        return -1;
    return (int32_t)(d - cal->first);
}

bool or_cal_is_school_day(const or_calendar *cal, or_date d)
{
    int32_t i = index_of(cal, d);
    return i >= 0 && cal->school_day[i];
}

/* Clamp d into [0, ndays] as an index for count[] (days before the table count from 0). */
static int32_t clamp_index(const or_calendar *cal, int64_t i)
{
    if (i < 0)
        return 0;
    if (i > cal->ndays)
        return cal->ndays;
    return (int32_t)i;
}

int or_cal_school_days_between(const or_calendar *cal, or_date from, or_date to)
{
    if (from == OR_DATE_NONE || to == OR_DATE_NONE || to < from || cal->ndays <= 0)
        return 0;
    int32_t a = clamp_index(cal, (int64_t)from - cal->first);
    int32_t b = clamp_index(cal, (int64_t)to - cal->first + 1);
    return b > a ? cal->count[b] - cal->count[a] : 0;
}

/* The n-th school day (n >= 1) at table index i or later, or OR_DATE_NONE. The answer is the
 * smallest j >= i with count[j + 1] - count[i] >= n. */
static or_date nth_from(const or_calendar *cal, int32_t i, int n)
{
    if (n < 1 || i >= cal->ndays)
        return OR_DATE_NONE;
    int64_t want = (int64_t)cal->count[i] + n;
    if (cal->count[cal->ndays] < want)
        return OR_DATE_NONE;
    int32_t lo = i, hi = cal->ndays - 1;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (cal->count[mid + 1] >= want)
            hi = mid;
        else
            lo = mid + 1;
    }
    return cal->first + lo;
}

or_date or_cal_nth(const or_calendar *cal, or_date d, int n)
{
    if (d == OR_DATE_NONE || cal->ndays <= 0)
        return OR_DATE_NONE;
    return nth_from(cal, clamp_index(cal, (int64_t)d - cal->first), n);
}

or_date or_cal_after(const or_calendar *cal, or_date d, int n)
{
    if (d == OR_DATE_NONE || cal->ndays <= 0)
        return OR_DATE_NONE;
    return nth_from(cal, clamp_index(cal, (int64_t)d - cal->first + 1), n);
}

or_date or_cal_next_school_day(const or_calendar *cal, or_date d)
{
    return or_cal_nth(cal, d, 1);
}

or_date or_cal_school_day_after(const or_calendar *cal, or_date d)
{
    return or_cal_after(cal, d, 1);
}

int or_cal_term_of(const or_calendar *cal, or_date d)
{
    int32_t i = index_of(cal, d);
    return i >= 0 ? cal->term[i] : -1;
}

int or_cal_half_term_of(const or_calendar *cal, or_date d)
{
    int32_t i = index_of(cal, d);
    return i >= 0 ? cal->half_term[i] : -1;
}
