/* migrations.h - the numbered schema migrations, compiled in from the .sql files of
 * src/store/migrations by tools/embed_sql.sh. */
#ifndef ONROLL_STORE_MIGRATIONS_H
#define ONROLL_STORE_MIGRATIONS_H

typedef struct {
    int version;
    const char *name;
    const char *sql;
} or_migration;

extern const or_migration or_migrations[];
extern const int or_migrations_count;

#endif
