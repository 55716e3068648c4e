/*
 * The base direction of a paragraph from everything that may say it, in
 * one order (man page, "Direction"): an explicit dir, the nearest language
 * tag, the item's or feed's language, the per-feed `direction` setting, and
 * only then the text. UAX #9 lets a higher-level protocol choose the
 * paragraph level (HL1); this is ours. On the text itself we count words,
 * not the first letter: "Google تعلن ..." is an Arabic headline, and one
 * brand name must not flip it.
 */
#include "config.h"

#include <fribidi.h>

#include "text/text.h"
#include "util/utf8.h"

void
text_count_strong(const char *text, size_t len, struct text_strong_count *c)
{
	size_t i = 0;
	int run = 0;	/* direction of the word being read: 0 none, 1 LTR, 2 RTL */

	while (i < len) {
		uint32_t cp;
		FriBidiCharType t;

		i += utf8_decode(text + i, len - i, &cp);
		t = fribidi_get_bidi_type(cp);
		if (t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL) {
			int d = t == FRIBIDI_TYPE_LTR ? 1 : 2;
			if (c->first == TEXT_DIR_AUTO)
				c->first = d == 1 ? TEXT_DIR_LTR : TEXT_DIR_RTL;
			if (d != run) {
				if (d == 1)
					c->ltr++;
				else
					c->rtl++;
			}
			run = d;
		} else if (!FRIBIDI_IS_NUMBER(t) && t != FRIBIDI_TYPE_NSM)
			run = 0;	/* a space or punctuation ends the word */
	}
}

enum text_dir
text_strong_majority(const struct text_strong_count *c)
{
	if (c->ltr == 0 && c->rtl == 0)
		return TEXT_DIR_AUTO;
	/* A tie goes right to left: Arabic text quotes Latin brand names all
	 * the time, English text hardly ever quotes Arabic words. */
	return c->rtl >= c->ltr ? TEXT_DIR_RTL : TEXT_DIR_LTR;
}

enum text_dir
text_majority_strong(const char *text, size_t len)
{
	struct text_strong_count c = { 0 };

	text_count_strong(text, len, &c);
	return text_strong_majority(&c);
}

enum text_dir
text_dir_resolve(const struct text_dir_sources *s)
{
	enum text_dir d;

	if (s->dir != TEXT_DIR_AUTO)
		return s->dir;
	if ((d = text_dir_of_lang(s->lang)) != TEXT_DIR_AUTO)
		return d;
	if ((d = text_dir_of_lang(s->doc_lang)) != TEXT_DIR_AUTO)
		return d;
	if (s->setting != TEXT_DIR_AUTO)
		return s->setting;
	return s->text != NULL ? text_majority_strong(s->text, s->len) : TEXT_DIR_AUTO;
}
