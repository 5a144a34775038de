/* cmd_letter.c - `onroll letter`: a statutory letter about a suspension or permanent exclusion,
 * filled from the ledger (letters.h), as text, HTML or PDF.
 *
 *   onroll letter EVENT_URN EVENT_ID [--kind K] [--format text|html|pdf] [--out FILE]
 *                 [--date YYYY-MM-DD] [--delivery hand|email|post] [--as-of YYYY-MM-DD]
 *                 [--la-contact TEXT] [--parent NAME] [--letter ID]
 *
 * --kind: one of the kinds that apply to the exclusion (by default the first); --date: the date
 * of the letter and the day it is sent (default today); --delivery: how it is sent (the board's
 * notice and decision count their deadlines from it); --as-of: the duties as of that day
 * (default the later of today and the decision); --letter ID: a letter written on the web
 * pages, as the school saved it, instead of a new one; --parent and --la-contact fill the gaps
 * for the parent's name and the LA's exclusions team. A PDF needs --out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/rules_opts.h"
#include "onroll/excl.h"
#include "onroll/kinds.h"
#include "onroll/letter_doc.h"
#include "onroll/store_letters.h"
#include "onroll/letters.h"
#include "onroll/store_settings.h"

/* `onroll help letter`, `onroll letter --help` (cli.h, cli_help.c) */
static const cli_opt_doc letter_opts[] = {
    CLI_OPT_DB,
    {"EVENT_URN EVENT_ID", "the school's URN and the exclusion's event id"},
    {"--kind K", "which letter, one of those that apply to the exclusion; default the first"},
    {"--format text|html|pdf", "default text; a PDF needs --out"},
    {"--out FILE", "write to FILE instead of standard output"},
    {"--date YYYY-MM-DD", "the date of the letter and the day it is sent; default today"},
    {"--delivery hand|email|post",
     "how it is sent (the board's notice and decision count their deadlines from it)"},
    {"--as-of YYYY-MM-DD",
     "the duties as of that day; default the later of today and the decision"},
    {"--la-contact TEXT", "the LA exclusions team's contact details, when onroll config has none"},
    {"--parent NAME", "the parent's or carer's name"},
    {"--letter ID", "a letter the school saved on the web pages, as saved, instead of a new one"},
    {NULL, NULL},
};
static const char *const letter_examples[] = {
    "onroll letter 100001 EX-2026-00017",
    "onroll letter 100001 EX-2026-00017 --format pdf --out letter.pdf",
    NULL,
};
const cli_doc cmd_letter_doc = {
    "letter",
    "a statutory letter about a suspension or permanent exclusion, filled from the ledger",
    "EVENT_URN EVENT_ID [--kind K] [--format text|html|pdf] [--out FILE] [--date YYYY-MM-DD] "
    "[--delivery hand|email|post] [--as-of YYYY-MM-DD] [--la-contact TEXT] [--parent NAME] "
    "[--letter ID] [--db URL]",
    letter_opts, letter_examples};

typedef struct {
    const char *db, *kind, *format, *out, *delivery, *la_contact, *parent;
    or_date date, as_of;
    long long letter;
} opts;

static int parse(int argc, char **argv, opts *o)
{
    static const struct option lo[] = {{"db", required_argument, NULL, 'd'},
                                       {"kind", required_argument, NULL, 'k'},
                                       {"format", required_argument, NULL, 'f'},
                                       {"out", required_argument, NULL, 'o'},
                                       {"date", required_argument, NULL, 't'},
                                       {"delivery", required_argument, NULL, 'v'},
                                       {"as-of", required_argument, NULL, 'a'},
                                       {"la-contact", required_argument, NULL, 'l'},
                                       {"letter", required_argument, NULL, 'i'},
                                       {"parent", required_argument, NULL, 'p'},
                                       {0}};
    memset(o, 0, sizeof *o);
    o->format = "text";
    o->date = o->as_of = OR_DATE_NONE;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        switch (c) {
        case 'd':
            o->db = optarg;
            break;
        case 'k':
            o->kind = optarg;
            break;
        case 'f':
            o->format = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'v':
            o->delivery = optarg;
            break;
        case 'l':
            o->la_contact = optarg;
            break;
        case 'p':
            o->parent = optarg;
            break;
        case 'i':
            o->letter = atoll(optarg);
            if (o->letter <= 0) {
                fprintf(stderr, "onroll letter: --letter '%s' is not a letter's number\n", optarg);
                return 2;
            }
            break;
        case 't':
        case 'a':
            if (!or_date_parse(optarg, c == 't' ? &o->date : &o->as_of)) {
                fprintf(stderr, "onroll letter: --%s '%s' is not a date (YYYY-MM-DD)\n",
                        c == 't' ? "date" : "as-of", optarg);
                return 2;
            }
            break;
        default:
            return cli_usage("letter", cmd_letter_doc.usage);
        }
    }
    if (argc - optind != 2)
        return cli_usage("letter", cmd_letter_doc.usage);
    if (strcmp(o->format, "text") && strcmp(o->format, "html") && strcmp(o->format, "pdf"))
        return cli_usage("letter", cmd_letter_doc.usage);
    if (!strcmp(o->format, "pdf") && !o->out) {
        fprintf(stderr, "onroll letter: a PDF needs a file to go to (--out FILE)\n");
        return 2;
    }
    if (o->delivery && strcmp(o->delivery, "hand") && strcmp(o->delivery, "email") &&
        strcmp(o->delivery, "post")) {
        fprintf(stderr, "onroll letter: --delivery '%s': hand, email or post\n", o->delivery);
        return 2;
    }
    return 0;
}

/* Write text to the file (whole, then renamed) or stdout. */
static or_code write_out(const char *path, const char *text, size_t len, or_error *err)
{
    if (!path)
        return fwrite(text, 1, len, stdout) == len ? OR_OK
                                                   : or_fail(err, OR_EIO, "cannot write stdout");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return or_fail(err, OR_EIO, "%s: cannot write", tmp);
    bool ok = fwrite(text, 1, len, f) == len;
    ok &= fclose(f) == 0;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return or_fail(err, OR_EIO, "%s: cannot write", path);
    }
    return OR_OK;
}

/* The letter: filled from the ledger, or the stored one. */
static or_code make(or_store *s, const opts *o, int urn, const char *event_id, or_arena *a,
                    const char **school, const char **title, or_letter *l, char upn[14],
                    or_error *err)
{
    char type[32];
    or_code rc = or_store_event_find(s, urn, event_id, type, upn, err);
    if (rc)
        return rc;
    if (!*upn)
        return or_fail(err, OR_EINPUT, "school %d has no event %s", urn, event_id);
    or_model *m = NULL;
    if ((rc = or_model_load(s, upn, &m, err)))
        return rc;
    const or_pupil_facts *f = or_model_find(m, upn);
    const or_fact_event *e = f ? or_facts_event(f, urn, event_id) : NULL;
    if (!e || !or_is_exclusion(e->kind)) {
        or_model_free(m);
        return or_fail(err, OR_EINPUT,
                       "event %s of school %d is a %s: letters are written for a suspension or "
                       "a permanent exclusion",
                       event_id, urn, type);
    }
    const or_school_info *si = or_model_school(m, urn);
    *school = or_arena_strdup(a, si && si->name ? si->name : "");
    if (o->letter) {
        or_letter_row r;
        bool found = false;
        if (!(rc = or_letter_get(s, o->letter, a, &r, &found, err)) &&
            (!found || r.urn != urn || strcmp(r.event_id, event_id)))
            rc = or_fail(err, OR_EINPUT, "there is no letter %lld about event %s of school %d",
                         o->letter, event_id, urn);
        if (!rc) {
            *title = r.title;
            or_letter_parse(r.body, a, l);
        }
        or_model_free(m);
        return rc;
    }
    or_date today = cli_today();
    or_date as_of = o->as_of != OR_DATE_NONE ? o->as_of : e->decided > today ? e->decided : today;
    or_duty_list duties;
    or_duty_list_init(&duties, a);
    if ((rc = or_duties_for_pupil(f, or_model_params(m), as_of, &duties, err))) {
        or_model_free(m);
        return rc;
    }
    const char **rules = or_arena_alloc(a, (size_t)(duties.n + 1) * sizeof *rules);
    int nrules = 0;
    for (int i = 0; i < duties.n; i++)
        if (duties.items[i].urn == urn && !strcmp(duties.items[i].event_id, event_id))
            rules[nrules++] = duties.items[i].rule->id;
    const or_letter_kind *k = NULL;
    or_sb kinds = OR_SB_INIT;
    for (size_t i = 0; i < or_letter_kinds_count(); i++) {
        const or_letter_kind *x = or_letter_kind_at(i);
        if (!or_letter_kind_applies(x, e->kind, rules, nrules))
            continue;
        or_sb_addf(&kinds, "%s%s", kinds.len ? ", " : "", x->id);
        if (!k && (!o->kind || !strcmp(o->kind, x->id)))
            k = x;
    }
    if (!k)
        rc = or_fail(err, OR_EINPUT,
                     "letter kind '%s' does not apply to event %s of school %d; "
                     "the kinds that do: %s",
                     o->kind ? o->kind : "(any)", event_id, urn,
                     kinds.len ? or_sb_str(&kinds) : "none");
    or_sb_release(&kinds);
    or_letter_facts lf;
    if (!rc)
        rc = or_letter_facts_from(f, e, or_model_params(m), as_of, &lf, err);
    if (!rc) {
        const char *forename, *surname;
        rc = or_store_pupil_names(s, upn, a, &forename, &surname, err);
        lf.kind = k;
        lf.school = *school;
        lf.pupil =
            or_arena_printf(a, "%s%s%s", forename, *forename && *surname ? " " : "", surname);
        lf.forename = forename;
        lf.send_on = lf.dated = o->date != OR_DATE_NONE ? o->date : today;
        lf.delivery = o->delivery;
        lf.parent = o->parent;
        or_settings st = {0}; /* the settings fill their gaps; --la-contact wins over the LA's */
        if (!rc)
            rc = or_settings_load(s, urn, a, &st, err);
        char contact[600];
        lf.la_contact =
            o->la_contact
                ? o->la_contact
                : or_arena_strdup(a, or_settings_la_contact(&st, contact, sizeof contact));
        lf.head_teacher = st.v[OR_SET_HEAD_TEACHER];
        lf.clerk_name = st.v[OR_SET_CLERK_NAME];
        lf.clerk_email = st.v[OR_SET_CLERK_EMAIL];
        lf.school_address = st.v[OR_SET_ADDRESS];
        if (!rc)
            rc = or_letter_fill(&lf, a, l, err);
        if (!rc)
            *title = l->title;
    }
    or_model_free(m);
    return rc;
}

int cmd_letter(int argc, char **argv)
{
    opts o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    int urn = atoi(argv[optind]);
    const char *event_id = argv[optind + 1];
    or_store *s = cli_open_readonly(o.db);
    if (!s)
        return 1;
    or_arena a = OR_ARENA_INIT;
    or_error err = {0};
    const char *school = "", *title = "";
    or_letter l;
    char upn[14] = "";
    or_code code = make(s, &o, urn, event_id, &a, &school, &title, &l, upn, &err);
    if (!code) /* the pupil's letter on the record before it is shown */
        code = cli_audit(s, o.db, "pupil.read", "letter", upn, &err);
    or_sb doc = OR_SB_INIT;
    if (!code && !strcmp(o.format, "text")) {
        or_sb_addf(&doc, "%s\n%s\n\n", school, title);
        or_letter_text(&l, &doc);
        code = write_out(o.out, doc.buf, doc.len, &err);
    } else if (!code) {
        or_letter_html_doc(school, title, &l, &doc);
        code = !strcmp(o.format, "pdf") ? or_letter_pdf(doc.buf, doc.len, o.out, &err)
                                        : write_out(o.out, doc.buf, doc.len, &err);
    }
    or_sb_release(&doc);
    or_arena_free(&a);
    or_store_close(s);
    return code ? cli_fail("letter", &err) : 0;
}
