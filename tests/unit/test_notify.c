/* test_notify.c - partner notifications as pure functions (notify.h), the message as sent by
 * SMTP (sender.h or_mail_format) and the sender's backoff.
 *
 * Who is told (LOCAL-NOTIFY-PARTNERS, DOMAIN.md §4): "LA notifies: social care (CIN/CP/CLA),
 * Virtual School (CLA/PLA/social worker), youth justice (if known to them), Re-engagement Unit
 * (primary), the PRU (permanent); every permanent exclusion also to MASH and the safeguarding
 * partnership." Each case below gives the pupil's characteristics in force on the day the
 * exclusion was decided, the school's phase and the kind of exclusion, and the services worked
 * out by hand from that sentence, with the reason next to it. The characteristics that count
 * are those in force on the decision date (the latest snapshot on or before it). "Social
 * worker" is facts.h's or_facts_has_social_worker: CIN, CP or CLA in force, or an open
 * social_worker caseload.
 *
 * Every message is checked to hold none of the pupil's details (name, UPN, date of birth,
 * ethnicity, SEN, care status, reasons) and to name no service but its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/notify.h"
#include "onroll/sender.h"

#define UPN      "K999250000002"
#define FORENAME "Jayden"
#define SURNAME  "Campbell"

enum {
    SC = 1u << OR_SVC_SOCIAL_CARE,
    VS = 1u << OR_SVC_VIRTUAL_SCHOOL,
    YJ = 1u << OR_SVC_YOUTH_JUSTICE,
    REU = 1u << OR_SVC_REU,
    PRU = 1u << OR_SVC_PRU,
    MASH = 1u << OR_SVC_MASH,
    SG = 1u << OR_SVC_SAFEGUARDING
};

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    if (!or_date_parse(s, &d))
        fail_msg("bad date in the test table: %s", s);
    return d;
}

/* One case: the snapshot(s), an optional social_worker caseload, the school, the event. */
typedef struct {
    const char *name;
    const char *phase; /* the school's phase, NULL: the school is unknown */
    or_event_kind kind;
    const char *decided;
    int8_t cla, pla, cin, cp, yjs; /* in force from 2025-09-01 */
    const char *later_as_of;       /* a second snapshot from this day (NULL: none) ... */
    int8_t later_cla;              /* ... with this cla (everything else as the first) */
    const char *case_from;         /* an open social_worker caseload from this day, or NULL */
    unsigned want;
} svc_case;

static const svc_case svc_cases[] = {
    /* the brief's example: permanent, CLA, known to youth justice, primary: everyone */
    {"permanent, CLA, YJS, primary: all seven", "primary", OR_EV_PERMANENT, "2025-12-01", 1, 0, 0,
     0, 1, NULL, 0, NULL, SC | VS | YJ | REU | PRU | MASH | SG},
    /* nothing about the pupil, a secondary school, a suspension: no one */
    {"secondary suspension, no social worker: none", "secondary", OR_EV_SUSPENSION, "2025-10-06", 0,
     0, 0, 0, 0, NULL, 0, NULL, 0},
    /* CIN: social care (CIN) and the Virtual School (CIN means a social worker) */
    {"secondary suspension, CIN: social care and Virtual School", "secondary", OR_EV_SUSPENSION,
     "2025-10-06", 0, 0, 1, 0, 0, NULL, 0, NULL, SC | VS},
    /* CP: the same */
    {"secondary suspension, CP: social care and Virtual School", "secondary", OR_EV_SUSPENSION,
     "2025-10-06", 0, 0, 0, 1, 0, NULL, 0, NULL, SC | VS},
    /* CLA: the same */
    {"secondary suspension, CLA: social care and Virtual School", "secondary", OR_EV_SUSPENSION,
     "2025-10-06", 1, 0, 0, 0, 0, NULL, 0, NULL, SC | VS},
    /* PLA: the Virtual School only (social care is CIN/CP/CLA) */
    {"secondary suspension, PLA: Virtual School only", "secondary", OR_EV_SUSPENSION, "2025-10-06",
     0, 1, 0, 0, 0, NULL, 0, NULL, VS},
    /* a social worker on the caseload but no CIN/CP/CLA flag: the Virtual School only */
    {"secondary suspension, social_worker caseload: Virtual School only", "secondary",
     OR_EV_SUSPENSION, "2025-10-06", 0, 0, 0, 0, 0, NULL, 0, "2025-09-15", VS},
    /* the caseload starts after the decision: not yet a social worker: no one */
    {"secondary suspension, caseload from later: none", "secondary", OR_EV_SUSPENSION, "2025-10-06",
     0, 0, 0, 0, 0, NULL, 0, "2025-10-07", 0},
    /* known to youth justice only: youth justice */
    {"secondary suspension, YJS: youth justice only", "secondary", OR_EV_SUSPENSION, "2025-10-06",
     0, 0, 0, 0, 1, NULL, 0, NULL, YJ},
    /* primary, nothing else: the Re-engagement Unit */
    {"primary suspension: Re-engagement Unit", "primary", OR_EV_SUSPENSION, "2025-10-06", 0, 0, 0,
     0, 0, NULL, 0, NULL, REU},
    {"primary lunchtime suspension: Re-engagement Unit", "primary", OR_EV_LUNCHTIME, "2025-10-06",
     0, 0, 0, 0, 0, NULL, 0, NULL, REU},
    /* a special school or PRU is not primary */
    {"special school suspension: none", "special", OR_EV_SUSPENSION, "2025-10-06", 0, 0, 0, 0, 0,
     NULL, 0, NULL, 0},
    /* permanent at a secondary, nothing else: PRU, MASH, safeguarding partnership */
    {"secondary permanent: PRU, MASH, safeguarding", "secondary", OR_EV_PERMANENT, "2025-12-01", 0,
     0, 0, 0, 0, NULL, 0, NULL, PRU | MASH | SG},
    /* the school unknown: not primary */
    {"unknown school, permanent: PRU, MASH, safeguarding", NULL, OR_EV_PERMANENT, "2025-12-01", 0,
     0, 0, 0, 0, NULL, 0, NULL, PRU | MASH | SG},
    /* taken into care on 1 Dec: a suspension decided on 3 Nov is before it (no one) ... */
    {"CLA from 1 Dec, decided 3 Nov: none", "secondary", OR_EV_SUSPENSION, "2025-11-03", 0, 0, 0, 0,
     0, "2025-12-01", 1, NULL, 0},
    /* ... one decided on 2 Dec is after it: social care and the Virtual School */
    {"CLA from 1 Dec, decided 2 Dec: social care and Virtual School", "secondary", OR_EV_SUSPENSION,
     "2025-12-02", 0, 0, 0, 0, 0, "2025-12-01", 1, NULL, SC | VS},
    /* CIN and YJS at a primary, permanent: everyone but nobody twice */
    {"permanent, CIN, YJS, primary: all seven", "primary", OR_EV_PERMANENT, "2026-01-12", 0, 0, 1,
     0, 1, NULL, 0, NULL, SC | VS | YJ | REU | PRU | MASH | SG},
};

typedef struct {
    or_fact_snapshot snaps[2];
    or_fact_event ev;
    or_fact_case cs;
    or_pupil_facts f;
    or_school_info school;
} built;

static void build(const svc_case *c, built *b)
{
    memset(b, 0, sizeof *b);
    or_fact_snapshot s = {.as_of = D("2025-09-01"),
                          .dob = D("2011-11-02"),
                          .sex = 'M',
                          .ethnicity = "BCRB",
                          .sen_need = "SEMH",
                          .year_group = "9",
                          .sen = 'E',
                          .fsm = 1,
                          .fsm6 = 1,
                          .eal = 0,
                          .cla = c->cla,
                          .pla = c->pla,
                          .cin = c->cin,
                          .cp = c->cp,
                          .yjs = c->yjs,
                          .social_worker_since = OR_DATE_NONE};
    b->snaps[0] = s;
    int nsnaps = 1;
    if (c->later_as_of) {
        b->snaps[1] = s;
        b->snaps[1].as_of = D(c->later_as_of);
        b->snaps[1].cla = c->later_cla;
        nsnaps = 2;
    }
    b->ev = (or_fact_event){.event_id = "EX1",
                            .urn = 100002,
                            .kind = c->kind,
                            .start = D(c->decided),
                            .end = OR_DATE_NONE,
                            .decided = D(c->decided),
                            .exam_date = OR_DATE_NONE,
                            .sessions = c->kind == OR_EV_PERMANENT ? -1 : 4,
                            .reasons = "DA;SM"};
    b->cs = (or_fact_case){"sam.social@children.example.gov.uk", "social_worker",
                           c->case_from ? D(c->case_from) : OR_DATE_NONE, OR_DATE_NONE};
    b->f = (or_pupil_facts){.upn = UPN,
                            .snaps = b->snaps,
                            .nsnaps = nsnaps,
                            .events = &b->ev,
                            .nevents = 1,
                            .cases = &b->cs,
                            .ncases = c->case_from ? 1 : 0};
    b->school = (or_school_info){100002, 999, "Hillside Academy, Upper School", c->phase, NULL};
}

static void test_services(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof svc_cases / sizeof svc_cases[0]; i++) {
        const svc_case *c = &svc_cases[i];
        built b;
        build(c, &b);
        unsigned got = or_notify_services(&b.f, &b.ev, c->phase ? &b.school : NULL);
        if (got != c->want) {
            char g[200], w[200];
            or_services_ids(got, g, sizeof g);
            or_services_ids(c->want, w, sizeof w);
            fail_msg("LOCAL-NOTIFY-PARTNERS, %s: got {%s}, want {%s}", c->name, g, w);
        }
    }
}

/* Words that would tell a reader something about the child. */
static const char *const forbidden[] = {
    UPN,
    FORENAME,
    SURNAME,
    "2011",
    "BCRB",
    "Caribbean",
    "SEMH",
    "EHC",
    "SEN",
    "special educational",
    "looked after",
    "looked-after",
    "in care",
    "in need",
    "protection",
    "CLA",
    "CIN",
    "social worker",
    "health",
    "disab",
    "DA;SM",
    "drug",
    "sexual",
    "free school meals",
    "Year 9",
    "ethnic",
    "sam.social",
};

static void check_clean(const char *what, const char *text)
{
    for (size_t w = 0; w < sizeof forbidden / sizeof forbidden[0]; w++)
        if (strstr(text, forbidden[w]))
            fail_msg("%s holds '%s':\n%s", what, forbidden[w], text);
}

static void test_messages_hold_no_special_category_data(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    for (size_t i = 0; i < sizeof svc_cases / sizeof svc_cases[0]; i++) {
        const svc_case *c = &svc_cases[i];
        built b;
        build(c, &b);
        or_notify_msg *msgs;
        int n = or_notify_messages(&b.f, &b.ev, c->phase ? &b.school : NULL,
                                   "https://onroll.example.gov.uk/n/TOKEN", &a, &msgs);
        int want = 0;
        for (int s = 0; s < OR_SVC__COUNT; s++)
            want += (c->want >> s) & 1;
        assert_int_equal(n, want);
        for (int m = 0; m < n; m++) {
            char what[300];
            snprintf(what, sizeof what, "%s, message %d", c->name, m);
            check_clean(what, msgs[m].subject);
            check_clean(what, msgs[m].body);
            assert_non_null(strstr(msgs[m].body, "https://onroll.example.gov.uk/n/TOKEN"));
            assert_non_null(strstr(msgs[m].body, "LOCAL-NOTIFY-PARTNERS"));
            /* one service each, in service order; its label in the body, no other's */
            int s = -1;
            for (int k = 0; k < OR_SVC__COUNT; k++)
                if (msgs[m].services == (1u << k))
                    s = k;
            assert_true(s >= 0);
            assert_true(c->want & (1u << s));
            for (int k = 0; k < OR_SVC__COUNT; k++) {
                const char *label = or_service_at((or_service)k)->label;
                bool has = strstr(msgs[m].body, label) != NULL;
                if (has != (k == s))
                    fail_msg("%s (%s): the body %s '%s'", what, or_service_at((or_service)s)->id,
                             has ? "names" : "does not name", label);
            }
            if (c->phase)
                assert_non_null(strstr(msgs[m].subject, "Hillside Academy, Upper School"));
            else
                assert_non_null(strstr(msgs[m].subject, "School URN 100002"));
        }
    }
    or_arena_free(&a);
}

/* The whole message for one case, written out by hand. */
static void test_message_text(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    or_fact_event e = {.event_id = "EX3",
                       .urn = 100001,
                       .kind = OR_EV_PERMANENT,
                       .start = D("2025-12-01"),
                       .decided = D("2025-11-28"),
                       .sessions = -1};
    or_school_info school = {100001, 999, "Riverside Primary School", "primary", NULL};
    or_notify_msg m;
    or_notify_compose(&e, &school, MASH | SG, "http://127.0.0.1:8080/n/abc", &a, &m);
    assert_int_equal(m.services, MASH | SG);
    assert_string_equal(m.subject,
                        "onroll: permanent exclusion from 1 December 2025 at Riverside Primary "
                        "School");
    assert_string_equal(m.body,
                        "Riverside Primary School has recorded a permanent exclusion from 1\n"
                        "December 2025.\n"
                        "\n"
                        "You are told as the MASH and the safeguarding partnership, under the\n"
                        "local authority's protocol for telling partner services of every\n"
                        "suspension and exclusion that concerns them (LOCAL-NOTIFY-PARTNERS).\n"
                        "\n"
                        "To see it in onroll and acknowledge it with one click, open:\n"
                        "http://127.0.0.1:8080/n/abc\n"
                        "\n"
                        "This message holds no details of the child on purpose. Sign in to onroll\n"
                        "to see the child's record, if your role allows it.\n");
    or_arena_free(&a);
}

static void test_event_words(void **state)
{
    (void)state;
    static const struct {
        or_event_kind kind;
        int sessions;
        const char *start, *want;
    } cases[] = {
        {OR_EV_SUSPENSION, 4, "2025-10-06", "suspension of 2 days from 6 October 2025"},
        {OR_EV_SUSPENSION, 5, "2025-10-06", "suspension of 2.5 days from 6 October 2025"},
        {OR_EV_SUSPENSION, 2, "2026-01-05", "suspension of 1 day from 5 January 2026"},
        {OR_EV_SUSPENSION, 1, "2026-01-05", "suspension of 0.5 days from 5 January 2026"},
        {OR_EV_SUSPENSION, -1, "2026-01-05", "suspension from 5 January 2026"},
        {OR_EV_LUNCHTIME, 1, "2025-11-14",
         "lunchtime suspension of 1 lunchtime from 14 "
         "November 2025"},
        {OR_EV_LUNCHTIME, 3, "2025-11-14",
         "lunchtime suspension of 3 lunchtimes from 14 "
         "November 2025"},
        {OR_EV_PERMANENT, -1, "2025-12-01", "permanent exclusion from 1 December 2025"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        or_fact_event e = {
            .kind = cases[i].kind, .sessions = cases[i].sessions, .start = D(cases[i].start)};
        char buf[128];
        or_notify_event_words(&e, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
}

static void test_service_sets(void **state)
{
    (void)state;
    char buf[512];
    or_services_words(MASH | SG, buf, sizeof buf);
    assert_string_equal(buf, "the MASH and the safeguarding partnership");
    or_services_words(SC | VS | REU, buf, sizeof buf);
    assert_string_equal(buf, "children's social care, the Virtual School and the Re-engagement "
                             "Unit");
    or_services_words(YJ, buf, sizeof buf);
    assert_string_equal(buf, "the youth justice service");
    or_services_words(0, buf, sizeof buf);
    assert_string_equal(buf, "");
    or_services_ids(SC | PRU | SG, buf, sizeof buf);
    assert_string_equal(buf, "social_care,pru,safeguarding");
    unsigned set = 0;
    assert_true(or_services_parse("social_care,pru,safeguarding", &set));
    assert_int_equal(set, SC | PRU | SG);
    assert_true(or_services_parse("mash", &set));
    assert_int_equal(set, MASH);
    assert_false(or_services_parse("", &set));
    assert_false(or_services_parse("mash,,reu", &set));
    assert_false(or_services_parse("mash,police", &set));
    assert_int_equal(or_service_parse("virtual_school"), OR_SVC_VIRTUAL_SCHOOL);
    assert_int_equal(or_service_parse("VIRTUAL_SCHOOL"), -1);
    assert_int_equal(or_service_parse(NULL), -1);
    assert_null(or_service_at(OR_SVC__COUNT));
}

/* ---- the message as sent ---- */

static void format(const or_mail *m, or_sb *out)
{
    or_error err = {0};
    if (or_mail_format(m, out, &err))
        fail_msg("or_mail_format: %s", err.msg);
}

static void test_mail_format(void **state)
{
    (void)state;
    /* 2026-11-24 09:30:05 UTC is a Tuesday */
    or_mail m = {"onroll@la.example.gov.uk",
                 "mash@la.example.gov.uk",
                 "onroll: suspension of 2 days from 6 October 2025 at Hillside",
                 "Line one.\nLine two.\n",
                 "<onroll.7.0a1b@onroll.example.gov.uk>",
                 1795512605};
    or_sb out = OR_SB_INIT;
    format(&m, &out);
    assert_string_equal(or_sb_str(&out),
                        "Date: Tue, 24 Nov 2026 09:30:05 +0000\r\n"
                        "From: onroll <onroll@la.example.gov.uk>\r\n"
                        "To: <mash@la.example.gov.uk>\r\n"
                        "Subject: onroll: suspension of 2 days from 6 October 2025 at Hillside\r\n"
                        "Message-ID: <onroll.7.0a1b@onroll.example.gov.uk>\r\n"
                        "MIME-Version: 1.0\r\n"
                        "Content-Type: text/plain; charset=utf-8\r\n"
                        "Content-Transfer-Encoding: 7bit\r\n"
                        "Auto-Submitted: auto-generated\r\n"
                        "\r\n"
                        "Line one.\r\n"
                        "Line two.\r\n");
    or_sb_release(&out);

    /* a name that is not ASCII: an RFC 2047 subject and a quoted-printable body */
    or_mail w = m;
    w.subject = "onroll: suspension at Ysgol Gyfun Gŵyr";
    w.body = "Ysgol Gyfun Gŵyr =\n";
    format(&w, &out);
    assert_non_null(strstr(or_sb_str(&out), "Subject: =?UTF-8?B?"));
    assert_null(strstr(or_sb_str(&out), "Gŵyr")); /* nothing raw outside ASCII */
    assert_non_null(strstr(or_sb_str(&out), "Content-Transfer-Encoding: quoted-printable\r\n"));
    assert_non_null(strstr(or_sb_str(&out), "\r\n\r\nYsgol Gyfun G=C5=B5yr =3D\r\n"));
    or_sb_release(&out);

    /* a line break in a school's name cannot start a header of its own */
    or_mail inj = m;
    inj.subject = "onroll: x\r\nBcc: everyone@example.com";
    format(&inj, &out);
    assert_non_null(strstr(or_sb_str(&out), "Subject: onroll: x  Bcc: everyone@example.com\r\n"));
    assert_null(strstr(or_sb_str(&out), "\r\nBcc:"));
    or_sb_release(&out);

    /* a long subject is folded at a space, every line under 78 characters */
    or_mail lng = m;
    lng.subject = "onroll: permanent exclusion from 1 December 2025 at The Very Long Name Of A "
                  "School That Goes On Academy";
    format(&lng, &out);
    assert_non_null(strstr(or_sb_str(&out), "The Very Long\r\n Name Of A School"));
    for (const char *p = or_sb_str(&out); *p;) {
        size_t len = strcspn(p, "\r");
        assert_true(len <= 78);
        p += len;
        p += strspn(p, "\r\n");
    }
    or_sb_release(&out);
}

static void test_mail_refused(void **state)
{
    (void)state;
    or_mail base = {"onroll@la.example.gov.uk",
                    "mash@la.example.gov.uk",
                    "s",
                    "b\n",
                    "<onroll.1.ab@x.example>",
                    0};
    static const struct {
        int field; /* 0 from, 1 to, 2 message id */
        const char *value, *header;
    } bad[] = {
        {1, "mash@la.example.gov.uk\r\nBcc: x@y.z", "To:"},
        {1, "two@a.example, three@b.example", "To:"},
        {1, "no-at-sign", "To:"},
        {1, "", "To:"},
        {0, "<onroll@la.example.gov.uk>", "From:"},
        {2, "onroll.1@x", "Message-ID:"},
        {2, "<onroll.1 @x>", "Message-ID:"},
        {2, "<no-right-side>", "Message-ID:"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        or_mail m = base;
        if (bad[i].field == 0)
            m.from = bad[i].value;
        else if (bad[i].field == 1)
            m.to = bad[i].value;
        else
            m.message_id = bad[i].value;
        or_sb out = OR_SB_INIT;
        or_error err = {0};
        assert_int_equal(or_mail_format(&m, &out, &err), OR_EINPUT);
        if (strncmp(err.msg, bad[i].header, strlen(bad[i].header)))
            fail_msg("case %zu: the message should name %s: %s", i, bad[i].header, err.msg);
        or_sb_release(&out);
    }
}

static void test_smtp_url(void **state)
{
    (void)state;
    or_error err = {0};
    assert_int_equal(or_smtp_check_url("smtp://127.0.0.1:2525", &err), OR_OK);
    assert_int_equal(or_smtp_check_url("smtps://mail.example.gov.uk", &err), OR_OK);
    assert_int_equal(or_smtp_check_url("http://mail.example.gov.uk", &err), OR_EUSAGE);
    assert_int_equal(or_smtp_check_url("smtp://", &err), OR_EUSAGE);
    assert_int_equal(or_smtp_check_url(NULL, &err), OR_EUSAGE);
    /* the password never reaches a message */
    assert_int_equal(or_smtp_check_url("ftp://user:secret@mail.example", &err), OR_EUSAGE);
    assert_null(strstr(err.msg, "secret"));
    char shown[128];
    or_smtp_url_shown("smtp://onroll:secret@mail.example.gov.uk:587/x", shown, sizeof shown);
    assert_string_equal(shown, "smtp://mail.example.gov.uk:587");
    or_tls_mode t;
    assert_true(or_tls_mode_parse("required", &t));
    assert_int_equal(t, OR_TLS_REQUIRED);
    assert_false(or_tls_mode_parse("maybe", &t));
}

/* 1 min, 2, 4 ... up to an hour: worked out by hand. */
static void test_backoff(void **state)
{
    (void)state;
    static const struct {
        int attempts, base, max;
        int64_t want;
    } cases[] = {
        {1, 0, 0, 60},   {2, 0, 0, 120},   {3, 0, 0, 240},   {6, 0, 0, 1920},
        {7, 0, 0, 3600}, {40, 0, 0, 3600}, {1, 1, 60, 1},    {2, 1, 60, 2},
        {3, 1, 60, 4},   {8, 1, 60, 60},   {0, 30, 600, 30}, {5, 30, 100, 100},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (or_sender_backoff(cases[i].attempts, cases[i].base, cases[i].max) != cases[i].want)
            fail_msg("backoff(%d, %d, %d) = %lld, want %lld", cases[i].attempts, cases[i].base,
                     cases[i].max,
                     (long long)or_sender_backoff(cases[i].attempts, cases[i].base, cases[i].max),
                     (long long)cases[i].want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_services),
        cmocka_unit_test(test_messages_hold_no_special_category_data),
        cmocka_unit_test(test_message_text),
        cmocka_unit_test(test_event_words),
        cmocka_unit_test(test_service_sets),
        cmocka_unit_test(test_mail_format),
        cmocka_unit_test(test_mail_refused),
        cmocka_unit_test(test_smtp_url),
        cmocka_unit_test(test_backoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
