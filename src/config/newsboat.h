/*
 * A newsboat config translated into newsreader's (`import-newsboat`).
 *
 * Every line of newsboat's file gets a verdict: translated (with the
 * newsreader lines it became, and sometimes a note on what changed on the
 * way), merged into another line's translation (reload-time goes with
 * auto-reload, notify-format with notify-program), or left out with the
 * reason. Pure text in, text out: no files, no printing, no environment
 * (the caller passes $HOME for "~/" in command paths).
 *
 * The same table answers the config loader's question "is this unknown
 * name newsboat's, and what is ours?" (newsboat_hint), so a newsboat line
 * pasted into newsreader's config gets an error that names the equivalent.
 */
#ifndef NR_CONFIG_NEWSBOAT_H
#define NR_CONFIG_NEWSBOAT_H

#include <stddef.h>

enum newsboat_verdict {
	NEWSBOAT_TRANSLATED,	/* out holds the newsreader lines */
	NEWSBOAT_MERGED,	/* carried by the line named in note */
	NEWSBOAT_LEFT_OUT,	/* note says why */
};

/* One non-blank, non-comment line of the newsboat config. */
struct newsboat_line {
	int line;		/* 1-based line number in newsboat's file */
	char *text;		/* the line as written, blanks trimmed (owned) */
	enum newsboat_verdict verdict;
	char *out;		/* TRANSLATED: newsreader lines, '\n'-separated, no
				   final newline (owned); NULL otherwise */
	char *note;		/* LEFT_OUT: the reason; TRANSLATED: what changed on
				   the way, or NULL; MERGED: where it went (owned) */
};

/* The whole translation; newsboat_result_free() frees it and its lines. */
struct newsboat_result {
	char *config;		/* the new config file's text (owned) */
	struct newsboat_line *v;
	size_t n;
	size_t translated, merged, left_out;	/* counts of the verdicts */
};

/*
 * Translate len bytes of a newsboat config named source (for the header
 * comment of the new file). home ("$HOME", may be NULL) replaces a leading
 * "~/" in the program of command settings, since newsreader runs commands
 * without a shell. Always succeeds; returns a new result.
 */
struct newsboat_result *newsboat_translate(const char *source, const char *data, size_t len,
    const char *home);
void newsboat_result_free(struct newsboat_result **r);

/*
 * For a setting name newsreader does not know: when it is newsboat's and
 * newsreader has an equivalent, a static hint such as "did you mean bind?"
 * (the loader's error is "NAME: HINT"); NULL otherwise.
 */
const char *newsboat_hint(const char *name);

#endif
