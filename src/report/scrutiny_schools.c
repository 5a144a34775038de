/* scrutiny_schools.c - the scrutiny report's schools section: or_report_schools with
 * secondary suppression (scrutiny_mask.c), "N schools issue half of all suspensions" from the
 * cumulative shares, a funnel plot of the one-plus rates against the 95% and 99.8% control
 * limits (svg.h), the schools of concern and on watch in words, and the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/report.h"
#include "onroll/svg.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

or_code scr_write_schools(scr *x, or_error *err)
{
    or_sb *h = x->h;
    or_report_opts ro = scr_report_opts(x);
    or_table src;
    or_code rc = or_report_schools(x->c, &ro, x->a, &src, err);
    static const char *const h_head[] = {"headcount",       "lower_limit_95",  "upper_limit_95",
                                         "lower_limit_998", "upper_limit_998", NULL};
    static const char *const h_susp[] = {"suspension", "susp_rate", "share_of_la_suspensions",
                                         NULL};
    static const char *const h_one[] = {"one_plus_susp", "one_plus_susp_rate", "funnel", NULL};
    static const char *const h_perm[] = {"perm_excl", NULL};
    static const char *const *const hide[MS__N] = {h_head, h_susp, h_one, h_perm};
    static const char *const names[1] = {"urn"};
    const or_dim by_school = OR_DIM_SCHOOL;
    if (!rc)
        rc = scr_mask_secondary(x, &src, 1, &by_school, names, hide, err);
    if (rc)
        return rc;
    /* once a hidden count is in the running total, the cumulative shares would give it away */
    for (int r = 0, hidden = 0; r < src.nrows; r++) {
        const char *cum_cols[] = {"cumulative_share", NULL};
        hidden |= !strcmp(scr_cell(&src, r, "suspension"), "c");
        if (hidden)
            scr_hide_cells(&src, r, cum_cols);
    }
    scr_section_begin(x, "schools", "Schools");
    const or_group_cell *now = &x->hc[x->ny - 1];
    bool p_ok = now->headcount > 0 && strcmp(x->ht[x->ny - 1][H_ONE_RATE], "c") &&
                strcmp(x->ht[x->ny - 1][H_ONE_RATE], "z");
    double p = p_ok ? (double)now->one_plus / (double)now->headcount : 0;
    /* half of all suspensions: the fewest schools (in descending order of suspensions) whose
     * suspensions add up to half the LA's, counted exactly while the counts are published
     * (one LA; with several, from the rounded cumulative shares) */
    int half = 0;
    const char **top = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *top);
    bool half_known = false;
    double sum = 0, total = (double)now->suspensions;
    for (int r = 0; r < src.nrows && total > 0; r++) {
        double n, cum;
        top[r] = scr_cell(&src, r, "school");
        if (!scr_num(scr_cell(&src, r, "cumulative_share"), &cum) ||
            !scr_num(scr_cell(&src, r, "suspension"), &n))
            break;
        sum += n;
        if (x->nla == 1 ? 2 * sum >= total : cum >= 50.0) {
            half = r + 1;
            half_known = true;
            break;
        }
    }
    int nschools = src.nrows;
    if (half_known) {
        const char *cum = scr_cell(&src, half - 1, "cumulative_share");
        const char *s =
            half == 1
                ? or_arena_printf(x->a,
                                  "1 school issues half of all suspensions: %s issued %s%% of "
                                  "the LA's suspensions in %s, among %d schools.",
                                  top[0], cum, x->year, nschools)
                : or_arena_printf(x->a,
                                  "%d schools issue half of all suspensions: together %s issued "
                                  "%s%% of the LA's suspensions in %s, among %d schools.",
                                  half, scr_names_list(x, top, half), cum, x->year, nschools);
        html_printf(h, "<p class=\"lede\">%s</p>\n", s);
        scr_say(x, T_SCHOOLS, s);
    }
    html_raw(h, "<p>Each school's share of pupils suspended at least once (the one-plus rate) "
                "against the LA's, in a funnel plot: a school's rate varies more by chance the "
                "fewer pupils it has, so the control limits (95% and 99.8%) narrow as schools "
                "get bigger. A school above the 99.8% limit is <b>of concern</b>: a rate that "
                "high would arise by chance about once in a thousand. Above the 95% limit it is "
                "on <b>watch</b>.</p>\n");
    /* the funnel plot and the lists */
    or_svg_funnel_point *pts = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *pts);
    int npts = 0, hidden = 0;
    const char **concern = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *concern);
    const char **watch = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *watch);
    const char **low = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *low);
    const char **concern_li = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *concern_li);
    int nconcern = 0, nwatch = 0, nlow = 0;
    for (int r = 0; r < src.nrows; r++) {
        const char *fun = scr_cell(&src, r, "funnel");
        double n, pct;
        if (!scr_num(scr_cell(&src, r, "headcount"), &n) || n <= 0 ||
            !scr_num(scr_cell(&src, r, "one_plus_susp_rate"), &pct) || !strcmp(fun, "c") ||
            !strcmp(fun, "z")) {
            hidden++;
            continue;
        }
        or_svg_funnel_point *pt = &pts[npts++];
        pt->label = scr_cell(&src, r, "school");
        pt->n = n;
        pt->pct = pct;
        pt->cls = !strcmp(fun, "of concern")                        ? OR_SVG_PT_CONCERN
                  : !strcmp(fun, "watch")                           ? OR_SVG_PT_WATCH
                  : !strcmp(fun, "low") || !strcmp(fun, "very low") ? OR_SVG_PT_LOW
                                                                    : OR_SVG_PT_WITHIN;
        pt->labelled = pt->cls == OR_SVG_PT_CONCERN || pt->cls == OR_SVG_PT_WATCH;
        const char *named = pt->label;
        if (pt->cls == OR_SVG_PT_CONCERN) {
            concern[nconcern] = named;
            concern_li[nconcern++] = or_arena_printf(
                x->a,
                "%s (URN %s): %s%% of %s pupils suspended at least once; upper 99.8%% "
                "limit %s%%",
                named, scr_cell(&src, r, "urn"), scr_cell(&src, r, "one_plus_susp_rate"),
                scr_commas(x->a, scr_cell(&src, r, "headcount")),
                scr_cell(&src, r, "upper_limit_998"));
        } else if (pt->cls == OR_SVG_PT_WATCH)
            watch[nwatch++] = named;
        else if (pt->cls == OR_SVG_PT_LOW)
            low[nlow++] = named;
    }
    if (p_ok && npts) {
        or_sb desc = OR_SB_INIT;
        or_sb_addf(&desc,
                   "A funnel plot of %d schools: each school's percentage of pupils suspended "
                   "at least once against its number of pupils, with the LA average (%.2f%%) "
                   "and the 95%% and 99.8%% control limits around it. ",
                   npts, p * 100);
        or_sb_addf(&desc, "%d school%s above the 99.8%% limit (of concern)%s", nconcern,
                   nconcern == 1 ? " is" : "s are", nconcern ? ": " : ". ");
        if (nconcern) {
            or_sb_adds(&desc, scr_names_list(x, concern, nconcern));
            or_sb_adds(&desc, ". ");
        }
        or_sb_addf(&desc, "%d %s above the 95%% limit only (watch)%s", nwatch,
                   nwatch == 1 ? "is" : "are", nwatch ? ": " : ". ");
        if (nwatch) {
            or_sb_adds(&desc, scr_names_list(x, watch, nwatch));
            or_sb_adds(&desc, ". ");
        }
        or_sb_addf(&desc, "%d %s below the lower 95%% limit. ", nlow, nlow == 1 ? "is" : "are");
        if (hidden)
            or_sb_addf(&desc, "%d school%s with suppressed figures %s not plotted. ", hidden,
                       hidden == 1 ? "" : "s", hidden == 1 ? "is" : "are");
        or_sb_adds(&desc, "Every school's figures are in the table below.");
        or_svg_funnel_chart fc = {
            {"chart-funnel",
             or_arena_printf(x->a, "Funnel plot: pupils suspended at least once by school, %s",
                             x->year),
             or_sb_str(&desc)},
            "Pupils on roll on census day (headcount)",
            "Pupils suspended at least once (%)",
            p,
            npts,
            pts};
        html_raw(h, "<figure class=\"chart-figure\">\n");
        or_svg_funnel(h, &fc);
        html_raw(h, "</figure>\n");
        or_sb_release(&desc);
    } else {
        html_raw(h, "<p>There is no funnel plot: the LA's own one-plus rate is not published "
                    "this year (suppressed or not applicable).</p>\n");
    }
    if (hidden && p_ok && npts)
        html_printf(h,
                    "<p>%d school%s with small numbers (suppressed figures) %s not plotted; "
                    "%s still in the table.</p>\n",
                    hidden, hidden == 1 ? "" : "s", hidden == 1 ? "is" : "are",
                    hidden == 1 ? "it is" : "they are");
    html_raw(h, "<h3>Schools of concern</h3>\n");
    if (nconcern) {
        html_raw(h, "<ul class=\"list\">\n");
        for (int i = 0; i < nconcern; i++)
            html_printf(h, "<li>%s</li>\n", concern_li[i]);
        html_raw(h, "</ul>\n");
    } else {
        html_raw(h, "<p>No school's one-plus rate is above its 99.8% control limit.</p>\n");
    }
    if (nwatch)
        html_printf(h, "<p>On watch (above the 95%% limit): %s.</p>\n",
                    scr_names_list(x, watch, nwatch));
    if (nlow)
        html_printf(h, "<p>Below the lower 95%% limit: %s.</p>\n", scr_names_list(x, low, nlow));
    if (nconcern)
        scr_say(x, T_SCHOOLS,
                or_arena_printf(
                    x->a,
                    "%d school%s of concern: %s share of pupils suspended at least once "
                    "is above the 99.8%% control limit for %s size (%s).",
                    nconcern, nconcern == 1 ? " is" : "s are", nconcern == 1 ? "its" : "their",
                    nconcern == 1 ? "its" : "their", scr_names_list(x, concern, nconcern)));
    else
        scr_say(x, T_SCHOOLS, "No school is above the 99.8% control limit.");
    if (nwatch)
        scr_say(x, T_SCHOOLS,
                or_arena_printf(x->a, "%d more %s on watch, above the 95%% limit (%s).", nwatch,
                                nwatch == 1 ? "is" : "are", scr_names_list(x, watch, nwatch)));
    /* the table */
    static const char *const heads[] = {"School",
                                        "Pupils",
                                        "Suspensions",
                                        "Suspensions per 100 pupils",
                                        "Pupils suspended at least once",
                                        "Suspended at least once (%)",
                                        "Upper limits, 95% and 99.8% (%)",
                                        "Funnel plot",
                                        "Share of LA suspensions (%)",
                                        "Cumulative share (%)",
                                        "Permanent exclusions"};
    static const char *const from[] = {NULL,
                                       "headcount",
                                       "suspension",
                                       "susp_rate",
                                       "one_plus_susp",
                                       "one_plus_susp_rate",
                                       NULL,
                                       "funnel",
                                       "share_of_la_suspensions",
                                       "cumulative_share",
                                       "perm_excl"};
    enum { NCOL = sizeof heads / sizeof heads[0] };
    const bool numeric[NCOL] = {false, true, true, true, true, true, true, false, true, true, true};
    or_table t;
    scr_tb b;
    scr_tb_begin(&b, &t, x->a,
                 or_arena_printf(x->a, "Schools by number of suspensions, %s", x->year), NCOL,
                 heads, numeric);
    for (int r = 0; r < src.nrows; r++) {
        const char **row = scr_tb_row(&b);
        row[0] =
            or_arena_printf(x->a, "%s (%s)", scr_cell(&src, r, "school"), scr_cell(&src, r, "urn"));
        for (int c = 1; c < NCOL; c++)
            row[c] = from[c] ? scr_commas(x->a, scr_cell(&src, r, from[c]))
                     : !scr_num(scr_cell(&src, r, "upper_limit_95"), &(double){0})
                         ? scr_cell(&src, r, "upper_limit_95")
                         : or_arena_printf(x->a, "%s / %s", scr_cell(&src, r, "upper_limit_95"),
                                           scr_cell(&src, r, "upper_limit_998"));
    }
    html_raw(h, "<h3>Every school</h3>\n"
                "<p>Schools in order of their number of suspensions, with the cumulative share "
                "of the LA's suspensions. Limits are for the one-plus rate.</p>\n");
    scr_table_out(x, &t);
    scr_section_end(x);
    return OR_OK;
}
