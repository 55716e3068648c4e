/*
 * A growable byte buffer. Invariants: data is always NUL-terminated (when
 * data is non-NULL), len excludes that NUL, and len never exceeds cap_limit
 * when a limit is set (0 = no limit): an append past the limit fails and
 * leaves the buffer unchanged, so network bodies can be capped.
 * The struct is plain; its storage is owned by the buffer; buf_free() frees.
 */
#ifndef NR_UTIL_BUF_H
#define NR_UTIL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap_limit;
};

#define BUF_INIT { NULL, 0, 0, 0 }

void buf_init(struct buf *b, size_t cap_limit);
/* Append; false (and nothing appended) when the limit would be passed. */
bool buf_append(struct buf *b, const void *data, size_t len);
bool buf_append_str(struct buf *b, const char *s);
bool buf_append_char(struct buf *b, char c);
bool buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
/* Hand the string to the caller (who frees it) and reset the buffer; never NULL. */
char *buf_detach(struct buf *b);
/* Contents as a C string; "" for an empty buffer. */
const char *buf_str(const struct buf *b);
void buf_free(struct buf *b);

#endif
