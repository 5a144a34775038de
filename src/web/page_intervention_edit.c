/* page_intervention_edit.c - GET and POST /interventions/{id}/edit and /interventions/new : the
 * LA edits an entry of the interventions directory, or adds one.
 *
 * One form for both: name, what it is for, provider (a service, never a person), level of need,
 * phases, needs, how to access it, cost (and what is known of it), evidence, the guide's
 * section, whether it is still offered. POST checks it (or_iv_check: the GOV.UK error summary,
 * each error against its field, what was typed kept) and saves it with its line in the audit
 * log in one transaction (or_iv_save: no log line, no change; the line says what changed, old
 * and new); then to the entry's page with a banner. A new entry's id is the slug of its name
 * (made unique with -2, -3...), fixed from then on: events name it. An entry is never deleted;
 * one no longer offered is kept for the records that name it ("Offered: No").
 *
 * Who: the LA administrator and LA officers (routes.c); CSRF checked by server.c. */
#include <stdio.h>
#include <string.h>

#include "onroll/store_interventions.h"
#include "web/interventions_view.h"

typedef struct {
    const char *name, *description, *provider, *level, *how_to_access, *cost, *cost_text, *evidence,
        *guide_section, *active;
    unsigned phases, needs;
} typed;

typedef struct {
    gov_error items[16];
    int n;
} errors;

static void add_error(errors *e, const char *field, const char *msg)
{
    if (e->n < (int)(sizeof e->items / sizeof e->items[0]))
        e->items[e->n++] = (gov_error){field, msg};
}

/* Line breaks as "\n" (browsers send "\r\n"), leading and trailing spaces dropped. */
static const char *tidy(or_arena *a, const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    char *out = or_arena_strdup(a, s), *o = out;
    for (const char *p = s; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n'))
            *o++ = *p == '\r' ? '\n' : *p;
    while (o > out && (o[-1] == ' ' || o[-1] == '\t' || o[-1] == '\n'))
        o--;
    *o = '\0';
    return out;
}

static unsigned form_set(const web_request *req, const char *name, const or_iv_term *terms, int n)
{
    unsigned set = 0;
    for (int i = 0; i < req->form.n; i++)
        if (!strcmp(req->form.items[i].name, name)) {
            int t = or_iv_find(terms, n, req->form.items[i].value);
            if (t >= 0)
                set |= 1u << t;
        }
    return set;
}

static void read_form(const web_request *req, typed *t)
{
    or_arena *a = req->arena;
    t->name = tidy(a, web_form(req, "name"));
    t->description = tidy(a, web_form(req, "description"));
    t->provider = tidy(a, web_form(req, "provider"));
    t->level = web_form(req, "level");
    t->how_to_access = tidy(a, web_form(req, "how_to_access"));
    t->cost = web_form(req, "cost");
    t->cost_text = tidy(a, web_form(req, "cost_text"));
    t->evidence = tidy(a, web_form(req, "evidence"));
    t->guide_section = tidy(a, web_form(req, "guide_section"));
    t->active = web_form(req, "active");
    t->phases = form_set(req, "phases", or_iv_phases, OR_IV_PHASE__N);
    t->needs = form_set(req, "needs", or_iv_needs, OR_IV_NEED__N);
}

static void from_entry(const or_intervention *e, typed *t)
{
    t->name = e->name;
    t->description = e->description;
    t->provider = e->provider;
    t->level = or_iv_levels[e->level].id;
    t->how_to_access = e->how_to_access;
    t->cost = or_iv_costs[e->cost].id;
    t->cost_text = e->cost_text;
    t->evidence = e->evidence;
    t->guide_section = e->guide_section;
    t->active = e->active ? "yes" : "no";
    t->phases = e->phases;
    t->needs = e->needs;
}

static void choices(const or_iv_term *terms, int n, gov_choice *out)
{
    for (int i = 0; i < n; i++)
        out[i] = (gov_choice){terms[i].id, terms[i].label, terms[i].hint};
}

static void show_form(const web_request *req, web_response *res, const char *id, const typed *t,
                      const errors *e)
{
    or_sb *out = &res->body;
    const char *title = id ? "Edit an entry of the directory" : "Add an entry to the directory";
    gov_page_start(out, req, e->n ? or_arena_printf(req->arena, "Error: %s", title) : title);
    if (id)
        html_printf(out,
                    "<a href=\"/interventions/%t\" class=\"govuk-back-link\">Back to the entry"
                    "</a>\n",
                    id);
    else
        html_raw(out, "<a href=\"/interventions\" class=\"govuk-back-link\">Back to the "
                      "directory</a>\n");
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, e->items, e->n);
    html_raw(out, "<span class=\"govuk-caption-l\">Interventions directory</span>\n");
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", title);
    if (id)
        html_printf(out,
                    "<p class=\"govuk-body\">Identifier: %s (records of pupils name it; it does "
                    "not change). Every change is written to the audit log.</p>\n",
                    id);
    gov_form_start(out, req, "post",
                   id ? or_arena_printf(req->arena, "/interventions/%s/edit", id)
                      : "/interventions/new");
#define ERR(f) gov_error_for(e->items, e->n, f)
    gov_text_input(out, "name", "Name", NULL, t->name, NULL, ERR("name"));
    gov_textarea(out, "description", "What it is for (optional)",
                 "The needs it addresses, in a sentence or two", t->description, 3,
                 ERR("description"));
    gov_text_input(out, "provider", "Provider",
                   "The service or organisation that delivers it, for example \"School\" or "
                   "\"Educational Psychology Service\". Never a person's name.",
                   t->provider, NULL, ERR("provider"));
    gov_choice levels[OR_IV_LEVEL__N], costs[OR_IV_COST__N], phases[OR_IV_PHASE__N],
        needs[OR_IV_NEED__N];
    choices(or_iv_levels, OR_IV_LEVEL__N, levels);
    choices(or_iv_costs, OR_IV_COST__N, costs);
    choices(or_iv_phases, OR_IV_PHASE__N, phases);
    choices(or_iv_needs, OR_IV_NEED__N, needs);
    gov_radios(out, "level", "Level of need", NULL, levels, OR_IV_LEVEL__N, t->level, ERR("level"),
               false);
    bool pt[OR_IV_PHASE__N], nt[OR_IV_NEED__N];
    for (int i = 0; i < OR_IV_PHASE__N; i++)
        pt[i] = (t->phases & (1u << i)) != 0;
    for (int i = 0; i < OR_IV_NEED__N; i++)
        nt[i] = (t->needs & (1u << i)) != 0;
    gov_checkboxes(out, "phases", "Phases", "Select every phase it is for", phases, OR_IV_PHASE__N,
                   pt, ERR("phases"));
    gov_checkboxes(out, "needs", "Needs", "Select every need it addresses", needs, OR_IV_NEED__N,
                   nt, ERR("needs"));
    gov_textarea(out, "how_to_access", "How to access it",
                 "Who can refer, how, and what happens next. A service's contact is the service, "
                 "not a person.",
                 t->how_to_access, 5, ERR("how_to_access"));
    gov_radios(out, "cost", "Cost", NULL, costs, OR_IV_COST__N, t->cost, ERR("cost"), true);
    gov_text_input(out, "cost_text", "About the cost (optional)",
                   "For example \"Traded service\" or \"Free to Hackney schools\"", t->cost_text,
                   NULL, ERR("cost_text"));
    gov_textarea(out, "evidence", "Evidence (optional)",
                 "What evidence there is that it works, and its source", t->evidence, 3,
                 ERR("evidence"));
    gov_text_input(out, "guide_section", "Section of the guide (optional)", NULL, t->guide_section,
                   NULL, ERR("guide_section"));
    static const gov_choice offered[] = {
        {"yes", "Yes", NULL},
        {"no", "No", "Kept for the records that name it, not offered for new ones"}};
    gov_radios(out, "active", "Is it offered?", NULL, offered, 2, t->active, ERR("active"), true);
#undef ERR
    gov_button(out, id ? "Save changes" : "Add the entry", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
    if (e->n)
        res->status = 400;
}

/* The store's message ("field: what is wrong") against the form's field, in the form's words. */
static void store_error(const web_request *req, errors *e, const char *msg)
{
    static const struct {
        const char *field, *label, *empty;
    } fields[] = {
        {"name", "name", "Enter a name"},
        {"description", "description", NULL},
        {"provider", "provider", "Enter the provider"},
        {"how_to_access", "how to access it", "Enter how to access it"},
        {"cost_text", "text about the cost", NULL},
        {"evidence", "evidence", NULL},
        {"guide_section", "section of the guide", NULL},
        {"phases", "phases", "Select at least one phase"},
        {"needs", "needs", "Select at least one need"},
        {"level", "level of need", "Select the level of need"},
        {"cost", "cost", "Select the cost"},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        size_t n = strlen(fields[i].field);
        if (strncmp(msg, fields[i].field, n) || strncmp(msg + n, ": ", 2))
            continue;
        const char *m = msg + n + 2;
        if (fields[i].empty && !strncmp(m, "is empty", 8))
            add_error(e, fields[i].field, fields[i].empty);
        else
            add_error(e, fields[i].field,
                      or_arena_printf(req->arena, "The %s %s", fields[i].label, m));
        return;
    }
    add_error(e, NULL, or_arena_strdup(req->arena, msg));
}

/* The entry as typed; errors for the choices that are not of the form's lists. */
static void to_entry(const typed *t, or_intervention *x, errors *e)
{
    int level = or_iv_find(or_iv_levels, OR_IV_LEVEL__N, t->level);
    int cost = or_iv_find(or_iv_costs, OR_IV_COST__N, t->cost);
    if (level < 0)
        add_error(e, "level", "Select the level of need");
    if (cost < 0)
        add_error(e, "cost", "Select the cost");
    if (strcmp(t->active, "yes") && strcmp(t->active, "no"))
        add_error(e, "active", "Select whether it is offered");
    x->name = t->name;
    x->description = t->description;
    x->provider = t->provider;
    x->level = level < 0 ? OR_IV_UNIVERSAL : (or_iv_level)level;
    x->how_to_access = t->how_to_access;
    x->cost = cost < 0 ? OR_IV_COST_UNKNOWN : (or_iv_cost)cost;
    x->cost_text = t->cost_text;
    x->evidence = t->evidence;
    x->guide_section = t->guide_section;
    x->active = !strcmp(t->active, "yes");
    x->phases = t->phases;
    x->needs = t->needs;
}

static or_audit_entry who(const web_request *req)
{
    return (or_audit_entry){.actor = req->user->email,
                            .user_id = req->user->id,
                            .role = or_role_name(req->user->role),
                            .object = req->path,
                            .remote = req->remote};
}

static void save(const web_request *req, web_response *res, const char *id, bool create)
{
    typed t;
    read_form(req, &t);
    errors e = {0};
    or_intervention x = {0};
    to_entry(&t, &x, &e);
    or_error err = {0};
    char slug[OR_IV_ID_MAX + 1];
    if (create) { /* the slug of the name, unique ("new" is this page's own path) */
        or_iv_slug(t.name, slug, sizeof slug);
        if (!slug[0] && *t.name)
            add_error(&e, "name", "Enter a name with at least one letter or digit");
        for (int k = 2; slug[0] && k < 100; k++) {
            bool taken = !strcmp(slug, "new");
            if (!taken && or_iv_exists(req->store, slug, &taken, &err)) {
                web_error(req, res, 500, "Sorry, there is a problem with the service",
                          "The directory could not be read. Nothing was saved.");
                return;
            }
            if (!taken)
                break;
            char base[OR_IV_ID_MAX + 1];
            or_iv_slug(t.name, base, sizeof base);
            snprintf(slug, sizeof slug, "%.52s-%d", base, k); /* 52 + 1 + 11 digits fit */
        }
        id = slug[0] ? slug : "new-entry";
        x.level_basis = OR_IV_BASIS_LA;
        x.level_note = "Set by the local authority.";
    } else {
        x.level_basis = OR_IV_BASIS_LA; /* the store keeps the old basis if the level stays */
        x.level_note = "";
    }
    x.id = id;
    const char *field = NULL;
    if (!e.n && or_iv_check(&x, &field, &err)) {
        or_error_prefix(&err, "%s: ", field);
        store_error(req, &e, err.msg);
    }
    if (e.n) {
        show_form(req, res, create ? NULL : id, &t, &e);
        return;
    }
    or_audit_entry line = who(req);
    bool changed = false;
    or_code rc = or_iv_save(req->store, &x, create, &line, &changed, &err);
    if (rc == OR_EINPUT) {
        store_error(req, &e, err.msg);
        show_form(req, res, create ? NULL : id, &t, &e);
        return;
    }
    if (rc == OR_ENOTFOUND) {
        web_error(req, res, 404, "Page not found",
                  "There is no such entry in the interventions directory.");
        return;
    }
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The entry could not be saved (or its audit line written): nothing was saved.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "/interventions/%s?saved=1", id));
}

void page_intervention_edit(const web_request *req, web_response *res)
{
    const char *id = web_path(req, "id");
    or_intervention x;
    bool found = false;
    or_error err = {0};
    if (!or_iv_id_ok(id) || or_iv_get(req->store, id, req->arena, &x, &found, &err) || !found) {
        web_error(req, res, 404, "Page not found",
                  "There is no such entry in the interventions directory.");
        return;
    }
    typed t;
    from_entry(&x, &t);
    errors e = {0};
    show_form(req, res, x.id, &t, &e);
}

void page_intervention_edit_post(const web_request *req, web_response *res)
{
    const char *id = web_path(req, "id");
    if (!or_iv_id_ok(id)) {
        web_error(req, res, 404, "Page not found",
                  "There is no such entry in the interventions directory.");
        return;
    }
    save(req, res, id, false);
}

void page_intervention_new(const web_request *req, web_response *res)
{
    typed t = {"", "", "", "", "", "unknown", "", "", "", "yes", OR_IV_ALL_PHASES, 0};
    errors e = {0};
    show_form(req, res, NULL, &t, &e);
}

void page_intervention_new_post(const web_request *req, web_response *res)
{
    save(req, res, NULL, true);
}
