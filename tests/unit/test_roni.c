/* test_roni.c - the Risk of NEET Indicator (roni.h, docs/roni.md) on pupils scored by hand.
 *
 * The criteria (Oxfordshire County Council's RONI as issue 17 part 5 lists them; version
 * "oxfordshire-1"): attendance at or below 90% 1 point, at or below 85% 2 points (one or the
 * other); English as an additional language 1; EHC plan 2; SEN support 1; ever permanently
 * excluded or suspended 2; free school meals 2; in alternative provision 1; looked after 2;
 * pregnant or a parent 2; young carer 2; in custody 2 (the latest attendance mark of the school
 * year is Y5, "unable to attend: pupil in criminal justice detention", the 2024 regulations'
 * code); supervised by the
 * youth justice service 2. Bands: 0 none, 1 offer support, 2-3 additional support, 4 or more
 * substantial support. Years 8 to 11 only.
 *
 * Every pupil is scored on Thu 15 Jan 2026 (school year 2025/26). Year group from the date of
 * birth (yeargroup.h: Year N at age N + 4 on 31 August 2025): born 1 May 2014 Year 7, 2013
 * Year 8, 2012 Year 9, 2010 Year 11, 2009 Year 12. Attendance is sent as totals for 1 September
 * 2025 to 12 December 2025 (present of possible); the rate is compared exactly:
 * present * 100 <= 90 * possible. Each expected score is added up by hand in the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "onroll/marks.h"
#include "onroll/nccis.h"
#include "onroll/roni.h"

#define URN 100001

typedef struct {
    const char *name;
    const char *dob;
    char sen;
    int fsm, eal, cla, yjs, carer, parent;
    int possible, present; /* 0 possible: no attendance sent */
    const char *susp;      /* a suspension on this day, or NULL */
    bool withdrawn;        /* ... which the head withdrew */
    const char *ap;        /* an AP placement from this day (no end), or NULL */
    const char *yj_case;   /* a youth_justice caseload from this day, or NULL */
    int custody;           /* marks: 0 none; 1 present 5-9 Jan 2026, then Y5 Mon 12 - Wed 14 Jan (in
                              custody on the 15th); 2 the same but present on Wed 14 Jan (released) */
    /* expected, by hand */
    bool scored;
    int score;
    or_roni_band band;
    const char *factors;
} case_t;

/* clang-format off */
static const case_t cases[] = {
    /* band edge 0: nothing recorded */
    {"nothing", "2012-05-01", 'N', 0, 0, 0, 0, 0, 0, 0, 0, NULL, false, NULL, NULL, 0,
     true, 0, OR_RONI_BAND_NONE, ""},
    /* band edge 0/1: EAL 1 = 1, offer support */
    {"eal only", "2012-05-01", 'N', 0, 1, 0, 0, 0, 0, 0, 0, NULL, false, NULL, NULL, 0,
     true, 1, OR_RONI_BAND_OFFER, "eal=1"},
    /* attendance exactly 90%: 180 of 200, 18000 <= 18000: 1 */
    {"attendance 90.0%", "2012-05-01", 'N', 0, 0, 0, 0, 0, 0, 200, 180, NULL, false, NULL,
     NULL, 0, true, 1, OR_RONI_BAND_OFFER, "attendance=1"},
    /* just above 90%: 901 of 1000, 90100 > 90000: 0 */
    {"attendance 90.1%", "2012-05-01", 'N', 0, 0, 0, 0, 0, 0, 1000, 901, NULL, false, NULL,
     NULL, 0, true, 0, OR_RONI_BAND_NONE, ""},
    /* band edge 1/2 and attendance exactly 85%: 170 of 200, 17000 <= 17000: 2 */
    {"attendance 85.0%", "2012-05-01", 'N', 0, 0, 0, 0, 0, 0, 200, 170, NULL, false, NULL,
     NULL, 0, true, 2, OR_RONI_BAND_ADDITIONAL, "attendance=2"},
    /* just above 85%: 171 of 200 (85.5%): the 90% factor, 1 */
    {"attendance 85.5%", "2012-05-01", 'N', 0, 0, 0, 0, 0, 0, 200, 171, NULL, false, NULL,
     NULL, 0, true, 1, OR_RONI_BAND_OFFER, "attendance=1"},
    /* band edge 3: FSM 2 + EAL 1 = 3, additional support */
    {"fsm and eal", "2012-05-01", 'N', 1, 1, 0, 0, 0, 0, 0, 0, NULL, false, NULL, NULL, 0,
     true, 3, OR_RONI_BAND_ADDITIONAL, "eal=1;fsm=2"},
    /* band edge 3/4: FSM 2 + EAL 1 + SEN support 1 = 4, substantial support */
    {"fsm, eal, sen support", "2012-05-01", 'K', 1, 1, 0, 0, 0, 0, 0, 0, NULL, false, NULL,
     NULL, 0, true, 4, OR_RONI_BAND_SUBSTANTIAL, "eal=1;sen_support=1;fsm=2"},
    /* suspended in the autumn: 2 */
    {"suspended", "2012-05-01", 'N', 0, 0, 0, 0, 0, 0, 0, 0, "2025-10-08", false, NULL, NULL,
     0, true, 2, OR_RONI_BAND_ADDITIONAL, "excluded=2"},
    /* a suspension the head withdrew does not count: 0 */
    {"suspension withdrawn", "2012-05-01", 'N', 0, 0, 0, 0, 0, 0, 0, 0, "2025-10-08", true, NULL,
     NULL, 0, true, 0, OR_RONI_BAND_NONE, ""},
    /* in AP 1 + looked after 2 = 3 */
    {"in AP, looked after", "2012-05-01", 'N', 0, 0, 1, 0, 0, 0, 0, 0, NULL, false, "2025-11-03",
     NULL, 0, true, 3, OR_RONI_BAND_ADDITIONAL, "in_ap=1;looked_after=2"},
    /* pregnant or a parent 2 + young carer 2 + youth justice caseload 2 = 6 */
    {"parent, carer, youth justice", "2010-05-01", 'N', 0, 0, 0, 0, 1, 1, 0, 0, NULL, false, NULL,
     "2025-09-15", 0, true, 6, OR_RONI_BAND_SUBSTANTIAL,
     "parent_or_pregnant=2;young_carer=2;youth_justice=2"},
    /* Year 8, the lowest year: EHC plan 2 */
    {"year 8 ehc plan", "2013-05-01", 'E', 0, 0, 0, 0, 0, 0, 0, 0, NULL, false, NULL, NULL, 0,
     true, 2, OR_RONI_BAND_ADDITIONAL, "ehc_plan=2"},
    /* Year 11, the highest year: the pupils file's yjs 2 + 84.0% (168 of 200) 2 = 4 */
    {"year 11 yjs, 84%", "2010-05-01", 'N', 0, 0, 0, 1, 0, 0, 200, 168, NULL, false, NULL,
     NULL, 0, true, 4, OR_RONI_BAND_SUBSTANTIAL, "attendance=2;youth_justice=2"},
    /* Year 7 and Year 12 are not scored, whatever they have */
    {"year 7", "2014-05-01", 'E', 1, 1, 1, 1, 1, 1, 200, 100, NULL, false, NULL, NULL, 1,
     false, 0, OR_RONI_BAND_NONE, ""},
    {"year 12", "2009-05-01", 'E', 1, 1, 1, 1, 1, 1, 200, 100, NULL, false, NULL, NULL, 1,
     false, 0, OR_RONI_BAND_NONE, ""},
    /* in custody: the latest mark (Wed 14 Jan pm) is Y5: 2, additional; the 10 present and
       6 Y5 sessions are 10 possible (Y5 is not a possible session), 100%: no attendance point */
    {"in custody", "2011-05-01", 'N', 0, 0, 0, 0, 0, 0, 0, 0, NULL, false, NULL, NULL, 1,
     true, 2, OR_RONI_BAND_ADDITIONAL, "custody=2"},
    /* released: present again on Wed 14 Jan, after two days of Y5: 0 */
    {"released", "2011-05-01", 'N', 0, 0, 0, 0, 0, 0, 0, 0, NULL, false, NULL, NULL, 2,
     true, 0, OR_RONI_BAND_NONE, ""},
};
/* clang-format on */

static or_date D(const char *s)
{
    or_date d = OR_DATE_NONE;
    assert_true(or_date_parse(s, &d));
    return d;
}

typedef struct {
    or_fact_snapshot snap;
    char marks[OR_MARKS_LEN];
    or_fact_marks fm;
    or_fact_event ev[3];
    or_fact_enrolment en;
    or_fact_case cs;
    or_fact_totals tot;
    or_pupil_facts f;
} built;

static void build(const case_t *c, built *b)
{
    memset(b, 0, sizeof *b);
    b->snap = (or_fact_snapshot){.as_of = D("2025-09-01"),
                                 .dob = D(c->dob),
                                 .sex = 'F',
                                 .ethnicity = "WBRI",
                                 .sen = c->sen,
                                 .fsm = (int8_t)c->fsm,
                                 .eal = (int8_t)c->eal,
                                 .cla = (int8_t)c->cla,
                                 .yjs = (int8_t)c->yjs,
                                 .young_carer = (int8_t)c->carer,
                                 .parent_or_pregnant = (int8_t)c->parent,
                                 .social_worker_since = OR_DATE_NONE};
    b->en = (or_fact_enrolment){URN, D("2025-09-01"), OR_DATE_NONE, 'm', NULL, NULL};
    b->f = (or_pupil_facts){.upn = "A123456789012",
                            .snaps = &b->snap,
                            .nsnaps = 1,
                            .enrols = &b->en,
                            .nenrols = 1,
                            .events = b->ev};
    int n = 0;
    if (c->susp) {
        b->ev[n++] = (or_fact_event){.event_id = "S1",
                                     .urn = URN,
                                     .kind = OR_EV_SUSPENSION,
                                     .start = D(c->susp),
                                     .end = OR_DATE_NONE,
                                     .decided = D(c->susp),
                                     .exam_date = OR_DATE_NONE,
                                     .sessions = 2,
                                     .seq = 1};
        if (c->withdrawn)
            b->ev[n++] = (or_fact_event){.event_id = "W1",
                                         .urn = URN,
                                         .kind = OR_EV_WITHDRAWN,
                                         .start = D(c->susp),
                                         .end = OR_DATE_NONE,
                                         .decided = D(c->susp),
                                         .exam_date = OR_DATE_NONE,
                                         .ref = "S1",
                                         .sessions = -1,
                                         .seq = 2};
    }
    if (c->ap)
        b->ev[n++] = (or_fact_event){.event_id = "AP1",
                                     .urn = URN,
                                     .kind = OR_EV_AP_PLACEMENT,
                                     .start = D(c->ap),
                                     .end = OR_DATE_NONE,
                                     .decided = D(c->ap),
                                     .exam_date = OR_DATE_NONE,
                                     .provider = "Synthetic AP",
                                     .sessions = -1,
                                     .seq = 3};
    b->f.nevents = n;
    if (c->yj_case) {
        b->cs = (or_fact_case){"yot@example.gov.uk", "youth_justice", D(c->yj_case), OR_DATE_NONE};
        b->f.cases = &b->cs;
        b->f.ncases = 1;
    }
    if (c->custody) { /* Mon 5 Jan 2026 .. Wed 14 Jan 2026, weekdays, both sessions */
        or_marks_clear(b->marks);
        for (or_date d = D("2026-01-05"); d <= D("2026-01-14"); d++) {
            if (or_date_weekday(d) >= 5)
                continue;
            bool y5 = d >= D("2026-01-12") && !(c->custody == 2 && d == D("2026-01-14"));
            for (int pm = 0; pm < 2; pm++)
                b->marks[or_mark_pos(d, pm)] = or_mark_byte(y5 ? "Y5" : "/");
        }
        b->fm = (or_fact_marks){URN, 2025, b->marks};
        b->f.marks = &b->fm;
        b->f.nmarks = 1;
    }
    if (c->possible) {
        b->tot = (or_fact_totals){URN,
                                  D("2025-09-01"),
                                  D("2025-12-12"),
                                  c->possible,
                                  c->present,
                                  c->possible - c->present,
                                  0};
        b->f.totals = &b->tot;
        b->f.ntotals = 1;
    }
}

static void test_hand_scored(void **state)
{
    (void)state;
    or_date on = D("2026-01-15");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const case_t *c = &cases[i];
        built b;
        build(c, &b);
        or_roni_score s;
        bool scored = or_roni_score_pupil(&b.f, on, &s);
        char text[256];
        or_roni_factors_text(&s, false, 0, text, sizeof text);
        if (scored != c->scored || s.score != c->score || s.band != c->band ||
            strcmp(text, c->factors))
            fail_msg("%s: scored %d score %d band %s factors '%s'; wanted %d %d %s '%s'", c->name,
                     scored, s.score, or_roni_band_key(s.band), text, c->scored, c->score,
                     or_roni_band_key(c->band), c->factors);
        if (scored)
            assert_int_equal(s.urn, URN);
    }
}

static void test_bands(void **state)
{
    (void)state;
    assert_int_equal(or_roni_band_of(0), OR_RONI_BAND_NONE);
    assert_int_equal(or_roni_band_of(1), OR_RONI_BAND_OFFER);
    assert_int_equal(or_roni_band_of(2), OR_RONI_BAND_ADDITIONAL);
    assert_int_equal(or_roni_band_of(3), OR_RONI_BAND_ADDITIONAL);
    assert_int_equal(or_roni_band_of(4), OR_RONI_BAND_SUBSTANTIAL);
    assert_int_equal(or_roni_band_of(19), OR_RONI_BAND_SUBSTANTIAL);
    assert_int_equal(or_roni_band_parse("additional"), OR_RONI_BAND_ADDITIONAL);
    assert_int_equal(or_roni_band_parse("high"), -1);
    assert_string_equal(or_roni_band_label(OR_RONI_BAND_OFFER), "Offer support");
}

/* The table is the issue's: each factor's points, and each says where onroll finds it. */
static void test_weights(void **state)
{
    (void)state;
    static const int want[OR_RONI__N] = {1, 2, 1, 2, 1, 2, 2, 1, 2, 2, 2, 2, 2};
    for (int k = 0; k < OR_RONI__N; k++)
        assert_int_equal(or_roni_factor_at((or_roni_factor)k)->points, want[k]);
    for (int k = 0; k < OR_RONI__N; k++)
        assert_non_null(or_roni_factor_at((or_roni_factor)k)->source);
    assert_string_equal(OR_RONI_VERSION, "oxfordshire-1");
}

/* An override keeps the factors and says the difference, so the points add up to it. */
static void test_override_text(void **state)
{
    (void)state;
    built b;
    build(&cases[7], &b); /* fsm, eal, sen support: 4 */
    or_roni_score s;
    assert_true(or_roni_score_pupil(&b.f, D("2026-01-15"), &s));
    char text[256];
    or_roni_factors_text(&s, true, 2, text, sizeof text);
    assert_string_equal(text, "eal=1;sen_support=1;fsm=2;override=-2");
    char why[160];
    build(&cases[4], &b); /* 85.0% */
    assert_true(or_roni_score_pupil(&b.f, D("2026-01-15"), &s));
    assert_string_equal(or_roni_why(&s, OR_RONI_ATTENDANCE_85, why, sizeof why),
                        "attendance 85.0% this school year (170 of 200 sessions), at or below 85%");
}

/* The NCCIS groups by the hundreds of the code (nccis.c cites them): what the outcomes count. */
static void test_nccis(void **state)
{
    (void)state;
    assert_int_equal(or_nccis_group_of(210), OR_NCCIS_EDUCATION);
    assert_string_equal(or_nccis_name(210), "School sixth form");
    assert_int_equal(or_nccis_group_of(540), OR_NCCIS_NEET);
    assert_int_equal(or_nccis_group_of(699), OR_NCCIS_NEET);
    assert_int_equal(or_nccis_group_of(710), OR_NCCIS_OTHER);
    assert_int_equal(or_nccis_group_of(810), OR_NCCIS_NOT_KNOWN);
    assert_true(or_nccis_neet_or_not_known(540) && or_nccis_neet_or_not_known(810));
    assert_false(or_nccis_neet_or_not_known(210) || or_nccis_neet_or_not_known(710));
    assert_int_equal(or_nccis_group_of(199), -1);
    assert_int_equal(or_nccis_group_of(900), -1);
    assert_string_equal(or_nccis_name(999), "");
    assert_string_equal(or_nccis_name(320), "Employment");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_scored), cmocka_unit_test(test_bands),
        cmocka_unit_test(test_weights),     cmocka_unit_test(test_override_text),
        cmocka_unit_test(test_nccis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
