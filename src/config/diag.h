/*
 * Diagnostics collected while loading the config, the urls file or an OPML
 * document. Loading never stops at the first problem: every message of a
 * file is collected here and the caller shows them all at once. Each message
 * is one complete line that starts with "FILE:LINE: " (or "FILE: " when no
 * line applies) and has no trailing newline.
 */
#ifndef NR_CONFIG_DIAG_H
#define NR_CONFIG_DIAG_H

#include <stddef.h>

enum diag_level {
	DIAG_WARNING,	/* reported, loading carries on (unsupported urls line) */
	DIAG_ERROR,	/* the file is wrong: the caller should not start */
};

struct diag {
	enum diag_level level;
	int line;	/* 1-based; 0 when the message is about the whole file */
	char *msg;	/* the whole line, "FILE:LINE: reason" */
};

/* A plain list owned by the caller; DIAG_LIST_INIT, then diag_list_clear(). */
struct diag_list {
	struct diag *v;
	size_t n;
	size_t alloc;
};

#define DIAG_LIST_INIT { NULL, 0, 0 }

/* Append "FILE:LINE: " + the formatted reason ("FILE: " when line is 0). */
void diag_add(struct diag_list *d, enum diag_level level, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Append an already complete message. */
void diag_add_msg(struct diag_list *d, enum diag_level level, int line, const char *msg);
size_t diag_count(const struct diag_list *d, enum diag_level level);
void diag_list_clear(struct diag_list *d);

#endif
