/* cmd_explain.c - `onroll explain UPN`: a pupil's timeline (characteristics, enrolments,
 * every event with where it came from), then every duty and risk flag with the rule's text
 * and source: "why is this child flagged?" answered from the ledger. */
#include <stdio.h>
#include <string.h>

#include "cli/rules_opts.h"
#include "onroll/labels.h"
#include "onroll/excl.h"
#include "onroll/yeargroup.h"

/* `onroll help explain`, `onroll explain --help` (cli.h, cli_help.c) */
static const cli_opt_doc explain_opts[] = {
    CLI_OPT_DB,
    {"--as-of YYYY-MM-DD", "the day the duties and flags are worked out for; default today"},
    {"--school URN", "accepted, not used"},
    {"--pupil UPN", "accepted, not used: give the UPN as the argument"},
    {"--format table|csv|json", "accepted, not used: explain prints text"},
    {"UPN", "the pupil's unique pupil number"},
    {NULL, NULL},
};
static const char *const explain_examples[] = {
    "onroll explain A123456789012",
    "onroll explain --as-of 2026-12-08 A123456789012",
    NULL,
};
const cli_doc cmd_explain_doc = {
    "explain", "a pupil's timeline, duties and flags with the rules behind them",
    "[--db URL] [--as-of YYYY-MM-DD] UPN", explain_opts, explain_examples};

static void snapshot_line(const or_fact_snapshot *s)
{
    char dob[24];
    or_date_human(s->dob, dob);
    char sen[2] = {s->sen, '\0'};
    printf(" %s, born %s, ethnicity %s (%s), FSM %s, %s%s%s%s%s%s%s%s\n",
           s->sex == 'M' ? "male" : "female", dob,
           s->ethnicity ? or_label_ethnicity(s->ethnicity) : "not recorded",
           s->ethnicity ? s->ethnicity : "?", s->fsm == 1 ? "yes" : "no", or_label_sen(sen),
           s->sen_need ? " (" : "", s->sen_need ? or_label_sen_need(s->sen_need) : "",
           s->sen_need ? ")" : "", s->cla == 1 ? ", looked after" : "",
           s->cin == 1 ? ", child in need" : "", s->cp == 1 ? ", child protection plan" : "",
           s->yjs == 1 ? ", known to youth justice" : "");
}

int cmd_explain(int argc, char **argv)
{
    const char *use = cmd_explain_doc.usage;
    cli_rules o;
    int rc = cli_rules_opts("explain", use, argc, argv, &o);
    if (rc)
        return rc;
    if (o.optind != argc - 1)
        return cli_usage("explain", use);
    o.upn = argv[o.optind];
    if ((rc = cli_rules_audit("explain", &o)))
        return rc;
    or_model *m = cli_load_model("explain", &o);
    if (!m)
        return 1;
    const or_pupil_facts *f = or_model_find(m, o.upn);
    if (!f || f->nsnaps == 0) {
        fprintf(stderr, "onroll explain: no pupil with UPN %s\n", o.upn);
        or_model_free(m);
        return 1;
    }
    char d1[24], d2[24];
    or_date_human(o.as_of, d1);
    char yg[40];
    or_yg_words(or_facts_year_group(f, o.as_of), yg);
    printf("Pupil %s, as of %s\nYear group: %s\n\nCharacteristics (as recorded):\n", f->upn, d1,
           yg[0] ? yg : "not known");
    for (int i = 0; i < f->nsnaps; i++) {
        or_date_human(f->snaps[i].as_of, d2);
        printf("  from %s:", d2);
        snapshot_line(&f->snaps[i]);
    }
    printf("\nEnrolments:\n");
    for (int i = 0; i < f->nenrols; i++) {
        const or_fact_enrolment *e = &f->enrols[i];
        const or_school_info *sc = or_model_school(m, e->urn);
        or_date_human(e->start, d1);
        if (e->end != OR_DATE_NONE)
            or_date_human(e->end, d2);
        printf("  %s to %s  %d %s (%s registration)\n", d1, e->end == OR_DATE_NONE ? "now" : d2,
               e->urn, sc ? sc->name : "?",
               e->reg_type == 'm'   ? "main"
               : e->reg_type == 'd' ? "dual"
                                    : "subsidiary");
    }
    printf("\nTimeline:\n");
    for (int i = 0; i < f->nevents; i++) {
        const or_fact_event *e = &f->events[i];
        or_date_human(e->start, d1);
        printf("  %-17s  %-20s %d/%s", d1, or_event_kind_name(e->kind), e->urn, e->event_id);
        if (e->sessions > 0)
            printf("  %d session%s", e->sessions, e->sessions == 1 ? "" : "s");
        if (e->reasons)
            printf("  reasons %s", e->reasons);
        if (e->ref)
            printf("  ref %s", e->ref);
        if (e->rule)
            printf("  rule %s", e->rule);
        if (e->outcome)
            printf("  outcome %s", e->outcome);
        if (e->delivery)
            printf("  by %s", e->delivery);
        if (e->end != OR_DATE_NONE) {
            or_date_human(e->end, d2);
            printf("  to %s", d2);
        }
        printf("\n");
    }
    or_arena arena = OR_ARENA_INIT;
    or_duty_list duties;
    or_duty_list_init(&duties, &arena);
    or_flag_list flags;
    or_flag_list_init(&flags, &arena);
    or_error err = {0};
    rc = or_duties_for_pupil(f, or_model_params(m), o.as_of, &duties, &err);
    if (!rc)
        rc = or_risk_for_pupil(f, or_model_params(m), o.as_of, &flags, &err);
    or_duties_sort(&duties);
    printf("\nDuties:\n");
    for (int i = 0; i < duties.n; i++) {
        const or_duty *d = &duties.items[i];
        if (d->due != OR_DATE_NONE)
            or_date_human(d->due, d1);
        printf("  %-20s %-8s due %-17s %s %s\n      %s\n      Rule: %s (%s; %s)%s\n", d->rule->id,
               or_duty_status_name(d->status), d->due == OR_DATE_NONE ? "-" : d1,
               d->event_id[0] ? "for" : "", d->event_id, d->detail, d->rule->summary, d->rule->who,
               d->rule->source, d->rule->unconfirmed ? " [unconfirmed source]" : "");
    }
    printf("\nRisk indicators:\n");
    if (!flags.n)
        printf("  none\n");
    const or_params *p = or_model_params(m);
    for (int i = 0; i < flags.n; i++) {
        int w = or_risk_weight_param(flags.items[i].rule->code);
        printf("  %-17s %s\n      Rule: %s (%s)\n      Kind: %s risk; weight %d\n",
               flags.items[i].rule->id, flags.items[i].detail, flags.items[i].rule->summary,
               flags.items[i].rule->source,
               or_risk_kind_key(or_risk_kind_of(flags.items[i].rule->code)), w < 0 ? 0 : p->v[w]);
    }
    if (flags.n) { /* why that tier (docs/risk.md) */
        char why[512];
        or_risk_explain(flags.items, flags.n, p, false, why, sizeof why);
        printf("  Tier: %s\n", why);
    }
    or_arena_free(&arena);
    or_model_free(m);
    return rc ? cli_fail("explain", &err) : 0;
}
