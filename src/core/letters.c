/* letters.c - the statutory letters (letters.h): the kinds as data, and filling a letter from
 * plain facts, every date counted on the school's calendar as src/rules/statutory.c counts it:
 *
 *   - the school days a suspension covers: or_excl_days (sessions / 2 consecutive school days
 *     from its start, the last one half a day when sessions is odd); a permanent exclusion's
 *     first five: NTH(start, 1..5);
 *   - the days the pupil must not be in a public place in school hours (STAT-NOTICE-S104,
 *     Education and Inspections Act 2006 s103-104): the exclusion's school days among its first
 *     five, before any full-time provision starts (reading L1 of tests/unit/test_letters.c),
 *     for a pupil of compulsory school age on its first day;
 *   - full-time provision from the sixth school day: STAT-6TH-DAY-SCHOOL, NTH(run start, 6)
 *     when it falls within the suspension (a run of back-to-back suspensions counts as one);
 *     STAT-6TH-DAY-LA, NTH(start, 6); neither when the pupil is then past compulsory school age;
 *   - the governing board (STAT-NOTIFY-GB, STAT-GB-15DAY, STAT-GB-50DAY, STAT-GB-EXAM) by the
 *     term total and the same thresholds; the board meets within AFTER(notice received, 15);
 *   - the review (STAT-IRP-APPLY): AFTER(deemed receipt of the board's decision, 15), deemed
 *     receipt by or_deemed_date (handed over: that day; post or email: the second working day).
 *
 * The words follow the DfE guidance on what each notice must say (the rule catalogue,
 * src/rules/catalogue.c, gives the sources). The settings people fill once (settings.h: the
 * head teacher, the clerk to the governors, the school's address, the LA's exclusions team) fill
 * their places; where only the school knows something (the parent's name, the board's reasons)
 * or a setting is not filled, the letter leaves a gap in square brackets, which or_letter_gap
 * finds and or_letter_missing_settings names. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/codes.h"
#include "onroll/excl.h"
#include "onroll/letters.h"

/* ---- the kinds ---- */

#define SUSP (OR_LETTER_EV(OR_EV_SUSPENSION) | OR_LETTER_EV(OR_EV_LUNCHTIME))
#define PERM OR_LETTER_EV(OR_EV_PERMANENT)

static const or_letter_kind kinds[] = {
    {"suspension-parent",
     "Suspension: letter to the parents",
     "Tells the parents of the suspension, its reasons and days, the days the pupil must not be "
     "in a public place, and their right to make representations to the governing board.",
     SUSP,
     "parent",
     {"STAT-NOTIFY-PARENT", "STAT-NOTICE-S104", NULL},
     NULL},
    {"permanent-parent",
     "Permanent exclusion: letter to the parents",
     "Tells the parents of the permanent exclusion, its reasons, the days the pupil must not be "
     "in a public place, the education arranged from the sixth day, the governing board's "
     "meeting and their rights.",
     PERM,
     "parent",
     {"STAT-NOTIFY-PARENT", "STAT-NOTICE-S104", NULL},
     NULL},
    {"board-notice",
     "Notice to the governing board",
     "Tells the governing board of the exclusion and what it must consider, and by when.",
     SUSP | PERM,
     "governing board",
     {"STAT-NOTIFY-GB", NULL},
     NULL},
    {"board-upheld",
     "The governing board's decision: exclusion upheld",
     "Tells the parents that the governing board did not reinstate the pupil, and, for a "
     "permanent exclusion, the last day to apply for an independent review.",
     SUSP | PERM,
     "parent",
     {"STAT-GB-15DAY", "STAT-GB-50DAY", NULL},
     "upheld"},
    {"board-reinstated",
     "The governing board's decision: reinstatement",
     "Tells the parents that the governing board decided to reinstate the pupil.",
     SUSP | PERM,
     "parent",
     {"STAT-GB-15DAY", "STAT-GB-50DAY", NULL},
     "reinstated"},
};

size_t or_letter_kinds_count(void)
{
    return sizeof kinds / sizeof kinds[0];
}

const or_letter_kind *or_letter_kind_at(size_t i)
{
    return i < or_letter_kinds_count() ? &kinds[i] : NULL;
}

const or_letter_kind *or_letter_kind_find(const char *id)
{
    for (size_t i = 0; id && i < or_letter_kinds_count(); i++)
        if (!strcmp(kinds[i].id, id))
            return &kinds[i];
    return NULL;
}

bool or_letter_kind_applies(const or_letter_kind *k, or_event_kind ev, const char *const *rules,
                            int n)
{
    if (!k || ev < 0 || ev >= OR_EV__COUNT || !(k->events & OR_LETTER_EV(ev)))
        return false;
    for (int c = 0; k->closes[c]; c++)
        for (int i = 0; i < n; i++)
            if (rules[i] && !strcmp(rules[i], k->closes[c]))
                return true;
    return false;
}

/* ---- dates in words ---- */

const char *or_letter_date_words(or_date d, char buf[32])
{
    static const char *const wd[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
    static const char *const mon[] = {"January",   "February", "March",    "April",
                                      "May",       "June",     "July",     "August",
                                      "September", "October",  "November", "December"};
    buf[0] = '\0';
    if (d == OR_DATE_NONE)
        return buf;
    int y, m, dd;
    or_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, 32, "%s %d %s %d", wd[or_date_weekday(d)], dd, mon[(m - 1) % 12], y);
    return buf;
}

/* ---- building the paragraphs ---- */

typedef struct {
    or_arena *a;
    or_letter *l;
    int pcap, dcap;
    const char *name; /* the pupil after the first time */
} build;

static char *vfmt(or_arena *a, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *p = or_arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    vsnprintf(p, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    return p;
}

static or_letter_para *para(build *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static or_letter_para *para(build *b, const char *fmt, ...)
{
    or_letter *l = b->l;
    OR_ARENA_GROW(b->a, l->paras, l->nparas + 1, b->pcap);
    or_letter_para *p = &l->paras[l->nparas++];
    va_list ap;
    va_start(ap, fmt);
    p->text = vfmt(b->a, fmt, ap);
    va_end(ap);
    p->items = NULL;
    p->nitems = 0;
    return p;
}

/* Append an item to p's list (grown by copying: lists are short). */
static void item(build *b, or_letter_para *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void item(build *b, or_letter_para *p, const char *fmt, ...)
{
    const char **items = or_arena_alloc(b->a, (size_t)(p->nitems + 1) * sizeof *items);
    if (p->nitems)
        memcpy(items, p->items, (size_t)p->nitems * sizeof *items);
    va_list ap;
    va_start(ap, fmt);
    items[p->nitems] = vfmt(b->a, fmt, ap);
    va_end(ap);
    p->items = items;
    p->nitems++;
}

static void key_date(build *b, const char *label, or_date d, const char *rule)
{
    or_letter *l = b->l;
    if (d == OR_DATE_NONE)
        return;
    OR_ARENA_GROW(b->a, l->dates, l->ndates + 1, b->dcap);
    l->dates[l->ndates++] = (or_letter_date){label, d, rule};
}

/* ---- what the facts come to ---- */

typedef struct {
    const or_letter_facts *f;
    or_date decided;
    or_date last; /* the last school day covered (a permanent exclusion: NONE) */
    bool half_last;
    or_date back;       /* a suspension: the day the pupil is back at school */
    bool of_age;        /* compulsory school age on the first day: STAT-NOTICE-S104 */
    bool meets15;       /* STAT-GB-15DAY applies */
    bool over5;         /* STAT-NOTIFY-GB by the term total */
    or_date meet_by;    /* STAT-GB-15DAY's deadline */
    or_date received;   /* when the board's notice is (deemed) received */
    or_date sent;       /* the letter's day of sending */
    or_date deemed;     /* when the letter is deemed received */
    char tdays[32];     /* the term total in words: "7.5 school days" */
    char length[64];    /* the exclusion's length: "3 school days", "4 lunchtimes" */
    const char *what;   /* "suspension", "lunchtime suspension", "permanent exclusion" */
    const char *gb_why; /* why the board must meet or may be asked to */
} facts_ctx;

static const char *halfdays_words(int halves, char buf[32])
{
    snprintf(buf, 32, "%d%s school day%s", halves / 2, halves % 2 ? ".5" : "",
             halves == 2 ? "" : "s");
    return buf;
}

static or_code check(const or_letter_facts *f, or_error *err)
{
    if (!f->kind)
        return or_fail(err, OR_EUSAGE, "letter: no kind of letter given");
    if (!f->p)
        return or_fail(err, OR_EUSAGE, "letter: no parameters given");
    if (f->type != OR_EV_SUSPENSION && f->type != OR_EV_LUNCHTIME && f->type != OR_EV_PERMANENT)
        return or_fail(err, OR_EINPUT,
                       "letter %s: event %s is a %s, not a suspension or a permanent exclusion",
                       f->kind->id, f->event_id ? f->event_id : "", or_event_kind_name(f->type));
    if (!(f->kind->events & OR_LETTER_EV(f->type)))
        return or_fail(err, OR_EINPUT, "letter %s (%s) is not written for a %s (event %s)",
                       f->kind->id, f->kind->title, or_event_kind_name(f->type),
                       f->event_id ? f->event_id : "");
    if (f->start == OR_DATE_NONE)
        return or_fail(err, OR_EINPUT, "letter %s: event %s has no start date", f->kind->id,
                       f->event_id ? f->event_id : "");
    if (f->type != OR_EV_PERMANENT && f->sessions <= 0)
        return or_fail(err, OR_EINPUT,
                       "letter %s: event %s: sessions %d: a suspension needs 1 or "
                       "more",
                       f->kind->id, f->event_id ? f->event_id : "", f->sessions);
    if (!f->cal || f->cal->ndays <= 0) {
        return or_fail(err, OR_EINPUT,
                       "letter %s: the school of event %s has no calendar: its school days "
                       "cannot be counted (import the LA's or the school's calendar rows)",
                       f->kind->id, f->event_id ? f->event_id : "");
    }
    return OR_OK;
}

static or_code calendar_ends(const or_letter_facts *f, const char *what, or_error *err)
{
    char a[11], b[11];
    or_date_format(f->cal->last, a);
    or_date_format(f->start, b);
    return or_fail(err, OR_EINPUT,
                   "letter %s: event %s (start %s): the school's calendar ends on %s, before %s "
                   "(import the calendar rows of the next terms)",
                   f->kind->id, f->event_id ? f->event_id : "", b, a, what);
}

/* The school days, public-place days and provision: out->days, public_days, provision_from. */
static or_code count_days(const or_letter_facts *f, facts_ctx *x, or_arena *a, or_letter *out,
                          or_error *err)
{
    const or_params *p = f->p;
    int nth = p->v[OR_P_SIXTH_DAY];
    if (f->type == OR_EV_PERMANENT) {
        out->days = or_arena_alloc(a, 5 * sizeof *out->days);
        for (int i = 0; i < 5; i++)
            if ((out->days[i] = or_cal_nth(f->cal, f->start, i + 1)) == OR_DATE_NONE)
                return calendar_ends(f, "the exclusion's fifth school day", err);
        out->ndays = 5;
        or_date sixth = or_cal_nth(f->cal, f->start, nth);
        if (sixth == OR_DATE_NONE)
            return calendar_ends(f, "the exclusion's sixth school day", err);
        if (f->dob == OR_DATE_NONE || or_compulsory_school_age(f->dob, sixth))
            out->provision_from = sixth;
    } else {
        int n = f->type == OR_EV_LUNCHTIME ? f->sessions : (f->sessions + 1) / 2;
        out->days = or_arena_alloc(a, (size_t)n * sizeof *out->days);
        int *halves = or_arena_alloc(a, (size_t)n * sizeof *halves);
        or_fact_event e = {.kind = f->type, .start = f->start, .sessions = f->sessions};
        if (or_excl_days(f->cal, &e, out->days, halves, n) != n)
            return calendar_ends(f, "the suspension's last school day", err);
        out->ndays = n;
        x->last = out->days[n - 1];
        x->half_last = f->type == OR_EV_SUSPENSION && halves[n - 1] == 1;
        if (f->type == OR_EV_SUSPENSION) {
            or_date run = f->run_start != OR_DATE_NONE ? f->run_start : out->days[0];
            or_date sixth = or_cal_nth(f->cal, run, nth);
            if (sixth != OR_DATE_NONE && sixth <= x->last &&
                (f->dob == OR_DATE_NONE || or_compulsory_school_age(f->dob, sixth)))
                out->provision_from = sixth > out->days[0] ? sixth : out->days[0];
            x->back = x->half_last ? x->last : or_cal_after(f->cal, x->last, 1);
        }
    }
    /* s103: the first five school days of the exclusion, until provision starts */
    out->public_days = or_arena_alloc(a, 5 * sizeof *out->public_days);
    out->npublic = 0;
    for (int i = 0; x->of_age && i < out->ndays && i < 5; i++)
        if (out->provision_from == OR_DATE_NONE || out->days[i] < out->provision_from)
            out->public_days[out->npublic++] = out->days[i];
    return OR_OK;
}

static void board_rules(const or_letter_facts *f, facts_ctx *x)
{
    const or_params *p = f->p;
    bool perm = f->type == OR_EV_PERMANENT, exam = f->exam != OR_DATE_NONE;
    x->over5 = f->term_halfdays > 2 * p->v[OR_P_GB_NOTIFY_DAYS];
    bool over15 = f->term_halfdays > 2 * p->v[OR_P_GB_15_TERM_DAYS];
    x->meets15 = perm || over15 || exam;
    halfdays_words(f->term_halfdays, x->tdays);
    x->gb_why = perm       ? "This is a permanent exclusion"
                : over15   ? "The pupil's suspensions this term come to more than 15 school days"
                : exam     ? "The pupil would miss a public examination or national test"
                : x->over5 ? "The pupil's suspensions this term come to more than 5 school days"
                           : "The pupil's suspensions this term come to 5 school days or fewer";
    x->received = f->board_told != OR_DATE_NONE ? f->board_told : x->decided;
    if (!strcmp(f->kind->id, "board-notice")) /* this letter is the notice */
        x->received = x->deemed;
    x->meet_by = or_cal_after(f->cal, x->received, p->v[OR_P_GB_15_DEADLINE]);
}

/* ---- the pieces the letters share ---- */

static bool has(const char *s)
{
    return s && *s;
}

static void salutation(build *b, const or_letter_facts *f)
{
    para(b, "Dear %s,", f->parent && *f->parent ? f->parent : "[name of parent or carer]");
}

/* The school's address (when set), then the date. */
static void dated(build *b, const or_letter_facts *f)
{
    char d[32];
    if (has(f->school_address)) {
        or_sb t = OR_SB_INIT; /* its lines, without blank ones or "\r" */
        for (const char *s = f->school_address; *s;) {
            size_t n = strcspn(s, "\r\n");
            if (n) {
                if (t.len)
                    or_sb_addc(&t, '\n');
                or_sb_add(&t, s, n);
            }
            s += n;
            s += strspn(s, "\r\n");
        }
        para(b, "%s", or_sb_str(&t));
        or_sb_release(&t);
    }
    if (f->dated != OR_DATE_NONE)
        para(b, "%s", or_letter_date_words(f->dated, d));
}

static void reasons(build *b, const or_letter_facts *f, const char *lead)
{
    or_letter_para *p = para(b, "%s", lead);
    char code[16];
    int n = 0;
    for (const char *s = f->reasons; s && *s;) {
        size_t len = strcspn(s, ";");
        snprintf(code, sizeof code, "%.*s", (int)(len < 15 ? len : 15), s);
        if (*code) {
            const or_code_entry *e = or_code_find(OR_CS_EXCL_REASON, code, f->start);
            item(b, p, "%s", e && e->description ? e->description : code);
            n++;
        }
        s += len;
        if (*s == ';')
            s++;
    }
    if (!n)
        item(b, p, "[the reasons for the decision]");
}

static void days_list(build *b, or_letter_para *p, const or_letter_facts *f, const or_date *days,
                      int n, const facts_ctx *x)
{
    char d[32];
    for (int i = 0; i < n; i++) {
        or_letter_date_words(days[i], d);
        if (f->type == OR_EV_LUNCHTIME)
            item(b, p, "%s, at lunchtime", d);
        else if (x->half_last && days[i] == x->last)
            item(b, p, "%s (half a day)", d);
        else
            item(b, p, "%s", d);
    }
}

static void public_place(build *b, const or_letter_facts *f, const or_letter *l, const facts_ctx *x)
{
    if (!l->npublic)
        return;
    or_letter_para *p;
    if (f->type == OR_EV_PERMANENT)
        p = para(b,
                 "For the first five school days of the exclusion, you must make sure that %s "
                 "is not present in a public place during school hours without reasonable "
                 "justification. These days are:",
                 b->name);
    else
        p = para(b,
                 "You must make sure that %s is not present in a public place during school "
                 "hours on the following %s without reasonable justification:",
                 b->name, l->npublic == 1 ? "school day" : "school days");
    days_list(b, p, f, l->public_days, l->npublic, x);
    para(b,
         "If %s is found in a public place during school hours on %s without reasonable "
         "justification, you may be given a fixed penalty notice or prosecuted.",
         b->name, l->npublic == 1 ? "that day" : "these days");
}

/* The gaps a setting fills (or_letter_missing_settings), in the order of settings.h. */
#define GAP_LA_CONTACT  "[contact details of the local authority's exclusions team]"
#define GAP_HEAD        "[name of the head teacher]"
#define GAP_CLERK       "[name and address of the clerk to the governing board]"
#define GAP_CLERK_SIGN  "[name of the clerk or the chair of the governing board]"
#define GAP_CLERK_WHERE "[address of the clerk to the governing board]"

static const struct {
    const char *gap;
    or_setting_id id;
} setting_gaps[] = {
    {GAP_LA_CONTACT, OR_SET_LA_TEAM_EMAIL}, {GAP_HEAD, OR_SET_HEAD_TEACHER},
    {GAP_CLERK, OR_SET_CLERK_NAME},         {GAP_CLERK_SIGN, OR_SET_CLERK_NAME},
    {GAP_CLERK_WHERE, OR_SET_CLERK_EMAIL},
};

int or_letter_missing_settings(const char *body, or_setting_id *out, int max)
{
    int n = 0;
    for (int id = 0; body && id < OR_SET__COUNT; id++) {
        bool in = false;
        for (size_t g = 0; g < sizeof setting_gaps / sizeof setting_gaps[0]; g++)
            in |= setting_gaps[g].id == (or_setting_id)id && strstr(body, setting_gaps[g].gap);
        if (in && n < max)
            out[n++] = (or_setting_id)id;
    }
    return n;
}

/* The school's address on one line: its lines joined with ", " (blank lines dropped). */
static const char *address_line(build *b, const char *addr)
{
    or_sb t = OR_SB_INIT;
    for (const char *s = addr; s && *s;) {
        size_t n = strcspn(s, "\r\n");
        size_t a = 0;
        while (a < n && s[a] == ' ')
            a++;
        size_t e = n;
        while (e > a && s[e - 1] == ' ')
            e--;
        if (e > a) {
            if (t.len)
                or_sb_adds(&t, ", ");
            or_sb_add(&t, s + a, e - a);
        }
        s += n;
        s += strspn(s, "\r\n");
    }
    const char *out = or_arena_strdup(b->a, or_sb_str(&t));
    or_sb_release(&t);
    return out;
}

static void clerk(build *b, const or_letter_facts *f)
{
    const char *lead = "To make representations, write to the clerk to the governing board:";
    if (!has(f->clerk_name)) {
        para(b, "%s " GAP_CLERK ".", lead);
        return;
    }
    bool email = has(f->clerk_email), post = has(f->school_address);
    const char *addr = post ? address_line(b, f->school_address) : "";
    if (email && post)
        para(b, "%s %s, by email to %s, or by post to %s, %s.", lead, f->clerk_name, f->clerk_email,
             f->school, addr);
    else if (email)
        para(b, "%s %s, by email to %s.", lead, f->clerk_name, f->clerk_email);
    else if (post)
        para(b, "%s %s, by post to %s, %s.", lead, f->clerk_name, f->school, addr);
    else
        para(b, "%s %s, " GAP_CLERK_WHERE ".", lead, f->clerk_name);
}

static void board_para(build *b, const or_letter_facts *f, const facts_ctx *x)
{
    char d[32];
    if (x->meets15) {
        or_letter_date_words(x->meet_by, d);
        para(b,
             "The governing board must meet to consider whether %s should be reinstated. It "
             "must do so within %d school days of receiving notice of the %s: by %s. You have "
             "the right to make representations to the board about this decision, and to attend "
             "the meeting, where you may be represented or bring a friend. %s may also take "
             "part, in a way suited to their age and understanding.",
             b->name, f->p->v[OR_P_GB_15_DEADLINE], x->what, d, b->name);
        if (f->exam != OR_DATE_NONE) {
            or_letter_date_words(f->exam, d);
            para(b,
                 "Because %s would otherwise miss a public examination or national test on %s, "
                 "the board will, so far as it can, meet before that day.",
                 b->name, d);
        }
    } else if (x->over5) {
        para(b,
             "You have the right to make representations about this decision to the governing "
             "board. %s's suspensions this term now come to %s, more than five, so if you make "
             "representations the board must meet within %d school days of receiving them to "
             "consider them and whether %s should be reinstated. You may attend the meeting, "
             "where you may be represented or bring a friend.",
             b->name, x->tdays, f->p->v[OR_P_GB_50_DEADLINE], b->name);
    } else {
        para(b,
             "You have the right to make representations about this decision to the governing "
             "board. %s's suspensions this term come to %s, not more than five, so the board "
             "must consider any representations you make but cannot direct that %s be "
             "reinstated. You may ask for your representations to be attached to %s's school "
             "record.",
             b->name, x->tdays, b->name, b->name);
    }
    clerk(b, f);
}

static void information(build *b, const or_letter_facts *f)
{
    para(b,
         "For free and impartial information about suspensions and exclusions, you can contact "
         "the local authority's exclusions team: %s. If %s has special educational needs, the "
         "local special educational needs and disability information, advice and support "
         "service (SENDIASS) can also help. The Department for Education's guidance, "
         "\"Suspension and permanent exclusion\", is on GOV.UK.",
         has(f->la_contact) ? f->la_contact : GAP_LA_CONTACT, b->name);
}

static void sign_head(build *b, const or_letter_facts *f)
{
    para(b, "Yours sincerely,\n%s\nHead teacher, %s",
         has(f->head_teacher) ? f->head_teacher : GAP_HEAD, f->school);
}

static void sign_board(build *b, const or_letter_facts *f)
{
    if (has(f->clerk_name))
        para(b,
             "Yours sincerely,\n%s\nClerk to the governing board, on behalf of the governing "
             "board of %s",
             f->clerk_name, f->school);
    else
        para(b, "Yours sincerely,\n" GAP_CLERK_SIGN "\nOn behalf of the governing board of %s",
             f->school);
}

static void discrimination(build *b)
{
    para(b, "If you believe that the exclusion was the result of discrimination, you may make a "
            "claim under the Equality Act 2010: to the First-tier Tribunal (Special Educational "
            "Needs and Disability) for disability discrimination, or to the county court for "
            "other discrimination. A claim must be made within six months of the date of the "
            "discrimination.");
}

/* ---- the letters ---- */

static void suspension_parent(build *b, const or_letter_facts *f, or_letter *l, facts_ctx *x)
{
    char d[32], e[32];
    dated(b, f);
    salutation(b, f);
    or_letter_para *p;
    or_letter_date_words(x->decided, e);
    if (f->type == OR_EV_LUNCHTIME)
        p = para(b,
                 "I am writing to tell you that I have decided to suspend %s from %s at "
                 "lunchtime for %s. I made this decision on %s. Each lunchtime counts as half a "
                 "school day. The lunchtimes are:",
                 f->pupil, f->school, x->length, e);
    else
        p = para(b,
                 "I am writing to tell you that I have decided to suspend %s from %s for %s. I "
                 "made this decision on %s. The suspension covers %s:",
                 f->pupil, f->school, x->length, e,
                 l->ndays == 1 ? "this school day" : "these school days");
    days_list(b, p, f, l->days, l->ndays, x);
    reasons(b, f, "The reasons for the suspension are:");
    public_place(b, f, l, x);
    if (f->type == OR_EV_LUNCHTIME) {
        para(b,
             "%s should come to school as usual on these days, apart from the lunchtime, and "
             "should be collected at the start of the lunch break and brought back at its end.",
             b->name);
    } else {
        para(b,
             "We will set work for %s to do during the suspension, and mark it. Please make "
             "sure that it is done and returned to school.",
             b->name);
        if (l->provision_from != OR_DATE_NONE) {
            or_letter_date_words(l->provision_from, d);
            para(b,
                 "Because %s is suspended for more than five school days in a row, we will "
                 "arrange suitable full-time education for %s from %s, the sixth school day, "
                 "to the end of the suspension: [where and when: the address, the start time "
                 "and whom to report to].",
                 b->name, b->name, d);
        }
        or_letter_date_words(x->back, d);
        if (x->half_last)
            para(b,
                 "The last day of the suspension, %s, is half a day: %s should return to "
                 "school for the other half of that day. We would like to meet you and %s on "
                 "their return to talk about how to help %s.",
                 d, b->name, b->name, b->name);
        else
            para(b,
                 "%s should return to school on %s. We would like to meet you and %s on "
                 "their return to talk about how to help %s.",
                 b->name, d, b->name, b->name);
    }
    board_para(b, f, x);
    information(b, f);
    sign_head(b, f);

    key_date(b, "First day of the suspension", l->days[0], NULL);
    key_date(b, "Last day of the suspension", x->last, NULL);
    if (x->of_age)
        key_date(b, "Written notice to be given by the end of the afternoon session of", l->days[0],
                 "STAT-NOTICE-S104");
    key_date(b, "Full-time education from", l->provision_from, "STAT-6TH-DAY-SCHOOL");
    if (f->type == OR_EV_SUSPENSION)
        key_date(b, "Back at school", x->back, NULL);
    if (x->meets15)
        key_date(b, "The governing board must meet by", x->meet_by, "STAT-GB-15DAY");
}

static void permanent_parent(build *b, const or_letter_facts *f, or_letter *l, facts_ctx *x)
{
    char d[32], e[32];
    dated(b, f);
    salutation(b, f);
    or_letter_date_words(f->start, d);
    or_letter_date_words(x->decided, e);
    para(b,
         "I am writing to tell you that I have decided to exclude %s permanently from %s, with "
         "effect from %s. I made this decision on %s.",
         f->pupil, f->school, d, e);
    reasons(b, f, "The reasons for the permanent exclusion are:");
    public_place(b, f, l, x);
    para(b,
         "We will set work for %s for the first five school days of the exclusion, and mark "
         "it. Please make sure that it is done and returned to school.",
         b->name);
    if (l->provision_from != OR_DATE_NONE) {
        or_letter_date_words(l->provision_from, d);
        para(b,
             "From %s, the sixth school day of the exclusion, the local authority must arrange "
             "suitable full-time education for %s: [where and when: the address, the start time "
             "and whom to report to].",
             d, b->name);
    }
    board_para(b, f, x);
    para(b,
         "If the governing board decides not to reinstate %s, you will be able to apply for "
         "an independent review of its decision within %d school days of being told of it. "
         "Whether or not %s has special educational needs, you will be able to ask for an SEN "
         "expert to attend the review, at no cost to you.",
         b->name, f->p->v[OR_P_IRP_APPLY_DEADLINE], b->name);
    para(b,
         "You have the right to see a copy of %s's school record. Please write to me if you "
         "would like one.",
         b->name);
    information(b, f);
    sign_head(b, f);

    key_date(b, "The exclusion takes effect", f->start, NULL);
    if (x->of_age)
        key_date(b, "Written notice to be given by the end of the afternoon session of", l->days[0],
                 "STAT-NOTICE-S104");
    key_date(b, "Full-time education arranged by the local authority from", l->provision_from,
             "STAT-6TH-DAY-LA");
    key_date(b, "The governing board must meet by", x->meet_by, "STAT-GB-15DAY");
}

/* "sent by first-class post on ..., so it is deemed to be received on ..." */
static const char *how_sent(build *b, const or_letter_facts *f, const facts_ctx *x)
{
    char s[32], r[32];
    or_letter_date_words(x->sent, s);
    or_letter_date_words(x->deemed, r);
    if (f->delivery && !strcmp(f->delivery, "post"))
        return or_arena_printf(b->a,
                               "sent by first-class post on %s, so it is deemed to be received "
                               "on %s, the second working day after posting",
                               s, r);
    if (f->delivery && !strcmp(f->delivery, "email"))
        return or_arena_printf(b->a,
                               "sent by email on %s, so it is deemed to be received on %s, the "
                               "second working day after sending",
                               s, r);
    return or_arena_printf(b->a, "handed over on %s, so it is received that day", s);
}

static void board_notice(build *b, const or_letter_facts *f, or_letter *l, facts_ctx *x)
{
    char d[32], e[32];
    dated(b, f);
    para(b, "To the governing board of %s,", f->school);
    or_letter_date_words(x->decided, e);
    if (f->type == OR_EV_PERMANENT) {
        or_letter_date_words(f->start, d);
        para(b,
             "I am writing to tell you that on %s I decided to exclude %s permanently, with "
             "effect from %s.",
             e, f->pupil, d);
    } else {
        or_letter_para *p =
            para(b, "I am writing to tell you that on %s I decided to suspend %s for %s, on %s:", e,
                 f->pupil, x->length, l->ndays == 1 ? "this school day" : "these school days");
        days_list(b, p, f, l->days, l->ndays, x);
    }
    reasons(b, f, "The reasons are:");
    if (f->type != OR_EV_PERMANENT)
        para(b, "%s's suspensions this term come to %s.", b->name, x->tdays);
    if (x->meets15) {
        or_letter_date_words(x->meet_by, d);
        para(b,
             "%s. The board must meet to consider whether %s should be reinstated within %d "
             "school days of receiving this notice: this notice is %s, so the board must meet "
             "by %s. The parents may make representations to the board and attend the meeting.",
             x->gb_why, b->name, f->p->v[OR_P_GB_15_DEADLINE], how_sent(b, f, x), d);
        if (f->exam != OR_DATE_NONE) {
            or_letter_date_words(f->exam, d);
            para(b,
                 "%s would otherwise miss a public examination or national test on %s: the "
                 "board should meet before that day, so far as it can.",
                 b->name, d);
        }
        key_date(b, "The governing board must meet by", x->meet_by, "STAT-GB-15DAY");
    } else {
        para(b,
             "%s. If the parents make representations, the board must meet within %d school "
             "days of receiving them to consider them and whether %s should be reinstated.",
             x->gb_why, f->p->v[OR_P_GB_50_DEADLINE], b->name);
    }
    para(b, "The parents have been told of the decision and of their right to make "
            "representations to the board, and the local authority has been told.");
    para(b, "%s\nHead teacher, %s", has(f->head_teacher) ? f->head_teacher : GAP_HEAD, f->school);
    key_date(b, "The notice is received by the board", x->deemed, NULL);
}

static void board_upheld(build *b, const or_letter_facts *f, or_letter *l, facts_ctx *x)
{
    char d[32];
    dated(b, f);
    salutation(b, f);
    if (f->type == OR_EV_PERMANENT) {
        or_letter_date_words(f->start, d);
        para(b,
             "The governing board of %s met on [date of the meeting] to consider the permanent "
             "exclusion of %s, which took effect on %s. Having considered the representations "
             "made to it and the evidence, the board decided not to reinstate %s: the permanent "
             "exclusion stands.",
             f->school, f->pupil, d, b->name);
    } else {
        or_letter_date_words(l->days[0], d);
        para(b,
             "The governing board of %s met on [date of the meeting] to consider the %s of %s "
             "that began on %s. Having considered the representations made to it and the "
             "evidence, the board decided that the suspension stands.",
             f->school, x->what, f->pupil, d);
    }
    reasons(b, f, "The reasons for the exclusion were:");
    para(b, "The board's reasons for its decision: [the board's reasons for its decision].");
    if (f->type == OR_EV_PERMANENT) {
        or_letter_date_words(l->review_deadline, d);
        para(b,
             "You have the right to apply for an independent review of the board's decision. "
             "You must apply within %d school days of receiving this letter. This letter is %s. "
             "The last day to apply for a review is therefore %s.",
             f->p->v[OR_P_IRP_APPLY_DEADLINE], how_sent(b, f, x), d);
        para(b, "Send your application to [name and address to which applications for a review "
                "are sent]. Your application should set out why you think the decision should be "
                "reviewed.");
        para(b,
             "Whether or not %s has special educational needs, you have the right to ask for "
             "an SEN expert to attend the review. The expert gives the panel impartial advice "
             "on how special educational needs could be relevant to the exclusion. There is no "
             "cost to you. If you want an SEN expert, say so in your application.",
             b->name);
        para(b, "You may, at your own expense, appoint someone to make written or spoken "
                "representations to the panel, and you may bring a friend to the review.");
        key_date(b, "The letter is deemed received", x->deemed, NULL);
        key_date(b, "Last day to apply for an independent review", l->review_deadline,
                 "STAT-IRP-APPLY");
    } else {
        para(b,
             "There is no independent review of a suspension. You may ask for your "
             "representations to be attached to %s's school record.",
             b->name);
    }
    discrimination(b);
    information(b, f);
    sign_board(b, f);
}

static void board_reinstated(build *b, const or_letter_facts *f, or_letter *l, facts_ctx *x)
{
    char d[32];
    dated(b, f);
    salutation(b, f);
    if (f->type == OR_EV_PERMANENT) {
        or_letter_date_words(f->start, d);
        para(b,
             "The governing board of %s met on [date of the meeting] to consider the permanent "
             "exclusion of %s, which took effect on %s. The board decided that %s should be "
             "reinstated. %s can return to school on [the day the pupil returns to school].",
             f->school, f->pupil, d, b->name, b->name);
    } else {
        or_letter_date_words(l->days[0], d);
        para(b,
             "The governing board of %s met on [date of the meeting] to consider the %s of %s "
             "that began on %s. The board decided that %s should be reinstated. A note of its "
             "decision will be kept on %s's school record.",
             f->school, x->what, f->pupil, d, b->name, b->name);
    }
    para(b, "The board's reasons for its decision: [the board's reasons for its decision].");
    information(b, f);
    sign_board(b, f);
}

or_code or_letter_fill(const or_letter_facts *f, or_arena *a, or_letter *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    out->provision_from = OR_DATE_NONE;
    out->review_deadline = OR_DATE_NONE;
    or_code rc = check(f, err);
    if (rc)
        return rc;
    facts_ctx x;
    memset(&x, 0, sizeof x);
    x.f = f;
    x.decided = f->decided != OR_DATE_NONE ? f->decided : f->start;
    x.last = x.back = OR_DATE_NONE;
    x.of_age = f->dob == OR_DATE_NONE || or_compulsory_school_age(f->dob, f->start);
    x.what = f->type == OR_EV_PERMANENT   ? "permanent exclusion"
             : f->type == OR_EV_LUNCHTIME ? "lunchtime suspension"
                                          : "suspension";
    x.sent = f->send_on != OR_DATE_NONE ? f->send_on : f->dated;
    if (x.sent == OR_DATE_NONE)
        x.sent = x.decided;
    x.deemed = or_deemed_date(x.sent, f->delivery);
    if (f->type == OR_EV_LUNCHTIME)
        snprintf(x.length, sizeof x.length, "%d lunchtime%s", f->sessions,
                 f->sessions == 1 ? "" : "s");
    else if (f->type == OR_EV_SUSPENSION)
        halfdays_words(f->sessions, x.length);
    if ((rc = count_days(f, &x, a, out, err)))
        return rc;
    board_rules(f, &x);
    if (x.meet_by == OR_DATE_NONE && x.meets15)
        return calendar_ends(f, "the governing board's deadline", err);
    if (f->type == OR_EV_PERMANENT && f->kind->outcome && !strcmp(f->kind->outcome, "upheld")) {
        out->review_deadline = or_cal_after(f->cal, x.deemed, f->p->v[OR_P_IRP_APPLY_DEADLINE]);
        if (out->review_deadline == OR_DATE_NONE)
            return calendar_ends(f, "the last day to apply for a review", err);
    }

    build b = {a, out, 0, 0, f->forename && *f->forename ? f->forename : f->pupil};
    const char *pupil = f->pupil && *f->pupil ? f->pupil : "the pupil";
    if (!f->pupil || !*f->pupil)
        b.name = "the pupil";
    or_letter_facts g = *f; /* with the defaults filled in */
    g.pupil = pupil;
    g.school = f->school && *f->school ? f->school : "the school";
    out->kind = f->kind;
    if (!strcmp(f->kind->id, "suspension-parent"))
        suspension_parent(&b, &g, out, &x);
    else if (!strcmp(f->kind->id, "permanent-parent"))
        permanent_parent(&b, &g, out, &x);
    else if (!strcmp(f->kind->id, "board-notice"))
        board_notice(&b, &g, out, &x);
    else if (!strcmp(f->kind->id, "board-upheld"))
        board_upheld(&b, &g, out, &x);
    else
        board_reinstated(&b, &g, out, &x);
    const char *of = f->type == OR_EV_PERMANENT   ? "Permanent exclusion"
                     : f->type == OR_EV_LUNCHTIME ? "Lunchtime suspension"
                                                  : "Suspension";
    out->title = !strncmp(f->kind->id, "board-", 6) && strcmp(f->kind->id, "board-notice")
                     ? or_arena_printf(a, "%s of %s: the governing board's decision", of, pupil)
                     : or_arena_printf(a, "%s of %s", of, pupil);
    return OR_OK;
}
