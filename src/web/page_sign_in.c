/* page_sign_in.c - GET /sign-in (the form), POST /sign-in (check, throttle, start a session)
 * and POST /sign-out. The form is GOV.UK Frontend's: labelled inputs, an error summary linking
 * to the fields, errors next to each field. Before signing in there is no session to hold a
 * CSRF token, so the form's token is also set in a cookie (double submit, SameSite=Strict):
 * server.c compares the two on POST. */
#include <stdio.h>
#include <string.h>

#include "web/govuk.h"

static void render(const web_request *req, web_response *res, const char *email,
                   const gov_error *errs, int nerrs, const char *notice, bool notice_ok)
{
    or_sb *out = &res->body;
    web_request r = *req;
    char token[OR_TOKEN_LEN + 1];
    if (!r.csrf || strlen(r.csrf) != OR_TOKEN_LEN) { /* first visit: a token for the form */
        web_random_token(token);
        r.csrf = or_arena_strdup(req->arena, token);
        web_set_cookie(req, res, WEB_PRESIGN_COOKIE, r.csrf, -1);
    }
    gov_page_start(out, &r, nerrs ? "Error: Sign in" : "Sign in");
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    if (notice)
        gov_notification(out, notice_ok ? "Success" : "Important", notice, notice_ok);
    gov_error_summary(out, errs, nerrs);
    html_raw(out, "<h1 class=\"govuk-heading-l\">Sign in to onroll</h1>\n");
    gov_form_start(out, &r, "post", "/sign-in");
    const char *next = web_query(req, "next");
    if (!*next)
        next = web_form(req, "next");
    next = web_next_path(next); /* a safe local path, else "/" (not carried on) */
    if (strcmp(next, "/"))
        html_printf(out, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", next);
    gov_input(out, "email", "Email address", "email", email, "username",
              gov_error_for(errs, nerrs, "email"));
    gov_input(out, "password", "Password", "password", NULL, "current-password",
              gov_error_for(errs, nerrs, "password"));
    gov_button(out, "Sign in", false);
    gov_form_end(out);
    html_raw(out, "<p class=\"govuk-body\">If you have forgotten your password, ask your local "
                  "authority's onroll administrator to reset it.</p>\n</div>\n</div>\n");
    gov_page_end(out, &r);
}

void page_sign_in(const web_request *req, web_response *res)
{
    if (req->user) {
        web_redirect(req, res, "/");
        return;
    }
    const char *expired = web_query(req, "expired");
    char notice[160];
    const char *text = NULL;
    bool ok = false;
    if (!strcmp(expired, "idle")) {
        snprintf(notice, sizeof notice,
                 "You were signed out because you had not used onroll for %lld minutes. Sign in "
                 "again to continue.",
                 (long long)(req->cfg->session_idle + 59) / 60);
        text = notice;
    } else if (!strcmp(expired, "max")) {
        snprintf(notice, sizeof notice,
                 "You were signed out because you had been signed in for %lld hours. Sign in "
                 "again to continue.",
                 (long long)(req->cfg->session_max + 3599) / 3600);
        text = notice;
    } else if (*web_query(req, "signed_out")) {
        text = "You have signed out.";
        ok = true;
    }
    render(req, res, "", NULL, 0, text, ok);
}

void page_sign_in_post(const web_request *req, web_response *res)
{
    const char *email = web_form(req, "email"), *password = web_form(req, "password");
    gov_error errs[2];
    int n = 0;
    if (!*email)
        errs[n++] = (gov_error){"email", "Enter your email address"};
    if (!*password)
        errs[n++] = (gov_error){"password", "Enter your password"};
    if (n) {
        res->status = 400;
        render(req, res, email, errs, n, NULL, false);
        return;
    }
    web_signin_result result;
    or_error err = {0};
    if (web_sign_in(req, res, email, password, &result, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "You could not be signed in. Try again later.");
        return;
    }
    switch (result) {
    case WEB_SIGNIN_OK:
        web_redirect(req, res, web_next_path(web_form(req, "next")));
        return;
    case WEB_SIGNIN_THROTTLED: {
        char msg[200], secs[24];
        snprintf(msg, sizeof msg,
                 "You have entered the wrong details too many times. Wait %lld minutes and try "
                 "again, or ask your onroll administrator to reset your password.",
                 (long long)(req->cfg->login_window + 59) / 60);
        snprintf(secs, sizeof secs, "%lld", (long long)req->cfg->login_window);
        web_header_add(res, "Retry-After", or_arena_strdup(req->arena, secs));
        errs[0] = (gov_error){"email", msg};
        res->status = 429;
        render(req, res, email, errs, 1, NULL, false);
        return;
    }
    case WEB_SIGNIN_MALFORMED:
        errs[0] = (gov_error){"email", "Enter an email address in the correct format, like "
                                       "name@example.gov.uk"};
        res->status = 400;
        render(req, res, email, errs, 1, NULL, false);
        return;
    case WEB_SIGNIN_BAD:
    default:
        errs[0] = (gov_error){"email", "The email address or password is not right"};
        res->status = 401;
        render(req, res, email, errs, 1, NULL, false);
        return;
    }
}

void page_sign_out(const web_request *req, web_response *res)
{
    web_sign_out(req, res);
    web_redirect(req, res, "/sign-in?signed_out=1");
}
