/* toc.c - a theory of change's components, guardrails, statistics and terms (toc.h). The
 * words in quotes are the toolkit's own (shared/data/toolkit/toolkit.json, theory_of_change). */
#include <stdlib.h>
#include <string.h>

#include "onroll/toc.h"

const or_toc_component or_toc_components[OR_TOC__KINDS] = {
    [OR_TOC_AIM] = {"aim", "Aim(s)", "aim", "Your ultimate ambition for change.",
                    "Define the ultimate aim(s) of your work ... Aims are high level and not "
                    "necessarily specific to the intervention ... Different stakeholders might "
                    "have different aims.",
                    4},
    [OR_TOC_OUTCOME] = {"outcome", "Outcomes", "outcome", "The measurable results of your work.",
                        "List the values, attitudes, knowledge, skills, and/or behaviours you "
                        "hope children and young people and/ or staff will develop through this "
                        "work.",
                        3},
    [OR_TOC_MECHANISM] = {"mechanism", "Mediating mechanisms", "mediating mechanism",
                          "The interim outcomes and/or experiential factors required for your "
                          "work to be effective (i.e., the active ingredients).",
                          "These are the active ingredients of any initiatives you implement.", 2},
    [OR_TOC_MODERATOR] = {"moderator", "Moderating factors", "moderating factor",
                          "The contextual factors and conditions required for the work to be "
                          "effective.",
                          "These are contextual factors and pre-conditions required for the work "
                          "to be effective.",
                          1},
    [OR_TOC_ACTIVITY] = {"activity", "Activities", "activity",
                         "What you do and for whom, when you do it perfectly. No detail is too "
                         "small.",
                         "Be as detailed as possible, including setting timelines, listing who "
                         "will take part, and outputs (toolkits, reports, events) to be "
                         "delivered.",
                         0},
};

const char *const or_toc_outcome_rules[4] = {
    "Don't list outcomes you wouldn't want to be held responsible for",
    "Consider how much you think an outcome is likely to develop",
    "Make sure there is consensus about what the outcomes are and which you will be held "
    "accountable for.",
    "If there are lots of outcomes, think about which is/are the most important.",
};

const char *const or_toc_outcome_examples[] = {
    "Reduction in number of fixed term exclusions or absenteeism per term (for a particular year "
    "group)",
    "Early identification of risk of exclusion",
    "Improved teacher attitudes towards, and consistency in applying trauma-informed and "
    "restorative practice",
    NULL,
};

const char *const or_toc_aim_examples[] = {
    "To have a more inclusive and nurturing school/trust/local education system",
    "To ensure appropriate provision for all pupils",
    "To reduce educational inequity for disadvantaged children and young people",
    NULL,
};

int or_toc_kind_parse(const char *code)
{
    for (int k = 0; code && k < OR_TOC__KINDS; k++)
        if (!strcmp(code, or_toc_components[k].code))
            return k;
    return -1;
}

const char *or_toc_item_refusal(const or_toc_item *it, const char **field)
{
    const char *f = NULL, *why = NULL;
    if ((int)it->kind < 0 || it->kind >= OR_TOC__KINDS) {
        f = "kind";
        why = "Select what the item is";
    } else if (it->kind == OR_TOC_OUTCOME && !it->responsible) {
        f = "responsible";
        why = or_toc_outcome_rules[0];
    } else if (it->kind == OR_TOC_OUTCOME && it->accountable && !it->consensus) {
        f = "accountable";
        why = or_toc_outcome_rules[2];
    } else if (it->kind != OR_TOC_OUTCOME &&
               (it->responsible || it->accountable || it->consensus || it->priority)) {
        f = "kind";
        why = "Only an outcome is held accountable, agreed or marked most important";
    } else if (it->kind == OR_TOC_ACTIVITY && it->starts_on != OR_DATE_NONE &&
               it->ends_on != OR_DATE_NONE && it->ends_on < it->starts_on) {
        f = "ends_on";
        why = "The end date must be the same as or after the start date";
    }
    if (field)
        *field = f;
    return why;
}

bool or_toc_may_feed(const or_toc_item *from, const or_toc_item *to)
{
    if (!from || !to || from->toc_id != to->toc_id || from->id == to->id)
        return false;
    if ((int)from->kind < 0 || from->kind >= OR_TOC__KINDS || (int)to->kind < 0 ||
        to->kind >= OR_TOC__KINDS)
        return false;
    return or_toc_components[to->kind].column > or_toc_components[from->kind].column;
}

bool or_toc_needs_priority(const or_toc_item *items, int n)
{
    int outcomes = 0;
    for (int i = 0; i < n; i++) {
        if (items[i].kind != OR_TOC_OUTCOME)
            continue;
        if (items[i].priority)
            return false;
        outcomes++;
    }
    return outcomes >= 2;
}

const or_toc_statistic or_toc_statistics[] = {
    {"susp_rate", "Suspensions per 100 pupils", true},
    {"one_plus_susp_rate", "Pupils with one or more suspensions per 100 pupils", true},
    {"perm_excl_rate", "Permanent exclusions per 100 pupils", true},
    {"suspension", "Suspensions", false},
    {"one_plus_susp", "Pupils with one or more suspensions", false},
    {"perm_excl", "Permanent exclusions", false},
};
const int or_toc_nstatistics = (int)(sizeof or_toc_statistics / sizeof or_toc_statistics[0]);

const or_toc_statistic *or_toc_statistic_find(const char *column)
{
    for (int i = 0; column && i < or_toc_nstatistics; i++)
        if (!strcmp(column, or_toc_statistics[i].column))
            return &or_toc_statistics[i];
    return NULL;
}

int or_toc_terms(const or_calendar *cal, int ay, or_toc_term *out, int max)
{
    or_date first = or_date_from_ymd(ay, 9, 1), last = or_date_from_ymd(ay + 1, 8, 31);
    int n = 0, all = 0;
    for (int t = 0; t < cal->nterms; t++)
        if (cal->term_start[t] >= first && cal->term_start[t] <= last)
            all++;
    static const char *const three[] = {"Autumn term", "Spring term", "Summer term"};
    static const char *const numbered[] = {"Term 1", "Term 2", "Term 3", "Term 4",
                                           "Term 5", "Term 6", "Term 7", "Term 8"};
    for (int t = 0; t < cal->nterms && n < max; t++) {
        if (cal->term_start[t] < first || cal->term_start[t] > last)
            continue;
        const char *name = all == 3 ? three[n] : n < 8 ? numbered[n] : "Term";
        out[n++] = (or_toc_term){name, cal->term_start[t], cal->term_end[t], ay};
    }
    return n;
}

bool or_toc_figure_parse(const char *s, double *out)
{
    if (!s || !*s)
        return false;
    int digits = 0, decimals = -1;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (decimals >= 0)
                decimals++;
            else
                digits++;
        } else if (*p == '.' && decimals < 0 && digits > 0) {
            decimals = 0;
        } else {
            return false;
        }
    }
    if (digits == 0 || digits > 6 || decimals == 0 || decimals > 2)
        return false;
    double v = strtod(s, NULL);
    if (v > 100000)
        return false;
    *out = v;
    return true;
}
