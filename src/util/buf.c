/* Growable byte buffer with an optional size cap (see buf.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

void
buf_init(struct buf *b, size_t cap_limit)
{
	b->data = NULL;
	b->len = b->alloc = 0;
	b->cap_limit = cap_limit;
}

static bool
buf_reserve(struct buf *b, size_t extra)
{
	if (extra > (size_t)-1 - b->len - 1)
		return false;
	size_t need = b->len + extra + 1;
	if (b->cap_limit && b->len + extra > b->cap_limit)
		return false;
	if (need <= b->alloc)
		return true;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n > ((size_t)-1) / 2 ? need : n * 2;
	b->data = xrealloc(b->data, n);
	b->alloc = n;
	return true;
}

bool
buf_append(struct buf *b, const void *data, size_t len)
{
	if (!buf_reserve(b, len))
		return false;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return true;
}

bool
buf_append_str(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

bool
buf_append_char(struct buf *b, char c)
{
	/* The common case without the reserve arithmetic: text is built a
	 * character at a time (reader mode, sanitizing). */
	if (b->len + 2 <= b->alloc && (b->cap_limit == 0 || b->len < b->cap_limit)) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return true;
	}
	return buf_append(b, &c, 1);
}

bool
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(b, (size_t)n))
		return false;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return true;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *
buf_detach(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->alloc = 0;
	return s;
}

const char *
buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->alloc = 0;
}
