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

/*
 * Matched against each word of a class or id value: words are split at
 * non-alphanumerics and at camelCase humps, lower-cased. A negative word
 * matches whole (or with a plural s): "widget" marks "widget-area" but not
 * "has-widgets-inside-text"... only through its own word. Positive words
 * match anywhere in a word: they only ever keep text.
 */
static const struct word words[] = {
	{ "article", SUBSTR, POS }, { "content", SUBSTR, POS },
	{ "entry", SUBSTR, POS }, { "post", PREFIX, POS },
	{ "story", SUBSTR, POS }, { "body", SUBSTR, POS },
	{ "text", SUBSTR, POS }, { "main", SUBSTR, POS },

	{ "nav", PREFIX, NEG }, { "menu", EXACT, NEG }, { "submenu", EXACT, NEG },
	{ "megamenu", EXACT, NEG }, { "footer", EXACT, NEG }, { "header", EXACT, NEG },
	{ "sidebar", EXACT, NEG }, { "share", EXACT, NEG }, { "sharebar", EXACT, NEG },
	{ "sharing", EXACT, NEG }, { "social", EXACT, NEG },
	{ "comment", EXACT, NEG }, { "related", EXACT, NEG },
	{ "widget", EXACT, NEG }, { "ad", EXACT, NEG },
	{ "advert", EXACT, NEG }, { "advertisement", EXACT, NEG }, { "promo", EXACT, NEG },
	{ "cookie", EXACT, NEG }, { "disclaimer", EXACT, NEG },
	{ "subscribe", EXACT, NEG }, { "subscription", EXACT, NEG },
	{ "newsletter", EXACT, NEG },
	{ "breadcrumb", EXACT, NEG }, { "banner", EXACT, NEG },
	{ "popup", EXACT, NEG }, { "modal", EXACT, NEG },
	{ "sponsor", EXACT, NEG }, { "sponsored", EXACT, NEG }, { "pagination", EXACT, NEG },
	{ "pager", EXACT, NEG }, { "login", EXACT, NEG },
	{ "signup", EXACT, NEG }, { "masthead", EXACT, NEG },
	{ "outbrain", EXACT, NEG }, { "taboola", EXACT, NEG },
	{ "addtoany", EXACT, NEG }, { "sharethis", EXACT, NEG },
	{ "whatsapp", EXACT, NEG }, { "telegram", EXACT, NEG },
	{ "twitter", EXACT, NEG }, { "facebook", EXACT, NEG },
	{ "toolbar", EXACT, NEG }, { "tag", EXACT, NEG },
	{ "rss", EXACT, NEG }, { "hidden", EXACT, NEG }, { "skip", EXACT, NEG },
	{ "ticker", EXACT, NEG }, { "trending", EXACT, NEG }, { "byline", EXACT, NEG },
};

/*
 * The compound names of news-site widgets, common on Arabic sites
 * (read-also boxes, breaking-news tickers, most-read lists): matched
 * against runs of whole words of one class or id token, separators
 * removed ("read-also", "readAlso", "box-read-also"; not "threadalso").
 */
static const char *const compounds[] = {
	"readalso", "alsoread", "readmore", "morenews", "latestnews",
	"mostread", "mostviewed", "mostpopular", "newsticker",
	"breaking", "youmaylike", "recommended",
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
			hit = (n == wn || (n == wn + 1 && t[wn] == 's')) &&
			    memcmp(t, words[i].w, wn) == 0;
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

/* Does a compound cover a run of whole words of the squashed token sq,
 * whose words start at the offsets in starts[0..nw) (and end at len)? */
static bool
compound_hit(const char *sq, size_t len, const size_t *starts, size_t nw)
{
	for (size_t c = 0; c < sizeof compounds / sizeof compounds[0]; c++) {
		size_t cn = strlen(compounds[c]);
		for (size_t w = 0; w < nw; w++) {
			size_t at = starts[w], end = at + cn;
			if (end > len || memcmp(sq + at, compounds[c], cn) != 0)
				continue;
			if (end == len)
				return true;
			for (size_t k = w + 1; k < nw; k++)
				if (starts[k] == end)
					return true;
		}
	}
	return false;
}

/* The hints of one whitespace-free token of a class or id value. */
static int
token_hints(const char *tok, size_t len)
{
	char *sq = xmalloc(len + 1), word[64];
	size_t *starts = xcalloc(len + 1, sizeof *starts), nw = 0, sl = 0, wl = 0;
	int h = 0;

	for (size_t i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)tok[i] : '\0';
		bool alnum = isalnum(c);
		/* A hump: "shareBar" is share + bar; "URLBox" stays whole. */
		bool hump = alnum && isupper(c) && i > 0 && islower((unsigned char)tok[i - 1]);

		if ((!alnum || hump) && wl > 0) {
			h |= word_hints(word, wl);
			wl = 0;
		}
		if (!alnum)
			continue;
		if (wl == 0)
			starts[nw++] = sl;
		sq[sl++] = (char)tolower(c);
		if (wl < sizeof word)
			word[wl++] = (char)tolower(c);
	}
	if (compound_hit(sq, sl, starts, nw))
		h |= NEG;
	free(starts);
	free(sq);
	return h;
}

int
extract_hints(const char *value)
{
	int h = 0;

	if (value == NULL)
		return 0;
	for (const char *p = value; *p != '\0';) {
		size_t n;
		while (isspace((unsigned char)*p))
			p++;
		n = strcspn(p, " \t\n\r\f\v");
		if (n > 0)
			h |= token_hints(p, n);
		p += n;
	}
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
