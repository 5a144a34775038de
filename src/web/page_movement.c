/* page_movement.c - GET and POST /pupils/{upn}/movements/new : record a pupil movement (a
 * managed move, an in-year transfer, an off-site direction, an alternative provision
 * placement, elective home education, a child missing education, an unexplained exit), a
 * form of the form engine (form.h) in three steps:
 *
 *   0. choose the movement (radios; POST action=choose, then 303 to ?kind=KIND);
 *   1. the movement's own fields only (movements.h says which: the school it goes to, the
 *      provider, the end date), the date, notes;
 *   2. "Continue" (action=check): the row through the importer (one batch, source kind
 *      "form", validated exactly as a CSV row) inside a transaction; the check page shows
 *      what will be recorded and, for an exit, the registration it ends, read from the
 *      pupil's facts with the row in them (the importer ends it); then everything is rolled
 *      back. Errors go back to the form, every one at once;
 *   3. "Save" (action=save): the same row, committed with its audit line; then to the pupil's
 *      page with a banner (page_movement_banner).
 *
 * The event id ("WEB-" and random hex) is made at the first check and carried, so a second
 * "Save" records nothing new. Who: the LA for any of the pupil's schools; a school for its
 * own pupils and its own school (the URN is the account's, whatever the form says; the
 * importer's school scope refuses a pupil not on its roll on the date). The route is
 * WEB_F_PUPIL: the pupil is in the user's scope (else 404) and the read is logged. */
#include <stdlib.h>
#include <string.h>

#include "onroll/model.h"
#include "onroll/movements.h"
#include "web/form.h"
#include "web/view.h"

enum { F_KIND, F_EVENT_ID, F_URN, F_START, F_TO_URN, F_PROVIDER, F_END, F_NOTES, F__N };
static const form_field fields[F__N] = {
    [F_KIND] = {"kind", .type = FORM_HIDDEN, .flags = FORM_QUERY},
    [F_EVENT_ID] = {"event_id", .type = FORM_HIDDEN},
    /* the LA chooses among the pupil's schools; a school records for itself */
    [F_URN] = {"urn", "School", "The school the pupil is on roll at", FORM_RADIOS,
               FORM_REQUIRED | FORM_SMALL | FORM_ANY, .noun = "school",
               .missing = "Select the school", .column = FORM_COLUMN(OR_EV_URN)},
    /* labels, hints and flags are the movement's (prepare) */
    [F_START] = {"start", "Date", NULL, FORM_DATE, FORM_REQUIRED,
                 .column = FORM_COLUMN(OR_EV_START)},
    /* one of the LA's schools (destination_choices): a URN not offered is refused */
    [F_TO_URN] = {"to_urn", "School the pupil moves to", NULL, FORM_SELECT, 0,
                  .noun = "school the pupil moves to",
                  .missing = "Select the school the pupil moves to",
                  .column = FORM_COLUMN(OR_EV_TO_URN)},
    [F_PROVIDER] = {"provider", "Provider", "The name of the provider, not of a person", FORM_TEXT,
                    .noun = "provider", .max = 200, .column = FORM_COLUMN(OR_EV_PROVIDER)},
    [F_END] = {"end", "End date", NULL, FORM_DATE, FORM_REQUIRED, .column = FORM_COLUMN(OR_EV_END)},
    [F_NOTES] = {"notes", "Notes (optional)",
                 "What was agreed and with whom. Write only what the record needs.", FORM_TEXTAREA,
                 .rows = 4, .column = FORM_COLUMN(OR_EV_NOTES)},
};

/* The choice of movement (step 0), a form of its own. */
enum { C_KIND, C__N };
static const form_field choose_fields[C__N] = {
    [C_KIND] = {"kind", "What do you want to record?", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select the movement to record"},
};

typedef struct {
    const char *upn;
    const or_movement *mv; /* NULL: not chosen yet */
    form f;
} movement_page;

static const char *movement_path(const web_request *req, const char *upn)
{
    return or_arena_printf(req->arena, "/pupils/%s/movements/new", upn);
}

static const char *pupil_path(const web_request *req, const char *upn)
{
    return or_arena_printf(req->arena, "/pupils/%s", upn);
}

static const char *caption(const web_request *req, const char *upn)
{
    char name[300];
    web_pupil_name(req, upn, name, sizeof name);
    return or_arena_printf(req->arena, "%s, UPN %s", name[0] ? name : "Pupil", upn);
}

static const char *school_name(const or_model *m, int urn)
{
    const or_school_info *s = m ? or_model_school(m, urn) : NULL;
    return s && s->name ? s->name : "the school";
}

/* ---- step 0: choose ---- */

static void show_choose(const web_request *req, web_response *res, form *f, const char *upn)
{
    or_sb *out = &res->body;
    gov_choice *items = or_arena_alloc(req->arena, or_movement_count() * sizeof *items);
    for (size_t i = 0; i < or_movement_count(); i++) {
        const or_movement *mv = or_movement_at(i);
        items[i] = (gov_choice){mv->type, mv->label, mv->hint};
    }
    f->fields[C_KIND].choices = items;
    f->fields[C_KIND].nchoices = (int)or_movement_count();
    form_errors_in_order(f);
    form_page_start(out, f, "Record a movement", pupil_path(req, upn), "Back to the pupil's record",
                    caption(req, upn));
    form_start(out, f, movement_path(req, upn));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "choose");
}

static void choose(const web_request *req, web_response *res, const char *upn, bool posted)
{
    form f;
    form_init(&f, req, choose_fields, C__N);
    form_read(&f);
    const char *kind = posted ? form_text(&f, C_KIND) : web_query(req, "kind");
    if (posted && or_movement_find(kind)) {
        web_redirect(req, res,
                     or_arena_printf(req->arena, "%s?kind=%s", movement_path(req, upn), kind));
        return;
    }
    if (posted || *kind) /* a kind that is not a movement */
        form_error(&f, C_KIND, "Select the movement to record");
    show_choose(req, res, &f, upn);
}

/* ---- step 1: the movement's form ---- */

/* The LA's schools but the pupil's own (for where the pupil goes), by name. */
typedef struct {
    const web_request *req;
    int except;
    gov_choice *items;
    int n, cap;
} school_list;

static or_code on_school(void *ctx, const or_value *row, or_error *err)
{
    (void)err;
    school_list *l = ctx;
    if ((int)row[OR_SC_URN].i == l->except)
        return OR_OK;
    OR_ARENA_GROW(l->req->arena, l->items, l->n + 1, l->cap);
    l->items[l->n++] = (gov_choice){
        or_arena_printf(l->req->arena, "%lld", (long long)row[OR_SC_URN].i),
        or_arena_strdup(l->req->arena, row[OR_SC_NAME].s ? row[OR_SC_NAME].s : "School"), NULL};
    return OR_OK;
}

static void destination_choices(const web_request *req, form *f, int except)
{
    school_list l = {req, except, NULL, 1, 0};
    OR_ARENA_GROW(req->arena, l.items, 1, l.cap);
    l.items[0] = (gov_choice){"", "Choose a school", NULL};
    or_error err = {0};
    or_store_scan(req->store, or_kind_get(OR_K_SCHOOLS), on_school, &l, &err);
    qsort(l.items + 1, (size_t)(l.n - 1), sizeof *l.items, gov_choice_cmp);
    f->fields[F_TO_URN].choices = l.items;
    f->fields[F_TO_URN].nchoices = l.n;
}

/* The form read and made for this request, user and movement. */
static void prepare(const web_request *req, movement_page *p)
{
    memset(p, 0, sizeof *p);
    p->upn = web_path(req, "upn");
    form *f = &p->f;
    form_init(f, req, fields, F__N);
    form_read(f);
    p->mv = or_movement_find(form_text(f, F_KIND));
    if (!p->mv)
        return;
    const or_movement *mv = p->mv;
    if (f->posted) /* the id is made at the first check, then carried */
        form_event_id(f, F_EVENT_ID);
    int mine = web_user_school(req); /* a school records for itself */
    if (mine) {
        form_set(f, F_URN, or_arena_printf(req->arena, "%d", mine));
        f->fields[F_URN].type = FORM_FIXED;
    }
    form_field *start = &f->fields[F_START], *end = &f->fields[F_END];
    if (mv->exit) {
        start->label = "Last day on the school's roll";
        start->noun = "last day on the school's roll";
        start->hint = !strcmp(mv->type, "managed_move")
                          ? "The day the move was confirmed at the end of a successful trial. "
                            "During the trial the pupil stays on this roll. For example, 23 1 2026"
                      : !strcmp(mv->type, "ehe")
                          ? "The day the school received the parents' written notice, or later. "
                            "For example, 23 1 2026"
                          : "For example, 23 1 2026";
    } else {
        bool osd = !strcmp(mv->type, "off_site_direction");
        start->label = osd ? "First day of the direction" : "First day of the placement";
        start->noun = osd ? "first day of the direction" : "first day of the placement";
        start->hint = "For example, 2 2 2026";
        end->label = osd ? "Last day of the direction" : "Last day of the placement";
        end->noun = osd ? "last day of the direction" : "last day of the placement";
        end->hint = "The pupil stays on this school's roll meanwhile. For example, 13 2 2026";
    }
    if (!mv->end)
        form_off(f, F_END);
    if (!mv->to_school)
        form_off(f, F_TO_URN);
    else if (!mv->to_required) {
        f->fields[F_TO_URN].label = "School the pupil attends (optional)";
        f->fields[F_TO_URN].hint = "Leave it and enter the provider if it is not a school";
        f->fields[F_TO_URN].missing = "Select the school the pupil attends";
    } else {
        f->fields[F_TO_URN].flags |= FORM_REQUIRED;
    }
    if (!mv->provider)
        form_off(f, F_PROVIDER);
    else if (mv->provider_required)
        f->fields[F_PROVIDER].flags |= FORM_REQUIRED;
    else
        f->fields[F_PROVIDER].label = "Or the provider (optional)";
    if (mv->to_school)
        destination_choices(req, f, mine);
}

static void show_form(form *f, web_response *res, void *ctx)
{
    const movement_page *p = ctx;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    or_model *m = NULL;
    or_error err = {0};
    web_schools sc = {0};
    if (!or_model_load(req->store, p->upn, &m, &err))
        web_pupil_schools(req, m, p->upn, &sc);
    if (f->fields[F_URN].type == FORM_FIXED) {
        int mine = atoi(form_text(f, F_URN));
        f->fields[F_URN].label =
            or_arena_printf(req->arena, "School: %s (your school).", school_name(m, mine));
    } else if (sc.n) { /* the LA: the pupil's schools */
        f->fields[F_URN].choices = sc.items;
        f->fields[F_URN].nchoices = sc.n;
        if (!*form_text(f, F_URN))
            form_set(f, F_URN, or_arena_strdup(req->arena, sc.current));
    } else {
        f->fields[F_URN].type = FORM_TEXT;
        f->fields[F_URN].label = "School URN";
        f->fields[F_URN].hint = "The school the pupil is on roll at: 6 digits";
        f->fields[F_URN].width = "govuk-input--width-10";
    }
    form_page_start(out, f, p->mv->title, movement_path(req, p->upn), "Choose another movement",
                    caption(req, p->upn));
    form_start(out, f, movement_path(req, p->upn));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Continue", "check");
    or_model_free(m);
}

/* The form's own checks: an off-site direction goes to a school or a provider; it ends on or
 * after it starts (the importer says so too, but only once the row's other columns pass, and
 * the form lists every error at once). */
static void validate(form *f, void *ctx)
{
    const movement_page *p = ctx;
    or_date start = OR_DATE_NONE, end = OR_DATE_NONE;
    if (p->mv->end && or_date_parse(form_text(f, F_START), &start) &&
        or_date_parse(form_text(f, F_END), &end) && end < start)
        form_error(f, F_END,
                   or_arena_printf(f->req->arena, "The %s must be the same as or after the %s",
                                   form_noun(f, F_END), form_noun(f, F_START)));
    if (p->mv->to_school && p->mv->provider && !p->mv->to_required && !p->mv->provider_required &&
        !*form_text(f, F_TO_URN) && !*form_text(f, F_PROVIDER))
        form_error(f, F_TO_URN, "Select the school the pupil attends, or enter the provider");
    if (p->mv->to_school && *form_text(f, F_TO_URN) &&
        !strcmp(form_text(f, F_TO_URN), form_text(f, F_URN)))
        form_error(f, F_TO_URN, "Select another school: the pupil is moving from this one");
}

/* The check page: what will be recorded; for an exit, the registration it ends. */
static void show_check(form *f, web_response *res, const or_pupil_facts *pf, const or_model *m,
                       void *ctx)
{
    const movement_page *p = ctx;
    const or_movement *mv = p->mv;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    int urn = atoi(form_text(f, F_URN));
    form_check_start(out, f, or_arena_printf(req->arena, "Check the %s before saving", mv->words),
                     caption(req, p->upn), false);
    gov_summary_start(out);
    gov_summary_row(out, "Movement", mv->label);
    gov_summary_row(out, "School", school_name(m, urn));
    form_summary_row(out, f, F_START);
    if (*form_text(f, F_TO_URN))
        gov_summary_row(out, mv->exit ? "Moves to" : "Attends",
                        school_name(m, atoi(form_text(f, F_TO_URN))));
    form_summary_row(out, f, F_PROVIDER);
    form_summary_row(out, f, F_END);
    form_summary_row(out, f, F_NOTES);
    gov_summary_end(out);

    char name[300], day[24];
    web_pupil_name(req, p->upn, name, sizeof name);
    const char *who = name[0] ? name : "The pupil";
    or_date last = OR_DATE_NONE;
    or_date_parse(form_text(f, F_START), &last);
    if (mv->exit) {
        /* the importer has ended them, in this transaction: the facts say which */
        int ended = 0;
        for (int i = 0; pf && i < pf->nenrols; i++)
            ended += pf->enrols[i].urn == urn && pf->enrols[i].end == last;
        if (ended)
            gov_warning(out, or_arena_printf(req->arena,
                                             "Saving this ends %s's registration at %s on %s. "
                                             "The local authority sees it at once.",
                                             who, school_name(m, urn), view_date(last, day)));
        else
            gov_warning(out, or_arena_printf(req->arena,
                                             "%s is not on the roll of %s on %s, so no "
                                             "registration ends.",
                                             who, school_name(m, urn), view_date(last, day)));
    } else {
        html_printf(out, "<p class=\"govuk-body\">%s stays on the roll of %s during the %s.</p>\n",
                    who, school_name(m, urn), mv->words);
    }
    form_check_end(out, f, movement_path(req, p->upn),
                   or_arena_printf(req->arena, "Save the %s", mv->words));
}

static bool row(form *f, const char **cells, const char **detail, void *ctx)
{
    const movement_page *p = ctx;
    const web_request *req = f->req;
    const char *id = form_text(f, F_EVENT_ID), *urn = form_text(f, F_URN);
    const char *start = form_text(f, F_START), *to = form_text(f, F_TO_URN);
    web_event_cells(req, cells, id, p->upn, urn, p->mv->type, start);
    form_cells(f, cells);
    *detail = or_arena_printf(req->arena, "recorded %s %s at school %s on %s%s%s", p->mv->type, id,
                              urn, start, *to ? " to school " : "", to);
    return true;
}

void page_movement(const web_request *req, web_response *res)
{
    movement_page p;
    prepare(req, &p);
    if (!p.mv) {
        choose(req, res, p.upn, false);
        return;
    }
    show_form(&p.f, res, &p);
}

void page_movement_post(const web_request *req, web_response *res)
{
    movement_page p;
    prepare(req, &p);
    if (!strcmp(web_form(req, "action"), "choose") || !p.mv) {
        choose(req, res, p.upn, true);
        return;
    }
    form_flow fl = {
        .upn = p.upn,
        .source = or_arena_printf(req->arena, "form /pupils/%s/movements/new", p.upn),
        .done = or_arena_printf(req->arena, "/pupils/%s?movement=%s&last=%s", p.upn, p.mv->type,
                                form_text(&p.f, F_START)),
        .facts = true,
        .validate = validate,
        .row = row,
        .show_form = show_form,
        .show_check = show_check,
    };
    form_post(&p.f, res, &fl, &p);
}

void page_movement_banner(const web_request *req, or_sb *out)
{
    const or_movement *mv = or_movement_find(web_query(req, "movement"));
    or_date last = OR_DATE_NONE;
    char day[24];
    if (mv && mv->exit && or_date_parse(web_query(req, "last"), &last))
        gov_notification(out, "Success",
                         or_arena_printf(req->arena,
                                         "%s recorded. The pupil's registration at the school "
                                         "ended on %s.",
                                         mv->label, view_date(last, day)),
                         true);
    else if (mv)
        gov_notification(out, "Success", or_arena_printf(req->arena, "%s recorded.", mv->label),
                         true);
}
