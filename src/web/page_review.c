/* page_review.c - one self-evaluation review (reviews.h) on the form engine (form.h):
 *
 *   /reviews/ID          its areas with how many items are answered, the area judgements and
 *                        last year's (the same school's review of the same instrument the year
 *                        before); "Mark as complete" (POST action=complete)
 *   /reviews/ID?area=N   area N's items as a form: each item by its response type (a rating with
 *                        the level descriptors as hints, yes/no, pounds, text), its fields (those
 *                        onroll fills pre-filled with the figure and its period; attendance
 *                        by SEN the vulnerability dashboard's own figures), the area
 *                        judgement and boxes; saved as it goes (POST: the area's answers in one
 *                        transaction with one audit line), then the next area
 *   /reviews/ID/plan     the action plan of a complete review: its actions with the toolkit's
 *                        columns, and a form adding one (two or three focus areas); each action's
 *                        date is a duty of its lead on /duties (LOCAL-ACTION-PLAN), done when
 *                        recorded done there (POST /reviews/actions/ID/done)
 *
 * A school's account sees its own school's reviews only (404 otherwise); LA officers any. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/instruments.h"
#include "onroll/labels.h"
#include "onroll/reviews.h"
#include "web/form.h"
#include "web/live_model.h"
#include "web/reviews_web.h"
#include "web/view.h"
#include "web/web.h"

typedef struct {
    or_review r;
    const or_instrument *in;
    or_review_answer *as;
    int nas;
    bool have_prev;
    or_review prev;
    or_review_answer *pas;
    int npas;
    const char *school;
    const char **area_names; /* the LA's names of placeholder areas (NULL: none) */
} review_ctx;

/* An area's title: the LA's name of a placeholder, else the source's */
static const char *title_of(const review_ctx *x, int s)
{
    return x->area_names && x->area_names[s] ? x->area_names[s] : x->in->sections[s].title;
}

/* The review of the path's id that the user may see, with its answers; false: the error page */
static bool load(const web_request *req, web_response *res, review_ctx *x)
{
    memset(x, 0, sizeof *x);
    const char *ids = web_param_get(&req->path_params, "id");
    char *end = NULL;
    long long id = ids ? strtoll(ids, &end, 10) : 0;
    bool found = false;
    or_error err = {0};
    if (id <= 0 || *end) {
        web_error(req, res, 404, "Page not found", "There is no such review.");
        return false;
    }
    if (or_review_get(req->store, id, req->arena, &x->r, &found, &err) ||
        (found &&
         (or_review_answers(req->store, id, req->arena, &x->as, &x->nas, &err) ||
          or_review_previous(req->store, &x->r, req->arena, &x->prev, &x->have_prev, &err)))) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The review could not be read.");
        return false;
    }
    if (!found || !web_can_see_school(req, x->r.urn) ||
        !(x->in =
              or_instrument_set_find(reviews_instruments(req), x->r.instrument, x->r.version))) {
        web_error(req, res, 404, "Page not found", "There is no such review.");
        return false;
    }
    if (x->have_prev &&
        or_review_answers(req->store, x->prev.id, req->arena, &x->pas, &x->npas, &err))
        x->have_prev = false;
    if (or_instrument_area_names(req->store, x->in, req->arena, &x->area_names, &err))
        x->area_names = NULL;
    x->school = view_school_label(req, x->r.urn);
    return true;
}

static const char *caption(const web_request *req, const review_ctx *x)
{
    return or_arena_printf(req->arena, "%s, %s, %s", x->school, x->in->title,
                           reviews_year_label(req, x->r.ay));
}

static const char *key_of(const web_request *req, int area, const char *what, int n)
{
    return or_arena_printf(req->arena, "a%d.%s%d", area, what, n);
}

/* "a1.i4" -> "a1-i4": the input's name and id */
static const char *input_name(const web_request *req, const char *key)
{
    char *s = or_arena_strdup(req->arena, key);
    for (char *p = s; *p; p++)
        if (*p == '.')
            *p = '-';
    return s;
}

/* ---- the overview ---- */

static int answered(const review_ctx *x, int s)
{
    int n = 0;
    const or_instr_section *sec = &x->in->sections[s];
    for (int i = 0; i < sec->nitems; i++)
        n += *or_review_value(x->as, x->nas, sec->items[i].key) != '\0';
    return n;
}

static void overview(const web_request *req, web_response *res, review_ctx *x)
{
    or_sb *out = &res->body;
    gov_page_start(out, req, x->in->title);
    html_raw(out, "<a href=\"/reviews\" class=\"govuk-back-link\">Back to reviews</a>\n");
    if (*web_query(req, "saved"))
        gov_notification(out, "Success", "Your answers were saved.", true);
    html_printf(out,
                "<span class=\"govuk-caption-l\">%s, %s</span>\n<h1 "
                "class=\"govuk-heading-l\">%s</h1>\n",
                x->school, reviews_year_label(req, x->r.ay), x->in->title);
    gov_summary_start(out);
    gov_summary_row(out, "Status", strcmp(x->r.status, "complete") ? "Started" : "Complete");
    gov_summary_row(out, "Instrument",
                    or_arena_printf(req->arena, "%s (version %d)", x->in->owner, x->in->version));
    if (*x->in->judgement_note)
        gov_summary_row(out, "Area judgements", x->in->judgement_note);
    gov_summary_row(out, "Last year's review",
                    x->have_prev ? reviews_year_label(req, x->prev.ay) : "None");
    gov_summary_end(out);
    const char *heads[] = {"Area", "Answered", "Judgement", "Last year"};
    gov_table_start(out, "Areas", heads, 4);
    char n1[OR_FMT_INT_LEN], n2[OR_FMT_INT_LEN];
    for (int s = 0; s < x->in->nsections; s++) {
        const or_instr_section *sec = &x->in->sections[s];
        gov_table_row_start(out);
        gov_td_link(out,
                    or_arena_printf(req->arena, "/reviews/%lld?area=%d", (long long)x->r.id, s + 1),
                    title_of(x, s));
        gov_td(out, or_arena_printf(req->arena, "%s of %s", or_fmt_int(answered(x, s), n1),
                                    or_fmt_int(sec->nitems, n2)));
        const char *j =
            sec->njudged ? or_review_value(x->as, x->nas, key_of(req, s + 1, "j", 1)) : "";
        gov_td(out, *j ? j : sec->njudged ? "Not yet" : "None asked");
        const char *pj = x->have_prev && sec->njudged
                             ? or_review_value(x->pas, x->npas, key_of(req, s + 1, "j", 1))
                             : "";
        int up = 0, down = 0, same = 0;
        if (x->have_prev)
            or_instrument_change(x->in, s, x->pas, x->npas, x->as, x->nas, &up, &down, &same);
        gov_td(out, up + down + same
                        ? or_arena_printf(req->arena, "%s; items up %d, down %d, the same %d",
                                          *pj ? pj : "No judgement", up, down, same)
                    : *pj ? pj
                          : "None");
        gov_table_row_end(out);
    }
    gov_table_end(out);
    if (strcmp(x->r.status, "complete")) {
        gov_form_start(out, req, "post",
                       or_arena_printf(req->arena, "/reviews/%lld", (long long)x->r.id));
        gov_hidden(out, "action", "complete");
        gov_button(out, "Mark as complete", false);
        gov_form_end(out);
    } else {
        html_printf(out,
                    "<p class=\"govuk-body\">Completed on %s. <a class=\"govuk-link\" "
                    "href=\"/reviews/%lld/plan\">Action plan</a></p>\n",
                    x->r.completed_at, (long long)x->r.id);
    }
    gov_page_end(out, req);
}

/* ---- an area as a form ---- */

static const gov_choice yesno[] = {{"yes", "Yes", NULL}, {"no", "No", NULL}};

typedef struct {
    form f;
    int area; /* 0-based */
    const char **keys;
    int nkeys;
    or_resp_type *types;
} area_form;

static int add(area_form *a, const char *key, const form_field *fd, or_resp_type t)
{
    int i = form_add(&a->f, fd);
    a->keys[i] = key;
    a->types[i] = t;
    a->nkeys = i + 1;
    return i;
}

static void area_build(const web_request *req, review_ctx *x, area_form *a, int area)
{
    const or_instr_section *sec = &x->in->sections[area];
    form_init(&a->f, req, NULL, 0);
    a->area = area;
    int cap = 8 + sec->nitems * 12;
    a->keys = or_arena_alloc(req->arena, sizeof *a->keys * (size_t)cap);
    a->types = or_arena_alloc(req->arena, sizeof *a->types * (size_t)cap);
    or_review_figures figs = {0};
    bool have_figs = false;
    const or_columns *c = NULL;
    or_error err = {0};
    for (int i = 0; i < sec->nitems && !have_figs; i++)
        for (int k = 0; k < sec->items[i].nfields; k++)
            if (sec->items[i].fields[k].data_key && !have_figs &&
                !web_live_get(req->store, &c, &err)) {
                have_figs = !or_review_figures_of(c, x->r.urn, x->r.ay, req->arena, &figs, &err);
                web_live_put();
                if (!have_figs)
                    fprintf(stderr, "onroll serve: review %lld: the figures: %s\n",
                            (long long)x->r.id, err.msg);
                /* attendance: the vulnerability dashboard's figures, on the same snapshot */
                view_snapshot *snap = NULL;
                if (have_figs && !view_snapshot_get(req, &snap, &err)) {
                    or_review_attendance_of(snap->model, x->r.urn, x->r.ay, snap->as_of, req->arena,
                                            &figs);
                    view_snapshot_put(snap);
                } else if (have_figs)
                    fprintf(stderr, "onroll serve: review %lld: the attendance figures: %s\n",
                            (long long)x->r.id, err.msg);
            }
    for (int i = 0; i < sec->nitems; i++) {
        const or_instr_item *it = &sec->items[i];
        const char *prev = x->have_prev ? or_review_value(x->pas, x->npas, it->key) : "";
        const char *hint = *prev ? or_arena_printf(req->arena, "Last year: %s", prev) : NULL;
        form_field fd = {.name = input_name(req, it->key), .label = it->text, .hint = hint};
        fd.noun = or_arena_printf(req->arena, "answer to item %d", i + 1);
        switch (it->resp) {
        case OR_RESP_RATING: {
            gov_choice *ch = or_arena_alloc(req->arena, sizeof *ch * (size_t)x->in->nlevels);
            for (int l = 0; l < x->in->nlevels; l++)
                ch[l] = (gov_choice){x->in->levels[l], x->in->levels[l],
                                     it->descriptors ? it->descriptors[l] : NULL};
            fd.type = FORM_RADIOS;
            fd.choices = ch;
            fd.nchoices = x->in->nlevels;
            fd.flags = FORM_SMALL;
            break;
        }
        case OR_RESP_YESNO:
            fd.type = FORM_RADIOS;
            fd.choices = yesno;
            fd.nchoices = 2;
            fd.flags = FORM_SMALL;
            break;
        case OR_RESP_MONEY:
        case OR_RESP_NUMBER:
            fd.type = FORM_TEXT;
            fd.width = "govuk-input--width-10";
            fd.hint = or_arena_printf(req->arena, "%s, for example 12500%s%s",
                                      it->resp == OR_RESP_MONEY ? "In pounds" : "A whole number",
                                      hint ? ". " : "", hint ? hint : "");
            break;
        default:
            fd.type = FORM_TEXTAREA;
            fd.rows = 3;
            fd.max = 4000;
        }
        int fi = add(a, it->key, &fd, it->resp);
        form_set(&a->f, fi, or_review_value(x->as, x->nas, it->key));
        for (int k = 0; k < it->nfields; k++) {
            const or_instr_field *fl = &it->fields[k];
            const char *fkey = or_arena_printf(req->arena, "%s.f%d", it->key, k + 1);
            const char *fig =
                fl->data_key && have_figs ? or_review_figure(&figs, fl->data_key) : NULL;
            const char *from = fig ? or_arena_printf(req->arena, "From onroll: %s (%s)", fig,
                                                     or_review_figure_period(&figs, fl->data_key))
                                   : NULL;
            form_field ff = {.name = input_name(req, fkey),
                             .label = fl->label,
                             .hint = from,
                             .type = FORM_TEXTAREA};
            ff.rows = 2;
            ff.max = 4000;
            ff.noun = or_arena_printf(req->arena, "%s", fl->label);
            int k2 = add(a, fkey, &ff, OR_RESP_TEXT);
            const char *v = or_review_value(x->as, x->nas, fkey);
            form_set(&a->f, k2, *v ? v : fig ? fig : "");
        }
    }
    for (int j = 0; j < sec->njudged; j++) {
        gov_choice *ch = or_arena_alloc(req->arena, sizeof *ch * (size_t)x->in->njudgements);
        for (int l = 0; l < x->in->njudgements; l++)
            ch[l] = (gov_choice){x->in->judgements[l], x->in->judgements[l], NULL};
        const char *key = key_of(req, area + 1, "j", j + 1);
        const char *prev = x->have_prev ? or_review_value(x->pas, x->npas, key) : "";
        form_field fd = {.name = input_name(req, key),
                         .label = sec->judged[j],
                         .hint = *prev ? or_arena_printf(req->arena, "Last year: %s", prev) : NULL,
                         .type = FORM_RADIOS,
                         .flags = FORM_SMALL};
        fd.choices = ch;
        fd.nchoices = x->in->njudgements;
        fd.group = "Judgement";
        int fi = add(a, key, &fd, OR_RESP_TEXT); /* a judgement: its radios check it */
        form_set(&a->f, fi, or_review_value(x->as, x->nas, key));
    }
    if (!sec->njudged && x->in->njudgements) { /* the wellbeing audit: the area's level */
        gov_choice *ch = or_arena_alloc(req->arena, sizeof *ch * (size_t)x->in->njudgements);
        for (int l = 0; l < x->in->njudgements; l++)
            ch[l] = (gov_choice){x->in->judgements[l], x->in->judgements[l], NULL};
        const char *key = key_of(req, area + 1, "j", 1);
        form_field fd = {.name = input_name(req, key),
                         .label = "The area's level",
                         .hint = x->in->judgement_note,
                         .type = FORM_RADIOS,
                         .flags = FORM_SMALL};
        fd.choices = ch;
        fd.nchoices = x->in->njudgements;
        fd.group = "Judgement";
        int fi = add(a, key, &fd, OR_RESP_TEXT); /* a judgement: its radios check it */
        form_set(&a->f, fi, or_review_value(x->as, x->nas, key));
    }
    for (int b = 0; b < x->in->nboxes; b++) {
        const char *key = key_of(req, area + 1, "b", b + 1);
        form_field fd = {
            .name = input_name(req, key), .label = x->in->boxes[b], .type = FORM_TEXTAREA};
        fd.rows = 4;
        fd.max = 4000;
        int fi = add(a, key, &fd, OR_RESP_TEXT);
        form_set(&a->f, fi, or_review_value(x->as, x->nas, key));
    }
}

static void area_show(const web_request *req, web_response *res, review_ctx *x, area_form *a)
{
    or_sb *out = &res->body;
    const or_instr_section *sec = &x->in->sections[a->area];
    const char *back = or_arena_printf(req->arena, "/reviews/%lld", (long long)x->r.id);
    form_page_start(out, &a->f, title_of(x, a->area), back, "Back to the review", caption(req, x));
    if (sec->placeholder && x->area_names && x->area_names[a->area])
        html_printf(out, "<div class=\"govuk-inset-text\">The local authority named this area: "
                         "the toolkit does not name it.</div>\n");
    else if (*sec->note)
        html_printf(out, "<div class=\"govuk-inset-text\">%s</div>\n", sec->note);
    if (sec->ndescriptors) {
        html_raw(out, "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\">"
                      "<span class=\"govuk-details__summary-text\">What good looks like in "
                      "this area</span></summary><div class=\"govuk-details__text\"><ul "
                      "class=\"govuk-list govuk-list--bullet\">\n");
        for (int d = 0; d < sec->ndescriptors; d++)
            html_printf(out, "<li>%s</li>\n", sec->descriptors[d]);
        html_raw(out, "</ul></div></details>\n");
    }
    form_start(
        out, &a->f,
        or_arena_printf(req->arena, "/reviews/%lld?area=%d", (long long)x->r.id, a->area + 1));
    form_fields_html(out, &a->f, 0, a->nkeys);
    form_page_end(out, &a->f, res, "Save and continue", "save");
}

static int area_param(const web_request *req, const review_ctx *x)
{
    const char *s = web_query(req, "area");
    int n = s ? atoi(s) : 0;
    return n >= 1 && n <= x->in->nsections ? n - 1 : -1;
}

void page_review(const web_request *req, web_response *res)
{
    review_ctx x;
    if (!load(req, res, &x))
        return;
    int area = area_param(req, &x);
    if (area < 0) {
        overview(req, res, &x);
        return;
    }
    area_form a;
    area_build(req, &x, &a, area);
    area_show(req, res, &x, &a);
}

static void complete(const web_request *req, web_response *res, review_ctx *x)
{
    char today[16];
    or_date_format(web_today(req), today);
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_review_complete(req->store, x->r.id, today, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "review %lld completed: %s, URN %d, %s",
                                       (long long)x->r.id, x->in->id, x->r.urn,
                                       reviews_year_label(req, x->r.ay)))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The review could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/reviews/%lld/plan", (long long)x->r.id));
}

void page_review_post(const web_request *req, web_response *res)
{
    review_ctx x;
    if (!load(req, res, &x))
        return;
    const char *action = web_param_get(&req->form, "action");
    int area = area_param(req, &x);
    if (action && !strcmp(action, "complete") && area < 0) {
        complete(req, res, &x);
        return;
    }
    if (area < 0) {
        web_error(req, res, 404, "Page not found", "There is no such area.");
        return;
    }
    area_form a;
    area_build(req, &x, &a, area);
    form_read(&a.f);
    form_validate(&a.f);
    for (int i = 0; i < a.nkeys; i++)
        if (!form_error_of(&a.f, i) && !or_instrument_valid(x.in, a.types[i], form_text(&a.f, i)))
            form_error(&a.f, i,
                       a.types[i] == OR_RESP_MONEY
                           ? "Enter an amount in pounds, like 12500 or 12500.50"
                           : "Enter a whole number, like 12");
    if (a.f.nerrors) {
        form_errors_in_order(&a.f);
        area_show(req, res, &x, &a);
        return;
    }
    or_error err = {0};
    or_code rc = or_store_begin(req->store, &err);
    int changed = 0;
    for (int i = 0; i < a.nkeys && !rc; i++) {
        const char *v = form_text(&a.f, i);
        if (strcmp(v, or_review_value(x.as, x.nas, a.keys[i]))) {
            rc = or_review_answer_set(req->store, x.r.id, a.keys[i], v, req->user->email, &err);
            changed++;
        }
    }
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "review %lld: area %d, %d answer%s changed",
                                       (long long)x.r.id, area + 1, changed,
                                       changed == 1 ? "" : "s"))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The answers could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(
        req, res,
        area + 1 < x.in->nsections
            ? or_arena_printf(req->arena, "/reviews/%lld?area=%d", (long long)x.r.id, area + 2)
            : or_arena_printf(req->arena, "/reviews/%lld?saved=1", (long long)x.r.id));
}
