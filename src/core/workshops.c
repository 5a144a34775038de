/* workshops.c - a workshop's vocabularies and the facilitator's script (workshops.h). The
 * questions are toolkit.json's (system_players_map.discussion_questions,
 * iceberg.discussion_questions, energy_for_change.steps, theory_of_change.development_steps'
 * names), word for word; the scopes beyond the toolkit's three are its "optional" line ("run
 * separately with student/young people council and parent forum and compare insights") and a
 * staff session, which the issue asks to compare with them. */
#include <string.h>

#include "onroll/workshops.h"

const or_ws_term or_ws_scopes[] = {
    {"whole_system", "Whole system",
     "Headteachers and SENCOs from a range of schools, the local authority, health, police, "
     "youth and social workers, and charities"},
    {"school", "School", "One school's leaders and staff"},
    {"trust", "Trust", "The executive team, headteachers and SENCOs, trustees"},
    {"pupil_council", "Pupil council", "Pupils: the school council or young people's council"},
    {"parent_forum", "Parent forum", "Parents and carers"},
    {"staff", "Staff", "Staff of one school or service"},
    {NULL, NULL, NULL},
};

const or_ws_term or_ws_modes[] = {
    {"in_person", "In person", NULL},
    {"online", "Online", NULL},
    {"hybrid", "Hybrid", "Some in the room, some online"},
    {NULL, NULL, NULL},
};

/* The toolkit's list of who to invite (workshop_participants.whole_system), as sectors. */
const or_ws_term or_ws_sectors[] = {
    {"school", "School", NULL},
    {"la_education", "Local authority: education", NULL},
    {"social_care", "Social care", NULL},
    {"early_help", "Early help", NULL},
    {"health", "Health", NULL},
    {"police", "Police", NULL},
    {"youth", "Youth work", NULL},
    {"charity", "Charity", NULL},
    {"pupil", "Pupil", NULL},
    {"parent", "Parent or carer", NULL},
    {"other", "Other", NULL},
    {NULL, NULL, NULL},
};

const char *or_ws_label(const or_ws_term *vocab, const char *code)
{
    if (!code)
        return NULL;
    for (int i = 0; vocab[i].code; i++)
        if (!strcmp(vocab[i].code, code))
            return vocab[i].label;
    return NULL;
}

const char *const or_ws_warmup_prompt =
    "get colleagues to define in their own words what they understand to be the purpose of the "
    "local education system and how they define 'inclusive and nurturing education'";
const char *const or_ws_warmup_use =
    "understand where colleagues are coming from; ensure there is alignment on the purpose of "
    "the system";

const or_ws_script or_ws_scripts[] = {
    {"map",
     "System-players map",
     "map",
     "Discussion questions",
     {"Who are the key players in the system?", "How are they connected to others?",
      "Who do they depend on to be able to do their job, i.e., support pupils, successfully?",
      "Who depends on them?", "How well are they working together with others?",
      "What could be improved in how players work with one another?", NULL}},
    {"iceberg",
     "Iceberg",
     "iceberg",
     "Discussion questions",
     {"What is emerging from this exercise?", "What is resonating and/or jarring?",
      "What is missing?", "What connections between the different layers can you draw from this?",
      "What opportunities exist to intervene and at what level?", NULL}},
    {"ideas",
     "Energy for change",
     "ideas",
     "Steps",
     {"Ask participants to individually write down their ideas on the paper or board, either "
      "directly or using sticky notes. These should all start with 'how might we..?' or 'what "
      "if..?'",
      "Ask participants to 'vote' for the questions, selecting those they think are the most "
      "feasible, desirable and/or viable.",
      "See what emerges and discuss what this means for your organisation/local system.", NULL}},
    {"toc",
     "Theory of change",
     "toc",
     "Steps",
     {"Work together", "Aim", "Outcomes", "Mediating Mechanisms", "Moderating Factors",
      "Activities", NULL}},
};
const size_t or_ws_scripts_count = sizeof or_ws_scripts / sizeof or_ws_scripts[0];

const or_ws_script *or_ws_script_of(const char *tool)
{
    for (size_t i = 0; tool && i < or_ws_scripts_count; i++)
        if (!strcmp(or_ws_scripts[i].tool, tool))
            return &or_ws_scripts[i];
    return NULL;
}

int or_ws_script_questions(const or_ws_script *s)
{
    int n = 0;
    while (s && n < 8 && s->questions[n])
        n++;
    return n;
}

bool or_ws_tool_valid(const char *tool)
{
    size_t n = tool ? strlen(tool) : 0;
    if (n < 1 || n > 24)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((tool[i] >= 'a' && tool[i] <= 'z') || (tool[i] >= '0' && tool[i] <= '9') ||
              tool[i] == '_'))
            return false;
    return true;
}
