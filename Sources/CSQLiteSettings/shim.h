/* Process-wide SQLite settings. sqlite3_config is variadic, so Swift cannot call it: these wrappers can. */
#include <sqlite3.h>

/* Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS): with them on, every allocation and
   free inside SQLite takes one process-wide mutex to update the counters. Only valid before SQLite is
   initialized (before the first connection is opened); returns SQLITE_MISUSE otherwise, and changes
   nothing then. */
static inline int relance_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
