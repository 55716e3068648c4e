/*
 * String-level heuristics of reader mode: what class and id names say about
 * a block, what a block's first words say (Arabic sites rarely use telling
 * class names, but their widgets carry the same few headings), commas in
 * both scripts, and site names in titles.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/extract-int.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

enum match { EXACT, PREFIX, SUBSTR };

struct word {
	const char *w;
	enum match m;
	int hint;
};

#define POS EXTRACT_HINT_POSITIVE
#define NEG EXTRACT_HINT_NEGATIVE

/* Matched against each lower-cased word of a class or id value. */
static const struct word words[] = {
	{ "article", SUBSTR, POS }, { "content", SUBSTR, POS },
	{ "entry", SUBSTR, POS }, { "post", PREFIX, POS },
	{ "story", SUBSTR, POS }, { "body", SUBSTR, POS },
	{ "text", SUBSTR, POS }, { "main", SUBSTR, POS },

	{ "nav", PREFIX, NEG }, { "menu", SUBSTR, NEG },
	{ "footer", SUBSTR, NEG }, { "header", SUBSTR, NEG },
	{ "sidebar", SUBSTR, NEG }, { "share", SUBSTR, NEG },
	{ "sharing", SUBSTR, NEG }, { "social", SUBSTR, NEG },
	{ "comment", SUBSTR, NEG }, { "related", SUBSTR, NEG },
	{ "widget", SUBSTR, NEG }, { "ad", EXACT, NEG }, { "ads", EXACT, NEG },
	{ "advert", SUBSTR, NEG }, { "promo", SUBSTR, NEG },
	{ "cookie", SUBSTR, NEG }, { "disclaimer", SUBSTR, NEG },
	{ "subscribe", SUBSTR, NEG }, { "newsletter", SUBSTR, NEG },
	{ "breadcrumb", SUBSTR, NEG }, { "banner", SUBSTR, NEG },
	{ "popup", SUBSTR, NEG }, { "modal", SUBSTR, NEG },
	{ "sponsor", SUBSTR, NEG }, { "pagination", SUBSTR, NEG },
	{ "pager", SUBSTR, NEG }, { "login", SUBSTR, NEG },
	{ "signup", SUBSTR, NEG }, { "masthead", SUBSTR, NEG },
	{ "outbrain", SUBSTR, NEG }, { "taboola", SUBSTR, NEG },
	{ "addtoany", SUBSTR, NEG }, { "sharethis", SUBSTR, NEG },
	{ "whatsapp", SUBSTR, NEG }, { "telegram", SUBSTR, NEG },
	{ "twitter", SUBSTR, NEG }, { "facebook", SUBSTR, NEG },
	{ "toolbar", SUBSTR, NEG }, { "tag", EXACT, NEG }, { "tags", EXACT, NEG },
	{ "rss", EXACT, NEG }, { "hidden", EXACT, NEG }, { "skip", EXACT, NEG },
};

/*
 * Matched against the whole value with separators removed: the compound
 * names of news-site widgets, common on Arabic sites (read-also boxes,
 * breaking-news tickers, most-read lists).
 */
static const char *const compounds[] = {
	"readalso", "alsoread", "readmore", "morenews", "latestnews",
	"mostread", "mostviewed", "mostpopular", "trending", "newsticker",
	"ticker", "breaking", "youmaylike", "recommended",
};

static int
word_hints(const char *t, size_t n)
{
	int h = 0;

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t wn = strlen(words[i].w);
		bool hit = false;

		switch (words[i].m) {
		case EXACT:
			hit = n == wn && memcmp(t, words[i].w, n) == 0;
			break;
		case PREFIX:
			hit = n >= wn && memcmp(t, words[i].w, wn) == 0;
			break;
		case SUBSTR:
			hit = n >= wn && memmem(t, n, words[i].w, wn) != NULL;
			break;
		}
		if (hit)
			h |= words[i].hint;
	}
	return h;
}

int
extract_hints(const char *value)
{
	struct buf squash = BUF_INIT;
	char *low;
	size_t i, start;
	int h = 0;

	if (value == NULL || *value == '\0')
		return 0;
	low = xstrdup(value);
	for (i = 0; low[i] != '\0'; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	for (i = 0, start = 0;; i++) {
		bool alnum = isalnum((unsigned char)low[i]);
		if (alnum)
			buf_append_char(&squash, low[i]);
		if (!alnum) {
			if (i > start)
				h |= word_hints(low + start, i - start);
			start = i + 1;
		}
		if (low[i] == '\0')
			break;
	}
	for (i = 0; i < sizeof compounds / sizeof compounds[0]; i++)
		if (strstr(buf_str(&squash), compounds[i]) != NULL)
			h |= NEG;
	buf_free(&squash);
	free(low);
	return h;
}

size_t
extract_count_commas(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ',')
			n++;
		/* U+060C ARABIC COMMA, U+061B ARABIC SEMICOLON */
		else if ((unsigned char)s[0] == 0xD8 &&
		    ((unsigned char)s[1] == 0x8C || (unsigned char)s[1] == 0x9B))
			n++;
	}
	return n;
}

static bool
is_space_at(const char *s, size_t *adv)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v') {
		*adv = 1;
		return true;
	}
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {	/* NBSP */
		*adv = 2;
		return true;
	}
	return false;
}

size_t
extract_count_chars(const char *s)
{
	size_t n = 0, adv;
	bool in_space = false;

	while (*s != '\0') {
		if (is_space_at(s, &adv)) {
			if (!in_space)
				n++;
			in_space = true;
			s += adv;
			continue;
		}
		in_space = false;
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
		s++;
	}
	return n;
}

char *
extract_collapse(const char *s)
{
	struct buf b = BUF_INIT;
	size_t adv;
	bool space = false;

	while (*s != '\0') {
		if (is_space_at(s, &adv)) {
			space = true;
			s += adv;
			continue;
		}
		if (space && b.len > 0)
			buf_append_char(&b, ' ');
		space = false;
		buf_append_char(&b, *s++);
	}
	return buf_detach(&b);
}

/*
 * Fold for comparing first words: ASCII lower case; Arabic without harakat
 * and tatweel, hamza-carrying alefs as bare alef; leading symbols and
 * punctuation skipped.
 */
static char *
fold(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s), i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		char enc[4];

		i += n;
		if (b.len == 0 && !(cp < 0x80 ? isalnum((int)cp) : cp >= 0x0620))
			continue;
		if ((cp >= 0x064B && cp <= 0x0652) || cp == 0x0640)
			continue;
		if (cp == 0x0622 || cp == 0x0623 || cp == 0x0625 || cp == 0x0671)
			cp = 0x0627;
		if (cp < 0x80)
			cp = (uint32_t)tolower((int)cp);
		buf_append(&b, enc, utf8_encode(cp, enc));
	}
	return buf_detach(&b);
}

enum marker_kind { M_PREFIX, M_WHOLE, M_ANY };

/* Written already folded (bare alef, no harakat). */
static const struct {
	const char *m;
	enum marker_kind k;
} markers[] = {
	{ "related", M_PREFIX }, { "read also", M_PREFIX }, { "read more", M_PREFIX },
	{ "see also", M_PREFIX }, { "more from", M_PREFIX }, { "more stories", M_PREFIX },
	{ "you may also like", M_PREFIX }, { "recommended", M_PREFIX },
	{ "share", M_WHOLE }, { "share this", M_PREFIX }, { "share on", M_PREFIX },
	{ "share the", M_PREFIX }, { "follow us", M_PREFIX }, { "comments", M_PREFIX },
	{ "leave a comment", M_PREFIX }, { "leave a reply", M_PREFIX },
	{ "post a comment", M_PREFIX }, { "subscribe", M_PREFIX },
	{ "sign up", M_PREFIX }, { "newsletter", M_PREFIX },
	{ "advertisement", M_WHOLE }, { "sponsored", M_PREFIX }, { "tags", M_PREFIX },
	{ "trending", M_WHOLE }, { "most read", M_PREFIX }, { "popular", M_WHOLE },
	{ "disclaimer", M_ANY }, { "not financial advice", M_ANY },

	{ "اقرا ايضا", M_PREFIX }, { "اقرا المزيد", M_PREFIX },
	{ "ذات صلة", M_PREFIX }, { "مقالات ذات صلة", M_PREFIX },
	{ "اخبار ذات صلة", M_PREFIX }, { "مواضيع ذات صلة", M_PREFIX },
	{ "قد يعجبك", M_PREFIX }, { "الاكثر قراءة", M_PREFIX },
	{ "شارك", M_WHOLE }, { "شاركها", M_WHOLE }, { "مشاركة", M_WHOLE },
	{ "شارك المقال", M_PREFIX }, { "شارك الخبر", M_PREFIX }, { "شارك على", M_PREFIX },
	{ "تابعنا", M_PREFIX }, { "التعليقات", M_PREFIX }, { "تعليقات", M_WHOLE },
	{ "اترك تعليقا", M_PREFIX }, { "اضف تعليق", M_PREFIX }, { "اكتب تعليق", M_PREFIX },
	{ "اشترك", M_PREFIX }, { "النشرة البريدية", M_PREFIX }, { "اعلان", M_WHOLE },
	{ "الوسوم", M_PREFIX }, { "كلمات مفتاحية", M_PREFIX },
	{ "اخلاء المسؤولية", M_ANY }, { "اخلاء مسؤولية", M_ANY }, { "تنويه", M_ANY },
	{ "افصاح", M_ANY },
};

/* After a marker: the end, or a character that is not a letter or digit. */
static bool
word_ends(const char *s, bool whole)
{
	uint32_t cp;

	if (*s == '\0')
		return true;
	utf8_decode(s, strlen(s), &cp);
	if (cp < 0x80 ? isalnum((int)cp) : (cp >= 0x0620 && cp <= 0x064A))
		return false;
	if (!whole)
		return true;
	/* Whole: only punctuation, spaces and digits ("Share (3)") may follow. */
	for (; *s != '\0'; s++)
		if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return false;
	return true;
}

#define SHORT_TEXT 80

enum extract_boiler
extract_boilerplate(const char *text)
{
	char *f = fold(text);
	bool is_short = extract_count_chars(text) <= SHORT_TEXT;
	enum extract_boiler r = EXTRACT_BOILER_NONE;

	for (size_t i = 0; r == EXTRACT_BOILER_NONE && i < sizeof markers / sizeof markers[0]; i++) {
		size_t n = strlen(markers[i].m);

		if (markers[i].k != M_ANY && !is_short)
			continue;
		if (strncmp(f, markers[i].m, n) == 0 &&
		    word_ends(f + n, markers[i].k == M_WHOLE))
			r = markers[i].k == M_ANY ? EXTRACT_BOILER_DISCLAIMER : EXTRACT_BOILER_LABEL;
	}
	free(f);
	return r;
}

static bool
same_name(const char *a, size_t an, const char *b)
{
	char *x = xstrndup(a, an), *cx = extract_collapse(x), *cy = extract_collapse(b);
	bool same = *cx != '\0' && strcasecmp(cx, cy) == 0;

	free(x);
	free(cx);
	free(cy);
	return same;
}

char *
extract_strip_site(const char *title, const char *site)
{
	static const char *const seps[] = {
		" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ",
		" \xC2\xAB ", " \xC2\xB7 ", " / ",
	};
	size_t len = strlen(title);

	if (site == NULL || *site == '\0')
		return xstrdup(title);
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		size_t sn = strlen(seps[i]);
		const char *first = strstr(title, seps[i]), *last = NULL, *p;

		for (p = first; p != NULL; p = strstr(p + 1, seps[i]))
			last = p;
		if (last != NULL && same_name(last + sn, len - (size_t)(last - title) - sn, site))
			return xstrndup(title, (size_t)(last - title));
		if (first != NULL && same_name(title, (size_t)(first - title), site))
			return xstrdup(first + sn);
	}
	return xstrdup(title);
}
