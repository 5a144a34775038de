/* page_review_plan.c - the action plan of a complete review (reviews.h), with the toolkit's
 * columns (Hackney's action plan: area of development, purpose, actions and lead person, when,
 * measurable outcomes and impact, review with its date, new actions), for two or three focus
 * areas; and its actions as duties: each action's date is its lead's duty (LOCAL-ACTION-PLAN),
 * listed on /duties (page_review_duties_section) and done when recorded done there. */
#include <stdlib.h>
#include <string.h>

#include "onroll/instruments.h"
#include "onroll/reviews.h"
#include "web/form.h"
#include "web/reviews_web.h"
#include "web/view.h"
#include "web/web.h"

enum { MAX_AREAS = 3 };

enum {
    F_AREA,
    F_PURPOSE,
    F_ACTIONS,
    F_LEAD,
    F_STARTS,
    F_DUE,
    F_OUTCOMES,
    F_REVIEW_ON,
    F_REVIEW,
    F_NEW,
    F__N
};
static const form_field fields[F__N] = {
    [F_AREA] = {"area", "Area of development", NULL, FORM_SELECT, FORM_REQUIRED,
                .missing = "Select the area of development"},
    [F_PURPOSE] = {"purpose", "Purpose",
                   "What are you trying to achieve? Think about using the descriptors in the "
                   "audit.",
                   FORM_TEXTAREA, FORM_REQUIRED, .max = 4000, .rows = 3},
    [F_ACTIONS] = {"actions", "Actions", "What are you going to do?", FORM_TEXTAREA, FORM_REQUIRED,
                   .max = 4000, .rows = 3},
    [F_LEAD] = {"lead", "Lead person", "Their name and role; the action is their duty", FORM_TEXT,
                FORM_REQUIRED, .max = 200},
    [F_STARTS] = {"starts", "Start date", "For example, 13 4 2026", FORM_DATE, FORM_REQUIRED,
                  .noun = "start date"},
    [F_DUE] = {"due", "Finish date", "The lead's duty is due on this date", FORM_DATE,
               FORM_REQUIRED, .noun = "finish date"},
    [F_OUTCOMES] = {"outcomes", "Measurable outcomes and impact",
                    "How will you know what you are doing is working?", FORM_TEXTAREA,
                    FORM_REQUIRED, .max = 4000, .rows = 3, .noun = "measurable outcomes"},
    [F_REVIEW_ON] = {"review_on", "Review date (optional)", NULL, FORM_DATE, 0,
                     .noun = "review date"},
    [F_REVIEW] = {"review", "Review (optional)", "Is it working, are you changing the plan?",
                  FORM_TEXTAREA, 0, .max = 4000, .rows = 2},
    [F_NEW] = {"new_actions", "New actions (optional)", NULL, FORM_TEXTAREA, 0, .max = 4000,
               .rows = 2},
};

typedef struct {
    or_review r;
    const or_instrument *in;
    const char *school;
    or_review_action *xs;
    int nxs;
    const char **area_names; /* the LA's names of placeholder areas (NULL: none) */
} plan_ctx;

static bool load(const web_request *req, web_response *res, plan_ctx *p)
{
    memset(p, 0, sizeof *p);
    const char *ids = web_param_get(&req->path_params, "id");
    char *end = NULL;
    long long id = ids ? strtoll(ids, &end, 10) : 0;
    bool found = false;
    or_error err = {0};
    if (id <= 0 || *end) {
        web_error(req, res, 404, "Page not found", "There is no such review.");
        return false;
    }
    if (or_review_get(req->store, id, req->arena, &p->r, &found, &err) ||
        (found && or_review_actions(req->store, id, req->arena, &p->xs, &p->nxs, &err))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The action plan could not be read.");
        return false;
    }
    if (!found || !web_can_see_school(req, p->r.urn) ||
        !(p->in =
              or_instrument_set_find(reviews_instruments(req), p->r.instrument, p->r.version))) {
        web_error(req, res, 404, "Page not found", "There is no such review.");
        return false;
    }
    if (or_instrument_area_names(req->store, p->in, req->arena, &p->area_names, &err))
        p->area_names = NULL;
    p->school = view_school_label(req, p->r.urn);
    return true;
}

static const char *area_title(const plan_ctx *p, int area)
{
    if (area < 1 || area > p->in->nsections)
        return "";
    return p->area_names && p->area_names[area - 1] ? p->area_names[area - 1]
                                                    : p->in->sections[area - 1].title;
}

static const char *date_words(const web_request *req, const char *iso)
{
    or_date d;
    char buf[24];
    if (!*iso || !or_date_parse(iso, &d))
        return "";
    return or_arena_strdup(req->arena, view_date(d, buf));
}

static void plan_form(const web_request *req, const plan_ctx *p, form *f)
{
    form_init(f, req, fields, F__N);
    gov_choice *ch = or_arena_alloc(req->arena, sizeof *ch * (size_t)p->in->nsections);
    for (int s = 0; s < p->in->nsections; s++)
        ch[s] = (gov_choice){or_arena_printf(req->arena, "%d", s + 1), area_title(p, s + 1), NULL};
    f->fields[F_AREA].choices = ch;
    f->fields[F_AREA].nchoices = p->in->nsections;
    form_read(f);
}

static void plan_show(const web_request *req, web_response *res, const plan_ctx *p, form *f)
{
    or_sb *out = &res->body;
    const char *back = or_arena_printf(req->arena, "/reviews/%lld", (long long)p->r.id);
    form_page_start(out, f, "Action plan", back, "Back to the review",
                    or_arena_printf(req->arena, "%s, %s, %s", p->school, p->in->title,
                                    reviews_year_label(req, p->r.ay)));
    if (*web_query(req, "saved"))
        gov_notification(out, "Success", "The action was added to the plan.", true);
    html_raw(out, "<p class=\"govuk-body\">Choose two or three focus areas. Each action's "
                  "finish date is a duty of its lead, listed on <a class=\"govuk-link\" "
                  "href=\"/duties\">Duties</a>.</p>\n");
    if (p->nxs) {
        html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                      "aria-label=\"The plan\">\n");
        const char *heads[] = {
            "Area",   "Purpose",    "Actions and lead", "When", "Measurable outcomes",
            "Review", "New actions"};
        gov_table_start(out, "The plan", heads, 7);
        for (int i = 0; i < p->nxs; i++) {
            const or_review_action *x = &p->xs[i];
            gov_table_row_start(out);
            gov_td(out, area_title(p, x->area));
            gov_td(out, x->purpose);
            gov_td(out, or_arena_printf(req->arena, "%s (lead: %s)", x->actions, x->lead));
            gov_td(out, or_arena_printf(req->arena, "%s to %s%s", date_words(req, x->starts_on),
                                        date_words(req, x->due_on), *x->done_on ? ", done" : ""));
            gov_td(out, x->outcomes);
            gov_td(out, *x->review_on ? or_arena_printf(req->arena, "%s (%s)", x->review_note,
                                                        date_words(req, x->review_on))
                                      : x->review_note);
            gov_td(out, x->new_actions);
            gov_table_row_end(out);
        }
        gov_table_end(out);
        html_raw(out, "</div>\n");
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\">Add an action</h2>\n");
    form_start(out, f, or_arena_printf(req->arena, "/reviews/%lld/plan", (long long)p->r.id));
    form_fields_html(out, f, 0, F__N);
    form_page_end(out, f, res, "Add to the plan", NULL);
}

static bool ready(const web_request *req, web_response *res, const plan_ctx *p)
{
    if (strcmp(p->r.status, "complete")) {
        web_error(req, res, 409, "The review is not complete",
                  "Mark the review as complete before you make its action plan.");
        return false;
    }
    return true;
}

void page_review_plan(const web_request *req, web_response *res)
{
    plan_ctx p;
    if (!load(req, res, &p) || !ready(req, res, &p))
        return;
    form f;
    plan_form(req, &p, &f);
    plan_show(req, res, &p, &f);
}

void page_review_plan_post(const web_request *req, web_response *res)
{
    plan_ctx p;
    if (!load(req, res, &p) || !ready(req, res, &p))
        return;
    form f;
    plan_form(req, &p, &f);
    form_validate(&f);
    int area = atoi(form_text(&f, F_AREA));
    if (!form_error_of(&f, F_AREA)) { /* two or three focus areas: a fourth is refused */
        int areas[16], na = 0;
        bool known = false;
        for (int i = 0; i < p.nxs; i++) {
            bool seen = false;
            for (int k = 0; k < na; k++)
                seen |= areas[k] == p.xs[i].area;
            if (!seen && na < 16)
                areas[na++] = p.xs[i].area;
            known |= p.xs[i].area == area;
        }
        if (!known && na >= MAX_AREAS)
            form_error(&f, F_AREA, "The plan has three focus areas already: choose one of them");
    }
    if (!form_error_of(&f, F_DUE) && !form_error_of(&f, F_STARTS) &&
        strcmp(form_text(&f, F_DUE), form_text(&f, F_STARTS)) < 0)
        form_error(&f, F_DUE, "The finish date must be on or after the start date");
    if (f.nerrors) {
        form_errors_in_order(&f);
        plan_show(req, res, &p, &f);
        return;
    }
    or_review_action x = {0,
                          p.r.id,
                          area,
                          form_text(&f, F_PURPOSE),
                          form_text(&f, F_ACTIONS),
                          form_text(&f, F_LEAD),
                          form_text(&f, F_STARTS),
                          form_text(&f, F_DUE),
                          form_text(&f, F_OUTCOMES),
                          form_text(&f, F_REVIEW),
                          form_text(&f, F_REVIEW_ON),
                          form_text(&f, F_NEW),
                          ""};
    or_error err = {0};
    int64_t id = 0;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_review_action_add(req->store, &x, req->user->email, &id, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "review %lld: action %lld added, area %d",
                                       (long long)p.r.id, (long long)id, area))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The action could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/reviews/%lld/plan?saved=1", (long long)p.r.id));
}

/* ---- on /duties ---- */

void page_review_duties_section(or_sb *out, const web_request *req)
{
    or_review_action *xs = NULL;
    int *urns = NULL, n = 0;
    or_error err = {0};
    if (or_review_actions_open(req->store, web_user_school(req), req->arena, &xs, &urns, &n,
                               &err) ||
        !n)
        return;
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "id=\"action-plans\" aria-label=\"Action plans: actions due\">\n");
    const char *heads[] = {"School", "Action", "Lead", "Due", "Status", ""};
    gov_table_start(out, "Action plans: actions due", heads, 6);
    char today[16];
    or_date_format(web_today(req), today);
    for (int i = 0; i < n; i++) {
        gov_table_row_start(out);
        gov_td(out, view_school_label(req, urns[i]));
        gov_td(out, xs[i].actions);
        gov_td(out, xs[i].lead);
        gov_td(out, date_words(req, xs[i].due_on));
        gov_td(out, strcmp(xs[i].due_on, today) < 0 ? "Overdue" : "Open");
        html_raw(out, "<td class=\"govuk-table__cell\">");
        gov_form_start(
            out, req, "post",
            or_arena_printf(req->arena, "/reviews/actions/%lld/done", (long long)xs[i].id));
        gov_button(out, "Record as done", true);
        gov_form_end(out);
        html_raw(out, "</td>\n");
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

void page_review_action_done(const web_request *req, web_response *res)
{
    const char *ids = web_param_get(&req->path_params, "id");
    char *end = NULL;
    long long id = ids ? strtoll(ids, &end, 10) : 0;
    or_review_action *xs = NULL;
    int *urns = NULL, n = 0, at = -1;
    or_error err = {0};
    if (id > 0 && !*end &&
        !or_review_actions_open(req->store, web_user_school(req), req->arena, &xs, &urns, &n, &err))
        for (int i = 0; i < n; i++)
            if (xs[i].id == id)
                at = i;
    if (at < 0 || !web_can_see_school(req, urns[at])) {
        web_error(req, res, 404, "Page not found", "There is no such action to do.");
        return;
    }
    char today[16];
    or_date_format(web_today(req), today);
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_review_action_done(req->store, id, today, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "LOCAL-ACTION-PLAN: action %lld done, URN %d",
                                       id, urns[at]))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The action could not be recorded. Nothing was changed.");
        return;
    }
    web_redirect(req, res, "/duties?done_action=1#action-plans");
}
