/* page_hub.c - GET /support, /outside-school, /improvement, /data, /admin: a hub page lists
 * the pages whose route names it (routes.c, `hub`) that the user may open, so that the service
 * navigation holds a dozen items rather than twenty. A page joins a hub by its route line. */
#include <string.h>

#include "web/govuk.h"

/* What each hub is for, in a sentence. */
static const struct {
    const char *hub, *about;
} hubs[] = {
    {HUB_SUPPORT, "Referrals to services, the multi-agency panel, Personal Education Plans and "
                  "the directory of interventions."},
    {HUB_OUTSIDE_SCHOOL, "Children educated outside the mainstream roll: alternative provision, "
                         "children not in school, and young people at risk of not being in "
                         "education, employment or training."},
    {HUB_IMPROVEMENT, "Schools evaluating themselves and improving: reviews and their action "
                      "plans, surveys, workshops, and the vulnerability of each school's pupils."},
    {HUB_DATA, "Getting data in and checking it: uploads, claims of pupils, how fresh each "
               "school's data is, and notifications sent to partners."},
    {HUB_ADMIN, "Accounts, settings, partner recipients and the audit log."},
};

/* What each page on a hub is for (by its route's pattern); a page not here shows its label. */
static const struct {
    const char *pattern, *about;
} pages[] = {
    {"/referrals", "Referrals to partner services and where each one has got to."},
    {"/panel", "Children referred to the multi-agency panel, its meetings and decisions."},
    {"/peps", "Personal Education Plans of looked-after children, and the ones due."},
    {"/interventions", "The directory of interventions schools and services offer."},
    {"/roni", "Pupils in Years 8 to 11 at risk of not being in education, employment or "
              "training, and their scores."},
    {"/children-not-in-school",
     "Children missing education or educated at home, and the enquiries each needs."},
    {"/ap/placements", "Pupils placed in alternative provision, their reviews and providers."},
    {"/reviews", "Self-evaluation reviews against the toolkit's instruments, and their action "
                 "plans."},
    {"/reviews/portfolio", "Across the LA's schools: how many are engaged, the level of each "
                           "area, movement since last year and the reviews due."},
    {"/instruments", "The instruments reviews are made on: add one, or edit one (a new version; "
                     "reviews keep theirs)."},
    {"/surveys", "Surveys of pupils, parents or staff before and after a change, answered "
                 "through a link without an account."},
    {"/workshops", "Workshops to see the whole system together: the system-players map, the "
                   "iceberg, energy for change and the theory of change, with participants "
                   "joining by a link."},
    {"/theories", "Aims, outcomes and activities, with indicators from onroll's figures term "
                  "by term, so you can see whether the theory is working."},
    {"/vulnerability", "Each school's pupils by need, the crossover of needs, attendance and "
                       "exclusions of pupils with and without SEN, and funding."},
    {"/upload", "Send a CSV or Common Transfer File of pupils, exclusions, movements or "
                "attendance."},
    {"/claims", "Pupils a school has asked to add to its roll, waiting for the LA."},
    {"/status", "When each school last sent data, and what came in."},
    {"/notifications", "Notifications sent to partners, and any that failed."},
    {"/admin/settings", "The local authority's settings: its name, codes, neighbours and "
                        "thresholds."},
    {"/admin/recipients", "Who receives each kind of partner notification."},
    {"/admin/audit", "Every read and change of a child's record, with who and when."},
};

void page_hub(const web_request *req, web_response *res)
{
    const web_route *me = req->route;
    unsigned who = WEB_R(req->user->role);
    or_sb *out = &res->body;
    gov_page_start(out, req, me->nav);
    html_printf(out, "<h1 class=\"govuk-heading-l\">%s</h1>\n", me->nav);
    for (size_t i = 0; i < sizeof hubs / sizeof hubs[0]; i++)
        if (!strcmp(hubs[i].hub, me->pattern))
            html_printf(out, "<p class=\"govuk-body\">%s</p>\n", hubs[i].about);
    for (size_t i = 0; i < web_nroutes; i++) {
        const web_route *r = &web_routes[i];
        if (!r->hub || strcmp(r->hub, me->pattern) || !r->nav || strcmp(r->method, "GET") ||
            !(r->roles & who) || strchr(r->pattern, '{'))
            continue;
        html_printf(out,
                    "<h2 class=\"govuk-heading-m govuk-!-margin-bottom-1\"><a class=\"govuk-link\" "
                    "href=\"%s\">%s</a></h2>\n",
                    r->pattern, r->nav);
        for (size_t j = 0; j < sizeof pages / sizeof pages[0]; j++)
            if (!strcmp(pages[j].pattern, r->pattern))
                html_printf(out, "<p class=\"govuk-body\">%s</p>\n", pages[j].about);
    }
    gov_page_end(out, req);
}
