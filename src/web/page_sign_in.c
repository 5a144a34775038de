/* page_sign_in.c - GET /sign-in (the form), POST /sign-in (throttle, check, start a session),
 * GET and POST /sign-in/code (the second factor's code, for an account that has one) and POST
 * /sign-out. The forms are GOV.UK Frontend's: labelled inputs, an error summary linking to the
 * fields, errors next to each field. Before signing in there is no session to hold a CSRF
 * token, so the form's token is also set in a cookie (double submit, SameSite=Strict):
 * server.c compares the two on POST. The code form has a token of its own, made when the
 * password was right (auth.c). */
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

/* "30 seconds", "1 second", "5 minutes" (rounded up) */
static void say_wait(char *buf, size_t size, int64_t secs)
{
    if (secs < 120)
        snprintf(buf, size, "%lld second%s", (long long)secs, secs == 1 ? "" : "s");
    else
        snprintf(buf, size, "%lld minutes", (long long)(secs + 59) / 60);
}

/* The second step: the code from the authenticator app. csrf is the form's token (the one the
 * sign-in waits under). */
static void render_code(const web_request *req, web_response *res, const char *csrf,
                        const char *next, const char *error)
{
    or_sb *out = &res->body;
    web_request r = *req;
    r.csrf = csrf;
    gov_error errs[1] = {{"code", error}};
    gov_page_start(out, &r, error ? "Error: Enter the security code" : "Enter the security code");
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    gov_error_summary(out, errs, error ? 1 : 0);
    gov_form_start(out, &r, "post", "/sign-in/code");
    next = web_next_path(next ? next : "");
    if (strcmp(next, "/"))
        html_printf(out, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", next);
    html_printf(out,
                "<div class=\"govuk-form-group%s\">\n<h1 class=\"govuk-label-wrapper\"><label "
                "class=\"govuk-label govuk-label--l\" for=\"code\">Enter the security "
                "code</label></h1>\n<div id=\"code-hint\" class=\"govuk-hint\">The 6 digit code "
                "shown in your authenticator app for onroll. It changes every 30 seconds.</div>\n",
                error ? " govuk-form-group--error" : "");
    if (error)
        html_printf(out,
                    "<p id=\"code-error\" class=\"govuk-error-message\"><span "
                    "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
                    error);
    html_printf(out,
                "<input class=\"govuk-input govuk-input--width-5%s\" id=\"code\" name=\"code\" "
                "type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
                "spellcheck=\"false\" aria-describedby=\"code-hint%s\">\n</div>\n",
                error ? " govuk-input--error" : "", error ? " code-error" : "");
    gov_button(out, "Continue", false);
    gov_form_end(out);
    html_raw(out, "<p class=\"govuk-body\">If you cannot use your authenticator app, ask your "
                  "local authority's onroll administrator to set up a new one.</p>\n"
                  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sign-in\">Start "
                  "again</a></p>\n</div>\n</div>\n");
    gov_page_end(out, &r);
}

/* Where signing in lands: the page the user was going to (next, when safe), else the
 * dashboard - not the account page at / (issue 14's finding: "after signing in, a profile page
 * rather than the dashboard"). */
static const char *signed_in_path(const char *next)
{
    return next && *next ? web_next_path(next) : "/dashboard";
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
    web_signin result;
    or_error err = {0};
    if (web_sign_in(req, res, email, password, &result, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "You could not be signed in. Try again later.");
        return;
    }
    switch (result.result) {
    case WEB_SIGNIN_OK: /* back where they were going, else their dashboard (issue 14) */
        web_redirect(req, res, signed_in_path(web_form(req, "next")));
        return;
    case WEB_SIGNIN_CODE:
        render_code(req, res, result.csrf, web_form(req, "next"), NULL);
        return;
    case WEB_SIGNIN_NO_TOTP:
        errs[0] = (gov_error){"email", "Your account needs a second way to prove it is you (an "
                                       "authenticator app) before you can sign in. Ask your "
                                       "onroll administrator to set one up for you."};
        res->status = 403;
        render(req, res, email, errs, 1, NULL, false);
        return;
    case WEB_SIGNIN_THROTTLED: {
        char msg[200], secs[24], wait[40];
        say_wait(wait, sizeof wait, result.wait);
        snprintf(msg, sizeof msg,
                 "There have been too many attempts to sign in. Wait %s before you try again.",
                 wait);
        snprintf(secs, sizeof secs, "%lld", (long long)result.wait);
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

void page_sign_in_code(const web_request *req, web_response *res)
{
    if (req->user || !web_sign_in_waiting(req)) { /* nothing waiting: the password first */
        page_sign_in(req, res);
        return;
    }
    render_code(req, res, req->csrf, web_query(req, "next"), NULL);
}

void page_sign_in_code_post(const web_request *req, web_response *res)
{
    const char *code = web_form(req, "code"), *next = web_form(req, "next");
    if (req->user) {
        web_redirect(req, res, "/");
        return;
    }
    if (!*code) {
        if (!web_sign_in_waiting(req)) {
            gov_error errs[1] = {{"email", "Sign in with your email address and password first"}};
            res->status = 400;
            render(req, res, "", errs, 1, NULL, false);
            return;
        }
        res->status = 400;
        render_code(req, res, req->csrf, next, "Enter the 6 digit security code");
        return;
    }
    web_signin result;
    or_error err = {0};
    if (web_sign_in_code(req, res, code, &result, &err)) {
        web_error(req, res, 500, "Sorry, there is a problem with the service",
                  "You could not be signed in. Try again later.");
        return;
    }
    switch (result.result) {
    case WEB_SIGNIN_OK:
        web_redirect(req, res, signed_in_path(next));
        return;
    case WEB_SIGNIN_CODE_USED:
        res->status = 401;
        render_code(req, res, req->csrf, next,
                    "That code has been used already. Wait for your app to show a new code, "
                    "then enter it");
        return;
    case WEB_SIGNIN_CODE_BAD:
        res->status = 401;
        render_code(req, res, req->csrf, next,
                    "The security code is not right. Enter the 6 digit code your app shows now");
        return;
    default: { /* too old or too many wrong codes: start again */
        gov_error errs[1] = {{"email", "You need to sign in again: the security code was not "
                                       "entered in time, or was wrong too many times"}};
        res->status = 401;
        render(req, res, "", errs, 1, NULL, false);
        return;
    }
    }
}

void page_sign_out(const web_request *req, web_response *res)
{
    web_sign_out(req, res);
    web_redirect(req, res, "/sign-in?signed_out=1");
}
