/* notify.c - partner notifications (notify.h): the partner services as data, who is told of an
 * exclusion (LOCAL-NOTIFY-PARTNERS, shared with protocol.c so that the duty and the messages
 * never disagree), and the words of a message, which are made from the exclusion and its
 * school only. Pure: no I/O, strings in the caller's arena. */
#include <stdio.h>
#include <string.h>

#include "onroll/notify.h"
#include "onroll/sb.h"

static const or_service_def services[OR_SVC__COUNT] = {
    [OR_SVC_SOCIAL_CARE] = {"social_care", "Children's social care", "children's social care"},
    [OR_SVC_VIRTUAL_SCHOOL] = {"virtual_school", "Virtual School", "the Virtual School"},
    [OR_SVC_YOUTH_JUSTICE] = {"youth_justice", "Youth justice service",
                              "the youth justice service"},
    [OR_SVC_REU] = {"reu", "Re-engagement Unit", "the Re-engagement Unit"},
    [OR_SVC_PRU] = {"pru", "Pupil referral unit", "the pupil referral unit"},
    [OR_SVC_MASH] = {"mash", "MASH (multi-agency safeguarding hub)", "the MASH"},
    [OR_SVC_SAFEGUARDING] = {"safeguarding", "Safeguarding partnership",
                             "the safeguarding partnership"},
    [OR_SVC_HEALTH] = {"health", "Health (school nursing)", "health"},
    [OR_SVC_CAMHS] = {"camhs", "CAMHS (child and adolescent mental health services)", "CAMHS"},
    [OR_SVC_POLICE] = {"police_liaison", "Police (schools liaison)", "the police"},
    [OR_SVC_EARLY_HELP] = {"early_help", "Early help", "early help"},
};

const or_service_def *or_service_at(or_service s)
{
    return (unsigned)s < OR_SVC__COUNT ? &services[s] : NULL;
}

int or_service_parse(const char *id)
{
    for (int s = 0; id && s < OR_SVC__COUNT; s++)
        if (!strcmp(id, services[s].id))
            return s;
    return -1;
}

const char *or_service_ids(void)
{
    return "social_care, virtual_school, youth_justice, reu, pru, mash, safeguarding, health, "
           "camhs, police_liaison, early_help";
}

unsigned or_notify_services(const or_pupil_facts *f, const or_fact_event *e,
                            const or_school_info *school)
{
    const or_fact_snapshot *s = or_facts_snapshot_on(f, e->decided);
    bool cla = s && s->cla == 1, pla = s && s->pla == 1;
    bool sw = or_facts_has_social_worker(f, e->decided);
    unsigned out = 0;
    if (s && (s->cin == 1 || s->cp == 1 || cla))
        out |= OR_SVC_BIT(OR_SVC_SOCIAL_CARE);
    if (cla || pla || sw)
        out |= OR_SVC_BIT(OR_SVC_VIRTUAL_SCHOOL);
    if (s && s->yjs == 1)
        out |= OR_SVC_BIT(OR_SVC_YOUTH_JUSTICE);
    if (school && school->phase && !strcmp(school->phase, "primary"))
        out |= OR_SVC_BIT(OR_SVC_REU);
    if (e->kind == OR_EV_PERMANENT)
        out |= OR_SVC_BIT(OR_SVC_PRU) | OR_SVC_BIT(OR_SVC_MASH) | OR_SVC_BIT(OR_SVC_SAFEGUARDING);
    return out;
}

static int count(unsigned set)
{
    int n = 0;
    for (int s = 0; s < OR_SVC__COUNT; s++)
        n += (set & OR_SVC_BIT(s)) != 0;
    return n;
}

void or_services_words(unsigned set, char *buf, size_t size)
{
    int total = count(set), k = 0;
    size_t n = 0;
    buf[0] = '\0';
    for (int s = 0; s < OR_SVC__COUNT; s++) {
        if (!(set & OR_SVC_BIT(s)))
            continue;
        const char *sep = k == 0 ? "" : k == total - 1 ? " and " : ", ";
        int w = snprintf(buf + n, n < size ? size - n : 0, "%s%s", sep, services[s].label);
        if (w > 0)
            n += (size_t)w;
        k++;
    }
}

void or_services_ids(unsigned set, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int s = 0; s < OR_SVC__COUNT; s++) {
        if (!(set & OR_SVC_BIT(s)))
            continue;
        int w = snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? "," : "", services[s].id);
        if (w > 0)
            n += (size_t)w;
    }
}

bool or_services_parse(const char *ids, unsigned *out)
{
    *out = 0;
    const char *p = ids ? ids : "";
    while (*p) {
        size_t len = strcspn(p, ",");
        char id[32];
        if (len == 0 || len >= sizeof id)
            return false;
        memcpy(id, p, len);
        id[len] = '\0';
        int s = or_service_parse(id);
        if (s < 0)
            return false;
        *out |= OR_SVC_BIT(s);
        p += len;
        if (*p == ',')
            p++;
    }
    return *out != 0;
}

/* "6 October 2025" into buf (24 bytes). */
static const char *long_date(or_date d, char buf[24])
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    int y, m, day;
    if (d == OR_DATE_NONE) {
        snprintf(buf, 24, "an unrecorded date");
        return buf;
    }
    or_date_to_ymd(d, &y, &m, &day);
    snprintf(buf, 24, "%d %s %d", day, months[(m - 1) % 12], y);
    return buf;
}

/* "suspension of 2.5 days", "lunchtime suspension of 3 lunchtimes", "permanent exclusion". */
static void what(const or_fact_event *e, char *buf, size_t size)
{
    int n = e->sessions;
    switch (e->kind) {
    case OR_EV_PERMANENT:
        snprintf(buf, size, "permanent exclusion");
        return;
    case OR_EV_LUNCHTIME:
        if (n >= 0)
            snprintf(buf, size, "lunchtime suspension of %d lunchtime%s", n, n == 1 ? "" : "s");
        else
            snprintf(buf, size, "lunchtime suspension");
        return;
    default:
        if (n >= 0)
            snprintf(buf, size, "suspension of %d%s day%s", n / 2, n % 2 ? ".5" : "",
                     n == 2 ? "" : "s");
        else
            snprintf(buf, size, "suspension");
    }
}

void or_notify_event_words(const or_fact_event *e, char *buf, size_t size)
{
    char kind[64], day[24];
    what(e, kind, sizeof kind);
    long_date(e->start, day);
    snprintf(buf, size, "%s from %s", kind, day);
}

/* Append paragraph p to out, wrapped at 72 columns (a word longer than that, such as a link,
 * on a line of its own), then a newline. */
static void wrap(or_sb *out, const char *p)
{
    size_t col = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        if (col && col + 1 + w > 72) {
            or_sb_addc(out, '\n');
            col = 0;
        } else if (col) {
            or_sb_addc(out, ' ');
            col++;
        }
        or_sb_add(out, p, w);
        col += w;
        p += w;
    }
    or_sb_addc(out, '\n');
}

void or_notify_compose(const or_fact_event *e, const or_school_info *school, unsigned set,
                       const char *link, or_arena *a, or_notify_msg *out)
{
    char kind[64], day[24], to[512], name[300];
    what(e, kind, sizeof kind);
    long_date(e->start, day);
    or_services_words(set, to, sizeof to);
    if (school && school->name && *school->name)
        snprintf(name, sizeof name, "%s", school->name);
    else
        snprintf(name, sizeof name, "School URN %d", e->urn);
    out->services = set;
    out->subject = or_arena_printf(a, "onroll: %s from %s at %s", kind, day, name);
    or_sb b = OR_SB_INIT;
    char *p = or_arena_printf(a, "%s has recorded a %s from %s.", name, kind, day);
    wrap(&b, p);
    or_sb_addc(&b, '\n');
    p = or_arena_printf(a,
                        "You are told as %s, under the local authority's protocol for telling "
                        "partner services of every suspension and exclusion that concerns them "
                        "(LOCAL-NOTIFY-PARTNERS).",
                        to);
    wrap(&b, p);
    or_sb_addc(&b, '\n');
    wrap(&b, "To see it in onroll and acknowledge it with one click, open:");
    or_sb_adds(&b, link);
    or_sb_adds(&b, "\n\n");
    wrap(&b, "This message holds no details of the child on purpose. Sign in to onroll to see "
             "the child's record, if your role allows it.");
    out->body = or_arena_strdup(a, or_sb_str(&b));
    or_sb_release(&b);
}

int or_notify_messages(const or_pupil_facts *f, const or_fact_event *e,
                       const or_school_info *school, const char *link, or_arena *a,
                       or_notify_msg **out)
{
    unsigned set = or_notify_services(f, e, school);
    *out = or_arena_calloc(a, OR_SVC__COUNT, sizeof **out);
    int n = 0;
    for (int s = 0; s < OR_SVC__COUNT; s++)
        if (set & OR_SVC_BIT(s))
            or_notify_compose(e, school, OR_SVC_BIT(s), link, a, &(*out)[n++]);
    return n;
}
