/* page_claims.c - the claims worklist (claims.h): GET /claims[?status=pending|confirmed|
 * rejected|all], GET and POST /claims/{id}, and what a school sees of a pupil it has claimed
 * (page_pupil_claim, from page_pupil.c).
 *
 * A school's enrolment of a pupil on another school's roll (or on one in the 12 months before)
 * waits here until the previous school records the move, or an LA officer confirms or turns it
 * down. The LA sees every claim, with where the pupil is on roll now, and decides; a school
 * sees its own claims and their outcome, never where else the pupil is on roll. Each claim
 * shown names a child, so each is written to the audit log (one line per child listed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/claims.h"
#include "onroll/model.h"
#include "onroll/store_claims.h"
#include "web/forms.h"
#include "web/view.h"

enum { CLAIMS_PAGE = 50 };

typedef struct {
    or_claim *items;
    int n, cap, total;
    int from; /* the first to keep (paging) */
    or_arena *a;
} claim_list;

static const char *keep(or_arena *a, const char *s)
{
    return or_arena_strdup(a, s ? s : "");
}

static or_code on_claim(void *ctx, const or_claim *c, or_error *err)
{
    claim_list *l = ctx;
    (void)err;
    int at = l->total++;
    if (at < l->from || l->n == CLAIMS_PAGE)
        return OR_OK;
    or_claim *k = &l->items[l->n++];
    *k = *c;
    k->upn = keep(l->a, c->upn);
    k->reg_type = keep(l->a, c->reg_type);
    k->status = keep(l->a, c->status);
    k->claimed_by = keep(l->a, c->claimed_by);
    k->claimed_at = keep(l->a, c->claimed_at);
    k->decided_by = keep(l->a, c->decided_by);
    k->decided_at = keep(l->a, c->decided_at);
    k->decision = keep(l->a, c->decision);
    k->note = keep(l->a, c->note);
    return OR_OK;
}

static const char *status_words(const char *status)
{
    return !strcmp(status, "pending")     ? "Waiting for a decision"
           : !strcmp(status, "confirmed") ? "Confirmed"
                                          : "Turned down";
}

static const char *status_colour(const char *status)
{
    return !strcmp(status, "pending") ? "yellow" : !strcmp(status, "confirmed") ? "green" : "red";
}

static const char *how_words(const char *decision)
{
    return !strcmp(decision, "moved")  ? "the previous school recorded the move"
           : !strcmp(decision, "left") ? "the previous school ended its enrolment"
           : !strcmp(decision, "la")   ? "a local authority officer decided"
                                       : "";
}

static const char *school_name(const view_snapshot *snap, int urn, or_arena *a)
{
    (void)a;
    return snap ? view_school_name(snap, urn) : "A school";
}

/* GOV.UK pagination: previous and next pages of `pages`. */
static void pager(or_sb *out, const char *status, int page, int pages)
{
    if (pages <= 1)
        return;
    html_raw(out, "<nav class=\"govuk-pagination\" aria-label=\"Pages of claims\">\n");
    if (page > 1)
        html_printf(out,
                    "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"/claims?status=%t&amp;page=%d\" "
                    "rel=\"prev\"><span class=\"govuk-pagination__link-title\">Previous"
                    "<span class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
                    status, page - 1);
    html_printf(out, "<p class=\"govuk-body\">Page %d of %d</p>\n", page, pages);
    if (page < pages)
        html_printf(out,
                    "<div class=\"govuk-pagination__next\"><a class=\"govuk-link "
                    "govuk-pagination__link\" href=\"/claims?status=%t&amp;page=%d\" "
                    "rel=\"next\"><span class=\"govuk-pagination__link-title\">Next"
                    "<span class=\"govuk-visually-hidden\"> page</span></span></a></div>\n",
                    status, page + 1);
    html_raw(out, "</nav>\n");
}

static const char *pupil_name(const web_request *req, const char *upn)
{
    char name[260];
    web_pupil_name(req, upn, name, sizeof name);
    return or_arena_strdup(req->arena, name[0] ? name : "Name not recorded");
}

/* May the user see claim c? The LA every claim; a school its own. */
static bool may_see(const web_request *req, const or_claim *c)
{
    int mine = web_user_school(req);
    return req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER ||
           (mine && mine == c->urn);
}

void page_claims(const web_request *req, web_response *res)
{
    const char *status = web_query(req, "status");
    if (strcmp(status, "confirmed") && strcmp(status, "rejected") && strcmp(status, "all"))
        status = "pending";
    int page = atoi(web_query(req, "page"));
    if (page < 1 || page > 100000)
        page = 1;
    claim_list l = {or_arena_alloc(req->arena, CLAIMS_PAGE * sizeof *l.items),
                    0,
                    CLAIMS_PAGE,
                    0,
                    (page - 1) * CLAIMS_PAGE,
                    req->arena};
    or_error err = {0};
    view_snapshot *snap = NULL;
    if (or_claims_list(req->store, strcmp(status, "all") ? status : NULL, web_user_school(req),
                       on_claim, &l, &err) ||
        view_snapshot_get(req, &snap, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The claims could not be listed. Try again later.");
        return;
    }
    for (int i = 0; i < l.n; i++) /* each child listed, on the record */
        if (web_audit(req, "claim.list", l.items[i].upn, status)) {
            view_snapshot_put(snap);
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The audit log could not be written, so the claims cannot be shown.");
            return;
        }
    bool la = !web_user_school(req);
    or_sb *out = &res->body;
    gov_page_start(out, req, "Claims");
    html_raw(out, "<h1 class=\"govuk-heading-l\">Claims</h1>\n");
    if (la)
        html_raw(out, "<p class=\"govuk-body\">A school's enrolment of a pupil who is on another "
                      "school's roll, or was in the 12 months before, waits here until the "
                      "previous school records the move or you confirm it. Until then the "
                      "claiming school sees only the pupil's name and date of birth.</p>\n");
    else
        html_raw(out, "<p class=\"govuk-body\">Your school's enrolments of pupils who are on "
                      "another school's roll, or were in the 12 months before. The local "
                      "authority confirms each one, or the previous school records the move. "
                      "Until then you see only the pupil's name and date of birth.</p>\n");
    gov_form_start(out, req, "get", "/claims");
    static const gov_choice statuses[] = {
        {"pending", "Waiting for a decision", NULL},
        {"confirmed", "Confirmed", NULL},
        {"rejected", "Turned down", NULL},
        {"all", "All", NULL},
    };
    gov_select(out, "status", "Status", NULL, statuses, 4, status, NULL);
    gov_button(out, "Show claims", true);
    gov_form_end(out);
    if (!l.total) {
        html_printf(out, "<p class=\"govuk-body\">There are no claims %s.</p>\n",
                    !strcmp(status, "pending") ? "waiting for a decision" : "to show");
    } else {
        static const char *const heads[] = {"Pupil", "Date of birth", "School", "From", "Status"};
        html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                      "aria-label=\"Claims\">\n");
        gov_table_start(out,
                        or_arena_printf(req->arena, "%d %s, newest first", l.total,
                                        l.total == 1 ? "claim" : "claims"),
                        heads, 5);
        char day[24];
        for (int i = 0; i < l.n; i++) {
            const or_claim *c = &l.items[i];
            gov_table_row_start(out);
            gov_td_link(out, or_arena_printf(req->arena, "/claims/%lld", (long long)c->id),
                        pupil_name(req, c->upn));
            const view_pupil *p = view_find_pupil(snap, c->upn);
            const or_fact_snapshot *s = p && p->f->nsnaps ? &p->f->snaps[p->f->nsnaps - 1] : NULL;
            gov_td(out, s && s->dob != OR_DATE_NONE ? view_date(s->dob, day) : "Not recorded");
            gov_td(out, school_name(snap, c->urn, req->arena));
            gov_td(out, view_date(c->start, day));
            html_raw(out, "<td class=\"govuk-table__cell\">");
            view_tag(out, status_words(c->status), status_colour(c->status));
            html_raw(out, "</td>\n");
            gov_table_row_end(out);
        }
        gov_table_end(out);
        html_raw(out, "</div>\n");
        pager(out, status, page, (l.total + CLAIMS_PAGE - 1) / CLAIMS_PAGE);
    }
    gov_page_end(out, req);
    view_snapshot_put(snap);
}

/* The schools the pupil is on roll at now, or left in the 12 months before the claim (the
 * LA's view of a claim only). */
static void rolls(or_sb *out, const web_request *req, const or_claim *c)
{
    or_model *m = NULL;
    or_error err = {0};
    if (or_model_load(req->store, c->upn, &m, &err))
        return;
    const or_pupil_facts *f = or_model_find(m, c->upn);
    html_raw(out, "<h2 class=\"govuk-heading-m\">Where the pupil is on roll</h2>\n");
    static const char *const heads[] = {"School", "Registration", "From", "To"};
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Enrolments at other schools\">\n");
    gov_table_start(out, "Enrolments at other schools in the 12 months before the claim", heads, 4);
    char day[24];
    int n = 0;
    for (int i = 0; f && i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        if (e->urn == c->urn || (e->end != OR_DATE_NONE && e->end < c->start - 365))
            continue;
        const or_school_info *s = or_model_school(m, e->urn);
        gov_table_row_start(out);
        gov_td(out, s && s->name ? s->name : "Unknown school");
        gov_td(out, e->reg_type == 'm' ? "Main" : e->reg_type == 'd' ? "Dual" : "Subsidiary");
        gov_td(out, view_date(e->start, day));
        gov_td(out, e->end == OR_DATE_NONE ? "On roll" : view_date(e->end, day));
        gov_table_row_end(out);
        n++;
    }
    if (!n) {
        gov_table_row_start(out);
        gov_td(out, "None now");
        gov_td(out, "");
        gov_td(out, "");
        gov_td(out, "");
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
    or_model_free(m);
}

static bool claim_of(const web_request *req, web_response *res, or_claim *c)
{
    char *end;
    const char *text = web_path(req, "id");
    long long id = strtoll(text, &end, 10);
    bool found = false;
    or_error err = {0};
    if (*text && !*end && id > 0 && or_claim_get(req->store, id, req->arena, c, &found, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The claim could not be read. Try again later.");
        return false;
    }
    if (!found || !may_see(req, c)) {
        web_audit(req, "denied", NULL, "a claim not in the user's scope (or none)");
        web_error(req, res, 404, "Page not found",
                  "If you typed the web address, check it is correct.");
        return false;
    }
    return true;
}

static void claim_page(const web_request *req, web_response *res, const or_claim *c,
                       const char *error, const char *note)
{
    or_sb *out = &res->body;
    char day[24], when[48];
    const char *name = pupil_name(req, c->upn);
    bool la = !web_user_school(req);
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err))
        snap = NULL;
    gov_page_start(out, req,
                   or_arena_printf(req->arena, "%sClaim: %s", error ? "Error: " : "", name));
    if (error) {
        gov_error e = {"note", error};
        gov_error_summary(out, &e, 1);
    }
    html_raw(out, "<span class=\"govuk-caption-l\">Claim</span>\n");
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", name);
    gov_summary_start(out);
    const view_pupil *p = snap ? view_find_pupil(snap, c->upn) : NULL;
    const or_fact_snapshot *s = p && p->f->nsnaps ? &p->f->snaps[p->f->nsnaps - 1] : NULL;
    gov_summary_row(out, "Date of birth",
                    s && s->dob != OR_DATE_NONE ? view_date(s->dob, day) : "Not recorded");
    gov_summary_row(out, "Claiming school", school_name(snap, c->urn, req->arena));
    gov_summary_row(out, "Enrolment from",
                    or_arena_printf(req->arena, "%s (%s registration)", view_date(c->start, day),
                                    !strcmp(c->reg_type, "main")   ? "main"
                                    : !strcmp(c->reg_type, "dual") ? "dual"
                                                                   : "subsidiary"));
    gov_summary_row(out, "Claimed",
                    or_arena_printf(req->arena, "%s by %s", view_time(c->claimed_at, when),
                                    c->claimed_by[0] ? c->claimed_by : "the school's system"));
    gov_summary_row(out, "Status", status_words(c->status));
    if (strcmp(c->status, "pending"))
        gov_summary_row(out, "Decided",
                        or_arena_printf(req->arena, "%s: %s%s%s", view_time(c->decided_at, when),
                                        how_words(c->decision), c->note[0] ? ". " : "", c->note));
    gov_summary_end(out);
    if (la)
        rolls(out, req, c);
    if (la && !strcmp(c->status, "pending")) {
        html_raw(out, "<h2 class=\"govuk-heading-m\">Decide</h2>\n<p class=\"govuk-body\">Confirm "
                      "the claim when you know the pupil has moved to this school: the enrolment "
                      "and what the school sent with it are then recorded, and the school sees "
                      "the pupil's whole record. Turn it down otherwise.</p>\n");
        gov_form_start(out, req, "post",
                       or_arena_printf(req->arena, "/claims/%lld", (long long)c->id));
        static const gov_choice choices[] = {
            {"confirm", "Confirm the claim", NULL},
            {"reject", "Turn the claim down", NULL},
        };
        gov_radios(out, "decision", "Your decision", NULL, choices, 2, web_form(req, "decision"),
                   error && !note ? error : NULL, false);
        gov_textarea(out, "note", "Reason (optional)",
                     "For example, what the previous school told you", note ? note : "", 3, NULL);
        gov_button(out, "Save the decision", false);
        gov_form_end(out);
    }
    html_raw(out, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/claims\">Back to "
                  "claims</a></p>\n");
    gov_page_end(out, req);
    if (snap)
        view_snapshot_put(snap);
}

void page_claim(const web_request *req, web_response *res)
{
    or_claim c;
    if (!claim_of(req, res, &c))
        return;
    if (web_audit(req, "claim.read", c.upn, NULL)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the claim cannot be shown.");
        return;
    }
    claim_page(req, res, &c, NULL, NULL);
}

void page_claim_post(const web_request *req, web_response *res)
{
    or_claim c;
    if (!claim_of(req, res, &c))
        return;
    const char *decision = web_form(req, "decision"), *note = web_form(req, "note");
    if (strcmp(decision, "confirm") && strcmp(decision, "reject")) {
        res->status = 400;
        claim_page(req, res, &c, "Select whether to confirm the claim or turn it down", NULL);
        return;
    }
    or_error err = {0};
    or_code rc = !strcmp(decision, "confirm")
                     ? or_claim_confirm(req->store, c.id, req->user->email, "la", note, &err)
                     : or_claim_reject(req->store, c.id, req->user->email, note, &err);
    if (rc == OR_ENOTFOUND) {
        res->status = 409;
        claim_page(req, res, &c, "The claim has been decided already", NULL);
        return;
    }
    if (rc) {
        res->status = rc == OR_EINPUT ? 400 : 500;
        claim_page(req, res, &c,
                   or_arena_printf(req->arena, "The claim could not be confirmed: %s", err.msg),
                   note);
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/claims/%lld", (long long)c.id));
}

void page_pupil_claim(const web_request *req, web_response *res, const char *upn,
                      const char *forename, const char *surname, const char *dob)
{
    or_sb *out = &res->body;
    char day[24], name[260];
    snprintf(name, sizeof name, "%s %s", forename, surname);
    gov_page_start(out, req, name);
    html_printf(out, "<span class=\"govuk-caption-l\">UPN %s</span>\n", upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", name);
    gov_summary_start(out);
    or_date d = OR_DATE_NONE;
    gov_summary_row(out, "Date of birth",
                    or_date_parse(dob, &d) ? view_date(d, day) : "Not recorded");
    gov_summary_end(out);
    html_raw(out,
             "<div class=\"govuk-inset-text\">Your school's enrolment of this pupil is a "
             "claim waiting for the local authority to confirm it, or for the previous "
             "school to record the move. Until then you see only the pupil's name and date "
             "of birth. <a class=\"govuk-link\" href=\"/claims\">See your claims</a>.</div>\n");
    gov_page_end(out, req);
}
