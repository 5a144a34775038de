/* cmd_panel.c - `onroll panel`: the multi-agency panel's referrals with their turnaround as of
 * a date (panel.h, docs/panel.md): urgent ones considered the same school day, standard ones
 * within 3, on the referring school's calendar; and the KPIs (within target, the median). */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "cli/rules_opts.h"
#include "onroll/panel.h"

static const cli_opt_doc panel_opts[] = {
    CLI_OPT_DB,
    {"--as-of YYYY-MM-DD", "the day the turnaround is worked out for; default today"},
    {"--school URN", "only that school's referrals (6 digits)"},
    {"--format table|csv|json",
     "table (default) for people; csv (upn,urn,referred,urgency,considered,school_days,"
     "within_target) or json for programs"},
    {NULL, NULL},
};
static const char *const panel_examples[] = {
    "onroll panel",
    "onroll panel --as-of 2026-12-18 --format csv > panel.csv",
    NULL,
};
const cli_doc cmd_panel_doc = {
    "panel", "the multi-agency panel's referrals, their turnaround and its KPIs",
    "[--db URL] [--as-of YYYY-MM-DD] [--school URN] [--format table|csv|json]", panel_opts,
    panel_examples};

static const char *within_word(const or_panel_turnaround *t)
{
    return t->considered ? (t->within ? "yes" : "no") : t->late ? "late" : "";
}

int cmd_panel(int argc, char **argv)
{
    const char *use = cmd_panel_doc.usage;
    cli_rules o;
    int rc = cli_rules_opts("panel", use, argc, argv, &o);
    if (rc)
        return rc;
    if (o.optind < argc)
        return cli_usage("panel", use);
    if ((rc = cli_rules_audit("panel", &o)))
        return rc;
    or_model *m = cli_load_model("panel", &o);
    if (!m)
        return 1;
    json_t *rows = json_array();
    int n = 0, considered = 0, within = 0, late = 0, cap = 64;
    int *days = malloc((size_t)cap * sizeof *days);
    if (o.format == OR_FMT_CSV)
        printf("upn,urn,referred,urgency,considered,school_days,within_target\n");
    else if (o.format == OR_FMT_TABLE)
        printf("%-13s  %-6s  %-10s  %-8s  %-10s  %4s  %s\n", "UPN", "URN", "REFERRED", "URGENCY",
               "CONSIDERED", "DAYS", "WITHIN");
    for (int i = 0; days && i < or_model_npupils(m); i++) {
        const or_pupil_facts *f = or_model_pupil(m, i);
        for (int k = 0; k < f->nevents; k++) {
            const or_fact_event *r = &f->events[k];
            or_panel_case c;
            if (r->start > o.as_of || (o.school && r->urn != o.school) ||
                !or_panel_case_of(f, r, &c))
                continue;
            const or_school_info *s = f->school ? f->school(f->school_ctx, r->urn) : NULL;
            or_panel_turnaround t;
            or_panel_turnaround_of(s ? s->cal : NULL, r->start, c.urgent,
                                   c.decision ? c.decision->start : OR_DATE_NONE, o.as_of, &t);
            char ref[11], con[11] = "";
            or_date_format(r->start, ref);
            if (t.considered)
                or_date_format(c.decision->start, con);
            n++;
            late += t.late;
            if (t.considered) {
                if (considered == cap) {
                    int *more = realloc(days, (size_t)(cap *= 2) * sizeof *days);
                    if (!more)
                        break;
                    days = more;
                }
                days[considered++] = t.days;
                within += t.within;
            }
            const char *urg = c.urgent ? "urgent" : "standard";
            if (o.format == OR_FMT_CSV)
                printf("%s,%d,%s,%s,%s,%d,%s\n", f->upn, r->urn, ref, urg, con, t.days,
                       within_word(&t));
            else if (o.format == OR_FMT_TABLE)
                printf("%-13s  %-6d  %-10s  %-8s  %-10s  %4d  %s\n", f->upn, r->urn, ref, urg,
                       *con ? con : "-", t.days, *within_word(&t) ? within_word(&t) : "-");
            else
                json_array_append_new(rows,
                                      json_pack("{s:s, s:i, s:s, s:s, s:s?, s:i, s:s}", "upn",
                                                f->upn, "urn", r->urn, "referred", ref, "urgency",
                                                urg, "considered", *con ? con : NULL, "school_days",
                                                t.days, "within_target", within_word(&t)));
        }
    }
    double med = days ? or_panel_median(days, considered) : -1;
    if (o.format == OR_FMT_TABLE) {
        printf("\n%d referral%s; %d of %d considered within target; ", n, n == 1 ? "" : "s", within,
               considered);
        if (med < 0)
            printf("median: none yet; ");
        else
            printf("median %.1f school days; ", med);
        printf("%d waiting past their target\n", late);
    } else if (o.format == OR_FMT_JSON) {
        json_t *doc =
            json_pack("{s:o, s:i, s:i, s:i, s:i}", "referrals", rows, "count", n, "considered",
                      considered, "within_target", within, "waiting_late", late);
        json_object_set_new(doc, "median_school_days", med < 0 ? json_null() : json_real(med));
        json_dumpf(doc, stdout, JSON_INDENT(2));
        printf("\n");
        json_decref(doc);
        rows = NULL;
    }
    json_decref(rows);
    free(days);
    or_model_free(m);
    return 0;
}
