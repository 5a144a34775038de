/* page_ideas_commit.c - Energy for change's commitments (ideas_web.h), LOCAL-WORKSHOP-COMMITMENT:
 *
 *   POST /workshops/{id}/ideas/commitments  the facilitator records, once the results are shown,
 *        a commitment against a ranked idea: what will be done, its owner (an onroll account of
 *        the LA or a school: the workshop's school when it is one school's) and the date;
 *   POST /workshops/commitments/{id}/done   its owner records it done, from /duties;
 *
 * and the /duties section listing the caller's open commitments (page_ideas_duties_section).
 * Each write is one transaction with its audit line; the theory of change imports a workshop's
 * commitments as activities (or_idea_commitments). */
#include <stdlib.h>
#include <string.h>

#include "onroll/accounts.h"
#include "web/form.h"
#include "web/ideas_web.h"
#include "web/view.h"

enum { C_IDEA, C_STEP, C_OWNER, C_DUE, C__N };
static const form_field commit_fields[C__N] = {
    [C_IDEA] = {"idea", "Idea", "In order of their overall place", FORM_RADIOS,
                FORM_REQUIRED | FORM_SMALL, .missing = "Select the idea the commitment is for"},
    [C_STEP] = {"next_step", "What will be done",
                "For example, bring the threshold models to the next heads' meeting", FORM_TEXT,
                FORM_REQUIRED, .noun = "what will be done", .max = 300},
    [C_OWNER] = {"owner", "Owner", "It becomes a duty on their list of duties", FORM_SELECT,
                 FORM_REQUIRED, .missing = "Select the owner of the commitment"},
    [C_DUE] = {"due", "By when", "For example, 27 3 2027", FORM_DATE, FORM_REQUIRED,
               .noun = "date"},
};

typedef struct {
    const web_request *req;
    int urn; /* the workshop's school, 0: any school's accounts may own */
    gov_choice *c;
    size_t n, cap;
} owners;

static or_code add_owner(void *ctx, const or_user *u, or_error *err)
{
    (void)err;
    owners *o = ctx;
    if (u->disabled)
        return OR_OK;
    bool la = u->role == OR_ROLE_LA_ADMIN || u->role == OR_ROLE_LA_OFFICER ||
              u->role == OR_ROLE_VIRTUAL_SCHOOL;
    int school = u->role == OR_ROLE_SCHOOL ? atoi(u->scope) : 0;
    if (!la && !(school && (!o->urn || school == o->urn)))
        return OR_OK;
    const char *where = la ? or_role_label(u->role) : view_school_label(o->req, school);
    OR_ARENA_GROW(o->req->arena, o->c, o->n + 1, o->cap);
    o->c[o->n++] = (gov_choice){or_arena_strdup(o->req->arena, u->email),
                                or_arena_printf(o->req->arena, "%s (%s)", u->name, where), NULL};
    return OR_OK;
}

static void commit_form_init(form *f, const web_request *req, const ideas_board *b)
{
    form_init(f, req, commit_fields, C__N);
    /* the ideas, best overall first */
    int *order = or_arena_alloc(req->arena, sizeof *order * (size_t)(b->nideas ? b->nideas : 1));
    or_ideas_order(b->tally, b->nideas, OR_RANK_OVERALL, order);
    gov_choice *ic = or_arena_alloc(req->arena, sizeof *ic * (size_t)(b->nideas ? b->nideas : 1));
    for (int k = 0; k < b->nideas; k++) {
        int i = order[k];
        ic[k] = (gov_choice){or_arena_printf(req->arena, "%lld", (long long)b->ideas[i].id),
                             or_arena_printf(req->arena, "Idea %d: %s", i + 1, b->ideas[i].text),
                             or_arena_printf(req->arena, "%d votes in all", b->tally[i].total)};
    }
    f->fields[C_IDEA].choices = ic;
    f->fields[C_IDEA].nchoices = b->nideas;
    owners o = {req, b->w.urn, NULL, 0, 0};
    or_error err = {0};
    or_user_each(req->store, add_owner, &o, &err);
    if (o.n > 1)
        qsort(o.c, o.n, sizeof *o.c, gov_choice_cmp);
    f->fields[C_OWNER].choices = o.c;
    f->fields[C_OWNER].nchoices = (int)o.n;
}

void ideas_commit_form_html(or_sb *out, const web_request *req, const ideas_board *b, form *f)
{
    form f0;
    if (!f) {
        commit_form_init(&f0, req, b);
        f = &f0;
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"commit\">Record a commitment</h2>\n"
                  "<p class=\"govuk-body\">A commitment has an owner with an account on onroll "
                  "and a date: it becomes a duty on their list of duties until they record it "
                  "done.</p>\n");
    form_start(
        out, f,
        or_arena_printf(req->arena, "/workshops/%lld/ideas/commitments", (long long)b->w.id));
    form_fields_html(out, f, 0, f->n);
    gov_button(out, "Record the commitment", false);
    gov_form_end(out);
}

void page_ideas_commit(const web_request *req, web_response *res)
{
    ideas_board b;
    if (!ideas_board_read(req, res, &b))
        return;
    if (!b.w.facilitator || !b.results) {
        web_audit(req, "denied", NULL, "a workshop commitment by someone who may not record one");
        web_error(req, res, 403, "You cannot record a commitment",
                  b.w.facilitator ? "Show the results first: commitments follow the ranking."
                                  : "Only the workshop's facilitator records commitments.");
        return;
    }
    form f;
    commit_form_init(&f, req, &b);
    form_read(&f);
    form_validate(&f);
    char today[11];
    or_date_format(web_today(req), today);
    if (!form_error_of(&f, C_DUE) && strcmp(form_text(&f, C_DUE), today) < 0)
        form_error(&f, C_DUE, "The date must be today or in the future");
    if (f.nerrors) {
        form_errors_in_order(&f);
        ideas_board_page(req, res, &b, NULL, NULL, &f);
        res->status = 400;
        return;
    }
    or_idea_commitment c = {0};
    c.workshop_id = b.w.id;
    c.idea_id = strtoll(form_text(&f, C_IDEA), NULL, 10);
    c.next_step = form_text(&f, C_STEP);
    c.owner = form_text(&f, C_OWNER);
    c.due_on = form_text(&f, C_DUE);
    int64_t id = 0;
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_idea_commitment_add(req->store, &c, b.w.who, &id, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena,
                                       "workshop %lld: commitment %lld on idea %lld, owner %s, "
                                       "due %s",
                                       (long long)b.w.id, (long long)id, (long long)c.idea_id,
                                       c.owner, c.due_on))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The commitment could not be recorded. Nothing was changed.");
        return;
    }
    ws_changed(req, b.w.id);
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/workshops/%lld/ideas?done=committed#commitments",
                                 (long long)b.w.id));
}

/* ---- on /duties ---- */

void page_ideas_duties_section(or_sb *out, const web_request *req)
{
    if (!req->user)
        return;
    or_idea_commitment *cs = NULL;
    int n = 0;
    or_error err = {0};
    if (web_query(req, "done_commitment")[0])
        gov_notification(out, "Success", "Recorded as done: the workshop commitment.", true);
    if (or_idea_commitments_open(req->store, req->user->email, req->arena, &cs, &n, &err) || !n)
        return;
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "id=\"commitments\" aria-label=\"Workshop commitments: yours\">\n");
    const char *heads[] = {"Workshop idea", "What you committed to", "Due", "Status", ""};
    gov_table_start(out, "Workshop commitments: yours", heads, 5);
    char today[11], day[24];
    or_date_format(web_today(req), today);
    for (int i = 0; i < n; i++) {
        or_date d = OR_DATE_NONE;
        or_date_parse(cs[i].due_on, &d);
        gov_table_row_start(out);
        gov_td(out, cs[i].idea);
        gov_td(out, cs[i].next_step);
        gov_td(out, view_date(d, day));
        gov_td(out, strcmp(cs[i].due_on, today) < 0 ? "Overdue" : "Open");
        html_raw(out, "<td class=\"govuk-table__cell\">");
        gov_form_start(
            out, req, "post",
            or_arena_printf(req->arena, "/workshops/commitments/%lld/done", (long long)cs[i].id));
        gov_button(out, "Record as done", true);
        gov_form_end(out);
        html_raw(out, "</td>\n");
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

void page_ideas_commit_done(const web_request *req, web_response *res)
{
    const char *ids = web_path(req, "id");
    char *end = NULL;
    long long id = strtoll(ids, &end, 10);
    or_idea_commitment *cs = NULL;
    int n = 0, at = -1;
    or_error err = {0};
    /* only the owner's own open commitments can be done by them */
    if (req->user && id > 0 && !*end &&
        !or_idea_commitments_open(req->store, req->user->email, req->arena, &cs, &n, &err))
        for (int i = 0; i < n; i++)
            if (cs[i].id == id)
                at = i;
    if (at < 0) {
        web_audit(req, "denied", NULL, "a workshop commitment that is not the user's to do");
        web_error(req, res, 404, "Page not found", "There is no such commitment to do.");
        return;
    }
    char today[11];
    or_date_format(web_today(req), today);
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_idea_commitment_done(req->store, id, today, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena,
                                       "LOCAL-WORKSHOP-COMMITMENT: commitment %lld done, "
                                       "workshop %lld",
                                       id, (long long)cs[at].workshop_id))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The commitment could not be recorded. Nothing was changed.");
        return;
    }
    ws_changed(req, cs[at].workshop_id);
    web_redirect(req, res, "/duties?done_commitment=1#commitments");
}
