/*
 * Notifications after a reload (notify.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "share/argv.h"
#include "share/notify.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void
notify_batch_add(struct notify_batch *b, const char *title, unsigned added)
{
	if (added == 0)
		return;
	b->added += added;
	if (title == NULL)
		title = "";
	for (size_t i = 0; i < b->ntitles; i++)
		if (strcmp(b->titles[i], title) == 0)
			return;
	b->titles = xreallocarray(b->titles, b->ntitles + 1, sizeof *b->titles);
	b->titles[b->ntitles++] = xstrdup(title);
}

void
notify_batch_clear(struct notify_batch *b)
{
	for (size_t i = 0; i < b->ntitles; i++)
		free(b->titles[i]);
	free(b->titles);
	*b = (struct notify_batch)NOTIFY_BATCH_INIT;
}

char *
notify_batch_feeds(const struct notify_batch *b)
{
	struct buf out = BUF_INIT;

	for (size_t i = 0; i < b->ntitles; i++) {
		if (i > 0)
			buf_append_str(&out, ", ");
		buf_append_str(&out, b->titles[i]);
	}
	return buf_detach(&out);
}

char *
notify_batch_message(const struct notify_batch *b)
{
	char *feeds = notify_batch_feeds(b);
	char *msg = xasprintf("newsreader: %llu new %s in %s", b->added,
	    b->added == 1 ? "article" : "articles", feeds);

	free(feeds);
	return msg;
}

/* word with %n, %f and %% replaced; *used set when %n or %f was there. */
static char *
subst(const char *word, const char *n, const char *feeds, int *used)
{
	struct buf out = BUF_INIT;

	for (const char *p = word; *p != '\0'; p++) {
		if (p[0] == '%' && (p[1] == 'n' || p[1] == 'f')) {
			buf_append_str(&out, p[1] == 'n' ? n : feeds);
			*used = 1;
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			buf_append(&out, "%", 1);
			p++;
		} else
			buf_append(&out, p, 1);
	}
	return buf_detach(&out);
}

char **
notify_argv(char *const *cmd, const struct notify_batch *b)
{
	size_t n = share_argv_len(cmd);
	char **argv = xcalloc(n + 2, sizeof *argv);
	char num[32], *feeds = notify_batch_feeds(b);
	int used = 0;

	snprintf(num, sizeof num, "%llu", b->added);
	for (size_t i = 0; i < n; i++)
		argv[i] = i == 0 ? xstrdup(cmd[0]) : subst(cmd[i], num, feeds, &used);
	if (!used && n > 0)
		argv[n] = notify_batch_message(b);
	free(feeds);
	return argv;
}

int
notify_run(char *const *cmd, const struct notify_batch *b, char **err)
{
	char **argv = notify_argv(cmd, b);
	struct share_spawn_opts o = { .label = "notify-program" };
	pid_t pid = share_spawn_opts(argv, &o, err);

	share_argv_free(&argv);
	return pid == -1 ? -1 : 0;
}

char *
notify_sanitize(const char *text, int no_semicolon)
{
	struct buf out = BUF_INIT;
	size_t len = strlen(text), i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		char enc[4];
		/* Bidi controls could reorder what the terminal shows around them. */
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
		    utf8_is_bidi_control(cp))
			buf_append(&out, " ", 1);
		else if (cp == ';' && no_semicolon)
			buf_append(&out, ",", 1);
		else if (cp == UTF8_REPLACEMENT)
			buf_append(&out, enc, utf8_encode(UTF8_REPLACEMENT, enc));
		else
			buf_append(&out, text + i, n);
		i += n;
	}
	return buf_detach(&out);
}

char *
notify_osc(int kind, const struct notify_batch *b)
{
	char *msg = notify_batch_message(b);
	/* The message starts "newsreader:", so an OSC 9 can never be read as
	 * one of the numbered OSC 9 subcommands (9;4 progress and others). */
	char *clean = notify_sanitize(msg, 0), *seq;

	if (kind == 777)
		seq = xasprintf("\033]777;notify;newsreader;%s\a", clean);
	else
		seq = xasprintf("\033]9;%s\a", clean);
	free(msg);
	free(clean);
	return seq;
}
