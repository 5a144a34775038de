/* demo_improve.c - the demo LA's self-improvement records (or_demo_improve in demo.h), so that
 * the pages built for them are not empty: self-evaluation reviews of most schools last academic
 * year and this one (the Wellbeing Framework audit; the SEND review for some), with area
 * judgements spread across the levels and moving up and down, one review started and not
 * complete, and the demo school's action plan (two focus areas, actions due before and after
 * as_of: LOCAL-ACTION-PLAN duties); partnership meetings (one school overdue, others up to
 * date); at the demo school, the Kingsford resilience survey in two waves answered by 40
 * pseudonymous pupils; and (demo_workshop.c) a whole-system workshop with its boards, ideas
 * and a theory of change. Everything is invented. It is written after the demo accounts exist,
 * through the store functions the pages use, each write with its audit line in one transaction
 * as the pages do.
 * Deterministic for a seed and date (one random stream), except what the store makes random on
 * purpose: survey pseudonyms and link tokens. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_improve_kit.h"
#include "onroll/instruments.h"
#include "onroll/kinds.h"
#include "onroll/reviews.h"
#include "onroll/store_audit.h"
#include "onroll/store_portfolio.h"
#include "onroll/store_users.h"
#include "onroll/surveys.h"

static or_code on_school(void *ctx, const or_value *row, or_error *err)
{
    imp *x = ctx;
    if (x->n == x->cap) {
        int cap = x->cap ? x->cap * 2 : 64;
        x->schools =
            or_arena_grow(&x->a, x->schools, (size_t)x->n, (size_t)cap, sizeof *x->schools);
        x->cap = cap;
    }
    (void)err;
    x->schools[x->n++] = (im_school){
        (int)row[OR_SC_URN].i, or_arena_strdup(&x->a, row[OR_SC_NAME].s ? row[OR_SC_NAME].s : ""),
        or_arena_strdup(&x->a, row[OR_SC_PHASE].s ? row[OR_SC_PHASE].s : "")};
    return OR_OK;
}

/* ---- reviews ---- */

/* Rate an area's rating items near its judgement (index j of nj), yes/no items mostly yes. */
static or_code answer_area(imp *x, const or_instrument *in, int sec, int j, int64_t id,
                           const char *user)
{
    const or_instr_section *sc = &in->sections[sec];
    or_code rc = OR_OK;
    for (int k = 0; !rc && k < sc->nitems; k++) {
        const or_instr_item *it = &sc->items[k];
        const char *v = NULL;
        if (it->resp == OR_RESP_RATING && in->nlevels > 1) {
            int nj = in->njudgements > 1 ? in->njudgements : in->nlevels;
            int l = (int)lround((double)j * (in->nlevels - 1) / (nj - 1));
            if (dm_chance(&x->r, 0.3))
                l += dm_chance(&x->r, 0.5) ? 1 : -1;
            l = l < 0 ? 0 : l >= in->nlevels ? in->nlevels - 1 : l;
            v = in->levels[l];
        } else if (it->resp == OR_RESP_YESNO) {
            v = dm_chance(&x->r, 0.3 + 0.15 * j) ? "yes" : "no";
        }
        if (v)
            rc = or_review_answer_set(x->s, id, it->key, v, user, x->err);
    }
    /* the judgements the area asks for, or (the wellbeing audit) one: the area's level */
    int nj = in->njudgements > 0 ? (sc->njudged ? sc->njudged : 1) : 0;
    for (int k = 0; !rc && k < nj; k++) {
        int jj = k == 0 ? j : j + (dm_chance(&x->r, 0.3) ? (dm_chance(&x->r, 0.5) ? 1 : -1) : 0);
        jj = jj < 0 ? 0 : jj >= in->njudgements ? in->njudgements - 1 : jj;
        rc = or_review_answer_set(x->s, id, or_arena_printf(&x->a, "a%d.j%d", sec + 1, k + 1),
                                  in->judgements[jj], user, x->err);
    }
    return rc;
}

/* One review of a school: started by user, its areas judged at levels j[] (answered up to
 * `areas`), complete on `done` (OR_DATE_NONE: left started); one transaction. */
static or_code one_review(imp *x, const or_instrument *in, int urn, int ay, const int *j, int areas,
                          or_date done, const char *user, int64_t *id)
{
    or_code rc = or_store_begin(x->s, x->err);
    if (!rc)
        rc = or_review_start(x->s, urn, ay, in->id, in->version, user, id, x->err);
    const char *obj = or_arena_printf(&x->a, "/reviews/%lld", (long long)*id);
    if (!rc)
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "review %lld started: %s, URN %d, %d/%02d",
                                      (long long)*id, in->id, urn, ay, (ay + 1) % 100));
    for (int s = 0; !rc && s < areas; s++)
        if (!(rc = answer_area(x, in, s, j[s], *id, user)))
            rc = im_audit(
                x, obj,
                or_arena_printf(&x->a, "review %lld: area %d saved", (long long)*id, s + 1));
    if (!rc && done != OR_DATE_NONE && !(rc = or_review_complete(x->s, *id, DAY(done), x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "review %lld marked as complete", (long long)*id));
    return im_finish(x, rc);
}

static const char *const plan_rows[4][4] = {
    /* purpose, actions, lead, outcomes */
    {"Every pupil knows a trusted adult they can go to.",
     "Match each Year 7 pupil with a key adult; check-ins twice a week for pupils on the nurture "
     "group's list.",
     "Assistant head (inclusion)",
     "Every Year 7 pupil names a trusted adult in the spring survey."},
    {"Staff notice early when a pupil is struggling.",
     "Training for form tutors on the signs of anxiety and low mood; a weekly pastoral meeting "
     "reviews the pupils they raise.",
     "Designated senior mental health lead", "Fewer referrals that arrive at crisis point."},
    {"Pupils with SEND are included at lunchtime and between lessons.",
     "A quiet space and a lunchtime club run by learning mentors; movement breaks agreed with "
     "every teacher.",
     "SENCO", "Fewer suspensions of pupils with SEN for incidents at lunchtime."},
    {"Families hear what goes well, not only what goes wrong.",
     "A positive call home each half-term for every pupil on the SEND register.", "Head of Year 7",
     "Parents' survey: more agree that the school listens to them."},
};

/* The demo school's plan: two focus areas (the two lowest judged of the areas the source
 * names), two actions each, one due before as_of and one after. One transaction. */
static or_code action_plan(imp *x, const or_instrument *in, int64_t review, const int *j)
{
    int focus[2] = {-1, -1};
    for (int s = 0; s < in->nsections; s++) {
        if (in->sections[s].placeholder)
            continue;
        if (focus[0] < 0 || j[s] < j[focus[0]]) {
            focus[1] = focus[0];
            focus[0] = s;
        } else if (focus[1] < 0 || j[s] < j[focus[1]])
            focus[1] = s;
    }
    or_code rc = or_store_begin(x->s, x->err);
    const char *obj = or_arena_printf(&x->a, "/reviews/%lld/plan", (long long)review);
    static const int starts[4] = {-70, -40, -50, -20}, dues[4] = {-12, 45, -4, 90};
    for (int k = 0; !rc && k < 4; k++) {
        if (focus[k / 2] < 0)
            continue;
        or_review_action act = {.review_id = review,
                                .area = focus[k / 2] + 1,
                                .purpose = plan_rows[k][0],
                                .actions = plan_rows[k][1],
                                .lead = plan_rows[k][2],
                                .starts_on = DAY(im_weekday(x->as_of + starts[k])),
                                .due_on = DAY(im_weekday(x->as_of + dues[k])),
                                .outcomes = plan_rows[k][3],
                                .review_note = "",
                                .review_on = "",
                                .new_actions = "",
                                .done_on = ""};
        int64_t id = 0;
        if (!(rc = or_review_action_add(x->s, &act, x->school_email, &id, x->err)))
            rc = im_audit(x, obj,
                          or_arena_printf(&x->a, "review %lld: action %lld added, area %d",
                                          (long long)review, (long long)id, act.area));
    }
    return im_finish(x, rc);
}

/* Judgements last year drawn mostly low; this year one level up for about three areas in ten,
 * down for one in twelve. */
static void judge(imp *x, const or_instrument *in, int *prev, int *cur)
{
    int nj = in->njudgements > 0 ? in->njudgements : 1;
    static const int w3[] = {40, 45, 15}, w4[] = {20, 40, 30, 10};
    for (int s = 0; s < in->nsections; s++) {
        prev[s] = nj == 3 ? dm_pick(&x->r, w3, 3) : nj == 4 ? dm_pick(&x->r, w4, 4) : 0;
        int m = dm_chance(&x->r, 0.3) ? 1 : dm_chance(&x->r, 0.09) ? -1 : 0;
        cur[s] = prev[s] + m < 0 ? 0 : prev[s] + m >= nj ? nj - 1 : prev[s] + m;
    }
}

static or_code reviews(imp *x)
{
    const or_instrument *wb = or_instrument_find("wellbeing-audit", 0),
                        *send = or_instrument_find("send-review", 0);
    if (!wb || !send)
        return OR_OK; /* the seeds are always there */
    or_date ay_start = or_date_from_ymd(x->ay, 9, 1);
    /* this year's reviews are complete from late September; before that only started */
    bool can_complete = x->as_of - ay_start >= 30;
    bool started_one = false;
    int prev[16], cur[16];
    or_code rc = OR_OK;
    for (int i = 0; !rc && i < x->n; i++) {
        const im_school *sc = &x->schools[i];
        bool demo = sc->urn == x->demo_urn;
        bool last = demo || dm_chance(&x->r, 0.8);
        bool now = demo || (last ? dm_chance(&x->r, 0.85) : dm_chance(&x->r, 0.3));
        bool send_too = !demo && dm_chance(&x->r, 0.3);
        for (int k = 0; !rc && k < 2; k++) {
            const or_instrument *in = k == 0 ? wb : send;
            if (k == 1 && !send_too)
                break;
            if (in->nsections > 16)
                continue;
            judge(x, in, prev, cur);
            int64_t id = 0;
            const char *user = x->school_email && demo ? x->school_email : x->officer;
            if (last) {
                or_date done = im_weekday(or_date_from_ymd(x->ay, 6, 1) + dm_below(&x->r, 45));
                rc = one_review(x, in, sc->urn, x->ay - 1, prev, in->nsections, done, user, &id);
            }
            if (rc || !now)
                continue;
            bool started = !can_complete || (!started_one && !demo && k == 0);
            started_one = started_one || started;
            or_date done = OR_DATE_NONE;
            if (!started) {
                int span = x->as_of - (ay_start + 20);
                done = im_weekday(ay_start + 20 + dm_below(&x->r, span > 1 ? span : 1));
            }
            rc = one_review(x, in, sc->urn, x->ay, cur, started ? 3 : in->nsections, done, user,
                            &id);
            if (!rc && demo && k == 0 && !started)
                rc = action_plan(x, in, id, cur);
        }
    }
    return rc;
}

/* ---- partnership meetings ---- */

static const char *const meeting_notes[] = {
    "Reviewed the audit and the action plan; agreed the next steps for Year 7.",
    "CAMHS waiting times discussed; two pupils to be raised at the next consultation.",
    "The nurture group's first results; the framework partner to share training dates.",
    "Looked at the term's suspensions and who was referred for support.",
};

/* Meetings for some primary and secondary schools: every six weeks or so up to about ten days
 * before as_of (up to date), and for one secondary school none since the summer term
 * (overdue). One transaction per school. */
static or_code meetings(imp *x)
{
    int others = 0; /* up to date, besides the demo school */
    bool overdue = false;
    or_code rc = OR_OK;
    for (int i = 0; !rc && i < x->n; i++) {
        const im_school *sc = &x->schools[i];
        bool sec = !strcmp(sc->phase, "secondary"), pri = !strcmp(sc->phase, "primary");
        bool demo = sc->urn == x->demo_urn, late = sec && !overdue && !demo;
        if ((!sec && !pri) || (!demo && !late && others >= 4))
            continue;
        overdue = overdue || late;
        others += !demo && !late;
        or_date last = im_weekday(x->as_of - (late ? 150 : 10));
        int every = sec ? 45 : 90;
        rc = or_store_begin(x->s, x->err);
        for (int k = 3; !rc && k >= 0; k--) {
            or_date held = im_weekday(last - k * every);
            or_pm_meeting m = {.urn = sc->urn,
                               .held_on = held,
                               .roles = k % 2 ? "smhl;camhs;wfp" : "smhl;wfp",
                               .notes = meeting_notes[(i + k) % 4],
                               .next_on = DAY(im_weekday(held + every))};
            int64_t id = 0;
            const char *user =
                sc->urn == x->demo_urn && x->school_email ? x->school_email : x->officer;
            if (!(rc = or_pm_add(x->s, &m, user, &id, x->err)))
                rc =
                    im_audit(x, or_arena_printf(&x->a, "/schools/%d/partnership", sc->urn),
                             or_arena_printf(&x->a, "partnership meeting %lld recorded: URN %d, %s",
                                             (long long)id, sc->urn, DAY(held)));
        }
        rc = im_finish(x, rc);
    }
    return rc;
}

/* ---- the survey ---- */

/* The Kingsford template gives no response scale and no scoring ("no response scale is given in
 * the document"): these levels, their scores and the mean are the demo school's choice, set as
 * a school does in the builder before the first wave, not the source's. */
static const or_survey_level kingsford_levels[] = {
    {"Never", true, 0}, {"Sometimes", true, 1}, {"Often", true, 2}, {"Always", true, 3}};

enum { SURVEY_ISSUED = 42, SURVEY_BOTH = 40 };

static or_code survey(imp *x)
{
    const or_survey_template *t = or_survey_template_find("kingsford-resilience");
    if (!t || !x->demo_urn)
        return OR_OK;
    or_survey_def d = t->def;
    or_survey_scale *sc = or_arena_calloc(&x->a, (size_t)d.nscales + 1, sizeof *sc);
    for (int i = 0; i < d.nscales; i++) {
        sc[i] = d.scales[i];
        if (sc[i].nlevels == 0) {
            sc[i].nlevels = 4;
            sc[i].levels = kingsford_levels;
            sc[i].note = "Set by the school: the source gives no response scale.";
        }
    }
    d.scales = sc;
    d.title = "My Resilience and Wellbeing: Year 7 nurture group";
    d.scoring = OR_SCORE_MEAN;
    d.scoring_note = "Set by the school: each part's score is the mean of the scores of the "
                     "questions a pupil answered (Never 0, Sometimes 1, Often 2, Always 3). The "
                     "source gives no scoring.";
    or_code rc = or_survey_check(&d, true, x->err);
    if (rc)
        return rc;
    int ay0 = x->ay - 1;
    or_date w1 = im_weekday(or_date_from_ymd(ay0, 10, 10)),
            w2 = im_weekday(or_date_from_ymd(ay0 + 1, 3, 13));
    int64_t id = 0;
    const char *obj = NULL;
    int n1 = 0, n2 = 0;
    if (!(rc = or_store_begin(x->s, x->err)) &&
        !(rc = or_survey_create(x->s, x->demo_urn, t->id, &d, x->school_email, &id, x->err))) {
        obj = or_arena_printf(&x->a, "/surveys/%lld", (long long)id);
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "survey %lld created from %s", (long long)id, t->id));
    }
    if (!rc &&
        !(rc = or_survey_wave_add(x->s, id, "Before the nurture group", w1 - 4, w1, &n1, x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "survey %lld: wave %d added", (long long)id, n1));
    if (!rc &&
        !(rc = or_survey_wave_add(x->s, id, "After the nurture group", w2 - 4, w2, &n2, x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "survey %lld: wave %d added", (long long)id, n2));
    const char **tokens = NULL, **pseud = NULL;
    if (!rc &&
        !(rc = or_survey_issue(x->s, id, SURVEY_ISSUED, w1 - 10, &x->a, &tokens, &pseud, x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a,
                                      "survey links issued: survey %lld (URN %d), %d links "
                                      "without names",
                                      (long long)id, x->demo_urn, SURVEY_ISSUED));
    if ((rc = im_finish(x, rc)))
        return rc;
    or_survey_wave *waves = NULL;
    or_survey_respondent *rs = NULL;
    int nw = 0, nr = 0;
    if ((rc = or_survey_waves(x->s, id, &x->a, &waves, &nw, x->err)) ||
        (rc = or_survey_respondents(x->s, id, &x->a, &rs, &nr, x->err)))
        return rc;
    if (nw < 2)
        return OR_OK;
    int ni = or_survey_items(&d), na = 0;
    const char **items = or_arena_calloc(&x->a, (size_t)ni + 1, sizeof *items);
    const char **values = or_arena_calloc(&x->a, (size_t)ni + 1, sizeof *values);
    double *offset = or_arena_calloc(&x->a, (size_t)ni + 1, sizeof *offset);
    for (int g = 0; g < d.ndomains; g++)
        for (int k = 0; k < d.domains[g].nitems; k++)
            if (d.domains[g].items[k].type == OR_SQ_SCALE) {
                offset[na] = dm_unif(&x->r) * 0.8 - 0.4;
                items[na++] = d.domains[g].items[k].key;
            }
    /* each pupil's level (about "Sometimes" to "Often"), a little higher after the group;
     * level indexes (-1: left out) by wave, pupil and item */
    int *lv = or_arena_calloc(&x->a, (size_t)(2 * nr * na) + 1, sizeof *lv);
#define LV(w, p, k) lv[((w)*nr + (p)) * na + (k)]
    for (int p = 0; p < nr; p++) {
        double base = 1.4 + 0.5 * dm_normal(&x->r), gain = 0.25 + 0.3 * dm_normal(&x->r);
        for (int w = 0; w < 2; w++)
            for (int k = 0; k < na; k++) {
                double v = base + offset[k] + (w ? gain : 0) + 0.6 * dm_normal(&x->r);
                int l = (int)lround(v);
                LV(w, p, k) = dm_chance(&x->r, 0.03) ? -1 : l < 0 ? 0 : l > 3 ? 3 : l;
            }
    }
    /* A count of 1 or 2 is hidden on the results (suppression) and hides the means built on it:
     * such pupils' answers move to the next level inwards, as if they had chosen it, so that the
     * demo's results show figures. */
    for (int w = 0; w < 2; w++)
        for (int k = 0, np = w ? SURVEY_BOTH : SURVEY_BOTH + 1; k < na; k++) {
            static const int from[4] = {0, 3, 1, 2}, to[4] = {1, 2, 2, 1};
            for (int m = 0; m < 4; m++) {
                int c = 0;
                for (int p = 0; p < np && p < nr; p++)
                    c += LV(w, p, k) == from[m];
                if (c < 1 || c > 2)
                    continue;
                for (int p = 0; p < np && p < nr; p++)
                    if (LV(w, p, k) == from[m])
                        LV(w, p, k) = to[m];
                if (m == 2)
                    break; /* level 1 went into 2: 2 is large */
            }
        }
    for (int p = 0; !rc && p < nr; p++) {
        int nwaves = p < SURVEY_BOTH ? 2 : p == SURVEY_BOTH ? 1 : 0;
        for (int w = 0; !rc && w < nwaves; w++) {
            for (int k = 0; k < na; k++)
                values[k] = LV(w, p, k) < 0 ? "" : kingsford_levels[LV(w, p, k)].label;
            or_date on = im_weekday(waves[w].opens_on + dm_below(&x->r, 5));
            or_audit_entry e = {.actor = "survey respondent",
                                .action = "survey.answer",
                                .object = or_arena_printf(&x->a, "survey:%lld", (long long)id),
                                .detail = or_arena_printf(&x->a, "wave %d answered", waves[w].n)};
            if (!(rc = or_store_begin(x->s, x->err)) &&
                !(rc =
                      or_survey_submit(x->s, waves[w].id, rs[p].id, on, items, values, na, x->err)))
                rc = or_audit_add(x->s, &e, x->err);
            rc = im_finish(x, rc);
        }
    }
#undef LV
    return rc;
}

or_code or_demo_improve(or_store *s, or_date as_of, uint64_t seed, const char *actor, or_error *err)
{
    imp x = {.s = s, .a = OR_ARENA_INIT, .as_of = as_of, .actor = actor, .err = err};
    dm_rng_seed(&x.r, seed, 1819);
    x.ay = or_date_academic_year(as_of);
    or_user u;
    bool found = false;
    or_code rc = or_user_find(s, "la_officer@demo.onroll.example", &u, &found, err);
    if (rc || !found)
        goto done; /* no demo accounts: nothing to do */
    x.officer = or_arena_strdup(&x.a, u.email);
    if (!(rc = or_user_find(s, "school@demo.onroll.example", &u, &found, err)) && found) {
        x.school_email = or_arena_strdup(&x.a, u.email);
        x.demo_urn = atoi(u.scope);
    }
    if (!rc && !(rc = or_user_find(s, "virtual_school@demo.onroll.example", &u, &found, err)))
        x.virtual_email = found ? or_arena_strdup(&x.a, u.email) : x.officer;
    if (!x.school_email)
        x.school_email = x.officer;
    if (!rc)
        rc = or_store_scan(s, or_kind_get(OR_K_SCHOOLS), on_school, &x, err);
    if (!rc)
        rc = reviews(&x);
    if (!rc)
        rc = meetings(&x);
    if (!rc)
        rc = survey(&x);
    if (!rc)
        rc = im_workshops(&x);
done:
    or_arena_free(&x.a);
    return rc;
}
