/* page_workshop.c - one workshop's page (issue 19 part 1; workshop_web.h):
 *
 *   GET  /workshops/{id}   what it is; the warm-up (each participant's definition of the
 *        system's purpose, written alone, then revealed by the facilitator and shown side by
 *        side: a live region); the tools' pages; the facilitator's script (each tool's questions
 *        as the toolkit words them, with a notes box per question); the participants by role;
 *   POST /workshops/{id}   action=purpose (a participant's answer) or action=notes (the
 *        facilitator's notes on one tool's questions), each with its audit line;
 *   GET, POST /workshops/{id}/participants/new   the facilitator adds a participant with an
 *        account, or a guest, whose one-time link is shown once (only its hash is kept).
 *
 * Who: ws_open (the facilitator, the participants, the LA, the school of a school's workshop,
 * a guest of this workshop). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "onroll/labels.h"
#include "onroll/store_users.h"
#include "web/form.h"
#include "web/view.h"
#include "web/workshop_web.h"

static const char *label_of(const or_ws_term *vocab, const char *code)
{
    const char *l = or_ws_label(vocab, code);
    return l ? l : code;
}

static const char *ws_path(const web_request *req, const ws_ctx *w, const char *tail)
{
    return or_arena_printf(req->arena, "/workshops/%lld%s", (long long)w->id, tail);
}

/* ---- the warm-up ---- */

enum { P_PURPOSE, P__N };
static const form_field purpose_fields[P__N] = {
    [P_PURPOSE] = {"purpose", "Your definition",
                   "Write it alone. Nobody sees it until the facilitator reveals everyone's.",
                   FORM_TEXTAREA, FORM_REQUIRED, .noun = "your definition", .max = 2000, .rows = 4},
};

/* The answers (a live region): before the reveal, how many have written theirs; after it,
 * everyone's side by side. */
static void warmup_answers(or_sb *out, const web_request *req, const ws_ctx *w,
                           const or_ws_participant *ps, int np, bool revealed)
{
    ws_live_open(out, w, "ws-purposes");
    ws_reveal_button(out, req, w, "purpose", ws_path(req, w, "#warm-up"));
    int written = 0;
    for (int i = 0; i < np; i++)
        written += ps[i].purpose[0] != '\0';
    char a[32], b[32];
    html_printf(out,
                "<p class=\"govuk-body\" id=\"ws-purpose-count\">%s of %s participants have "
                "written their definition.</p>\n",
                or_fmt_int(written, a), or_fmt_int(np, b));
    if (revealed && written) {
        html_raw(out, "<ul class=\"onroll-ws-cards\" id=\"ws-purpose-list\">\n");
        for (int i = 0; i < np; i++) {
            if (!ps[i].purpose[0])
                continue;
            html_printf(out,
                        "<li class=\"onroll-ws-card\"><p class=\"govuk-body govuk-!-margin-bottom-1"
                        "\"><strong>%s</strong></p><p class=\"govuk-body onroll-ws-card__text\">%s"
                        "</p></li>\n",
                        ps[i].name[0] ? ps[i].name : ws_shown_name(&ps[i]), ps[i].purpose);
        }
        html_raw(out, "</ul>\n");
    }
    ws_live_close(out, w);
}

static void warmup(or_sb *out, const web_request *req, const ws_ctx *w, const or_ws_participant *ps,
                   int np, form *pf)
{
    bool revealed = ws_revealed(req, w->id, "purpose");
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"warm-up\">Warm-up: the purpose of the "
                  "system</h2>\n");
    html_printf(out,
                "<div class=\"govuk-inset-text\"><p class=\"govuk-body\">The toolkit asks the "
                "facilitator to &ldquo;%s&rdquo;.</p><p class=\"govuk-body\">Why: to &ldquo;%s"
                "&rdquo;.</p></div>\n",
                or_ws_warmup_prompt, or_ws_warmup_use);
    const or_ws_participant *me = NULL;
    for (int i = 0; i < np; i++)
        if (ps[i].id == w->participant)
            me = &ps[i];
    if (me) {
        if (!pf->posted)
            form_set(pf, P_PURPOSE, me->purpose);
        html_raw(out, "<div class=\"onroll-ws-draft\">\n");
        gov_error_summary(out, pf->errors, pf->nerrors);
        html_raw(out, "<h3 class=\"govuk-heading-s\">In your own words, what is the purpose of "
                      "the local education system, and what is &lsquo;inclusive and nurturing "
                      "education&rsquo;?</h3>\n");
        form_start(out, pf, ws_path(req, w, ""));
        gov_hidden(out, "action", "purpose");
        form_fields_html(out, pf, 0, P__N);
        html_raw(out,
                 "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                 "data-module=\"govuk-button\">Save my definition</button>\n</form>\n</div>\n");
    }
    warmup_answers(out, req, w, ps, np, revealed);
}

/* ---- the facilitator's script ---- */

static const char *note_of(const or_ws_note *notes, int n, const char *tool, int q)
{
    for (int i = 0; i < n; i++)
        if (notes[i].question == q && !strcmp(notes[i].tool, tool))
            return notes[i].note;
    return "";
}

static void script(or_sb *out, const web_request *req, const ws_ctx *w, const or_ws_note *notes,
                   int nnotes)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"script\">The facilitator's script</h2>\n"
                  "<p class=\"govuk-body\">The toolkit suggests the tools in this order. Each "
                  "starts with everyone drafting alone, then a group discussion of the "
                  "questions.</p>\n");
    for (size_t t = 0; t < or_ws_scripts_count; t++) {
        const or_ws_script *s = &or_ws_scripts[t];
        int nq = or_ws_script_questions(s);
        html_printf(out, "<h3 class=\"govuk-heading-s\" id=\"script-%s\">%s: %s</h3>\n", s->tool,
                    s->name, s->intro);
        if (w->facilitator) {
            gov_form_start(out, req, "post", ws_path(req, w, ""));
            gov_hidden(out, "action", "notes");
            gov_hidden(out, "tool", s->tool);
        }
        html_raw(out, "<ol class=\"govuk-list govuk-list--number\">\n");
        for (int q = 0; q < nq; q++) {
            const char *note = note_of(notes, nnotes, s->tool, q + 1);
            html_printf(out, "<li><p class=\"govuk-body\">&ldquo;%s&rdquo;</p>\n", s->questions[q]);
            if (w->facilitator)
                gov_textarea(out, or_arena_printf(req->arena, "note-%s-%d", s->tool, q + 1),
                             "Notes", NULL, note, 3, NULL);
            else if (note[0])
                html_printf(out, "<p class=\"govuk-body onroll-ws-note\">Notes: %s</p>\n", note);
            html_raw(out, "</li>\n");
        }
        html_raw(out, "</ol>\n");
        if (w->facilitator) {
            html_printf(out,
                        "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
                        "data-module=\"govuk-button\">Save the notes on the %s</button>\n",
                        s->name);
            gov_form_end(out);
        }
    }
}

/* ---- the page ---- */

static void participants_table(or_sb *out, const web_request *req, const ws_ctx *w,
                               const or_ws_participant *ps, int np)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"participants\">Participants</h2>\n");
    if (w->facilitator)
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
                    "href=\"/workshops/%lld/participants/new\">Add a participant</a></p>\n",
                    (long long)w->id);
    if (!np) {
        html_raw(out, "<p class=\"govuk-body\">Nobody has been added yet.</p>\n");
        return;
    }
    static const char *const heads[] = {"Name", "Role", "Organisation", "Sector", "Joined", ""};
    html_raw(out, "<div class=\"onroll-ws-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Participants, by role\">\n");
    gov_table_start(out, "By role", heads, w->facilitator ? 6 : 5);
    /* by role: the rows in the order of their roles, then names */
    int *order = or_arena_alloc(req->arena, sizeof *order * (size_t)np);
    for (int i = 0; i < np; i++)
        order[i] = i;
    for (int i = 1; i < np; i++)
        for (int j = i; j > 0; j--) {
            const or_ws_participant *a = &ps[order[j - 1]], *b = &ps[order[j]];
            int c = strcasecmp(a->role, b->role);
            if (c < 0 || (c == 0 && strcasecmp(a->name, b->name) <= 0))
                break;
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int k = 0; k < np; k++) {
        const or_ws_participant *p = &ps[order[k]];
        gov_table_row_start(out);
        gov_td(out, p->name[0] ? p->name : "Not given");
        gov_td(out, p->role[0] ? p->role : "Not given");
        gov_td(out, p->organisation[0] ? p->organisation : "Not given");
        gov_td(out, p->sector[0] ? label_of(or_ws_sectors, p->sector) : "Not given");
        gov_td(out, !p->guest ? "Has an account" : p->joined_at ? "Joined by link" : "Not yet");
        if (w->facilitator) { /* removing a guest also ends their link and cookie */
            html_raw(out, "<td class=\"govuk-table__cell\">");
            gov_form_start(out, req, "post", ws_path(req, w, ""));
            gov_hidden(out, "action", "remove");
            gov_hidden(out, "participant", or_arena_printf(req->arena, "%lld", (long long)p->id));
            html_printf(out,
                        "<button type=\"submit\" class=\"govuk-button govuk-button--warning "
                        "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">Remove<span "
                        "class=\"govuk-visually-hidden\"> %s</span></button>\n",
                        p->name);
            gov_form_end(out);
            html_raw(out, "</td>\n");
        }
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

static void show(const web_request *req, web_response *res, const ws_ctx *w, form *pf)
{
    or_ws_participant *ps = NULL;
    or_ws_note *notes = NULL;
    int np = 0, nnotes = 0;
    or_error err = {0};
    if (or_ws_participants(req->store, w->id, req->arena, &ps, &np, &err) ||
        or_ws_notes(req->store, w->id, req->arena, &notes, &nnotes, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The workshop could not be read.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req,
                   pf->nerrors ? or_arena_printf(req->arena, "Error: %s", w->title) : w->title);
    ws_live_script(out, req);
    if (!w->guest)
        html_raw(out, "<a href=\"/workshops\" class=\"govuk-back-link\">Back to workshops</a>\n");
    html_printf(
        out, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n",
        ws_caption(req, w), w->title);
    if (web_query(req, "planned")[0])
        gov_notification(out, "Success", "Workshop planned. Add its participants.", true);
    if (web_query(req, "saved")[0])
        gov_notification(out, "Success", "Saved.", true);
    char day[24];
    gov_summary_start(out);
    gov_summary_row(out, "Date", view_date(w->w->held_on, day));
    gov_summary_row(out, "Who takes part", label_of(or_ws_scopes, w->w->scope));
    if (w->urn)
        gov_summary_row(out, "School", view_school_label(req, w->urn));
    gov_summary_row(out, "How it is held", label_of(or_ws_modes, w->w->mode));
    if (w->w->series[0])
        gov_summary_row(out, "Series", w->w->series);
    if (!w->guest)
        gov_summary_row(out, "Facilitator", w->w->facilitator);
    gov_summary_end(out);

    html_raw(out, "<h2 class=\"govuk-heading-m\">The tools</h2>\n<ul class=\"govuk-list\">\n");
    for (size_t t = 0; t < or_ws_scripts_count; t++)
        html_printf(out, "<li><a class=\"govuk-link\" href=\"/workshops/%lld/%t\">%s</a></li>\n",
                    (long long)w->id, or_ws_scripts[t].path, or_ws_scripts[t].name);
    html_printf(out,
                "<li><a class=\"govuk-link\" href=\"/workshops/%lld/report\">The workshop's "
                "report</a></li>\n</ul>\n",
                (long long)w->id);

    warmup(out, req, w, ps, np, pf);
    script(out, req, w, notes, nnotes);
    participants_table(out, req, w, ps, np);
    gov_page_end(out, req);
    if (pf->nerrors)
        res->status = 400;
}

void page_workshop(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return;
    form pf;
    form_init(&pf, req, purpose_fields, P__N);
    show(req, res, &w, &pf);
}

static bool save_purpose(const web_request *req, web_response *res, const ws_ctx *w, form *pf)
{
    if (!w->participant) {
        web_error(req, res, 403, "You do not have access to this page",
                  "Only the workshop's participants write a definition.");
        return false;
    }
    form_read(pf);
    if (!form_validate(pf)) {
        form_errors_in_order(pf);
        show(req, res, w, pf);
        return false;
    }
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_ws_purpose_set(req->store, w->id, w->participant, form_text(pf, P_PURPOSE), &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "workshop %lld: participant %lld's purpose (%s)",
                                       (long long)w->id, (long long)w->participant, w->who))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "Your definition could not be saved. Nothing was changed.");
        return false;
    }
    return true;
}

static bool save_notes(const web_request *req, web_response *res, const ws_ctx *w)
{
    const or_ws_script *s = or_ws_script_of(web_form(req, "tool"));
    if (!w->facilitator || !s) {
        web_error(req, res, w->facilitator ? 400 : 403,
                  w->facilitator ? "Bad request" : "You do not have access to this page",
                  w->facilitator ? "There is no such tool." : "Only the facilitator keeps notes.");
        return false;
    }
    int nq = or_ws_script_questions(s);
    form f;
    form_init(&f, req, NULL, 0);
    for (int q = 0; q < nq; q++)
        form_add(&f, &(form_field){or_arena_printf(req->arena, "note-%s-%d", s->tool, q + 1),
                                   "Notes", NULL, FORM_TEXTAREA, 0, .noun = "notes", .max = 4000});
    form_read(&f);
    if (!form_validate(&f)) {
        web_error(req, res, 400, "Bad request", f.errors[0].message);
        return false;
    }
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    for (int q = 0; !rc && q < nq; q++)
        rc = or_ws_note_set(req->store, w->id, s->tool, q + 1, form_text(&f, q), w->who, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "workshop %lld: notes on the %s",
                                       (long long)w->id, s->tool))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The notes could not be saved. Nothing was changed.");
        return false;
    }
    return true;
}

static bool remove_participant(const web_request *req, web_response *res, const ws_ctx *w)
{
    if (!w->facilitator) {
        web_audit(req, "denied", NULL, "a workshop's participant removed by someone else");
        web_error(req, res, 403, "You do not have access to this page",
                  "Only the facilitator removes participants.");
        return false;
    }
    long long pid = strtoll(web_form(req, "participant"), NULL, 10);
    or_error err = {0};
    or_code rc = pid > 0 ? or_store_begin(req->store, &err) : OR_EINPUT;
    if (!rc)
        rc = or_ws_participant_remove(req->store, w->id, pid, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "workshop %lld: participant %lld removed",
                                       (long long)w->id, pid))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        if (rc != OR_EINPUT)
            or_store_rollback(req->store);
        web_error(req, res, rc == OR_EINPUT ? 400 : 500,
                  rc == OR_EINPUT ? "Bad request" : "Sorry, there is a problem with the service",
                  "The participant could not be removed. Nothing was changed.");
        return false;
    }
    return true;
}

void page_workshop_post(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return;
    const char *action = web_form(req, "action");
    const char *back = "#warm-up";
    if (!strcmp(action, "purpose")) {
        form pf;
        form_init(&pf, req, purpose_fields, P__N);
        if (!save_purpose(req, res, &w, &pf))
            return;
    } else if (!strcmp(action, "notes")) {
        if (!save_notes(req, res, &w))
            return;
        back = or_arena_printf(req->arena, "#script-%s", web_form(req, "tool"));
    } else if (!strcmp(action, "remove")) {
        if (!remove_participant(req, res, &w))
            return;
        back = "#participants";
    } else {
        web_error(req, res, 400, "Bad request", "The form was not one of this page's.");
        return;
    }
    ws_changed(req, w.id);
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/workshops/%lld?saved=1%s", (long long)w.id, back));
}
