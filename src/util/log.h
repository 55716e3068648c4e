/*
 * Core code reports, the caller displays. log_msg() hands each message to the
 * current sink: stderr before and without the UI, the status-line queue while
 * the TUI runs. The sink is set once by main/ui, before threads start.
 */
#ifndef NR_UTIL_LOG_H
#define NR_UTIL_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

typedef void (*log_sink_fn)(enum log_level level, const char *msg, void *ud);

void log_set_sink(log_sink_fn fn, void *ud);
void log_set_level(enum log_level min);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
