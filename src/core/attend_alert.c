/* attend_alert.c - LOCAL-ATTEND-ALERT's alerts from a pupil's facts (attend_alert.h): the days
 * of unexplained absence (N, O) and of crossing the persistent-absence line, while the child
 * is looked after or has a social worker. Pure: the marks of each school year are walked day
 * by day, every school's together. */
#include <string.h>

#include "onroll/attend_alert.h"
#include "onroll/codes.h"
#include "onroll/marks.h"

/* Looked after on d (the snapshot in force), or with a social worker. */
static bool alerted(const or_pupil_facts *f, or_date d)
{
    const or_fact_snapshot *s = or_facts_snapshot_on(f, d);
    return (s && s->cla == 1) || or_facts_has_social_worker(f, d);
}

/* What a mark counts for: -1 nothing, else an or_att_meaning (codes.h), looked up once. */
static int meaning(signed char cache[256], char byte)
{
    unsigned char b = (unsigned char)byte;
    if (cache[b] == -2) {
        char code[3];
        const or_code_entry *ce = NULL;
        if (or_mark_code(byte, code) && code[0])
            ce = or_code_find(OR_CS_ATTENDANCE, code, OR_DATE_NONE);
        cache[b] = (signed char)(ce ? ce->meaning : -1);
    }
    return cache[b];
}

static int push(or_attend_alert *out, int max, int n, or_attend_alert a)
{
    if (n < max)
        out[n] = a;
    return n + 1;
}

int or_attend_alerts(const or_pupil_facts *f, int pa_pct, or_date from, or_date to,
                     or_attend_alert *out, int max)
{
    int n = 0;
    if (!f || from == OR_DATE_NONE || to == OR_DATE_NONE || from > to)
        return 0;
    signed char cache[256];
    memset(cache, -2, sizeof cache);
    int first = or_date_academic_year(from), last = or_date_academic_year(to);
    for (int ay = first; ay <= last; ay++) {
        int possible = 0, attended = 0;
        bool below = false;
        for (int day = 0; day * 2 < OR_MARKS_LEN; day++) {
            or_date d = or_mark_date(ay, day * 2);
            if (d > to)
                break;
            int absent_urn = 0, marked = 0, marked_urn = 0;
            char code = 0;
            for (int k = 0; k < f->nmarks; k++) {
                const or_fact_marks *m = &f->marks[k];
                if (m->ay != ay || !m->marks)
                    continue;
                for (int pm = 0; pm < 2; pm++) {
                    char b = m->marks[day * 2 + pm];
                    if ((b == 'N' || b == 'O') && !absent_urn) {
                        absent_urn = m->urn;
                        code = b;
                    }
                    int mean = meaning(cache, b);
                    if (mean < 0 || mean == OR_ATT_NOT_POSSIBLE)
                        continue;
                    possible++;
                    marked++;
                    marked_urn = marked_urn ? marked_urn : m->urn;
                    attended += mean == OR_ATT_PRESENT || mean == OR_ATT_PRESENT_AEA;
                }
            }
            if (!marked && !absent_urn)
                continue;
            bool in = d >= from && alerted(f, d);
            if (absent_urn && in)
                n = push(out, max, n,
                         (or_attend_alert){OR_ALERT_ABSENCE, d, absent_urn, code, 0, 0});
            if (!marked)
                continue;
            bool now_below = (long long)attended * 100 < (long long)pa_pct * possible;
            if (now_below && !below && in) /* a year that starts below crosses on its first day */
                n = push(out, max, n,
                         (or_attend_alert){OR_ALERT_PA, d, absent_urn ? absent_urn : marked_urn, 0,
                                           attended, possible});
            below = now_below;
        }
    }
    return n;
}
