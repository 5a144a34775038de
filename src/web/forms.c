/* forms.c - the GOV.UK Frontend form components the data-entry pages use beyond govuk.h
 * (forms.h), written from govuk-frontend 6's Nunjucks templates (node_modules/govuk-frontend/
 * dist/govuk/components/<name>/template.njk) with every datum escaped, and a pupil's duties as
 * a table with a link to record each one's action. */
#include <stdio.h>
#include <string.h>

#include "onroll/rules.h"
#include "web/forms.h"

void gov_form_start_upload(or_sb *out, const web_request *req, const char *action)
{
    html_printf(out,
                "<form method=\"post\" action=\"%s\" enctype=\"multipart/form-data\" "
                "novalidate>\n",
                web_local_path(action) ? action : "/");
    gov_hidden(out, WEB_CSRF_FIELD, req->csrf ? req->csrf : "");
}

void gov_hidden(or_sb *out, const char *name, const char *value)
{
    html_printf(out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name,
                value ? value : "");
}

void gov_button_value(or_sb *out, const char *text, const char *name, const char *value,
                      bool secondary)
{
    html_printf(out,
                "<button type=\"submit\" name=\"%s\" value=\"%s\" class=\"govuk-button%s\" "
                "data-module=\"govuk-button\">%s</button>\n",
                name, value, secondary ? " govuk-button--secondary" : "", text);
}

/* The error message of a field, with its id for aria-describedby. */
static void error_message(or_sb *out, const char *id, const char *error)
{
    html_printf(out,
                "<p id=\"%s-error\" class=\"govuk-error-message\"><span "
                "class=\"govuk-visually-hidden\">Error:</span> %s</p>\n",
                id, error);
}

static void hint(or_sb *out, const char *id, const char *text)
{
    html_printf(out, "<div id=\"%s-hint\" class=\"govuk-hint\">%s</div>\n", id, text);
}

/* aria-describedby="ID-hint ID-error" for what there is. */
static void described_by(or_sb *out, const char *id, const char *hint_text, const char *error)
{
    if (!hint_text && !error)
        return;
    html_raw(out, " aria-describedby=\"");
    if (hint_text)
        html_printf(out, "%s-hint", id);
    if (error)
        html_printf(out, "%s%s-error", hint_text ? " " : "", id);
    html_raw(out, "\"");
}

static void group_start(or_sb *out, const char *error)
{
    html_printf(out, "<div class=\"govuk-form-group%s\">\n",
                error ? " govuk-form-group--error" : "");
}

void gov_text_input(or_sb *out, const char *id, const char *label, const char *hint_text,
                    const char *value, const char *width, const char *error)
{
    group_start(out, error);
    html_printf(out, "<label class=\"govuk-label\" for=\"%s\">%s</label>\n", id, label);
    if (hint_text)
        hint(out, id, hint_text);
    if (error)
        error_message(out, id, error);
    html_printf(out, "<input class=\"govuk-input%s%s%s\" id=\"%s\" name=\"%s\" type=\"text\"",
                width ? " " : "", width ? width : "", error ? " govuk-input--error" : "", id, id);
    if (value && *value)
        html_printf(out, " value=\"%s\"", value);
    described_by(out, id, hint_text, error);
    html_raw(out, ">\n</div>\n");
}

static void date_item(or_sb *out, const char *id, const char *part, const char *label,
                      const char *value, int width, bool error)
{
    html_printf(out,
                "<div class=\"govuk-date-input__item\">\n<div class=\"govuk-form-group\">\n"
                "<label class=\"govuk-label govuk-date-input__label\" for=\"%s-%s\">%s</label>\n"
                "<input class=\"govuk-input govuk-date-input__input%s govuk-input--width-%d\" "
                "id=\"%s-%s\" name=\"%s-%s\" type=\"text\" inputmode=\"numeric\"",
                id, part, label, error ? " govuk-input--error" : "", width, id, part, id, part);
    if (value && *value)
        html_printf(out, " value=\"%s\"", value);
    html_raw(out, ">\n</div>\n</div>\n");
}

/* A form group's fieldset with its legend, hint and error message (a date input's is a
 * role="group"). */
static void fieldset_start(or_sb *out, const char *id, const char *legend, const char *hint_text,
                           const char *error, bool group)
{
    group_start(out, error);
    html_raw(out, "<fieldset class=\"govuk-fieldset\"");
    if (group)
        html_raw(out, " role=\"group\"");
    described_by(out, id, hint_text, error);
    html_printf(out,
                ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">%s"
                "</legend>\n",
                legend);
    if (hint_text)
        hint(out, id, hint_text);
    if (error)
        error_message(out, id, error);
}

void gov_date_input(or_sb *out, const char *id, const char *legend, const char *hint_text,
                    const char *day, const char *month, const char *year, const char *error)
{
    fieldset_start(out, id, legend, hint_text, error, true);
    html_printf(out, "<div class=\"govuk-date-input\" id=\"%s\">\n", id);
    date_item(out, id, "day", "Day", day, 2, error != NULL);
    date_item(out, id, "month", "Month", month, 2, error != NULL);
    date_item(out, id, "year", "Year", year, 4, error != NULL);
    html_raw(out, "</div>\n</fieldset>\n</div>\n");
}

/* The id of item i of a group named id: id itself for the first (the error summary's link),
 * then id-2, id-3... */
static void item_id(or_sb *out, const char *id, int i)
{
    if (i == 0)
        html_text(out, id);
    else
        html_printf(out, "%s-%d", id, i + 1);
}

static void choices(or_sb *out, const char *kind, const char *id, const gov_choice *items, int n,
                    const char *checked, const bool *ticked)
{
    for (int i = 0; i < n; i++) {
        bool on = ticked ? ticked[i] : (checked && !strcmp(checked, items[i].value));
        html_printf(out, "<div class=\"govuk-%s__item\">\n<input class=\"govuk-%s__input\" id=\"",
                    kind, kind);
        item_id(out, id, i);
        html_printf(out, "\" name=\"%s\" type=\"%s\" value=\"%s\"%s", id,
                    !strcmp(kind, "radios") ? "radio" : "checkbox", items[i].value,
                    on ? " checked" : "");
        if (items[i].hint) {
            html_raw(out, " aria-describedby=\"");
            item_id(out, id, i);
            html_raw(out, "-item-hint\"");
        }
        html_printf(out, ">\n<label class=\"govuk-label govuk-%s__label\" for=\"", kind);
        item_id(out, id, i);
        html_printf(out, "\">%s</label>\n", items[i].label);
        if (items[i].hint) {
            html_raw(out, "<div id=\"");
            item_id(out, id, i);
            html_printf(out, "-item-hint\" class=\"govuk-hint govuk-%s__hint\">%s</div>\n", kind,
                        items[i].hint);
        }
        html_raw(out, "</div>\n");
    }
}

void gov_radios(or_sb *out, const char *id, const char *legend, const char *hint_text,
                const gov_choice *items, int n, const char *checked, const char *error, bool small)
{
    fieldset_start(out, id, legend, hint_text, error, false);
    html_printf(out, "<div class=\"govuk-radios%s\" data-module=\"govuk-radios\">\n",
                small ? " govuk-radios--small" : "");
    choices(out, "radios", id, items, n, checked, NULL);
    html_raw(out, "</div>\n</fieldset>\n</div>\n");
}

void gov_checkboxes(or_sb *out, const char *id, const char *legend, const char *hint_text,
                    const gov_choice *items, int n, const bool *checked, const char *error)
{
    fieldset_start(out, id, legend, hint_text, error, false);
    html_raw(out, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
                  "data-module=\"govuk-checkboxes\">\n");
    choices(out, "checkboxes", id, items, n, NULL, checked);
    html_raw(out, "</div>\n</fieldset>\n</div>\n");
}

void gov_textarea(or_sb *out, const char *id, const char *label, const char *hint_text,
                  const char *value, int rows, const char *error)
{
    group_start(out, error);
    html_printf(out, "<label class=\"govuk-label\" for=\"%s\">%s</label>\n", id, label);
    if (hint_text)
        hint(out, id, hint_text);
    if (error)
        error_message(out, id, error);
    html_printf(out, "<textarea class=\"govuk-textarea%s\" id=\"%s\" name=\"%s\" rows=\"%d\"",
                error ? " govuk-textarea--error" : "", id, id, rows);
    described_by(out, id, hint_text, error);
    html_printf(out, ">%s</textarea>\n</div>\n", value ? value : "");
}

void gov_select(or_sb *out, const char *id, const char *label, const char *hint_text,
                const gov_choice *items, int n, const char *selected, const char *error)
{
    group_start(out, error);
    html_printf(out, "<label class=\"govuk-label\" for=\"%s\">%s</label>\n", id, label);
    if (hint_text)
        hint(out, id, hint_text);
    if (error)
        error_message(out, id, error);
    html_printf(out, "<select class=\"govuk-select%s\" id=\"%s\" name=\"%s\"",
                error ? " govuk-select--error" : "", id, id);
    described_by(out, id, hint_text, error);
    html_raw(out, ">\n");
    for (int i = 0; i < n; i++)
        html_printf(out, "<option value=\"%s\"%s>%s</option>\n", items[i].value,
                    selected && !strcmp(selected, items[i].value) ? " selected" : "",
                    items[i].label);
    html_raw(out, "</select>\n</div>\n");
}

void gov_file_upload(or_sb *out, const char *id, const char *label, const char *hint_text,
                     const char *accept, const char *error)
{
    group_start(out, error);
    html_printf(out, "<label class=\"govuk-label\" for=\"%s\">%s</label>\n", id, label);
    if (hint_text)
        hint(out, id, hint_text);
    if (error)
        error_message(out, id, error);
    html_printf(out, "<input class=\"govuk-file-upload%s\" id=\"%s\" name=\"%s\" type=\"file\"",
                error ? " govuk-file-upload--error" : "", id, id);
    if (accept)
        html_printf(out, " accept=\"%s\"", accept);
    described_by(out, id, hint_text, error);
    html_raw(out, ">\n</div>\n");
}

void gov_warning(or_sb *out, const char *text)
{
    html_printf(out,
                "<div class=\"govuk-warning-text\">\n<span class=\"govuk-warning-text__icon\" "
                "aria-hidden=\"true\">!</span>\n<strong class=\"govuk-warning-text__text\">"
                "<span class=\"govuk-visually-hidden\">Warning</span> %s</strong>\n</div>\n",
                text);
}

const char *web_date_human(or_date d, char buf[24])
{
    buf[0] = '\0';
    if (d != OR_DATE_NONE)
        or_date_human(d, buf);
    return buf;
}

static const char *status_words(or_duty_status s, const char **colour)
{
    switch (s) {
    case OR_DUTY_OVERDUE:
        *colour = "red";
        return "Overdue";
    case OR_DUTY_DONE:
        *colour = "green";
        return "Done";
    default:
        *colour = "blue";
        return "Open";
    }
}

void web_duties_table(or_sb *out, const char *caption, const char *upn, const or_duty *duties,
                      int n, bool record_links)
{
    html_raw(out, "<table class=\"govuk-table\">\n");
    if (caption)
        html_printf(out,
                    "<caption class=\"govuk-table__caption govuk-table__caption--m\">%s"
                    "</caption>\n",
                    caption);
    html_raw(out, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Duty</th>\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Who</th>\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Due</th>\n"
                  "<th scope=\"col\" class=\"govuk-table__header\">Status</th>\n");
    if (record_links)
        html_raw(out, "<th scope=\"col\" class=\"govuk-table__header\">"
                      "<span class=\"govuk-visually-hidden\">Action</span></th>\n");
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
    for (int i = 0; i < n; i++) {
        const or_duty *d = &duties[i];
        const char *colour;
        const char *status = status_words(d->status, &colour);
        char due[24], done[24];
        html_raw(out, "<tr class=\"govuk-table__row\">\n<td class=\"govuk-table__cell\">");
        html_printf(out, "<strong>%s</strong><br>%s", d->rule->id, d->rule->summary);
        if (d->detail && *d->detail)
            html_printf(out, "<br><span class=\"govuk-hint\">%s</span>", d->detail);
        if (d->rule->unconfirmed)
            html_printf(out, "<br><span class=\"govuk-body-s\">Source: %s</span>", d->rule->source);
        html_raw(out, "</td>\n");
        gov_td(out, d->rule->who);
        gov_td(out, d->due == OR_DATE_NONE ? "No fixed date" : web_date_human(d->due, due));
        html_printf(out,
                    "<td class=\"govuk-table__cell\"><strong class=\"govuk-tag govuk-tag--%s\">"
                    "%s</strong>",
                    colour, status);
        if (d->status == OR_DUTY_DONE && d->done_on != OR_DATE_NONE)
            html_printf(out, "<br>%s", web_date_human(d->done_on, done));
        html_raw(out, "</td>\n");
        if (record_links) {
            html_raw(out, "<td class=\"govuk-table__cell\">");
            if (d->status != OR_DUTY_DONE) {
                char urn[16];
                snprintf(urn, sizeof urn, "%d", d->urn);
                html_printf(out,
                            "<a class=\"govuk-link\" href=\"/pupils/%t/action?urn=%t&amp;"
                            "event=%t&amp;rule=%t\">Record<span class=\"govuk-visually-hidden\"> "
                            "%s</span></a>",
                            upn, urn, d->event_id ? d->event_id : "", d->rule->id, d->rule->id);
            }
            html_raw(out, "</td>\n");
        }
        html_raw(out, "</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
}

static ssize_t body_write(void *cookie, const char *buf, size_t size)
{
    or_sb_add(cookie, buf, size);
    return (ssize_t)size;
}

FILE *web_body_stream(web_response *res)
{
    cookie_io_functions_t io = {NULL, body_write, NULL, NULL};
    return fopencookie(&res->body, "w", io);
}

void gov_check_page_end(or_sb *out, const web_request *req, const char *save_label)
{
    html_raw(out, "<div class=\"govuk-button-group\">\n");
    gov_button_value(out, save_label, "action", "save", false);
    gov_button_value(out, "Change", "action", "change", true);
    html_raw(out, "</div>\n");
    gov_form_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
}

void web_pupil_schools(const web_request *req, const or_model *m, const char *upn, web_schools *out)
{
    memset(out, 0, sizeof *out);
    const or_pupil_facts *f = m ? or_model_find(m, upn) : NULL;
    if (!f)
        return;
    or_date today = web_today(req);
    for (int i = f->nenrols - 1; i >= 0; i--) { /* the latest first */
        const or_fact_enrolment *en = &f->enrols[i];
        char urn[16];
        snprintf(urn, sizeof urn, "%d", en->urn);
        bool seen = false;
        for (int j = 0; j < out->n; j++)
            seen |= !strcmp(out->items[j].value, urn);
        if (!out->current[0] && en->reg_type == 'm' && en->start <= today &&
            (en->end == OR_DATE_NONE || en->end >= today))
            snprintf(out->current, sizeof out->current, "%s", urn);
        if (seen || out->n == (int)(sizeof out->items / sizeof out->items[0]))
            continue;
        const or_school_info *s = or_model_school(m, en->urn);
        char from[24], to[24];
        web_date_human(en->start, from);
        web_date_human(en->end, to);
        out->items[out->n++] = (gov_choice){
            or_arena_strdup(req->arena, urn),
            or_arena_printf(req->arena, "%s (URN %s)", s && s->name ? s->name : "School", urn),
            or_arena_printf(req->arena, "On roll from %s%s%s", from, to[0] ? " to " : "", to)};
    }
    if (!out->current[0] && out->n)
        snprintf(out->current, sizeof out->current, "%s", out->items[0].value);
}

int gov_choice_cmp(const void *x, const void *y)
{
    const gov_choice *a = x, *b = y;
    int c = strcmp(a->label, b->label);
    return c ? c : strcmp(a->value, b->value);
}
