/* test_upn.c - unit tests for UPN, URN and LAESTAB validation (src/core/upn.c).
 *
 * Every expected check letter is worked out by hand below from the rule in DOMAIN.md §1:
 * sum p * value(character p) for p = 2..13 (a temporary UPN's final letter counting as its
 * index in the table), take the sum mod 23, and map 0..22 onto
 *
 *     index: 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22
 *     letter A B C D E F G H J K L  M  N  P  Q  R  T  U  V  W  X  Y  Z
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "onroll/upn.h"

typedef struct {
    const char *upn;
    char check; /* the expected check letter (valid cases: the UPN's own first letter) */
    bool temporary;
    int la;
} valid_upn;

/* Valid UPNs, each with its sum worked out by hand (DOMAIN.md §1). Terms are p * value for
 * p = 2..13; zero terms are left out. */
static const valid_upn valid_upns[] = {
    /* DOMAIN.md §1's own example. 8 0 1 2 0 0 0 0 5 0 0 1:
     * 2*8 + 4*1 + 5*2 + 10*5 + 13*1 = 16 + 4 + 10 + 50 + 13 = 93; 93 - 4*23 = 93 - 92 = 1 -> B */
    {"B801200005001", 'B', false, 801},
    /* 2 0 1 0 0 0 0 0 0 0 0 1: 2*2 + 4*1 + 13*1 = 4 + 4 + 13 = 21; 21 < 23 -> 21 -> Y */
    {"Y201000000001", 'Y', false, 201},
    /* all zeros: sum 0 -> 0 -> A */
    {"A000000000000", 'A', false, 0},
    /* 9 3 8 1 2 3 4 5 6 7 8 9: 2*9 + 3*3 + 4*8 + 5*1 + 6*2 + 7*3 + 8*4 + 9*5 + 10*6 + 11*7
     * + 12*8 + 13*9 = 18 + 9 + 32 + 5 + 12 + 21 + 32 + 45 + 60 + 77 + 96 + 117 = 524;
     * 524 - 22*23 = 524 - 506 = 18 -> V */
    {"V938123456789", 'V', false, 938},
    /* 9 0 1 0...: 2*9 + 4*1 = 18 + 4 = 22 -> 22 -> Z (the last letter of the table) */
    {"Z901000000000", 'Z', false, 901},
    /* 4 0 0 0...: 2*4 = 8 -> 8 -> J (the letter after H: I is skipped) */
    {"J400000000000", 'J', false, 400},
    /* as the DOMAIN.md example but final digit 2: 93 - 13*1 + 13*2 = 106;
     * 106 - 4*23 = 106 - 92 = 14 -> Q */
    {"Q801200005002", 'Q', false, 801},
    /* Temporary. 8 0 1 2 0 0 0 0 5 0 0 A(0): 2*8 + 4*1 + 5*2 + 10*5 + 13*0 = 80;
     * 80 - 3*23 = 80 - 69 = 11 -> M */
    {"M80120000500A", 'M', true, 801},
    /* Temporary. ... X(20): 16 + 4 + 10 + 50 + 13*20 = 80 + 260 = 340;
     * 340 - 14*23 = 340 - 322 = 18 -> V */
    {"V80120000500X", 'V', true, 801},
    /* Temporary. 9 3 8 1 2 3 4 5 6 7 8 Z(22): the first eleven terms of V938123456789,
     * 524 - 117 = 407, plus 13*22 = 286: 693; 693 - 30*23 = 693 - 690 = 3 -> D */
    {"D93812345678Z", 'D', true, 938},
    /* Temporary. 0...0 P(13): 13*13 = 169; 169 - 7*23 = 169 - 161 = 8 -> J */
    {"J00000000000P", 'J', true, 0},
    /* Temporary. 1 2 3 4 5 6 7 8 9 0 1 H(7): 2*1 + 3*2 + 4*3 + 5*4 + 6*5 + 7*6 + 8*7 + 9*8
     * + 10*9 + 11*0 + 12*1 + 13*7 = 2 + 6 + 12 + 20 + 30 + 42 + 56 + 72 + 90 + 0 + 12 + 91 = 433;
     * 433 - 18*23 = 433 - 414 = 19 -> W */
    {"W12345678901H", 'W', true, 123},
};

static void test_valid_upns(void **state)
{
    for (size_t i = 0; i < sizeof valid_upns / sizeof valid_upns[0]; i++) {
        const valid_upn *c = &valid_upns[i];
        or_error err = {OR_OK, ""};
        if (or_upn_validate(c->upn, &err) != OR_OK)
            fail_msg("%s should be valid, got: %s", c->upn, err.msg);
        if (or_upn_check_letter(c->upn) != c->check)
            fail_msg("%s: check letter %c, expected %c", c->upn, or_upn_check_letter(c->upn),
                     c->check);
        if (or_upn_is_temporary(c->upn) != c->temporary)
            fail_msg("%s: temporary should be %d", c->upn, c->temporary);
        if (or_upn_la(c->upn) != c->la)
            fail_msg("%s: LA %d, expected %d", c->upn, or_upn_la(c->upn), c->la);
    }
}

typedef struct {
    const char *upn;
    const char *msg; /* a part the message must contain */
} bad_case;

static const bad_case invalid_upns[] = {
    /* DOMAIN.md example with its check letter changed: the sum is still 93 -> B */
    {"C801200005001", "check letter should be 'B' for the digits that follow"},
    /* 8 0 1 2 0 0 0 0 5 0 0 2: sum 106 -> 14 -> Q (see Q801200005002 above), not B */
    {"B801200005002", "check letter should be 'Q' for the digits that follow"},
    /* temporary: ... X(20): sum 340 -> 18 -> V (see V80120000500X above), not B */
    {"B80120000500X", "check letter should be 'V' for the digits and letter that follow"},
    /* temporary: ... A(0): sum 80 -> 11 -> M (see M80120000500A above), not A */
    {"A80120000500A", "check letter should be 'M'"},
    /* wrong length */
    {"B80120000500",
     "'B80120000500' is not a valid UPN: must be 13 characters, a check letter then 12 digits "
     "(or 11 digits and a letter), got 12"},
    {"B8012000050011", "got 14"},
    {"B", "got 1"},
    {"", "empty"},
    /* lower case is not folded: the census holds upper case */
    {"b801200005001", "upper case"},
    {"m80120000500a", "upper case"},
    {"M80120000500a", "upper case"},
    /* no spaces, even at the ends */
    {" B801200005001", "spaces"},
    {"B801200005001 ", "spaces"},
    {"B801 2000 05001", "spaces"},
    {"B80120000500\t1", "spaces"},
    /* I, O and S are never check letters */
    {"I801200005001", "'I' is never a check letter"},
    {"O801200005001", "'O' is never a check letter"},
    {"S801200005001", "'S' is never a check letter"},
    /* first character not a letter */
    {"1801200005001", "character 1 must be a check letter"},
    {"-801200005001", "character 1 must be a check letter"},
    /* a letter where a digit must be (positions 2-12) */
    {"B8012000O5001", "character 9 must be a digit, got 'O'"},
    {"BX01200005001", "character 2 must be a digit, got 'X'"},
    {"B8012000050A1", "character 12 must be a digit, got 'A'"},
    /* a temporary UPN's final letter cannot be I, O or S either */
    {"M80120000500I", "final letter cannot be 'I'"},
    {"M80120000500O", "final letter cannot be 'O'"},
    {"M80120000500S", "final letter cannot be 'S'"},
    /* nor punctuation */
    {"B80120000500-", "character 13 must be a digit or, for a temporary UPN, a letter"},
};

static void test_invalid_upns(void **state)
{
    for (size_t i = 0; i < sizeof invalid_upns / sizeof invalid_upns[0]; i++) {
        const bad_case *c = &invalid_upns[i];
        or_error err = {OR_OK, ""};
        or_code rc = or_upn_validate(c->upn, &err);
        if (rc != OR_EINPUT || err.code != OR_EINPUT)
            fail_msg("'%s' should be rejected with OR_EINPUT, got %d", c->upn, (int)rc);
        if (!strstr(err.msg, c->msg))
            fail_msg("'%s': message \"%s\" does not contain \"%s\"", c->upn, err.msg, c->msg);
    }
}

static void test_upn_null_and_no_err(void **state)
{
    or_error err = {OR_OK, ""};
    assert_int_equal(or_upn_validate(NULL, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "empty"));
    /* err may be NULL: the code alone is returned */
    assert_int_equal(or_upn_validate("C801200005001", NULL), OR_EINPUT);
    assert_int_equal(or_upn_validate("B801200005001", NULL), OR_OK);
}

static void test_upn_malformed_helpers(void **state)
{
    /* or_upn_check_letter only needs characters 2-13 well formed: the first is what it computes */
    assert_int_equal(or_upn_check_letter("?801200005001"), 'B');
    assert_int_equal(or_upn_check_letter("B80120000500"), 0);  /* 12 characters */
    assert_int_equal(or_upn_check_letter("B8012000O5001"), 0); /* letter in a digit place */
    assert_int_equal(or_upn_check_letter("B80120000500I"), 0); /* I is not in the table */
    assert_int_equal(or_upn_check_letter("B80120000500a"), 0); /* lower case */
    assert_int_equal(or_upn_check_letter(NULL), 0);
    assert_false(or_upn_is_temporary("B80120000500"));
    assert_false(or_upn_is_temporary(NULL));
    assert_int_equal(or_upn_la("B80120000500"), -1);
    assert_int_equal(or_upn_la("BX01200005001"), -1);
    assert_int_equal(or_upn_la(NULL), -1);
}

typedef struct {
    const char *s;
    int value; /* -1: must be rejected */
} num_case;

static const num_case urns[] = {
    {"100000", 100000},                 /* lowest 6-digit number not starting with 0 */
    {"999999", 999999},                 /* highest */
    {"123456", 123456}, {"012345", -1}, /* leading zero: below 100000 */
    {"000000", -1},     {"12345", -1},  /* 5 digits */
    {"1234567", -1},                    /* 7 digits (that is a LAESTAB) */
    {"12345a", -1},     {" 123456", -1}, {"123456 ", -1}, {"-12345", -1}, {"", -1},
};

static const num_case laestabs[] = {
    {"8014001", 8014001},                                       /* LA 801, establishment 4001 */
    {"2012345", 2012345}, {"9382000", 9382000}, {"801400", -1}, /* 6 digits */
    {"80140011", -1},                                           /* 8 digits */
    {"801/4001", -1}, /* the printed "LA/ESTAB" form is not the 7-digit code */
    {"801-4001", -1},     {"801400a", -1},      {" 8014001", -1}, {"", -1},
};

static void check_numbers(const num_case *cases, size_t n,
                          or_code (*fn)(const char *, int *, or_error *), const char *what)
{
    for (size_t i = 0; i < n; i++) {
        or_error err = {OR_OK, ""};
        int out = -7;
        or_code rc = fn(cases[i].s, &out, &err);
        if (cases[i].value >= 0) {
            if (rc != OR_OK || out != cases[i].value)
                fail_msg("%s '%s' should be valid (%d), got rc %d out %d: %s", what, cases[i].s,
                         cases[i].value, (int)rc, out, err.msg);
        } else {
            if (rc != OR_EINPUT || err.code != OR_EINPUT || out != -7)
                fail_msg("%s '%s' should be rejected, got rc %d", what, cases[i].s, (int)rc);
            if (!strstr(err.msg, what))
                fail_msg("%s '%s': message \"%s\" does not name the %s", what, cases[i].s, err.msg,
                         what);
        }
    }
}

static void test_urn(void **state)
{
    check_numbers(urns, sizeof urns / sizeof urns[0], or_urn_validate, "URN");
    or_error err = {OR_OK, ""};
    assert_int_equal(or_urn_validate("12345", NULL, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "6 digits"));
    assert_int_equal(or_urn_validate("123456", NULL, NULL), OR_OK); /* out may be NULL */
    assert_int_equal(or_urn_validate(NULL, NULL, NULL), OR_EINPUT);
}

static void test_laestab(void **state)
{
    check_numbers(laestabs, sizeof laestabs / sizeof laestabs[0], or_laestab_validate, "LAESTAB");
    or_error err = {OR_OK, ""};
    assert_int_equal(or_laestab_validate("801400", NULL, &err), OR_EINPUT);
    assert_non_null(strstr(err.msg, "7 digits"));
    assert_int_equal(or_laestab_validate(NULL, NULL, NULL), OR_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_upns),
        cmocka_unit_test(test_invalid_upns),
        cmocka_unit_test(test_upn_null_and_no_err),
        cmocka_unit_test(test_upn_malformed_helpers),
        cmocka_unit_test(test_urn),
        cmocka_unit_test(test_laestab),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
