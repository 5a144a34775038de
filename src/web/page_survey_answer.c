/* page_survey_answer.c - GET and POST /s/{token}: a pupil or parent answers a survey through
 * their link, without an account (issue 18 part 4; surveys.h, docs/surveys.md).
 *
 * The token is the only credential: random (libsodium), stored only as its hash, looked up by
 * the hash (or_survey_respondent_by_token: the database's unique index, never the token). It
 * names a respondent (a random pseudonym, no name, no pupil) of one survey, and the survey's
 * wave open today is the one answered, once: a second attempt is told "You have already
 * answered this survey. Thank you." and nothing is stored (the store's UNIQUE (wave,
 * respondent) refuses a second even in a race). An unknown link and a closed survey each get a
 * plain page that says only that.
 *
 * What these pages never do: need or show a session (a signed-in browser gets the same page,
 * without the service's navigation or the user's name), say anything about a child, link to
 * any other page of the service, or write the token anywhere (the route is WEB_F_SECRET_PATH:
 * the audit log gets the route's pattern; the audit line of an answer names the survey and
 * wave, not the respondent). Looking up links is throttled per address (the sign-in back-off,
 * store_signin.h): links that are not found count, found ones are given back.
 *
 * The form is the form engine's (form.h): one GOV.UK radios fieldset per scale item (its legend
 * the item's words, verbatim), a number or a text box for the others, all optional; the CSRF
 * token is the pre-sign-in cookie's (double submit, as page_notice.c) and a second field ties
 * the form to the link: the keyed hash of the link's token under the CSRF token. The answers
 * and the audit line are one transaction. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "onroll/store_signin.h"
#include "onroll/surveys.h"
#include "web/form.h"
#include "web/survey_results_web.h"

#define LINK_KEY_FIELD "link_key"

typedef struct {
    or_survey_respondent r;
    or_survey s;
    or_survey_def def;
    or_survey_wave wave;
} link_ctx;

/* ---- the page's own frame: no navigation, no session, nothing of the service ---- */

static void frame_start(or_sb *out, const web_request *req, const char *title)
{
    const char *v = req->cfg ? req->cfg->asset_version : "";
    html_raw(out, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
                  "<meta charset=\"utf-8\">\n<title>");
    html_text(out, title);
    html_raw(out, "</title>\n<meta name=\"viewport\" content=\"width=device-width, "
                  "initial-scale=1, viewport-fit=cover\">\n"
                  "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
                  "<meta name=\"referrer\" content=\"no-referrer\">\n");
    html_printf(out,
                "<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css?v=%t\">\n"
                "<link rel=\"stylesheet\" href=\"/assets/onroll/app.css?v=%t\">\n"
                "<link rel=\"stylesheet\" href=\"/assets/onroll/forms.css?v=%t\">\n"
                "<script type=\"module\" src=\"/assets/onroll/init.mjs?v=%t\"></script>\n",
                v, v, v, v);
    html_raw(out, "</head>\n<body class=\"govuk-template__body\">\n"
                  "<a href=\"#main-content\" class=\"govuk-skip-link\" "
                  "data-module=\"govuk-skip-link\">Skip to main content</a>\n"
                  "<header class=\"govuk-template__header\">\n"
                  "<div class=\"govuk-generic-header\">\n"
                  "<div class=\"govuk-generic-header__container govuk-width-container\">\n"
                  "<div class=\"govuk-generic-header__logo\">"
                  "<span class=\"govuk-generic-header__homepage-link\">School survey</span>"
                  "</div>\n</div>\n</div>\n</header>\n"
                  "<div class=\"govuk-width-container\">\n"
                  "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n"
                  "<div class=\"govuk-grid-row\">\n"
                  "<div class=\"govuk-grid-column-two-thirds\">\n");
}

static void frame_end(or_sb *out)
{
    html_raw(out, "</div>\n</div>\n</main>\n</div>\n<footer class=\"govuk-footer\">\n"
                  "<div class=\"govuk-width-container\">\n<div class=\"govuk-footer__meta\">\n"
                  "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">\n"
                  "<p class=\"govuk-body-s\">Your answers do not have your name on them.</p>\n"
                  "</div>\n</div>\n</div>\n</footer>\n</body>\n</html>\n");
}

/* A page of a heading and one or two sentences. */
static void plain(const web_request *req, web_response *res, int status, const char *title,
                  const char *text, const char *more)
{
    res->status = status;
    or_sb_reset(&res->body);
    frame_start(&res->body, req, title);
    html_printf(&res->body,
                "<h1 class=\"govuk-heading-l\">%s</h1>\n<p class=\"govuk-body\">%s</p>\n", title,
                text);
    if (more)
        html_printf(&res->body, "<p class=\"govuk-body\">%s</p>\n", more);
    frame_end(&res->body);
}

static void trouble(const web_request *req, web_response *res)
{
    plain(req, res, 500, "Sorry, there is a problem", "Your answers could not be read or saved.",
          "Try again later.");
}

/* ---- the link ---- */

/* Look the link up, throttled per address. 1: found, with an open wave not yet answered, in *x;
 * 0: the page is written (not recognised, closed, answered, too many tries, a problem). */
static int resolve(const web_request *req, web_response *res, link_ctx *x)
{
    memset(x, 0, sizeof *x);
    or_error err = {0};
    char subject[96];
    snprintf(subject, sizeof subject, "survey-link:%.80s", req->remote ? req->remote : "");
    const or_backoff b = {.free = 20, .first = 1, .cap = 60, .forget = 900};
    bool allowed = false, found = false;
    int64_t wait = 0;
    if (or_login_claim(req->store, subject, &b, req->now, &allowed, &wait, &err)) {
        trouble(req, res);
        return 0;
    }
    if (!allowed) {
        plain(req, res, 429, "Please wait", "There have been too many tries from this device.",
              "Wait a minute, then open your link again.");
        return 0;
    }
    if (or_survey_respondent_by_token(req->store, web_path(req, "token"), req->arena, &x->r, &found,
                                      &err)) {
        trouble(req, res);
        return 0;
    }
    if (!found) {
        plain(req, res, 404, "This link is not recognised",
              "Check that you typed or copied the whole link.",
              "If it still does not work, ask the person who gave it to you.");
        return 0;
    }
    or_login_release(req->store, subject, &b, &err); /* a real link costs nothing */
    bool sfound = false;
    if (or_survey_get(req->store, x->r.survey_id, req->arena, &x->s, &sfound, &err) || !sfound ||
        or_survey_from_json(x->s.definition, req->arena, &x->def, &err)) {
        trouble(req, res);
        return 0;
    }
    or_survey_wave *waves = NULL;
    int nw = 0;
    if (or_survey_waves(req->store, x->s.id, req->arena, &waves, &nw, &err)) {
        trouble(req, res);
        return 0;
    }
    or_date today = web_today(req);
    int open = -1;
    for (int i = 0; i < nw; i++)
        if (waves[i].opens_on <= today && today <= waves[i].closes_on)
            open = i; /* the latest that is open */
    if (open < 0) {
        plain(req, res, 410, "This survey is closed", "You cannot answer it now.",
              "Thank you for opening your link.");
        return 0;
    }
    x->wave = waves[open];
    bool done = false;
    if (or_survey_submitted(req->store, x->wave.id, x->r.id, &done, &err)) {
        trouble(req, res);
        return 0;
    }
    if (done) {
        plain(req, res, 200, "Already answered",
              "You have already answered this survey. Thank you.", NULL);
        return 0;
    }
    return 1;
}

/* The key that ties the form to its link: the keyed hash (BLAKE2b) of the link's token under
 * the form's CSRF token, as hex. "" when there is no CSRF token. */
static const char *link_key(const web_request *req, const char *csrf)
{
    const char *token = web_path(req, "token");
    if (!csrf || strlen(csrf) < crypto_generichash_KEYBYTES_MIN)
        return "";
    unsigned char h[16];
    size_t klen = strlen(csrf);
    if (klen > crypto_generichash_KEYBYTES_MAX)
        klen = crypto_generichash_KEYBYTES_MAX;
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token),
                       (const unsigned char *)csrf, klen);
    char *hex = or_arena_alloc(req->arena, sizeof h * 2 + 1);
    sodium_bin2hex(hex, sizeof h * 2 + 1, h, sizeof h);
    return hex;
}

/* ---- the form ---- */

enum { F_LINK_KEY, F__FIXED };
static const form_field fixed_fields[F__FIXED] = {
    [F_LINK_KEY] = {LINK_KEY_FIELD, .type = FORM_HIDDEN},
};

/* The form of the survey's items, after F__FIXED, in the definition's order (req: the request
 * as the page is written, never signed in, with a form token). */
static void build(form *f, const web_request *req, const link_ctx *x)
{
    form_init(f, req, fixed_fields, F__FIXED);
    for (int d = 0; d < x->def.ndomains; d++) {
        const or_survey_domain *dm = &x->def.domains[d];
        for (int j = 0; j < dm->nitems; j++) {
            const or_survey_item *it = &dm->items[j];
            form_field fd = {0};
            fd.name = or_arena_printf(req->arena, "a-%s", it->key);
            fd.label = it->text;
            fd.group = j == 0 && *dm->title ? dm->title : NULL;
            if (it->type == OR_SQ_SCALE) {
                const or_survey_scale *sc = or_survey_scale_find(&x->def, it->scale);
                int n = sc ? sc->nlevels : 0;
                gov_choice *c = or_arena_calloc(req->arena, (size_t)n + 1, sizeof *c);
                for (int l = 0; l < n; l++)
                    c[l] = (gov_choice){sc->levels[l].label, sc->levels[l].label, NULL};
                fd.type = FORM_RADIOS;
                fd.choices = c;
                fd.nchoices = n;
                fd.missing = or_arena_printf(
                    req->arena, "%s: select one of the answers, or leave it out", it->text);
            } else if (it->type == OR_SQ_COUNT) {
                fd.type = FORM_NUMBER;
                fd.hint = "A number, for example 3";
                fd.min = 0;
                fd.max = 1000000;
                fd.width = "govuk-input--width-4";
            } else {
                fd.type = FORM_TEXTAREA;
                fd.hint = "Do not write your name or anyone else's name.";
                fd.max = 2000;
                fd.rows = 4;
            }
            form_add(f, &fd);
        }
    }
}

static void show(form *f, web_response *res, const link_ctx *x)
{
    or_sb *out = &res->body;
    or_sb_reset(out);
    const web_request *req = f->req;
    frame_start(out, req,
                f->nerrors ? or_arena_printf(req->arena, "Error: %s", x->s.title) : x->s.title);
    gov_error_summary(out, f->errors, f->nerrors);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", x->s.title);
    html_raw(out, "<p class=\"govuk-body\">Your answers do not have your name on them.</p>\n"
                  "<p class=\"govuk-body\">You can leave out any question.</p>\n"
                  "<p class=\"govuk-body\">You can send your answers once.</p>\n");
    form_start(out, f, or_arena_printf(req->arena, "/s/%s", web_path(req, "token")));
    form_fields_html(out, f, F__FIXED, f->n);
    gov_button(out, "Send my answers", false);
    gov_form_end(out);
    frame_end(out);
    res->status = f->nerrors ? 400 : 200;
}

/* The request as these pages see it: nobody signed in (the page shows no session), and a form
 * token: the session's own when signed in (server.c checks the POST against it), else the
 * pre-sign-in cookie's, set here when there is none. */
static web_request anonymous(const web_request *req, web_response *res)
{
    web_request r = *req;
    r.user = NULL;
    r.session = NULL;
    if (!r.csrf || strlen(r.csrf) != OR_TOKEN_LEN) {
        char token[OR_TOKEN_LEN + 1];
        web_random_token(token);
        r.csrf = or_arena_strdup(req->arena, token);
        web_set_cookie(req, res, WEB_PRESIGN_COOKIE, r.csrf, -1);
    }
    return r;
}

void page_survey_answer(const web_request *req, web_response *res)
{
    link_ctx x;
    web_header_add(res, "Referrer-Policy", "no-referrer");
    if (!resolve(req, res, &x))
        return;
    web_request r = anonymous(req, res);
    form f;
    build(&f, &r, &x);
    form_set(&f, F_LINK_KEY, link_key(&r, r.csrf));
    show(&f, res, &x);
}

void page_survey_answer_post(const web_request *req, web_response *res)
{
    link_ctx x;
    web_header_add(res, "Referrer-Policy", "no-referrer");
    if (!resolve(req, res, &x))
        return;
    web_request r = anonymous(req, res);
    /* the form must come from this link's page (server.c has checked the CSRF token itself) */
    if (!web_token_equal(web_form(req, LINK_KEY_FIELD), link_key(req, req->csrf))) {
        plain(req, res, 403, "Your answers were not sent",
              "The form did not come from your link's page.",
              "Open your link again and send your answers from there.");
        return;
    }
    form f;
    build(&f, &r, &x);
    form_read(&f);
    form_set(&f, F_LINK_KEY, link_key(&r, r.csrf));
    form_validate(&f);
    int n = f.n - F__FIXED, na = 0;
    const char **items = or_arena_calloc(req->arena, (size_t)n + 1, sizeof *items);
    const char **values = or_arena_calloc(req->arena, (size_t)n + 1, sizeof *values);
    for (int d = 0, i = F__FIXED; d < x.def.ndomains; d++)
        for (int j = 0; j < x.def.domains[d].nitems; j++, i++) {
            const or_survey_item *it = &x.def.domains[d].items[j];
            const char *v = form_text(&f, i);
            if (!*v || form_error_of(&f, i))
                continue;
            if (!or_survey_answer_valid(&x.def, it, v)) {
                form_error(&f, i, "This answer cannot be used: change it or leave it out");
                continue;
            }
            items[na] = it->key;
            values[na++] = v;
        }
    if (f.nerrors) {
        form_errors_in_order(&f);
        show(&f, res, &x);
        return;
    }
    or_error err = {0};
    char object[48], detail[64];
    snprintf(object, sizeof object, "survey:%lld", (long long)x.s.id);
    snprintf(detail, sizeof detail, "wave %d answered", x.wave.n);
    or_audit_entry e = {.actor = "survey respondent",
                        .role = "respondent",
                        .action = "survey.answer",
                        .object = object,
                        .remote = req->remote,
                        .detail = detail};
    or_code rc;
    if ((rc = or_store_begin(req->store, &err)) ||
        (rc = or_survey_submit(req->store, x.wave.id, x.r.id, web_today(req), items, values, na,
                               &err)) ||
        (rc = or_audit_add(req->store, &e, &err)) || (rc = or_store_commit(req->store, &err))) {
        or_store_rollback(req->store);
        if (rc == OR_EINPUT) /* answered meanwhile, from another tab: the store refused it */
            plain(req, res, 200, "Already answered",
                  "You have already answered this survey. Thank you.", NULL);
        else
            trouble(req, res);
        return;
    }
    plain(req, res, 200, "Thank you", "Your answers have been sent.",
          "You can close this page now.");
}
