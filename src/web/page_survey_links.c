/* page_survey_links.c - issuing a survey's links (surveys.h):
 *
 *   GET   /surveys/{id}/links   who the links are for: pupils on the school's roll (a year
 *                               group, or every year), or a number of links without names (for
 *                               parents or staff); a printable sheet or a CSV file
 *   POST  /surveys/{id}/links   make one respondent per person (a random token, of which only the
 *                               hash is stored, and a random pseudonym) in one transaction with
 *                               its audit line, and answer with the sheet: one slip per person,
 *                               the pupil's name and the link (or the CSV of the same)
 *
 * Who holds which token is NOT stored: the sheet (or CSV) is the only record, so the page says
 * to keep it to hand out the same slips at the next wave. The store hands the tokens back in an
 * order unrelated to the order it stored them, so the respondents' order cannot be matched to
 * the sheet's. The response is not cached (Cache-Control: no-store). */
#include <stdlib.h>
#include <string.h>

#include "onroll/labels.h"
#include "onroll/sender.h"
#include "onroll/yeargroup.h"
#include "web/form.h"
#include "web/surveys_web.h"
#include "web/view.h"

enum { K_FOR, K_YEAR, K_COUNT, K_OUTPUT, K__N };
static const gov_choice fors[] = {
    {"pupils", "Pupils on the school's roll", "A slip for each pupil, with their name"},
    {"anonymous", "A number of links without names", "For parents or staff, or to hand out"},
};
static const gov_choice outputs[] = {
    {"sheet", "A printable sheet", "One slip for each person, to cut up and hand out"},
    {"csv", "A CSV file", "For a mail merge: name and link on each row"},
};
static const form_field fields[K__N] = {
    [K_FOR] = {"for", "Who are the links for?", NULL, FORM_RADIOS, FORM_REQUIRED,
               .missing = "Select who the links are for", .choices = fors, .nchoices = 2},
    [K_YEAR] = {"year", "Year group", "For pupils on the roll", FORM_SELECT, 0},
    [K_COUNT] = {"count", "Number of links", "For links without names: from 1 to 2,000",
                 FORM_NUMBER, 0, .noun = "number of links", .min = 1, .max = OR_SURVEY_ISSUE_MAX,
                 .width = "govuk-input--width-4"},
    [K_OUTPUT] = {"output", "What do you want?", NULL, FORM_RADIOS, FORM_REQUIRED,
                  .missing = "Select a sheet or a CSV file", .choices = outputs, .nchoices = 2},
};

/* The school's pupils on the roll the user may see, of year group `year` ("" for every one),
 * by year group then name. */
typedef struct {
    const view_pupil **p;
    int n;
} roll;

static int by_year_name(const void *x, const void *y)
{
    const view_pupil *a = *(const view_pupil *const *)x, *b = *(const view_pupil *const *)y;
    int c = strcmp(a->year_group, b->year_group);
    if (!c)
        c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->upn, b->upn);
}

static or_code roll_of(const web_request *req, view_snapshot *snap, int urn, const char *year,
                       roll *r, or_error *err)
{
    const view_pupil *const *all = NULL;
    int n = 0;
    r->p = NULL;
    r->n = 0;
    or_code rc = view_scope_pupils(req, snap, &all, &n, err);
    if (rc)
        return rc;
    r->p = or_arena_alloc(req->arena, sizeof *r->p * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        if (all[i]->urn == urn && (!*year || !strcmp(all[i]->year_group, year)))
            r->p[r->n++] = all[i];
    if (r->n > 1)
        qsort(r->p, (size_t)r->n, sizeof *r->p, by_year_name);
    return OR_OK;
}

static void links_form(form *f, const web_request *req, view_snapshot *snap, int urn)
{
    form_init(f, req, fields, K__N);
    roll r;
    or_error err = {0};
    roll_of(req, snap, urn, "", &r, &err);
    gov_choice *yc = or_arena_alloc(req->arena, sizeof *yc * (size_t)(r.n + 2));
    int ny = 0;
    yc[ny++] = (gov_choice){"", "Every year group", NULL};
    for (int i = 0; i < r.n; i++)
        if (*r.p[i]->year_group && strcmp(yc[ny - 1].value, r.p[i]->year_group))
            yc[ny++] = (gov_choice){r.p[i]->year_group, r.p[i]->year_words, NULL};
    f->fields[K_YEAR].choices = yc;
    f->fields[K_YEAR].nchoices = ny;
    form_read(f);
    if (!f->posted)
        form_set(f, K_OUTPUT, "sheet");
}

static void warning(or_sb *out)
{
    html_raw(out, "<div class=\"govuk-warning-text\">\n<span class=\"govuk-warning-text__icon\" "
                  "aria-hidden=\"true\">!</span>\n<strong class=\"govuk-warning-text__text\">"
                  "<span class=\"govuk-visually-hidden\">Warning</span>\nThe sheet is the only "
                  "record of who has which link: onroll keeps only a pseudonym for each link, "
                  "never the name. Keep the sheet safe and hand out the same slips at the next "
                  "wave. If it is lost, issue new links: they start new pseudonyms, so the change "
                  "between waves cannot be followed for those people.</strong>\n</div>\n");
}

static void show(form *f, web_response *res, const survey_page *p)
{
    or_sb *out = &res->body;
    form_page_start(out, f, "Issue links", p->path, "Back to the survey", p->s.title);
    html_raw(out, "<p class=\"govuk-body\">Each person gets their own link. They answer each "
                  "wave once, through the same link, on a phone or a computer, without an "
                  "account.</p>\n");
    warning(out);
    form_start(out, f, or_arena_printf(f->req->arena, "%s/links", p->path));
    form_fields_html(out, f, 0, K__N);
    form_page_end(out, f, res, "Make the links", NULL);
}

static void get(const web_request *req, web_response *res, view_snapshot *snap)
{
    survey_page p;
    if (!survey_load(req, res, &p))
        return;
    form f;
    links_form(&f, req, snap, p.s.urn);
    show(&f, res, &p);
}

void page_survey_links(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the school's roll", get);
}

/* The web address people open: $ONROLL_BASE_URL (as the notifications' links) and the path. */
static const char *link_of(const web_request *req, const char *token)
{
    const char *base = getenv("ONROLL_BASE_URL");
    if (!base || !*base)
        base = OR_NOTIFY_DEFAULT_BASE_URL;
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    return or_arena_printf(req->arena, "%.*s" OR_SURVEY_LINK_PREFIX "%s", (int)n, base, token);
}

static void sheet(const web_request *req, web_response *res, const survey_page *p, const roll *r,
                  int n, const char *const *tokens)
{
    or_sb *out = &res->body;
    web_header_add(res, "Cache-Control", "no-store");
    gov_page_start(out, req, or_arena_printf(req->arena, "Links: %s", p->s.title));
    html_printf(out,
                "<div class=\"onroll-no-print\">\n"
                "<a href=\"/surveys/%lld\" class=\"govuk-back-link\">Back to the survey</a>\n"
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">Links for %s</h1>\n"
                "<div class=\"govuk-panel govuk-panel--confirmation\"><h2 "
                "class=\"govuk-panel__title\">%s made</h2></div>\n",
                (long long)p->s.id, p->school, p->s.title,
                or_arena_printf(req->arena, "%d %s", n, n == 1 ? "link" : "links"));
    warning(out);
    html_raw(out, "<p class=\"govuk-body\">Print this page now: the links are shown only "
                  "once.</p>\n<button type=\"button\" class=\"govuk-button\" "
                  "data-onroll-print>Print the slips</button>\n</div>\n"
                  "<ul class=\"onroll-slips\">\n");
    for (int i = 0; i < n; i++) {
        const char *who = r ? (*r->p[i]->name ? r->p[i]->name : "Pupil")
                            : or_arena_printf(req->arena, "Link %d", i + 1);
        const char *url = link_of(req, tokens[i]);
        html_printf(out,
                    "<li class=\"onroll-slip\">\n<p class=\"govuk-body govuk-!-font-weight-bold "
                    "govuk-!-margin-bottom-1\">%s%s%s</p>\n"
                    "<p class=\"govuk-body-s govuk-!-margin-bottom-1\">%s: answer the questions "
                    "on a phone or a computer. Open this link, and use the same link each time "
                    "you are asked:</p>\n<p class=\"govuk-body onroll-slip__link\">%s</p>\n</li>\n",
                    who, r && *r->p[i]->year_words ? ", " : "", r ? r->p[i]->year_words : "",
                    p->s.title, url);
    }
    html_raw(out, "</ul>\n");
    gov_page_end(out, req);
}

static void csv(const web_request *req, web_response *res, const survey_page *p, const roll *r,
                int n, const char *const *tokens)
{
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    web_header_add(res, "Cache-Control", "no-store");
    web_header_add(res, "Content-Disposition",
                   or_arena_printf(req->arena,
                                   "attachment; filename=\"onroll-survey-%lld-links.csv\"",
                                   (long long)p->s.id));
    or_csv w;
    or_csv_to_sb(&w, &res->body);
    static const char *const head[] = {"name", "year_group", "link"};
    or_csv_texts(&w, head, 3);
    or_csv_end_row(&w);
    for (int i = 0; i < n; i++) {
        or_csv_text(&w, r ? r->p[i]->name : or_arena_printf(req->arena, "Link %d", i + 1));
        or_csv_text(&w, r ? r->p[i]->year_words : "");
        or_csv_text(&w, link_of(req, tokens[i]));
        or_csv_end_row(&w);
    }
}

static void post(const web_request *req, web_response *res, view_snapshot *snap)
{
    survey_page p;
    if (!survey_load(req, res, &p))
        return;
    form f;
    links_form(&f, req, snap, p.s.urn);
    bool pupils = !strcmp(form_text(&f, K_FOR), "pupils");
    if (!pupils && !strcmp(form_text(&f, K_FOR), "anonymous") && !*form_text(&f, K_COUNT))
        form_error(&f, K_COUNT, "Enter the number of links");
    if (!form_validate(&f)) {
        form_errors_in_order(&f);
        show(&f, res, &p);
        return;
    }
    roll r = {0};
    int n = 0;
    or_error err = {0};
    if (pupils) {
        if (roll_of(req, snap, p.s.urn, form_text(&f, K_YEAR), &r, &err)) {
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The school's roll could not be read.");
            return;
        }
        n = r.n;
        if (!n || n > OR_SURVEY_ISSUE_MAX) {
            form_error(&f, K_YEAR,
                       n ? "There are more than 2,000 pupils: choose a year group"
                         : "There are no pupils on the school's roll in that year group");
            form_errors_in_order(&f);
            show(&f, res, &p);
            return;
        }
    } else {
        n = atoi(form_text(&f, K_COUNT));
    }
    const char **tokens = NULL, **pseudonyms = NULL;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_survey_issue(req->store, p.s.id, n, web_today(req), req->arena, &tokens,
                             &pseudonyms, &err);
    if (!rc)
        rc =
            web_audit(req, "change", NULL,
                      or_arena_printf(req->arena,
                                      "survey links issued: survey %lld (URN %d), %d "
                                      "%s, as a %s",
                                      (long long)p.s.id, p.s.urn, n,
                                      pupils ? "pupils" : "without names", form_text(&f, K_OUTPUT)))
                ? OR_ESTORE
                : OR_OK;
    if (!rc && pupils) {
        const char **upns = or_arena_alloc(req->arena, sizeof *upns * (size_t)n);
        for (int i = 0; i < n; i++)
            upns[i] = r.p[i]->upn;
        rc = web_audit_upns(req, upns, n);
    }
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The links could not be made. Nothing was changed.");
        return;
    }
    if (!strcmp(form_text(&f, K_OUTPUT), "csv"))
        csv(req, res, &p, pupils ? &r : NULL, n, tokens);
    else
        sheet(req, res, &p, pupils ? &r : NULL, n, tokens);
}

void page_survey_links_post(const web_request *req, web_response *res)
{
    view_with_snapshot(req, res, "the school's roll", post);
}
