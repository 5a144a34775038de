/* page_workshop_people.c - the facilitator adds a participant to a workshop (workshop_web.h):
 *
 *   GET, POST /workshops/{id}/participants/new   a form of the form engine: someone with an
 *        onroll account (their email), or a guest without one. A guest's one-time link is made
 *        with a random token (libsodium), shown once on the page that answers the POST (only
 *        its hash is kept), and opens only this workshop (page_workshop_join.c). */
#include <string.h>

#include "onroll/store_users.h"
#include "web/form.h"
#include "web/workshop_web.h"

static const gov_choice kinds[] = {
    {"account", "Someone with an onroll account", NULL},
    {"guest", "A guest without an account",
     "For example a pupil, a parent or a partner. They get a link that works once and opens only "
     "this workshop"},
};
static const gov_choice consent_choices[] = {
    {"yes", "They agree to their name appearing in the workshop's report",
     "Otherwise the report shows only their role. A guest is asked when they join"},
};

enum { A_KIND, A_EMAIL, A_NAME, A_ROLE, A_ORG, A_SECTOR, A_CONSENT, A__N };
static const form_field fields[A__N] = {
    [A_KIND] = {"kind", "Who are you adding?", NULL, FORM_RADIOS, FORM_REQUIRED,
                .missing = "Select who you are adding", .choices = kinds, .nchoices = 2},
    [A_EMAIL] = {"email", "Their onroll email address (if they have an account)", NULL, FORM_TEXT,
                 0, .noun = "email address", .max = 254, .width = "govuk-input--width-30"},
    [A_NAME] = {"name", "Name", "As the workshop will show it", FORM_TEXT, FORM_REQUIRED,
                .noun = "name", .max = 100, .width = "govuk-input--width-20"},
    [A_ROLE] = {"role", "Role", "For example Headteacher, SENCO, Year 9 pupil, Parent", FORM_TEXT,
                FORM_REQUIRED, .noun = "role", .max = 100, .width = "govuk-input--width-20"},
    [A_ORG] = {"organisation", "Organisation (optional)", NULL, FORM_TEXT, 0,
               .noun = "organisation", .max = 200, .width = "govuk-input--width-20"},
    [A_SECTOR] = {"sector", "Sector", NULL, FORM_SELECT, FORM_REQUIRED,
                  .missing = "Select their sector"},
    [A_CONSENT] = {"consent", "Their name in the report", NULL, FORM_CHECKBOXES, 0,
                   .choices = consent_choices, .nchoices = 1},
};

static void people_form(form *f, const web_request *req)
{
    form_init(f, req, fields, A__N);
    int k = 0;
    while (or_ws_sectors[k].code)
        k++;
    gov_choice *c = or_arena_alloc(req->arena, sizeof *c * (size_t)(k + 1));
    c[0] = (gov_choice){"", "Select a sector", NULL};
    for (int i = 0; i < k; i++)
        c[i + 1] = (gov_choice){or_ws_sectors[i].code, or_ws_sectors[i].label, NULL};
    f->fields[A_SECTOR].choices = c;
    f->fields[A_SECTOR].nchoices = k + 1;
    form_read(f);
}

static void show(form *f, web_response *res, const ws_ctx *w)
{
    const web_request *req = f->req;
    or_sb *out = &res->body;
    const char *back = or_arena_printf(req->arena, "/workshops/%lld", (long long)w->id);
    form_page_start(out, f, "Add a participant", back, "Back to the workshop", w->title);
    form_start(out, f,
               or_arena_printf(req->arena, "/workshops/%lld/participants/new", (long long)w->id));
    form_fields_html(out, f, 0, f->n);
    form_page_end(out, f, res, "Add the participant", NULL);
}

static bool facilitator_only(const web_request *req, web_response *res, ws_ctx *w)
{
    if (!ws_open_path(req, res, w))
        return false;
    if (w->facilitator)
        return true;
    web_audit(req, "denied", NULL, "a workshop's participants by someone who does not run it");
    web_error(req, res, 403, "You do not have access to this page",
              "Only the workshop's facilitator adds participants.");
    return false;
}

void page_workshop_people_new(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!facilitator_only(req, res, &w))
        return;
    form f;
    people_form(&f, req);
    show(&f, res, &w);
}

void page_workshop_people_new_post(const web_request *req, web_response *res)
{
    ws_ctx w;
    if (!facilitator_only(req, res, &w))
        return;
    form f;
    people_form(&f, req);
    form_validate(&f);
    bool guest = !strcmp(form_text(&f, A_KIND), "guest");
    const char *email = form_text(&f, A_EMAIL);
    or_user u;
    bool found = false;
    or_error err = {0};
    if (!guest && !form_error_of(&f, A_KIND) && !form_error_of(&f, A_EMAIL)) {
        if (!*email)
            form_error(&f, A_EMAIL, "Enter their onroll email address");
        else if (or_user_find(req->store, email, &u, &found, &err) || !found || u.disabled)
            form_error(&f, A_EMAIL,
                       "There is no onroll account with this email address: add "
                       "them as a guest instead");
        else {
            int64_t pid = 0;
            if (!or_ws_participant_of(req->store, w.id, u.email, &pid, &err) && pid)
                form_error(&f, A_EMAIL, "They are a participant already");
        }
    }
    if (f.nerrors) {
        form_errors_in_order(&f);
        show(&f, res, &w);
        return;
    }
    or_ws_participant p = {0};
    p.workshop = w.id;
    p.email = guest ? "" : u.email;
    p.name = form_text(&f, A_NAME);
    p.role = form_text(&f, A_ROLE);
    p.organisation = form_text(&f, A_ORG);
    p.sector = form_text(&f, A_SECTOR);
    p.name_consent = !strcmp(form_text(&f, A_CONSENT), "yes");
    char token[OR_TOKEN_LEN + 1] = "";
    int64_t pid = 0;
    or_code rc = or_store_begin(req->store, &err);
    if (!rc)
        rc = or_ws_participant_add(req->store, &p, w.who, guest ? token : NULL, &pid, &err);
    if (!rc)
        rc = web_audit(req, "change", NULL,
                       or_arena_printf(req->arena, "workshop %lld: participant %lld added (%s%s)",
                                       (long long)w.id, (long long)pid,
                                       guest ? "guest, one-time link made" : "account ",
                                       guest ? "" : p.email))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The participant could not be added. Nothing was changed.");
        return;
    }
    ws_changed(req, w.id);
    if (!guest) {
        web_redirect(
            req, res,
            or_arena_printf(req->arena, "/workshops/%lld?saved=1#participants", (long long)w.id));
        return;
    }
    /* the link, shown this once */
    or_sb *out = &res->body;
    gov_page_start(out, req, "Guest link made");
    html_printf(out,
                "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n"
                "<span class=\"govuk-caption-l\">%s</span>\n"
                "<h1 class=\"govuk-heading-l\">Send %s this link</h1>\n",
                w.title, p.name);
    html_raw(out, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
                  "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">"
                  "<span class=\"govuk-visually-hidden\">Warning</span>This is the only time "
                  "onroll shows the link. It works once, in one browser, and opens only this "
                  "workshop.</strong></div>\n");
    html_printf(out,
                "<p class=\"govuk-body onroll-ws-link\"><a class=\"govuk-link\" "
                "id=\"guest-link\" href=\"/workshops/join/%t\">/workshops/join/%s</a></p>\n"
                "<p class=\"govuk-body\">Copy the link (right-click it, then copy the link's "
                "address) and send it to them. If it is lost, add them again for a new one.</p>\n"
                "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/workshops/%lld#"
                "participants\">Back to the workshop</a></p>\n</div></div>\n",
                token, token, (long long)w.id);
    gov_page_end(out, req);
}
