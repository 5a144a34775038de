/* body.c - a request's body, in memory or in an unlinked temporary file (body.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "web/body.h"

/* A new temporary file in $TMPDIR (else /tmp) that has no name: O_TMPFILE where the file
 * system has it, else mkstemp and unlink at once. -1 with errno on failure. */
static int temp_file(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/onroll-upload-XXXXXX", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    return fd;
}

or_code web_body_init(web_body *b, size_t limit, bool to_file, or_error *err)
{
    *b = (web_body){.limit = limit, .fd = -1, .mem = OR_SB_INIT};
    if (!to_file)
        return OR_OK;
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    b->fd = temp_file(dir);
    if (b->fd < 0)
        return or_fail(err, OR_EIO, "cannot make a temporary file in %s for an upload: %s", dir,
                       strerror(errno));
    return OR_OK;
}

void web_body_add(web_body *b, const char *data, size_t n)
{
    if (b->too_large || b->failed)
        return;
    if (n > b->limit - b->len) {
        b->too_large = true;
        return;
    }
    if (b->fd < 0) {
        or_sb_add(&b->mem, data, n);
    } else {
        for (size_t done = 0; done < n;) {
            ssize_t w = write(b->fd, data + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                b->failed = true; /* the disk is full: answered as a server error */
                return;
            }
            done += (size_t)w;
        }
    }
    b->len += n;
}

or_code web_body_bytes(web_body *b, const char **data, size_t *len, or_error *err)
{
    *len = b->len;
    if (b->fd < 0) {
        *data = or_sb_str(&b->mem);
        return OR_OK;
    }
    if (b->failed)
        return or_fail(err, OR_EIO, "the upload could not be written to a temporary file");
    if (!b->len) {
        *data = "";
        return OR_OK;
    }
    if (!b->map) {
        void *m = mmap(NULL, b->len, PROT_READ, MAP_PRIVATE, b->fd, 0);
        if (m == MAP_FAILED)
            return or_fail(err, OR_EIO, "cannot read the upload back: %s", strerror(errno));
        b->map = m;
    }
    *data = b->map;
    return OR_OK;
}

void web_body_release(web_body *b)
{
    if (b->map)
        munmap(b->map, b->len);
    if (b->fd >= 0)
        close(b->fd);
    or_sb_release(&b->mem);
    b->map = NULL;
    b->fd = -1;
}
