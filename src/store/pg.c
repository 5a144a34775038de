/* pg.c - the PostgreSQL driver (driver.h), over libpq: the engine for deployments that outgrow
 * one machine.
 *
 * Statements are prepared server-side (one unique name each) after their '?' placeholders are
 * rewritten to $1..$n, and run in text format. Every statement runs in libpq's single-row mode,
 * so a scan of millions of rows holds one row at a time. The connection can stream only one
 * result at a time: if another statement needs it while a scan is still streaming, the rest of
 * that scan is read into memory first (correct, but unbounded: callers of a scan should not
 * query inside its callback when the scan is large).
 *
 * Batches of rows are loaded with COPY ... FROM STDIN in text format (copy_begin/_data/_end),
 * into the TEMP staging tables store.c merges from.
 *
 * Errors name the database by its URL with any password removed. A lost connection is never
 * re-opened behind the caller's back: every later call fails, so nothing of an interrupted
 * transaction is ever committed. The library never prints: server notices are dropped. */
#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "onroll/alloc.h"
#include "store/driver.h"

struct or_db {
    PGconn *c;
    char *name;       /* the URL without its password, for messages */
    unsigned next_id; /* for unique statement names */
    or_stmt *active;  /* the statement whose results are streaming on the connection */
    char *lost;       /* why the connection was lost, once it has been */
};

enum { ST_IDLE, ST_RUNNING, ST_DONE };

struct or_stmt {
    or_db *db;
    char name[24];
    int nparams;
    const char **vals; /* parameter values (NULL = SQL NULL) */
    char (*ints)[24];  /* text of integer parameters */
    int state;         /* ST_IDLE, ST_RUNNING, ST_DONE */
    PGresult *row;     /* the current row (single-row mode) */
    PGresult **queue;  /* results read off the connection early (see drain_active) */
    size_t qhead, qlen, qcap;
    int64_t changes;
};

/* ---- messages ---- */

/* The URL without a password: "postgres://u:pw@h/db?password=x&a=b" -> "postgres://u@h/db?a=b". */
static char *redact_url(const char *url)
{
    size_t n = strlen(url);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    const char *p = strstr(url, "://");
    const char *auth = p ? p + 3 : url;
    size_t alen = strcspn(auth, "/?#");
    const char *at = NULL;
    for (const char *q = auth; q < auth + alen; q++)
        if (*q == '@')
            at = q;
    size_t o = 0;
    if (at) {
        const char *colon = memchr(auth, ':', (size_t)(at - auth));
        size_t keep = (size_t)((colon ? colon : at) - url);
        memcpy(out, url, keep);
        o = keep;
        p = at; /* resume at '@' */
    } else {
        p = url;
    }
    /* copy up to the query, then the query without password=... */
    const char *query = strchr(p, '?');
    size_t upto = query ? (size_t)(query - p) : strlen(p);
    memcpy(out + o, p, upto);
    o += upto;
    if (query) {
        const char *q = query + 1;
        char sep = '?';
        while (*q) {
            size_t len = strcspn(q, "&");
            if (!(len >= 9 && strncmp(q, "password=", 9) == 0)) {
                out[o++] = sep;
                memcpy(out + o, q, len);
                o += len;
                sep = '&';
            }
            q += len;
            if (*q == '&')
                q++;
        }
    }
    out[o] = '\0';
    return out;
}

/* A libpq or server message on one line, without its "ERROR:  "/"FATAL:  " tags. */
static void tidy(const char *msg, char *out, size_t cap)
{
    size_t o = 0;
    bool space = false, brk = false;
    if (!msg || !*msg)
        msg = "unknown error";
    for (const char *p = msg; *p && o + 1 < cap; p++) {
        if (!strncmp(p, "ERROR:  ", 8) || !strncmp(p, "FATAL:  ", 8)) {
            p += 7;
            continue;
        }
        if (*p == '\n') {
            brk = o > 0;
            continue;
        }
        if (isspace((unsigned char)*p)) {
            space = o > 0;
            continue;
        }
        /* a wrapped line goes on with a space; a new sentence after a full stop */
        if (brk && !islower((unsigned char)*p) && !strchr(".:?!;", out[o - 1]) && o + 3 < cap)
            out[o++] = '.';
        if ((space || brk) && o + 2 < cap)
            out[o++] = ' ';
        space = brk = false;
        out[o++] = *p;
    }
    out[o] = '\0';
}

/* The message of a failed result: the primary message, then the detail when there is one. */
static void result_message(or_db *db, const PGresult *res, char *out, size_t cap)
{
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    if (!primary) {
        const char *m = res ? PQresultErrorMessage(res) : "";
        tidy(*m ? m : PQerrorMessage(db->c), out, cap);
        return;
    }
    tidy(primary, out, cap);
    size_t n = strlen(out);
    if (detail && n + 4 < cap) {
        out[n++] = ' ';
        out[n++] = '(';
        tidy(detail, out + n, cap - n - 1);
        n += strlen(out + n);
        out[n++] = ')';
        out[n] = '\0';
    }
}

static void discard_queue(or_stmt *st);

/* The connection has gone: remember why, so that every later call says so. */
static void mark_lost(or_db *db, const char *why)
{
    if (db->lost)
        return;
    db->lost = strdup(why);
    if (db->active) {
        or_stmt *st = db->active;
        db->active = NULL;
        discard_queue(st);
    }
}

static or_code lost_error(or_db *db, or_error *err)
{
    return or_fail(err, OR_ESTORE,
                   "%s: the connection to the database was lost (%s); changes not yet committed "
                   "were discarded",
                   db->name, db->lost ? db->lost : "unknown reason");
}

/* Report a failure of `what` with the message msg, or that the connection is gone. */
static or_code fail_msg(or_db *db, or_error *err, const char *what, const char *msg)
{
    /* A failed write may leave the status OK until libpq reads the end of the connection. */
    if (PQstatus(db->c) == CONNECTION_BAD || !PQconsumeInput(db->c) ||
        PQstatus(db->c) == CONNECTION_BAD) {
        mark_lost(db, msg);
        return lost_error(db, err);
    }
    return or_fail(err, OR_ESTORE, "%s: %s: %s", db->name, what, msg);
}

/* Report a failure of `what`; res may be NULL (the connection's message is used). */
static or_code fail(or_db *db, or_error *err, const char *what, const PGresult *res)
{
    char msg[800];
    result_message(db, res, msg, sizeof msg);
    return fail_msg(db, err, what, msg);
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* ---- connection ---- */

static or_code pg_open(const char *url, or_db **out, or_error *err)
{
    or_db *db = calloc(1, sizeof *db);
    char *name = redact_url(url);
    if (!db || !name) {
        free(db);
        free(name);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    db->name = name;
    /* Later keywords win: the URL (dbname, expanded) may override our defaults. */
    const char *const keys[] = {"application_name", "connect_timeout", "dbname", NULL};
    const char *const vals[] = {"onroll", "10", url, NULL};
    db->c = PQconnectdbParams(keys, vals, 1);
    if (!db->c) {
        or_code rc = or_fail(err, OR_ENOMEM, "%s: cannot connect: out of memory", name);
        free(db->name);
        free(db);
        return rc;
    }
    PQsetNoticeProcessor(db->c, ignore_notice, NULL);
    or_code rc = OR_OK;
    if (PQstatus(db->c) != CONNECTION_OK) {
        char msg[800];
        tidy(PQerrorMessage(db->c), msg, sizeof msg);
        rc = or_fail(err, OR_ESTORE, "%s: cannot connect: %s", db->name, msg);
    } else if (PQsetClientEncoding(db->c, "UTF8") != 0) {
        rc = fail(db, err, "setting client_encoding to UTF8", NULL);
    } else {
        PGresult *res = PQexec(db->c, "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'");
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            rc = fail(db, err, "configuring the session", res);
        PQclear(res);
    }
    if (rc) {
        PQfinish(db->c);
        free(db->lost);
        free(db->name);
        free(db);
        return rc;
    }
    *out = db;
    return OR_OK;
}

static void pg_close(or_db *db)
{
    if (!db)
        return;
    PQfinish(db->c);
    free(db->lost);
    free(db->name);
    free(db);
}

/* ---- results on the connection ---- */

static void discard_queue(or_stmt *st)
{
    for (size_t i = st->qhead; i < st->qlen; i++)
        PQclear(st->queue[i]);
    st->qhead = st->qlen = 0;
}

static void enqueue(or_stmt *st, PGresult *res)
{
    OR_ALLOC_GROW(st->queue, st->qlen + 1, st->qcap);
    st->queue[st->qlen++] = res;
}

/* Free the connection for another statement: the streaming one's remaining results are read
 * into its queue. */
static void drain_active(or_db *db)
{
    or_stmt *st = db->active;
    if (!st)
        return;
    db->active = NULL;
    PGresult *res;
    while ((res = PQgetResult(db->c)))
        enqueue(st, res);
}

/* The statement's next result: from its queue, else off the connection. */
static PGresult *next_result(or_stmt *st)
{
    if (st->qhead < st->qlen) {
        PGresult *r = st->queue[st->qhead++];
        if (st->qhead == st->qlen)
            st->qhead = st->qlen = 0;
        return r;
    }
    if (st->db->active == st)
        return PQgetResult(st->db->c);
    return NULL;
}

/* The statement has no more rows to give: read off and drop whatever is left of its results. */
static void finish(or_stmt *st)
{
    or_db *db = st->db;
    if (db->active == st) {
        PGresult *res;
        while ((res = PQgetResult(db->c)))
            PQclear(res);
        db->active = NULL;
    }
    discard_queue(st);
    PQclear(st->row);
    st->row = NULL;
}

/* ---- statements ---- */

static or_code pg_exec(or_db *db, const char *sql, or_error *err)
{
    if (db->lost)
        return lost_error(db, err);
    drain_active(db);
    PGresult *res = PQexec(db->c, sql);
    ExecStatusType s = PQresultStatus(res);
    or_code rc = OR_OK;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
        rc = fail(db, err, "running SQL", res);
    PQclear(res);
    return rc;
}

/* '?' placeholders to $1..$n, leaving quoted strings, quoted identifiers and comments alone. */
static char *translate(const char *sql, int *nparams)
{
    size_t n = strlen(sql), q = 0;
    for (const char *p = sql; *p; p++)
        q += *p == '?';
    char *out = malloc(n + q * 10 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int count = 0;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') {
            char quote = *p;
            out[o++] = *p++;
            while (*p) {
                char ch = *p++;
                out[o++] = ch;
                if (ch == quote) {
                    if (*p == quote) /* doubled: an escaped quote */
                        out[o++] = *p++;
                    else
                        break;
                }
            }
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                out[o++] = *p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            size_t len = end ? (size_t)(end + 2 - p) : strlen(p);
            memcpy(out + o, p, len);
            o += len;
            p += len;
        } else if (*p == '?') {
            o += (size_t)sprintf(out + o, "$%d", ++count);
            p++;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    *nparams = count;
    return out;
}

static or_code pg_prepare(or_db *db, const char *sql, or_stmt **out, or_error *err)
{
    if (db->lost)
        return lost_error(db, err);
    or_stmt *st = calloc(1, sizeof *st);
    int n = 0;
    char *text = translate(sql, &n);
    if (st && text && n > 0) {
        st->vals = calloc((size_t)n, sizeof *st->vals);
        st->ints = calloc((size_t)n, sizeof *st->ints);
    }
    if (!st || !text || (n > 0 && (!st->vals || !st->ints))) {
        if (st) {
            free(st->vals);
            free(st->ints);
        }
        free(st);
        free(text);
        return or_fail(err, OR_ENOMEM, "out of memory");
    }
    st->db = db;
    st->nparams = n;
    snprintf(st->name, sizeof st->name, "or_%u", ++db->next_id);
    drain_active(db);
    PGresult *res = PQprepare(db->c, st->name, text, n, NULL);
    free(text);
    or_code rc = OR_OK;
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = fail(db, err, "preparing a statement", res);
    PQclear(res);
    if (rc) {
        free(st->vals);
        free(st->ints);
        free(st);
        return rc;
    }
    *out = st;
    return OR_OK;
}

static void clear_bindings(or_stmt *st)
{
    for (int i = 0; i < st->nparams; i++)
        st->vals[i] = NULL;
}

static void pg_reset(or_stmt *st)
{
    if (st->state == ST_RUNNING)
        finish(st);
    PQclear(st->row);
    st->row = NULL;
    discard_queue(st);
    st->state = ST_IDLE;
    clear_bindings(st);
}

static void pg_finalize(or_stmt *st)
{
    if (!st)
        return;
    pg_reset(st);
    or_db *db = st->db;
    /* Free the server's copy while the connection is usable; otherwise it dies with it. */
    if (!db->lost && PQstatus(db->c) == CONNECTION_OK &&
        PQtransactionStatus(db->c) != PQTRANS_INERROR) {
        char sql[48];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
        drain_active(db);
        PQclear(PQexec(db->c, sql));
    }
    free(st->queue);
    free(st->vals);
    free(st->ints);
    free(st);
}

static void pg_bind_null(or_stmt *st, int i)
{
    if (i >= 1 && i <= st->nparams)
        st->vals[i - 1] = NULL;
}

static void pg_bind_int(or_stmt *st, int i, int64_t v)
{
    if (i < 1 || i > st->nparams)
        return;
    snprintf(st->ints[i - 1], sizeof st->ints[i - 1], "%lld", (long long)v);
    st->vals[i - 1] = st->ints[i - 1];
}

static void pg_bind_text(or_stmt *st, int i, const char *s)
{
    if (i >= 1 && i <= st->nparams)
        st->vals[i - 1] = s;
}

static or_code pg_step(or_stmt *st, bool *row, or_error *err)
{
    or_db *db = st->db;
    *row = false;
    if (st->state == ST_DONE)
        return OR_OK;
    if (db->lost)
        return lost_error(db, err);
    PQclear(st->row);
    st->row = NULL;
    if (st->state == ST_IDLE) {
        drain_active(db);
        st->changes = 0;
        if (!PQsendQueryPrepared(db->c, st->name, st->nparams, st->vals, NULL, NULL, 0))
            return fail(db, err, "running a statement", NULL);
        PQsetSingleRowMode(db->c);
        db->active = st;
        st->state = ST_RUNNING;
    }
    PGresult *res = next_result(st);
    switch (PQresultStatus(res)) {
    case PGRES_SINGLE_TUPLE:
        st->row = res;
        *row = true;
        return OR_OK;
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
        st->changes = strtoll(PQcmdTuples(res), NULL, 10);
        PQclear(res);
        finish(st);
        st->state = ST_DONE;
        return OR_OK;
    default: {
        char msg[800];
        result_message(db, res, msg, sizeof msg);
        PQclear(res);
        finish(st); /* after which the connection's state is known */
        st->state = ST_DONE;
        return fail_msg(db, err, "running a statement", msg);
    }
    }
}

static bool pg_col_null(or_stmt *st, int i)
{
    return !st->row || i >= PQnfields(st->row) || PQgetisnull(st->row, 0, i);
}

static int64_t pg_col_int(or_stmt *st, int i)
{
    if (pg_col_null(st, i))
        return 0;
    const char *v = PQgetvalue(st->row, 0, i);
    if (*v == 't' || *v == 'f') /* a boolean */
        return *v == 't';
    return strtoll(v, NULL, 10);
}

static const char *pg_col_text(or_stmt *st, int i)
{
    return pg_col_null(st, i) ? "" : PQgetvalue(st->row, 0, i);
}

static int64_t pg_changes(or_stmt *st)
{
    return st->changes;
}

/* ---- bulk load ---- */

static or_code pg_copy_begin(or_db *db, const char *sql, or_error *err)
{
    if (db->lost)
        return lost_error(db, err);
    drain_active(db);
    PGresult *res = PQexec(db->c, sql);
    or_code rc = OR_OK;
    if (PQresultStatus(res) != PGRES_COPY_IN)
        rc = fail(db, err, "starting COPY", res);
    PQclear(res);
    return rc;
}

static or_code pg_copy_data(or_db *db, const char *buf, size_t len, or_error *err)
{
    if (db->lost)
        return lost_error(db, err);
    while (len > 0) {
        int n = len > (1u << 20) ? 1 << 20 : (int)len;
        if (PQputCopyData(db->c, buf, n) != 1)
            return fail(db, err, "sending COPY data", NULL);
        buf += n;
        len -= (size_t)n;
    }
    return OR_OK;
}

static or_code pg_copy_end(or_db *db, bool abort, or_error *err)
{
    if (db->lost)
        return lost_error(db, err);
    or_code rc = OR_OK;
    if (PQputCopyEnd(db->c, abort ? "abandoned by onroll" : NULL) != 1)
        rc = fail(db, err, "ending COPY", NULL);
    /* the verdict, then the end of the results (read even after a failure: the connection is
     * ready again only once they are all read, unless it is gone) */
    PGresult *res;
    while (!db->lost && (res = PQgetResult(db->c))) {
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_COPY_IN) { /* still in COPY: the end did not get through */
            PQclear(res);
            if (!rc)
                rc = fail(db, err, "ending COPY", NULL);
            if (!db->lost)
                mark_lost(db, "COPY could not be ended");
            break;
        }
        if (st != PGRES_COMMAND_OK && !rc && !abort)
            rc = fail(db, err, "loading rows (COPY)", res);
        PQclear(res);
    }
    return rc;
}

static const char *pg_type_for(const char *token)
{
    if (!strcmp(token, "ID"))
        return "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    if (!strcmp(token, "DATE"))
        return "DATE";
    if (!strcmp(token, "BLOB"))
        return "BYTEA";
    return "TEXT"; /* TS: ISO 8601 text, byte for byte what SQLite stores */
}

static const char *pg_name(const or_db *db)
{
    return db->name;
}

const or_driver or_pg_driver = {
    .engine = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_null = pg_bind_null,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .step = pg_step,
    .reset = pg_reset,
    .col_null = pg_col_null,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .changes = pg_changes,
    .type_for = pg_type_for,
    .name = pg_name,
    .collate_bytes = " COLLATE \"C\"",
    .copy_begin = pg_copy_begin,
    .copy_data = pg_copy_data,
    .copy_end = pg_copy_end,
};
