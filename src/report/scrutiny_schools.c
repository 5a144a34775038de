/* scrutiny_schools.c - the scrutiny report's schools section: or_report_schools with
 * secondary suppression (scrutiny_mask.c), "N schools issue half of all suspensions" from the
 * cumulative shares, a funnel plot for each kind of school (scrutiny_peers.c: primary,
 * secondary, special, PRU and AP, each school against its own kind's rate with the 95% and
 * 99.8% control limits; svg.h), the schools of concern and on watch in words, what each kind
 * is compared with, the concentration curve (scrutiny_concentration.c) and the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/report.h"
#include "onroll/svg.h"
#include "report/scrutiny_internal.h"
#include "html/html.h"

/* The peer groups: their schools, pupils and rate (what each school is judged against). */
static void scr_write_peer_table(scr *x, const scr_peers *pp)
{
    static const char *const heads[] = {"Schools of this kind", "Pupils",
                                        "Pupils suspended at least once",
                                        "Suspended at least once (%)"};
    enum { NCOL = sizeof heads / sizeof heads[0] };
    const bool numeric[NCOL] = {false, true, true, true};
    or_table t;
    scr_tb b;
    scr_tb_begin(&b, &t, x->a,
                 or_arena_printf(x->a, "What each school is compared with, %s", x->year), NCOL,
                 heads, numeric);
    for (int g = 0; g < pp->ngroups; g++) {
        const scr_peer_group *grp = &pp->groups[g];
        if (!grp->nschools)
            continue;
        const scr_peer_kind *k = scr_peer_kind_of(grp->kind);
        const char **row = scr_tb_row(&b);
        row[0] = x->nla > 1 ? or_arena_printf(x->a, "%s, LA %s", k->heading, grp->la) : k->heading;
        row[1] = scr_commas(x->a, or_arena_printf(x->a, "%lld", (long long)grp->n));
        row[2] =
            grp->hidden ? "c" : scr_commas(x->a, or_arena_printf(x->a, "%lld", (long long)grp->x));
        row[3] = grp->hidden ? "c" : or_arena_printf(x->a, "%.2f", grp->p * 100);
    }
    scr_table_out(x, &t);
}

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
    /* each school against its own kind (scrutiny_peers.c) */
    scr_peers pp;
    if ((rc = scr_peers_build(x, &src, &pp, err)))
        return rc;
    static const char *const one_cols[] = {"one_plus_susp", "one_plus_susp_rate", NULL};
    for (int i = 0; i < pp.nschools; i++)
        if (pp.schools[i].hidden)
            scr_hide_cells(&src, pp.schools[i].row, one_cols);
    html_raw(h, "<p>Each school's share of pupils suspended at least once (the one-plus rate) "
                "is compared with the rate of schools of its own kind: primary schools with "
                "primary schools, secondary with secondary, special schools with special "
                "schools, and pupil referral units and alternative provision with each other. "
                "A pupil referral unit's pupils have often been excluded already, so a high "
                "rate there says nothing about the unit against a mainstream school.</p>\n"
                "<p>In a funnel plot a school's rate varies more by chance the fewer pupils it "
                "has, so the control limits (95% and 99.8%) narrow as schools get bigger. A "
                "school above its group's 99.8% limit is <b>of concern</b>: a rate that high "
                "would arise by chance about once in a thousand. Above the 95% limit it is on "
                "<b>watch</b>. Schools whose figures are suppressed are drawn at their size "
                "below the plot, without a rate.</p>\n");
    int nconcern = 0, nwatch = 0, nlow = 0;
    const char **concern = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *concern);
    const char **watch = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *watch);
    const char **low = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *low);
    const char **concern_li = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *concern_li);
    or_svg_funnel_point *pts = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *pts);
    const char **apart = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *apart);
    for (int g = 0; g < pp.ngroups; g++) {
        const scr_peer_group *grp = &pp.groups[g];
        const scr_peer_kind *k = scr_peer_kind_of(grp->kind);
        int npts = 0, nhid = 0, napart = 0, gc = 0, gw = 0;
        const char **gconcern = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *gconcern);
        const char **gwatch = or_arena_calloc(x->a, (size_t)src.nrows + 1, sizeof *gwatch);
        int members = 0;
        for (int i = 0; i < pp.nschools; i++)
            members += pp.schools[i].group_at == g;
        if (!members)
            continue;
        const char *heading =
            x->nla > 1 ? or_arena_printf(x->a, "%s, LA %s", k->heading, grp->la) : k->heading;
        const char *id = x->nla > 1 ? or_arena_printf(x->a, "chart-funnel-%s-%s", k->id, grp->la)
                                    : or_arena_printf(x->a, "chart-funnel-%s", k->id);
        html_printf(h, "<h3>%s</h3>\n", heading);
        for (int i = 0; i < pp.nschools; i++) {
            const scr_peer_school *s = &pp.schools[i];
            if (s->group_at != g)
                continue;
            const char *name = scr_cell(&src, s->row, "school");
            if (s->n <= 0) {
                apart[napart++] = or_arena_printf(
                    x->a, "%s (no pupils on roll on census day: no rate to plot)", name);
                continue;
            }
            or_svg_funnel_point *pt = &pts[npts++];
            pt->label = name;
            pt->n = (double)s->n;
            if (s->hidden || !s->judged) {
                pt->cls = OR_SVG_PT_HIDDEN;
                nhid++;
                continue;
            }
            pt->pct = 100.0 * (double)s->x / (double)s->n;
            pt->cls = s->cls == OR_FUNNEL_CONCERN                               ? OR_SVG_PT_CONCERN
                      : s->cls == OR_FUNNEL_WATCH                               ? OR_SVG_PT_WATCH
                      : s->cls == OR_FUNNEL_LOW || s->cls == OR_FUNNEL_VERY_LOW ? OR_SVG_PT_LOW
                                                                                : OR_SVG_PT_WITHIN;
            pt->labelled = pt->cls == OR_SVG_PT_CONCERN || pt->cls == OR_SVG_PT_WATCH;
            if (pt->cls == OR_SVG_PT_CONCERN) {
                gconcern[gc++] = name;
                concern[nconcern] = name;
                concern_li[nconcern++] = or_arena_printf(
                    x->a,
                    "%s (URN %s, against %s): %s%% of %s pupils suspended at least once; "
                    "upper 99.8%% limit %.2f%% (the group's rate is %.2f%%)",
                    name, scr_cell(&src, s->row, "urn"), k->peers,
                    scr_cell(&src, s->row, "one_plus_susp_rate"),
                    scr_commas(x->a, scr_cell(&src, s->row, "headcount")), s->fl.hi998 * 100,
                    grp->p * 100);
            } else if (pt->cls == OR_SVG_PT_WATCH) {
                gwatch[gw++] = name;
                watch[nwatch++] = name;
            } else if (pt->cls == OR_SVG_PT_LOW)
                low[nlow++] = name;
        }
        if (grp->hidden) {
            html_printf(h,
                        "<p>There is no funnel plot of %s: too few of their pupils were "
                        "suspended to publish their rate. Their figures are in the table "
                        "below.</p>\n",
                        k->peers);
        } else if (npts) {
            html_printf(h,
                        "<p>%d %s; %s pupils on roll, of whom %s%% were suspended at least "
                        "once. Every school of the group is judged against that rate.</p>\n",
                        npts, npts == 1 ? "school" : "schools",
                        scr_commas(x->a, or_arena_printf(x->a, "%lld", (long long)grp->n)),
                        or_arena_printf(x->a, "%.2f", grp->p * 100));
            if (npts == 1)
                html_printf(h,
                            "<p>It is the only one of the LA's %s, so it can only be compared "
                            "with itself: the plot shows its rate, not a judgement. Compare it "
                            "with schools of its kind elsewhere (the England and regional "
                            "figures) instead.</p>\n",
                            k->peers);
            or_sb desc = OR_SB_INIT;
            or_sb_addf(&desc,
                       "A funnel plot of %d %s: each school's percentage of pupils suspended "
                       "at least once against its number of pupils, with the group's average "
                       "(%.2f%%) and the 95%% and 99.8%% control limits around it. ",
                       npts, k->peers, grp->p * 100);
            or_sb_addf(&desc, "%d %s above the 99.8%% limit (of concern)%s", gc,
                       gc == 1 ? "is" : "are", gc ? ": " : ". ");
            if (gc) {
                or_sb_adds(&desc, scr_names_list(x, gconcern, gc));
                or_sb_adds(&desc, ". ");
            }
            or_sb_addf(&desc, "%d %s above the 95%% limit only (watch)%s", gw,
                       gw == 1 ? "is" : "are", gw ? ": " : ". ");
            if (gw) {
                or_sb_adds(&desc, scr_names_list(x, gwatch, gw));
                or_sb_adds(&desc, ". ");
            }
            if (nhid)
                or_sb_addf(&desc,
                           "%d school%s with suppressed figures %s drawn below the plot at "
                           "%s size, without a rate. ",
                           nhid, nhid == 1 ? "" : "s", nhid == 1 ? "is" : "are",
                           nhid == 1 ? "its" : "their");
            or_sb_adds(&desc, "Every school's figures are in the table below.");
            or_svg_funnel_chart fc = {
                {id,
                 or_arena_printf(x->a, "Funnel plot: pupils suspended at least once, %s, %s",
                                 k->peers, x->year),
                 or_sb_str(&desc)},
                "Pupils on roll on census day (headcount)",
                "Pupils suspended at least once (%)",
                grp->p,
                npts,
                pts};
            html_raw(h, "<figure class=\"chart-figure\">\n");
            or_svg_funnel_named(h, &fc, "Group average");
            html_raw(h, "</figure>\n");
            or_sb_release(&desc);
            if (gc)
                html_printf(h, "<p>Of concern against %s: %s.</p>\n", k->peers,
                            scr_names_list(x, gconcern, gc));
            if (gw)
                html_printf(h, "<p>On watch against %s: %s.</p>\n", k->peers,
                            scr_names_list(x, gwatch, gw));
        }
        if (napart) {
            html_raw(h, "<p>Not in the plot:</p>\n<ul class=\"list\">\n");
            for (int i = 0; i < napart; i++)
                html_printf(h, "<li>%s</li>\n", apart[i]);
            html_raw(h, "</ul>\n");
        }
    }
    /* schools whose phase is not known are compared with nobody */
    int nunknown = 0;
    for (int i = 0; i < pp.nschools; i++)
        if (pp.schools[i].group_at < 0)
            apart[nunknown++] = scr_cell(&src, pp.schools[i].row, "school");
    if (nunknown)
        html_printf(h,
                    "<p>Not compared with other schools (their phase is not recorded): %s.</p>\n",
                    scr_names_list(x, apart, nunknown));
    html_raw(h, "<h3>Schools of concern</h3>\n");
    if (nconcern) {
        html_raw(h, "<ul class=\"list\">\n");
        for (int i = 0; i < nconcern; i++)
            html_printf(h, "<li>%s</li>\n", concern_li[i]);
        html_raw(h, "</ul>\n");
    } else {
        html_raw(h, "<p>No school's one-plus rate is above the 99.8% control limit of schools "
                    "of its kind.</p>\n");
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
                    "is above the 99.8%% control limit of schools of %s kind (%s).",
                    nconcern, nconcern == 1 ? " is" : "s are", nconcern == 1 ? "its" : "their",
                    nconcern == 1 ? "its" : "their", scr_names_list(x, concern, nconcern)));
    else
        scr_say(x, T_SCHOOLS, "No school is above the 99.8% control limit of its kind.");
    if (nwatch)
        scr_say(x, T_SCHOOLS,
                or_arena_printf(x->a, "%d more %s on watch, above the 95%% limit (%s).", nwatch,
                                nwatch == 1 ? "is" : "are", scr_names_list(x, watch, nwatch)));
    scr_write_peer_table(x, &pp);
    scr_write_concentration(x, &src, &pp);
    /* the table */
    static const char *const heads[] = {"School",
                                        "Compared with",
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
                                       NULL,
                                       "headcount",
                                       "suspension",
                                       "susp_rate",
                                       "one_plus_susp",
                                       "one_plus_susp_rate",
                                       NULL,
                                       NULL,
                                       "share_of_la_suspensions",
                                       "cumulative_share",
                                       "perm_excl"};
    enum { NCOL = sizeof heads / sizeof heads[0] };
    const bool numeric[NCOL] = {false, false, true,  true, true, true,
                                true,  true,  false, true, true, true};
    or_table t;
    scr_tb b;
    scr_tb_begin(&b, &t, x->a,
                 or_arena_printf(x->a, "Schools by number of suspensions, %s", x->year), NCOL,
                 heads, numeric);
    for (int r = 0; r < src.nrows; r++) {
        const scr_peer_school *s = &pp.schools[r];
        const scr_peer_kind *k =
            s->group_at >= 0 ? scr_peer_kind_of(pp.groups[s->group_at].kind) : NULL;
        bool hidden_n = !scr_num(scr_cell(&src, r, "headcount"), &(double){0});
        const char **row = scr_tb_row(&b);
        row[0] =
            or_arena_printf(x->a, "%s (%s)", scr_cell(&src, r, "school"), scr_cell(&src, r, "urn"));
        row[1] = k ? k->name : "Not known";
        for (int c = 2; c < NCOL; c++)
            if (from[c])
                row[c] = scr_commas(x->a, scr_cell(&src, r, from[c]));
        bool sup = s->n > 0 && (s->hidden || (s->group_at >= 0 && pp.groups[s->group_at].hidden));
        row[7] = hidden_n ? "c"
                 : s->judged
                     ? or_arena_printf(x->a, "%.2f / %.2f", s->fl.hi95 * 100, s->fl.hi998 * 100)
                     : "z";
        if (!s->judged && sup && s->group_at >= 0 && pp.groups[s->group_at].hidden)
            row[7] = "c";
        row[8] = sup ? "c" : s->judged ? or_funnel_class_name(s->cls) : "z";
    }
    html_raw(h, "<h3>Every school</h3>\n"
                "<p>Schools in order of their number of suspensions, with the cumulative share "
                "of the LA's suspensions. Limits are for the one-plus rate, against schools of "
                "the same kind.</p>\n");
    scr_table_out(x, &t);
    scr_section_end(x);
    return OR_OK;
}
