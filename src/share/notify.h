/*
 * Notifications after a reload that brought new articles (notify-program,
 * notify-osc). The TUI and `reload` add each feed's new articles to a
 * batch as the feeds finish; when the reload ends the batch is said, once:
 * by running notify-program (argv, never a shell; detached, so nothing
 * waits for it and nothing is left to reap) and, in the TUI, by an OSC 9
 * or OSC 777 sequence written to the terminal.
 *
 * Feed titles are untrusted. In notify-program's argv they arrive exactly
 * as they are, inside one argument (the words are split before %f is
 * substituted). In the terminal sequence every control character (C0, DEL,
 * C1) and bidi control is replaced by a space and invalid UTF-8 by U+FFFD,
 * so a title cannot end the sequence early or start one of its own.
 */
#ifndef NR_SHARE_NOTIFY_H
#define NR_SHARE_NOTIFY_H

#include <stddef.h>

/* Owned by its creator: zero it (NOTIFY_BATCH_INIT), notify_batch_clear()
 * frees what it holds. */
struct notify_batch {
	unsigned long long added;	/* new articles over all feeds */
	char **titles;			/* feeds with new articles, each once */
	size_t ntitles;
};
#define NOTIFY_BATCH_INIT { 0, NULL, 0 }

/* A feed's new articles (title: the feed's name; copied). */
void notify_batch_add(struct notify_batch *b, const char *title, unsigned added);
void notify_batch_clear(struct notify_batch *b);
/* The titles joined with ", " (caller frees). */
char *notify_batch_feeds(const struct notify_batch *b);
/* "newsreader: 3 new articles in Feed A, Feed B" (caller frees; raw titles). */
char *notify_batch_message(const struct notify_batch *b);

/*
 * The argv of notify-program (caller frees with share_argv_free): in every
 * word %n becomes the number of new articles, %f the feeds' titles and %%
 * a %; when no word has %n or %f, the message is appended as the last
 * argument (as newsboat's notify-program gets it).
 */
char **notify_argv(char *const *cmd, const struct notify_batch *b);

/* Run notify-program detached. 0, or -1 with *err (caller frees). */
int notify_run(char *const *cmd, const struct notify_batch *b, char **err);

/* text with controls and bidi controls replaced by spaces, invalid UTF-8 by
 * U+FFFD, and, when no_semicolon, ';' by ',' (caller frees). */
char *notify_sanitize(const char *text, int no_semicolon);

/* The terminal sequence: kind 9 ("ESC ] 9 ; text BEL") or 777
 * ("ESC ] 777 ; notify ; newsreader ; text BEL"); sanitised. Caller frees. */
char *notify_osc(int kind, const struct notify_batch *b);

#endif
