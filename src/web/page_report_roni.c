/* page_report_roni.c - GET /reports/roni (the LA): the Risk of NEET Indicator against what
 * became of the pupils (roni_report.h, docs/roni.md, `onroll report roni-outcomes`).
 *
 *   - How well it predicted: of the pupils in Year 11 on the day of scoring (15 January of the
 *     last school year, or ?as_of=YYYY-MM-DD), by band of the score shown (overrides applied),
 *     how many have a destination recorded after that day, and the share of those NEET or not
 *     known (NCCIS activity codes: nccis.h).
 *   - Destinations of the pupils who left alternative provision, were permanently excluded, or
 *     were on the RONI list (a score of 1 or more in Year 11 on that day), each with its latest
 *     destination.
 *
 * It names pupils, so it is the LA's only (routes.c); /reports links to it for the LA. */
#include <stdio.h>
#include <string.h>

#include "onroll/excl.h"
#include "onroll/nccis.h"
#include "onroll/roni_report.h"
#include "web/reports.h"
#include "web/view.h"

void page_report_roni_link(or_sb *out)
{
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/roni\">Risk "
                  "of NEET and destinations</a>: how well the Risk of NEET Indicator predicted "
                  "who became NEET, and where pupils who left alternative provision or were "
                  "permanently excluded went.</p>\n");
}

/* Left AP by d: an AP placement that ended, or a main registration at an AP school or PRU that
 * ended. */
static bool left_ap(const or_pupil_facts *f, or_date d)
{
    for (int i = 0; i < f->nevents; i++)
        if (f->events[i].kind == OR_EV_AP_PLACEMENT && f->events[i].end != OR_DATE_NONE &&
            f->events[i].end <= d)
            return true;
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        if (e->end == OR_DATE_NONE || e->end > d || !f->school)
            continue;
        const or_school_info *s = f->school(f->school_ctx, e->urn);
        if (s && s->phase && (!strcmp(s->phase, "ap") || !strcmp(s->phase, "pru")))
            return true;
    }
    return false;
}

static bool excluded(const or_pupil_facts *f, or_date d)
{
    for (int i = 0; i < f->nevents; i++)
        if (f->events[i].kind == OR_EV_PERMANENT && or_excl_counts(f, &f->events[i], d))
            return true;
    return false;
}

static void outcomes_table(or_sb *out, const web_request *req, const or_roni_outcome *o)
{
    static const char *const heads[] = {"Band", "Year 11 pupils", "With a destination",
                                        "NEET", "Not known",      "NEET or not known"};
    gov_table_start(out, "Year 11 pupils by band, and their destinations", heads, 6);
    for (int b = OR_RONI_BAND__N - 1; b >= 0; b--) {
        gov_table_row_start(out);
        gov_td(out, or_roni_band_label(b));
        gov_td_num(out, o[b].pupils);
        gov_td_num(out, o[b].destinations);
        gov_td_num(out, o[b].neet);
        gov_td_num(out, o[b].not_known);
        char pct[OR_FMT_PCT_LEN];
        gov_td(out, o[b].destinations ? or_arena_printf(req->arena, "%s%%",
                                                        or_fmt_pct(o[b].neet + o[b].not_known,
                                                                   o[b].destinations, pct))
                                      : "No destinations yet");
        gov_table_row_end(out);
    }
    gov_table_end(out);
}

static void report_page(const web_request *req, web_response *res, view_snapshot *snap)
{
    or_date day = or_roni_outcomes_day(snap->as_of);
    const char *asked = web_query(req, "as_of");
    if (*asked && !or_date_parse(asked, &day)) {
        web_error(req, res, 400, "Enter a real date",
                  "The date of scoring must be a real date, like 2026-01-15.");
        return;
    }
    or_error err = {0};
    or_roni_override *ov = NULL;
    or_destination *dest = NULL;
    int nov = 0, ndest = 0;
    if (or_roni_overrides_load(req->store, req->arena, &ov, &nov, &err) ||
        or_destinations_load(req->store, req->arena, &dest, &ndest, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The destinations could not be read.");
        return;
    }
    or_roni_outcome o[OR_RONI_BAND__N];
    or_roni_outcomes(snap->model, day, ov, nov, dest, ndest, o);
    or_sb *out = &res->body;
    char d[24];
    gov_page_start(out, req, "Risk of NEET and destinations");
    html_printf(out,
                "<a class=\"govuk-back-link\" href=\"/reports\">Back to reports</a>\n<span "
                "class=\"govuk-caption-l\">Year 11 on %s</span>\n<h1 class=\"govuk-heading-l\">"
                "Risk of NEET and destinations</h1>\n<p class=\"govuk-body\">How well the Risk "
                "of NEET Indicator (version %s) predicted: the pupils in Year 11 on that day by "
                "the band of their score, and of those with a destination recorded since, how "
                "many were NEET or their situation was not known (NCCIS activity codes 500 to "
                "699 and 800 to 899).</p>\n",
                view_date(day, d), OR_RONI_VERSION);
    outcomes_table(out, req, o);
    html_raw(out, "<h2 class=\"govuk-heading-m\">Where pupils went</h2>\n<p class=\"govuk-body"
                  "\">Pupils who left alternative provision, were permanently excluded, or were "
                  "on the Risk of NEET list in Year 11, with their latest destination.</p>\n");
    static const char *const heads[] = {"Pupil", "Why listed", "Date", "Destination"};
    or_sb table = OR_SB_INIT; /* the rows, then the table only when there are some */
    int shown = 0;
    for (int i = 0; i < snap->npupils; i++) {
        const view_pupil *p = &snap->pupils[i];
        const or_destination *de = or_destination_after(dest, ndest, p->upn, OR_DATE_NONE);
        if (!de)
            continue;
        or_roni_score s;
        bool listed = or_roni_score_pupil(p->f, day, &s) && s.year_group == 11;
        const or_roni_override *x = listed ? or_roni_override_find(ov, nov, p->upn) : NULL;
        listed = listed && (x ? x->score : s.score) > 0;
        bool ap = left_ap(p->f, de->date), pex = excluded(p->f, de->date);
        if (!listed && !ap && !pex)
            continue;
        shown++;
        gov_table_row_start(&table);
        html_printf(&table,
                    "<td class=\"govuk-table__cell\">%s<br><span class=\"onroll-secondary\">UPN "
                    "%s</span></td>\n",
                    p->name && *p->name ? p->name : p->upn, p->upn);
        gov_td(&table, or_arena_printf(
                           req->arena, "%s%s%s%s%s", ap ? "Left alternative provision" : "",
                           ap && (pex || listed) ? "; " : "", pex ? "Permanently excluded" : "",
                           pex && listed ? "; " : "", listed ? "On the Risk of NEET list" : ""));
        gov_td(&table, view_date(de->date, d));
        gov_td(&table, or_arena_printf(req->arena, "%s (code %d)", or_nccis_name(de->activity),
                                       de->activity));
        gov_table_row_end(&table);
    }
    if (shown) {
        gov_table_start(out, "Destinations", heads, 4);
        html_kept(out, or_sb_str(&table), table.len); /* built above through the helpers */
        gov_table_end(out);
    }
    or_sb_release(&table);
    if (!shown)
        html_raw(out, "<p class=\"govuk-body\">No destinations of these pupils are recorded "
                      "yet. Import them as a destinations file (upn, date, activity).</p>\n");
    gov_page_end(out, req);
}

void page_report_roni(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The risk of NEET and destinations", report_page);
}
