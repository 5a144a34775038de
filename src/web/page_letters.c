/* page_letters.c - GET and POST /pupils/{upn}/events/{event_id}/letters : the letters a school
 * must send about a suspension or permanent exclusion.
 *
 * GET lists the kinds of letter that apply to the exclusion (letters.h: each kind applies when
 * the exclusion has a duty it does; with ?duty=RULE, from a duty's "Write the letter" button,
 * only those that do that duty: the catalogue's .done.letters), each with those duties and their
 * status, the letters of that kind written so far (draft or sent) and a form to write a new one:
 * the date of the letter, and, for a letter whose deadlines count from its delivery (the notice to
 * the board, the board's decision), how it will be sent.
 *
 * POST writes the draft: the kind filled from the ledger (dates on the school's calendar),
 * stored with its line in the audit log in one transaction; then to the letter's page
 * (page_letter.c), where the school edits, prints and sends it.
 *
 * Who: the LA, and a school for its own school's exclusions (web/letters.h). WEB_F_PUPIL: the
 * pupil is in the user's scope and the read is audited before this runs (server.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/rules.h"
#include "web/letters.h"
#include "web/view.h"

/* Does the kind's text depend on when and how it is sent? */
static bool asks_delivery(const or_letter_kind *k)
{
    return !strncmp(k->id, "board-", 6);
}

static void event_summary(or_sb *out, const web_request *req, const web_letter_ctx *c)
{
    const or_fact_event *e = c->e;
    char day[24];
    gov_summary_start(out);
    gov_summary_row(out, "Exclusion", web_letter_event_label(e));
    if (!view_internal_id(e->event_id)) /* the school's own reference, not onroll's id */
        gov_summary_row(out, "School's reference", e->event_id);
    gov_summary_row(out, "School", c->school_name);
    gov_summary_row(out, "Start", view_date(e->start, day));
    if (e->decided != OR_DATE_NONE && e->decided != e->start)
        gov_summary_row(out, "Decided", view_date(e->decided, day));
    if (e->kind != OR_EV_PERMANENT && e->sessions > 0)
        gov_summary_row(out, "Length",
                        e->kind == OR_EV_LUNCHTIME
                            ? or_arena_printf(req->arena, "%d lunchtime%s", e->sessions,
                                              e->sessions == 1 ? "" : "s")
                            : or_arena_printf(req->arena, "%d session%s (%d%s school days)",
                                              e->sessions, e->sessions == 1 ? "" : "s",
                                              e->sessions / 2, e->sessions % 2 ? ".5" : ""));
    html_raw(out, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                  "Reasons</dt>\n<dd class=\"govuk-summary-list__value\">");
    view_reasons(out, e->reasons, e->start);
    html_raw(out, "</dd>\n</div>\n");
    gov_summary_end(out);
}

static void letters_of_kind(or_sb *out, const web_request *req, const web_letter_ctx *c,
                            const or_letter_row *rows, int n, const or_letter_kind *k)
{
    int mine = 0;
    for (int i = 0; i < n; i++)
        mine += !strcmp(rows[i].kind, k->id);
    if (!mine) {
        html_raw(out, "<p class=\"govuk-body\">No letter of this kind has been written yet.</p>\n");
        return;
    }
    static const char *const heads[] = {"Letter", "Status", "Last change"};
    gov_table_start(out, "Letters written", heads, 3);
    char when[48];
    for (int i = 0; i < n; i++) {
        const or_letter_row *r = &rows[i];
        if (strcmp(r->kind, k->id))
            continue;
        gov_table_row_start(out);
        gov_td_link(out, web_letter_path(req, c, r->id),
                    or_arena_printf(req->arena, "Letter %lld", (long long)r->id));
        html_raw(out, "<td class=\"govuk-table__cell\">");
        if (or_letter_row_sent(r)) {
            or_date on = OR_DATE_NONE;
            char day[24];
            or_date_parse(r->sent_on, &on);
            view_tag(out, "Sent", "green");
            html_printf(out, " on %s (%s)", view_date(on, day), r->delivery);
        } else {
            view_tag(out, "Draft", "yellow");
        }
        html_raw(out, "</td>\n");
        gov_td(out, or_arena_printf(req->arena, "%s by %s", view_time(r->updated_at, when),
                                    or_letter_row_sent(r) ? r->sent_by : r->updated_by));
        gov_table_row_end(out);
    }
    gov_table_end(out);
}

/* The form's field of kind k: "board-upheld-date-day"... (each kind has its own form). */
static const char *field(const web_request *req, const or_letter_kind *k, const char *name)
{
    return or_arena_printf(req->arena, "%s-%s", k->id, name);
}

static void new_letter_form(or_sb *out, const web_request *req, const web_letter_ctx *c,
                            const or_letter_kind *k, const gov_error *errs, int nerrs)
{
    bool mine = !strcmp(web_form(req, "kind"), k->id);
    char d[3], m[3], y[5];
    web_date_parts(c->today, d, m, y);
    gov_form_start(out, req, "post", web_letters_path(req, c));
    gov_hidden(out, "urn", or_arena_printf(req->arena, "%d", c->e->urn));
    gov_hidden(out, "kind", k->id);
    gov_date_input(out, field(req, k, "date"),
                   asks_delivery(k) ? "The day it will be sent" : "The date on the letter",
                   asks_delivery(k) ? "The deadlines in the letter count from when it is "
                                      "received. For example, 24 11 2026"
                                    : "For example, 24 11 2026",
                   mine ? web_form(req, field(req, k, "date-day")) : d,
                   mine ? web_form(req, field(req, k, "date-month")) : m,
                   mine ? web_form(req, field(req, k, "date-year")) : y,
                   mine ? gov_error_for(errs, nerrs, field(req, k, "date-day")) : NULL);
    if (asks_delivery(k))
        gov_radios(out, field(req, k, "delivery"), "How it will be sent", NULL,
                   web_letter_deliveries, 3,
                   mine ? web_form(req, field(req, k, "delivery")) : "post",
                   mine ? gov_error_for(errs, nerrs, field(req, k, "delivery")) : NULL, true);
    gov_button(out, or_arena_printf(req->arena, "Write a draft: %s", k->title), false);
    gov_form_end(out);
}

static void list_page(const web_request *req, web_response *res, const web_letter_ctx *c,
                      const gov_error *errs, int nerrs)
{
    or_letter_row *rows = NULL;
    int n = 0;
    or_error err = {0};
    if (or_letters_of_event(req->store, c->e->urn, c->e->event_id, req->arena, &rows, &n, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The letters could not be read.");
        return;
    }
    or_sb *out = &res->body;
    const char *title =
        or_arena_printf(req->arena, "Letters: %s", view_event_name(req->arena, c->e));
    gov_page_start(out, req, nerrs ? or_arena_printf(req->arena, "Error: %s", title) : title);
    html_printf(out,
                "<a href=\"/pupils/%t\" class=\"govuk-back-link\">Back to the pupil's "
                "record</a>\n",
                c->upn);
    gov_error_summary(out, errs, nerrs);
    html_printf(out, "<span class=\"govuk-caption-l\">%s, UPN %s</span>\n",
                *c->pupil ? c->pupil : "Pupil", c->upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">Letters: %s</h1>\n",
                view_event_name(req->arena, c->e));
    event_summary(out, req, c);
    web_letter_missing_settings(out, req, c, NULL);
    html_raw(out, "<p class=\"govuk-body\">Each letter is filled in from the record, with its "
                  "dates counted in school days on the school's calendar. Write a draft, check "
                  "and change it, print it or save it as a PDF, then mark it as sent: that "
                  "records the duties it does.</p>\n");
    /* from a duty's "Write the letter" button: the letters that do that duty (the catalogue's
     * .done.letters) */
    const or_rule *duty = or_rule_find(web_query(req, "duty"));
    if (duty && !duty->done.letters[0])
        duty = NULL;
    if (duty)
        html_printf(out,
                    "<p class=\"govuk-body\">The letter for the duty: %s <a class=\"govuk-link\" "
                    "href=\"%s\">See every letter about this exclusion</a>.</p>\n",
                    duty->summary, web_letters_path(req, c));
    int shown = 0;
    for (size_t i = 0; i < or_letter_kinds_count(); i++) {
        const or_letter_kind *k = or_letter_kind_at(i);
        if (!web_letter_kind_applies(c, k))
            continue;
        if (duty && !(duty->done.letters[0] && !strcmp(duty->done.letters[0], k->id)) &&
            !(duty->done.letters[1] && !strcmp(duty->done.letters[1], k->id)))
            continue;
        shown++;
        html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"%s\">%s</h2>\n", k->id, k->title);
        html_printf(out, "<p class=\"govuk-body\">%s</p>\n", k->purpose);
        or_duty *ds = or_arena_alloc(req->arena, OR_LETTER_MAX_CLOSES * sizeof *ds);
        int nd = 0;
        for (int r = 0; k->closes[r]; r++) {
            const or_duty *d = web_letter_duty(c, k->closes[r]);
            if (d)
                ds[nd++] = *d;
        }
        { /* scrolls on its own on a narrow screen */
            html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                          "aria-label=\"Sending it does these duties\">\n");
            web_duties_table(out, "Sending it does these duties", c->upn, ds, nd, false);
            html_raw(out, "</div>\n");
        }
        letters_of_kind(out, req, c, rows, n, k);
        new_letter_form(out, req, c, k, errs, nerrs);
    }
    if (!shown)
        html_raw(out, "<p class=\"govuk-body\">No letter applies to this exclusion.</p>\n");
    gov_page_end(out, req);
    if (nerrs)
        res->status = 400;
}

void page_letters(const web_request *req, web_response *res)
{
    web_letter_ctx c;
    if (!web_letter_ctx_load(req, res, &c))
        return;
    list_page(req, res, &c, NULL, 0);
    web_letter_ctx_free(&c);
}

void page_letters_post(const web_request *req, web_response *res)
{
    web_letter_ctx c;
    if (!web_letter_ctx_load(req, res, &c))
        return;
    const or_letter_kind *k = or_letter_kind_find(web_form(req, "kind"));
    if (!k || !web_letter_kind_applies(&c, k)) {
        web_letter_ctx_free(&c);
        web_error(req, res, 400, "Bad request", "This kind of letter does not apply here.");
        return;
    }
    gov_error errs[4];
    int nerrs = 0;
    const char *when = web_date_from_parts(req->arena, web_form(req, field(req, k, "date-day")),
                                           web_form(req, field(req, k, "date-month")),
                                           web_form(req, field(req, k, "date-year")));
    or_date dated = OR_DATE_NONE;
    if (!*when)
        errs[nerrs++] = (gov_error){field(req, k, "date-day"),
                                    asks_delivery(k) ? "Enter the day it will be sent"
                                                     : "Enter the date on the letter"};
    else if (!or_date_parse(when, &dated))
        errs[nerrs++] = (gov_error){field(req, k, "date-day"), "The date must be a real date"};
    const char *delivery = asks_delivery(k) ? web_form(req, field(req, k, "delivery")) : NULL;
    if (delivery && !web_letter_delivery_ok(delivery))
        errs[nerrs++] = (gov_error){field(req, k, "delivery"), "Select how it will be sent"};
    or_letter l;
    or_error err = {0};
    if (!nerrs && web_letter_fill(req, &c, k, dated, delivery, &l, &err))
        errs[nerrs++] = (gov_error){NULL, or_arena_strdup(req->arena, err.msg)};
    if (nerrs) {
        list_page(req, res, &c, errs, nerrs);
        web_letter_ctx_free(&c);
        return;
    }
    or_sb body = OR_SB_INIT;
    or_letter_text(&l, &body);
    or_letter_row r = {.urn = c.e->urn,
                       .event_id = c.e->event_id,
                       .upn = c.upn,
                       .kind = k->id,
                       .title = l.title,
                       .body = or_sb_str(&body),
                       .created_by = req->user->email};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_letter_add(req->store, &r, &err);
    if (!rc) {
        char detail[200];
        snprintf(detail, sizeof detail, "letter %lld drafted: %s for %s at school %d",
                 (long long)r.id, k->id, c.e->event_id, c.e->urn);
        rc = web_audit(req, "change", c.upn, detail) ? OR_ESTORE : OR_OK;
    }
    if (!rc)
        rc = or_store_commit(req->store, &err);
    or_sb_release(&body);
    if (rc) {
        or_store_rollback(req->store);
        web_letter_ctx_free(&c);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The letter could not be saved.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "%s&written=1", web_letter_path(req, &c, r.id)));
    web_letter_ctx_free(&c);
}
