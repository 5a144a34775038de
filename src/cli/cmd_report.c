/* cmd_report.c - `onroll report rates|disproportionality|schools|scrutiny`: the published
 * statistics (report.h) from the columnar model (`report outcomes`: cmd_report_outcomes.c).
 * Suppressed by default; --unsuppressed is for LA users and is written to the audit log. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/report_opts.h"
#include "onroll/report.h"
#include "onroll/scrutiny.h"
#include "onroll/accounts.h"

/* `onroll help report`, `onroll report --help` (cli.h, cli_help.c) */
/* The scrutiny report's word to whoever runs it of an input it did without. */
static void warn_stderr(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "onroll: warning: %s\n", message);
}

static const cli_opt_doc report_opts[] = {
    CLI_OPT_DB,
    {"--year YYYY/YY", "the academic year, such as 2025/26 (required except for outcomes)"},
    {"--by DIM[,DIM[,DIM]]",
     "break the figures down by up to 3 of: sex, ethnicity, ethnicity_major, fsm, fsm6, sen, "
     "sen_need, year_group, age, cla, cin, eal, pla, cp, yjs, social_worker, school, phase, "
     "reason"},
    {"--reference CODE", "disproportionality: the group the others are compared with (such as "
                         "WBRI); default all other pupils"},
    {"--format csv|html|json|pdf", "csv (default; scrutiny: html); pdf only for scrutiny"},
    {"--out FILE", "write to FILE (scrutiny's PDF needs it)"},
    {"--unsuppressed", "no suppression of small numbers (LA users only; written to the audit log)"},
    {"--from YYYY-MM-DD", "rates, disproportionality, schools: only exclusions starting on or "
                          "after this day (with --to; both inside --year): a term's figures"},
    {"--to YYYY-MM-DD", "the last day of --from's period"},
    {"--threshold N", "suppress counts below N; default 2 for scrutiny, else as formats.md"},
    {"--as-of YYYY-MM-DD", "outcomes, reu: the day the terms are counted to; default today"},
    {"--intervention ID", "outcomes: only that intervention"},
    {"--concern", "offrolling: only the schools above a 99.8% limit"},
    {"--level national|regional|la", "benchmarks: only the DfE's rows of that level"},
    {"--la CODE", "benchmarks: only that LA's rows (the DfE's three-digit code, such as 201)"},
    {"--type TYPE", "compare: total (default), primary, secondary or special schools"},
    {NULL, NULL},
};
static const char *const report_examples[] = {
    "onroll report rates --year 2025/26 --by sex,fsm",
    "onroll report rates --year 2025/26 --by school,year_group --from 2025-09-03 --to 2025-12-19",
    "onroll report disproportionality --year 2025/26 --by ethnicity --reference WBRI",
    "onroll report scrutiny --year 2025/26 --format pdf --out scrutiny.pdf",
    "onroll report outcomes --intervention IV-12",
    "onroll report benchmarks --year 2022/23 --level national",
    "onroll report compare --year 2025/26 --type secondary",
    "onroll report reu --year 2025/26 --format csv",
    "onroll report offrolling --year 2025/26 --concern",
    NULL,
};
const cli_doc cmd_report_doc = {
    "report",
    "rates, disproportionality, schools, the scrutiny report, outcomes, the DfE's figures",
    "rates|disproportionality|schools|scrutiny --year YYYY/YY [--by DIM[,DIM[,DIM]]] [--reference "
    "CODE] [--format csv|html|json|pdf] [--out FILE] [--unsuppressed] [--threshold N] [--from "
    "YYYY-MM-DD --to YYYY-MM-DD] [--db URL]\noutcomes [--as-of YYYY-MM-DD] [--intervention ID] "
    "[--threshold N | --unsuppressed] "
    "[--db URL]\nbenchmarks [--year YYYY/YY] [--level national|regional|la] [--la CODE] "
    "[--format table|csv|json] [--db URL]\ncompare [--year YYYY/YY] [--type "
    "total|primary|secondary|special] [--format table|csv|json] [--db URL]\nroni-outcomes [--as-of "
    "YYYY-MM-DD] [--format "
    "table|csv|json] [--db URL]\n"
    "reu --year YYYY/YY [--as-of YYYY-MM-DD] [--format "
    "table|csv|json] [--threshold N | --unsuppressed] [--db URL]\noffrolling --year YYYY/YY "
    "[--concern] [--format table|csv|json] [--threshold N | --unsuppressed] [--db URL]",
    report_opts, report_examples};

typedef or_code (*report_fn)(const or_columns *, const or_report_opts *, or_arena *, or_table *,
                             or_error *);

static int parse_dims(const char *list, or_report_opts *o)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    o->ndims = 0;
    for (char *p = buf, *tok; (tok = strsep(&p, ",")) != NULL;) {
        int d = or_dim_parse(tok);
        if (d < 0 || d == OR_DIM_LA || d == OR_DIM_YEAR) {
            fprintf(stderr, "onroll report: --by '%s' is not a dimension (", tok);
            for (int k = 0, n = 0; k < OR_DIM__COUNT; k++)
                if (k != OR_DIM_LA && k != OR_DIM_YEAR)
                    fprintf(stderr, "%s%s", n++ ? ", " : "", or_dim_name((or_dim)k));
            fprintf(stderr, ")\n");
            return 2;
        }
        if (o->ndims == 3) {
            fprintf(stderr, "onroll report: at most 3 dimensions in --by\n");
            return 2;
        }
        o->dims[o->ndims++] = (or_dim)d;
    }
    return 0;
}

/* --from and --to: both, in order, inside the academic year; not for the scrutiny report. */
static int check_period(const or_report_opts *o, int have_from, int have_to, bool scrutiny)
{
    char a[11], b[11];
    or_date first = or_date_from_ymd(o->ay, 9, 1), last = or_date_from_ymd(o->ay + 1, 8, 31);
    if (scrutiny) {
        fprintf(stderr, "onroll report: --from and --to are not for the scrutiny report\n");
        return 2;
    }
    if (have_from != 1 || have_to != 1) {
        fprintf(stderr, "onroll report: --from and --to go together, once each\n");
        return 2;
    }
    if (o->to < o->from || o->from < first || o->to > last) {
        or_date_format(first, a);
        or_date_format(last, b);
        fprintf(stderr,
                "onroll report: --from and --to must be in order and inside the academic year "
                "(%s to %s)\n",
                a, b);
        return 2;
    }
    return 0;
}

int cmd_report(int argc, char **argv)
{
    const char *use = cmd_report_doc.usage;
    if (argc < 2)
        return cli_usage("report", use);
    const char *what = argv[1];
    if (!strcmp(what, "outcomes"))
        return cmd_report_outcomes(argc, argv);
    if (!strcmp(what, "benchmarks"))
        return cmd_report_benchmarks(argc, argv);
    if (!strcmp(what, "compare"))
        return cmd_report_compare(argc, argv);
    if (!strcmp(what, "roni-outcomes"))
        return cmd_report_roni_outcomes(argc, argv);
    if (!strcmp(what, "reu"))
        return cmd_report_reu(argc, argv);
    if (!strcmp(what, "offrolling"))
        return cmd_report_offroll(argc, argv);
    static const struct option opts[] = {CLI_REPORT_OPT_DB,
                                         CLI_REPORT_OPT_YEAR,
                                         {"by", required_argument, NULL, 'b'},
                                         {"reference", required_argument, NULL, 'r'},
                                         {"format", required_argument, NULL, 'F'},
                                         {"out", required_argument, NULL, 'o'},
                                         CLI_REPORT_OPT_UNSUPPRESSED,
                                         CLI_REPORT_OPT_THRESHOLD,
                                         {"from", required_argument, NULL, 'S'},
                                         {"to", required_argument, NULL, 'E'},
                                         {0}};
    cli_report r = cli_report_init(OR_FMT_CSV);
    or_report_opts o = {0};
    const char *path = NULL, *format = NULL; /* --format: csv, json, html or pdf here */
    int c, rc, have_from = 0, have_to = 0;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if ((rc = parse_dims(optarg, &o)))
                return rc;
            break;
        case 'r':
            o.reference = optarg;
            break;
        case 'F':
            format = optarg;
            break;
        case 'o':
            path = optarg;
            break;
        case 'S': /* --from */
        case 'E': /* --to */
            if (!or_date_parse(optarg, c == 'S' ? &o.from : &o.to)) {
                fprintf(stderr, "onroll report: --%s '%s' is not a date (YYYY-MM-DD)\n",
                        c == 'S' ? "from" : "to", optarg);
                return 2;
            }
            o.dated = true;
            have_from += c == 'S';
            have_to += c == 'E';
            break;
        default:
            if ((rc = cli_report_opt(c, optarg, &r)))
                return rc > 0 ? rc : cli_usage("report", use);
        }
    }
    if (!r.have_year || optind < argc)
        return cli_usage("report", use);
    const char *db = r.db;
    o.ay = r.ay;
    o.unsuppressed = r.unsuppressed;
    o.threshold = r.threshold;
    bool scrutiny = !strcmp(what, "scrutiny");
    if (o.dated && (rc = check_period(&o, have_from, have_to, scrutiny)))
        return rc;
    report_fn fn = !strcmp(what, "rates")                ? or_report_rates
                   : !strcmp(what, "disproportionality") ? or_report_disproportionality
                   : !strcmp(what, "schools")            ? or_report_schools
                                                         : NULL;
    if (!fn && !scrutiny)
        return cli_usage("report", use);
    or_format fmt = OR_FMT_CSV;
    bool html = scrutiny, pdf = false;
    if (format && !strcmp(format, "html"))
        html = true;
    else if (format && !strcmp(format, "pdf") && scrutiny)
        pdf = true;
    else if (format && !strcmp(format, "csv"))
        html = false;
    else if (format && !or_format_parse(format, &fmt))
        return cli_usage("report", use);
    if (format && !strcmp(format, "json"))
        html = false;
    or_store *s = cli_open_readonly(db);
    if (!s)
        return 1;
    or_error err = {0};
    or_columns *cols = NULL;
    or_code code = or_columns_load(s, &cols, &err);
    if (!code) /* a year with no data says so rather than printing zeros */
        code = or_report_year_check(cols, o.ay, &err);
    if (!code && o.unsuppressed)
        code = cli_audit(s, db, "report.unsuppressed", what, NULL, &err);
    FILE *out = stdout;
    char tmp[4096] = ""; /* written whole, then renamed: a failed report leaves no file */
    if (path && !pdf)
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (!code && tmp[0] && !(out = fopen(tmp, "w")))
        code = or_fail(&err, OR_EIO, "%s: cannot write", tmp);
    or_arena arena = OR_ARENA_INIT;
    if (!code && scrutiny) {
        or_scrutiny_opts so = {o.ay,
                               o.unsuppressed    ? 0
                               : o.threshold > 0 ? o.threshold
                                                 : 2,
                               path, pdf};
        code = or_scrutiny_write_warned(s, cols, &so, pdf ? NULL : out, warn_stderr, NULL, &err);
    } else if (!code) {
        or_table t;
        code = fn(cols, &o, &arena, &t, &err);
        if (!code)
            code = or_table_write(out, &t, html ? OR_FMT_TABLE : fmt, &err);
    }
    if (out && out != stdout) {
        if (fclose(out) != 0 && !code)
            code = or_fail(&err, OR_EIO, "%s: cannot write", tmp);
        if (!code && rename(tmp, path) != 0)
            code = or_fail(&err, OR_EIO, "%s: cannot rename to %s", tmp, path);
        if (code)
            remove(tmp);
    }
    or_arena_free(&arena);
    or_columns_free(cols);
    or_store_close(s);
    return code ? cli_fail("report", &err) : 0;
}
