/* test_alloc.c - unit tests of the out-of-memory policy (include/onroll/alloc.h): the growth
 * steps of OR_ALLOC_GROW and OR_ARENA_GROW (worked by hand: double, at least 16, at least what
 * is asked), that growing keeps what was there, and that what cannot be allocated (a size that
 * overflows, a capacity the counter's type cannot hold) ends the program with the message,
 * never a short buffer. The dying cases run in a child process. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "onroll/alloc.h"
#include "onroll/arena.h"
#include "onroll/sb.h"

static void test_alloc_nr(void **state)
{
    (void)state;
    assert_int_equal(or_alloc_nr(0, 1), 16);     /* at least 16 */
    assert_int_equal(or_alloc_nr(5, 6), 16);     /* 2 x 5 = 10 < 16 */
    assert_int_equal(or_alloc_nr(16, 17), 32);   /* doubled */
    assert_int_equal(or_alloc_nr(16, 100), 100); /* doubling is not enough: what is asked */
    assert_int_equal(or_alloc_nr(1000, 1001), 2000);
}

static void test_alloc_grow(void **state)
{
    (void)state;
    int *v = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < 1000; i++) {
        OR_ALLOC_GROW(v, n + 1, cap);
        assert_true(cap >= n + 1);
        v[n++] = i * 7;
    }
    /* 16, 32, 64, ..., 1024 */
    assert_int_equal(cap, 1024);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], i * 7);
    /* room already there: nothing moves */
    int *before = v;
    OR_ALLOC_GROW(v, 10, cap);
    assert_ptr_equal(v, before);
    assert_int_equal(cap, 1024);
    free(v);
}

static void test_arena_grow(void **state)
{
    (void)state;
    or_arena a = OR_ARENA_INIT;
    const char **v = NULL;
    size_t n = 0, cap = 0;
    char word[16];
    for (int i = 0; i < 300; i++) {
        OR_ARENA_GROW(&a, v, n + 1, cap);
        snprintf(word, sizeof word, "w%d", i);
        v[n++] = or_arena_strdup(&a, word);
        /* every allocation of the arena is 16-aligned (arena.h) */
        assert_int_equal((uintptr_t)v & 15, 0);
    }
    assert_int_equal(cap, 512); /* 16, 32, ..., 512 */
    assert_string_equal(v[0], "w0");
    assert_string_equal(v[15], "w15");
    assert_string_equal(v[16], "w16");
    assert_string_equal(v[299], "w299");
    /* a request larger than a block gets its own block, aligned too */
    void *big = or_arena_alloc(&a, 200000);
    assert_int_equal((uintptr_t)big & 15, 0);
    or_arena_free(&a);
}

static void test_xstr(void **state)
{
    (void)state;
    char *s = or_xstrdup("Amira");
    assert_string_equal(s, "Amira");
    free(s);
    s = or_xstrndup("Amira Khan", 5);
    assert_string_equal(s, "Amira");
    free(s);
    s = or_xstrndup("Ali", 10); /* n beyond the end: the whole string */
    assert_string_equal(s, "Ali");
    free(s);
    /* an or_sb that never had anything added detaches as "" */
    or_sb sb = OR_SB_INIT;
    or_sb_grow(&sb, 0);
    assert_string_equal(or_sb_str(&sb), "");
    s = or_sb_detach(&sb);
    assert_string_equal(s, "");
    free(s);
}

/* Run f in a child; its stderr to a file. True when it died of SIGABRT saying "out of memory". */
static bool dies_of_oom(void (*f)(void))
{
    char path[] = "/tmp/onroll-test-alloc-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fd, 2);
        f();
        _exit(0); /* survived: the test fails */
    }
    int status = 0;
    waitpid(pid, &status, 0);
    char msg[256] = "";
    FILE *e = fdopen(fd, "r");
    rewind(e);
    size_t got = fread(msg, 1, sizeof msg - 1, e);
    msg[got] = '\0';
    fclose(e);
    unlink(path);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
           strstr(msg, "onroll: out of memory") != NULL;
}

static void overflow_array(void)
{
    /* SIZE_MAX / 2 elements of 4 bytes: the product overflows, so nothing is allocated */
    void *p = or_xreallocarray(NULL, SIZE_MAX / 2, 4);
    free(p);
}

static void overflow_count(void)
{
    /* a counter of type signed char at 64: doubling to 128 does not fit it */
    signed char n = 64, cap = 64;
    char *v = malloc(64);
    OR_ALLOC_GROW(v, n + 1, cap);
    free(v);
}

static void overflow_arena(void)
{
    or_arena a = OR_ARENA_INIT;
    or_arena_calloc(&a, SIZE_MAX / 8, 16);
}

static void overflow_sb(void)
{
    or_sb sb = OR_SB_INIT;
    or_sb_adds(&sb, "x");
    or_sb_grow(&sb, SIZE_MAX - 1);
}

static void test_dies(void **state)
{
    (void)state;
    assert_true(dies_of_oom(overflow_array));
    assert_true(dies_of_oom(overflow_count));
    assert_true(dies_of_oom(overflow_arena));
    assert_true(dies_of_oom(overflow_sb));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_nr),   cmocka_unit_test(test_alloc_grow),
        cmocka_unit_test(test_arena_grow), cmocka_unit_test(test_xstr),
        cmocka_unit_test(test_dies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
