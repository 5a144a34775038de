/* fuzz_import.c - libFuzzer target: the whole CSV importer (libcsv, header recognition,
 * validation, the store) on arbitrary file contents, into an in-memory SQLite database that
 * holds one school and one pupil so that rows can get past the reference checks. Every import
 * either commits valid rows or rolls back with an error; neither may crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "onroll/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static or_store *store;
static char path[64];

static void setup(void)
{
    or_error err;
    if (or_store_open(":memory:", &store, &err) || or_store_migrate(store, NULL, &err))
        abort();
    snprintf(path, sizeof path, "/tmp/onroll-fuzz-%d.csv", (int)getpid());
    static const char *seed[] = {
        "urn,laestab,name,phase,la_code\n100002,9994001,Hillside,secondary,999\n",
        "upn,forename,surname,dob,sex,ethnicity,fsm,sen,as_of\n"
        "K999250000002,Jay,Camp,2011-11-02,M,BCRB,1,K,2025-09-01\n",
        "event_id,upn,urn,type,start,sessions,reasons\n"
        "EX1,K999250000002,100002,suspension,2025-10-06,4,DB;VA\n",
    };
    for (size_t i = 0; i < sizeof seed / sizeof seed[0]; i++) {
        FILE *f = fopen(path, "w");
        fputs(seed[i], f);
        fclose(f);
        or_ingest_result res = {0};
        if (or_import_csv(store, path, NULL, &res, &err)) {
            fprintf(stderr, "fuzz_import: the seed does not import: %s\n%s", err.msg,
                    or_sb_str(&res.errors));
            abort();
        }
        or_ingest_result_release(&res);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!store)
        setup();
    FILE *f = fopen(path, "w");
    fwrite(data, 1, size, f);
    fclose(f);
    or_ingest_result res = {0};
    or_error err;
    or_import_csv(store, path, NULL, &res, &err);
    or_ingest_result_release(&res);
    return 0;
}
