/* fuzz_ctf.c - libFuzzer target: the Common Transfer File reader (libxml2's xmlTextReader, the
 * element paths, the mapping onto the ledger, the importer, the store) on arbitrary bytes, into
 * an in-memory SQLite database holding the test LA's schools so that rows can get past the
 * reference checks. Every file either commits valid rows or rolls back with an error; neither
 * may crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "onroll/ctf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static or_store *store;

static void setup(void)
{
    or_error err;
    if (or_store_open(":memory:", &store, &err) || or_store_migrate(store, NULL, &err))
        abort();
    static const char schools[] = "urn,laestab,name,phase,la_code\n"
                                  "100001,9992001,Riverside,primary,999\n"
                                  "100002,9994001,Hillside,secondary,999\n";
    or_ingest_result res = {0};
    if (or_import_csv_buffer(store, "schools.csv", schools, sizeof schools - 1, NULL, &res, &err))
        abort();
    or_ingest_result_release(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!store)
        setup();
    or_ctf_result res = {0};
    or_error err;
    or_import_ctf_buffer(store, "fuzz.xml", (const char *)data, size, NULL, &res, &err);
    or_ctf_result_release(&res);
    return 0;
}
