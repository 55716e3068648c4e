/*
 * A one-line text prompt in the status line (search). Input arrives as
 * wide characters from get_wch, so Arabic and any other script can be
 * typed; the text is kept as code points and shown through the layout
 * engine (right-to-left input reads right to left). While active it takes
 * every key.
 */
#ifndef NR_UI_PROMPT_H
#define NR_UI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct app;

struct prompt {
	bool active;
	const char *label;		/* static text, e.g. "Search: " */
	uint32_t *cp;			/* the text */
	size_t n, alloc, cur;		/* length and cursor in code points */
	/* Called on Enter with the UTF-8 text (NULL on Esc / Ctrl-C). */
	void (*done)(struct app *app, const char *text);
};

void prompt_start(struct prompt *p, const char *label,
    void (*done)(struct app *app, const char *text));
/* Feed one key (a code point, or KEYMAP_FN | KEY_*); true when it ended. */
bool prompt_key(struct prompt *p, struct app *app, int key);
/* Paint at row y over cols columns; places the terminal cursor. */
void prompt_draw(struct prompt *p, int y, int cols);
void prompt_free(struct prompt *p);

#endif
