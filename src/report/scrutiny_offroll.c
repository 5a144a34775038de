/* scrutiny_offroll.c - the off-rolling section of the scrutiny report: the signals of
 * offroll.h for the report's year, the LA's figures with the number of schools above each
 * funnel limit, and the schools above a 99.8% limit with their percentages. Suppressed as the
 * rest of the report (x->thr). Reads the per-pupil model, as the movements section does. */
#include <string.h>

#include "onroll/model.h"
#include "onroll/offroll.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

or_code scr_write_offroll(scr *x, or_error *err)
{
    or_model *m = NULL;
    or_code rc = or_model_load(x->s, NULL, &m, err);
    if (rc)
        return rc;
    or_offroll o;
    or_table sum, all;
    rc = or_offroll_from_model(m, x->o->ay, x->a, &o, err);
    if (!rc)
        rc = or_offroll_summary(&o, x->thr, false, x->a, &sum, err);
    if (!rc)
        rc = or_offroll_table(&o, x->thr, true, x->a, &all, err);
    or_model_free(m);
    if (rc)
        return rc;
    or_sb *h = x->h;
    scr_section_begin(x, "offrolling", "Off-rolling signals");
    html_printf(h,
                "<p>Signs that pupils may have been removed from a school's roll in the "
                "school's interest rather than the pupil's: unexplained exits, moves to elective "
                "home education, pupils on a school's roll in January of Year 10 and not in "
                "January of Year 11, and pupils with special educational needs, eligible for "
                "free school meals or looked after who left a school during %s. Each school is "
                "compared with the rate of the local authority's schools of its kind (primary, "
                "secondary, special, and pupil referral units with alternative provision) with "
                "funnel-plot limits (95%% and 99.8%%): a school above the 99.8%% limit is one "
                "the local authority challenges. None of these signals proves off-rolling.</p>\n",
                x->year);
    scr_table_out(x, &sum);
    int nconcern = all.nrows - 1;
    if (nconcern <= 0) {
        html_raw(h, "<p>No school was above a 99.8% limit.</p>\n");
    } else {
        html_printf(h, "<p>%d school%s %s above a 99.8%% limit on at least one signal.</p>\n",
                    nconcern, nconcern == 1 ? "" : "s", nconcern == 1 ? "was" : "were");
        or_table st;
        or_offroll_screen(&all, x->a, &st);
        st.title = or_arena_printf(x->a, "Schools above a 99.8%% limit, %s", x->year);
        scr_table_out(x, &st);
    }
    scr_section_end(x);
    return OR_OK;
}
