/* page_letter.c - GET and POST /pupils/{upn}/events/{event_id}/letters/{letter} : one letter.
 *
 * GET shows the letter as it will be printed (the sheet of letter_doc.h, which alone is
 * printed: letter.css), with a Print button (init.mjs: no inline script) and a link to its PDF
 * (page_letter_pdf.c); the duties sending it does, with their status; the gaps in square
 * brackets still to fill. A draft can be edited, one paragraph to a box (a box emptied is a
 * paragraph removed, the last box adds one), and marked as sent; a sent letter is shown frozen,
 * with when and how it went.
 *
 * POST action=save keeps the edited text (letters.h's checks: valid text, not empty, not too
 * long), only while the letter is a draft. POST action=send, in one transaction: the letter
 * frozen with the day and the way it was sent, and, for each duty it does that is not done
 * yet, an `action` event (rule, delivery, to, the board's outcome) sent through the importer
 * exactly as page_action.c sends one, and the audit line; then back here with a banner. It is
 * refused while a gap is left, for a day in the future or before the decision, and, for a
 * letter whose deadline counts from its delivery (the board's notice, the board's decision),
 * when the deadline the letter gives is not the one the day and the way of sending make.
 *
 * Who: the LA, and a school for its own school's exclusions (web/letters.h). WEB_F_PUPIL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/letters.h"
#include "web/view.h"

static const web_field send_fields[] = {
    {"start", "sent-day", "date it was sent", NULL},
    {"delivery", "delivery", "way it was sent", "Select how it was sent"},
};

static const or_letter_kind *kind_of(const or_letter_row *r)
{
    return or_letter_kind_find(r->kind);
}

static void duties_done(or_sb *out, const web_letter_ctx *c, const or_letter_kind *k)
{
    or_duty ds[OR_LETTER_MAX_CLOSES];
    int n = 0;
    for (int i = 0; k && k->closes[i]; i++) {
        const or_duty *d = web_letter_duty(c, k->closes[i]);
        if (d)
            ds[n++] = *d;
    }
    if (n) { /* scrolls on its own on a narrow screen */
        html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                      "aria-label=\"The duties sending it does\">\n");
        web_duties_table(out, "The duties sending it does", c->upn, ds, n, false);
        html_raw(out, "</div>\n");
    }
}

typedef struct {
    const char *body;                                /* the text in the boxes */
    const char *sent_d, *sent_m, *sent_y, *delivery; /* the send form, as typed */
    const gov_error *errs;
    int nerrs;
} view_state;

static void edit_form(or_sb *out, const web_request *req, const web_letter_ctx *c,
                      const or_letter_row *r, const view_state *v)
{
    const char **paras;
    int n = web_letter_split_paras(req, v->body, &paras);
    html_raw(out, "<div class=\"onroll-no-print\">\n<h2 class=\"govuk-heading-m\" "
                  "id=\"edit\">Change the letter</h2>\n");
    html_raw(out, "<p class=\"govuk-body\">One paragraph to a box. Empty a box to remove its "
                  "paragraph; write in the last box to add one. A line starting with a dash and "
                  "a space is an item of a list.</p>\n");
    gov_form_start(out, req, "post", web_letter_path(req, c, r->id));
    gov_hidden(out, "urn", or_arena_printf(req->arena, "%d", c->e->urn));
    gov_hidden(out, "action", "save");
    const char *err = gov_error_for(v->errs, v->nerrs, "para-1");
    html_printf(out, "<div class=\"govuk-form-group%s\">\n", err ? " govuk-form-group--error" : "");
    if (err)
        html_printf(out,
                    "<p id=\"para-1-error\" class=\"govuk-error-message\"><span "
                    "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
                    err);
    for (int i = 0; i <= n; i++) {
        const char *text = i < n ? paras[i] : "";
        int rows = 2;
        for (const char *p = text; *p; p++)
            rows += *p == '\n';
        rows += (int)(strlen(text) / 90);
        html_printf(out,
                    "<label class=\"govuk-label\" for=\"para-%d\">%s</label>\n"
                    "<textarea class=\"govuk-textarea onroll-letter-box\" id=\"para-%d\" "
                    "name=\"para\" rows=\"%d\">%s</textarea>\n",
                    i + 1,
                    i < n ? or_arena_printf(req->arena, "Paragraph %d", i + 1)
                          : "Add a paragraph (optional)",
                    i + 1, rows > 12 ? 12 : rows, text);
    }
    html_raw(out, "</div>\n");
    gov_button(out, "Save draft", false);
    gov_form_end(out);
    html_raw(out, "</div>\n");
}

static void send_form(or_sb *out, const web_request *req, const web_letter_ctx *c,
                      const or_letter_row *r, const or_letter_kind *k, const view_state *v)
{
    html_raw(out, "<div class=\"onroll-no-print\">\n<h2 class=\"govuk-heading-m\" "
                  "id=\"send\">Mark as sent</h2>\n");
    const char *todo = "";
    for (int i = 0; k && k->closes[i]; i++) {
        const or_duty *d = web_letter_duty(c, k->closes[i]);
        if (d && d->status != OR_DUTY_DONE)
            todo = or_arena_printf(req->arena, "%s%s%s", todo, *todo ? ", " : "", k->closes[i]);
    }
    gov_warning(out, or_arena_printf(req->arena,
                                     "Once marked as sent, the letter cannot be changed.%s%s%s",
                                     *todo ? " It records that these duties were done: " : "", todo,
                                     *todo ? "." : ""));
    char d[3], m[3], y[5];
    web_date_parts(c->today, d, m, y);
    gov_form_start(out, req, "post", web_letter_path(req, c, r->id));
    gov_hidden(out, "urn", or_arena_printf(req->arena, "%d", c->e->urn));
    gov_hidden(out, "action", "send");
    gov_date_input(out, "sent", "The day it was sent", "For example, 24 11 2026",
                   v->sent_d ? v->sent_d : d, v->sent_m ? v->sent_m : m, v->sent_y ? v->sent_y : y,
                   gov_error_for(v->errs, v->nerrs, "sent-day"));
    gov_radios(out, "delivery", "How it was sent", NULL, web_letter_deliveries, 3, v->delivery,
               gov_error_for(v->errs, v->nerrs, "delivery"), true);
    gov_button(out, "Mark as sent", false);
    gov_form_end(out);
    html_raw(out, "</div>\n");
}

static void key_dates(or_sb *out, const web_request *req, const web_letter_ctx *c,
                      const or_letter_row *r, const or_letter_kind *k)
{
    if (!k)
        return;
    /* dates that count from the sending are known once it is sent */
    bool by_delivery = !strncmp(k->id, "board-", 6);
    or_date sent = OR_DATE_NONE;
    if (by_delivery && !(or_letter_row_sent(r) && or_date_parse(r->sent_on, &sent)))
        return;
    or_letter l;
    or_error err = {0};
    if (web_letter_fill(req, c, k, sent, or_letter_row_sent(r) ? r->delivery : NULL, &l, &err) ||
        !l.ndates)
        return;
    html_raw(out, "<h2 class=\"govuk-heading-m onroll-no-print\">Dates from the record</h2>\n"
                  "<dl class=\"govuk-summary-list onroll-no-print\">\n");
    char day[24];
    for (int i = 0; i < l.ndates; i++) {
        html_printf(out,
                    "<div class=\"govuk-summary-list__row\">\n<dt "
                    "class=\"govuk-summary-list__key\">%s</dt>\n<dd "
                    "class=\"govuk-summary-list__value\">%s",
                    l.dates[i].label, view_date(l.dates[i].date, day));
        if (l.dates[i].rule)
            html_printf(out, " <span class=\"onroll-secondary\">%s</span>", l.dates[i].rule);
        html_raw(out, "</dd>\n</div>\n");
    }
    html_raw(out, "</dl>\n");
}

static void letter_page(const web_request *req, web_response *res, const web_letter_ctx *c,
                        const or_letter_row *r, const view_state *v)
{
    const or_letter_kind *k = kind_of(r);
    bool sent = or_letter_row_sent(r);
    or_sb *out = &res->body;
    const char *title = k ? k->title : r->kind;
    gov_page_start(out, req, v->nerrs ? or_arena_printf(req->arena, "Error: %s", title) : title);
    html_printf(out,
                "<a href=\"%s\" class=\"govuk-back-link onroll-no-print\">Back to the letters "
                "about %s</a>\n",
                web_letters_path(req, c), c->e->event_id);
    html_raw(out, "<div class=\"onroll-no-print\">\n");
    gov_error_summary(out, v->errs, v->nerrs);
    if (*web_query(req, "written"))
        gov_notification(out, "Success",
                         "Draft written from the record. Check it, fill the gaps "
                         "in square brackets, and save it.",
                         true);
    else if (*web_query(req, "saved"))
        gov_notification(out, "Success", "Draft saved.", true);
    else if (*web_query(req, "sent"))
        gov_notification(out, "Success",
                         "Letter marked as sent. The duties it does are recorded as done.", true);
    html_printf(out, "<span class=\"govuk-caption-l\">Letter %lld about %s, UPN %s</span>\n",
                (long long)r->id, *c->pupil ? c->pupil : "the pupil", c->upn);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    char day[24], when[48];
    gov_summary_start(out);
    html_raw(out, "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                  "Status</dt>\n<dd class=\"govuk-summary-list__value\">");
    if (sent) {
        or_date on = OR_DATE_NONE;
        or_date_parse(r->sent_on, &on);
        view_tag(out, "Sent", "green");
        html_printf(out, " on %s (%s), recorded by %s on %s", view_date(on, day), r->delivery,
                    r->sent_by, view_time(r->sent_at, when));
    } else {
        view_tag(out, "Draft", "yellow");
    }
    html_raw(out, "</dd>\n</div>\n");
    gov_summary_row(out, "To", k ? k->to : "");
    gov_summary_row(
        out, "About",
        or_arena_printf(req->arena, "%s, %s", view_event_name(req->arena, c->e), c->school_name));
    gov_summary_row(
        out, "Written by",
        or_arena_printf(req->arena, "%s on %s", r->created_by, view_time(r->created_at, when)));
    if (strcmp(r->updated_at, r->created_at))
        gov_summary_row(
            out, "Last saved",
            or_arena_printf(req->arena, "%s by %s", view_time(r->updated_at, when), r->updated_by));
    gov_summary_end(out);
    duties_done(out, c, k);
    char gap[120];
    if (!sent)
        web_letter_missing_settings(out, req, c, r->body); /* the gaps settings would fill */
    if (sent)
        html_raw(out, "<div class=\"govuk-inset-text\">A sent letter cannot be changed. To correct "
                      "it, write a new letter from the list of letters.</div>\n");
    else if (or_letter_gap(r->body, gap, sizeof gap))
        gov_warning(out, or_arena_printf(req->arena,
                                         "The letter still has gaps to fill, in square brackets, "
                                         "such as %s. Fill them before it is sent.",
                                         gap));
    html_raw(out, "</div>\n");
    key_dates(out, req, c, r, k);

    html_raw(out, "<h2 class=\"govuk-heading-m onroll-no-print\">The letter</h2>\n"
                  "<div class=\"govuk-button-group onroll-no-print\">\n"
                  "<button type=\"button\" class=\"govuk-button govuk-button--secondary\" "
                  "data-module=\"govuk-button\" data-onroll-print hidden>Print</button>\n");
    html_printf(out,
                "<a class=\"govuk-link\" href=\"/pupils/%t/events/%t/letters/%lld/pdf?urn=%d\" "
                "download>Download PDF</a>\n</div>\n",
                c->upn, c->e->event_id, (long long)r->id, c->e->urn);
    or_letter l;
    or_letter_parse(r->body, req->arena, &l);
    or_letter_html_sheet(c->school_name, r->title, &l, out);
    if (!sent) {
        edit_form(out, req, c, r, v);
        send_form(out, req, c, r, k, v);
    }
    gov_page_end(out, req);
    if (v->nerrs)
        res->status = 400;
}

void page_letter(const web_request *req, web_response *res)
{
    web_letter_ctx c;
    if (!web_letter_ctx_load(req, res, &c))
        return;
    or_letter_row r;
    if (web_letter_row_load(req, res, &c, &r)) {
        view_state v = {.body = r.body};
        letter_page(req, res, &c, &r, &v);
    }
    web_letter_ctx_free(&c);
}

static void save(const web_request *req, web_response *res, const web_letter_ctx *c,
                 const or_letter_row *r)
{
    const char *body = web_letter_join_paras(req);
    or_error err = {0};
    if (or_letter_check_body(body, &err)) {
        const char *msg =
            or_arena_strdup(req->arena, err.msg + (strncmp(err.msg, "letter: ", 8) ? 0 : 8));
        gov_error e = {"para-1", or_arena_printf(req->arena, "The letter cannot be kept: %s", msg)};
        view_state v = {.body = *body ? body : r->body, .errs = &e, .nerrs = 1};
        letter_page(req, res, c, r, &v);
        return;
    }
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_letter_save(req->store, r->id, body, req->user->email, &err);
    if (!rc) {
        char detail[160];
        snprintf(detail, sizeof detail, "letter %lld saved (%zu bytes)", (long long)r->id,
                 strlen(body));
        rc = web_audit(req, "change", c->upn, detail) ? OR_ESTORE : OR_OK;
    }
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        if (rc == OR_ECONFLICT)
            web_error(req, res, 409, "This letter has been sent",
                      "A sent letter cannot be changed. To correct it, write a new letter.");
        else
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The letter could not be saved.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "%s&saved=1", web_letter_path(req, c, r->id)));
}

/* The letter must give the deadlines that count from its delivery as the day and the way it
 * was sent make them (the board's notice: its meeting; the board's decision: the review). */
static const char *wrong_deadline(const web_request *req, const web_letter_ctx *c,
                                  const or_letter_row *r, const or_letter_kind *k, or_date sent,
                                  const char *delivery)
{
    if (strcmp(k->id, "board-notice") && strcmp(k->id, "board-upheld"))
        return NULL;
    or_letter l;
    or_error err = {0};
    if (web_letter_fill(req, c, k, sent, delivery, &l, &err))
        return or_arena_strdup(req->arena, err.msg);
    for (int i = 0; i < l.ndates; i++) {
        const or_letter_date *d = &l.dates[i];
        if (!d->rule)
            continue;
        char words[32];
        or_letter_date_words(d->date, words);
        if (!strstr(r->body, words))
            return or_arena_printf(req->arena,
                                   "Sent by %s on that day, the letter must give %s as \"%s\" "
                                   "(%s): change the date in the letter, save it, then mark it "
                                   "as sent",
                                   delivery, d->label, words, d->rule);
    }
    return NULL;
}

static void mark_sent(const web_request *req, web_response *res, const web_letter_ctx *c,
                      const or_letter_row *r)
{
    const or_letter_kind *k = kind_of(r);
    view_state v = {.body = r->body,
                    .sent_d = web_form(req, "sent-day"),
                    .sent_m = web_form(req, "sent-month"),
                    .sent_y = web_form(req, "sent-year"),
                    .delivery = web_form(req, "delivery")};
    gov_error errs[8];
    int nerrs = 0;
    const char *when = web_date_from_parts(req->arena, v.sent_d, v.sent_m, v.sent_y);
    or_date sent = OR_DATE_NONE;
    char gap[120];
    if (or_letter_row_sent(r)) {
        web_error(req, res, 409, "This letter has been sent",
                  "A sent letter cannot be sent again or changed. To correct it, write a new "
                  "letter.");
        return;
    }
    if (!k)
        errs[nerrs++] = (gov_error){NULL, "This kind of letter is no longer known."};
    if (!*when)
        errs[nerrs++] = (gov_error){"sent-day", "Enter the day it was sent"};
    else if (!or_date_parse(when, &sent))
        errs[nerrs++] = (gov_error){"sent-day", "The day it was sent must be a real date"};
    else if (sent > c->today)
        errs[nerrs++] = (gov_error){"sent-day", "The day it was sent cannot be in the future"};
    else if (sent < c->e->decided) {
        char day[24];
        errs[nerrs++] = (gov_error){
            "sent-day",
            or_arena_printf(req->arena, "The day it was sent cannot be before the decision, %s",
                            view_date(c->e->decided, day))};
    }
    if (!web_letter_delivery_ok(v.delivery))
        errs[nerrs++] = (gov_error){"delivery", "Select how it was sent"};
    if (or_letter_gap(r->body, gap, sizeof gap))
        errs[nerrs++] = (gov_error){
            "para-1", or_arena_printf(req->arena,
                                      "Fill the gap %s (and any other in square brackets), save "
                                      "the letter, then mark it as sent",
                                      gap)};
    const char *wrong = NULL;
    if (!nerrs && (wrong = wrong_deadline(req, c, r, k, sent, v.delivery)))
        errs[nerrs++] = (gov_error){"para-1", wrong};
    or_error err = {0};
    or_ingest_result ir = {0};
    or_code rc = OR_OK;
    const char *name = or_arena_printf(req->arena, "form /pupils/%s/events/%s/letters/%lld", c->upn,
                                       c->e->event_id, (long long)r->id);
    const char *done = "";
    if (!nerrs) {
        rc = or_store_begin(req->store, &err);
        if (!rc)
            rc = or_letter_mark_sent(req->store, r->id, when, v.delivery, req->user->email, &err);
        /* the duties it does that are not done yet: one action each, through the importer */
        for (int i = 0; !rc && k->closes[i]; i++) {
            const or_duty *d = web_letter_duty(c, k->closes[i]);
            if (!d || d->status == OR_DUTY_DONE)
                continue;
            char id[WEB_EVENT_ID_LEN + 1];
            web_new_event_id(id);
            const char *cells[OR_EV__N];
            for (int col = 0; col < OR_EV__N; col++)
                cells[col] = "";
            cells[OR_EV_EVENT_ID] = id;
            cells[OR_EV_UPN] = c->upn;
            cells[OR_EV_URN] = or_arena_printf(req->arena, "%d", c->e->urn);
            cells[OR_EV_TYPE] = "action";
            cells[OR_EV_START] = when;
            cells[OR_EV_REF] = c->e->event_id;
            cells[OR_EV_RULE] = k->closes[i];
            cells[OR_EV_DELIVERY] = v.delivery;
            cells[OR_EV_TO] = k->to;
            if (k->outcome && !strncmp(k->closes[i], "STAT-GB-", 8))
                cells[OR_EV_OUTCOME] = k->outcome;
            cells[OR_EV_NOTES] =
                or_arena_printf(req->arena, "letter %lld: %s", (long long)r->id, k->title);
            cells[OR_EV_RECORDED_BY] = or_arena_printf(req->arena, "%.200s", req->user->email);
            or_ingest_result_release(&ir);
            memset(&ir, 0, sizeof ir);
            rc = web_ingest_row(req, or_kind_get(OR_K_EVENTS), name, cells, &ir, &err);
            if (!rc)
                done = or_arena_printf(req->arena, "%s%s%s", done, *done ? ", " : "", k->closes[i]);
        }
        if (!rc) {
            char detail[300];
            snprintf(detail, sizeof detail, "letter %lld sent on %s by %s (%s for %s)%s%s",
                     (long long)r->id, when, v.delivery, k->id, c->e->event_id,
                     *done ? "; recorded done: " : "", done);
            rc = web_audit(req, "change", c->upn, detail) ? OR_ESTORE : OR_OK;
        }
        if (!rc)
            rc = or_store_commit(req->store, &err);
        if (rc)
            or_store_rollback(req->store);
    }
    if (rc == OR_EINPUT)
        web_form_errors(req->arena, ir.errors.len ? or_sb_str(&ir.errors) : err.msg, name,
                        send_fields, 2, errs, &nerrs, 8);
    or_ingest_result_release(&ir);
    if (nerrs) {
        v.errs = errs;
        v.nerrs = nerrs;
        letter_page(req, res, c, r, &v);
        return;
    }
    if (rc == OR_ECONFLICT) {
        web_error(req, res, 409, "This letter has been sent",
                  "A sent letter cannot be sent again or changed. To correct it, write a new "
                  "letter.");
        return;
    }
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The database did not answer. Nothing was saved.");
        return;
    }
    web_redirect(req, res,
                 or_arena_printf(req->arena, "%s&sent=1", web_letter_path(req, c, r->id)));
}

void page_letter_post(const web_request *req, web_response *res)
{
    web_letter_ctx c;
    if (!web_letter_ctx_load(req, res, &c))
        return;
    or_letter_row r;
    if (web_letter_row_load(req, res, &c, &r)) {
        const char *action = web_form(req, "action");
        if (or_letter_row_sent(&r))
            web_error(req, res, 409, "This letter has been sent",
                      "A sent letter cannot be changed. To correct it, write a new letter.");
        else if (!strcmp(action, "save"))
            save(req, res, &c, &r);
        else if (!strcmp(action, "send"))
            mark_sent(req, res, &c, &r);
        else
            web_error(req, res, 400, "Bad request", "The form did not say what to do.");
    }
    web_letter_ctx_free(&c);
}
