/* SPDX-License-Identifier: MIT */
/* SQLite on the arena (SQLITE_CONFIG_MALLOC with the bump_sized_* adapters:
 * xFree, xRealloc and xSize pass no size) against its usual allocator: batches
 * of queries on an in-memory database, the arena reset after each batch,
 * once the library is shut down and holds nothing. */
#define CLIENT_NAME "sqlite"
#include "client.h"

#include <sqlite3.h>

static void *arena_malloc(int n)
{
    return bump_sized_malloc(&client_hooks, (size_t)n);
}
static void arena_free(void *p)
{
    bump_sized_free(&client_hooks, p);
}
static void *arena_realloc(void *p, int n)
{
    return bump_sized_realloc(&client_hooks, p, (size_t)n);
}
static int arena_size(void *p)
{
    return (int)bump_sized_size(&client_hooks, p);
}
static int arena_roundup(int n)
{
    return (int)(((size_t)n + BUMP_HOOK_ALIGN - 1u) & ~(BUMP_HOOK_ALIGN - 1u));
}
static int arena_init(void *unused)
{
    (void)unused;
    return SQLITE_OK;
}
static void arena_shutdown(void *unused)
{
    (void)unused;
}
static const sqlite3_mem_methods arena_methods = {arena_malloc, arena_free,    arena_realloc, arena_size,
                                                  arena_roundup, arena_init, arena_shutdown, NULL};

static FILE *sql_out;

static int print_row(void *unused, int columns, char **values, char **names)
{
    (void)unused;
    (void)names;
    for (int i = 0; i < columns; i++) {
        fprintf(sql_out, "%s%s", i ? "|" : "", values[i] ? values[i] : "NULL");
    }
    fputc('\n', sql_out);
    return 0;
}

static void run_sql(sqlite3 *db, const char *sql)
{
    char *error = NULL;
    if (sqlite3_exec(db, sql, print_row, NULL, &error) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s in %s\n", error, sql);
        exit(1);
    }
}

static void batch(int b)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
        fprintf(stderr, "sqlite: open failed\n");
        exit(1);
    }
    run_sql(db, "CREATE TABLE part(id INTEGER PRIMARY KEY, name TEXT, kind TEXT, price REAL, stock INT);"
                "CREATE TABLE sale(id INTEGER PRIMARY KEY, part INT REFERENCES part(id), qty INT, day INT);"
                "CREATE INDEX sale_part ON sale(part);");
    sqlite3_stmt *ins = NULL;
    sqlite3_prepare_v2(db, "INSERT INTO part(name, kind, price, stock) VALUES (?1, ?2, ?3, ?4)", -1, &ins, NULL);
    run_sql(db, "BEGIN");
    for (int i = 0; i < 3000; i++) {
        char name[64];
        snprintf(name, sizeof name, "part-%d-%d %s", b, (i * 7919) % 10007, (i % 3) ? "bolt" : "bracket");
        sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, (i % 4) ? "metal" : "plastic", -1, SQLITE_STATIC);
        sqlite3_bind_double(ins, 3, (double)((i * 31 + b) % 1000) / 8.0);
        sqlite3_bind_int(ins, 4, (i * 13 + b) % 250);
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    run_sql(db, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 8000) "
                "INSERT INTO sale(part, qty, day) SELECT (x * 37) % 3000 + 1, x % 17 + 1, x % 365 FROM n;"
                "COMMIT");
    fprintf(sql_out, "batch %d\n", b);
    run_sql(db, "SELECT kind, count(*), printf('%.3f', avg(price)), sum(stock) FROM part GROUP BY kind ORDER BY kind");
    run_sql(db, "SELECT p.name, sum(s.qty) AS q FROM sale s JOIN part p ON p.id = s.part "
                "GROUP BY p.id ORDER BY q DESC, p.name LIMIT 5");
    run_sql(db, "SELECT day / 30 AS month, count(*), sum(qty) FROM sale GROUP BY month ORDER BY month LIMIT 4");
    run_sql(db, "SELECT upper(substr(name, 1, 12)), length(group_concat(name, ',')) FROM part "
                "WHERE name LIKE '%bracket' GROUP BY substr(name, 1, 8) ORDER BY 1 LIMIT 3");
    run_sql(db, "UPDATE part SET stock = stock - 1 WHERE id IN (SELECT part FROM sale WHERE day < 30);"
                "DELETE FROM sale WHERE qty > 15;"
                "SELECT count(*), sum(stock) FROM part, (SELECT count(*) AS c FROM sale) WHERE stock > c / 1000");
    sqlite3_close(db);
}

static void client_run(FILE *out, enum client_mode mode)
{
    static sqlite3_mem_methods usual;
    static int have_usual;
    if (!have_usual) {
        sqlite3_config(SQLITE_CONFIG_GETMALLOC, &usual);
        have_usual = 1;
    }
    sql_out = out;
    sqlite3_config(SQLITE_CONFIG_MALLOC, (mode == CLIENT_ARENA) ? &arena_methods : &usual);
    for (int b = 0; b < 8; b++) {
        if (sqlite3_initialize() != SQLITE_OK) {
            fprintf(stderr, "sqlite: initialize failed\n");
            exit(1);
        }
        batch(b);
        if (mode == CLIENT_COUNTED) {
            sqlite3_int64 peak = sqlite3_memory_highwater(1);
            client_peak = ((size_t)peak > client_peak) ? (size_t)peak : client_peak;
        }
        sqlite3_shutdown();
        bump_reset(&client_arena); /* the reset point: the batch is done, SQLite holds nothing */
    }
}
