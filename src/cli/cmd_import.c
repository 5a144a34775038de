/* cmd_import.c - `onroll import FILE...`: import interchange CSV files and Common Transfer
 * Files (XML, ctf.h), each all or nothing.
 *
 * Files are taken in dependency order (schools, calendar, pupils, enrolments, caseload,
 * events, attendance) whatever order they are given in. The first file with an error stops
 * the run: its errors are printed (file, line, column, value, what was expected) and nothing
 * of it is written. --dry-run validates every file inside one transaction it rolls back. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "onroll/ctf.h"
#include "onroll/import.h"

/* `onroll help import`, `onroll import --help` (cli.h, cli_help.c) */
static const cli_opt_doc import_opts[] = {
    CLI_OPT_DB,
    {"--dry-run", "check every row and report the errors; write nothing"},
    {"--max-errors N", "stop listing a file's errors after N"},
    {"FILE...", "one or more CSV files of the kinds in formats.md, taken in dependency order"},
    {NULL, NULL},
};
static const char *const import_examples[] = {
    "onroll import schools.csv pupils.csv events.csv",
    "onroll import --dry-run events.csv",
    NULL,
};
const cli_doc cmd_import_doc = {
    "import", "import CSV files: the kind is recognised by the header; each file all or nothing",
    "[--db URL] [--dry-run] [--max-errors N] FILE...", import_opts, import_examples};

static void progress(void *ctx, const char *path, uint64_t done, uint64_t total)
{
    (void)ctx;
    int width = 30, pct = total ? (int)(done * 100 / total) : 100;
    int fill = pct * width / 100;
    fprintf(stderr, "\r%-30.30s [%.*s%*s] %3d%%", path, fill, "##############################",
            width - fill, "", pct);
    if (done >= total)
        fputc('\n', stderr);
}

typedef struct {
    const char *path;
    or_kind_id kind; /* a CTF sorts as pupils (its snapshots come first) */
    bool ctf;
    int order;
} job;

/* A CTF's report: its rows kind by kind, then what it held, then every note (conflicts, the
 * elements not used by path and count). */
static void ctf_report(const char *path, const or_ctf_result *r, bool dry_run)
{
    printf("%s: Common Transfer File (CTF %s, %s, from %s): %lld pupils (%lld new to onroll, %lld "
           "matched by former UPN, %lld conflicting)%s\n",
           path, *r->version ? r->version : "version not given",
           *r->qualifier ? r->qualifier : "qualifier not given",
           *r->supplier ? r->supplier : "a supplier not named", (long long)r->pupils,
           (long long)r->pupils_new, (long long)r->pupils_former, (long long)r->conflicts,
           dry_run ? " (dry run: nothing written)" : "");
    for (int k = 0; k < OR_CTF_KINDS; k++)
        if (r->rows[k].rows)
            printf("  %s: %lld rows: %lld new, %lld updated, %lld unchanged, %lld refused\n",
                   or_kind_get(r->rows[k].kind)->name, (long long)r->rows[k].rows,
                   (long long)r->rows[k].inserted, (long long)r->rows[k].updated,
                   (long long)r->rows[k].unchanged, (long long)r->rows[k].refused);
    if (r->notes.len)
        fputs(or_sb_str(&r->notes), stdout);
}

/* One CTF: 0, or the exit status of its failure (its errors printed). */
static int import_ctf(or_store *s, const char *path, const or_import_opts *io, bool dry_run)
{
    or_ctf_result res = {0};
    or_error err = {0};
    or_code rc = or_import_ctf(s, path, io, &res, &err);
    int status = 0;
    if (rc) {
        bool listed = false;
        for (int k = 0; k < OR_CTF_KINDS; k++)
            if (res.rows[k].errors.len) {
                fputs(or_sb_str(&res.rows[k].errors), stderr);
                listed = true;
            }
        if (!listed)
            fprintf(stderr, "%s\n", err.msg);
        fprintf(stderr, "onroll import: %s: nothing of this file was written\n", path);
        status = rc == OR_EUSAGE ? 2 : 1;
    } else {
        ctf_report(path, &res, dry_run);
    }
    or_ctf_result_release(&res);
    return status;
}

static int by_kind(const void *a, const void *b)
{
    const job *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->order - y->order;
}

int cmd_import(int argc, char **argv)
{
    const char *use = cmd_import_doc.usage;
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"dry-run", no_argument, NULL, 'n'},
                                         {"max-errors", required_argument, NULL, 'm'},
                                         {0}};
    const char *db = NULL;
    or_import_opts io = {.user = cli_user()};
    bool dry_run = false; /* one outer transaction, rolled back: later files see earlier ones */
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else if (c == 'n')
            dry_run = true;
        else if (c == 'm')
            io.max_errors = atoi(optarg);
        else
            return cli_usage("import", use);
    }
    int n = argc - optind;
    if (n <= 0)
        return cli_usage("import", use);
    if (isatty(2))
        io.progress = progress;

    job *jobs = calloc((size_t)n, sizeof *jobs);
    if (!jobs)
        return 1;
    for (int i = 0; i < n; i++) {
        or_error err = {0};
        jobs[i].path = argv[optind + i];
        jobs[i].order = i;
        jobs[i].ctf = or_file_is_xml(jobs[i].path);
        if (jobs[i].ctf)
            jobs[i].kind = OR_K_PUPILS;
        else if (or_import_sniff(jobs[i].path, &jobs[i].kind, &err)) {
            free(jobs);
            return cli_fail("import", &err);
        }
    }
    qsort(jobs, (size_t)n, sizeof *jobs, by_kind);

    or_store *s = cli_open(db);
    if (!s) {
        free(jobs);
        return 1;
    }
    int status = 0;
    or_error err = {0};
    if (dry_run && or_store_begin(s, &err)) {
        status = cli_fail("import", &err);
        n = 0;
    }
    for (int i = 0; i < n; i++) {
        if (jobs[i].ctf) {
            if ((status = import_ctf(s, jobs[i].path, &io, dry_run))) {
                for (int j = i + 1; j < n; j++)
                    fprintf(stderr, "onroll import: %s: not imported (an earlier file failed)\n",
                            jobs[j].path);
                break;
            }
            continue;
        }
        or_ingest_result res = {0};
        or_code rc = or_import_csv(s, jobs[i].path, &io, &res, &err);
        if (rc) {
            if (res.errors.len)
                fputs(or_sb_str(&res.errors), stderr);
            else
                fprintf(stderr, "%s\n", err.msg);
            fprintf(stderr, "onroll import: %s: %d error%s; nothing of this file was written\n",
                    jobs[i].path, res.nerrors ? res.nerrors : 1, res.nerrors > 1 ? "s" : "");
            for (int j = i + 1; j < n; j++)
                fprintf(stderr, "onroll import: %s: not imported (an earlier file failed)\n",
                        jobs[j].path);
            status = rc == OR_EUSAGE ? 2 : 1;
            or_ingest_result_release(&res);
            break;
        }
        printf("%s: %s, %lld rows: %lld new, %lld updated, %lld unchanged", jobs[i].path,
               or_kind_get(jobs[i].kind)->name, (long long)res.rows, (long long)res.inserted,
               (long long)res.updated, (long long)res.unchanged);
        if (res.ended) /* movements.h: an exit ends the enrolment at the school */
            printf("; %lld enrolment%s ended by the exits", (long long)res.ended,
                   res.ended == 1 ? "" : "s");
        printf("%s\n", dry_run ? " (dry run: nothing written)" : "");
        if (res.notes.len)
            fputs(or_sb_str(&res.notes), stdout);
        or_ingest_result_release(&res);
    }
    if (dry_run)
        or_store_rollback(s);
    or_store_close(s);
    free(jobs);
    return status;
}
