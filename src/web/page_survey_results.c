/* page_survey_results.c - GET /surveys/{id}/results[?wave=N&compare=M] and
 * /surveys/{id}/results/download (CSV): a survey's results (survey_results.h), per item the
 * answers given and, for a scored scale or a number, the mean; per domain the mean domain
 * score; and the change since an earlier wave over the people who answered both, paired by
 * their pseudonym, with its 95% confidence interval.
 *
 * Every figure is suppressed as DOMAIN.md §6 says (survey_stats.h): a count of 1 or 2, the next
 * smallest count of its item, and every mean or change worked out from them are "c". No single
 * respondent's answers are shown, and free text never: only how many comments there were.
 * Who: the school that runs the survey, the LA, the analyst (survey_results_web.h). */
#include <stdio.h>
#include <string.h>

#include "onroll/csvout.h"
#include "onroll/labels.h"
#include "onroll/stats.h"
#include "web/forms.h"
#include "web/survey_results_web.h"

static const char *mean_text(const web_request *req, bool shown, int64_t x100, bool has)
{
    if (!has)
        return "z";
    if (!shown)
        return "c";
    char *b = or_arena_alloc(req->arena, OR_FIXED_STRLEN);
    or_fixed_format(x100, 2, b, OR_FIXED_STRLEN);
    return b;
}

static const char *dmean_text(const web_request *req, const or_survey_mean *m)
{
    if (m->n == 0)
        return "z";
    if (!m->shown)
        return "c";
    char *b = or_arena_alloc(req->arena, OR_SURVEY_NUM_LEN);
    return or_survey_fmt2(m->mean, b);
}

static const char *pct_text(const web_request *req, const or_survey_dist *d, int l)
{
    char *b = or_arena_alloc(req->arena, 32);
    or_cell_rate(d->counts[l], d->flags[l], d->answered, d->flags[d->nlevels], b, 32);
    return b;
}

static const char *wave_short(const web_request *req, const or_survey_wave *w)
{
    return w->label && *w->label ? w->label : or_arena_printf(req->arena, "Wave %d", w->n);
}

/* ---- the page ---- */

static void choose_waves(or_sb *out, const web_request *req, const sr_ctx *x)
{
    if (x->nwaves < 1)
        return;
    gov_choice *w = or_arena_calloc(req->arena, (size_t)x->nwaves + 1, sizeof *w);
    gov_choice *c = or_arena_calloc(req->arena, (size_t)x->nwaves + 2, sizeof *c);
    c[0] = (gov_choice){"none", "No comparison", NULL};
    for (int i = 0; i < x->nwaves; i++) {
        const char *v = or_arena_printf(req->arena, "%d", x->waves[i].n);
        w[i] = (gov_choice){v, wave_short(req, &x->waves[i]), NULL};
        c[i + 1] = w[i];
    }
    gov_form_start(out, req, "get",
                   or_arena_printf(req->arena, "/surveys/%lld/results", (long long)x->s.id));
    gov_select(out, "wave", "Results of", NULL, w, x->nwaves,
               x->wi >= 0 ? or_arena_printf(req->arena, "%d", x->waves[x->wi].n) : "", NULL);
    gov_select(out, "compare", "Compare with an earlier wave", NULL, c, x->nwaves + 1,
               x->ei >= 0 ? or_arena_printf(req->arena, "%d", x->waves[x->ei].n) : "none", NULL);
    gov_button(out, "Show results", true);
    gov_form_end(out);
}

static void change_para(or_sb *out, const web_request *req, const sr_ctx *x,
                        const or_survey_change *c)
{
    html_printf(out, "<p class=\"govuk-body\">Change since %s: %s. %s</p>\n",
                wave_short(req, &x->waves[x->ei]),
                !c->shown && c->pc.n >= 1 && c->pc.n <= OR_SUPPRESS_THRESHOLD
                    ? "c (fewer than 3 people answered both times)"
                : !c->shown ? "c (hidden, as a mean it is worked out from is)"
                            : or_survey_change_words(c, req->arena),
                or_survey_change_reading(c));
}

static void item_html(or_sb *out, const web_request *req, const sr_ctx *x,
                      const or_survey_item_result *ir)
{
    html_printf(out, "<h3 class=\"govuk-heading-s\">%s</h3>\n", ir->item->text);
    if (ir->item->type == OR_SQ_TEXT) {
        html_printf(out,
                    "<p class=\"govuk-body\">%s comments. Comments are not shown: they could "
                    "name or point to someone.</p>\n",
                    sr_count(req, ir->answered, ir->answered_flag));
        return;
    }
    if (ir->item->type == OR_SQ_COUNT) {
        html_printf(out, "<p class=\"govuk-body\">Answered by %s. Mean: %s.</p>\n",
                    sr_count(req, ir->answered, ir->answered_flag), dmean_text(req, &ir->number));
    } else if (ir->scale && ir->dist.nlevels > 0) {
        static const char *const heads[] = {"Answer", "People", "Per cent"};
        html_raw(out, "<div class=\"onroll-table-scroll\">\n");
        gov_table_start(out, NULL, heads, 3);
        const or_survey_dist *d = &ir->dist;
        for (int l = 0; l < d->nlevels; l++) {
            gov_table_row_start(out);
            gov_td(out, ir->scale->levels[l].label);
            gov_td(out, sr_count(req, d->counts[l], d->flags[l]));
            gov_td(out, pct_text(req, d, l));
            gov_table_row_end(out);
        }
        gov_table_row_start(out);
        gov_td(out, "Everyone who answered");
        gov_td(out, sr_count(req, d->answered, d->flags[d->nlevels]));
        gov_td(out, d->answered ? "100.00" : "z");
        gov_table_row_end(out);
        gov_table_end(out);
        html_raw(out, "</div>\n");
        if (d->scored)
            html_printf(out, "<p class=\"govuk-body\">Mean score: %s.</p>\n",
                        mean_text(req, d->mean_shown, d->mean_x100, d->answered > 0));
    }
    if (ir->has_change && x->ei >= 0)
        change_para(out, req, x, &ir->change);
}

static void domains_table(or_sb *out, const web_request *req, const sr_ctx *x)
{
    bool any = false;
    for (int d = 0; d < x->r.ndomains; d++)
        any |= x->r.domains[d].scored;
    if (!any)
        return;
    static const char *const heads[] = {
        "Part", "Mean score", "People", "Change", "95% confidence interval", "Answered both"};
    int nh = x->ei >= 0 ? 6 : 3;
    html_raw(out, "<div class=\"onroll-scroll\" tabindex=\"0\" role=\"region\" "
                  "aria-label=\"Scores by part\">\n");
    gov_table_start(out, "Scores by part", heads, nh);
    for (int d = 0; d < x->r.ndomains; d++) {
        const or_survey_domain_result *dr = &x->r.domains[d];
        if (!dr->scored)
            continue;
        char lo[OR_SURVEY_NUM_LEN], hi[OR_SURVEY_NUM_LEN], m[OR_SURVEY_NUM_LEN];
        gov_table_row_start(out);
        gov_td(out, *dr->domain->title ? dr->domain->title : "All questions");
        gov_td(out, dmean_text(req, &dr->score));
        gov_td(out,
               sr_count(req, dr->score.n,
                        dr->score.n >= 1 && dr->score.n <= OR_SUPPRESS_THRESHOLD ? OR_SUP_PRIMARY
                                                                                 : OR_SUP_NONE));
        if (x->ei >= 0) {
            const or_survey_change *c = &dr->change;
            bool ci = c->shown && c->pc.has_ci;
            gov_td(out, c->shown ? or_survey_fmt2(c->pc.mean_change, m) : "c");
            gov_td(out,
                   ci ? or_arena_printf(req->arena, "%s to %s", or_survey_fmt2(c->pc.ci_lo, lo),
                                        or_survey_fmt2(c->pc.ci_hi, hi))
                   : c->shown ? "z"
                              : "c");
            gov_td(out, sr_count(req, c->pc.n,
                                 c->pc.n >= 1 && c->pc.n <= OR_SUPPRESS_THRESHOLD ? OR_SUP_PRIMARY
                                                                                  : OR_SUP_NONE));
        }
        gov_table_row_end(out);
    }
    gov_table_end(out);
    html_raw(out, "</div>\n");
}

void page_survey_results(const web_request *req, web_response *res)
{
    sr_ctx x;
    if (!sr_load(req, res, &x))
        return;
    or_sb *out = &res->body;
    const char *title = or_arena_printf(req->arena, "Results: %s", x.s.title);
    gov_page_start(out, req, title);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
    html_printf(
        out, "<span class=\"govuk-caption-l\">%s</span>\n<h1 class=\"govuk-heading-l\">%s</h1>\n",
        x.school, title);
    html_raw(out, "<p class=\"govuk-body\">Answers are anonymous. A count of 1 or 2, the next "
                  "smallest count beside it and any figure worked out from them are shown as "
                  "<strong>c</strong>, so that no one can be picked out. <strong>z</strong> means "
                  "there is nothing to work out. Comments are counted, never shown.</p>\n");
    if (x.wi < 0) {
        html_raw(out, "<p class=\"govuk-body\">This survey has no waves yet, so it has no "
                      "results.</p>\n</div>\n</div>\n");
        gov_page_end(out, req);
        return;
    }
    choose_waves(out, req, &x);
    gov_summary_start(out);
    char b[OR_FMT_INT_LEN];
    gov_summary_row(out, "Links given out", or_fmt_int(x.issued, b));
    gov_summary_row(out,
                    or_arena_printf(req->arena, "Answered %s", sr_wave_name(req, &x.waves[x.wi])),
                    sr_count(req, x.r.responded, x.r.responded_flag));
    if (x.ei >= 0) {
        gov_summary_row(
            out, or_arena_printf(req->arena, "Answered %s", sr_wave_name(req, &x.waves[x.ei])),
            sr_count(req, x.r.earlier,
                     x.r.earlier >= 1 && x.r.earlier <= OR_SUPPRESS_THRESHOLD ? OR_SUP_PRIMARY
                                                                              : OR_SUP_NONE));
        gov_summary_row(out, "Answered both",
                        sr_count(req, x.r.both,
                                 x.r.both >= 1 && x.r.both <= OR_SUPPRESS_THRESHOLD ? OR_SUP_PRIMARY
                                                                                    : OR_SUP_NONE));
    }
    gov_summary_end(out);
    if (x.ei >= 0)
        html_raw(out, "<p class=\"govuk-body\">A change is worked out only from the people who "
                      "answered both times, matched by their link, never by their name. The 95% "
                      "confidence interval is the range the true change most likely lies in: "
                      "when it includes 0, the change could be chance.</p>\n");
    const char *cmp = x.ei >= 0 ? or_arena_printf(req->arena, "%d", x.waves[x.ei].n) : "none";
    const char *csv_href =
        or_arena_printf(req->arena, "/surveys/%lld/results/download?wave=%d&compare=%s",
                        (long long)x.s.id, x.waves[x.wi].n, cmp);
    const char *summary_href =
        or_arena_printf(req->arena, "/surveys/%lld/summary?wave=%d&compare=%s", (long long)x.s.id,
                        x.waves[x.wi].n, cmp);
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"%s\">Download these "
                "results (CSV)</a></p>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
                "href=\"%s\">Summary for governors</a></p>\n",
                csv_href, summary_href);
    bool numbers = false;
    for (int i = 0; i < x.r.nitems; i++)
        numbers |= x.r.items[i].dist.scored || x.r.items[i].item->type == OR_SQ_COUNT;
    if (!numbers)
        html_raw(out, "<div class=\"govuk-inset-text\">The answers of this survey have no "
                      "scores, so it has no mean and no change between waves. To see them, give "
                      "each answer a score when you set up the questions, before the first wave "
                      "opens.</div>\n");
    domains_table(out, req, &x);
    for (int d = 0, i = 0; d < x.def.ndomains; d++) {
        const char *dt = *x.def.domains[d].title ? x.def.domains[d].title : "Questions";
        html_printf(out, "<h2 class=\"govuk-heading-m\">%s</h2>\n", dt);
        for (int j = 0; j < x.def.domains[d].nitems && i < x.r.nitems; j++, i++)
            item_html(out, req, &x, &x.r.items[i]);
    }
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
}

/* ---- CSV ---- */

static void csv_change(or_csv *w, const or_survey_change *c, bool has)
{
    char m[OR_SURVEY_NUM_LEN], lo[OR_SURVEY_NUM_LEN], hi[OR_SURVEY_NUM_LEN];
    if (!has) {
        for (int k = 0; k < 4; k++)
            or_csv_text(w, "");
        return;
    }
    char n[24];
    snprintf(n, sizeof n, "%lld", (long long)c->pc.n);
    or_csv_number(w, c->pc.n >= 1 && c->pc.n <= OR_SUPPRESS_THRESHOLD ? "c" : n);
    if (!c->shown) {
        for (int k = 0; k < 3; k++)
            or_csv_number(w, "c");
        return;
    }
    or_csv_number(w, or_survey_fmt2(c->pc.mean_change, m));
    or_csv_number(w, c->pc.has_ci ? or_survey_fmt2(c->pc.ci_lo, lo) : "z");
    or_csv_number(w, c->pc.has_ci ? or_survey_fmt2(c->pc.ci_hi, hi) : "z");
}

static const char *raw_count(const web_request *req, int64_t n, uint8_t flag)
{
    return flag != OR_SUP_NONE ? "c" : or_arena_printf(req->arena, "%lld", (long long)n);
}

void page_survey_results_download(const web_request *req, web_response *res)
{
    sr_ctx x;
    if (!sr_load(req, res, &x))
        return;
    char detail[96];
    snprintf(detail, sizeof detail, "survey %lld results as CSV", (long long)x.s.id);
    if (web_audit(req, "export", NULL, detail)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The audit log could not be written, so the file cannot be given.");
        return;
    }
    or_csv w;
    or_csv_to_sb(&w, &res->body);
    static const char *const head[] = {"row",         "wave",   "compared_with", "domain", "item",
                                       "answer",      "count",  "percent",       "mean",   "pairs",
                                       "mean_change", "ci_low", "ci_high"};
    or_csv_texts(&w, head, 13);
    or_csv_end_row(&w);
    const char *wave = x.wi >= 0 ? wave_short(req, &x.waves[x.wi]) : "";
    const char *cmp = x.ei >= 0 ? wave_short(req, &x.waves[x.ei]) : "";
#define LEAD(kind, dom, item)                                                                      \
    do {                                                                                           \
        or_csv_text(&w, kind);                                                                     \
        or_csv_text(&w, wave);                                                                     \
        or_csv_text(&w, cmp);                                                                      \
        or_csv_text(&w, dom);                                                                      \
        or_csv_text(&w, item);                                                                     \
    } while (0)
    LEAD("respondents", "", "");
    or_csv_text(&w, "");
    or_csv_number(&w, raw_count(req, x.r.responded, x.r.responded_flag));
    for (int k = 0; k < 6; k++)
        or_csv_text(&w, "");
    or_csv_end_row(&w);
    for (int d = 0; d < x.r.ndomains; d++) {
        const or_survey_domain_result *dr = &x.r.domains[d];
        if (!dr->scored)
            continue;
        LEAD("domain", dr->domain->title, "");
        or_csv_text(&w, "");
        or_csv_number(&w, raw_count(req, dr->score.n,
                                    dr->score.n >= 1 && dr->score.n <= OR_SUPPRESS_THRESHOLD));
        or_csv_text(&w, "");
        or_csv_number(&w, dmean_text(req, &dr->score));
        csv_change(&w, &dr->change, dr->has_change && x.ei >= 0);
        or_csv_end_row(&w);
    }
    for (int i = 0; i < x.r.nitems; i++) {
        const or_survey_item_result *ir = &x.r.items[i];
        const char *dom = x.def.domains[ir->domain].title;
        const or_survey_dist *d = &ir->dist;
        for (int l = 0; ir->item->type == OR_SQ_SCALE && ir->scale && l < d->nlevels; l++) {
            LEAD("answer", dom, ir->item->text);
            or_csv_text(&w, ir->scale->levels[l].label);
            or_csv_number(&w, raw_count(req, d->counts[l], d->flags[l]));
            or_csv_number(&w, pct_text(req, d, l));
            for (int k = 0; k < 5; k++)
                or_csv_text(&w, "");
            or_csv_end_row(&w);
        }
        LEAD(ir->item->type == OR_SQ_TEXT ? "comments" : "item", dom, ir->item->text);
        or_csv_text(&w, "");
        or_csv_number(&w, raw_count(req, ir->answered,
                                    ir->item->type == OR_SQ_SCALE && d->nlevels > 0
                                        ? d->flags[d->nlevels]
                                        : ir->answered_flag));
        or_csv_text(&w, "");
        if (ir->item->type == OR_SQ_COUNT)
            or_csv_number(&w, dmean_text(req, &ir->number));
        else if (ir->item->type == OR_SQ_SCALE && d->scored)
            or_csv_number(&w, mean_text(req, d->mean_shown, d->mean_x100, d->answered > 0));
        else
            or_csv_text(&w, "");
        csv_change(&w, &ir->change, ir->has_change && x.ei >= 0);
        or_csv_end_row(&w);
    }
#undef LEAD
    or_error err = {0};
    or_csv_close(&w, "the survey results", &err);
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena, "attachment; filename=\"survey-%lld-results.csv\"",
                                   (long long)x.s.id));
}
