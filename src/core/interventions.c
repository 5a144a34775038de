/* interventions.c - the interventions directory's fixed vocabularies (levels of need, phases,
 * needs, costs), sets of their terms as stored, ids, and the checks of an entry as the LA
 * types it (interventions.h). Pure: no I/O. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "onroll/interventions.h"
#include "onroll/invisible.h"
#include "onroll/kinds.h"

const or_iv_term or_iv_levels[OR_IV_LEVEL__N] = {
    {"universal", "Universal", "For every child: whole-school and whole-class approaches"},
    {"universal_plus", "Universal plus",
     "For a child with additional needs: targeted support in or around school"},
    {"complex", "Complex or high risk",
     "For a child with complex needs or at high risk: specialist, multi-agency or statutory "
     "services"},
};

const or_iv_term or_iv_phases[OR_IV_PHASE__N] = {
    {"early_years", "Early years", "Nursery and reception"},
    {"primary", "Primary", "Key stages 1 and 2"},
    {"secondary", "Secondary", "Key stages 3 and 4"},
    {"post16", "Post-16", "Sixth form and further education"},
};

/* The same ids, in the same order, as NEEDS in tools/gen_interventions.py. */
const or_iv_term or_iv_needs[OR_IV_NEED__N] = {
    {"behaviour", "Behaviour", NULL},
    {"social_emotional", "Social and emotional skills (SEMH)", NULL},
    {"mental_health", "Mental health and wellbeing", NULL},
    {"relationships", "Relationships, conflict and bullying", NULL},
    {"attendance", "Attendance and reintegration", NULL},
    {"learning", "Learning", NULL},
    {"speech_language", "Speech, language and communication", NULL},
    {"sen", "Special educational needs and disabilities", NULL},
    {"family", "Family support", NULL},
    {"parenting", "Parenting", NULL},
    {"safeguarding", "Safeguarding", NULL},
    {"substance_misuse", "Substance misuse", NULL},
    {"youth_offending", "Youth offending", NULL},
    {"gangs_exploitation", "Gangs and exploitation", NULL},
    {"transition", "Transition and moving school", NULL},
    {"exclusion_risk", "At risk of exclusion", NULL},
    {"staff", "Staff skills and wellbeing", NULL},
};

const or_iv_term or_iv_costs[OR_IV_COST__N] = {
    {"free", "Free", "No charge to the school or the family"},
    {"charged", "Charged", "The school pays (a traded service, a course fee)"},
    {"varies", "Varies", "Free for some, charged for others"},
    {"unknown", "Not stated", "The source does not say"},
};

int or_iv_find(const or_iv_term *terms, int n, const char *id)
{
    for (int i = 0; id && i < n; i++)
        if (!strcmp(terms[i].id, id))
            return i;
    return -1;
}

or_code or_iv_set_parse(const or_iv_term *terms, int n, const char *text, const char *field,
                        unsigned *out, or_error *err)
{
    unsigned set = 0;
    char id[64];
    for (const char *p = text ? text : ""; *p;) {
        size_t len = strcspn(p, ";");
        snprintf(id, sizeof id, "%.*s", (int)(len < sizeof id - 1 ? len : sizeof id - 1), p);
        int i = len < sizeof id ? or_iv_find(terms, n, id) : -1;
        if (i < 0) {
            or_sb allowed = OR_SB_INIT;
            or_iv_set_format(terms, n, (n >= 32 ? ~0u : (1u << n) - 1u), ", ", &allowed);
            or_fail(err, OR_EINPUT, "%s: '%.*s' (in '%s') is not one of %s", field, (int)len, p,
                    text, or_sb_str(&allowed));
            or_sb_release(&allowed);
            return OR_EINPUT;
        }
        if (set & (1u << i))
            return or_fail(err, OR_EINPUT, "%s: '%s' is given twice in '%s'", field, id, text);
        set |= 1u << i;
        p += len;
        if (*p == ';' && !*++p)
            return or_fail(err, OR_EINPUT, "%s: '%s' ends with ';'", field, text);
    }
    *out = set;
    return OR_OK;
}

void or_iv_set_format(const or_iv_term *terms, int n, unsigned set, const char *sep, or_sb *out)
{
    const char *s = "";
    for (int i = 0; i < n; i++)
        if (set & (1u << i)) {
            or_sb_adds(out, s);
            or_sb_adds(out, terms[i].id);
            s = sep;
        }
}

void or_iv_set_labels(const or_iv_term *terms, int n, unsigned set, or_sb *out)
{
    const char *s = "";
    for (int i = 0; i < n; i++)
        if (set & (1u << i)) {
            or_sb_adds(out, s);
            or_sb_adds(out, terms[i].label);
            s = "; ";
        }
}

bool or_iv_id_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > OR_IV_ID_MAX || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '-' ? s[i + 1] == '-' : !(islower(c) || isdigit(c)) || c >= 0x80)
            return false;
    }
    return true;
}

void or_iv_slug(const char *name, char *out, size_t size)
{
    size_t n = 0, limit = size - 1 < 60 ? size - 1 : 60;
    out[0] = '\0';
    for (const unsigned char *p = (const unsigned char *)name; *p;) {
        while (*p && !(isalnum(*p) && *p < 0x80))
            p++;
        const unsigned char *w = p;
        while (*p && isalnum(*p) && *p < 0x80)
            p++;
        size_t len = (size_t)(p - w);
        if (!len)
            break;
        if (n + (n ? 1 : 0) + len > limit)
            break; /* cut at a word */
        if (n)
            out[n++] = '-';
        for (size_t i = 0; i < len; i++)
            out[n++] = (char)tolower(w[i]);
        out[n] = '\0';
    }
}

/* A text field: valid UTF-8, no control or invisible characters (invisible.h; line breaks if
 * multiline), at most max
 * bytes, and not empty if required. */
static or_code check_text(const char *name, const char *v, size_t max, bool multiline,
                          bool required, const char **field, or_error *err)
{
    *field = name;
    const char *s = v ? v : "";
    if (or_text_check(s, multiline, err))
        return OR_EINPUT;
    if (strlen(s) > max)
        return or_fail(err, OR_EINPUT, "is %zu bytes long; at most %zu allowed", strlen(s), max);
    bool blank = strspn(s, " \t\r\n") == strlen(s);
    if (required && blank)
        return or_fail(err, OR_EINPUT, "is empty; a value is required");
    return OR_OK;
}

or_code or_iv_check(const or_intervention *e, const char **field, or_error *err)
{
    or_code rc;
    *field = "id";
    if (!or_iv_id_ok(e->id))
        return or_fail(err, OR_EINPUT,
                       "'%s' is not an id (1 to %d lower-case letters, digits and single "
                       "hyphens, like \"peer-mediation\")",
                       e->id ? e->id : "", OR_IV_ID_MAX);
    struct {
        const char *name, *value;
        size_t max;
        bool multiline, required;
    } texts[] = {
        {"name", e->name, OR_IV_NAME_MAX, false, true},
        {"description", e->description, OR_IV_TEXT_MAX, true, false},
        {"provider", e->provider, OR_IV_NAME_MAX, false, true},
        {"how_to_access", e->how_to_access, OR_IV_TEXT_MAX, true, true},
        {"cost_text", e->cost_text, OR_IV_NAME_MAX, false, false},
        {"evidence", e->evidence, OR_IV_TEXT_MAX, true, false},
        {"guide_section", e->guide_section, OR_IV_NAME_MAX, false, false},
        {"level_note", e->level_note, OR_IV_TEXT_MAX, true, false},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if ((rc = check_text(texts[i].name, texts[i].value, texts[i].max, texts[i].multiline,
                             texts[i].required, field, err)))
            return rc;
    *field = "level";
    if ((int)e->level < 0 || e->level >= OR_IV_LEVEL__N)
        return or_fail(err, OR_EINPUT, "%d is not a level of need", (int)e->level);
    *field = "level_basis";
    const char *b = e->level_basis ? e->level_basis : "";
    if (strcmp(b, OR_IV_BASIS_GUIDE) && strcmp(b, OR_IV_BASIS_INFERRED) &&
        strcmp(b, OR_IV_BASIS_LA))
        return or_fail(err, OR_EINPUT, "'%s' is not one of guide, inferred, la", b);
    *field = "cost";
    if ((int)e->cost < 0 || e->cost >= OR_IV_COST__N)
        return or_fail(err, OR_EINPUT, "%d is not a cost", (int)e->cost);
    *field = "phases";
    if (!e->phases || (e->phases & ~OR_IV_ALL_PHASES))
        return or_fail(err, OR_EINPUT, "is empty; at least one phase is required");
    *field = "needs";
    if (!e->needs || (e->needs & ~((1u << OR_IV_NEED__N) - 1u)))
        return or_fail(err, OR_EINPUT, "is empty; at least one need is required");
    *field = NULL;
    return OR_OK;
}

or_code or_iv_from_seed(const or_iv_seed *s, or_intervention *out, or_error *err)
{
    memset(out, 0, sizeof *out);
    out->id = s->id;
    out->name = s->name;
    out->description = s->description;
    out->provider = s->provider;
    out->level_basis = s->level_basis;
    out->level_note = s->level_note;
    out->how_to_access = s->how_to_access;
    out->cost_text = s->cost_text;
    out->evidence = s->evidence;
    out->guide_section = s->guide_section;
    out->active = s->offered;
    int level = or_iv_find(or_iv_levels, OR_IV_LEVEL__N, s->level);
    int cost = or_iv_find(or_iv_costs, OR_IV_COST__N, s->cost);
    const char *field = NULL;
    or_code rc = OR_OK;
    if (level < 0)
        rc = or_fail(err, OR_EINPUT, "level: '%s' is not a level of need", s->level);
    else if (cost < 0)
        rc = or_fail(err, OR_EINPUT, "cost: '%s' is not a cost", s->cost);
    else if (!(rc = or_iv_set_parse(or_iv_phases, OR_IV_PHASE__N, s->phases, "phases", &out->phases,
                                    err)) &&
             !(rc = or_iv_set_parse(or_iv_needs, OR_IV_NEED__N, s->needs, "needs", &out->needs,
                                    err))) {
        out->level = (or_iv_level)level;
        out->cost = (or_iv_cost)cost;
        if ((rc = or_iv_check(out, &field, err)))
            or_error_prefix(err, "%s: ", field);
    }
    if (rc)
        or_error_prefix(err, "seed entry %s: ", s->id);
    return rc;
}
