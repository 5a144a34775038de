/* govuk.c - the page frame and GOV.UK Frontend patterns (see govuk.h). The markup follows the
 * components' Nunjucks templates of govuk-frontend 6 (node_modules/govuk-frontend/dist/govuk/
 * components/<name>/template.njk), written out in C with every datum escaped. */
#include <string.h>

#include "web/govuk.h"

/* Whether navigation item r is where the user is: its page, or a page of its hub. */
static bool is_current(const web_request *req, const web_route *r, unsigned who)
{
    return req->route && web_route_nav_of(req->route, who) == r;
}

static void service_navigation(or_sb *out, const web_request *req)
{
    html_raw(out, "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" "
                  "data-module=\"govuk-service-navigation\">\n"
                  "<div class=\"govuk-width-container\">\n"
                  "<div class=\"govuk-service-navigation__container\">\n"
                  "<span class=\"govuk-service-navigation__service-name\">"
                  "<a href=\"/\" class=\"govuk-service-navigation__link\">Keep every child on "
                  "roll</a></span>\n");
    if (req->user) {
        unsigned who = WEB_R(req->user->role);
        html_raw(out, "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">\n"
                      "<button type=\"button\" class=\"govuk-service-navigation__toggle "
                      "govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden "
                      "aria-hidden=\"true\">Menu</button>\n"
                      "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">\n");
        for (size_t i = 0; i < web_nroutes; i++) {
            const web_route *r = &web_routes[i];
            if (!web_route_in_nav(r, who))
                continue;
            if (is_current(req, r, who))
                html_printf(out,
                            "<li class=\"govuk-service-navigation__item "
                            "govuk-service-navigation__item--active\"><a "
                            "class=\"govuk-service-navigation__link\" href=\"%s\" "
                            "aria-current=\"page\"><strong "
                            "class=\"govuk-service-navigation__active-fallback\">%s</strong></a>"
                            "</li>\n",
                            r->pattern, r->nav);
            else
                html_printf(out,
                            "<li class=\"govuk-service-navigation__item\"><a "
                            "class=\"govuk-service-navigation__link\" href=\"%s\">%s</a></li>\n",
                            r->pattern, r->nav);
        }
        html_raw(out, "</ul>\n</nav>\n");
    }
    html_raw(out, "</div>\n");
    if (req->user) {
        html_raw(out,
                 "<div class=\"onroll-account\">\n<p class=\"govuk-body-s onroll-account__who\">");
        html_printf(out, "%s (%s)", req->user->name, or_role_label(req->user->role));
        html_raw(out, "</p>\n");
        gov_form_start(out, req, "post", "/sign-out");
        html_raw(out,
                 "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
                 "onroll-account__sign-out\" data-module=\"govuk-button\">Sign out</button>\n");
        gov_form_end(out);
        html_raw(out, "</div>\n");
    }
    html_raw(out, "</div>\n</section>\n");
}

void gov_page_start(or_sb *out, const web_request *req, const char *title)
{
    html_raw(out, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
                  "<meta charset=\"utf-8\">\n<title>");
    html_text(out, title);
    const char *v = req->cfg ? req->cfg->asset_version : "";
    html_raw(out, " - onroll</title>\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, "
                  "viewport-fit=cover\">\n"
                  "<meta name=\"theme-color\" content=\"#1d70b8\">\n"
                  "<meta name=\"robots\" content=\"noindex, nofollow\">\n");
    html_printf(
        out,
        "<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css?v=%t\">\n"
        "<link rel=\"stylesheet\" href=\"/assets/moj-frontend.min.css?v=%t\">\n"
        "<link rel=\"stylesheet\" href=\"/assets/onroll/app.css?v=%t\">\n"
        "<link rel=\"stylesheet\" href=\"/assets/onroll/pages.css?v=%t\">\n"
        "<link rel=\"stylesheet\" href=\"/assets/onroll/forms.css?v=%t\">\n"
        "<link rel=\"stylesheet\" href=\"/assets/onroll/letter.css?v=%t\">\n"
        "<link rel=\"stylesheet\" href=\"/assets/onroll/list.css?v=%t\">\n"
        "<link rel=\"icon\" href=\"/assets/onroll/favicon.svg?v=%t\" type=\"image/svg+xml\">\n"
        "<script type=\"module\" src=\"/assets/onroll/init.mjs?v=%t\"></script>\n",
        v, v, v, v, v, v, v, v, v);
    html_raw(out, "</head>\n<body class=\"govuk-template__body\">\n"
                  "<a href=\"#main-content\" class=\"govuk-skip-link\" "
                  "data-module=\"govuk-skip-link\">Skip to main content</a>\n"
                  "<header class=\"govuk-template__header\">\n"
                  "<div class=\"govuk-generic-header\">\n"
                  "<div class=\"govuk-generic-header__container govuk-width-container\">\n"
                  "<div class=\"govuk-generic-header__logo\">\n"
                  "<a href=\"/\" class=\"govuk-generic-header__homepage-link\">onroll</a>\n"
                  "</div>\n</div>\n</div>\n");
    service_navigation(out, req);
    html_raw(out, "</header>\n<div class=\"govuk-width-container\">\n"
                  "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

void gov_page_end(or_sb *out, const web_request *req)
{
    (void)req;
    html_raw(out, "</main>\n</div>\n<footer class=\"govuk-footer\">\n"
                  "<div class=\"govuk-width-container\">\n<div class=\"govuk-footer__meta\">\n"
                  "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">\n"
                  "<p class=\"govuk-body-s\">onroll holds children's personal and special-"
                  "category data. Every view of a child's record, every export and every change "
                  "is recorded with your name.</p>\n"
                  "</div>\n</div>\n</div>\n</footer>\n</body>\n</html>\n");
}

void gov_error_summary(or_sb *out, const gov_error *errors, int n)
{
    if (n <= 0)
        return;
    html_raw(out, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n"
                  "<div role=\"alert\">\n<h2 class=\"govuk-error-summary__title\">There is a "
                  "problem</h2>\n<div class=\"govuk-error-summary__body\">\n"
                  "<ul class=\"govuk-list govuk-error-summary__list\">\n");
    for (int i = 0; i < n; i++) {
        if (errors[i].field_id)
            html_printf(out, "<li><a href=\"#%s\">%s</a></li>\n", errors[i].field_id,
                        errors[i].message);
        else
            html_printf(out, "<li>%s</li>\n", errors[i].message);
    }
    html_raw(out, "</ul>\n</div>\n</div>\n</div>\n");
}

const char *gov_error_for(const gov_error *errors, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (errors[i].field_id && !strcmp(errors[i].field_id, id))
            return errors[i].message;
    return NULL;
}

void gov_notification(or_sb *out, const char *title, const char *text, bool success)
{
    if (success)
        html_raw(out, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
                      "role=\"alert\" aria-labelledby=\"govuk-notification-banner-title\" "
                      "data-module=\"govuk-notification-banner\">\n");
    else
        html_raw(out, "<div class=\"govuk-notification-banner\" role=\"region\" "
                      "aria-labelledby=\"govuk-notification-banner-title\" "
                      "data-module=\"govuk-notification-banner\">\n");
    html_printf(out,
                "<div class=\"govuk-notification-banner__header\">\n<h2 "
                "class=\"govuk-notification-banner__title\" "
                "id=\"govuk-notification-banner-title\">%s</h2>\n</div>\n"
                "<div class=\"govuk-notification-banner__content\">\n<p "
                "class=\"govuk-notification-banner__heading\">%s</p>\n</div>\n</div>\n",
                title, text);
}

void gov_summary_start(or_sb *out)
{
    html_raw(out, "<dl class=\"govuk-summary-list\">\n");
}

void gov_summary_row(or_sb *out, const char *key, const char *value)
{
    html_printf(out,
                "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                "%s</dt>\n<dd class=\"govuk-summary-list__value\">%s</dd>\n</div>\n",
                key, value);
}

void gov_summary_end(or_sb *out)
{
    html_raw(out, "</dl>\n");
}

void gov_table_start(or_sb *out, const char *caption, const char *const *heads, int n)
{
    html_raw(out, "<table class=\"govuk-table\">\n");
    if (caption)
        html_printf(out,
                    "<caption class=\"govuk-table__caption govuk-table__caption--m\">%s"
                    "</caption>\n",
                    caption);
    html_raw(out, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n");
    for (int i = 0; i < n; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header\">%s</th>\n", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
}

void gov_table_row_start(or_sb *out)
{
    html_raw(out, "<tr class=\"govuk-table__row\">\n");
}

void gov_td(or_sb *out, const char *text)
{
    html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", text);
}

void gov_td_num(or_sb *out, long long n)
{
    html_printf(out, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%lld</td>\n", n);
}

void gov_td_link(or_sb *out, const char *href, const char *text)
{
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"%s\">%s</a>"
                "</td>\n",
                web_local_path(href) ? href : "/", text);
}

void gov_table_row_end(or_sb *out)
{
    html_raw(out, "</tr>\n");
}

void gov_table_end(or_sb *out)
{
    html_raw(out, "</tbody>\n</table>\n");
}

void gov_form_start(or_sb *out, const web_request *req, const char *method, const char *action)
{
    bool post = !strcmp(method, "post");
    html_printf(out, "<form method=\"%s\" action=\"%s\" novalidate>\n", post ? "post" : "get",
                web_local_path(action) ? action : "/");
    if (post)
        html_printf(out, "<input type=\"hidden\" name=\"" WEB_CSRF_FIELD "\" value=\"%s\">\n",
                    req->csrf ? req->csrf : "");
}

void gov_form_end(or_sb *out)
{
    html_raw(out, "</form>\n");
}

void gov_input(or_sb *out, const char *id, const char *label, const char *type, const char *value,
               const char *autocomplete, const char *error)
{
    html_printf(out, "<div class=\"govuk-form-group%s\">\n",
                error ? " govuk-form-group--error" : "");
    html_printf(out, "<label class=\"govuk-label\" for=\"%s\">%s</label>\n", id, label);
    if (error)
        html_printf(out,
                    "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
                    "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
                    id, error);
    html_printf(out, "<input class=\"govuk-input%s\" id=\"%s\" name=\"%s\" type=\"%s\"",
                error ? " govuk-input--error" : "", id, id, type);
    if (value && *value)
        html_printf(out, " value=\"%s\"", value);
    if (autocomplete)
        html_printf(out, " autocomplete=\"%s\"", autocomplete);
    if (!strcmp(type, "email") || !strcmp(type, "password"))
        html_raw(out, " spellcheck=\"false\" autocapitalize=\"none\"");
    if (error)
        html_printf(out, " aria-describedby=\"%s-error\"", id);
    html_raw(out, ">\n</div>\n");
}

void gov_button(or_sb *out, const char *text, bool secondary)
{
    html_printf(out,
                "<button type=\"submit\" class=\"govuk-button%s\" "
                "data-module=\"govuk-button\">%s</button>\n",
                secondary ? " govuk-button--secondary" : "", text);
}
