/* page_settings.c - GET and POST /admin/settings (the LA administrator: the LA's name and its
 * exclusions team) and /schools/{urn}/settings (a school's head teacher, clerk to the
 * governors and address: the LA administrator for any school, a school's account for its own).
 *
 * The settings are settings.h's; the letters (letters.h) and the scrutiny report use them. Each
 * page is a form of the form engine (form.h): its fields declared below, read and checked by
 * index (each field's type, then or_setting_check: an email address, a UK telephone number,
 * lines of text), every error at once against its field. A save is one transaction: each
 * setting that changed, and one line in the audit log naming them; then back to the page with
 * a banner. An empty field clears its setting.
 *
 * A school's account at another school's page is answered 404 and logged as denied; the route
 * table keeps every other role out (routes.c). GET /settings (a school's navigation) is the way to
 * its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/store_settings.h"
#include "web/form.h"
#include "web/view.h"

/* The fields of each page, in the order of settings.h from its first. */
enum { L_NAME, L_TEAM_NAME, L_TEAM_EMAIL, L_TEAM_PHONE, L_CODE, L_REGION, L_NEIGHBOURS, L__N };
static const form_field la_fields[L__N] = {
    [L_NAME] = {"name", "Name of the local authority",
                "As letters and the scrutiny report name it. For example, Kestrel Borough "
                "Council",
                FORM_TEXT, .noun = "name of the local authority", .max = OR_SETTING_MAX},
    [L_TEAM_NAME] = {"team_name", "Name of the exclusions team",
                     "Letters tell parents to contact this team for free, impartial information. "
                     "For example, Inclusion and Exclusions Team",
                     FORM_TEXT, .noun = "name of the exclusions team", .max = OR_SETTING_MAX},
    [L_TEAM_EMAIL] = {"team_email", "Exclusions team's email address",
                      "For example, exclusions@kestrel.gov.uk", FORM_TEXT,
                      .noun = "exclusions team's email address", .max = 254},
    [L_TEAM_PHONE] = {"team_phone", "Exclusions team's telephone number",
                      "A UK number. For example, 01632 960 000", FORM_TEXT,
                      .noun = "exclusions team's telephone number", .max = 40,
                      .width = "govuk-input--width-20"},
    [L_CODE] = {"code", "The local authority's code",
                "The DfE's three-digit number for the local authority, as in its published "
                "statistics. For example, 202",
                FORM_TEXT, .noun = "local authority's code", .max = 40,
                .width = "govuk-input--width-4"},
    [L_REGION] = {"region", "The region's code",
                  "As the DfE's published statistics give it. For example, E12000007 for London",
                  FORM_TEXT, .noun = "region's code", .max = 40, .width = "govuk-input--width-10"},
    [L_NEIGHBOURS] = {"neighbours", "Statistical neighbours",
                      "The codes of the local authorities the DfE lists as this one's "
                      "statistical neighbours, separated by commas. For example, 202, 204, 206. "
                      "Reports compare the local authority with their average",
                      FORM_TEXT, .noun = "statistical neighbours' codes", .max = OR_SETTING_MAX},
};

enum { S_HEAD, S_CLERK_NAME, S_CLERK_EMAIL, S_ADDRESS, S_SEN_NOTIONAL, S_PUPIL_PREMIUM, S__N };
static const form_field school_fields[S__N] = {
    [S_HEAD] = {"head_teacher", "Head teacher's name",
                "As it is signed on letters. For example, Ms Asha Patel", FORM_TEXT,
                .noun = "head teacher's name", .max = OR_SETTING_MAX},
    [S_CLERK_NAME] = {"clerk_name", "Name of the clerk to the governors",
                      "Parents write to the clerk to make representations to the governing "
                      "board. The clerk signs the board's letters",
                      FORM_TEXT, .noun = "name of the clerk to the governors",
                      .max = OR_SETTING_MAX},
    [S_CLERK_EMAIL] = {"clerk_email", "Clerk to the governors' email address",
                       "For example, clerk@school.sch.uk", FORM_TEXT,
                       .noun = "clerk to the governors' email address", .max = 254},
    [S_ADDRESS] = {"address", "The school's address",
                   "One line for each part of the address, with the postcode on the last line. "
                   "It heads the school's letters, and parents may write to the clerk there",
                   FORM_TEXTAREA, .noun = "school's address", .max = OR_SETTING_ADDRESS_MAX,
                   .rows = 5},
    [S_SEN_NOTIONAL] = {"sen_notional", "SEN notional funding this year (£, optional)",
                        "Whole pounds, digits only. For example, 123456. The vulnerability "
                        "dashboard shows it",
                        FORM_TEXT, .noun = "SEN notional funding", .max = 10,
                        .width = "govuk-input--width-10"},
    [S_PUPIL_PREMIUM] = {"pupil_premium", "Pupil premium funding this year (£, optional)",
                         "Whole pounds, digits only. For example, 84000. The vulnerability "
                         "dashboard shows it",
                         FORM_TEXT, .noun = "pupil premium funding", .max = 10,
                         .width = "govuk-input--width-10"},
};

typedef struct {
    int urn;             /* 0: the LA's page */
    const char *school;  /* the school's name */
    or_setting_id first; /* the setting of field 0 */
    or_settings now;     /* as stored */
    form f;
} settings_page;

static const char *page_path(const web_request *req, const settings_page *p)
{
    return p->urn ? or_arena_printf(req->arena, "/schools/%d/settings", p->urn) : "/admin/settings";
}

/* The LA's page lists the schools, each linked to its settings. */
static void schools_list(or_sb *out, const web_request *req)
{
    view_snapshot *snap = NULL;
    or_error err = {0};
    if (view_snapshot_get(req, &snap, &err))
        return;
    html_raw(out, "<h2 class=\"govuk-heading-m\" id=\"schools\">Schools' settings</h2>\n"
                  "<p class=\"govuk-body\">Each school's head teacher, clerk to the governors and "
                  "address, for its letters. A school's own account can fill these in too.</p>\n");
    static const char *const heads[] = {"School", "URN"};
    gov_table_start(out, NULL, heads, 2);
    for (int i = 0; i < snap->nschools; i++) {
        const view_school *s = &snap->schools[i];
        gov_table_row_start(out);
        gov_td_link(out, or_arena_printf(req->arena, "/schools/%d/settings", s->urn),
                    s->name && *s->name ? s->name : "(no name)");
        gov_td(out, or_arena_printf(req->arena, "%d", s->urn));
        gov_table_row_end(out);
    }
    gov_table_end(out);
    view_snapshot_put(snap);
}

static void show(settings_page *p, web_response *res)
{
    form *f = &p->f;
    const web_request *req = f->req;
    or_sb *out = &res->body;
    const char *title = p->urn ? "School settings" : "Settings";
    form_errors_in_order(f);
    form_page_start(out, f, title, p->urn && web_user_school(req) == 0 ? "/admin/settings" : NULL,
                    "Back to the settings", p->urn ? p->school : "The local authority");
    if (*web_query(req, "saved"))
        gov_notification(out, "Success", "Settings saved. New letters use them.", true);
    html_printf(out, "<p class=\"govuk-body\">%s</p>\n",
                p->urn ? "Fill these in once: the school's letters use them, so that they do not "
                         "leave gaps for the head teacher's name, the clerk's name and where to "
                         "write to them."
                       : "Fill these in once: every school's letters and the scrutiny report use "
                         "them. Leave a field empty to clear it.");
    form_start(out, f, page_path(req, p));
    form_fields_html(out, f, 0, f->n);
    gov_button(out, "Save settings", false);
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    if (!p->urn)
        schools_list(out, req);
    gov_page_end(out, req);
    if (f->nerrors)
        res->status = 400;
}

/* The page's settings: its school's (a school's page), the user allowed, the stored values.
 * false when the request has been answered. */
static bool prepare(const web_request *req, web_response *res, settings_page *p, bool school)
{
    memset(p, 0, sizeof *p);
    if (school) {
        const char *u = web_path(req, "urn");
        char *end = NULL;
        long urn = strtol(u, &end, 10);
        int mine = web_user_school(req);
        if (*end || urn < 100000 || urn > 999999) {
            web_error(req, res, 404, "Page not found", "There is no school with that URN.");
            return false;
        }
        if (req->user->role == OR_ROLE_SCHOOL && urn != mine) {
            web_audit(req, "denied", NULL, "another school's settings");
            web_error(req, res, 404, "Page not found",
                      "There is no such school (a school sees its own settings only).");
            return false;
        }
        view_snapshot *snap = NULL;
        or_error err = {0};
        if (view_snapshot_get(req, &snap, &err)) {
            web_error(req, res, 500, "Sorry, there is a problem with the service",
                      "The schools could not be read.");
            return false;
        }
        const view_school *s = view_find_school(snap, (int)urn);
        p->school = s ? or_arena_printf(req->arena, "%s (URN %ld)", s->name, urn) : NULL;
        view_snapshot_put(snap);
        if (!p->school) {
            web_error(req, res, 404, "Page not found", "There is no school with that URN.");
            return false;
        }
        p->urn = (int)urn;
        p->first = OR_SET_SCHOOL_FIRST;
        form_init(&p->f, req, school_fields, S__N);
    } else {
        p->first = OR_SET_LA_NAME;
        form_init(&p->f, req, la_fields, L__N);
    }
    or_error err = {0};
    if (or_settings_load(req->store, p->urn, req->arena, &p->now, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The settings could not be read.");
        return false;
    }
    return true;
}

static void get_page(const web_request *req, web_response *res, bool school)
{
    settings_page p;
    if (!prepare(req, res, &p, school))
        return;
    for (int i = 0; i < p.f.n; i++) {
        const char *v = p.now.v[p.first + i];
        form_set(&p.f, i, v ? v : "");
    }
    show(&p, res);
}

/* The GOV.UK words for a value settings.h refuses. */
static const char *refusal(const web_request *req, const form *f, int i, or_setting_id id,
                           const char *msg)
{
    const or_setting_def *d = or_setting_def_at(id);
    if (d->type == OR_SETV_EMAIL)
        return or_arena_printf(req->arena,
                               "Enter the %s in the correct format, like name@example.gov.uk",
                               form_noun(f, i));
    if (d->type == OR_SETV_PHONE)
        return or_arena_printf(req->arena,
                               "Enter the %s as a UK telephone number, like 01632 960 000",
                               form_noun(f, i));
    const char *colon = strstr(msg, ": ");
    return or_arena_printf(req->arena, "The %s: %s", form_noun(f, i), colon ? colon + 2 : msg);
}

static void post_page(const web_request *req, web_response *res, bool school)
{
    settings_page p;
    if (!prepare(req, res, &p, school))
        return;
    form *f = &p.f;
    form_read(f);
    form_validate(f);
    for (int i = 0; i < f->n; i++) {
        or_error err = {0};
        or_setting_id id = (or_setting_id)(p.first + i);
        if (!form_error_of(f, i) && or_setting_check(id, form_text(f, i), &err))
            form_error(f, i, refusal(req, f, i, id, err.msg));
    }
    if (f->nerrors) {
        show(&p, res);
        return;
    }
    or_error err = {0};
    const char *changed = ""; /* the audit line's list of the keys changed */
    or_code rc = or_store_begin(req->store, &err);
    for (int i = 0; !rc && i < f->n; i++) {
        or_setting_id id = (or_setting_id)(p.first + i);
        const char *was = p.now.v[id] ? p.now.v[id] : "", *now = form_text(f, i);
        if (!f->v[i].sent || !strcmp(was, now)) /* a field not sent is left as it is */
            continue;
        rc = or_setting_set(req->store, id, p.urn, now, req->user->email, &err);
        char key[64];
        changed = or_arena_printf(req->arena, "%s%s%s%s", changed, *changed ? ", " : "",
                                  or_setting_key(id, p.urn, key), *now ? "" : " (cleared)");
    }
    if (!rc && *changed)
        rc = web_audit(req, "change", NULL, or_arena_printf(req->arena, "settings: %s", changed))
                 ? OR_ESTORE
                 : OR_OK;
    if (!rc)
        rc = or_store_commit(req->store, &err);
    if (rc) {
        or_store_rollback(req->store);
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "The settings could not be saved. Nothing was changed.");
        return;
    }
    web_redirect(req, res, or_arena_printf(req->arena, "%s?saved=1", page_path(req, &p)));
}

void page_settings(const web_request *req, web_response *res)
{
    get_page(req, res, false);
}

void page_settings_post(const web_request *req, web_response *res)
{
    post_page(req, res, false);
}

void page_school_settings(const web_request *req, web_response *res)
{
    get_page(req, res, true);
}

void page_school_settings_post(const web_request *req, web_response *res)
{
    post_page(req, res, true);
}

/* GET /settings: a school's account to its own school's settings. */
void page_own_settings(const web_request *req, web_response *res)
{
    web_redirect(req, res,
                 or_arena_printf(req->arena, "/schools/%d/settings", web_user_school(req)));
}
