/* cli_help.c - printing a command's help table (cli.h cli_doc): `onroll help COMMAND` and
 * `onroll COMMAND --help`, as git and curl print theirs: the usage, then every option in two
 * aligned columns (the text wrapped to fit 100 columns), then examples. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

enum { WIDTH = 100 };

/* Print text wrapped at spaces so that no line passes WIDTH, each later line indented by
 * indent spaces; the first line starts at column col. */
static void wrap(FILE *f, const char *text, int col, int indent)
{
    const char *p = text;
    while (*p) {
        const char *end = p;
        const char *brk = NULL;
        while (*end && (end - p) + col < WIDTH) {
            if (*end == ' ')
                brk = end;
            end++;
        }
        if (*end && brk)
            end = brk;
        fprintf(f, "%.*s\n", (int)(end - p), p);
        p = *end == ' ' ? end + 1 : end;
        if (*p)
            fprintf(f, "%*s", indent, "");
        col = indent;
    }
}

void cli_help(FILE *f, const cli_doc *d)
{
    /* usage: each line of d->usage is one form of the command */
    const char *u = d->usage;
    const char *lead = "usage: ";
    while (u) {
        const char *nl = strchr(u, '\n');
        int len = nl ? (int)(nl - u) : (int)strlen(u);
        fprintf(f, "%sonroll %s%s%.*s\n", lead, d->name, len ? " " : "", len, u);
        lead = "   or: ";
        u = nl ? nl + 1 : NULL;
    }
    fprintf(f, "\n%s\n", d->summary);
    int w = 0;
    for (const cli_opt_doc *o = d->opts; o && o->option; o++)
        if ((int)strlen(o->option) > w)
            w = (int)strlen(o->option);
    if (w > 30)
        w = 30;
    if (d->opts && d->opts[0].option)
        fprintf(f, "\noptions:\n");
    for (const cli_opt_doc *o = d->opts; o && o->option; o++) {
        int len = (int)strlen(o->option);
        if (len > w) /* too long for the column: the text on the next line */
            fprintf(f, "  %s\n%*s", o->option, w + 4, "");
        else
            fprintf(f, "  %-*s  ", w, o->option);
        wrap(f, o->text, w + 4, w + 4);
    }
    if (d->examples && d->examples[0]) {
        fprintf(f, "\nexamples:\n");
        for (const char *const *e = d->examples; *e; e++)
            fprintf(f, "  %s\n", *e);
    }
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            return false;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    }
    return false;
}
