/* scrutiny_reu.c - the Re-engagement Unit section of the scrutiny report: its KPIs for the
 * report's year (reu_kpi.h) per referring school and for the LA, in three tables (referrals
 * and the response, pupils in school 6 and 12 months after the exit, suspensions in the term
 * before and after), with a paragraph of the LA's figures in words. Suppressed as the rest of
 * the report (x->thr); as of the report's date. Reads the per-pupil model, as the movements
 * section does. */
#include <string.h>

#include "onroll/model.h"
#include "onroll/reu_kpi.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

/* The cell of column `name` in the table's last row (the LA's total). */
static const char *total(const or_table *t, const char *name)
{
    const char *v = t->nrows ? scr_cell(t, t->nrows - 1, name) : NULL;
    return v ? v : "";
}

static bool shown(const char *v)
{
    return *v && strcmp(v, "c") && strcmp(v, "z") && strcmp(v, "x");
}

or_code scr_write_reu(scr *x, or_error *err)
{
    or_model *m = NULL;
    or_code rc = or_model_load(x->s, NULL, &m, err);
    if (rc)
        return rc;
    or_reu_kpi k;
    or_table t;
    rc = or_reu_kpi_from_model(m, x->o->ay, x->today, x->a, &k, err);
    if (!rc)
        rc = or_reu_kpi_table(&k, x->thr, x->a, &t, err);
    or_model_free(m); /* the table's strings are in the arena */
    if (rc)
        return rc;
    or_sb *h = x->h;
    scr_section_begin(x, "reu", "The Re-engagement Unit");
    html_printf(h,
                "<p>Schools refer pupils at risk of exclusion to the Re-engagement Unit with "
                "their Pastoral Support Programme. These figures are about the referrals "
                "received in %s, counted by the school that made them, as they stood on the "
                "date of this report. The response time is counted in school days from the "
                "referral to its acceptance; the unit aims to accept or decline within %d school "
                "days. A pupil is in school 6 or 12 months after leaving the unit when they are "
                "on a school's roll on that day and have not been permanently excluded since. "
                "Suspensions are counted in the school term before the referral and the term "
                "after the exit, for pupils whose term after has ended.</p>\n",
                x->year, k.deadline);
    const char *rec = total(&t, "received"), *acc = total(&t, "accepted");
    const char *med = total(&t, "response_median_days");
    const char *within = total(&t, "response_within_pct");
    const char *due6 = total(&t, "sustained_6m_due"), *pct6 = total(&t, "sustained_6m_pct");
    if (!strcmp(rec, "0")) {
        html_printf(h, "<p>The unit received no referrals in %s.</p>\n", x->year);
    } else {
        html_raw(h, "<p>");
        if (shown(rec) && shown(acc))
            html_printf(h, "The unit received %s referral%s in %s and accepted %s. ",
                        scr_commas(x->a, rec), strcmp(rec, "1") ? "s" : "", x->year,
                        scr_commas(x->a, acc));
        else
            html_printf(h, "The numbers of referrals in %s are too small to publish. ", x->year);
        if (shown(med) && shown(within) && !strcmp(within, "100.00"))
            html_printf(h,
                        "Half of the referrals accepted were accepted within %s school days, "
                        "and every one within the deadline of %d. ",
                        med, k.deadline);
        else if (shown(med) && shown(within))
            html_printf(h,
                        "Half of the referrals accepted were accepted within %s school days; "
                        "%s%% within %d. ",
                        med, within, k.deadline);
        if (shown(due6) && shown(pct6))
            html_printf(h,
                        "Of the %s pupils who left the unit 6 months or more ago, %s%% were "
                        "still in school 6 months later.",
                        scr_commas(x->a, due6), pct6);
        else if (!strcmp(due6, "0"))
            html_raw(h, "No pupil referred this year had left the unit 6 months before the "
                        "date of this report.");
        html_raw(h, "</p>\n");
    }
    for (int p = 0; p < OR_REU_PART__N; p++) {
        or_table part;
        or_reu_kpi_part(&t, p, x->a, &part);
        part.title = or_arena_printf(x->a, "Re-engagement Unit: %s, %s",
                                     p == OR_REU_PART_REFERRALS   ? "referrals and the response"
                                     : p == OR_REU_PART_SUSTAINED ? "in school after the exit"
                                                                  : "suspensions before and after",
                                     x->year);
        scr_table_out(x, &part);
    }
    scr_section_end(x);
    return OR_OK;
}
