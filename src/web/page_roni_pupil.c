/* page_roni_pupil.c - a pupil's Risk of NEET score (roni.h, docs/roni.md; the list and a
 * school's page are page_roni.c):
 *
 *   GET  /roni/pupils/{upn}   the score, each factor with its points and why, the override if
 *                             any, and for the pupil's own school the form to change it;
 *   POST /roni/pupils/{upn}   the change (a school's careers leader: any account of the pupil's
 *                             school), a form of the form engine: the score and a reason, both
 *                             required; saved with its audit line in one transaction
 *                             (store_roni.h);
 *
 * and, on the pupil's record (page_pupil.c), the special-category characteristics (young carer,
 * pregnant or a parent) for the roles that need them: the LA, a school, the Virtual School. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/roni_report.h"
#include "web/form.h"
#include "web/roni_web.h"
#include "web/view.h"

/* ---- a pupil's score and the override ---- */

enum { O_SCORE, O_REASON, O__N };
static const form_field override_fields[O__N] = {
    [O_SCORE] = {"score", "New score", "A whole number from 0 to 30", FORM_NUMBER, FORM_REQUIRED,
                 .noun = "new score", .min = 0, .max = 30, .width = "govuk-input--width-3"},
    [O_REASON] = {"reason", "Reason for the change",
                  "What the careers leader knows that the factors do not show", FORM_TEXTAREA,
                  FORM_REQUIRED, .noun = "reason for the change", .max = OR_RONI_REASON_MAX},
};

typedef struct {
    const view_pupil *p;
    or_roni_row r;
    form f;
} pupil_ctx;

/* The pupil, scored, with its override; false when the request has been answered. */
static bool find_pupil(const web_request *req, web_response *res, view_snapshot *snap, pupil_ctx *c)
{
    memset(c, 0, sizeof *c);
    const char *upn = web_path(req, "upn");
    c->p = view_find_pupil(snap, upn);
    if (!c->p || !or_roni_score_pupil(c->p->f, snap->as_of, &c->r.s)) {
        web_error(req, res, 404, "Page not found",
                  "There is no pupil in Years 8 to 11 with that UPN.");
        return false;
    }
    or_roni_override *ov = NULL;
    int nov = 0;
    or_error err = {0};
    if (or_roni_overrides_load(req->store, req->arena, &ov, &nov, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The risk of NEET could not be worked out.");
        return false;
    }
    c->r.upn = c->p->upn;
    c->r.f = c->p->f;
    c->r.ov = or_roni_override_find(ov, nov, c->p->upn);
    c->r.score = c->r.ov ? c->r.ov->score : c->r.s.score;
    c->r.band = or_roni_band_of(c->r.score);
    form_init(&c->f, req, override_fields, O__N);
    return true;
}

/* May this user change the score: an account of the pupil's school. */
static bool may_override(const web_request *req, const pupil_ctx *c)
{
    return req->user->role == OR_ROLE_SCHOOL && web_user_school(req) == c->p->urn;
}

static void show_pupil(const web_request *req, web_response *res, view_snapshot *snap, pupil_ctx *c)
{
    form *f = &c->f;
    or_sb *out = &res->body;
    const char *name = c->p->name && *c->p->name ? c->p->name : c->p->upn;
    form_errors_in_order(f);
    form_page_start(
        out, f, or_arena_printf(req->arena, "Risk of NEET: %s", name), "/roni",
        "Back to the risk of NEET",
        or_arena_printf(req->arena, "%s, Year %d, UPN %s", name, c->r.s.year_group, c->p->upn));
    if (*web_query(req, "saved"))
        gov_notification(out, "Success", "The score has been changed.", true);
    html_printf(out, "<p class=\"govuk-body-l\">Score %d: ", c->r.score);
    view_tag(out, or_roni_band_label(c->r.band), roni_band_colour(c->r.band));
    html_raw(out, "</p>\n");
    char d[24];
    gov_summary_start(out);
    int nfactors = 0;
    for (int k = 0; k < OR_RONI__N; k++) {
        if (!c->r.s.points[k])
            continue;
        char why[200];
        nfactors++;
        const char *fname = or_roni_factor_at(k)->name,
                   *w = or_roni_why(&c->r.s, k, why, sizeof why);
        gov_summary_row(out, fname,
                        or_arena_printf(req->arena, "%d point%s%s%s", c->r.s.points[k],
                                        c->r.s.points[k] == 1 ? "" : "s",
                                        strcmp(w, fname) ? ": " : "", strcmp(w, fname) ? w : ""));
    }
    if (!nfactors)
        gov_summary_row(out, "Factors", "None of the factors");
    gov_summary_row(out, "Calculated score", or_arena_printf(req->arena, "%d", c->r.s.score));
    if (c->r.ov) {
        gov_summary_row(out, "Changed to", or_arena_printf(req->arena, "%d", c->r.ov->score));
        gov_summary_row(out, "Reason", c->r.ov->reason);
        gov_summary_row(out, "Changed by",
                        or_arena_printf(req->arena, "%s on %s", c->r.ov->set_by,
                                        view_date(view_iso_day(c->r.ov->set_at), d)));
    }
    gov_summary_end(out);
    html_raw(out, "<p class=\"govuk-body\">In custody is known only from attendance marks (Y5: in "
                  "criminal justice detention), not from attendance sent as totals.</p>\n");
    if (may_override(req, c)) {
        html_raw(out, "<h2 class=\"govuk-heading-m\">Change the score</h2>\n<p class=\"govuk-body"
                      "\">The careers leader can change the score where the factors miss "
                      "something. The change and its reason are kept in the audit log.</p>\n");
        form_start(out, f, or_arena_printf(req->arena, "/roni/pupils/%s", c->p->upn));
        form_fields_html(out, f, 0, f->n);
        gov_button(out, "Change the score", false);
        gov_form_end(out);
    }
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (f->nerrors)
        res->status = 400;
    (void)snap;
}

static void pupil_page(const web_request *req, web_response *res, view_snapshot *snap)
{
    pupil_ctx c;
    if (find_pupil(req, res, snap, &c))
        show_pupil(req, res, snap, &c);
}

static void pupil_post(const web_request *req, web_response *res, view_snapshot *snap)
{
    pupil_ctx c;
    if (!find_pupil(req, res, snap, &c))
        return;
    if (!may_override(req, &c)) {
        web_audit(req, "denied", c.p->upn, "risk of NEET override: not the pupil's school");
        web_error(req, res, 403, "You cannot change this score",
                  "Only the pupil's own school can change its risk of NEET score.");
        return;
    }
    form *f = &c.f;
    form_read(f);
    if (form_validate(f) && !*form_text(f, O_REASON))
        form_error(f, O_REASON, "Enter the reason for the change");
    if (f->nerrors) {
        show_pupil(req, res, snap, &c);
        return;
    }
    or_roni_override o = {c.p->upn,
                          c.p->urn,
                          atoi(form_text(f, O_SCORE)),
                          c.r.s.score,
                          OR_RONI_VERSION,
                          form_text(f, O_REASON),
                          req->user->email,
                          NULL};
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_roni_override_set(req->store, &o, &err);
    if (!rc)
        rc = web_audit(req, "change", c.p->upn,
                       or_arena_printf(req->arena, "roni override: %d (calculated %d, %s)", o.score,
                                       o.calculated, OR_RONI_VERSION))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The score could not be changed. Nothing was saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/roni/pupils/%s?saved=1", c.p->upn));
}

void page_roni_pupil(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The risk of NEET", pupil_page);
}

void page_roni_pupil_post(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "The risk of NEET", pupil_post);
}

/* ---- on the pupil's record ---- */

void page_roni_pupil_section(or_sb *out, const web_request *req, const or_pupil_facts *f,
                             or_date today)
{
    or_role r = req->user->role;
    if (!f || (r != OR_ROLE_LA_ADMIN && r != OR_ROLE_LA_OFFICER && r != OR_ROLE_SCHOOL &&
               r != OR_ROLE_VIRTUAL_SCHOOL))
        return; /* special-category: only the roles that need them */
    const or_fact_snapshot *s = or_facts_snapshot_on(f, today);
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"roni\">Risk of NEET</h2>\n");
    gov_summary_start(out);
    gov_summary_row(out, "Young carer",
                    !s || s->young_carer < 0 ? "Not recorded"
                    : s->young_carer         ? "Yes"
                                             : "No");
    gov_summary_row(out, "Pregnant or a parent",
                    !s || s->parent_or_pregnant < 0 ? "Not recorded"
                    : s->parent_or_pregnant         ? "Yes"
                                                    : "No");
    gov_summary_end(out);
    or_roni_score sc;
    if (or_roni_score_pupil(f, today, &sc))
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/roni/pupils/%t\">"
                    "Risk of NEET score and its factors</a></p>\n",
                    f->upn);
}
