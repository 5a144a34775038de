/* training.c - the vocabulary of staff training against need (training.h): areas, levels,
 * staff roles, and which areas meet which census primary need, as data. */
#include <string.h>

#include "onroll/training.h"

const or_training_term or_training_areas[] = {
    {"restorative", "Restorative practice", NULL},
    {"trauma", "Trauma-informed practice", NULL},
    {"mhfa", "Mental health first aid", NULL},
    {"deescalation", "De-escalation", NULL},
    {"coaching", "Coaching", NULL},
    {"slcn", "Speech, language and communication", NULL},
    {"autism", "Autism", NULL},
    {"semh", "Social, emotional and mental health", NULL},
    {"cognition", "Cognition and learning", NULL},
    {"sensory", "Sensory and physical needs", NULL},
    {NULL, NULL, NULL},
};

const or_training_term or_training_levels[] = {
    {"awareness", "Awareness", "For all staff"},
    {"enhanced", "Enhanced", "For staff working closely with the pupils"},
    {"specialist", "Specialist", "For leads and specialists"},
    {NULL, NULL, NULL},
};

const or_training_term or_training_roles[] = {
    {"whole", "Whole staff", NULL},
    {"teachers", "Teachers", NULL},
    {"assistants", "Teaching assistants", NULL},
    {"senco", "SENCO and SEND team", NULL},
    {"pastoral", "Pastoral staff", NULL},
    {"leaders", "Senior leaders", NULL},
    {"support", "Lunchtime and support staff", NULL},
    {NULL, NULL, NULL},
};

const char *or_training_label(const or_training_term *vocab, const char *code)
{
    for (const or_training_term *t = vocab; code && t->code; t++)
        if (!strcmp(t->code, code))
            return t->label;
    return NULL;
}

/* Census primary need -> the training areas that meet it. */
const or_need_training or_need_trainings[] = {
    {"SLCN", "speech, language and communication needs", {"slcn"}},
    {"ASD", "autism", {"autism"}},
    {"SEMH",
     "social, emotional and mental health needs",
     {"semh", "trauma", "mhfa", "restorative", "deescalation"}},
    {"BESD",
     "behaviour, emotional and social difficulties",
     {"semh", "trauma", "mhfa", "restorative", "deescalation"}},
    {"SPLD", "a specific learning difficulty", {"cognition"}},
    {"MLD", "a moderate learning difficulty", {"cognition"}},
    {"SLD", "a severe learning difficulty", {"cognition"}},
    {"PMLD", "a profound and multiple learning difficulty", {"cognition"}},
    {"HI", "a hearing impairment", {"sensory"}},
    {"VI", "a vision impairment", {"sensory"}},
    {"MSI", "a multi-sensory impairment", {"sensory"}},
    {"PD", "a physical disability", {"sensory"}},
    {"OTH", "another difficulty or disability", {NULL}},
    {"NSA", "SEN support but no specialist assessment of their need", {NULL}},
};
const size_t or_need_trainings_count = sizeof or_need_trainings / sizeof or_need_trainings[0];

const or_need_training *or_need_training_of(const char *need)
{
    for (size_t i = 0; need && i < or_need_trainings_count; i++)
        if (!strcmp(or_need_trainings[i].need, need))
            return &or_need_trainings[i];
    return NULL;
}
