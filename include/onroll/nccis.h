/* nccis.h - the activity codes of the National Client Caseload Information System (NCCIS), as
 * the destinations kind (kinds.c, docs/roni.md) records them: a three-digit code whose hundreds
 * say its group, as the NCCIS management information requirement (DfE) groups them. Pure. */
#ifndef ONROLL_NCCIS_H
#define ONROLL_NCCIS_H

typedef enum {
    OR_NCCIS_EDUCATION,  /* 2xx */
    OR_NCCIS_EMPLOYMENT, /* 3xx */
    OR_NCCIS_TRAINING,   /* 4xx */
    OR_NCCIS_NEET,       /* 5xx (available to the labour market) and 6xx (not available) */
    OR_NCCIS_OTHER,      /* 7xx (custody, moved away and the like) */
    OR_NCCIS_NOT_KNOWN,  /* 8xx */
    OR_NCCIS__N
} or_nccis_group;

/* The group of a code, or -1 when it is not an NCCIS activity code onroll knows. */
int or_nccis_group_of(int code);
/* "Education", "NEET", "Not known". */
const char *or_nccis_group_label(or_nccis_group g);
/* The code's name when onroll has one cited ("School sixth form"), else its group's words
 * ("NEET"); "" for an unknown code. */
const char *or_nccis_name(int code);
/* NEET or not known: what "how well did the RONI predict" counts. */
int or_nccis_neet_or_not_known(int code);

#endif
