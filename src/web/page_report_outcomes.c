/* page_report_outcomes.c - GET /reports/outcomes and GET /reports/outcomes/download : the
 * outcomes report of the graduated response (outcomes_report.h, `onroll report outcomes`) on
 * screen and as CSV.
 *
 * For each intervention of the directory that pupils received by the date asked for: how many
 * pupils, how many of them have ended it, their suspensions in the school term before it
 * started against the term after it ended (the pupils whose term after has finished); and for
 * every measure and scale recorded before and after it, the pupils measured twice, the mean
 * before and after, the mean change with its 95% confidence interval, and whether that is an
 * improvement given the scale's direction (a GOV.UK tag with its words, not a colour alone).
 * A form chooses the date ("as of", today by default) and one intervention or all.
 *
 * Small numbers: a row of 1 or 2 pupils shows its counts and figures as c, as the CLI does by
 * default (threshold 2). An LA administrator or officer may ask for unsuppressed figures
 * (?unsuppressed=1), which is written to the audit log each time (report.unsuppressed, as the
 * CLI's --unsuppressed); the analyst sees suppressed figures only (asking otherwise: 403,
 * logged; report_refuse_unsuppressed). The download is exactly the CLI's CSV for the same
 * date, intervention and suppression (or_outcomes_write_csv), written to the audit log as an
 * export.
 *
 * The figures come from the LA snapshot's model (view_cache.c: the whole ledger, rebuilt when
 * the database changes). */
#include <stdio.h>
#include <string.h>

#include "onroll/outcomes_report.h"
#include "web/reports.h"
#include "web/view.h"

enum { THRESHOLD = 2 }; /* the CLI's default: rows of 1 to 2 pupils are suppressed */

typedef struct {
    or_date as_of;
    const char *day, *month, *year; /* as typed */
    const char *intervention;       /* as asked: "" for all */
    bool unsuppressed;
} outcomes_query;

typedef struct {
    gov_error items[4];
    int n;
} errors;

static void add_error(errors *e, const char *field, const char *msg)
{
    if (e->n < (int)(sizeof e->items / sizeof e->items[0]))
        e->items[e->n++] = (gov_error){field, msg};
}

/* Is id an intervention of the report's rows? */
static bool known(const or_outcome_rows *all, const char *id)
{
    for (int i = 0; i < all->n; i++)
        if (!all->rows[i].measure && !strcmp(all->rows[i].intervention, id))
            return true;
    return false;
}

/* Read and check the query. all: the report of every intervention as of the date (for the
 * list of interventions); built here. */
static or_code read_query(const web_request *req, const or_model *m, outcomes_query *q,
                          or_outcome_rows *all, errors *e, or_error *err)
{
    memset(q, 0, sizeof *q);
    q->day = web_query(req, "as-of-day");
    q->month = web_query(req, "as-of-month");
    q->year = web_query(req, "as-of-year");
    q->as_of = web_today(req);
    const char *d = web_date_from_parts(req->arena, q->day, q->month, q->year);
    if (*d && !or_date_parse(d, &q->as_of)) {
        add_error(e, "as-of-day", "The date must be a real date, for example 1 4 2026");
        q->as_of = web_today(req);
    }
    q->unsuppressed = !strcmp(web_query(req, "unsuppressed"), "1") && report_la_user(req);
    or_code rc = or_outcomes_build(m, q->as_of, NULL, req->arena, all, err);
    if (rc)
        return rc;
    q->intervention = web_query(req, "intervention");
    if (*q->intervention && !known(all, q->intervention)) {
        add_error(e, "intervention", "Select an intervention from the list");
        q->intervention = "";
    }
    return OR_OK;
}

/* The query string of the report (for the download link), percent-encoded. */
static void query_string(or_sb *out, const outcomes_query *q)
{
    char d[11];
    int y, mo, dd;
    or_date_format(q->as_of, d);
    or_date_to_ymd(q->as_of, &y, &mo, &dd);
    html_printf(out, "as-of-day=%d&amp;as-of-month=%d&amp;as-of-year=%d", dd, mo, y);
    if (*q->intervention)
        html_printf(out, "&amp;intervention=%t", q->intervention);
    if (q->unsuppressed)
        html_raw(out, "&amp;unsuppressed=1");
}

/* What the report is, in words, for the audit log. */
static const char *describe(or_arena *a, const outcomes_query *q)
{
    char d[11];
    or_date_format(q->as_of, d);
    return or_arena_printf(a, "outcomes as of %s, %s%s (%s)", d,
                           *q->intervention ? "intervention " : "every intervention",
                           q->intervention, q->unsuppressed ? "unsuppressed" : "suppressed");
}

static void query_form(or_sb *out, const web_request *req, const outcomes_query *q,
                       const or_outcome_rows *all, const errors *e)
{
    gov_form_start(out, req, "get", "/reports/outcomes");
    char day[3], month[3], year[5];
    web_date_parts(q->as_of, day, month, year);
    bool typed = *q->day || *q->month || *q->year;
    gov_date_input(out, "as-of", "As of",
                   "The report counts what was recorded up to this date. For example, 1 4 2026",
                   typed ? q->day : day, typed ? q->month : month, typed ? q->year : year,
                   gov_error_for(e->items, e->n, "as-of-day"));
    gov_choice *items = or_arena_alloc(req->arena, (size_t)(all->n + 1) * sizeof *items);
    int n = 0;
    items[n++] = (gov_choice){"", "All interventions", NULL};
    for (int i = 0; i < all->n; i++)
        if (!all->rows[i].measure)
            items[n++] = (gov_choice){all->rows[i].intervention,
                                      web_intervention_name(req, all->rows[i].intervention), NULL};
    gov_select(out, "intervention", "Intervention", NULL, items, n, q->intervention,
               gov_error_for(e->items, e->n, "intervention"));
    if (report_la_user(req)) {
        static const gov_choice un[] = {
            {"1", "Show unsuppressed figures",
             "For use inside the local authority only. Viewing or downloading them is recorded "
             "in the audit log with your name."}};
        bool ticked[1] = {q->unsuppressed};
        gov_checkboxes(out, "unsuppressed", "Small numbers", NULL, un, 1, ticked, NULL);
    }
    gov_button(out, "Show the report", false);
    gov_form_end(out);
}

static const char *count(const web_request *req, int64_t n, bool hide)
{
    return hide ? "c" : or_arena_printf(req->arena, "%lld", (long long)n);
}

static const char *num(const web_request *req, double v)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%.2f", v);
    return or_arena_strdup(req->arena, buf);
}

static void td_num(or_sb *out, const char *text)
{
    html_printf(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%s</td>\n", text);
}

static void change_tag(or_sb *out, or_change c)
{
    if (c == OR_CHANGE_IMPROVED)
        view_tag(out, "Improved", "green");
    else if (c == OR_CHANGE_WORSENED)
        view_tag(out, "Worse", "red");
    else
        view_tag(out, "No change", "grey");
}

/* The summary of intervention r: pupils, ended, suspensions before and after. */
static void summary(or_sb *out, const web_request *req, const or_outcome_row *r, int threshold)
{
    bool hide = r->pupils > 0 && r->pupils <= threshold;
    const or_suspension_change *s = &r->susp;
    bool sh = s->pupils > 0 && s->pupils <= threshold;
    gov_summary_start(out);
    gov_summary_row(out, "Pupils who received it", count(req, r->pupils, hide));
    gov_summary_row(out, "Of them, ended by the date", count(req, r->ended, hide));
    html_raw(out, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                  "Suspensions, the term before against the term after</dt>\n"
                  "<dd class=\"govuk-summary-list__value\">");
    if (!s->pupils)
        html_raw(out, "No pupil's term after has finished yet");
    else if (sh)
        html_raw(out, "c (fewer than 3 pupils)");
    else {
        html_printf(out, "%lld → %lld, over the %lld pupils whose term after has finished ",
                    (long long)s->before, (long long)s->after, (long long)s->pupils);
        change_tag(out, s->direction);
        html_printf(out,
                    "<br><span class=\"onroll-secondary\">Pupils with fewer: %lld, the same: "
                    "%lld, more: %lld</span>",
                    (long long)s->fewer, (long long)s->same, (long long)s->more);
    }
    html_raw(out, "</dd>\n</div>\n");
    gov_summary_end(out);
}

/* The measures of one intervention (rows[from .. to)). */
static void measures_table(or_sb *out, const web_request *req, const char *name,
                           const or_outcome_row *rows, int n, int threshold)
{
    if (!n) {
        html_raw(out, "<p class=\"govuk-body\">No measure was recorded both before and after "
                      "it.</p>\n");
        return;
    }
    const char *caption = or_arena_printf(req->arena, "Measures before and after: %s", name);
    html_printf(out,
                "<div class=\"onroll-table-scroll\" role=\"region\" tabindex=\"0\" "
                "aria-label=\"%s\">\n<table class=\"govuk-table\">\n<caption "
                "class=\"govuk-table__caption govuk-table__caption--s\">%s</caption>\n",
                caption, caption);
    static const char *const heads[] = {"Pupils measured twice", "Mean before", "Mean after",
                                        "Mean change", "95% confidence interval"};
    html_raw(out, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Measure</th>\n");
    for (int i = 0; i < 5; i++)
        html_printf(out,
                    "<th scope=\"col\" class=\"govuk-table__header "
                    "govuk-table__header--numeric\">%s</th>\n",
                    heads[i]);
    html_raw(out, "<th scope=\"col\" class=\"govuk-table__header\">Change</th>\n</tr>\n</thead>\n"
                  "<tbody class=\"govuk-table__body\">\n");
    for (int i = 0; i < n; i++) {
        const or_outcome_row *r = &rows[i];
        const or_paired_change *c = &r->change;
        bool hide = r->pupils > 0 && r->pupils <= threshold;
        html_printf(out,
                    "<tr class=\"govuk-table__row\">\n<th scope=\"row\" "
                    "class=\"govuk-table__header\">%s</th>\n",
                    r->label);
        td_num(out, count(req, r->pupils, hide));
        if (hide) {
            for (int k = 0; k < 4; k++)
                td_num(out, "c");
            html_raw(out, "<td class=\"govuk-table__cell\">c</td>\n</tr>\n");
            continue;
        }
        td_num(out, c->n ? num(req, c->mean_pre) : "");
        td_num(out, c->n ? num(req, c->mean_post) : "");
        td_num(out, c->n ? num(req, c->mean_change) : "");
        td_num(out, c->has_ci ? or_arena_printf(req->arena, "%s to %s", num(req, c->ci_lo),
                                                num(req, c->ci_hi))
                              : "Not applicable (one pupil)");
        html_raw(out, "<td class=\"govuk-table__cell\">");
        change_tag(out, c->change);
        if (c->has_ci && !c->ci_excludes_zero)
            html_raw(out, "<br><span class=\"onroll-secondary\">the interval includes no "
                          "change</span>");
        html_raw(out, "</td>\n</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
}

static void report(or_sb *out, const web_request *req, const or_outcome_rows *r, int threshold)
{
    int shown = 0;
    for (int i = 0; i < r->n;) {
        const or_outcome_row *sum = &r->rows[i];
        int j = i + 1;
        while (j < r->n && r->rows[j].measure &&
               !strcmp(r->rows[j].intervention, sum->intervention))
            j++;
        const char *name = web_intervention_name(req, sum->intervention);
        html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"i-%d\">%s</h2>\n", ++shown, name);
        if (strcmp(name, sum->intervention))
            html_printf(out, "<p class=\"govuk-body onroll-secondary\">Directory entry %s</p>\n",
                        sum->intervention);
        summary(out, req, sum, threshold);
        measures_table(out, req, name, &r->rows[i + 1], j - i - 1, threshold);
        i = j;
    }
    if (!shown)
        html_raw(out, "<p class=\"govuk-body\">No pupil had received an intervention by this "
                      "date.</p>\n");
}

/* The rows of one intervention (or all): its summary row and its measure rows. */
static void keep_only(or_outcome_rows *r, const char *id)
{
    if (!*id)
        return;
    int n = 0;
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->rows[i].intervention, id))
            r->rows[n++] = r->rows[i];
    r->n = n;
}

void page_report_outcomes(const web_request *req, web_response *res)
{
    if (report_refuse_unsuppressed(req, res))
        return;
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    outcomes_query q;
    or_outcome_rows all;
    errors e = {0};
    if (read_query(req, snap->model, &q, &all, &e, &err)) {
        view_snapshot_put(snap);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The outcomes report could not be made.");
        return;
    }
    view_snapshot_put(snap);
    if (q.unsuppressed && !e.n &&
        web_audit(req, "report.unsuppressed", NULL, describe(req->arena, &q))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the figures cannot be shown.");
        return;
    }
    or_outcome_rows shown = all;
    keep_only(&shown, q.intervention);
    or_sb *out = &res->body;
    const char *title = "Outcomes of interventions";
    gov_page_start(out, req, e.n ? "Error: Outcomes of interventions" : title);
    html_raw(out, "<a href=\"/reports\" class=\"govuk-back-link\">Back to reports</a>\n");
    gov_error_summary(out, e.items, e.n);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    html_raw(out,
             "<p class=\"govuk-body\">For each intervention pupils received: the mean change "
             "of every measure taken before and after it (each pupil's first measurement "
             "before against their last after), with a 95% confidence interval, and the "
             "pupils' suspensions at any school in the term before it started against the "
             "term after it ended. A change is an improvement or not by the measure's "
             "direction: fewer difficulties, more prosocial behaviour, higher attendance.</p>\n");
    if (!q.unsuppressed)
        html_raw(out, "<p class=\"govuk-body\">Counts of 1 and 2 pupils, and the figures built "
                      "on them, are shown as c.</p>\n");
    query_form(out, req, &q, &all, &e);
    if (q.unsuppressed)
        gov_warning(out, "These figures are not suppressed. Do not publish or share them "
                         "outside the local authority.");
    char day[24];
    html_printf(out, "<h2 class=\"govuk-heading-l\">As of %s</h2>\n", view_date(q.as_of, day));
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                  "href=\"/reports/outcomes/download?");
    query_string(out, &q);
    html_raw(out, "\" download>Download the report as CSV</a> (the same as <code>onroll report "
                  "outcomes</code>)</p>\n");
    report(out, req, &shown, q.unsuppressed ? 0 : THRESHOLD);
    gov_page_end(out, req);
    if (e.n)
        res->status = 400;
}

void page_report_outcomes_download(const web_request *req, web_response *res)
{
    if (report_refuse_unsuppressed(req, res))
        return;
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The figures could not be loaded.");
        return;
    }
    outcomes_query q;
    or_outcome_rows all, rows;
    errors e = {0};
    or_code rc = read_query(req, snap->model, &q, &all, &e, &err);
    if (!rc && !e.n)
        rc = or_outcomes_build(snap->model, q.as_of, *q.intervention ? q.intervention : NULL,
                               req->arena, &rows, &err);
    view_snapshot_put(snap);
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The outcomes report could not be made.");
        return;
    }
    if (e.n) {
        web_error(req, res, 400, "Bad request", e.items[0].message);
        return;
    }
    if (web_audit(req, "export", NULL, describe(req->arena, &q))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    FILE *fp = web_body_stream(res);
    rc = fp ? or_outcomes_write_csv(fp, &rows, q.unsuppressed ? 0 : THRESHOLD, &err) : OR_EIO;
    if (fp)
        fclose(fp);
    if (rc) {
        or_sb_reset(&res->body);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The file could not be written.");
        return;
    }
    char d[11];
    or_date_format(q.as_of, d);
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"onroll-outcomes-%s%s.csv\"",
                                   d, q.unsuppressed ? "-unsuppressed" : ""));
}
