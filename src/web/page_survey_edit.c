/* page_survey_edit.c - the survey builder (surveys.h): add, change and remove a survey's
 * sections (domains) and questions (items), its scales and their levels, and how a domain is
 * scored.
 *
 *   GET   /surveys/{id}/edit                    the survey with a link to change each part
 *   GET   /surveys/{id}/edit?item=KEY|new&domain=N   a question's form
 *   GET   /surveys/{id}/edit?domain=N|new       a section's title
 *   GET   /surveys/{id}/edit?scale=ID|new       a scale: its name and levels, one a line
 *                                               ("Agree = 2" gives a level its score)
 *   GET   /surveys/{id}/edit?scoring=1          the domain score
 *   POST  /surveys/{id}/edit                    what=item|domain|scale|scoring|remove-item|
 *                                               remove-domain: the whole definition saved again
 *                                               with its audit line (survey_save)
 *
 * Refused once a wave has opened (or anyone has answered): every wave asks the same questions.
 * Each form is on the form engine; the definition's own checks (or_survey_check) have the last
 * word. */
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "web/surveys_web.h"
#include "web/view.h"

/* ---- a mutable copy of the definition ---- */

typedef struct {
    or_survey_def d;
    or_survey_domain *dm; /* d.domains, writable, with room for one more */
    or_survey_scale *sc;  /* d.scales, the same */
} draft;

static void draft_of(const web_request *req, const or_survey_def *d, draft *x)
{
    x->d = *d;
    x->dm = or_arena_calloc(req->arena, (size_t)d->ndomains + 1, sizeof *x->dm);
    for (int i = 0; i < d->ndomains; i++)
        x->dm[i] = d->domains[i];
    x->sc = or_arena_calloc(req->arena, (size_t)d->nscales + 1, sizeof *x->sc);
    for (int i = 0; i < d->nscales; i++)
        x->sc[i] = d->scales[i];
    x->d.domains = x->dm;
    x->d.scales = x->sc;
}

/* Domain i's items, writable, with room for one more. */
static or_survey_item *items_of(const web_request *req, draft *x, int i)
{
    or_survey_item *it = or_arena_calloc(req->arena, (size_t)x->dm[i].nitems + 1, sizeof *it);
    for (int j = 0; j < x->dm[i].nitems; j++)
        it[j] = x->dm[i].items[j];
    x->dm[i].items = it;
    return it;
}

/* Remove item key from wherever it is; its domain's index, or -1. */
static int remove_item(const web_request *req, draft *x, const char *key, int *at)
{
    for (int i = 0; i < x->d.ndomains; i++)
        for (int j = 0; j < x->dm[i].nitems; j++)
            if (!strcmp(x->dm[i].items[j].key, key)) {
                or_survey_item *it = items_of(req, x, i);
                memmove(&it[j], &it[j + 1], sizeof *it * (size_t)(x->dm[i].nitems - j - 1));
                x->dm[i].nitems--;
                if (at)
                    *at = j;
                return i;
            }
    return -1;
}

/* ---- the forms ---- */

enum { I_WHAT, I_KEY, I_TEXT, I_DOMAIN, I_TYPE, I_SCALE, I__N };
static const gov_choice types[OR_SQ__N] = {
    {"scale", "An answer on a scale", "One of the scale's levels"},
    {"count", "A number", "A whole number, 0 or more"},
    {"text", "Free text", "Their own words"},
};
static const form_field item_fields[I__N] = {
    [I_WHAT] = {"what", .type = FORM_HIDDEN},
    [I_KEY] = {"key", .type = FORM_HIDDEN},
    [I_TEXT] = {"text", "Statement or question", "In plain words, as the person will read it",
                FORM_TEXTAREA, FORM_REQUIRED, .noun = "statement or question", .max = 1000,
                .rows = 3},
    [I_DOMAIN] = {"domain", "Section", NULL, FORM_SELECT, FORM_REQUIRED,
                  .missing = "Select the section"},
    [I_TYPE] = {"type", "How it is answered", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select how it is answered", .choices = types, .nchoices = OR_SQ__N},
    [I_SCALE] = {"scale", "Scale", "For an answer on a scale", FORM_RADIOS, 0},
};

enum { D_WHAT, D_INDEX, D_TITLE, D__N };
static const form_field domain_fields[D__N] = {
    [D_WHAT] = {"what", .type = FORM_HIDDEN},
    [D_INDEX] = {"domain", .type = FORM_HIDDEN},
    [D_TITLE] = {"title", "Title of the section", "For example, Belonging", FORM_TEXT,
                 FORM_REQUIRED, .noun = "title of the section", .max = 200},
};

enum { S_WHAT, S_ID, S_TITLE, S_LEVELS, S__N };
static const form_field scale_fields[S__N] = {
    [S_WHAT] = {"what", .type = FORM_HIDDEN},
    [S_ID] = {"scale", .type = FORM_HIDDEN},
    [S_TITLE] = {"title", "Name of the scale", "For example, Agree or disagree", FORM_TEXT,
                 FORM_REQUIRED, .noun = "name of the scale", .max = 200},
    [S_LEVELS] = {"levels", "Levels",
                  "One a line, in the order people see them. To give a level a score for the "
                  "domain score, end its line with = and the score: Strongly agree = 3",
                  FORM_TEXTAREA, 0, .max = 4000, .rows = 6},
};

enum { C_WHAT, C_METHOD, C__N };
static const gov_choice methods[OR_SCORE__N] = {
    {"none", "No domain score", NULL},
    {"mean", "The mean of the level scores",
     "Of the statements on a scale a person answered in the section"},
    {"sum", "The sum of the level scores", "Only when every statement in the section was answered"},
};
static const form_field scoring_fields[C__N] = {
    [C_WHAT] = {"what", .type = FORM_HIDDEN},
    [C_METHOD] = {"method", "How a section (domain) is scored", NULL, FORM_RADIOS, FORM_REQUIRED,
                  .missing = "Select how a section is scored", .choices = methods,
                  .nchoices = OR_SCORE__N},
};

static void item_form(form *f, const web_request *req, const survey_page *p)
{
    form_init(f, req, item_fields, I__N);
    gov_choice *dc = or_arena_alloc(req->arena, sizeof *dc * (size_t)(p->d.ndomains + 1));
    for (int i = 0; i < p->d.ndomains; i++)
        dc[i] =
            (gov_choice){or_arena_printf(req->arena, "%d", i + 1),
                         *p->d.domains[i].title ? p->d.domains[i].title
                                                : or_arena_printf(req->arena, "Section %d", i + 1),
                         NULL};
    f->fields[I_DOMAIN].choices = dc;
    f->fields[I_DOMAIN].nchoices = p->d.ndomains;
    gov_choice *sc = or_arena_alloc(req->arena, sizeof *sc * (size_t)(p->d.nscales + 1));
    for (int i = 0; i < p->d.nscales; i++)
        sc[i] = (gov_choice){p->d.scales[i].id, p->d.scales[i].title, NULL};
    f->fields[I_SCALE].choices = sc;
    f->fields[I_SCALE].nchoices = p->d.nscales;
    if (!p->d.nscales)
        form_off(f, I_SCALE);
}

/* The levels as lines ("Agree = 2"). */
static const char *levels_text(const web_request *req, const or_survey_scale *sc)
{
    const char *t = "";
    for (int l = 0; sc && l < sc->nlevels; l++)
        t = sc->levels[l].scored ? or_arena_printf(req->arena, "%s%s = %d\n", t,
                                                   sc->levels[l].label, sc->levels[l].score)
                                 : or_arena_printf(req->arena, "%s%s\n", t, sc->levels[l].label);
    return t;
}

/* The levels in a sentence ("Yes = 2; No = 0"). */
static const char *levels_words(const web_request *req, const or_survey_scale *sc)
{
    const char *t = "";
    for (int l = 0; sc && l < sc->nlevels; l++)
        t = sc->levels[l].scored
                ? or_arena_printf(req->arena, "%s%s%s = %d", t, l ? "; " : "", sc->levels[l].label,
                                  sc->levels[l].score)
                : or_arena_printf(req->arena, "%s%s%s", t, l ? "; " : "", sc->levels[l].label);
    return t;
}

/* Read the levels' lines: OR_OK, or OR_EINPUT naming the line and what is wrong. */
static or_code parse_levels(const web_request *req, const char *text, or_survey_scale *sc,
                            or_error *err)
{
    int cap = 1;
    for (const char *c = text; *c; c++)
        cap += *c == '\n';
    or_survey_level *lv = or_arena_calloc(req->arena, (size_t)cap, sizeof *lv);
    int n = 0, line = 0;
    const char *s = text;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        line++;
        char *ln = or_arena_strndup(req->arena, s, len);
        s = e ? e + 1 : s + len;
        while (*ln == ' ' || *ln == '\t')
            ln++;
        size_t k = strlen(ln);
        while (k && (ln[k - 1] == ' ' || ln[k - 1] == '\r' || ln[k - 1] == '\t'))
            ln[--k] = '\0';
        if (!k)
            continue;
        char *eq = strrchr(ln, '=');
        or_survey_level v = {ln, false, 0};
        if (eq) {
            char *end = NULL;
            long score = strtol(eq + 1, &end, 10);
            while (end && *end == ' ')
                end++;
            if (eq[1] == '\0' || !end || *end || score < -1000 || score > 1000)
                return or_fail(err, OR_EINPUT,
                               "Line %d (\"%s\"): after = give a whole number from -1000 to 1000",
                               line, ln);
            *eq = '\0';
            for (char *t = eq - 1; t >= ln && *t == ' '; t--)
                *t = '\0';
            if (!*ln)
                return or_fail(err, OR_EINPUT, "Line %d: the level has no words before =", line);
            v.scored = true;
            v.score = (int)score;
        }
        lv[n++] = v;
    }
    sc->levels = lv;
    sc->nlevels = n;
    return OR_OK;
}

static const char *domain_name(const web_request *req, const or_survey_def *d, int i)
{
    return *d->domains[i].title ? d->domains[i].title
                                : or_arena_printf(req->arena, "Section %d", i + 1);
}

/* ---- the pages ---- */

static bool frozen_page(const web_request *req, web_response *res, const survey_page *p)
{
    bool frozen = false;
    or_error err = {0};
    if (or_survey_frozen(req->store, p->s.id, web_today(req), &frozen, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The survey's waves could not be read.");
        return true;
    }
    if (frozen)
        web_error(req, res, 409, "The questions can no longer change",
                  "A wave of this survey has opened: every wave asks the same questions. Start "
                  "a new survey to ask different ones.");
    return frozen;
}

static void overview(const web_request *req, web_response *res, const survey_page *p)
{
    or_sb *out = &res->body;
    const char *edit = or_arena_printf(req->arena, "%s/edit", p->path);
    gov_page_start(out, req, or_arena_printf(req->arena, "Change the questions: %s", p->s.title));
    html_printf(out,
                "<a href=\"/surveys/%lld\" class=\"govuk-back-link\">Back to the survey</a>\n"
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">Change the questions</h1>\n",
                (long long)p->s.id, p->s.title);
    if (*web_query(req, "saved"))
        gov_notification(out, "Success", "Your change was saved.", true);
    html_raw(out, "<p class=\"govuk-body\">You can change the questions until the first wave "
                  "opens. After that every wave asks the same ones, so that answers can be "
                  "compared.</p>\n<h2 class=\"govuk-heading-m\">Scales</h2>\n"
                  "<dl class=\"govuk-summary-list\">\n");
    for (int i = 0; i < p->d.nscales; i++) {
        const or_survey_scale *sc = &p->d.scales[i];
        const char *lv = levels_words(req, sc);
        html_printf(out,
                    "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">"
                    "%s</dt><dd class=\"govuk-summary-list__value\">%s</dd>"
                    "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
                    "href=\"/surveys/%lld/edit?scale=%t\">Change<span "
                    "class=\"govuk-visually-hidden\"> the scale "
                    "%s</span></a></dd></div>\n",
                    sc->title, *lv ? lv : "Levels not set yet", (long long)p->s.id, sc->id,
                    sc->title);
    }
    html_printf(out,
                "</dl>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
                "href=\"/surveys/%lld/edit?scale=new\">Add "
                "a scale</a></p>\n<h2 class=\"govuk-heading-m\">Domain score</h2>\n"
                "<p class=\"govuk-body\">%s. <a class=\"govuk-link\" "
                "href=\"/surveys/%lld/edit?scoring=1\">Change"
                "<span class=\"govuk-visually-hidden\"> the domain score</span></a></p>\n",
                (long long)p->s.id, methods[p->d.scoring].label, (long long)p->s.id);
    if (*p->d.scoring_note)
        html_printf(out, "<div class=\"govuk-inset-text\">%s</div>\n", p->d.scoring_note);
    for (int i = 0; i < p->d.ndomains; i++) {
        const or_survey_domain *dm = &p->d.domains[i];
        html_printf(out,
                    "<h2 class=\"govuk-heading-m\">%s</h2>\n<p class=\"govuk-body\">"
                    "<a class=\"govuk-link\" href=\"/surveys/%lld/edit?domain=%d\">Change the title"
                    "<span class=\"govuk-visually-hidden\"> of %s</span></a></p>\n",
                    domain_name(req, &p->d, i), (long long)p->s.id, i + 1,
                    domain_name(req, &p->d, i));
        if (*dm->note)
            html_printf(out, "<p class=\"govuk-body-s\">%s</p>\n", dm->note);
        html_raw(out, "<dl class=\"govuk-summary-list\">\n");
        for (int j = 0; j < dm->nitems; j++) {
            const or_survey_item *it = &dm->items[j];
            const or_survey_scale *sc =
                it->type == OR_SQ_SCALE ? or_survey_scale_find(&p->d, it->scale) : NULL;
            html_printf(
                out,
                "<div class=\"govuk-summary-list__row\"><dt "
                "class=\"govuk-summary-list__key\">Question %d</dt><dd "
                "class=\"govuk-summary-list__value\">%s<br><span class=\"govuk-hint "
                "govuk-!-font-size-16 govuk-!-margin-bottom-0\">%s</span></dd><dd "
                "class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" "
                "href=\"/surveys/%lld/edit?item=%t\">Change<span class=\"govuk-visually-hidden\"> "
                "question %d of %s</span></a>",
                j + 1, it->text, sc ? sc->title : or_sq_type_names[it->type], (long long)p->s.id,
                it->key, j + 1, domain_name(req, &p->d, i));
            gov_form_start(out, req, "post", edit);
            gov_hidden(out, "what", "remove-item");
            gov_hidden(out, "key", it->key);
            html_printf(out,
                        "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
                        "govuk-!-margin-bottom-0 govuk-!-margin-top-2 govuk-!-font-size-16\" "
                        "data-module=\"govuk-button\">"
                        "Remove<span class=\"govuk-visually-hidden\"> question %d of %s</span>"
                        "</button>",
                        j + 1, domain_name(req, &p->d, i));
            gov_form_end(out);
            html_raw(out, "</dd></div>\n");
        }
        html_printf(out,
                    "</dl>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/surveys/%lld/edit?item=new&amp;domain=%d\">Add a question<span "
                    "class=\"govuk-visually-hidden\"> to %s</span></a></p>\n",
                    (long long)p->s.id, i + 1, domain_name(req, &p->d, i));
        if (!dm->nitems && p->d.ndomains > 1) {
            gov_form_start(out, req, "post", edit);
            gov_hidden(out, "what", "remove-domain");
            gov_hidden(out, "domain", or_arena_printf(req->arena, "%d", i + 1));
            html_printf(out,
                        "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" "
                        "data-module=\"govuk-button\">Remove the section<span "
                        "class=\"govuk-visually-hidden\"> %s</span></button>",
                        domain_name(req, &p->d, i));
            gov_form_end(out);
        }
    }
    html_printf(out,
                "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                "href=\"/surveys/%lld/edit?domain=new\">Add a "
                "section</a></p>\n",
                (long long)p->s.id);
    gov_page_end(out, req);
}

static void show(form *f, web_response *res, const survey_page *p, const char *title,
                 const char *button)
{
    or_sb *out = &res->body;
    const char *edit = or_arena_printf(f->req->arena, "%s/edit", p->path);
    form_page_start(out, f, title, edit, "Back to the questions", p->s.title);
    form_start(out, f, edit);
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, button, NULL);
}

static void not_found(const web_request *req, web_response *res)
{
    web_error(req, res, 404, "Page not found", "There is no such part of this survey.");
}

/* The form of the query (or of a POST's `what`), filled from the survey on a GET. Returns
 * false when the query names nothing (the overview) or something that is not there (404). */
static bool which_form(const web_request *req, web_response *res, const survey_page *p, form *f,
                       const char **title, const char **button, bool *shown)
{
    bool post = req->method && !strcmp(req->method, "POST");
    const char *what = post ? web_form(req, "what") : "";
    const char *item = post ? "" : web_query(req, "item");
    const char *dom = post ? "" : web_query(req, "domain");
    const char *scale = post ? "" : web_query(req, "scale");
    *shown = false;
    if (!strcmp(what, "item") || *item) {
        item_form(f, req, p);
        form_read(f);
        if (!post) {
            form_set(f, I_WHAT, "item");
            int di = -1;
            const or_survey_item *it = or_survey_item_find(&p->d, item, &di);
            if (strcmp(item, "new") && !it)
                return not_found(req, res), false;
            form_set(f, I_KEY, item);
            if (it) {
                form_set(f, I_TEXT, it->text);
                form_set(f, I_DOMAIN, or_arena_printf(req->arena, "%d", di + 1));
                form_set(f, I_TYPE, or_sq_type_ids[it->type]);
                if (it->type == OR_SQ_SCALE)
                    form_set(f, I_SCALE, it->scale);
            } else {
                int n = atoi(web_query(req, "domain"));
                form_set(f, I_DOMAIN,
                         or_arena_printf(req->arena, "%d", n >= 1 && n <= p->d.ndomains ? n : 1));
                if (p->d.nscales) {
                    form_set(f, I_TYPE, "scale");
                    form_set(f, I_SCALE, p->d.scales[0].id);
                }
            }
        }
        bool add = !strcmp(form_text(f, I_KEY), "new");
        *title = add ? "Add a question" : "Change a question";
        *button = add ? "Add the question" : "Save the question";
        *shown = true;
    } else if (!strcmp(what, "domain") || *dom) {
        form_init(f, req, domain_fields, D__N);
        form_read(f);
        if (!post) {
            form_set(f, D_WHAT, "domain");
            int n = atoi(dom);
            if (strcmp(dom, "new") && (n < 1 || n > p->d.ndomains))
                return not_found(req, res), false;
            form_set(f, D_INDEX, dom);
            if (n >= 1)
                form_set(f, D_TITLE, p->d.domains[n - 1].title);
        }
        bool add = !strcmp(form_text(f, D_INDEX), "new");
        *title = add ? "Add a section" : "Change the section's title";
        *button = add ? "Add the section" : "Save the title";
        *shown = true;
    } else if (!strcmp(what, "scale") || *scale) {
        form_init(f, req, scale_fields, S__N);
        form_read(f);
        if (!post) {
            form_set(f, S_WHAT, "scale");
            const or_survey_scale *sc = or_survey_scale_find(&p->d, scale);
            if (strcmp(scale, "new") && !sc)
                return not_found(req, res), false;
            form_set(f, S_ID, scale);
            if (sc) {
                form_set(f, S_TITLE, sc->title);
                form_set(f, S_LEVELS, levels_text(req, sc));
            }
        }
        bool add = !strcmp(form_text(f, S_ID), "new");
        *title = add ? "Add a scale" : "Change a scale";
        *button = add ? "Add the scale" : "Save the scale";
        *shown = true;
    } else if (!strcmp(what, "scoring") || *web_query(req, "scoring")) {
        form_init(f, req, scoring_fields, C__N);
        form_read(f);
        if (!post) {
            form_set(f, C_WHAT, "scoring");
            form_set(f, C_METHOD, or_scoring_ids[p->d.scoring]);
        }
        *title = "Domain score";
        *button = "Save the domain score";
        *shown = true;
    }
    return true;
}

void page_survey_edit(const web_request *req, web_response *res)
{
    survey_page p;
    if (!survey_load(req, res, &p) || frozen_page(req, res, &p))
        return;
    form f;
    const char *title = NULL, *button = NULL;
    bool shown = false;
    if (!which_form(req, res, &p, &f, &title, &button, &shown))
        return;
    if (!shown) {
        overview(req, res, &p);
        return;
    }
    if (f.fields == scale_fields || f.n == S__N) {
        const char *id = form_text(&f, S_ID);
        const or_survey_scale *sc = or_survey_scale_find(&p.d, id);
        if (sc && *sc->note)
            f.fields[S_LEVELS].hint =
                or_arena_printf(req->arena, "%s %s", sc->note, f.fields[S_LEVELS].hint);
    }
    show(&f, res, &p, title, button);
}

/* Apply the posted form to the draft: OR_OK with *what said, or OR_EINPUT with the error put
 * against its field. */
static or_code apply(const web_request *req, const survey_page *p, form *f, draft *x,
                     const char **said)
{
    const char *what = web_form(req, "what");
    or_error err = {0};
    if (!strcmp(what, "item")) {
        if (!strcmp(form_text(f, I_TYPE), "scale") && !*form_text(f, I_SCALE))
            form_error(f, p->d.nscales ? I_SCALE : I_TYPE,
                       p->d.nscales ? "Select the scale"
                                    : "Add a scale first, or choose another "
                                      "way to answer");
        if (!form_validate(f))
            return OR_EINPUT;
        const char *key = form_text(f, I_KEY);
        int to = atoi(form_text(f, I_DOMAIN)) - 1, at = -1, from = -1;
        or_survey_item it = {NULL, form_text(f, I_TEXT), OR_SQ_TEXT, ""};
        for (int t = 0; t < OR_SQ__N; t++)
            if (!strcmp(form_text(f, I_TYPE), or_sq_type_ids[t]))
                it.type = (or_sq_type)t;
        if (it.type == OR_SQ_SCALE)
            it.scale = form_text(f, I_SCALE);
        if (!strcmp(key, "new")) {
            it.key = or_survey_new_key(&p->d, req->arena);
        } else {
            if (!or_survey_item_find(&p->d, key, NULL)) {
                form_error(f, I_TEXT, "This question is no longer in the survey");
                return OR_EINPUT;
            }
            it.key = key;
            from = remove_item(req, x, key, &at);
        }
        if (to < 0 || to >= x->d.ndomains)
            to = 0;
        or_survey_item *items = items_of(req, x, to);
        int pos = from == to && at >= 0 ? at : x->dm[to].nitems;
        memmove(&items[pos + 1], &items[pos], sizeof *items * (size_t)(x->dm[to].nitems - pos));
        items[pos] = it;
        x->dm[to].nitems++;
        *said =
            or_arena_printf(req->arena, "question %s %s", it.key, from < 0 ? "added" : "changed");
    } else if (!strcmp(what, "domain")) {
        if (!form_validate(f))
            return OR_EINPUT;
        const char *idx = form_text(f, D_INDEX);
        if (!strcmp(idx, "new")) {
            x->dm[x->d.ndomains++] = (or_survey_domain){form_text(f, D_TITLE), "", 0, NULL};
            *said = "section added";
        } else {
            int n = atoi(idx);
            if (n < 1 || n > x->d.ndomains)
                return form_error(f, D_TITLE, "This section is no longer in the survey"), OR_EINPUT;
            x->dm[n - 1].title = form_text(f, D_TITLE);
            *said = or_arena_printf(req->arena, "section %d renamed", n);
        }
    } else if (!strcmp(what, "scale")) {
        if (!form_validate(f))
            return OR_EINPUT;
        or_survey_scale sc = {NULL, form_text(f, S_TITLE), "", 0, NULL};
        if (parse_levels(req, form_text(f, S_LEVELS), &sc, &err))
            return form_error(f, S_LEVELS, or_arena_strdup(req->arena, err.msg)), OR_EINPUT;
        const char *id = form_text(f, S_ID);
        if (!strcmp(id, "new")) {
            int top = 0;
            for (int i = 0; i < x->d.nscales; i++)
                if (x->sc[i].id[0] == 's' && atoi(x->sc[i].id + 1) > top)
                    top = atoi(x->sc[i].id + 1);
            sc.id = or_arena_printf(req->arena, "s%d", top + 1);
            x->sc[x->d.nscales++] = sc;
            *said = or_arena_printf(req->arena, "scale %s added", sc.id);
        } else {
            int i = 0;
            while (i < x->d.nscales && strcmp(x->sc[i].id, id))
                i++;
            if (i == x->d.nscales)
                return form_error(f, S_TITLE, "This scale is no longer in the survey"), OR_EINPUT;
            sc.id = x->sc[i].id;
            sc.note = x->sc[i].note;
            x->sc[i] = sc;
            *said = or_arena_printf(req->arena, "scale %s changed", sc.id);
        }
    } else if (!strcmp(what, "scoring")) {
        if (!form_validate(f))
            return OR_EINPUT;
        for (int m = 0; m < OR_SCORE__N; m++)
            if (!strcmp(form_text(f, C_METHOD), or_scoring_ids[m]))
                x->d.scoring = (or_survey_scoring)m;
        *said = or_arena_printf(req->arena, "domain score %s", or_scoring_ids[x->d.scoring]);
    }
    return OR_OK;
}

void page_survey_edit_post(const web_request *req, web_response *res)
{
    survey_page p;
    if (!survey_load(req, res, &p) || frozen_page(req, res, &p))
        return;
    const char *what = web_form(req, "what");
    draft x;
    draft_of(req, &p.d, &x);
    const char *said = NULL;
    or_error err = {0};
    if (!strcmp(what, "remove-item") || !strcmp(what, "remove-domain")) {
        if (!strcmp(what, "remove-item")) {
            if (remove_item(req, &x, web_form(req, "key"), NULL) < 0)
                return not_found(req, res);
            said = or_arena_printf(req->arena, "question %s removed", web_form(req, "key"));
        } else {
            int n = atoi(web_form(req, "domain"));
            if (n < 1 || n > x.d.ndomains || x.dm[n - 1].nitems || x.d.ndomains < 2)
                return not_found(req, res);
            memmove(&x.dm[n - 1], &x.dm[n], sizeof *x.dm * (size_t)(x.d.ndomains - n));
            x.d.ndomains--;
            said = or_arena_printf(req->arena, "section %d removed", n);
        }
    } else {
        form f;
        const char *title = NULL, *button = NULL;
        bool shown = false;
        if (!which_form(req, res, &p, &f, &title, &button, &shown))
            return;
        if (!shown)
            return not_found(req, res);
        if (apply(req, &p, &f, &x, &said) == OR_OK) {
            or_code rc = survey_save(req, &p, &x.d, said, &err);
            if (rc == OR_OK)
                goto done;
            if (rc != OR_EINPUT) {
                web_error(req, res, 500, "Sorry, there is a problem with the service",
                          "The change could not be saved. Nothing was changed.");
                return;
            }
            form_error(&f, f.n - 1, or_arena_strdup(req->arena, err.msg));
        }
        form_errors_in_order(&f);
        show(&f, res, &p, title, button);
        return;
    }
    or_code rc = survey_save(req, &p, &x.d, said, &err);
    if (rc == OR_EINPUT) {
        web_error(req, res, 400, "The change could not be made", err.msg);
        return;
    }
    if (rc) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The change could not be saved. Nothing was changed.");
        return;
    }
done:
    web_redirect(req, res, or_arena_printf(req->arena, "%s/edit?saved=1", p.path));
}
