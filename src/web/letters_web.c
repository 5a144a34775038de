/* letters_web.c - what the letters pages share (see web/letters.h): the exclusion of the path,
 * its duties, its kinds of letter, filling one from the ledger, and the letter of the path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/excl.h"
#include "onroll/kinds.h"
#include "web/letters.h"

const gov_choice web_letter_deliveries[3] = {
    {"hand", "Handed over", "Received that day"},
    {"email", "Email", "Deemed received the second working day after it was sent"},
    {"post", "First-class post", "Deemed received the second working day after posting"},
};

bool web_letter_delivery_ok(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (s && !strcmp(s, web_letter_deliveries[i].value))
            return true;
    return false;
}

const char *web_letter_event_label(const or_fact_event *e)
{
    return e->kind == OR_EV_PERMANENT   ? "Permanent exclusion"
           : e->kind == OR_EV_LUNCHTIME ? "Lunchtime suspension"
                                        : "Suspension";
}

static void not_found(const web_request *req, web_response *res, const char *why)
{
    web_error(req, res, 404, "Page not found", why);
}

static void failed(const web_request *req, web_response *res)
{
    web_error(req, res, 500, "Sorry, there is a problem with the service",
              "The pupil's record could not be read.");
}

bool web_letter_ctx_load(const web_request *req, web_response *res, web_letter_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->upn = web_path(req, "upn");
    c->event_id = web_path(req, "event_id");
    const char *urn_text = !strcmp(req->method, "POST") ? web_form(req, "urn") : "";
    if (!*urn_text)
        urn_text = web_query(req, "urn");
    int urn = atoi(urn_text), mine = web_user_school(req);
    or_error err = {0};
    if (or_model_load(req->store, c->upn, &c->m, &err)) {
        failed(req, res);
        return false;
    }
    c->f = or_model_find(c->m, c->upn);
    int found = 0;
    for (int i = 0; c->f && i < c->f->nevents; i++) {
        const or_fact_event *e = &c->f->events[i];
        if (!or_is_exclusion(e->kind) || strcmp(e->event_id, c->event_id) ||
            (urn && e->urn != urn) || (mine && e->urn != mine))
            continue;
        c->e = e;
        found++;
    }
    if (!c->e) {
        bool elsewhere = false; /* a school asking for another school's exclusion */
        for (int i = 0; mine && c->f && i < c->f->nevents; i++)
            elsewhere |= !strcmp(c->f->events[i].event_id, c->event_id);
        if (elsewhere)
            web_audit(req, "denied", c->upn, "letters of another school's exclusion");
        not_found(req, res,
                  "This pupil has no suspension or permanent exclusion with that id (or it is "
                  "another school's).");
        return false;
    }
    if (found > 1) {
        web_error(req, res, 400, "Bad request",
                  "The pupil has exclusions with this id at more than one school: follow the "
                  "link from the pupil's record, which names the school.");
        return false;
    }
    c->school = or_model_school(c->m, c->e->urn);
    c->school_name = c->school && c->school->name
                         ? c->school->name
                         : or_arena_printf(req->arena, "School URN %d", c->e->urn);
    const char *forename, *surname;
    if (or_store_pupil_names(req->store, c->upn, req->arena, &forename, &surname, &err)) {
        failed(req, res);
        return false;
    }
    c->forename = forename;
    c->pupil = *forename || *surname ? or_arena_printf(req->arena, "%s%s%s", forename,
                                                       *forename && *surname ? " " : "", surname)
                                     : "";
    if (or_settings_load(req->store, c->e->urn, req->arena, &c->settings, &err)) {
        failed(req, res);
        return false;
    }
    c->today = web_today(req);
    c->as_of = c->e->decided > c->today ? c->e->decided : c->today;
    or_duty_list all;
    or_duty_list_init(&all, req->arena);
    if (or_duties_for_pupil(c->f, or_model_params(c->m), c->as_of, &all, &err)) {
        failed(req, res);
        return false;
    }
    or_duties_sort(&all);
    c->duties = or_arena_alloc(req->arena, (size_t)(all.n + 1) * sizeof *c->duties);
    c->rules = or_arena_alloc(req->arena, (size_t)(all.n + 1) * sizeof *c->rules);
    for (int i = 0; i < all.n; i++) {
        const or_duty *d = &all.items[i];
        if (d->urn != c->e->urn || !d->event_id || strcmp(d->event_id, c->e->event_id))
            continue;
        c->rules[c->nduties] = d->rule->id;
        c->duties[c->nduties++] = d;
    }
    return true;
}

void web_letter_ctx_free(web_letter_ctx *c)
{
    or_model_free(c->m);
    c->m = NULL;
}

const or_duty *web_letter_duty(const web_letter_ctx *c, const char *rule)
{
    for (int i = 0; i < c->nduties; i++)
        if (!strcmp(c->duties[i]->rule->id, rule))
            return c->duties[i];
    return NULL;
}

bool web_letter_kind_applies(const web_letter_ctx *c, const or_letter_kind *k)
{
    return or_letter_kind_applies(k, c->e->kind, c->rules, c->nduties);
}

or_code web_letter_fill(const web_request *req, const web_letter_ctx *c, const or_letter_kind *k,
                        or_date send_on, const char *delivery, or_letter *out, or_error *err)
{
    or_letter_facts f;
    or_code rc = or_letter_facts_from(c->f, c->e, or_model_params(c->m), c->as_of, &f, err);
    if (rc)
        return rc;
    f.kind = k;
    f.school = c->school_name;
    f.pupil = c->pupil;
    f.forename = c->forename;
    f.send_on = send_on != OR_DATE_NONE ? send_on : c->today;
    f.dated = f.send_on;
    f.delivery = delivery;
    const or_settings *st = &c->settings;
    char contact[600];
    f.la_contact = or_arena_strdup(req->arena, or_settings_la_contact(st, contact, sizeof contact));
    f.head_teacher = st->v[OR_SET_HEAD_TEACHER];
    f.clerk_name = st->v[OR_SET_CLERK_NAME];
    f.clerk_email = st->v[OR_SET_CLERK_EMAIL];
    f.school_address = st->v[OR_SET_ADDRESS];
    return or_letter_fill(&f, req->arena, out, err);
}

bool web_letter_row_load(const web_request *req, web_response *res, const web_letter_ctx *c,
                         or_letter_row *row)
{
    const char *id_text = web_path(req, "letter");
    char *end = NULL;
    long long id = strtoll(id_text, &end, 10);
    if (!*id_text || *end || id <= 0) {
        not_found(req, res, "There is no such letter.");
        return false;
    }
    bool found = false;
    or_error err = {0};
    if (or_letter_get(req->store, id, req->arena, row, &found, &err)) {
        failed(req, res);
        return false;
    }
    if (!found || row->urn != c->e->urn || strcmp(row->event_id, c->e->event_id) ||
        strcmp(row->upn, c->upn)) {
        not_found(req, res, "There is no such letter about this exclusion.");
        return false;
    }
    return true;
}

const char *web_letters_path(const web_request *req, const web_letter_ctx *c)
{
    or_sb p = OR_SB_INIT;
    or_sb_adds(&p, "/pupils/");
    html_url(&p, c->upn);
    or_sb_adds(&p, "/events/");
    html_url(&p, c->e->event_id);
    or_sb_addf(&p, "/letters?urn=%d", c->e->urn);
    const char *s = or_arena_strdup(req->arena, or_sb_str(&p));
    or_sb_release(&p);
    return s;
}

const char *web_letter_path(const web_request *req, const web_letter_ctx *c, int64_t id)
{
    or_sb p = OR_SB_INIT;
    or_sb_adds(&p, "/pupils/");
    html_url(&p, c->upn);
    or_sb_adds(&p, "/events/");
    html_url(&p, c->e->event_id);
    or_sb_addf(&p, "/letters/%lld?urn=%d", (long long)id, c->e->urn);
    const char *s = or_arena_strdup(req->arena, or_sb_str(&p));
    or_sb_release(&p);
    return s;
}

/* The paragraphs of a text as the edit boxes hold them: each paragraph's own text. */
int web_letter_split_paras(const web_request *req, const char *body, const char ***out)
{
    or_letter l;
    or_letter_parse(body, req->arena, &l);
    const char **paras = or_arena_alloc(req->arena, (size_t)(l.nparas + 1) * sizeof *paras);
    for (int i = 0; i < l.nparas; i++) {
        or_letter one = {.paras = &l.paras[i], .nparas = 1};
        or_sb t = OR_SB_INIT;
        or_letter_text(&one, &t);
        if (t.len && t.buf[t.len - 1] == '\n')
            t.buf[--t.len] = '\0';
        paras[i] = or_arena_strdup(req->arena, or_sb_str(&t));
        or_sb_release(&t);
    }
    *out = paras;
    return l.nparas;
}

/* The boxes of the form, in order, as one text: each trimmed, line breaks as "\n", the empty
 * ones dropped, paragraphs separated by a blank line. */
const char *web_letter_join_paras(const web_request *req)
{
    or_sb t = OR_SB_INIT;
    for (int i = 0; i < req->form.n; i++) {
        if (strcmp(req->form.items[i].name, "para"))
            continue;
        const char *v = req->form.items[i].value;
        or_sb one = OR_SB_INIT;
        for (const char *p = v; *p; p++)
            if (!(p[0] == '\r' && p[1] == '\n'))
                or_sb_addc(&one, *p == '\r' ? '\n' : *p);
        const char *s = or_sb_str(&one);
        size_t a = strspn(s, " \t\n"), b = one.len;
        while (b > a && strchr(" \t\n", s[b - 1]))
            b--;
        if (b > a) {
            if (t.len)
                or_sb_adds(&t, "\n\n");
            or_sb_add(&t, s + a, b - a);
        }
        or_sb_release(&one);
    }
    if (t.len)
        or_sb_addc(&t, '\n');
    const char *out = or_arena_strdup(req->arena, or_sb_str(&t));
    or_sb_release(&t);
    return out;
}

/* A missing setting, in the words of the letters pages. */
static const char *missing_words(const web_request *req, or_setting_id id)
{
    switch (id) {
    case OR_SET_LA_TEAM_EMAIL:
        return "the local authority exclusions team's contact details (its name, email address "
               "or telephone number) are not set";
    case OR_SET_CLERK_EMAIL:
        return "where to write to the clerk to the governors (their email address or the "
               "school's address) is not set";
    default:
        return or_arena_printf(req->arena, "%s is not set", or_setting_def_at(id)->noun);
    }
}

void web_letter_missing_settings(or_sb *out, const web_request *req, const web_letter_ctx *c,
                                 const char *body)
{
    const or_settings *st = &c->settings;
    or_setting_id ids[OR_SET__COUNT];
    int n = 0;
    if (body) {
        or_setting_id in[OR_SET__COUNT];
        int k = or_letter_missing_settings(body, in, OR_SET__COUNT);
        for (int i = 0; i < k; i++) /* only those still not set: a setting filled since is
                                       used by the next draft */
            if (!((in[i] == OR_SET_LA_TEAM_EMAIL && (or_settings_has(st, OR_SET_LA_TEAM_NAME) ||
                                                     or_settings_has(st, OR_SET_LA_TEAM_EMAIL) ||
                                                     or_settings_has(st, OR_SET_LA_TEAM_PHONE))) ||
                  (in[i] == OR_SET_CLERK_EMAIL && or_settings_has(st, OR_SET_ADDRESS)) ||
                  or_settings_has(st, in[i])))
                ids[n++] = in[i];
    } else {
        if (!or_settings_has(st, OR_SET_LA_TEAM_NAME) &&
            !or_settings_has(st, OR_SET_LA_TEAM_EMAIL) &&
            !or_settings_has(st, OR_SET_LA_TEAM_PHONE))
            ids[n++] = OR_SET_LA_TEAM_EMAIL;
        if (!or_settings_has(st, OR_SET_HEAD_TEACHER))
            ids[n++] = OR_SET_HEAD_TEACHER;
        if (!or_settings_has(st, OR_SET_CLERK_NAME))
            ids[n++] = OR_SET_CLERK_NAME;
        if (!or_settings_has(st, OR_SET_CLERK_EMAIL) && !or_settings_has(st, OR_SET_ADDRESS))
            ids[n++] = OR_SET_CLERK_EMAIL;
    }
    if (!n)
        return;
    bool la_admin = req->user->role == OR_ROLE_LA_ADMIN;
    bool school_may =
        la_admin || (req->user->role == OR_ROLE_SCHOOL && web_user_school(req) == c->e->urn);
    html_raw(out, "<div class=\"govuk-warning-text onroll-no-print\">\n<span "
                  "class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>\n"
                  "<div class=\"govuk-warning-text__text\"><span "
                  "class=\"govuk-visually-hidden\">Warning</span>\n<p class=\"govuk-body "
                  "govuk-!-font-weight-bold\">Some settings the letters use are not filled in, so "
                  "the letter leaves a gap in square brackets for each:</p>\n<ul "
                  "class=\"govuk-list govuk-list--bullet\">\n");
    for (int i = 0; i < n; i++) {
        bool la = !or_setting_is_school(ids[i]);
        html_printf(out, "<li>%s: ", missing_words(req, ids[i]));
        if (la && la_admin)
            html_raw(out, "<a class=\"govuk-link\" href=\"/admin/settings\">fill it in on the "
                          "local authority's settings</a>");
        else if (!la && school_may)
            html_printf(out,
                        "<a class=\"govuk-link\" href=\"/schools/%d/settings\">fill it in on "
                        "the school's settings</a>",
                        c->e->urn);
        else
            html_printf(out, "ask the %s to fill it in",
                        la ? "local authority's administrator"
                           : "school or the local authority's "
                             "administrator");
        html_raw(out, "</li>\n");
    }
    html_raw(out, "</ul>\n</div>\n</div>\n");
}

const char *web_duty_letter_href(const web_request *req, const char *upn, const or_duty *d)
{
    if (!d || !d->rule || !d->rule->done.letters[0] || d->status == OR_DUTY_DONE || !d->event_id ||
        !*d->event_id || !(WEB_RECORD_ROLES & WEB_R(req->user->role)))
        return NULL;
    int mine = web_user_school(req);
    if (req->user->role == OR_ROLE_SCHOOL && mine != d->urn)
        return NULL;
    or_sb p = OR_SB_INIT;
    or_sb_adds(&p, "/pupils/");
    html_url(&p, upn);
    or_sb_adds(&p, "/events/");
    html_url(&p, d->event_id);
    or_sb_addf(&p, "/letters?urn=%d&duty=", d->urn);
    html_url(&p, d->rule->id);
    const char *s = or_arena_strdup(req->arena, or_sb_str(&p));
    or_sb_release(&p);
    return s;
}

void web_duty_letter_button(or_sb *out, const web_request *req, const char *upn, const or_duty *d)
{
    const char *href = web_duty_letter_href(req, upn, d);
    if (!href)
        return;
    html_printf(
        out,
        "<a href=\"%s\" role=\"button\" draggable=\"false\" class=\"govuk-button "
        "govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-font-size-16 onroll-duty-letter\" "
        "data-module=\"govuk-button\">Write the letter<span "
        "class=\"govuk-visually-hidden\"> for %s, %s</span></a>",
        href, d->rule->summary, d->event_id);
}
