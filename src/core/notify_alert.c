/* notify_alert.c - the message of a LOCAL-ATTEND-ALERT alert (attend_alert.h) to the Virtual
 * School and the social worker: from the alert and its school alone, never the child's
 * details (as notify.c's messages of exclusions); the reader signs in to see who. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "onroll/attend_alert.h"
#include "onroll/letters.h"
#include "onroll/sb.h"

/* Paragraph p wrapped at 72 columns, then (with gap) a blank line. */
static void line(or_sb *out, const char *p, bool gap)
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
    or_sb_adds(out, gap ? "\n\n" : "\n");
}

static void para(or_sb *out, const char *p)
{
    line(out, p, true);
}

void or_notify_alert_compose(const or_attend_alert *a, const or_school_info *school,
                             unsigned services, int pa_pct, const char *link, or_arena *arena,
                             or_notify_msg *out)
{
    char day[32], to[512], name[300];
    or_letter_date_words(a->day, day);
    or_services_words(services, to, sizeof to);
    if (school && school->name && *school->name)
        snprintf(name, sizeof name, "%s", school->name);
    else
        snprintf(name, sizeof name, "School URN %d", a->urn);
    out->services = services;
    or_sb b = OR_SB_INIT;
    if (a->kind == OR_ALERT_ABSENCE) {
        out->subject =
            or_arena_printf(arena, "onroll: an unexplained absence on %s at %s", day, name);
        para(&b, or_arena_printf(arena,
                                 "A child you work with was absent from %s on %s with no reason "
                                 "given yet (register code %c).",
                                 name, day, a->code));
    } else {
        out->subject = or_arena_printf(arena, "onroll: attendance below %d%% at %s", pa_pct, name);
        para(&b, or_arena_printf(arena,
                                 "The attendance this school year of a child you work with fell "
                                 "below %d%% (persistent absence) on %s: %d of %d sessions, at "
                                 "%s.",
                                 pa_pct, day, a->attended, a->possible, name));
    }
    para(&b, or_arena_printf(arena,
                             "You are told as %s, under the local authority's protocol for "
                             "telling the Virtual School and the social worker of a looked-after "
                             "child's or a child in need's attendance by the next school day "
                             "(LOCAL-ATTEND-ALERT).",
                             to));
    line(&b, "To see it in onroll and acknowledge it with one click, open:", false);
    or_sb_adds(&b, link);
    or_sb_adds(&b, "\n\n");
    para(&b, "This message holds no details of the child on purpose. Sign in to onroll to see "
             "the child's record, if your role allows it.");
    out->body = or_arena_strdup(arena, or_sb_str(&b));
    or_sb_release(&b);
}

void or_attend_alert_key(const or_attend_alert *a, const char *upn, char *buf, size_t size)
{
    char day[11];
    or_date_format(a->day, day);
    if (a->kind == OR_ALERT_ABSENCE)
        snprintf(buf, size, "ATT-%c-%s-%s", a->code, day, upn);
    else
        snprintf(buf, size, "ATT-PA-%s-%s", day, upn);
}
