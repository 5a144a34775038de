/* page_workshop_report.c - a workshop's report (issue 19 part 7; workshop_web.h):
 *
 *   GET /workshops/{id}/report       HTML
 *   GET /workshops/{id}/report.pdf   the same printed by headless Chromium, as letters and the
 *                                    scrutiny report are (or_letter_pdf_bytes, scrutiny_pdf.c)
 *
 * It holds the participants by role and by sector (a name only where its participant agreed;
 * else their role), the warm-up's definitions (once revealed), the facilitator's notes against
 * each question of the script, each tool's section through the hooks of workshop_hooks.c, and,
 * when the workshop is one of a series, the sessions of the series side by side (those the
 * reader may open): who took part, their definitions and each tool's summary. */
#include <string.h>
#include <strings.h>

#include "onroll/labels.h"
#include "onroll/letter_doc.h"
#include "web/govuk.h"
#include "web/view.h"
#include "web/workshop_web.h"

static const char *label_of(const or_ws_term *vocab, const char *code)
{
    const char *l = or_ws_label(vocab, code);
    return l ? l : code;
}

/* May the caller read workshop row (as ws_open would let them in)? */
static bool may_read(const web_request *req, const or_workshop *row, const ws_ctx *here)
{
    if (row->id == here->id)
        return true;
    if (here->guest || !req->user)
        return false;
    if (req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER ||
        !strcasecmp(req->user->email, row->facilitator))
        return true;
    if (req->user->role == OR_ROLE_SCHOOL && row->urn && row->urn == web_user_school(req))
        return true;
    int64_t pid = 0;
    or_error err = {0};
    return !or_ws_participant_of(req->store, row->id, req->user->email, &pid, &err) && pid;
}

static void participants(or_sb *out, const web_request *req, const or_ws_participant *ps, int np)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"participants\">Who took part</h2>\n");
    if (!np) {
        html_raw(out, "<p class=\"govuk-body\">Nobody was added to the workshop.</p>\n");
        return;
    }
    char a[32];
    static const char *const heads[] = {"Sector", "Participants"};
    gov_table_start(out, "Participants by sector", heads, 2);
    for (int s = 0; or_ws_sectors[s].code; s++) {
        int n = 0;
        for (int i = 0; i < np; i++)
            n += !strcmp(ps[i].sector, or_ws_sectors[s].code);
        if (!n)
            continue;
        gov_table_row_start(out);
        gov_td(out, or_ws_sectors[s].label);
        gov_td_num(out, n);
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_printf(out,
                "<p class=\"govuk-body\">%s participants. A name is shown only where its "
                "participant agreed; otherwise their role.</p>\n",
                or_fmt_int(np, a));
    static const char *const heads2[] = {"Role", "Participant", "Organisation"};
    html_raw(out, "<div class=\"onroll-ws-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Participants by role\">\n");
    gov_table_start(out, "Participants by role", heads2, 3);
    int *order = or_arena_alloc(req->arena, sizeof *order * (size_t)np);
    for (int i = 0; i < np; i++)
        order[i] = i;
    for (int i = 1; i < np; i++)
        for (int j = i; j > 0 && strcasecmp(ps[order[j - 1]].role, ps[order[j]].role) > 0; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int k = 0; k < np; k++) {
        const or_ws_participant *p = &ps[order[k]];
        gov_table_row_start(out);
        gov_td(out, p->role[0] ? p->role : "Not given");
        gov_td(out, p->name_consent && p->name[0] ? p->name : "Name not shown");
        gov_td(out, p->organisation[0] ? p->organisation : "Not given");
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

static void purposes(or_sb *out, const or_ws_participant *ps, int np, bool revealed, bool heading)
{
    if (heading)
        html_printf(out,
                    "<h2 class=\"govuk-heading-m\" id=\"warm-up\">Warm-up: the purpose of the "
                    "system</h2>\n<p class=\"govuk-body\">The toolkit's prompt: &ldquo;%s&rdquo;."
                    "</p>\n",
                    or_ws_warmup_prompt);
    if (!revealed) {
        html_raw(out, "<p class=\"govuk-body\">The definitions were not revealed.</p>\n");
        return;
    }
    int n = 0;
    html_raw(out, "<ul class=\"govuk-list onroll-ws-report-list\">\n");
    for (int i = 0; i < np; i++)
        if (ps[i].purpose[0]) {
            html_printf(out, "<li><strong>%s:</strong> %s</li>\n",
                        ps[i].name_consent && ps[i].name[0] ? ps[i].name : ws_shown_name(&ps[i]),
                        ps[i].purpose);
            n++;
        }
    html_raw(out, "</ul>\n");
    if (!n)
        html_raw(out, "<p class=\"govuk-body\">Nobody wrote a definition.</p>\n");
}

static void notes(or_sb *out, const or_ws_note *ns, int nn)
{
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"notes\">Notes on the questions</h2>\n");
    int shown = 0;
    for (size_t t = 0; t < or_ws_scripts_count; t++) {
        const or_ws_script *s = &or_ws_scripts[t];
        bool any = false;
        for (int i = 0; i < nn; i++)
            any |= !strcmp(ns[i].tool, s->tool);
        if (!any)
            continue;
        html_printf(out, "<h3 class=\"govuk-heading-s\">%s</h3>\n<dl class=\"onroll-ws-notes\">\n",
                    s->name);
        for (int i = 0; i < nn; i++) {
            if (strcmp(ns[i].tool, s->tool) || ns[i].question < 1 ||
                ns[i].question > or_ws_script_questions(s))
                continue;
            html_printf(out,
                        "<dt class=\"govuk-body\"><strong>&ldquo;%s&rdquo;</strong></dt>\n"
                        "<dd class=\"govuk-body\">%s</dd>\n",
                        s->questions[ns[i].question - 1], ns[i].note);
            shown++;
        }
        html_raw(out, "</dl>\n");
    }
    if (!shown)
        html_raw(out, "<p class=\"govuk-body\">The facilitator kept no notes.</p>\n");
}

/* The sessions of the series side by side. */
static void series(or_sb *out, const web_request *req, const ws_ctx *here)
{
    or_workshop *rows = NULL;
    int n = 0;
    or_error err = {0};
    if (!here->w->series[0] ||
        or_workshop_series(req->store, here->w->series, req->arena, &rows, &n, &err))
        return;
    ws_ctx *cs = or_arena_alloc(req->arena, sizeof *cs * (size_t)(n ? n : 1));
    or_ws_participant **ps = or_arena_alloc(req->arena, sizeof *ps * (size_t)(n ? n : 1));
    int *np = or_arena_alloc(req->arena, sizeof *np * (size_t)(n ? n : 1));
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (!may_read(req, &rows[i], here) || !ws_ctx_of(req, &rows[i], &cs[k]) ||
            or_ws_participants(req->store, rows[i].id, req->arena, &ps[k], &np[k], &err))
            continue;
        k++;
    }
    html_printf(
        out, "<h2 class=\"govuk-heading-m\" id=\"series\">The sessions of %s side by side</h2>\n",
        here->w->series);
    if (k < 2) {
        html_raw(out, "<p class=\"govuk-body\">No other session of this series is open to you "
                      "yet.</p>\n");
        return;
    }
    char day[24], a[32];
    html_raw(out, "<div class=\"onroll-ws-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"The sessions side by side\">\n<table class=\"govuk-table\">\n"
                  "<caption class=\"govuk-table__caption govuk-table__caption--s\">Sessions "
                  "compared</caption>\n<thead class=\"govuk-table__head\"><tr "
                  "class=\"govuk-table__row\"><td class=\"govuk-table__header\"></td>\n");
    for (int i = 0; i < k; i++)
        html_printf(out,
                    "<th scope=\"col\" class=\"govuk-table__header\">%s<br><span "
                    "class=\"govuk-body-s\">%s</span></th>\n",
                    label_of(or_ws_scopes, cs[i].w->scope), view_date(cs[i].w->held_on, day));
    html_raw(out, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n"
                  "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">"
                  "Participants</th>\n");
    for (int i = 0; i < k; i++)
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", or_fmt_int(np[i], a));
    html_raw(out, "</tr>\n<tr class=\"govuk-table__row\"><th scope=\"row\" "
                  "class=\"govuk-table__header\">The purpose of the system</th>\n");
    for (int i = 0; i < k; i++) {
        html_raw(out, "<td class=\"govuk-table__cell\">");
        purposes(out, ps[i], np[i], ws_revealed(req, cs[i].id, "purpose"), false);
        html_raw(out, "</td>\n");
    }
    html_raw(out, "</tr>\n");
    for (int h = 0; ws_tool_hooks[h].tool; h++) {
        if (!ws_tool_hooks[h].summary)
            continue;
        html_printf(out,
                    "<tr class=\"govuk-table__row\"><th scope=\"row\" "
                    "class=\"govuk-table__header\">%s</th>\n",
                    ws_tool_hooks[h].title);
        for (int i = 0; i < k; i++) {
            html_raw(out, "<td class=\"govuk-table__cell\">");
            ws_tool_hooks[h].summary(req, &cs[i], out);
            html_raw(out, "</td>\n");
        }
        html_raw(out, "</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
}

/* The report's body (the page's and the PDF's); false when the store failed. */
static bool body(or_sb *out, const web_request *req, const ws_ctx *w)
{
    or_ws_participant *ps = NULL;
    or_ws_note *ns = NULL;
    int np = 0, nn = 0;
    or_error err = {0};
    if (or_ws_participants(req->store, w->id, req->arena, &ps, &np, &err) ||
        or_ws_notes(req->store, w->id, req->arena, &ns, &nn, &err))
        return false;
    char day[24];
    html_printf(out,
                "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s: "
                "report</h1>\n",
                ws_caption(req, w), w->title);
    gov_summary_start(out);
    gov_summary_row(out, "Date", view_date(w->w->held_on, day));
    gov_summary_row(out, "Who takes part", label_of(or_ws_scopes, w->w->scope));
    if (w->urn)
        gov_summary_row(out, "School", view_school_label(req, w->urn));
    gov_summary_row(out, "How it was held", label_of(or_ws_modes, w->w->mode));
    if (w->w->series[0])
        gov_summary_row(out, "Series", w->w->series);
    gov_summary_end(out);
    participants(out, req, ps, np);
    purposes(out, ps, np, ws_revealed(req, w->id, "purpose"), true);
    notes(out, ns, nn);
    for (int h = 0; ws_tool_hooks[h].tool; h++) {
        if (!ws_tool_hooks[h].report)
            continue;
        html_printf(out, "<h2 class=\"govuk-heading-m\" id=\"tool-%s\">%s</h2>\n",
                    ws_tool_hooks[h].tool, ws_tool_hooks[h].title);
        ws_tool_hooks[h].report(req, w, out);
    }
    series(out, req, w);
    return true;
}

void page_workshop_report(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return;
    or_sb *out = &res->body;
    gov_page_start(out, req, or_arena_printf(req->arena, "%s: report", w.title));
    ws_live_script(out, req); /* workshops.css */
    html_printf(out,
                "<a href=\"/workshops/%lld\" class=\"govuk-back-link\">Back to the workshop</a>\n",
                (long long)w.id);
    if (!body(out, req, &w)) {
        or_sb_reset(out);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The report could not be made.");
        return;
    }
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                "href=\"/workshops/%lld/report.pdf\">Download the report as a PDF</a></p>\n",
                (long long)w.id);
    gov_page_end(out, req);
}

void page_workshop_report_pdf(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!ws_open_path(req, res, &w))
        return;
    or_sb html = OR_SB_INIT;
    html_raw(&html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<title>Workshop report</title>\n<style>\n"
                    "body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;color:#0b0c0c;"
                    "margin:0}\nh1{font-size:20pt;margin:4pt 0 12pt}h2{font-size:15pt;"
                    "margin:18pt 0 6pt;page-break-after:avoid}h3{font-size:12pt}\n"
                    ".govuk-caption-l{color:#505a5f;font-size:12pt}\n"
                    "table{border-collapse:collapse;width:100%;margin:6pt 0 12pt}"
                    "th,td{border-bottom:1px solid #b1b4b6;text-align:left;padding:4pt;"
                    "vertical-align:top}caption{text-align:left;font-weight:bold;padding:4pt 0}\n"
                    "dl.govuk-summary-list{display:grid;grid-template-columns:30% 70%}"
                    "dt,dd{margin:0 0 4pt}\n@page{size:A4;margin:18mm 16mm}\n"
                    "</style>\n</head>\n<body>\n");
    bool ok = body(&html, req, &w);
    html_raw(&html, "</body>\n</html>\n");
    if (!ok) {
        or_sb_release(&html);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The report could not be made.");
        return;
    }
    if (web_audit(req, "export", NULL,
                  or_arena_printf(req->arena, "workshop %lld: report as PDF", (long long)w.id))) {
        or_sb_release(&html);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    or_error err = {0};
    or_code rc = or_letter_pdf_bytes(html.buf, html.len, &res->body, &err);
    or_sb_release(&html);
    if (rc) {
        or_sb_reset(&res->body);
        web_error(req, res, rc == OR_ENOTFOUND ? 503 : 500, "The PDF cannot be made",
                  rc == OR_ENOTFOUND ? "Chromium, which makes the PDF, is not installed on the "
                                       "server. Print the report from its page instead."
                                     : "Making the PDF failed. Print the report from its page "
                                       "instead.");
        return;
    }
    res->content_type = "application/pdf";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"workshop-%lld-report.pdf\"",
                                   (long long)w.id));
}
