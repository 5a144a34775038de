/* marks.c - the fixed byte encoding of attendance register codes, attendance as one rounded
 * percentage, and who counts in absence statistics by age (see marks.h). */
#include <string.h>

#include "onroll/marks.h"

static const struct {
    const char *code;
    char byte;
} two[] = {
    {"C1", '1'}, {"C2", '2'}, {"J1", '3'}, {"Y1", '4'}, {"Y2", '5'},
    {"Y3", '6'}, {"Y4", '7'}, {"Y5", '8'}, {"Y6", '9'}, {"Y7", '0'},
};

char or_mark_byte(const char *code)
{
    size_t n = strlen(code);
    if (n == 1 && code[0] != OR_MARK_NONE && !(code[0] >= '0' && code[0] <= '9') &&
        (unsigned char)code[0] > ' ' && (unsigned char)code[0] < 0x7f)
        return code[0];
    if (n == 2)
        for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
            if (strcmp(two[i].code, code) == 0)
                return two[i].byte;
    return 0;
}

bool or_mark_code(char byte, char code[3])
{
    code[0] = code[1] = code[2] = '\0';
    if (byte == OR_MARK_NONE)
        return true;
    for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
        if (two[i].byte == byte) {
            memcpy(code, two[i].code, 3);
            return true;
        }
    if ((unsigned char)byte <= ' ' || (unsigned char)byte >= 0x7f)
        return false;
    code[0] = byte;
    return true;
}

int or_mark_pos(or_date d, int pm)
{
    if (pm != 0 && pm != 1)
        return -1;
    int ay = or_date_academic_year(d);
    return (d - or_date_academic_year_start(ay)) * 2 + pm;
}

or_date or_mark_date(int ay, int pos)
{
    return or_date_academic_year_start(ay) + pos / 2;
}

void or_marks_clear(char *marks)
{
    memset(marks, OR_MARK_NONE, OR_MARKS_LEN);
}

bool or_absence_age_counts(or_date dob, int ay)
{
    if (dob == OR_DATE_NONE)
        return true;
    int y, m, d;
    or_date_to_ymd(dob, &y, &m, &d);
    /* age on 31 August of ay: ay - y, less one if the birthday falls after 31 August */
    int age = ay - y - (m > 8 ? 1 : 0);
    return age >= 5 && age <= 15;
}
