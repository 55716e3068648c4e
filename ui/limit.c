/*
 * The limit prompt's shared parts (limit.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "app.h"
#include "limit.h"
#include "prompt.h"
#include "status.h"

bool
limit_build(struct app *app, const char *base, const char *limit, struct filter **out)
{
	struct filter *f = NULL;
	char *text, *err;

	if (base == NULL && limit == NULL) {
		*out = NULL;
		return true;
	}
	/* The limit's own errors first, so its columns are the user's. */
	if (limit != NULL) {
		if (filter_parse(limit, &f, &err) == -1) {
			status_msg(app->status, LOG_ERROR, _("filter: %s"), err);
			free(err);
			return false;
		}
		filter_free(&f);
	}
	if (base != NULL && limit != NULL)
		text = xasprintf("(%s) and (%s)", base, limit);
	else
		text = xstrdup(base != NULL ? base : limit);
	if (filter_parse(text, &f, &err) == -1) {
		status_msg(app->status, LOG_ERROR, _("filter: %s"), err);
		free(err);
		free(text);
		return false;
	}
	free(text);
	*out = f;
	return true;
}

void
limit_title(char *suffix, size_t room, const char *limit)
{
	size_t used = strlen(suffix), n;
	char *label;

	if (limit == NULL)
		return;
	label = xasprintf(_(" [filter: %s]"), limit);
	n = strlen(label);
	if (used + n + 1 > room) {
		/* Cut the expression, keeping the closing bracket. */
		size_t keep = room > used + 5 ? room - used - 5 : 0;
		while (keep > 0 && ((unsigned char)label[keep] & 0xc0) == 0x80)
			keep--;
		snprintf(suffix + used, room - used, "%.*s...]", (int)keep, label);
		free(label);
		return;
	}
	memcpy(suffix + used, label, n + 1);
	free(label);
}

void
limit_prompt(struct app *app, void (*done)(struct app *app, const char *text))
{
	prompt_start(&app->prompt, _("Filter: "), done);
}
