/* Collected diagnostics (see diag.h). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "config/diag.h"
#include "util/xalloc.h"

void
diag_add_msg(struct diag_list *d, enum diag_level level, int line, const char *msg)
{
	if (d->n == d->alloc) {
		d->alloc = d->alloc ? d->alloc * 2 : 8;
		d->v = xreallocarray(d->v, d->alloc, sizeof *d->v);
	}
	d->v[d->n].level = level;
	d->v[d->n].line = line;
	d->v[d->n].msg = xstrdup(msg);
	d->n++;
}

void
diag_add(struct diag_list *d, enum diag_level level, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;
	char *reason, *msg;

	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	if (line > 0)
		msg = xasprintf("%s:%d: %s", file, line, reason);
	else
		msg = xasprintf("%s: %s", file, reason);
	diag_add_msg(d, level, line, msg);
	free(msg);
	free(reason);
}

size_t
diag_count(const struct diag_list *d, enum diag_level level)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].level == level;
	return n;
}

void
diag_list_clear(struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = 0;
}
