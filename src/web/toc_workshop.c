/* toc_workshop.c - the theory of change's section of a workshop's report (workshop_web.h's hook
 * table: ws_report_toc, ws_summary_toc): the theories that came out of the workshop, each
 * component's items in the toolkit's order, the outcomes' flags and indicators as defined (no
 * figure: the report is read by the workshop's guests too, who see no child's data). Links to
 * the theories and a way to start one only for a signed-in user who may see or change them. */
#include "html/html.h"
#include "web/toc_web.h"
#include "web/workshop_web.h"

static const or_toc_kind build_order[OR_TOC__KINDS] = {OR_TOC_AIM, OR_TOC_OUTCOME, OR_TOC_MECHANISM,
                                                       OR_TOC_MODERATOR, OR_TOC_ACTIVITY};

static void one(const web_request *req, const ws_ctx *w, or_sb *out, const or_toc *t)
{
    or_toc_item *items = NULL;
    int n = 0;
    or_toc_indicator *ind = NULL;
    int ni = 0;
    or_error err = {0};
    if (or_toc_items(req->store, t->id, req->arena, &items, &n, &err) ||
        or_toc_indicators(req->store, t->id, req->arena, &ind, &ni, &err)) {
        html_raw(out, "<p class=\"govuk-body\">The theory of change could not be read.</p>\n");
        return;
    }
    if (!w->guest && toc_can_see(req, t->owner_urn))
        html_printf(out,
                    "<h3 class=\"govuk-heading-s\"><a class=\"govuk-link\" "
                    "href=\"/theories/%lld\">%s</a></h3>\n",
                    t->id, t->title);
    else
        html_printf(out, "<h3 class=\"govuk-heading-s\">%s</h3>\n", t->title);
    html_raw(out, "<dl class=\"govuk-summary-list\">\n");
    for (int k = 0; k < OR_TOC__KINDS; k++) {
        const or_toc_component *c = &or_toc_components[build_order[k]];
        html_printf(out,
                    "<div class=\"govuk-summary-list__row\"><dt "
                    "class=\"govuk-summary-list__key\">%s</dt><dd "
                    "class=\"govuk-summary-list__value\">",
                    c->name);
        int shown = 0;
        for (int i = 0; i < n; i++) {
            if (items[i].kind != build_order[k])
                continue;
            if (!shown++)
                html_raw(out, "<ul class=\"govuk-list govuk-list--bullet\">");
            html_printf(out, "<li>%s", items[i].body);
            if (items[i].kind == OR_TOC_OUTCOME)
                html_printf(out, " (%s%s%s)", items[i].accountable ? "accountable, " : "",
                            items[i].consensus ? "agreed" : "not agreed yet",
                            items[i].priority ? ", most important" : "");
            for (int x = 0; x < ni; x++) {
                if (ind[x].item_id != items[i].id)
                    continue;
                const or_toc_statistic *st = or_toc_statistic_find(ind[x].statistic);
                html_printf(out, ". Indicator: %s, %s, baseline %s, target %s",
                            st ? st->label : ind[x].statistic, toc_cohort_words(req, &ind[x]),
                            ind[x].baseline, ind[x].target);
            }
            html_raw(out, "</li>");
        }
        if (shown)
            html_raw(out, "</ul>");
        else
            html_raw(out, "None");
        html_raw(out, "</dd></div>\n");
    }
    html_raw(out, "</dl>\n");
}

void ws_report_toc(const web_request *req, const ws_ctx *w, or_sb *out)
{
    or_toc *ts = NULL;
    int n = 0;
    or_error err = {0};
    if (or_toc_list_workshop(req->store, w->id, req->arena, &ts, &n, &err)) {
        html_raw(out, "<p class=\"govuk-body\">The theories of change could not be read.</p>\n");
        return;
    }
    if (!n)
        html_raw(out, "<p class=\"govuk-body\">No theory of change came out of this workshop "
                      "yet.</p>\n");
    for (int i = 0; i < n; i++)
        one(req, w, out, &ts[i]);
    if (!w->guest && toc_can_edit(req, w->urn))
        html_printf(out,
                    "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"/theories/new?workshop=%lld\">Start a theory of change from this "
                    "workshop</a></p>\n",
                    (long long)w->id);
}

void ws_summary_toc(const web_request *req, const ws_ctx *w, or_sb *out)
{
    or_toc *ts = NULL;
    int n = 0;
    or_error err = {0};
    if (or_toc_list_workshop(req->store, w->id, req->arena, &ts, &n, &err) || !n) {
        html_raw(out, "None");
        return;
    }
    html_raw(out, "<ul class=\"govuk-list\">");
    for (int i = 0; i < n; i++)
        html_printf(out, "<li>%s</li>", ts[i].title);
    html_raw(out, "</ul>");
}
