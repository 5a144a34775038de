/* ctf_marks.c - a CTF year's AttendSessions (AttendanceStartDate + AttendanceMarks) placed on
 * the school's own calendar (docs/ctf.md, "Attendance marks"): one character per session, AM
 * then PM, for each school day of the school from the start date; a day that is not a school
 * day at the school (a weekend, a bank holiday, a holiday, an INSET day, a closure: the
 * verdict of or_school_day_why, as the importer's school-day check asks it) has no sessions
 * in the string and is skipped. Each mark becomes an `attendance` row as the CSV kind's (upn,
 * urn, date, session, code); '-' is no mark. The totals the placed marks make (possible,
 * attended, authorised, unauthorised, by the codes' meanings) must be the year's Sessions*
 * elements: a string that does not line up with the school's calendar is refused, never
 * placed on the wrong days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ctf_internal.h"
#include "onroll/codes.h"
#include "onroll/date.h"
#include "onroll/kinds.h"
#include "onroll/letters.h"
#include "onroll/marks.h"

#define PATH "element Pupil/Attendance/YearData"

static const char *const total_names[CTF__TOTALS] = {[CTF_POSSIBLE] = "SessionsPossible",
                                                     [CTF_ATTENDED] = "SessionsAttended",
                                                     [CTF_AUTHORISED] = "SessionsAuthorised",
                                                     [CTF_UNAUTHORISED] = "SessionsUnauthorised"};
static const char *const total_words[CTF__TOTALS] = {[CTF_POSSIBLE] = "possible sessions",
                                                     [CTF_ATTENDED] = "sessions attended",
                                                     [CTF_AUTHORISED] = "authorised absences",
                                                     [CTF_UNAUTHORISED] = "unauthorised absences"};

/* Count one code by its meaning (codes.h) into the four totals. */
static void count(int totals[CTF__TOTALS], int meaning)
{
    if (meaning == OR_ATT_NOT_POSSIBLE)
        return;
    totals[CTF_POSSIBLE]++;
    if (meaning == OR_ATT_PRESENT || meaning == OR_ATT_PRESENT_AEA)
        totals[CTF_ATTENDED]++;
    else if (meaning == OR_ATT_AUTHORISED)
        totals[CTF_AUTHORISED]++;
    else if (meaning == OR_ATT_UNAUTHORISED)
        totals[CTF_UNAUTHORISED]++;
}

int ctf_place_marks(ctf_doc *d, const ctf_year *y, const char *upn, int urn, ctf_add_row add,
                    void *ctx, or_sb *errors, or_error *err)
{
    const char *m = y->marks;
    while (*m == ' ' || *m == '\n' || *m == '\r' || *m == '\t')
        m++;
    size_t n = strlen(m);
    while (n && (m[n - 1] == ' ' || m[n - 1] == '\n' || m[n - 1] == '\r' || m[n - 1] == '\t'))
        n--;
    or_date day;
    if (!y->start || !or_date_parse(y->start, &day)) {
        or_sb_addf(errors,
                   "%s:%d: " PATH "/AttendSessions/AttendanceStartDate: '%s' is not a date "
                   "(YYYY-MM-DD): the AttendanceMarks are placed from it\n",
                   d->name, y->start ? y->start_line : y->marks_line, y->start ? y->start : "");
        return 1;
    }
    char urn_text[16];
    snprintf(urn_text, sizeof urn_text, "%d", urn);
    int totals[CTF__TOTALS] = {0};
    or_date first = day, gap = day; /* gap: the day after the last school day placed */
    size_t i = 0;
    while (i < n) {
        or_sd_verdict v;
        char why[512];
        if (school_days_check(&d->days, d->s, &d->arena, urn, day, &v, why, sizeof why, err))
            return -1;
        if (v == OR_SD_UNKNOWN) {
            char when[32];
            or_letter_date_words(gap, when);
            or_sb_addf(errors,
                       "%s:%d: " PATH "/AttendSessions/AttendanceMarks: marks %zu to %zu have no "
                       "school day to fall on: the school's calendar (URN %d) has none from %s "
                       "to the end of that school year: import its calendar for those days, or "
                       "the string holds more marks than the school had sessions\n",
                       d->name, y->marks_line, i + 1, n, urn, when);
            return 1;
        }
        if (v == OR_SD_SCHOOL_DAY) {
            char date[11];
            or_date_format(day, date);
            for (int pm = 0; pm < 2 && i < n; pm++, i++) {
                char c = m[i];
                if (c == OR_MARK_NONE)
                    continue;
                char code[2] = {c, '\0'};
                const char **cells = add(ctx, y->marks_line);
                cells[OR_AT_UPN] = upn;
                cells[OR_AT_URN] = or_arena_strdup(&d->arena, urn_text);
                cells[OR_AT_DATE] = or_arena_strdup(&d->arena, date);
                cells[OR_AT_SESSION] = pm ? "PM" : "AM";
                cells[OR_AT_CODE] = or_arena_strdup(&d->arena, code);
                const or_code_entry *ce = or_code_find(OR_CS_ATTENDANCE, code, day);
                if (ce) /* any other character: the importer refuses it, naming it */
                    count(totals, ce->meaning);
            }
            gap = day + 1;
        }
        day++;
    }
    int bad = 0;
    for (int t = 0; t < CTF__TOTALS; t++) {
        if (!y->totals[t])
            continue;
        char *end;
        long want = strtol(y->totals[t], &end, 10);
        if (*end || end == y->totals[t] || want == totals[t])
            continue; /* not a number: the importer's totals row says so */
        char from[32], to[32];
        or_letter_date_words(first, from);
        or_letter_date_words(day - 1, to);
        or_sb_addf(errors,
                   "%s:%d: " PATH "/%s: %ld, but the AttendanceMarks (line %d) placed on the "
                   "school's school days from %s to %s make %d %s: the marks and the totals "
                   "disagree\n",
                   d->name, y->tlines[t] ? y->tlines[t] : y->line, total_names[t], want,
                   y->marks_line, from, to, totals[t], total_words[t]);
        bad++;
    }
    return bad;
}
