/* page_ap_provider.c - one provider of the alternative provision register and its quality
 * assurance (issue 17 part 1):
 *
 *   GET  /ap/providers/{slug}    the provider: its details, the check due and every QA record;
 *   GET, POST /ap/providers/{slug}/qa  record a check against a pillar of the voluntary
 *        national standards (a form of the form engine, form.h), with its audit line;
 *   page_ap_duties_section  /duties for the LA: the providers' checks due (LOCAL-APQA-EXPIRY).
 *
 * Addressed by the slug, never an internal id. Who: the LA writes; schools read (routes.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/ap_web.h"
#include "web/form.h"

/* ---- one provider: GET /ap/providers/{slug} ---- */

static bool slug_ok(const char *s)
{
    return s && *s && strlen(s) <= 60 &&
           strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s);
}

typedef struct {
    const web_request *req;
    or_sb *out;
    ap_notice *n;
    int count;
    unsigned seen; /* the (pillar, item) pairs met: a later record of one replaces the older */
} qa_table;

static or_code qa_row(void *ctx, int64_t id, const or_ap_qa *q, const char *by, or_error *err)
{
    (void)id, (void)by, (void)err;
    qa_table *t = ctx;
    char day[24];
    gov_table_row_start(t->out);
    gov_td(t->out, or_ap_label(OR_AP_PILLAR, q->pillar));
    gov_td(t->out, or_ap_label(OR_AP_ITEM, q->item));
    gov_td(t->out, q->evidence);
    gov_td(t->out, q->checked_by);
    gov_td(t->out, view_date(q->checked_on, day));
    html_raw(t->out, "<td class=\"govuk-table__cell\">");
    if (q->expires_on == OR_DATE_NONE) {
        html_raw(t->out, "Does not expire");
    } else {
        html_printf(t->out, "%s ", view_date(q->expires_on, day));
        const char *st = or_apqa_status(t->n->cal, q->expires_on, t->n->notice, t->n->today);
        if (t->seen & ap_qa_pair_bit(q->pillar, q->item)) {
            view_tag(t->out, "Replaced by a later check", "grey");
        } else if (st) {
            const char *colour, *words = ap_qa_words(st, &colour);
            view_tag(t->out, words, colour);
        }
    }
    html_raw(t->out, "</td>\n");
    gov_table_row_end(t->out);
    t->seen |= ap_qa_pair_bit(q->pillar, q->item);
    t->count++;
    return OR_OK;
}

void page_ap_provider(const web_request *req, web_response *res)
{
    const char *slug = web_path(req, "slug");
    ap_register g;
    ap_notice n;
    or_error err = {0};
    if (!slug_ok(slug)) {
        web_error(req, res, 404, "Page not found", "There is no such provider in the register.");
        return;
    }
    if (ap_register_load(req, &g, &n, &err)) {
        ap_notice_done(&n);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The register of providers could not be read.");
        return;
    }
    const ap_row *r = ap_row_of(&g, slug);
    if (!r) {
        ap_notice_done(&n);
        web_error(req, res, 404, "Page not found", "There is no such provider in the register.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, r->p.name);
    html_raw(out,
             "<a href=\"/ap/providers\" class=\"govuk-back-link\">Back to the providers</a>\n");
    if (web_query(req, "added")[0])
        gov_notification(out, "Success", "Provider added.", true);
    if (web_query(req, "checked")[0])
        gov_notification(out, "Success", "Check recorded.", true);
    html_printf(out,
                "<span class=\"govuk-caption-l\">Alternative provision provider</span>\n"
                "<h1 class=\"govuk-heading-l\">%s</h1>\n",
                r->p.name);
    gov_summary_start(out);
    gov_summary_row(out, "Registration", or_ap_label(OR_AP_REGISTRATION, r->p.registration));
    if (!strcmp(r->p.registration, "school"))
        gov_summary_row(out, "URN", ap_number_of(req, &r->p));
    if (!strcmp(r->p.registration, "ukprn"))
        gov_summary_row(out, "UKPRN", r->p.ukprn);
    gov_summary_row(out, "Type of setting", or_ap_label(OR_AP_SETTING, r->p.setting));
    gov_summary_row(out, "Contact", *r->p.contact ? r->p.contact : "Not recorded");
    if (*r->p.notes)
        gov_summary_row(out, "Notes", r->p.notes);
    char day[24];
    gov_summary_row(out, "Next expiry",
                    r->next_expiry == OR_DATE_NONE ? "None" : view_date(r->next_expiry, day));
    gov_summary_end(out);
    if (r->status) {
        char from[24];
        html_printf(out,
                    "<div class=\"govuk-inset-text\">A check %s on %s: the local authority checks "
                    "the provider again before then (LOCAL-APQA-EXPIRY, shown from %s).</div>\n",
                    !strcmp(r->status, "expired") ? "expired" : "expires",
                    view_date(r->next_expiry, day),
                    view_date(or_apqa_show_from(n.cal, r->next_expiry, n.notice), from));
    }
    html_raw(out, "<h2 class=\"govuk-heading-m\">Quality assurance</h2>\n");
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (la)
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
                    "href=\"/ap/providers/%t/qa\">Record a check</a></p>\n",
                    r->p.slug);
    static const char *const heads[] = {"Pillar",     "What was checked", "Evidence",
                                        "Checked by", "Checked on",       "Expires"};
    html_raw(out, "<div class=\"govuk-table-wrapper\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Checks of the provider\">\n");
    gov_table_start(out, "Checks of the provider, the latest first", heads, 6);
    qa_table t = {req, out, &n, 0, 0};
    if (or_ap_qa_each(req->store, r->p.slug, qa_row, &t, &err))
        html_raw(out, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" "
                      "colspan=\"6\">The checks could not be read.</td></tr>\n");
    else if (!t.count)
        html_raw(out, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" "
                      "colspan=\"6\">No checks recorded yet.</td></tr>\n");
    gov_table_end(out);
    html_raw(out, "</div>\n");
    gov_page_end(out, req);
    ap_notice_done(&n);
}

/* ---- record a check: GET and POST /ap/providers/{slug}/qa ---- */

enum { Q_PILLAR, Q_ITEM, Q_EVIDENCE, Q_BY, Q_ON, Q_EXPIRES, Q__N };
static const form_field qa_fields[Q__N] = {
    [Q_PILLAR] = {"pillar", "Which pillar of the standards?", NULL, FORM_RADIOS, FORM_REQUIRED,
                  .missing = "Select the pillar of the standards"},
    [Q_ITEM] = {"item", "What was checked?", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select what was checked"},
    [Q_EVIDENCE] = {"evidence", "Evidence seen", "What was seen, and where it is kept",
                    FORM_TEXTAREA, FORM_REQUIRED, .max = 3000},
    [Q_BY] = {"checked_by", "Checked by", "The officer's name and role", FORM_TEXT, FORM_REQUIRED,
              .noun = "name of who checked", .max = 200},
    [Q_ON] = {"checked_on", "Date of the check", "For example, 24 11 2026", FORM_DATE,
              FORM_REQUIRED | FORM_PAST, .noun = "date of the check"},
    [Q_EXPIRES] = {"expires_on", "Expiry date (DBS checks and risk assessments)",
                   "When it must be checked again", FORM_DATE, 0, .noun = "expiry date"},
};

static void qa_form(form *f, const web_request *req)
{
    form_init(f, req, qa_fields, Q__N);
    int n;
    gov_choice *c = ap_terms_choices(req, OR_AP_PILLAR, &n);
    f->fields[Q_PILLAR].choices = c;
    f->fields[Q_PILLAR].nchoices = n;
    c = ap_terms_choices(req, OR_AP_ITEM, &n);
    f->fields[Q_ITEM].choices = c;
    f->fields[Q_ITEM].nchoices = n;
}

static void show_qa_form(form *f, web_response *res, const or_ap_provider *p)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    form_page_start(out, f, "Record a check",
                    or_arena_printf(req->arena, "/ap/providers/%s", p->slug),
                    "Back to the provider", p->name);
    form_start(out, f, or_arena_printf(req->arena, "/ap/providers/%s/qa", p->slug));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Record the check", NULL);
}

static bool provider_of(const web_request *req, web_response *res, or_ap_provider *p)
{
    const char *slug = web_path(req, "slug");
    bool found = false;
    or_error err = {0};
    if (!slug_ok(slug) || or_ap_provider_get(req->store, slug, req->arena, p, &found, &err) ||
        !found) {
        web_error(req, res, 404, "Page not found", "There is no such provider in the register.");
        return false;
    }
    return true;
}

void page_ap_provider_qa(const web_request *req, web_response *res)
{
    or_ap_provider p;
    if (!provider_of(req, res, &p))
        return;
    form f;
    qa_form(&f, req);
    form_read(&f);
    show_qa_form(&f, res, &p);
}

void page_ap_provider_qa_post(const web_request *req, web_response *res)
{
    or_ap_provider p;
    if (!provider_of(req, res, &p))
        return;
    form f;
    qa_form(&f, req);
    form_read(&f);
    form_validate(&f);
    or_ap_qa q = {p.slug,
                  form_text(&f, Q_PILLAR),
                  form_text(&f, Q_ITEM),
                  form_text(&f, Q_EVIDENCE),
                  form_text(&f, Q_BY),
                  OR_DATE_NONE,
                  OR_DATE_NONE};
    if (!or_date_parse(form_text(&f, Q_ON), &q.checked_on))
        q.checked_on = OR_DATE_NONE;
    if (!or_date_parse(form_text(&f, Q_EXPIRES), &q.expires_on))
        q.expires_on = OR_DATE_NONE;
    const char *field = NULL;
    or_error err = {0};
    if (!f.nerrors && or_ap_qa_check(&q, web_today(req), &field, &err)) {
        int i = Q_EVIDENCE;
        for (int k = 0; field && k < Q__N; k++)
            if (!strcmp(qa_fields[k].name, field))
                i = k;
        if (i == Q_EXPIRES && q.expires_on == OR_DATE_NONE)
            form_error(&f, i, "Enter the expiry date: DBS checks and risk assessments expire");
        else if (i == Q_EXPIRES)
            form_error(&f, i, "The expiry date must be after the date of the check");
        else
            form_error(&f, i, or_arena_printf(req->arena, "The %s %s", form_noun(&f, i), err.msg));
    }
    if (f.nerrors) {
        form_errors_in_order(&f);
        show_qa_form(&f, res, &p);
        return;
    }
    or_audit_entry line = ap_who(req);
    if (or_ap_qa_add(req->store, &q, web_today(req), &line, &field, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The check could not be recorded (or its audit line written): nothing was "
                  "saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/ap/providers/%s?checked=1", p.slug));
}

/* ---- /duties: the LA's checks due (ap_web.h) ---- */

void page_ap_duties_section(or_sb *out, const web_request *req)
{
    if (req->user->role != OR_ROLE_LA_ADMIN && req->user->role != OR_ROLE_LA_OFFICER)
        return;
    ap_register g;
    ap_notice n;
    or_error err = {0};
    if (ap_register_load(req, &g, &n, &err)) {
        ap_notice_done(&n);
        return;
    }
    int due = 0;
    char day[24], from[24];
    for (int i = 0; i < g.n; i++) {
        const ap_row *r = &g.rows[i];
        if (!r->status)
            continue;
        if (!due++) {
            static const char *const heads[] = {"Provider", "Expires", "Shown from", "Status"};
            html_raw(out, "<h2 class=\"govuk-heading-m\">Alternative provision providers' "
                          "checks due</h2>\n<div class=\"govuk-table-wrapper\" tabindex=\"0\" "
                          "role=\"region\" aria-label=\"Providers' checks due\">\n");
            gov_table_start(out, "Checks to make again before they expire (LOCAL-APQA-EXPIRY)",
                            heads, 4);
        }
        gov_table_row_start(out);
        gov_td_link(out, or_arena_printf(req->arena, "/ap/providers/%s", r->p.slug), r->p.name);
        gov_td(out, view_date(r->next_expiry, day));
        gov_td(out, view_date(or_apqa_show_from(n.cal, r->next_expiry, n.notice), from));
        html_raw(out, "<td class=\"govuk-table__cell\">");
        const char *colour, *words = ap_qa_words(r->status, &colour);
        view_tag(out, words, colour);
        html_raw(out, "</td>\n");
        gov_table_row_end(out);
    }
    if (due) {
        gov_table_end(out);
        html_raw(out, "</div>\n");
    }
    ap_notice_done(&n);
}
