/* page_report_actions.c - GET and POST /reports/scrutiny/actions?year=YYYY/YY : "What the local
 * authority is doing", the LA's own words in the annual scrutiny report (its actions and its
 * recommendations for the year; store_scrutiny.h, migration 022), written by LA officers and
 * administrators. A form of the form engine (form.h): its fields declared below, read and
 * checked by index (a textarea's characters and length), every error at once. A save is one
 * transaction: the year's words and one line in the audit log; then back to the form with a
 * banner. Both left empty: the section is removed, and the report says it has not been written.
 *
 * Also the notes /reports shows beside the report's link (page_report_scrutiny_notes): what the
 * report of the year would do without (or_scrutiny_missing), told to the person generating it,
 * never written into the document. */
#include <stdio.h>
#include <string.h>

#include "onroll/scrutiny.h"
#include "onroll/store_scrutiny.h"
#include "web/form.h"
#include "web/live_model.h"
#include "web/reports.h"

enum { F_YEAR, F_ACTIONS, F_RECS, F__N };
static const form_field fields[F__N] = {
    [F_YEAR] = {"year", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_ACTIONS] = {"actions", "What the local authority is doing",
                   "The actions the local authority and its partners are taking on the figures "
                   "in this report. Leave a blank line between paragraphs. Start a line with a "
                   "dash and a space for a list",
                   FORM_TEXTAREA, .noun = "actions", .max = OR_SCRUTINY_WORDS_MAX, .rows = 10},
    [F_RECS] = {"recommendations", "Recommendations to the scrutiny commission",
                "What the local authority asks the commission to note or agree", FORM_TEXTAREA,
                .noun = "recommendations", .max = OR_SCRUTINY_WORDS_MAX, .rows = 8},
};

static const char *path_of(const web_request *req, int ay)
{
    return or_arena_printf(req->arena, "/reports/scrutiny/actions?year=%d/%02d", ay,
                           (ay + 1) % 100);
}

/* The year asked for (the query's, else the form's), or 0 after answering 400. */
static int year_of(const web_request *req, web_response *res, const char *text)
{
    int ay = 0;
    if (!text || !*text || !or_academic_year_parse(text, &ay) || ay < OR_DATE_MIN_YEAR ||
        ay >= OR_DATE_MAX_YEAR) {
        web_error(req, res, 400, "Bad request", "Choose an academic year from the Reports page.");
        return 0;
    }
    return ay;
}

static void show(form *f, web_response *res, int ay, const or_scrutiny_words *w)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    char year[16];
    snprintf(year, sizeof year, "%d/%02d", ay, (ay + 1) % 100);
    form_errors_in_order(f);
    form_page_start(out, f, "What the local authority is doing", "/reports", "Back to reports",
                    or_arena_printf(req->arena, "Annual scrutiny report %s", year));
    if (*web_query(req, "saved"))
        gov_notification(out, "Success",
                         "Saved. The scrutiny report now prints these words as the local "
                         "authority's.",
                         true);
    html_printf(out,
                "<p class=\"govuk-body\">The scrutiny report for %s prints these words as the "
                "local authority's own, after the commentary on the figures. Until they are "
                "written, the report says this section has not been written yet.</p>\n",
                year);
    if (w && w->found && *w->set_at) {
        or_date d = OR_DATE_NONE;
        char day[11] = "", when[24] = "";
        snprintf(day, sizeof day, "%s", w->set_at);
        if (or_date_parse(day, &d))
            or_date_human(d, when);
        html_printf(out,
                    "<p class=\"govuk-body govuk-!-text-break-word\">Last saved by %s%s%s.</p>\n",
                    w->set_by, *when ? " on " : "", when);
    }
    form_start(out, f, "/reports/scrutiny/actions");
    form_fields_html(out, f, 0, f->n);
    gov_button(out, "Save", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (f->nerrors)
        res->status = 400;
}

void page_report_actions(const web_request *req, web_response *res)
{
    int ay = year_of(req, res, web_query(req, "year"));
    if (!ay)
        return;
    or_scrutiny_words w;
    or_error err = {0};
    if (or_scrutiny_words_get(req->store, ay, req->arena, &w, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The local authority's words could not be read.");
        return;
    }
    form f;
    form_init(&f, req, fields, F__N);
    form_set(&f, F_YEAR, or_arena_printf(req->arena, "%d/%02d", ay, (ay + 1) % 100));
    form_set(&f, F_ACTIONS, w.actions);
    form_set(&f, F_RECS, w.recommendations);
    show(&f, res, ay, &w);
}

void page_report_actions_post(const web_request *req, web_response *res)
{
    form f;
    form_init(&f, req, fields, F__N);
    form_read(&f);
    int ay = year_of(req, res, form_text(&f, F_YEAR));
    if (!ay)
        return;
    form_validate(&f);
    if (f.nerrors) {
        show(&f, res, ay, NULL);
        return;
    }
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_scrutiny_words_set(req->store, ay, form_text(&f, F_ACTIONS), form_text(&f, F_RECS),
                                   req->user->email, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(
                           req->arena,
                           "scrutiny report %d/%02d: what the local "
                           "authority is doing%s",
                           ay, (ay + 1) % 100,
                           *form_text(&f, F_ACTIONS) || *form_text(&f, F_RECS) ? "" : " (cleared)"))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The words could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "%s&saved=1", path_of(req, ay)));
}

typedef struct {
    or_sb *out;
    const web_request *req;
    int n;
} notes_ctx;

static void note(void *ctx, const char *message)
{
    notes_ctx *c = ctx;
    if (!c->n++)
        html_raw(c->out,
                 "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">Before you "
                 "publish this report:</p>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
    char *m = or_arena_strdup(c->req->arena, message); /* a sentence here: capital first */
    if (m[0] >= 'a' && m[0] <= 'z')
        m[0] = (char)(m[0] - 'a' + 'A');
    html_printf(c->out, "<li>%s.</li>\n", m);
}

void page_report_scrutiny_notes(or_sb *out, const web_request *req, int ay)
{
    notes_ctx c = {out, req, 0};
    or_error err = {0};
    (void)or_scrutiny_missing(req->store, ay, note, &c, &err);
    if (c.n)
        html_raw(out, "</ul>\n</div>\n");
    if (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER) {
        const char *year = or_arena_printf(req->arena, "%d/%02d", ay, (ay + 1) % 100);
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/reports/scrutiny/actions?year=%t\">Write what the local authority "
                    "is doing</a> (its actions and recommendations in the report for %s).</p>\n",
                    year, year);
    }
}
