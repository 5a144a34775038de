/* roni.c - the Risk of NEET Indicator (roni.h, docs/roni.md): the points of each factor as one
 * versioned table, a pupil's factors found in the facts, the score, its band and its words.
 * Pure: facts and a date in, a score out. */
#include <stdio.h>
#include <string.h>

#include "onroll/excl.h"
#include "onroll/labels.h"
#include "onroll/marks.h"
#include "onroll/risk.h"
#include "onroll/roni.h"
#include "onroll/yeargroup.h"
#include "rules/rules_internal.h"

/* OR_RONI_VERSION "oxfordshire-1": Oxfordshire County Council's RONI criteria as issue 17
 * lists them. A change of any points or threshold is a new version. */
static const or_roni_factor_def factors[OR_RONI__N] = {
    [OR_RONI_ATTENDANCE_90] = {"attendance", "Attendance at or below 90%", 1, 90,
                               "attendance marks or totals this school year"},
    [OR_RONI_ATTENDANCE_85] = {"attendance", "Attendance at or below 85%", 2, 85,
                               "attendance marks or totals this school year"},
    [OR_RONI_EAL] = {"eal", "English as an additional language", 1, 0, "pupils file: eal"},
    [OR_RONI_EHC_PLAN] = {"ehc_plan", "Education, health and care plan", 2, 0,
                          "pupils file: sen E"},
    [OR_RONI_SEN_SUPPORT] = {"sen_support", "SEN support", 1, 0, "pupils file: sen K"},
    [OR_RONI_EXCLUDED] = {"excluded", "Ever permanently excluded or suspended", 2, 0,
                          "events: a suspension or permanent exclusion that counts"},
    [OR_RONI_FSM] = {"fsm", "Eligible for free school meals", 2, 0, "pupils file: fsm"},
    [OR_RONI_IN_AP] = {"in_ap", "In alternative provision", 1, 0,
                       "events: an AP placement; or on the roll of an AP school or PRU"},
    [OR_RONI_LOOKED_AFTER] = {"looked_after", "Looked after", 2, 0, "pupils file: cla"},
    [OR_RONI_PARENT_OR_PREGNANT] = {"parent_or_pregnant", "Pregnant or a parent", 2, 0,
                                    "pupils file: parent_or_pregnant"},
    [OR_RONI_YOUNG_CARER] = {"young_carer", "Young carer", 2, 0, "pupils file: young_carer"},
    [OR_RONI_CUSTODY] = {"custody", "In custody", 2, 0,
                         "attendance marks: the latest mark this school year is Y5 (in "
                         "criminal justice detention)"},
    [OR_RONI_YOUTH_JUSTICE] = {"youth_justice", "Supervised by the youth justice service", 2, 0,
                               "pupils file: yjs; or a youth_justice caseload"},
};

const or_roni_factor_def *or_roni_factor_at(or_roni_factor f)
{
    return f >= 0 && f < OR_RONI__N ? &factors[f] : NULL;
}

static const char *const band_keys[OR_RONI_BAND__N] = {"none", "offer", "additional",
                                                       "substantial"};
static const char *const band_labels[OR_RONI_BAND__N] = {
    "No support indicated", "Offer support", "Additional support", "Substantial support"};

or_roni_band or_roni_band_of(int score)
{
    return score >= 4   ? OR_RONI_BAND_SUBSTANTIAL
           : score >= 2 ? OR_RONI_BAND_ADDITIONAL
           : score >= 1 ? OR_RONI_BAND_OFFER
                        : OR_RONI_BAND_NONE;
}

const char *or_roni_band_key(or_roni_band b)
{
    return b >= 0 && b < OR_RONI_BAND__N ? band_keys[b] : "";
}

const char *or_roni_band_label(or_roni_band b)
{
    return b >= 0 && b < OR_RONI_BAND__N ? band_labels[b] : "";
}

int or_roni_band_parse(const char *key)
{
    for (int b = 0; key && b < OR_RONI_BAND__N; b++)
        if (!strcmp(key, band_keys[b]))
            return b;
    return -1;
}

static bool covers(or_date start, or_date end, or_date d)
{
    return start <= d && (end == OR_DATE_NONE || end >= d);
}

/* In alternative provision on d: an AP placement covering d, or the main registration on d at
 * a school whose phase is AP or PRU. */
static bool in_ap(const or_pupil_facts *f, or_date d)
{
    for (int i = 0; i < f->nevents; i++)
        if (f->events[i].kind == OR_EV_AP_PLACEMENT &&
            covers(f->events[i].start, f->events[i].end, d))
            return true;
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        if (e->reg_type != 'm' || !covers(e->start, e->end, d) || !f->school)
            continue;
        const or_school_info *s = f->school(f->school_ctx, e->urn);
        if (s && s->phase && (!strcmp(s->phase, "ap") || !strcmp(s->phase, "pru")))
            return true;
    }
    return false;
}

/* In custody on d: the latest attendance mark recorded on or before d this school year is Y5,
 * "unable to attend: pupil in criminal justice detention" (the School Attendance (Pupil
 * Registration) (England) Regulations 2024; shared/data/codesets/attendance_codes.csv). The
 * day of that mark in *on. Attendance sent as totals carries no codes: no custody from them. */
static bool in_custody(const or_pupil_facts *f, or_date d, or_date *on)
{
    int ay = or_date_academic_year(d);
    or_date latest = OR_DATE_NONE;
    bool y5 = false;
    for (int i = 0; i < f->nmarks; i++) {
        const or_fact_marks *m = &f->marks[i];
        if (m->ay != ay || !m->marks)
            continue;
        for (int p = 0; p < OR_MARKS_LEN; p++) {
            or_date md = or_mark_date(ay, p);
            if (md > d)
                break;
            char code[3];
            if (!or_mark_code(m->marks[p], code) || !code[0])
                continue;
            if (latest == OR_DATE_NONE || md >= latest) {
                latest = md;
                y5 = !strcmp(code, "Y5");
            }
        }
    }
    *on = latest;
    return y5;
}

/* Supervised by the youth justice service on d: the snapshot says so, or an open caseload. */
static bool youth_justice(const or_pupil_facts *f, const or_fact_snapshot *s, or_date d)
{
    if (s && s->yjs == 1)
        return true;
    for (int i = 0; i < f->ncases; i++)
        if (f->cases[i].role && !strcmp(f->cases[i].role, "youth_justice") &&
            covers(f->cases[i].start, f->cases[i].end, d))
            return true;
    return false;
}

bool or_roni_score_pupil(const or_pupil_facts *f, or_date as_of, or_roni_score *out)
{
    memset(out, 0, sizeof *out);
    out->excluded_on = OR_DATE_NONE;
    out->custody_on = OR_DATE_NONE;
    int yg = or_facts_year_group(f, as_of);
    if (yg < 8 || yg > 11)
        return false;
    out->year_group = yg;
    out->urn = or_risk_pupil_urn(f, as_of);
    const or_fact_snapshot *s = or_facts_snapshot_on(f, as_of);
    bool has[OR_RONI__N] = {false};
    or_attendance_summary(f, or_date_academic_year(as_of), as_of, &out->possible, &out->attended);
    if (out->possible > 0) {
        long long a = (long long)out->attended * 100, p = out->possible;
        if (a <= factors[OR_RONI_ATTENDANCE_85].pct * p)
            has[OR_RONI_ATTENDANCE_85] = true;
        else if (a <= factors[OR_RONI_ATTENDANCE_90].pct * p)
            has[OR_RONI_ATTENDANCE_90] = true;
    }
    if (s) {
        has[OR_RONI_EAL] = s->eal == 1;
        has[OR_RONI_EHC_PLAN] = s->sen == 'E';
        has[OR_RONI_SEN_SUPPORT] = s->sen == 'K';
        has[OR_RONI_FSM] = s->fsm == 1;
        has[OR_RONI_LOOKED_AFTER] = s->cla == 1;
        has[OR_RONI_PARENT_OR_PREGNANT] = s->parent_or_pregnant == 1;
        has[OR_RONI_YOUNG_CARER] = s->young_carer == 1;
    }
    for (int i = 0; i < f->nevents && out->excluded_on == OR_DATE_NONE; i++) {
        const or_fact_event *e = &f->events[i];
        if (e->start <= as_of && or_excl_counts(f, e, as_of))
            out->excluded_on = e->start;
    }
    has[OR_RONI_EXCLUDED] = out->excluded_on != OR_DATE_NONE;
    has[OR_RONI_IN_AP] = in_ap(f, as_of);
    has[OR_RONI_YOUTH_JUSTICE] = youth_justice(f, s, as_of);
    has[OR_RONI_CUSTODY] = in_custody(f, as_of, &out->custody_on);
    for (int k = 0; k < OR_RONI__N; k++)
        if (has[k]) {
            out->points[k] = factors[k].points;
            out->score += factors[k].points;
        }
    out->band = or_roni_band_of(out->score);
    return true;
}

void or_roni_factors_text(const or_roni_score *s, bool overridden, int override, char *buf,
                          size_t size)
{
    size_t len = 0;
    if (!size)
        return;
    buf[0] = '\0';
    for (int k = 0; k <= OR_RONI__N; k++) {
        const char *key = k < OR_RONI__N ? factors[k].key : "override";
        int pts = k < OR_RONI__N ? s->points[k] : override - s->score;
        if (k < OR_RONI__N ? pts == 0 : !overridden)
            continue;
        int n = snprintf(buf + len, size - len, "%s%s=%d", len ? ";" : "", key, pts);
        if (n < 0 || (size_t)n >= size - len)
            return;
        len += (size_t)n;
    }
}

const char *or_roni_why(const or_roni_score *s, or_roni_factor f, char *buf, size_t size)
{
    char pct[OR_FMT_PCT_LEN], d[OR_FMT_DATE_LEN];
    switch (f) {
    case OR_RONI_ATTENDANCE_90:
    case OR_RONI_ATTENDANCE_85:
        snprintf(
            buf, size, "attendance %s%% this school year (%d of %d sessions), at or below %d%%",
            or_fmt_pct(s->attended, s->possible, pct), s->attended, s->possible, factors[f].pct);
        break;
    case OR_RONI_CUSTODY:
        snprintf(buf, size, "in criminal justice detention: marked Y5 on %s",
                 or_fmt_date(s->custody_on, d));
        break;
    case OR_RONI_EXCLUDED:
        snprintf(buf, size, "excluded or suspended, the first time on %s",
                 or_fmt_date(s->excluded_on, d));
        break;
    default:
        snprintf(buf, size, "%s", f >= 0 && f < OR_RONI__N ? factors[f].name : "");
    }
    return buf;
}
