/* demo_workshop.c - the demo LA's whole-system workshop (im_workshops, demo_improve_kit.h): held by
 * the LA officer in a series with a pupil council, five participants (two accounts, three
 * guests who joined by their link; names in the report only where they agreed), their warm-up
 * purposes, the players map (11 players on the rings, 9 links) and the iceberg (10 notes at the
 * four levels, one "intervene here"), revealed; its Energy for change (five ideas, votes, a
 * commitment of the LA officer: a duty) and the LA's theory of change from it (an accountable
 * outcome with a Year 7 suspension-rate indicator). Written through the store functions the
 * pages use, each with its audit lines in one transaction. People's names are made up. */
#include <string.h>

#include "demo/demo_improve_kit.h"
#include "onroll/accounts.h"
#include "onroll/boards.h"
#include "onroll/store_boards.h"
#include "onroll/store_ideas.h"
#include "onroll/store_toc.h"
#include "onroll/store_workshops.h"

/* ---- the workshop ---- */

typedef struct {
    const char *email; /* NULL: a guest (the role's account when role_email) */
    const char *name, *role, *org, *sector;
    bool consent;
    const char *purpose;
} im_person;

typedef struct {
    const char *text;
    int place;
    const char *kind;
    int by; /* the participant (index in people) who wrote it */
    bool intervene;
} im_card;

static const im_card players[] = {
    {"Parents and carers", 1, "family", 4, false},
    {"Form tutors", 1, "education", 0, false},
    {"SENCOs", 1, "education", 0, false},
    {"headteachers", 2, "education", 1, false},
    {"local authority education", 2, "la", 1, false},
    {"CAMHS", 2, "health", 2, false},
    {"early help", 2, "social_care", 3, false},
    {"social care", 2, "social_care", 3, false},
    {"alternative provision", 3, "education", 1, false},
    {"youth workers", 3, "voluntary", 4, false},
    {"police", 3, "police", 3, false},
};

static const struct {
    int from, to;
    const char *kind, *strength;
} player_links[] = {
    {2, 5, "depends_on", "poorly"},  {1, 2, "depends_on", "well"},   {3, 4, "depends_on", "partly"},
    {6, 7, "depends_on", "partly"},  {8, 3, "depends_on", "poorly"}, {0, 1, "depends_on", "well"},
    {9, 10, "works_with", "partly"}, {5, 6, "works_with", "poorly"}, {2, 3, "works_with", "well"},
};

static const im_card notes[] = {
    {"Suspensions in Year 7 rose in the autumn term.", 1, "barrier", 1, false},
    {"Pupils say lunchtimes are when things go wrong.", 1, "barrier", 4, false},
    {"Pupils in the nurture group come to school more often.", 1, "driver", 0, false},
    {"Most suspensions follow a change of room or a supply lesson.", 2, "barrier", 0, false},
    {"Pupils waiting for CAMHS are suspended more often.", 2, "barrier", 2, false},
    {"Key adults have no protected time for check-ins.", 3, "barrier", 0, true},
    {"Information from primary schools arrives after September.", 3, "barrier", 1, false},
    {"The CAMHS waiting list is over 30 weeks.", 3, "barrier", 2, false},
    {"Behaviour is a choice that sanctions will change.", 4, "barrier", 3, false},
    {"Belonging comes before learning.", 4, "driver", 4, false},
};

static const struct {
    int from, to;
} note_links[] = {{0, 3}, {3, 5}, {4, 7}, {5, 8}};

static or_code board(imp *x, int64_t ws, or_board_tool tool, const im_card *cs, int nc,
                     const int64_t *pids, const char *const *who, int64_t *ids)
{
    const char *code = or_board_tool_code(tool);
    const char *obj = or_arena_printf(&x->a, "/workshops/%lld/%s", (long long)ws, code);
    int64_t counter = 0;
    or_code rc = or_store_begin(x->s, x->err);
    for (int i = 0; !rc && i < nc; i++) {
        or_board_card c = {.workshop = ws,
                           .tool = tool,
                           .participant = pids[cs[i].by],
                           .author = who[cs[i].by],
                           .text = cs[i].text,
                           .place = cs[i].place,
                           .kind = cs[i].kind,
                           .intervene = cs[i].intervene};
        if (!(rc = or_board_card_check(&c, x->err)) &&
            !(rc = or_board_card_add(x->s, &c, &ids[i], x->err)))
            rc = im_audit(x, obj,
                          or_arena_printf(&x->a, "workshop %lld %s: card %lld added (%s)",
                                          (long long)ws, code, (long long)ids[i], who[cs[i].by]));
    }
    int nl = tool == OR_BOARD_MAP ? (int)(sizeof player_links / sizeof player_links[0])
                                  : (int)(sizeof note_links / sizeof note_links[0]);
    for (int i = 0; !rc && i < nl; i++) {
        bool map = tool == OR_BOARD_MAP;
        int f = map ? player_links[i].from : note_links[i].from,
            t = map ? player_links[i].to : note_links[i].to;
        or_board_link l = {.workshop = ws,
                           .tool = tool,
                           .participant = pids[cs[f].by],
                           .author = who[cs[f].by],
                           .from = ids[f],
                           .to = ids[t],
                           .kind = map ? player_links[i].kind : "links",
                           .strength = map ? player_links[i].strength : ""};
        int64_t id = 0;
        if (!(rc = or_board_link_add(x->s, &l, &id, x->err)))
            rc = im_audit(x, obj,
                          or_arena_printf(&x->a, "workshop %lld %s: link %lld added (%s)",
                                          (long long)ws, code, (long long)id, who[cs[f].by]));
    }
    if (!rc && !(rc = or_ws_reveal(x->s, ws, code, x->officer, x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "workshop %lld: %s revealed", (long long)ws, code));
    if (!rc)
        rc = or_workshop_bump(x->s, ws, &counter, x->err);
    return im_finish(x, rc);
}

/* ---- Energy for change and the theory of change ---- */

static const struct {
    const char *text, *category, *energies;
    int by;
    int votes[3]; /* feasibility, desirability, viability: how many participants dot it */
} ideas[] = {
    {"How might we give every key adult protected time for check-ins?",
     "within-school",
     "benefits,motivated",
     0,
     {3, 4, 2}},
    {"What if primary schools shared transition information before the summer?",
     "across-schools",
     "move,timely",
     1,
     {4, 2, 3}},
    {"How might we offer CAMHS consultation in school while pupils wait?",
     "across-sectors",
     "benefits,levers",
     2,
     {1, 3, 4}},
    {"What if lunchtimes had a club run by youth workers in every secondary school?",
     "across-sectors",
     "motivated",
     4,
     {2, 3, 1}},
    {"How might we ask pupils what helps before we change the behaviour policy?",
     "within-school",
     "timely,benefits",
     3,
     {3, 1, 2}},
};

static or_code energy(imp *x, int64_t ws, const int64_t *pids, const char *const *who, int npeople,
                      const char *seed)
{
    const char *obj = or_arena_printf(&x->a, "/workshops/%lld/ideas", (long long)ws);
    enum { NI = sizeof ideas / sizeof ideas[0] };
    int64_t ids[NI];
    or_code rc = or_store_begin(x->s, x->err);
    for (int i = 0; !rc && i < NI; i++) {
        or_idea d = {.workshop_id = ws,
                     .participant_id = pids[ideas[i].by],
                     .text = ideas[i].text,
                     .category = ideas[i].category,
                     .energies = ideas[i].energies,
                     .seed = i == 0 ? seed : ""};
        if (!(rc = or_idea_add(x->s, &d, &ids[i], x->err)))
            rc = im_audit(x, obj,
                          or_arena_printf(&x->a, "workshop %lld: idea %lld added (%s)",
                                          (long long)ws, (long long)ids[i], who[ideas[i].by]));
    }
    if (!rc && !(rc = or_ws_reveal(x->s, ws, "ideas", x->officer, x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "workshop %lld: ideas revealed", (long long)ws));
    /* each participant gives up to 3 dots of each criterion: participant p dots idea i when
     * p < votes[c] */
    for (int c = 0; !rc && c < OR_CRIT__N; c++)
        for (int p = 0; !rc && p < npeople; p++)
            for (int i = 0, used = 0; !rc && i < NI && used < 3; i++) {
                if (p >= ideas[i].votes[c])
                    continue;
                used++;
                if (!(rc = or_idea_vote_cast(x->s, ws, pids[p], ids[i], c, x->err)))
                    rc = im_audit(x, obj,
                                  or_arena_printf(&x->a, "workshop %lld: vote on idea %lld (%s)",
                                                  (long long)ws, (long long)ids[i], who[p]));
            }
    if (!rc && !(rc = or_ws_reveal(x->s, ws, "votes", x->officer, x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "workshop %lld: votes revealed", (long long)ws));
    or_idea_commitment cm = {.workshop_id = ws,
                             .idea_id = ids[1],
                             .next_step = "Agree with the primary headteachers' forum a date in "
                                          "June for sharing transition information.",
                             .owner = x->officer,
                             .owner_name = "Demo LA inclusion officer",
                             .due_on = DAY(im_weekday(x->as_of + 24)),
                             .done_on = ""};
    int64_t cid = 0;
    if (!rc && !(rc = or_idea_commitment_add(x->s, &cm, x->officer, &cid, x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a, "workshop %lld: commitment %lld recorded (%s)",
                                      (long long)ws, (long long)cid, x->officer));
    return im_finish(x, rc);
}

/* The LA's theory of change from the workshop: an aim, two outcomes (the first accountable,
 * agreed, the priority, with a Year 7 suspension-rate indicator), a mechanism, a moderating
 * factor and two activities (the second the workshop's commitment), linked left to right. */
static or_code theory(imp *x, int64_t ws)
{
    /* the transition work starts in a few weeks and ends by 1 July: this year's, or next
       year's when the demo's date is in the summer (an end before the start is refused) */
    or_date share_from = im_weekday(x->as_of + 24);
    or_date share_by = or_date_from_ymd(x->ay + 1, 7, 1);
    if (share_by < share_from)
        share_by = or_date_from_ymd(x->ay + 2, 7, 1);
    or_toc t = {.owner_urn = 0, .title = "Fewer Year 7 pupils suspended", .workshop_id = ws};
    long long id = 0, it[7] = {0};
    or_code rc = or_store_begin(x->s, x->err);
    if (!rc && !(rc = or_toc_add(x->s, &t, x->officer, &id, x->err)))
        rc = im_audit(
            x, "/theories",
            or_arena_printf(&x->a, "theory of change %lld started: %s (owner 0)", id, t.title));
    const char *obj = or_arena_printf(&x->a, "/theories/%lld", id);
    const or_toc_item items[7] = {
        {.kind = OR_TOC_AIM,
         .body = "Every young person in Kestrel stays in school and belongs there."},
        {.kind = OR_TOC_OUTCOME,
         .body = "Fewer Year 7 pupils are suspended.",
         .responsible = true,
         .accountable = true,
         .consensus = true,
         .priority = true},
        {.kind = OR_TOC_OUTCOME,
         .body = "Year 7 pupils say they have a trusted adult at school.",
         .responsible = true},
        {.kind = OR_TOC_MECHANISM,
         .body = "Pupils feel known and listened to by an adult at school."},
        {.kind = OR_TOC_MODERATOR, .body = "How long pupils wait for CAMHS."},
        {.kind = OR_TOC_ACTIVITY,
         .body = "Key adults check in with Year 7 pupils twice a week.",
         .who = "Secondary schools' pastoral leads",
         .for_whom = "Year 7 pupils",
         .outputs = "Check-ins recorded for every pupil on the list",
         .starts_on = or_date_from_ymd(x->ay, 9, 1),
         .ends_on = or_date_from_ymd(x->ay + 1, 7, 20)},
        {.kind = OR_TOC_ACTIVITY,
         .body = "Primary schools share transition information before the summer.",
         .who = "LA inclusion team",
         .for_whom = "Year 6 pupils moving up",
         .outputs = "Transition information for every pupil by 1 July",
         .starts_on = share_from,
         .ends_on = share_by},
    };
    for (int i = 0; !rc && i < 7; i++) {
        or_toc_item v = items[i];
        v.toc_id = id;
        v.who = v.who ? v.who : "";
        v.for_whom = v.for_whom ? v.for_whom : "";
        v.outputs = v.outputs ? v.outputs : "";
        v.source = i == 6 ? "Energy for change: a workshop commitment" : "";
        if (v.kind != OR_TOC_ACTIVITY)
            v.starts_on = v.ends_on = OR_DATE_NONE;
        const char *field = NULL, *no = or_toc_item_refusal(&v, &field);
        if (no)
            rc = or_fail(x->err, OR_EINPUT, "demo: theory of change item %d: %s", i, no);
        else if (!(rc = or_toc_item_add(x->s, &v, x->officer, &it[i], x->err)))
            rc = im_audit(x, obj,
                          or_arena_printf(&x->a, "theory of change %lld: %s %lld added", id,
                                          or_toc_components[v.kind].singular, it[i]));
    }
    static const int links[][2] = {{5, 3}, {3, 1}, {1, 0}, {6, 2}, {2, 0}, {4, 1}};
    for (int i = 0; !rc && i < 6; i++)
        if (!(rc = or_toc_link_add(x->s, id, it[links[i][0]], it[links[i][1]], x->err)))
            rc = im_audit(x, obj,
                          or_arena_printf(&x->a, "theory of change %lld: link %lld to %lld", id,
                                          it[links[i][0]], it[links[i][1]]));
    or_toc_indicator ind = {.toc_id = id,
                            .item_id = it[1],
                            .statistic = "susp_rate",
                            .urn = 0,
                            .year_group = "7",
                            .dim = "",
                            .dim_value = "",
                            .ay_first = x->ay - 1,
                            .ay_last = x->ay + 1,
                            /* near the default demo's term figures (about 2 to 2.6) */
                            .baseline = "2.5",
                            .target = "1.8"};
    long long iid = 0;
    if (!rc && !(rc = or_toc_indicator_add(x->s, &ind, x->officer, &iid, x->err)))
        rc = im_audit(x, obj,
                      or_arena_printf(&x->a,
                                      "theory of change %lld: indicator %s of outcome %lld, %s", id,
                                      ind.statistic, it[1], "Year 7"));
    return im_finish(x, rc);
}

or_code im_workshops(imp *x)
{
    const char *series =
        or_arena_printf(&x->a, "Kestrel inclusion partnership %d/%02d", x->ay, (x->ay + 1) % 100);
    or_workshop w = {.title = "Keeping Kestrel's young people in school",
                     .scope = "whole_system",
                     .series = series,
                     .held_on = im_weekday(x->as_of - 21),
                     .mode = "in_person",
                     .facilitator = x->officer};
    or_workshop pc = {.title = "What helps you stay in school: the pupil council",
                      .scope = "pupil_council",
                      .urn = x->demo_urn,
                      .series = series,
                      .held_on = im_weekday(x->as_of - 8),
                      .mode = "in_person",
                      .facilitator = x->officer};
    const im_person people[] = {
        {x->school_email, "Asha Patel", "Headteacher", "", "school", true,
         "To understand why so many of our Year 7 pupils are suspended in the autumn term."},
        {x->virtual_email, "Grace Mensah", "Virtual school head", "Kestrel Borough Council",
         "la_education", true,
         "To make sure looked-after children are part of every plan we make."},
        {NULL, "Dr Sam Okafor", "Clinical lead", "Kestrel CAMHS", "health", true,
         "To find where CAMHS can help schools earlier, before a crisis."},
        {NULL, "Lee", "Early help practitioner", "Kestrel Early Help", "early_help", false,
         "To join up early help with what schools already do."},
        {NULL, "Jordan", "Youth worker", "Kestrel Youth Trust", "youth", false, ""},
    };
    enum { NP = sizeof people / sizeof people[0] };
    int64_t ws = 0, wpc = 0, pids[NP] = {0};
    const char *who[NP];
    or_code rc = or_store_begin(x->s, x->err);
    if (!rc && !(rc = or_workshop_add(x->s, &w, x->officer, &ws, x->err)))
        rc =
            im_audit(x, "/workshops", or_arena_printf(&x->a, "workshop %lld added", (long long)ws));
    if (!rc && x->demo_urn && !(rc = or_workshop_add(x->s, &pc, x->officer, &wpc, x->err)))
        rc = im_audit(x, "/workshops",
                      or_arena_printf(&x->a, "workshop %lld added", (long long)wpc));
    for (int i = 0; !rc && i < NP; i++) {
        bool guest = !people[i].email;
        or_ws_participant p = {.workshop = ws,
                               .email = guest ? "" : people[i].email,
                               .name = people[i].name,
                               .role = people[i].role,
                               .organisation = people[i].org,
                               .sector = people[i].sector,
                               .name_consent = people[i].consent};
        char token[OR_TOKEN_LEN + 1] = "", session[OR_TOKEN_LEN + 1] = "";
        rc = or_ws_participant_add(x->s, &p, x->officer, guest ? token : NULL, &pids[i], x->err);
        if (!rc)
            rc = im_audit(x, or_arena_printf(&x->a, "/workshops/%lld/people", (long long)ws),
                          or_arena_printf(&x->a, "workshop %lld: participant %lld added (%s%s)",
                                          (long long)ws, (long long)pids[i],
                                          guest ? "guest, one-time link made" : "account ",
                                          guest ? "" : p.email));
        if (!rc && guest) { /* the guest used the link on the day */
            or_ws_join_state st;
            int64_t wj = 0, pj = 0;
            int64_t at = (int64_t)(w.held_on - or_date_from_ymd(1970, 1, 1)) * 86400 + 9 * 3600;
            rc = or_ws_join(x->s, token, at, people[i].name, people[i].consent, &st, &wj, &pj,
                            session, x->err);
            if (!rc)
                rc = im_audit(x, or_arena_printf(&x->a, "/workshops/%lld", (long long)ws),
                              or_arena_printf(&x->a, "workshop %lld: guest %lld joined",
                                              (long long)ws, (long long)pids[i]));
        }
        who[i] = guest ? or_arena_printf(&x->a, "guest:%lld", (long long)pids[i]) : people[i].email;
        if (!rc && people[i].purpose[0] &&
            !(rc = or_ws_purpose_set(x->s, ws, pids[i], people[i].purpose, x->err)))
            rc = im_audit(x, or_arena_printf(&x->a, "/workshops/%lld", (long long)ws),
                          or_arena_printf(&x->a, "workshop %lld: participant %lld's purpose (%s)",
                                          (long long)ws, (long long)pids[i], who[i]));
    }
    if (!rc && !(rc = or_ws_reveal(x->s, ws, "purpose", x->officer, x->err)))
        rc = im_audit(x, or_arena_printf(&x->a, "/workshops/%lld", (long long)ws),
                      or_arena_printf(&x->a, "workshop %lld: purpose revealed", (long long)ws));
    if ((rc = im_finish(x, rc)))
        return rc;
    int64_t ids[16];
    rc = board(x, ws, OR_BOARD_MAP, players, (int)(sizeof players / sizeof players[0]), pids, who,
               ids);
    if (!rc)
        rc = board(x, ws, OR_BOARD_ICEBERG, notes, (int)(sizeof notes / sizeof notes[0]), pids, who,
                   ids);
    if (!rc) /* the first idea grows from the iceberg's "intervene here" note (notes[5]) */
        rc = energy(x, ws, pids, who, NP, notes[5].text);
    if (!rc)
        rc = theory(x, ws);
    return rc;
}
