/* web.h (internal) - what a page handler gets and gives, and the one route table.
 *
 * A handler is called only after server.c has done everything a route declares (routes.c):
 * the caller is authenticated (session cookie, or an API bearer token), their role is one the
 * route allows, a POST carried the session's CSRF token, every parameter is valid UTF-8 of
 * bounded length, and - for a route that reads a pupil's record - the pupil {upn} is in the
 * user's scope and the read has been written to the audit log. So a page is one file with one
 * function, and one line in the route table:
 *
 *     {"GET", "/pupils/{upn}", page_pupil, WEB_PUPIL_ROLES, WEB_F_PUPIL, NULL},
 *
 * The response is a status, a content type and a body (HTML built with html.h, JSON with
 * jansson); server.c adds the security headers to every response. */
#ifndef ONROLL_WEB_INTERNAL_H
#define ONROLL_WEB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "onroll/arena.h"
#include "onroll/sb.h"
#include "onroll/store.h"
#include "onroll/store_audit.h"
#include "onroll/store_users.h"
#include "onroll/view.h"

/* ---- who may use a route: one bit per role, plus the anonymous and the API caller ---- */

#define WEB_R(role) (1u << (role))
#define WEB_ANON    (1u << 29)                    /* not signed in */
#define WEB_API     (1u << 30)                    /* a school's MIS, with its bearer token */
#define WEB_STAFF   ((1u << OR_ROLE__COUNT) - 1u) /* every signed-in role */
#define WEB_PUBLIC  (WEB_ANON | WEB_STAFF)
#define WEB_ADMIN   WEB_R(OR_ROLE_LA_ADMIN)
#define WEB_LA      (WEB_R(OR_ROLE_LA_ADMIN) | WEB_R(OR_ROLE_LA_OFFICER))
/* every role that may open a pupil's record (all but the analyst) */
#define WEB_PUPIL_ROLES (WEB_STAFF & ~WEB_R(OR_ROLE_ANALYST))
/* who records exclusions, duties done and files: the LA, and a school for its own pupils */
#define WEB_RECORD_ROLES (WEB_LA | WEB_R(OR_ROLE_SCHOOL))
/* who records plans: those who record, and the Virtual School (PEPs: plans_web.c says which) */
#define WEB_PLAN_ROLES (WEB_RECORD_ROLES | WEB_R(OR_ROLE_VIRTUAL_SCHOOL))
/* who takes a referral's steps: the LA, the referring school, the partner service */
#define WEB_REFERRAL_ROLES (WEB_RECORD_ROLES | WEB_R(OR_ROLE_PARTNER))
/* who sees and records outcome measures (page_outcomes.c): those who record, and the Virtual
 * School for the pupils in its scope (a looked-after child's SDQ is part of its monitoring) */
#define WEB_OUTCOME_ROLES (WEB_RECORD_ROLES | WEB_R(OR_ROLE_VIRTUAL_SCHOOL))

/* Route flags. */
enum {
    WEB_F_PUPIL = 1 << 0, /* reads the record of pupil {upn} (or of the pupil of the event
                             {urn}/{event_id}): scope-checked (404) and audited */
    WEB_F_JSON = 1 << 1,  /* answers (and errs) in JSON; takes a JSON body up to WEB_API_BODY_MAX */
    WEB_F_UPLOAD = 1 << 2,      /* a POST may be multipart/form-data with one file, up to
                                   WEB_UPLOAD_MAX (multipart.c) */
    WEB_F_SECRET_PATH = 1 << 3, /* the path holds a credential (a one-click token): logs get the
                                   route's pattern, never the path */
    WEB_F_PART = 1 << 4,        /* with WEB_F_PUPIL: the page also serves a reader who sees part
                                   of the record (view.h: a previous school, a partner, a claim)
                                   and shows only that part (req->view); without it such a
                                   reader gets 404 */
    WEB_F_CLAIM = 1 << 5,       /* with WEB_F_PART: also serves a school whose claim on the
                                   pupil waits (OR_VIEW_CLAIM: the name and date of birth) */
    WEB_F_XML = 1 << 6,         /* with WEB_F_JSON: the body is XML (application/xml or
                                   text/xml: a Common Transfer File), the answer JSON */
};

enum {
    WEB_FIELD_MAX = 4096,       /* bytes in one query or form value */
    WEB_FIELDS_MAX = 100,       /* parameters in a query or a form */
    WEB_FORM_MAX = 64 * 1024,   /* bytes of a form body */
    WEB_API_BODY_MAX = 8 << 20, /* bytes of an API body */
    WEB_UPLOAD_MAX = 32 << 20,  /* bytes of an upload (WEB_F_UPLOAD) */
};

/* ---- requests and responses ---- */

typedef struct {
    const char *name, *value;
} web_param;

typedef struct {
    web_param *items;
    int n, cap;
} web_params;

/* One file served under /assets/ (loaded once at start-up: static.c). */
typedef struct {
    char *path; /* "/assets/govuk-frontend.min.css" */
    const char *type;
    void *data;
    size_t len;
} web_asset;

/* The server's settings, shared read-only by every request. */
typedef struct {
    int64_t session_idle, session_max; /* seconds */
    /* sign-in back-off (auth.c): attempts before any wait per account and per address, the
     * first and longest waits, when a count is forgotten, the audit period of throttled ones */
    int login_max_email, login_max_remote;
    int login_wait_first, login_wait_max; /* seconds */
    int64_t login_window;                 /* seconds after the last attempt */
    int login_audit_period;               /* seconds */
    bool require_totp;   /* la_admin, la_officer, analyst: no sign-in without a second factor */
    bool secure_cookies; /* served over TLS: cookies get Secure */
    web_asset *assets;
    size_t nassets;
    char asset_version[17]; /* a digest of the assets, added to their URLs (?v=) */
    const char *db_url;     /* the store, for work done off the requests (view_cache.c) */
    struct web_audit_writer *audit_writer; /* audit rows in groups (audit_writer.h), or NULL */
} web_config;

typedef struct web_route web_route;

typedef struct {
    const char *method, *path;
    const web_route *route;
    web_params path_params, query, form;
    const char *body; /* the raw body (JSON routes), NUL-terminated */
    size_t body_len;
    const char *remote; /* the client's address */
    or_store *store;
    const web_config *cfg;
    or_arena *arena; /* freed when the response has been sent */
    int64_t now;     /* seconds since the epoch, fixed for the request */
    /* who is asking: a signed-in user (session), a school's API token, or nobody */
    const or_session *session; /* NULL when not signed in */
    const or_user *user;       /* &session->user, or NULL */
    int api_urn;               /* the token's school, or 0 */
    const char *csrf;          /* the token every form must carry (session's, else pre-sign-in) */
    const char *session_token; /* the session cookie's token (to end the session), or NULL */
    const char *ws_guest;      /* a workshop guest's cookie (WEB_WS_GUEST_COOKIE), or NULL: only
                                  workshop_web.c's ws_open reads it (docs/workshops.md) */
    /* an upload (WEB_F_UPLOAD): the file field's name as sent and its bytes (NULL when none);
     * the other fields are in form, checked as any form's */
    const char *file_name;
    const char *file_data;
    size_t file_len;
    /* a WEB_F_PUPIL route: what the user sees of the pupil's record (scope.c) */
    or_pupil_view view;
    /* audit rows written during the request outside a transaction, committed (together with
     * many requests' rows) before its response is sent (server.c); NULL: written at once */
    struct web_audit_rows *deferred;
} web_request;

typedef struct {
    const char *name, *value;
} web_header;

typedef struct {
    int status;
    const char *content_type;
    or_sb body;
    const void *data; /* instead of body: bytes that outlive the response (assets) */
    size_t data_len;
    const char *cache_control; /* NULL: no-store */
    web_header headers[8];
    int nheaders;
    struct web_sse *sse; /* instead of body: a server-sent-events stream (sse.h), which
                            server.c sends; freed by it when never sent */
} web_response;

typedef void (*web_handler)(const web_request *req, web_response *res);

struct web_route {
    const char *method;  /* "GET" (also answers HEAD) or "POST" */
    const char *pattern; /* "/path", "/pupils/{upn}" (one segment), "/assets/" + "*" (the rest) */
    web_handler fn;
    unsigned roles;  /* who may: WEB_R() bits, WEB_ANON, WEB_API; never 0 */
    unsigned flags;  /* WEB_F_* */
    const char *nav; /* label in the service navigation for the roles above, or NULL */
    /* The hub page (its pattern: HUB_*) that lists this page for the hub's roles, who then do not
     * see it in the service navigation; others with a nav label still do. NULL: none. */
    const char *hub;
};

/* The hub pages (page_hub.c): each lists the pages whose route names it, for its roles. */
#define HUB_SUPPORT        "/support"
#define HUB_OUTSIDE_SCHOOL "/outside-school"
#define HUB_IMPROVEMENT    "/improvement"
#define HUB_DATA           "/data"
#define HUB_ADMIN          "/admin"

/* ---- routes.c: the one route table ---- */

/* Whether route r shows in the service navigation of role bits `who`: a GET page with a nav
 * label that they may open, not one of a hub of theirs (r->hub), no {param} in its pattern. */
bool web_route_in_nav(const web_route *r, unsigned who);
/* The route of the page that shows for r in the navigation of `who`: r itself, or its hub. */
const web_route *web_route_nav_of(const web_route *r, unsigned who);

extern const web_route web_routes[];
extern const size_t web_nroutes;

/* The route for method and path, with the pattern's {params} added to params (allocated in
 * arena); NULL if none. *other_method is set when the path matches a route of another method
 * (405 rather than 404). */
const web_route *web_route_find(const char *method, const char *path, web_params *params,
                                or_arena *arena, bool *other_method);
/* Does a pattern match a path? (The route table's matcher, for tests.) */
bool web_pattern_match(const char *pattern, const char *path, web_params *params, or_arena *arena);

typedef enum {
    WEB_ALLOW,   /* go on */
    WEB_SIGN_IN, /* not signed in (or no token): 401, or a redirect to the sign-in page */
    WEB_FORBID,  /* signed in, but the role may not: 403 */
} web_verdict;

/* Who is asking as a role bit: WEB_R(user's role), WEB_API or WEB_ANON. */
unsigned web_caller_bit(const web_request *req);
/* May caller `who` (one bit) use route r? */
web_verdict web_authorize(const web_route *r, unsigned who);

/* ---- request.c: parameters and responses ---- */

/* Parse application/x-www-form-urlencoded text (len bytes) into params (strings in arena).
 * OR_EINPUT when a value is not valid UTF-8 text, longer than WEB_FIELD_MAX or there are more
 * than WEB_FIELDS_MAX of them (message for the user in err). */
or_code web_form_parse(const char *text, size_t len, web_params *params, or_arena *arena,
                       or_error *err);
/* Parse a multipart/form-data body (an upload route's) with libmicrohttpd's post processor:
 * text fields into req->form (checked as web_form_parse does), the one file field "file" into
 * req->file_name (in req->arena) and req->file_data / file_len (in *file, the caller's to
 * release when the request ends). OR_EINPUT, with a message for the user, when the body is
 * malformed, a field is not valid text or there is another file. (multipart.c) */
struct MHD_Connection;
or_code web_multipart_parse(struct MHD_Connection *conn, const char *body, size_t len,
                            web_request *req, or_sb *file, or_error *err);
/* Add one parameter, checking it as web_form_parse does. */
or_code web_param_add(web_params *params, or_arena *arena, const char *name, const char *value,
                      or_error *err);
const char *web_param_get(const web_params *p, const char *name); /* NULL if absent */
/* A query / form / path parameter, "" when absent. */
const char *web_query(const web_request *req, const char *name);
const char *web_form(const web_request *req, const char *name);
const char *web_path(const web_request *req, const char *name);

void web_header_add(web_response *res, const char *name, const char *value);
/* A cookie for the whole site: HttpOnly, SameSite=Strict, Path=/, Secure when served over TLS;
 * max_age < 0: a session cookie; 0: delete it. */
void web_set_cookie(const web_request *req, web_response *res, const char *name, const char *value,
                    int64_t max_age);
/* 303 See Other to a local path (anything else becomes "/"). */
void web_redirect(const web_request *req, web_response *res, const char *location);
/* The one error page (cgit's): an HTML page, or {"errors":[{"message":...}]} on JSON routes. */
void web_error(const web_request *req, web_response *res, int status, const char *title,
               const char *message);
/* The server's local date (the LA's, in England) at req->now. */
or_date web_today(const web_request *req);
/* Is this a local path that is safe to redirect to ("/x", not "//host" or "/\\host")? */
bool web_local_path(const char *s);
/* Where to go after signing in (the sign-in page's ?next=, already percent-decoded): next when
 * it is a local path made only of letters, digits and "/-._~" (no "//" at its start, no "%",
 * no control or other character a browser might read another way, at most WEB_NEXT_MAX bytes,
 * not a sign-in or sign-out page), else "/". */
enum { WEB_NEXT_MAX = 512 };
const char *web_next_path(const char *next);

/* ---- auth.c: sessions, CSRF, sign-in ---- */

enum { WEB_CSRF_FIELD_MAX = 64 };
#define WEB_SESSION_COOKIE  "onroll_session"
#define WEB_PRESIGN_COOKIE  "onroll_signin" /* the sign-in form's CSRF token (double submit) */
#define WEB_CSRF_FIELD      "csrf_token"
#define WEB_WS_GUEST_COOKIE "onroll_workshop" /* a workshop guest's (workshop_web.h) */

/* Constant-time equality of two tokens (false if either is empty or their lengths differ). */
bool web_token_equal(const char *a, const char *b);
/* A new random token (OR_TOKEN_LEN characters, base64url) into out. */
void web_random_token(char out[OR_TOKEN_LEN + 1]);

typedef enum {
    WEB_SIGNIN_OK,
    WEB_SIGNIN_BAD,       /* wrong email or password (never says which) */
    WEB_SIGNIN_MALFORMED, /* not an email address (recorded as a failure all the same) */
    WEB_SIGNIN_THROTTLED, /* too soon after failed attempts: 429, wait seconds */
    WEB_SIGNIN_CODE,      /* password right: now the second factor's code (csrf: its form's) */
    WEB_SIGNIN_NO_TOTP,   /* password right, but the role needs a second factor and has none */
    WEB_SIGNIN_CODE_BAD,  /* a wrong code (tries left: another) */
    WEB_SIGNIN_CODE_USED, /* the code was used already */
    WEB_SIGNIN_EXPIRED,   /* no sign-in waiting for a code (too old, too many wrong codes) */
} web_signin_result;

typedef struct {
    web_signin_result result;
    int64_t wait;                /* WEB_SIGNIN_THROTTLED: seconds to wait */
    char csrf[OR_TOKEN_LEN + 1]; /* WEB_SIGNIN_CODE: the code form's token */
} web_signin;

/* Check an email and password, with the back-off (counted before the password is checked; an
 * attempt too early is refused unchecked) and auditing. When right: a session is created and its
 * cookie set on res, or, for an account with a second factor, a sign-in waits for its code under
 * a new form token (out->csrf, also set as the sign-in cookie). */
or_code web_sign_in(const web_request *req, web_response *res, const char *email,
                    const char *password, web_signin *out, or_error *err);
/* The second step: the code for the sign-in waiting under the form's token (req->csrf); right
 * and not used before, the session starts. */
or_code web_sign_in_code(const web_request *req, web_response *res, const char *code,
                         web_signin *out, or_error *err);
/* Is a sign-in waiting for its code under the form's token? */
bool web_sign_in_waiting(const web_request *req);
/* End the request's session (and clear its cookie). */
void web_sign_out(const web_request *req, web_response *res);

/* ---- scope.c: what a user may see ---- */

/* What the signed-in user sees of pupil upn's record (view.h; docs/security.md): never
 * anything for the anonymous, the API or an analyst; LA roles: the whole record of every pupil;
 * a school: the whole record while the pupil is on its roll (or admitted ahead), its own period
 * for scope.previous_school_days after the pupil left, the name and date of birth while its
 * claim waits; social worker, youth justice: the whole record while on their own open caseload;
 * virtual school: looked after, previously looked after or with a social worker; partner: the
 * referrals to its routes (and what they name) until scope.partner_days after they end, or the
 * whole record while on an open caseload of its role. A store failure answers OR_VIEW_NONE
 * (and is logged by the caller's 404). */
or_pupil_view web_pupil_view(const web_request *req, const char *upn);
/* web_pupil_view(req, upn).kind != OR_VIEW_NONE: may the user open the record at all? */
bool web_can_see_pupil(const web_request *req, const char *upn);
/* The facts f cut to the request's view (f itself for a whole record; else a copy in
 * req->arena: view.h's or_view_facts). Every page that serves part of a record reads these. */
const or_pupil_facts *web_view_facts(const web_request *req, const or_params *p,
                                     const or_pupil_facts *f);
/* The school of a school account (its scope), or 0 for any other user. */
int web_user_school(const web_request *req);
/* The referral routes (referrals.h services) whose referrals a partner account of this scope
 * sees: "reu" -> reu; "early_help" -> early_help. Returns how many, at most max. */
int web_partner_services(const char *scope, const char *out[], int max);
/* May the signed-in user see school urn's pages? LA roles and the analyst: all; school: its
 * own; others: none (they see pupils, not schools). */
bool web_can_see_school(const web_request *req, int urn);

/* ---- audit.c ---- */

/* Append to the audit log: who (the user, or the API's school), their role, action, the path
 * (web_logged_path), the pupil (or NULL), the client's address and a detail (or NULL). Inside
 * a transaction the row is written in it (no row, no change). Outside one, during a request
 * the server runs, it is kept in req->deferred and committed before any byte of the response
 * is sent: if that fails the response is replaced by a 500, so nothing is shown without its
 * row. Otherwise it is written at once. */
or_code web_audit(const web_request *req, const char *action, const char *upn, const char *detail);
/* Every child a response names is on the record: after a GET's handler, one row
 * "pupil.listed" naming every UPN in the body (or_audit_add_list: a search by any of them
 * finds it), deferred as web_audit's. False when it could not be kept (the caller answers 500
 * instead). Skipped for a pupil's record (its read is pupil.read) and the audit log's page. */
bool web_audit_listed(const web_request *req, const web_response *res);
/* The same for a list that names children without showing their UPNs. */
or_code web_audit_upns(const web_request *req, const char *const *upns, int n);
/* Write the request's deferred rows now and wait for them (when the server cannot hold the
 * connection meanwhile); OR_OK when there are none. */
or_code web_audit_commit(const web_request *req);
/* The request's path as logs may hold it: the route's pattern ("/n/{token}") when the route is
 * WEB_F_SECRET_PATH, else the path. */
const char *web_logged_path(const web_request *req);

/* ---- static.c: /assets/ ---- */

/* Load every file under dir into memory as /assets/<relative path>; an absent dir gives none. */
or_code web_assets_load(const char *dir, web_asset **out, size_t *n, or_error *err);
void web_assets_free(web_asset *a, size_t n);
/* A short digest of the assets' bytes (hex), for cache-busting URLs. */
void web_assets_version(const web_asset *a, size_t n, char out[17]);
const char *web_content_type(const char *path);

/* ---- the pages (one file each) ---- */

void page_home(const web_request *req, web_response *res);              /* page_home.c */
void page_hub(const web_request *req, web_response *res);               /* page_hub.c */
void page_healthz(const web_request *req, web_response *res);           /* page_status.c */
void page_status(const web_request *req, web_response *res);            /* page_status.c */
void page_sign_in(const web_request *req, web_response *res);           /* page_sign_in.c */
void page_sign_in_post(const web_request *req, web_response *res);      /* page_sign_in.c */
void page_sign_out(const web_request *req, web_response *res);          /* page_sign_in.c */
void page_sign_in_code(const web_request *req, web_response *res);      /* page_sign_in.c */
void page_sign_in_code_post(const web_request *req, web_response *res); /* page_sign_in.c */
void page_audit(const web_request *req, web_response *res);             /* page_audit.c */
void page_pupil(const web_request *req, web_response *res);             /* page_pupil.c */
void page_claims(const web_request *req, web_response *res);            /* page_claims.c */
void page_claim(const web_request *req, web_response *res);             /* page_claims.c */
void page_claim_post(const web_request *req, web_response *res);        /* page_claims.c */
/* What a school whose claim waits sees of the pupil (page_claims.c, from page_pupil.c). */
void page_pupil_claim(const web_request *req, web_response *res, const char *upn,
                      const char *forename, const char *surname, const char *dob);
void page_pupils(const web_request *req, web_response *res);    /* page_pupils.c */
void page_dashboard(const web_request *req, web_response *res); /* page_dashboard.c */
void page_school(const web_request *req, web_response *res);    /* page_school.c */
void page_schools(const web_request *req, web_response *res);   /* page_schools.c */
void page_schools_download(const web_request *req, web_response *res);
void page_pupils_download(const web_request *req, web_response *res);
void page_record(const web_request *req, web_response *res);      /* page_record.c */
void page_record_post(const web_request *req, web_response *res); /* page_record.c */
/* The banner a page shows after a redirect from a recording form (?recorded=TYPE or
 * ?action=RULE in the query): nothing when there is none. (page_record.c) */
void page_record_banner(const web_request *req, or_sb *out);
/* A pupil movement (page_movement.c): choose it, its form, check, save; the pupil page's
 * banner after saving one (?movement=TYPE). */
void page_movement(const web_request *req, web_response *res);
void page_movement_post(const web_request *req, web_response *res);
void page_movement_banner(const web_request *req, or_sb *out);
void page_action(const web_request *req, web_response *res);           /* page_action.c */
void page_action_post(const web_request *req, web_response *res);      /* page_action.c */
void page_upload(const web_request *req, web_response *res);           /* page_upload.c */
void page_upload_post(const web_request *req, web_response *res);      /* page_upload.c */
void page_reports(const web_request *req, web_response *res);          /* page_reports.c */
void page_reports_download(const web_request *req, web_response *res); /* page_reports.c */
void page_reports_scrutiny(const web_request *req, web_response *res); /* page_report_scrutiny.c */
void page_asset(const web_request *req, web_response *res);            /* static.c */
/* page_report_actions.c: the LA's words in the scrutiny report; what /reports says it lacks */
void page_report_actions(const web_request *req, web_response *res);
void page_report_actions_post(const web_request *req, web_response *res);
void page_report_scrutiny_notes(or_sb *out, const web_request *req, int ay);
/* statutory letters (letters.h) */
void page_letters(const web_request *req, web_response *res);      /* page_letters.c */
void page_letters_post(const web_request *req, web_response *res); /* page_letters.c */
void page_letter(const web_request *req, web_response *res);       /* page_letter.c */
void page_letter_post(const web_request *req, web_response *res);  /* page_letter.c */
void page_letter_pdf(const web_request *req, web_response *res);   /* page_letter_pdf.c */
/* plans and referrals (plans_web.h) */
void page_plans(const web_request *req, web_response *res);             /* page_plans.c */
void page_plan_new(const web_request *req, web_response *res);          /* page_plan_new.c */
void page_plan_new_post(const web_request *req, web_response *res);     /* page_plan_new.c */
void page_plan_review(const web_request *req, web_response *res);       /* page_plan_review.c */
void page_plan_review_post(const web_request *req, web_response *res);  /* page_plan_review.c */
void page_pupil_referrals(const web_request *req, web_response *res);   /* page_pupil_referrals.c */
void page_referral_new(const web_request *req, web_response *res);      /* page_referral_new.c */
void page_referral_new_post(const web_request *req, web_response *res); /* page_referral_new.c */
void page_referral(const web_request *req, web_response *res);          /* page_referral.c */
void page_referral_post(const web_request *req, web_response *res);     /* page_referral.c */
void page_referrals(const web_request *req, web_response *res);         /* page_referrals.c */
void page_peps(const web_request *req, web_response *res);              /* page_peps.c */
void page_duties(const web_request *req, web_response *res);            /* page_duties.c */
void page_duties_download(const web_request *req, web_response *res);   /* page_duties.c */
void page_risk(const web_request *req, web_response *res);              /* page_risk.c */
void page_risk_download(const web_request *req, web_response *res);     /* page_risk.c */
void page_roni(const web_request *req, web_response *res);              /* page_roni.c */
void page_roni_download(const web_request *req, web_response *res);     /* page_roni.c */
void page_roni_school(const web_request *req, web_response *res);       /* page_roni.c */
void page_roni_pupil(const web_request *req, web_response *res);        /* page_roni.c */
void page_roni_pupil_post(const web_request *req, web_response *res);   /* page_roni.c */
/* On a pupil's record (page_pupil.c): the special-category characteristics (young carer,
 * pregnant or a parent) for the roles that need them, and the pupil's RONI score in Years 8-11. */
void page_roni_pupil_section(or_sb *out, const web_request *req, const or_pupil_facts *f,
                             or_date today);
void page_report_roni(const web_request *req, web_response *res); /* page_report_roni.c */
void page_report_roni_link(or_sb *out);                           /* page_report_roni.c */
void page_peps_download(const web_request *req, web_response *res);
void page_cnis(const web_request *req, web_response *res); /* page_cnis.c */
void page_cnis_download(const web_request *req, web_response *res);
void page_referrals_download(const web_request *req, web_response *res);
/* outcome measures and their report */
void page_outcomes(const web_request *req, web_response *res);        /* page_outcomes.c */
void page_outcomes_post(const web_request *req, web_response *res);   /* page_outcomes.c */
void page_report_outcomes(const web_request *req, web_response *res); /* page_report_outcomes.c */
void page_report_outcomes_download(const web_request *req,
                                   web_response *res); /* page_report_outcomes.c */

void page_report_compare(const web_request *req, web_response *res); /* page_report_compare.c */
void page_report_compare_download(const web_request *req,
                                  web_response *res); /* page_report_compare.c */
/* page_report_reu.c: the Re-engagement Unit's KPIs; page_report_offroll.c: off-rolling */
void page_report_reu(const web_request *req, web_response *res);
void page_report_reu_download(const web_request *req, web_response *res);
void page_report_offroll(const web_request *req, web_response *res);
void page_report_offroll_download(const web_request *req, web_response *res);
void page_report_offroll_challenge(const web_request *req, web_response *res);
void page_report_offroll_challenge_post(const web_request *req, web_response *res);
/* self-evaluation reviews (page_reviews.c, page_review.c, page_review_plan.c) */
void page_reviews(const web_request *req, web_response *res);
void page_reviews_download(const web_request *req, web_response *res);
void page_review_new(const web_request *req, web_response *res);
void page_review_new_post(const web_request *req, web_response *res);
void page_review(const web_request *req, web_response *res);
void page_review_post(const web_request *req, web_response *res);
void page_review_plan(const web_request *req, web_response *res);
void page_review_plan_post(const web_request *req, web_response *res);
void page_review_action_done(const web_request *req, web_response *res);
/* the instruments (page_instruments.c, page_instrument_edit.c): LA officers only */
void page_instruments(const web_request *req, web_response *res);
void page_instruments_download(const web_request *req, web_response *res);
void page_instrument_new(const web_request *req, web_response *res);
void page_instrument_new_post(const web_request *req, web_response *res);
void page_instrument(const web_request *req, web_response *res);
void page_instrument_edit(const web_request *req, web_response *res);
void page_instrument_edit_post(const web_request *req, web_response *res);
/* The name of an intervention of the directory for people (interventions.h), its id when the
 * directory does not hold it. (page_outcomes.c) */
const char *web_intervention_name(const web_request *req, const char *id);
/* partner notifications (notify.h) */
void page_notifications(const web_request *req, web_response *res);      /* page_notifications.c */
void page_notification_retry(const web_request *req, web_response *res); /* page_notifications.c */
void page_recipients(const web_request *req, web_response *res);         /* page_recipients.c */
void page_recipients_post(const web_request *req, web_response *res);    /* page_recipients.c */
void page_notice(const web_request *req, web_response *res);             /* page_notice.c */
void page_notice_post(const web_request *req, web_response *res);        /* page_notice.c */
/* the settings people fill once (page_settings.c) */
void page_settings(const web_request *req, web_response *res);
void page_settings_post(const web_request *req, web_response *res);
void page_school_settings(const web_request *req, web_response *res);
void page_school_settings_post(const web_request *req, web_response *res);
void page_own_settings(const web_request *req, web_response *res);
/* the interventions directory (interventions_view.h) */
void page_interventions(const web_request *req, web_response *res); /* page_interventions.c */
void page_intervention(const web_request *req, web_response *res);  /* page_intervention.c */
void page_intervention_edit(const web_request *req,
                            web_response *res); /* page_intervention_edit.c */
void page_intervention_edit_post(const web_request *req,
                                 web_response *res); /* page_intervention_edit.c */
void page_intervention_new(const web_request *req,
                           web_response *res); /* page_intervention_edit.c */
void page_intervention_new_post(const web_request *req,
                                web_response *res); /* page_intervention_edit.c */
void page_pupil_interventions(const web_request *req,
                              web_response *res); /* page_pupil_interventions.c */
void page_pupil_interventions_post(const web_request *req,
                                   web_response *res);           /* page_pupil_interventions.c */
void api_post_events(const web_request *req, web_response *res); /* api_ingest.c */
void api_post_pupils(const web_request *req, web_response *res); /* api_ingest.c */
void api_post_ctf(const web_request *req, web_response *res);    /* api_ctf.c */
void api_get_duties(const web_request *req, web_response *res);  /* api_duties.c */

/* alternative provision (issue 17): page_ap_providers.c, page_ap_placements.c,
 * page_ap_placement_new.c (the blocks on other pages: ap_web.h) */
void page_ap_providers(const web_request *req, web_response *res);
void page_ap_providers_download(const web_request *req, web_response *res);
void page_ap_provider_new(const web_request *req, web_response *res);
void page_ap_provider_new_post(const web_request *req, web_response *res);
void page_ap_provider(const web_request *req, web_response *res);
void page_ap_provider_qa(const web_request *req, web_response *res);
void page_ap_provider_qa_post(const web_request *req, web_response *res);
/* the vulnerability dashboard and staff training (issue 18 parts 5, 6): page_vulnerability.c,
 * page_training.c */
void page_vulnerability(const web_request *req, web_response *res);
void page_school_vulnerability(const web_request *req, web_response *res);
void page_training(const web_request *req, web_response *res);
void page_training_download(const web_request *req, web_response *res);
void page_training_new(const web_request *req, web_response *res);
void page_training_new_post(const web_request *req, web_response *res);
/* page_portfolio.c, page_partnership.c: the LA's portfolio of reviews; a school's partnership
 * meetings (LOCAL-PARTNERSHIP-MEETING) */
void page_portfolio(const web_request *req, web_response *res);
void page_portfolio_download(const web_request *req, web_response *res);
void page_partnership(const web_request *req, web_response *res);
void page_partnership_download(const web_request *req, web_response *res);
void page_partnership_new(const web_request *req, web_response *res);
void page_partnership_new_post(const web_request *req, web_response *res);
/* surveys (issue 18 part 4): page_surveys.c, page_survey.c, page_survey_edit.c,
 * page_survey_links.c */
void page_surveys(const web_request *req, web_response *res);
void page_surveys_download(const web_request *req, web_response *res);
void page_survey_new(const web_request *req, web_response *res);
void page_survey_new_post(const web_request *req, web_response *res);
void page_survey(const web_request *req, web_response *res);
void page_survey_edit(const web_request *req, web_response *res);
void page_survey_edit_post(const web_request *req, web_response *res);
void page_survey_wave_new(const web_request *req, web_response *res);
void page_survey_wave_new_post(const web_request *req, web_response *res);
void page_survey_links(const web_request *req, web_response *res);
void page_survey_links_post(const web_request *req, web_response *res);
void page_ap_placements(const web_request *req, web_response *res);
void page_ap_placements_download(const web_request *req, web_response *res);
void page_ap_placement_new(const web_request *req, web_response *res);
void page_ap_placement_new_post(const web_request *req, web_response *res);

/* theories of change (issue 19 part 6): page_toc.c, page_toc_items.c, page_toc_indicator.c */
void page_theories(const web_request *req, web_response *res);
void page_theories_download(const web_request *req, web_response *res);
void page_theory_new(const web_request *req, web_response *res);
void page_theory_new_post(const web_request *req, web_response *res);
void page_theory(const web_request *req, web_response *res);
void page_theory_download(const web_request *req, web_response *res);
void page_theory_item_new(const web_request *req, web_response *res);
void page_theory_item_new_post(const web_request *req, web_response *res);
void page_theory_item_edit(const web_request *req, web_response *res);
void page_theory_item_edit_post(const web_request *req, web_response *res);
void page_theory_import_post(const web_request *req, web_response *res);
void page_theory_link_new(const web_request *req, web_response *res);
void page_theory_link_new_post(const web_request *req, web_response *res);
void page_theory_indicator_new(const web_request *req, web_response *res);
void page_theory_indicator_new_post(const web_request *req, web_response *res);
void page_theory_indicator(const web_request *req, web_response *res);
void page_theory_indicator_svg(const web_request *req, web_response *res);

#endif
