/*
 * The log file ($XDG_STATE_HOME/newsreader/log): one line per failure worth
 * reading later (a feed that could not be fetched or parsed, comments that
 * could not be loaded or sent), "2026-12-06T23:40:00Z message". When a line
 * would take the file past its cap, the file becomes FILE.1 (replacing the
 * older one) and a new one is started, so the log never grows past twice
 * the cap. Writing never fails loudly: a log that cannot be written is
 * skipped, the work goes on.
 */
#ifndef NR_UTIL_LOGFILE_H
#define NR_UTIL_LOGFILE_H

#include <stddef.h>

/* Opaque; logfile_new() creates it (nothing is opened until the first
 * line), logfile_free() frees it. path is copied. */
struct logfile;
struct logfile *logfile_new(const char *path, size_t max_bytes);
void logfile_free(struct logfile **lp);

/* Append one line (control characters become spaces). Returns 0, or -1
 * when the file could not be written (errno set). */
int logfile_write(struct logfile *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
