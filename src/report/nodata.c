/* nodata.c - whether an academic year has anything to report (report.h or_report_year_check):
 * a report of a year with no pupils and no exclusions says so rather than printing zeros. */
#include <stdio.h>

#include "onroll/labels.h"
#include "onroll/report.h"

or_code or_report_year_check(const or_columns *c, int ay, or_error *err)
{
    or_group_query q = {ay, ay, 0, {0}, false, true, 0};
    or_group_result r = {0};
    or_code rc = or_columns_group(c, &q, &r, err);
    if (rc)
        return rc;
    int v = 0;
    const or_group_cell *g = r.ncells ? or_group_at(&r, &v) : NULL;
    bool empty = !g || (!g->headcount && !g->suspensions && !g->perm_excl && !g->one_plus);
    or_group_result_release(&r);
    if (!empty)
        return OR_OK;
    char census[OR_FMT_DATE_LEN];
    or_fmt_date(or_census_day(ay), census);
    or_columns_info info;
    or_columns_info_get(c, &info);
    char held[64] = "The database holds no pupils yet";
    if (info.ay_first <= info.ay_last)
        snprintf(held, sizeof held, "The data covers %d/%02d to %d/%02d", info.ay_first,
                 (info.ay_first + 1) % 100, info.ay_last, (info.ay_last + 1) % 100);
    return or_fail(err, OR_EINPUT,
                   "No data for %d/%02d: no pupil was on roll on its census day (%s) and no "
                   "exclusion started in it, so there is nothing to report. %s; import that "
                   "year's pupils and enrolments",
                   ay, (ay + 1) % 100, census, held);
}
