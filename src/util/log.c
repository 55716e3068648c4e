/* The log sink (see log.h). Set before threads start, read-only afterwards. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/log.h"
#include "util/xalloc.h"

static void
stderr_sink(enum log_level level, const char *msg, void *ud)
{
	(void)ud;
	fprintf(stderr, "newsreader: %s%s\n",
	    level == LOG_WARN ? "warning: " : "", msg);
}

/* The only mutable globals of the core: configured once at start-up. */
static log_sink_fn sink = stderr_sink;
static void *sink_ud;
static enum log_level min_level = LOG_WARN;

void
log_set_sink(log_sink_fn fn, void *ud)
{
	sink = fn ? fn : stderr_sink;
	sink_ud = ud;
}

void
log_set_level(enum log_level min)
{
	min_level = min;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	if (level < min_level)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	sink(level, msg, sink_ud);
	free(msg);
}
