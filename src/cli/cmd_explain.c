/* cmd_explain.c - `onroll explain UPN`: a pupil's timeline (characteristics, enrolments,
 * every event with where it came from), then every duty and risk flag with the rule's text
 * and source: "why is this child flagged?" answered from the ledger. */
#include <stdio.h>
#include <string.h>

#include "cli/rules_opts.h"
#include "onroll/excl.h"
#include "onroll/yeargroup.h"

static void snapshot_line(const or_fact_snapshot *s)
{
    char dob[16];
    or_date_human(s->dob, dob);
    printf(" %s, born %s, ethnicity %s, FSM %s, SEN %c%s%s%s%s%s%s%s\n",
           s->sex == 'M' ? "male" : "female", dob, s->ethnicity ? s->ethnicity : "?",
           s->fsm == 1 ? "yes" : "no", s->sen, s->sen_need ? " (" : "",
           s->sen_need ? s->sen_need : "", s->sen_need ? ")" : "",
           s->cla == 1 ? ", looked after" : "", s->cin == 1 ? ", child in need" : "",
           s->cp == 1 ? ", child protection plan" : "",
           s->yjs == 1 ? ", known to youth justice" : "");
}

int cmd_explain(int argc, char **argv)
{
    static const char *use = "[--db URL] [--as-of YYYY-MM-DD] UPN";
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
    char d1[16], d2[16];
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
        printf("  %s  %-20s %d/%s", d1, or_event_kind_name(e->kind), e->urn, e->event_id);
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
        printf("  %-20s %-8s due %-16s %s %s\n      %s\n      Rule: %s (%s; %s)%s\n", d->rule->id,
               or_duty_status_name(d->status), d->due == OR_DATE_NONE ? "-" : d1,
               d->event_id[0] ? "for" : "", d->event_id, d->detail, d->rule->summary, d->rule->who,
               d->rule->source, d->rule->unconfirmed ? " [unconfirmed source]" : "");
    }
    printf("\nRisk indicators:\n");
    if (!flags.n)
        printf("  none\n");
    for (int i = 0; i < flags.n; i++)
        printf("  %-17s %s\n      Rule: %s (%s)\n", flags.items[i].rule->id, flags.items[i].detail,
               flags.items[i].rule->summary, flags.items[i].rule->source);
    or_arena_free(&arena);
    or_model_free(m);
    return rc ? cli_fail("explain", &err) : 0;
}
