/* csvout.h - the one CSV writer. Every CSV file onroll writes (exports, every CLI
 * `--format csv`, the web's downloads) goes through it, so that every one is quoted the same
 * way and guarded the same way.
 *
 * Quoting (RFC 4180): a cell holding a comma, a double quote, CR or LF, or beginning or ending
 * with a space or tab (which CSV readers, libcsv among them, would trim) is put in double
 * quotes, each double quote doubled. Rows end with "\n".
 *
 * The guard (OWASP's CSV injection rule): a spreadsheet runs a cell beginning with `=`, `+`,
 * `-`, `@`, tab or CR as a formula, so a TEXT cell beginning with one of them is written with a
 * single quote before it (`=1+1` -> `'=1+1`); a cell that already begins with quotes followed by
 * one of them gets one more (`'=1` -> `''=1`), so that the importer, which takes exactly one
 * quote off such a cell (or_csv_unguard), gives back what was stored: export -> import is a
 * fixed point for every text. A NUMBER cell that is a number (`-2`, `-0.5`, `1e-05`) is written
 * as it is; what the writer is told is a number but is not one is guarded like text. Whether a
 * cell is text or a number is the caller's word (the column's type), never guessed from the
 * text. Pure: writes into an or_sb, or through one into a FILE. */
#ifndef ONROLL_CSVOUT_H
#define ONROLL_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

#include "onroll/date.h"
#include "onroll/error.h"
#include "onroll/sb.h"

typedef struct {
    or_sb *sb;  /* where cells go: the caller's buffer, or `own` when writing to a FILE */
    or_sb own;  /* pending bytes of a FILE writer */
    FILE *out;  /* NULL: everything stays in sb */
    bool inrow; /* a cell has been written on the current row */
    int errnum; /* errno of the first failed write, 0 if none */
} or_csv;

/* A writer appending to sb (which the caller owns). */
void or_csv_to_sb(or_csv *w, or_sb *sb);
/* A writer to out; or_csv_close flushes it and frees what the writer holds. */
void or_csv_to_file(or_csv *w, FILE *out);

/* One text cell (NULL or "" = empty), guarded and quoted. */
void or_csv_text(or_csv *w, const char *s);
/* One cell of a numeric column, as text: written as it is when it is a number, else as text
 * (`c`, `x` and the like are left alone by the guard anyway). NULL or "" = empty. */
void or_csv_number(or_csv *w, const char *s);
void or_csv_int(or_csv *w, long long v);
/* A date as YYYY-MM-DD; an empty cell for OR_DATE_NONE. */
void or_csv_date(or_csv *w, or_date d);
/* n text cells (a header). */
void or_csv_texts(or_csv *w, const char *const *cells, int n);
/* End the row ("\n"); a FILE writer writes out what it holds once it is large. */
void or_csv_end_row(or_csv *w);
/* Write out what is pending and fflush (FILE writer), free what the writer holds; an error
 * names `what` ("the schools export") and the system's reason. */
or_code or_csv_close(or_csv *w, const char *what, or_error *err);

/* The pure rules, for the tests and the importer. */
bool or_csv_needs_guard(const char *s); /* s begins with zero or more ' then = + - @ \t \r */
bool or_csv_is_number(const char *s);   /* -?digits(.digits)?([eE][+-]?digits)? */
/* The importer's inverse of the guard: s without its first ' when s is ' followed by a cell
 * the guard applies to (`'=1` -> `=1`, `''=1` -> `'=1`); otherwise s itself. */
const char *or_csv_unguard(const char *s);
/* s as one RFC 4180 field, quoted when needed, NOT guarded: the canonical text of a value
 * (the store's row digests and messages), never a cell of a file someone opens. */
void or_csv_quote(or_sb *sb, const char *s);

#endif
