/* scrutiny_pdf.c - the scrutiny report as a PDF: the HTML is written to a private temporary
 * directory and printed by headless Chromium (--print-to-pdf), run directly (fork/exec, no
 * shell) with a throw-away profile, no network services and a time limit; the PDF is checked
 * and copied to the destination, and the directory removed. The printed copy has what paper
 * needs and a screen does not: its contents list (linked to the sections, shown in print),
 * "Page N of M" at the foot of every page (CSS page-margin boxes) and a document outline. The
 * CLI (`onroll report scrutiny --format pdf`) and the web (/reports/scrutiny?format=pdf) both
 * come here through or_scrutiny_write. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "report/scrutiny_internal.h"

extern char **environ;

#define PDF_TIMEOUT_S 180

static const char *const chromium_paths[] = {
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/lib/chromium/chromium",
    NULL,
};

/* The Chromium binary: $ONROLL_CHROMIUM when set, else Debian's. NULL when none runs. */
static const char *find_chromium(void)
{
    const char *env = getenv("ONROLL_CHROMIUM");
    if (env && *env)
        return access(env, X_OK) == 0 ? env : NULL;
    for (int i = 0; chromium_paths[i]; i++)
        if (access(chromium_paths[i], X_OK) == 0)
            return chromium_paths[i];
    return NULL;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void rm_tree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static or_code write_file(const char *path, const char *data, size_t len, or_error *err)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return or_fail(err, OR_EIO, "%s: cannot write: %s", path, strerror(errno));
    size_t n = fwrite(data, 1, len, f);
    int bad = ferror(f);
    if (fclose(f) != 0 || n != len || bad)
        return or_fail(err, OR_EIO, "%s: cannot write: %s", path, strerror(errno));
    return OR_OK;
}

/* The whole of a small file (the PDF, Chromium's log), NUL-terminated; NULL on failure. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    or_sb sb = OR_SB_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        or_sb_add(&sb, buf, n);
    fclose(f);
    or_sb_addc(&sb, '\0');
    *len = sb.len - 1;
    return or_sb_detach(&sb);
}

/* The last line of Chromium's log that says something, for the error message. */
static void last_log_line(const char *log, char *out, size_t size)
{
    size_t len;
    char *text = read_all(log, &len);
    out[0] = '\0';
    if (!text)
        return;
    char *line = NULL;
    for (char *p = strtok(text, "\n"); p; p = strtok(NULL, "\n"))
        if (strstr(p, "ERROR") || strstr(p, "rror") || !line)
            line = p;
    if (line)
        snprintf(out, size, "%.300s", line);
    free(text);
}

/* An environment for Chromium: ours, with HOME and the XDG directories in the temporary
 * directory (it writes there, not in the user's home). Built before fork. */
static char **child_env(const char *dir)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = calloc(n + 4, sizeof *env);
    if (!env)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "HOME=", 5) && strncmp(environ[i], "XDG_CONFIG_HOME=", 16) &&
            strncmp(environ[i], "XDG_CACHE_HOME=", 15))
            env[k++] = environ[i];
    char *home = malloc(strlen(dir) + 32), *cfg = malloc(strlen(dir) + 48),
         *cache = malloc(strlen(dir) + 48);
    if (!home || !cfg || !cache) {
        free(home);
        free(cfg);
        free(cache);
        free(env);
        return NULL;
    }
    sprintf(home, "HOME=%s", dir);
    sprintf(cfg, "XDG_CONFIG_HOME=%s/config", dir);
    sprintf(cache, "XDG_CACHE_HOME=%s/cache", dir);
    env[k++] = home;
    env[k++] = cfg;
    env[k++] = cache;
    env[k] = NULL;
    return env;
}

static void free_env(char **env)
{
    if (!env)
        return;
    size_t n = 0;
    while (env[n])
        n++;
    for (size_t i = n >= 3 ? n - 3 : 0; i < n; i++)
        free(env[i]);
    free(env);
}

/* Run argv with env, output to log, at most PDF_TIMEOUT_S seconds. *status = the exit status
 * (-1: killed at the time limit or by a signal). */
static or_code run(const char *const *argv, char **env, const char *log, int *status, or_error *err)
{
    int logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (logfd < 0)
        return or_fail(err, OR_EIO, "%s: cannot write: %s", log, strerror(errno));
    pid_t pid = fork();
    if (pid < 0) {
        close(logfd);
        return or_fail(err, OR_EIO, "cannot start Chromium: %s", strerror(errno));
    }
    if (pid == 0) {
        /* the child: its own process group (so the time limit ends its helpers too), no
         * input, output to the log */
        setpgid(0, 0);
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        dup2(logfd, 1);
        dup2(logfd, 2);
        execve(argv[0], (char *const *)argv, env);
        _exit(127);
    }
    close(logfd);
    setpgid(pid, pid); /* also here: no race with the child's own call */
    struct timespec tick = {0, 50 * 1000 * 1000};
    int ws = 0;
    for (long waited_ms = 0;; waited_ms += 50) {
        pid_t r = waitpid(pid, &ws, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return or_fail(err, OR_EIO, "waiting for Chromium: %s", strerror(errno));
        if (waited_ms >= PDF_TIMEOUT_S * 1000L) {
            kill(-pid, SIGKILL);
            waitpid(pid, &ws, 0);
            *status = -1;
            return or_fail(err, OR_EIO, "Chromium did not finish the PDF within %d seconds",
                           PDF_TIMEOUT_S);
        }
        nanosleep(&tick, NULL);
    }
    kill(-pid, SIGKILL); /* any helper it left behind, in its own group */
    *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    return OR_OK;
}

/* The print style added to the document before it is printed (after the document's own
 * style, so it wins): the contents list shown, page numbers in the bottom margin. */
static const char print_style[] =
    "<style>@media print{.contents{display:block;break-after:page}"
    ".contents a{color:#0b0c0c}svg.chart{max-height:110mm;width:auto;max-width:100%}}"
    "@page{@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);"
    "font-family:arial,sans-serif;font-size:9pt;color:#505a5f}}</style>\n";

/* Write html to path with print_style just before its </head> (at the start when it has
 * none). */
static or_code write_printable(const char *path, const char *html, size_t len, or_error *err)
{
    static const char head_end[] = "</head>";
    size_t at = 0;
    const char *p = memmem(html, len, head_end, sizeof head_end - 1);
    if (p)
        at = (size_t)(p - html);
    or_sb doc = OR_SB_INIT;
    or_sb_add(&doc, html, at);
    or_sb_add(&doc, print_style, sizeof print_style - 1);
    or_sb_add(&doc, html + at, len - at);
    or_code rc = doc.len == len + sizeof print_style - 1 ? write_file(path, doc.buf, doc.len, err)
                                                         : or_fail(err, OR_ENOMEM, "out of memory");
    or_sb_release(&doc);
    return rc;
}

static or_code render(const char *html, size_t len, const char *path, bool report, or_error *err)
{
    if (!path || !*path)
        return or_fail(err, OR_EUSAGE, "a PDF needs a file to go to (--out FILE)");
    const char *chromium = find_chromium();
    if (!chromium)
        return or_fail(err, OR_ENOTFOUND,
                       "Chromium is not installed (looked for %s): install Debian's package "
                       "(apt-get install chromium), set ONROLL_CHROMIUM to its path, or write "
                       "HTML with --format html and print that",
                       getenv("ONROLL_CHROMIUM") && *getenv("ONROLL_CHROMIUM")
                           ? getenv("ONROLL_CHROMIUM")
                           : "/usr/bin/chromium");
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/onroll-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return or_fail(err, OR_EIO, "cannot make a temporary directory in %s: %s",
                       tmp && *tmp ? tmp : "/tmp", strerror(errno));
    char htmlp[600], pdfp[600], logp[600], profile[600], url[640], out_flag[640], profile_flag[640];
    snprintf(htmlp, sizeof htmlp, "%s/report.html", dir);
    snprintf(pdfp, sizeof pdfp, "%s/report.pdf", dir);
    snprintf(logp, sizeof logp, "%s/chromium.log", dir);
    snprintf(profile, sizeof profile, "%s/profile", dir);
    snprintf(url, sizeof url, "file://%s", htmlp);
    snprintf(out_flag, sizeof out_flag, "--print-to-pdf=%s", pdfp);
    snprintf(profile_flag, sizeof profile_flag, "--user-data-dir=%s", profile);
    const char *argv[] = {chromium,
                          "--headless",
                          "--no-sandbox",
                          "--disable-gpu",
                          "--disable-quic",
                          "--no-first-run",
                          "--disable-background-networking",
                          "--disable-component-update",
                          "--disable-sync",
                          "--disable-dev-shm-usage",
                          "--no-pdf-header-footer",
                          "--generate-pdf-document-outline",
                          profile_flag,
                          out_flag,
                          url,
                          NULL};
    char **env = NULL;
    int status = 0;
    or_code rc =
        report ? write_printable(htmlp, html, len, err) : write_file(htmlp, html, len, err);
    if (!rc && !(env = child_env(dir)))
        rc = or_fail(err, OR_ENOMEM, "out of memory");
    if (!rc)
        rc = run(argv, env, logp, &status, err);
    free_env(env);
    size_t plen = 0;
    char *pdf = NULL;
    if (!rc) {
        pdf = read_all(pdfp, &plen);
        if (status != 0 || !pdf || plen < 5 || memcmp(pdf, "%PDF", 4) != 0) {
            char why[320];
            last_log_line(logp, why, sizeof why);
            rc = or_fail(err, OR_EIO, "Chromium (%s) did not make the PDF (exit status %d)%s%s",
                         chromium, status, *why ? ": " : "", why);
        }
    }
    if (!rc)
        rc = write_file(path, pdf, plen, err);
    free(pdf);
    rm_tree(dir);
    return rc;
}

or_code scr_pdf_render(const char *html, size_t len, const char *path, or_error *err)
{
    return render(html, len, path, false, err);
}

or_code scr_pdf_render_report(const char *html, size_t len, const char *path, or_error *err)
{
    return render(html, len, path, true, err);
}
