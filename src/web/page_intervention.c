/* page_intervention.c - GET /interventions/{id} : one entry of the interventions directory.
 *
 * What it is for, how to access it, what evidence there is, who provides it, what it costs,
 * its level of need (and where that level came from: stated by the guide, inferred from the
 * entry, or set by the LA), the phases and needs it is for, the guide's section. For those who
 * record (a school for its pupils, the LA): "Assign to a pupil", which leads to the pupils list
 * (/pupils?assign=ID) and from the chosen pupil to their interventions page with this entry
 * chosen (/pupils/UPN/interventions?intervention=ID). For the LA: "Edit this entry".
 *
 * Who: every role that may use the directory (routes.c). No pupil's data: nothing audited. */
#include <string.h>

#include "onroll/store_interventions.h"
#include "web/interventions_view.h"
#include "web/view.h"

static void row_start(or_sb *out, const char *key)
{
    html_printf(out,
                "<div class=\"govuk-summary-list__row\">\n<dt class=\"govuk-summary-list__key\">"
                "%s</dt>\n<dd class=\"govuk-summary-list__value\">",
                key);
}

static void row_end(or_sb *out)
{
    html_raw(out, "</dd>\n</div>\n");
}

/* Text with its line breaks kept: a paragraph per line. */
static void paragraphs(or_sb *out, or_arena *a, const char *text)
{
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\r\n");
        if (n)
            html_printf(out, "<p class=\"govuk-body\">%s</p>", or_arena_strndup(a, p, n));
        p += n;
        p += strspn(p, "\r\n");
    }
}

void page_intervention(const web_request *req, web_response *res)
{
    const char *id = web_path(req, "id");
    or_intervention e;
    bool found = false;
    or_error err = {0};
    if (!or_iv_id_ok(id) || or_iv_get(req->store, id, req->arena, &e, &found, &err) || !found) {
        web_error(req, res, 404, "Page not found",
                  "There is no such entry in the interventions directory.");
        return;
    }
    or_sb *out = &res->body;
    gov_page_start(out, req, e.name);
    html_raw(out, "<a href=\"/interventions\" class=\"govuk-back-link\">Back to the "
                  "directory</a>\n");
    if (*web_query(req, "saved"))
        gov_notification(out, "Success", "The entry was saved. The change is in the audit log.",
                         true);
    html_raw(out, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
    html_printf(out, "<span class=\"govuk-caption-l\">Interventions directory, %s</span>\n",
                e.provider);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", e.name);
    html_raw(out, "<p class=\"govuk-body\">");
    iv_level_tag(out, e.level);
    if (!e.active)
        html_raw(out, " <strong class=\"govuk-tag govuk-tag--grey\">No longer offered</strong>");
    html_raw(out, "</p>\n");
    if (*e.description)
        paragraphs(out, req->arena, e.description);

    bool record = (WEB_RECORD_ROLES & WEB_R(req->user->role)) != 0;
    bool la = req->user->role == OR_ROLE_LA_ADMIN || req->user->role == OR_ROLE_LA_OFFICER;
    if (record || la) {
        html_raw(out, "<div class=\"govuk-button-group\">\n");
        if (record && e.active)
            html_printf(out,
                        "<a href=\"/pupils?assign=%t\" role=\"button\" draggable=\"false\" "
                        "class=\"govuk-button\" data-module=\"govuk-button\">Assign to a pupil"
                        "</a>\n",
                        e.id);
        if (la)
            html_printf(out,
                        "<a href=\"/interventions/%t/edit\" role=\"button\" draggable=\"false\" "
                        "class=\"govuk-button govuk-button--secondary\" "
                        "data-module=\"govuk-button\">Edit this entry</a>\n",
                        e.id);
        html_raw(out, "</div>\n");
    }

    gov_summary_start(out);
    row_start(out, "How to access it");
    paragraphs(out, req->arena, e.how_to_access);
    row_end(out);
    row_start(out, "Evidence");
    paragraphs(out, req->arena, *e.evidence ? e.evidence : "Not stated.");
    row_end(out);
    gov_summary_row(out, "Provider", e.provider);
    row_start(out, "Cost");
    html_printf(out, "%s<br><span class=\"onroll-secondary\">%s</span>", or_iv_costs[e.cost].label,
                *e.cost_text ? e.cost_text : "Not stated.");
    row_end(out);
    row_start(out, "Level of need");
    iv_level_tag(out, e.level);
    html_printf(out, "<br><span class=\"onroll-secondary\">%s. %s</span>",
                !strcmp(e.level_basis, OR_IV_BASIS_GUIDE)      ? "Stated by the guide"
                : !strcmp(e.level_basis, OR_IV_BASIS_INFERRED) ? "Inferred by onroll from the "
                                                                 "entry (the guide states no level)"
                                                               : "Set by the local authority",
                e.level_note);
    row_end(out);
    gov_summary_row(out, "Phases",
                    iv_set_words(req->arena, or_iv_phases, OR_IV_PHASE__N, e.phases,
                                 "Every phase (early years, primary, secondary, post-16)"));
    gov_summary_row(out, "Needs",
                    iv_set_words(req->arena, or_iv_needs, OR_IV_NEED__N, e.needs, NULL));
    if (*e.guide_section)
        gov_summary_row(out, "Section of the guide", e.guide_section);
    gov_summary_row(out, "Offered", e.active ? "Yes" : "No: kept for the records that name it");
    if (la) {
        char when[48];
        gov_summary_row(out, "Last changed",
                        or_arena_printf(req->arena, "%s by %s", view_time(e.updated_at, when),
                                        *e.updated_by ? e.updated_by : "unknown"));
    }
    gov_summary_row(out, "Identifier", e.id);
    gov_summary_end(out);
    html_raw(out, "</div>\n</div>\n");
    gov_page_end(out, req);
}
