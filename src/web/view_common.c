/* view_common.c - the HTML pieces the dashboard, school, pupils and pupil pages share (view.h):
 * dates and times in GOV.UK style ("24 November 2026"), tags, key figures, and the tables of
 * duties and pupils. Written with html.h's escaping helpers only. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "onroll/codes.h"
#include "onroll/stats.h"
#include "web/forms.h"
#include "web/view.h"

static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

const char *view_date(or_date d, char buf[24])
{
    return or_fmt_date(d, buf); /* labels.h: the one date style */
}

const char *view_time(const char *iso, char buf[48])
{
    buf[0] = '\0';
    int64_t t = view_iso_seconds(iso);
    if (t < 0)
        return buf;
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm); /* the LA's time (the server's zone) */
    int h = tm.tm_hour % 12 ? tm.tm_hour % 12 : 12;
    snprintf(buf, 48, "%d %s %d at %d:%02d%s", tm.tm_mday, months[tm.tm_mon % 12],
             tm.tm_year + 1900, h, tm.tm_min, tm.tm_hour < 12 ? "am" : "pm");
    return buf;
}

void view_tag(or_sb *out, const char *text, const char *colour)
{
    if (colour)
        html_printf(out, "<strong class=\"govuk-tag govuk-tag--%s\">%s</strong>", colour, text);
    else
        html_printf(out, "<strong class=\"govuk-tag\">%s</strong>", text);
}

const char *view_event_label(const char *type)
{
    return or_label_event(type); /* labels.h: the one table */
}

const char *view_event_name(or_arena *a, const or_fact_event *e)
{
    char buf[128];
    or_event_name(or_event_kind_name(e->kind), e->start, e->sessions, e->end, buf, sizeof buf);
    return or_arena_strdup(a, buf);
}

bool view_internal_id(const char *event_id)
{
    return event_id && !strncmp(event_id, "WEB-", 4);
}

void view_reasons(or_sb *out, const char *reasons, or_date d)
{
    char code[16];
    for (const char *p = reasons; p && *p;) {
        size_t n = strcspn(p, ";");
        snprintf(code, sizeof code, "%.*s", (int)(n < 15 ? n : 15), p);
        const or_code_entry *e = or_code_find(OR_CS_EXCL_REASON, code, d);
        if (p != reasons)
            html_raw(out, "; ");
        html_text(out, e && e->description ? e->description : code);
        p += n;
        if (*p == ';')
            p++;
    }
}

const char *view_route_label(const char *route)
{
    if (!route || !*route)
        return "None";
    if (!strcmp(route, "api"))
        return "MIS API";
    if (!strcmp(route, "file"))
        return "CSV file";
    if (!strcmp(route, "ctf"))
        return "Common Transfer File";
    if (!strcmp(route, "form"))
        return "Web form";
    if (!strcmp(route, "demo"))
        return "Demo data";
    return route;
}

const char *view_share_label(view_share s, const char **colour)
{
    switch (s) {
    case VIEW_SHARE_OK:
        *colour = "green";
        return "Up to date";
    case VIEW_SHARE_LATE:
        *colour = "yellow";
        return "Late";
    case VIEW_SHARE_STOPPED:
        *colour = "red";
        return "Not sharing";
    default:
        *colour = "red";
        return "Never shared";
    }
}

void view_funnel_tag(or_sb *out, const char *funnel)
{
    if (!strcmp(funnel, "of concern"))
        view_tag(out, "Of concern", "red");
    else if (!strcmp(funnel, "watch"))
        view_tag(out, "Watch", "orange");
    else if (!strcmp(funnel, "within"))
        view_tag(out, "Within limits", "grey");
    else if (!strcmp(funnel, "low"))
        view_tag(out, "Low", "blue");
    else if (!strcmp(funnel, "very low"))
        view_tag(out, "Very low", "blue");
    else
        html_text(out, funnel); /* "c" (suppressed), "z" (not applicable) */
}

const char *view_duty_status(or_duty_status s, const char **colour)
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
        return "To do";
    }
}

static void td_pupil(or_sb *out, const char *upn, const char *name)
{
    html_printf(out,
                "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/pupils/%t\">%s"
                "</a></td>\n",
                upn, name && *name ? name : upn);
}

void view_td_school(or_sb *out, const web_request *req, const view_snapshot *snap, int urn)
{
    if (urn > 0 && !web_can_see_school(req, urn))
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", view_school_name(snap, urn));
    else if (urn > 0)
        html_printf(out,
                    "<td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
                    "href=\"/schools/%d\">%s</a></td>\n",
                    urn, view_school_name(snap, urn));
    else
        html_raw(out, "<td class=\"govuk-table__cell\">None</td>\n");
}

static void table_head(or_sb *out, const char *caption, const char *const *heads,
                       const bool *numeric, int n)
{
    html_raw(out, "<table class=\"govuk-table\">\n");
    html_printf(out,
                "<caption class=\"govuk-table__caption govuk-table__caption--s\">%s</caption>\n",
                caption);
    html_raw(out, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n");
    for (int i = 0; i < n; i++)
        html_printf(out, "<th scope=\"col\" class=\"govuk-table__header%s\">%s</th>\n",
                    numeric && numeric[i] ? " govuk-table__header--numeric" : "", heads[i]);
    html_raw(out, "</tr>\n</thead>\n<tbody class=\"govuk-table__body\">\n");
}

void view_duties_table(or_sb *out, const web_request *req, const char *caption,
                       const or_duty *const *duties, int n, const view_snapshot *names,
                       bool show_school, int max)
{
    const char *heads[6];
    int nh = 0;
    heads[nh++] = "Due";
    if (names)
        heads[nh++] = "Pupil";
    if (show_school)
        heads[nh++] = "School";
    heads[nh++] = "What must be done";
    heads[nh++] = "Who";
    heads[nh++] = "Status";
    table_head(out, caption, heads, NULL, nh);
    char buf[24];
    for (int i = 0; i < n && i < max; i++) {
        const or_duty *d = duties[i];
        html_raw(out, "<tr class=\"govuk-table__row\">\n");
        if (d->due == OR_DATE_NONE)
            html_raw(out, "<td class=\"govuk-table__cell\">No fixed date</td>\n");
        else
            html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", view_date(d->due, buf));
        if (names) {
            const view_pupil *p = view_find_pupil(names, d->upn);
            td_pupil(out, d->upn, p ? p->name : d->upn);
        }
        if (show_school) {
            if (names)
                view_td_school(out, req, names, d->urn);
            else
                html_printf(out, "<td class=\"govuk-table__cell\">%d</td>\n", d->urn);
        }
        html_printf(out,
                    "<td class=\"govuk-table__cell\">%s<br><span class=\"onroll-secondary\">%s",
                    d->rule ? d->rule->summary : "", d->rule ? d->rule->id : "");
        if (d->event_id && *d->event_id && !web_event_id_ok(d->event_id)) /* the MIS's own id */
            html_printf(out, ", event %s", d->event_id);
        html_raw(out, "</span></td>\n");
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", d->rule ? d->rule->who : "");
        const char *colour;
        const char *words = view_duty_status(d->status, &colour);
        html_raw(out, "<td class=\"govuk-table__cell\">");
        view_tag(out, words, colour);
        if (d->status == OR_DUTY_DONE && d->done_on != OR_DATE_NONE)
            html_printf(out, " <span class=\"onroll-secondary\">on %s</span>",
                        view_date(d->done_on, buf));
        html_raw(out, "</td>\n</tr>\n");
    }
    html_raw(out, "</tbody>\n</table>\n");
    char b[OR_FMT_INT_LEN];
    if (n > max)
        html_printf(out,
                    "<p class=\"govuk-body\">And %s more: <a class=\"govuk-link\" "
                    "href=\"/duties\">see every duty on the duties list</a>.</p>\n",
                    or_fmt_int(n - max, b));
}

void view_pupils_table(or_sb *out, const web_request *req, const char *caption,
                       const view_snapshot *snap, const view_pupil *const *pupils, int n)
{
    static const char *const heads[] = {
        "Name", "UPN", "Year group", "School", "Risk indicators", "Duties overdue"};
    static const bool numeric[] = {false, false, false, false, true, true};
    table_head(out, caption, heads, numeric, 6);
    int mine = web_user_school(req);
    for (int i = 0; i < n; i++) {
        const view_pupil *p = pupils[i];
        html_raw(out, "<tr class=\"govuk-table__row\">\n");
        td_pupil(out, p->upn, p->name);
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n", p->upn);
        html_printf(out, "<td class=\"govuk-table__cell\">%s</td>\n",
                    p->year_words[0] ? p->year_words : "Not recorded");
        if (mine && or_view_school(p->f, mine, snap->as_of, or_model_params(snap->model)).kind !=
                        OR_VIEW_WHOLE) {
            /* a pupil who has left the school: not where they went, nor what others recorded */
            html_raw(out, "<td class=\"govuk-table__cell\">Left your school</td>\n"
                          "<td class=\"govuk-table__cell govuk-table__cell--numeric\">Not shown"
                          "</td>\n<td class=\"govuk-table__cell govuk-table__cell--numeric\">Not "
                          "shown</td>\n</tr>\n");
            continue;
        }
        view_td_school(out, req, snap, p->urn);
        html_printf(out,
                    "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n"
                    "<td class=\"govuk-table__cell govuk-table__cell--numeric\">%d</td>\n</tr>\n",
                    p->nflags, p->overdue);
    }
    html_raw(out, "</tbody>\n</table>\n");
}

void view_figures(or_sb *out, const view_figure *f, int n)
{
    html_raw(out, "<dl class=\"onroll-figures\">\n");
    for (int i = 0; i < n; i++) {
        html_raw(out, "<div class=\"onroll-figures__item\">\n<dt class=\"onroll-figures__label\">");
        if (f[i].href)
            html_printf(out, "<a class=\"govuk-link\" href=\"%s\">%s</a>",
                        web_local_path(f[i].href) || f[i].href[0] == '#' ? f[i].href : "/",
                        f[i].label);
        else
            html_text(out, f[i].label);
        html_printf(out, "</dt>\n<dd class=\"onroll-figures__value\">%s</dd>\n</div>\n",
                    f[i].value);
    }
    html_raw(out, "</dl>\n");
}

const char *view_count(int64_t n, bool suppress, char buf[24])
{
    if (suppress && n >= 1 && n <= OR_SUPPRESS_THRESHOLD)
        snprintf(buf, 24, "c");
    else {
        char num[OR_FMT_INT_LEN]; /* "37,166": thousands separators (labels.h) */
        snprintf(buf, 24, "%s", or_fmt_int(n, num));
    }
    return buf;
}

bool view_pupil_matches(const char *text, const view_pupil *p)
{
    size_t n = strlen(text);
    if (!n)
        return true;
    if (strlen(p->upn) >= n && !strncasecmp(p->upn, text, n))
        return true;
    for (const char *s = p->name; s && *s; s++)
        if (!strncasecmp(s, text, n))
            return true;
    return false;
}
