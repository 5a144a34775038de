/* page_survey_summary.c - GET /surveys/{id}/summary and /surveys/{id}/summary.pdf: the
 * governors' summary of a survey, a page or two in plain words: what was asked, how many
 * answered of how many links, per part (domain) the mean score and the change since the
 * earlier wave with its 95% confidence interval, everything suppressed (survey_results.h,
 * DOMAIN.md §6). A survey without domain scores shows its questions that have a mean instead.
 *
 * The summary is one sheet (<article>), shown in the service's page (printable: the page's
 * furniture is not printed) and, as a standalone document with its own stylesheet, printed to
 * PDF by headless Chromium as the scrutiny report and the letters are (or_letter_pdf_bytes,
 * scrutiny_pdf.c). Who: as the results (survey_results_web.h). */
#include <stdio.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/letter_doc.h"
#include "onroll/stats.h"
#include "web/govuk.h"
#include "web/survey_results_web.h"

static const char *wave_short(const web_request *req, const or_survey_wave *w)
{
    return w->label && *w->label ? w->label : or_arena_printf(req->arena, "Wave %d", w->n);
}

static const char *mean_of(const web_request *req, const or_survey_mean *m)
{
    if (m->n == 0)
        return "z";
    if (!m->shown)
        return "c";
    return or_survey_fmt2(m->mean, or_arena_alloc(req->arena, OR_SURVEY_NUM_LEN));
}

static const char *ci_of(const web_request *req, const or_survey_change *c)
{
    if (!c->shown)
        return "c";
    if (!c->pc.has_ci)
        return "z";
    char lo[OR_SURVEY_NUM_LEN], hi[OR_SURVEY_NUM_LEN];
    return or_arena_printf(req->arena, "%s to %s", or_survey_fmt2(c->pc.ci_lo, lo),
                           or_survey_fmt2(c->pc.ci_hi, hi));
}

static const char *small_count(const web_request *req, int64_t n)
{
    return sr_count(req, n, n >= 1 && n <= OR_SUPPRESS_THRESHOLD ? OR_SUP_PRIMARY : OR_SUP_NONE);
}

/* One row of the results table: a part or a question. */
static void row(or_sb *out, const web_request *req, const sr_ctx *x, const char *name,
                const char *now, const or_survey_change *c)
{
    html_raw(out, "<tr class=\"govuk-table__row\">\n");
    html_printf(out, "<th scope=\"row\" class=\"govuk-table__header\">%s</th>\n", name);
    html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", now);
    if (x->ei >= 0) {
        char m[OR_SURVEY_NUM_LEN];
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n",
                    c->shown ? or_survey_fmt2(c->pc.mean_change, m) : "c");
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", ci_of(req, c));
    }
    html_raw(out, "</tr>\n");
}

static void sheet(or_sb *out, const web_request *req, const sr_ctx *x)
{
    char d1[OR_FMT_DATE_LEN], b[OR_FMT_INT_LEN];
    html_raw(out, "<article class=\"onroll-survey-summary\">\n");
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s: summary for governors</h1>\n", x->s.title);
    html_printf(out, "<p class=\"govuk-body\">%s. Made on %s.</p>\n", x->school,
                or_fmt_date(web_today(req), d1));

    html_raw(out, "<h2 class=\"govuk-heading-m\">What was asked</h2>\n");
    if (x->def.about && *x->def.about)
        html_printf(out, "<p class=\"govuk-body\">%s</p>\n", x->def.about);
    int nitems = or_survey_items(&x->def);
    html_printf(out, "<p class=\"govuk-body\">%s %s", or_fmt_int(nitems, b),
                nitems == 1 ? "question" : "questions");
    if (x->def.ndomains > 1)
        html_printf(out, " in %d parts", x->def.ndomains);
    html_raw(out, ".</p>\n");
    if (x->def.ndomains > 1) {
        html_raw(out, "<ul class=\"govuk-list govuk-list--bullet\">\n");
        for (int d = 0; d < x->def.ndomains; d++)
            html_printf(out, "<li>%s: %d %s</li>\n",
                        *x->def.domains[d].title ? x->def.domains[d].title : "Questions",
                        x->def.domains[d].nitems,
                        x->def.domains[d].nitems == 1 ? "question" : "questions");
        html_raw(out, "</ul>\n");
    }
    if (x->def.source && *x->def.source)
        html_printf(out, "<p class=\"govuk-body\">Where the questions come from: %s.</p>\n",
                    x->def.source);

    html_raw(out, "<h2 class=\"govuk-heading-m\">Who answered</h2>\n");
    if (x->wi < 0) {
        html_raw(out, "<p class=\"govuk-body\">Nobody yet: the survey has no waves.</p>\n"
                      "</article>\n");
        return;
    }
    html_printf(out, "<p class=\"govuk-body\">%s of the %s people given a link answered %s.</p>\n",
                sr_count(req, x->r.responded, x->r.responded_flag), or_fmt_int(x->issued, b),
                sr_wave_name(req, &x->waves[x->wi]));
    if (x->ei >= 0)
        html_printf(out,
                    "<p class=\"govuk-body\">%s answered %s. %s answered both times: the change "
                    "is worked out from them only, matched by their link, never by name.</p>\n",
                    small_count(req, x->r.earlier), sr_wave_name(req, &x->waves[x->ei]),
                    small_count(req, x->r.both));

    bool parts = false;
    for (int d = 0; d < x->r.ndomains; d++)
        parts |= x->r.domains[d].scored;
    html_printf(out, "<h2 class=\"govuk-heading-m\">%s</h2>\n",
                parts ? "Results by part" : "Results by question");
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Results\">\n<table class=\"govuk-table\">\n"
                  "<thead class=\"govuk-table__head\">\n"
                  "<tr class=\"govuk-table__row\">\n");
    html_printf(out,
                "<th scope=\"col\" class=\"govuk-table__header\">%s</th>\n"
                "<th scope=\"col\" class=\"govuk-table__header\">Mean score, %s</th>\n",
                parts ? "Part" : "Question", wave_short(req, &x->waves[x->wi]));
    if (x->ei >= 0)
        html_printf(out,
                    "<th scope=\"col\" class=\"govuk-table__header\">Change since %s</th>\n"
                    "<th scope=\"col\" class=\"govuk-table__header\">95%% confidence "
                    "interval</th>\n",
                    wave_short(req, &x->waves[x->ei]));
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    int shown = 0;
    if (parts) {
        for (int d = 0; d < x->r.ndomains; d++) {
            const or_survey_domain_result *dr = &x->r.domains[d];
            if (!dr->scored)
                continue;
            row(out, req, x, *dr->domain->title ? dr->domain->title : "All questions",
                mean_of(req, &dr->score), &dr->change);
            shown++;
        }
    } else {
        for (int i = 0; i < x->r.nitems; i++) {
            const or_survey_item_result *ir = &x->r.items[i];
            const char *now;
            if (ir->item->type == OR_SQ_COUNT)
                now = mean_of(req, &ir->number);
            else if (ir->item->type == OR_SQ_SCALE && ir->dist.scored) {
                char *m = or_arena_alloc(req->arena, OR_FIXED_STRLEN);
                or_fixed_format(ir->dist.mean_x100, 2, m, OR_FIXED_STRLEN);
                now = ir->dist.answered == 0 ? "z" : ir->dist.mean_shown ? m : "c";
            } else
                continue;
            row(out, req, x, ir->item->text, now, &ir->change);
            shown++;
        }
    }
    html_raw(out, "</tbody>\n</table>\n</div>\n");
    if (!shown)
        html_raw(out, "<p class=\"govuk-body\">This survey has no scores: its answers are not "
                      "numbers. The results page shows how many chose each answer.</p>\n");

    html_raw(out, "<h2 class=\"govuk-heading-m\">How to read this</h2>\n"
                  "<ul class=\"govuk-list govuk-list--bullet\">\n");
    for (int s = 0; s < x->def.nscales; s++) {
        const or_survey_scale *sc = &x->def.scales[s];
        bool all = sc->nlevels > 0;
        for (int l = 0; all && l < sc->nlevels; l++)
            all = sc->levels[l].scored;
        if (!all)
            continue;
        html_raw(out, "<li>Scores: ");
        for (int l = 0; l < sc->nlevels; l++)
            html_printf(out, "%s%s %d", l ? ", " : "", sc->levels[l].label, sc->levels[l].score);
        html_raw(out, ".</li>\n");
    }
    if (parts && x->def.scoring_note && *x->def.scoring_note)
        html_printf(out, "<li>%s</li>\n", x->def.scoring_note);
    html_raw(out, "<li>The change is the later score less the earlier one, for the same "
                  "people. The 95% confidence interval is the range the true change most "
                  "likely lies in. If it includes 0, the change could be chance.</li>\n"
                  "<li><strong>c</strong>: hidden, because it is about 1 or 2 people, or could "
                  "be worked out from such a count. <strong>z</strong>: nothing to work out.</li>\n"
                  "<li>Answers are anonymous. Comments are not in this summary.</li>\n"
                  "</ul>\n</article>\n");
}

static const char *query_of(const web_request *req, const sr_ctx *x)
{
    if (x->wi < 0)
        return "";
    return or_arena_printf(req->arena, "?wave=%d&compare=%s", x->waves[x->wi].n,
                           x->ei >= 0 ? or_arena_printf(req->arena, "%d", x->waves[x->ei].n)
                                      : "none");
}

void page_survey_summary(const web_request *req, web_response *res)
{
    sr_ctx x;
    if (!sr_load(req, res, &x))
        return;
    or_sb *out = &res->body;
    gov_page_start(out, req, or_arena_printf(req->arena, "Summary for governors: %s", x.s.title));
    const char *back_href = or_arena_printf(req->arena, "/surveys/%lld/results%s",
                                            (long long)x.s.id, query_of(req, &x));
    const char *pdf_href = or_arena_printf(req->arena, "/surveys/%lld/summary.pdf%s",
                                           (long long)x.s.id, query_of(req, &x));
    html_printf(
        out, "<a href=\"%s\" class=\"govuk-back-link onroll-no-print\">Back to the results</a>\n",
        back_href);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    sheet(out, req, &x);
    html_printf(out,
                "<p class=\"govuk-body onroll-no-print\"><a class=\"govuk-link\" href=\"%s\">"
                "Download this summary (PDF)</a></p>\n",
                pdf_href);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
}

#define DOC_CSS                                                                                    \
    "@page{size:A4;margin:18mm}"                                                                   \
    "body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;color:#0b0c0c;line-height:1.4}"    \
    "h1{font-size:20pt;margin:0 0 8pt}h2{font-size:14pt;margin:14pt 0 6pt}"                        \
    "table{border-collapse:collapse;width:100%;margin:6pt 0}"                                      \
    "th,td{text-align:left;vertical-align:top;border-bottom:1px solid #b1b4b6;padding:4pt 6pt}"    \
    "thead th{border-bottom:2px solid #0b0c0c}tr{page-break-inside:avoid}"

void page_survey_summary_pdf(const web_request *req, web_response *res)
{
    sr_ctx x;
    if (!sr_load(req, res, &x))
        return;
    char detail[96];
    snprintf(detail, sizeof detail, "survey %lld summary as PDF", (long long)x.s.id);
    if (web_audit(req, "export", NULL, detail)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    or_sb doc = OR_SB_INIT;
    html_raw(&doc,
             "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    html_text(&doc, x.s.title);
    html_raw(&doc, "</title>\n<style>" DOC_CSS "</style>\n</head>\n<body>\n");
    sheet(&doc, req, &x);
    html_raw(&doc, "</body>\n</html>\n");
    or_error err = {0};
    or_code rc = or_letter_pdf_bytes(doc.buf, doc.len, &res->body, &err);
    or_sb_release(&doc);
    if (rc) {
        or_sb_reset(&res->body);
        web_error(req, res, rc == OR_ENOTFOUND ? 503 : 500, "The PDF cannot be made",
                  rc == OR_ENOTFOUND ? "Chromium, which makes the PDF, is not installed on the "
                                       "server. Print the summary from its page instead."
                                     : "Making the PDF failed. Print the summary from its page "
                                       "instead.");
        return;
    }
    res->content_type = "application/pdf";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"survey-%lld-summary.pdf\"",
                                   (long long)x.s.id));
}
