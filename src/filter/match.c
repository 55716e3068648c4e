/*
 * Matching a parsed filter against one item, and the folding of text that
 * makes Arabic compare the way search compares it (store/tokenize.c).
 *
 * Each comparison folds the item's text it reads; the operand was folded
 * once at parse time. A boolean reads as "yes"/"no", as in newsboat.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "filter/filter-int.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

char *
filter_fold(const char *s, bool lower)
{
	struct buf b = BUF_INIT;
	size_t len = s != NULL ? strlen(s) : 0;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char enc[4];
		i += utf8_decode(s + i, len - i, &cp);
		if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640)
			continue;	/* harakat, tatweel */
		if (cp == 0x0622 || cp == 0x0623 || cp == 0x0625 || cp == 0x0671)
			cp = 0x0627;
		else if (cp == 0x0629)
			cp = 0x0647;
		else if (cp == 0x0649)
			cp = 0x064A;
		else if (lower)
			cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
		buf_append(&b, enc, utf8_encode(cp, enc));
	}
	buf_append(&b, "", 0);
	return buf_detach(&b);
}

/* The item's value of a text attribute (NULL when it has none). */
static const char *
text_of(const struct filter_item *it, enum filter_attr a)
{
	switch (a) {
	case FILTER_TITLE: return it->title;
	case FILTER_LINK: return it->link;
	case FILTER_AUTHOR: return it->author;
	case FILTER_CONTENT: return it->content;
	case FILTER_DESCRIPTION: return it->description;
	case FILTER_GUID: return it->guid;
	case FILTER_RSSURL: return it->feed_url;
	case FILTER_FEEDTITLE: return it->feed_title;
	case FILTER_TAGS: return it->tags;
	case FILTER_ENCLOSURE_URL: return it->enclosure_url;
	case FILTER_ENCLOSURE_TYPE: return it->enclosure_type;
	case FILTER_LANG: return it->lang;
	default: return NULL;
	}
}

/* The attribute as text, into scratch when it is computed. */
static const char *
value_text(const struct filter_item *it, enum filter_attr a, time_t now, char *scratch,
    size_t room)
{
	switch (a) {
	case FILTER_UNREAD:
		return it->unread ? "yes" : "no";
	case FILTER_LIKED:
		return it->liked ? "yes" : "no";
	case FILTER_STARRED:
		return it->starred ? "yes" : "no";
	case FILTER_FLAGS:
		/* newsboat's letter flags: s starred, l liked. */
		snprintf(scratch, room, "%s%s", it->starred ? "s" : "", it->liked ? "l" : "");
		return scratch;
	case FILTER_AGE:
		snprintf(scratch, room, "%lld", it->date > 0 && now > it->date ?
		    (long long)((now - it->date) / 86400) : 0LL);
		return scratch;
	case FILTER_DATE: {
		struct tm tm;
		time_t t = it->date;
		if (t <= 0 || gmtime_r(&t, &tm) == NULL ||
		    strftime(scratch, room, "%Y-%m-%d %H:%M:%S", &tm) == 0)
			scratch[0] = '\0';
		return scratch;
	}
	default: {
		const char *s = text_of(it, a);
		return s != NULL ? s : "";
	}
	}
}

/* Whether needle occurs in hay starting and ending at word boundaries
 * (a tag in a tag list, a word or phrase in a title). */
static bool
has_word(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);

	if (nl == 0)
		return false;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) {
		bool start = p == hay || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' ||
		    strchr(",.;:!?()\"'", p[-1]) != NULL;
		char e = p[nl];
		bool end = e == '\0' || e == ' ' || e == '\t' || e == '\n' ||
		    strchr(",.;:!?()\"'", e) != NULL;
		/* Arabic punctuation: comma, semicolon, question mark. */
		if (!end && strncmp(p + nl, "\xd8\x8c", 2) == 0)
			end = true;
		if (!end && strncmp(p + nl, "\xd8\x9b", 2) == 0)
			end = true;
		if (!end && strncmp(p + nl, "\xd8\x9f", 2) == 0)
			end = true;
		if (start && end)
			return true;
	}
	return false;
}

/* <0, 0, >0 comparing the item's value with one operand. */
static int
compare(enum filter_attr a, const char *val, const char *folded, const struct fvalue *v)
{
	double x;

	if (a == FILTER_DATE && !v->number) {
		/* The prefix the operand gives: "2026-12" is the whole month. */
		size_t n = strlen(v->text);
		int c = strncmp(val, v->text, n);
		return c != 0 ? c : 0;
	}
	if (v->numeric && filter_number(val, &x))
		return x < v->num ? -1 : x > v->num ? 1 : 0;
	return strcmp(folded, v->folded);
}

static bool
cmp_match(const struct fnode *n, const struct filter_item *it, time_t now)
{
	char scratch[64];
	const char *val = value_text(it, n->attr, now, scratch, sizeof scratch);
	bool is_date = n->attr == FILTER_DATE;
	char *folded;
	bool r = false;

	if (n->attr == FILTER_DATE && n->v.number) {
		/* A number against date is seconds since the epoch. */
		snprintf(scratch, sizeof scratch, "%lld", (long long)it->date);
		is_date = false;
	}
	if ((n->op == FOP_RE || n->op == FOP_NRE) && n->literal != NULL) {
		folded = filter_fold(val, true);
		r = strstr(folded, n->literal) != NULL;
		free(folded);
		return n->op == FOP_RE ? r : !r;
	}
	if (n->op == FOP_RE || n->op == FOP_NRE) {
		folded = filter_fold(val, false);
		r = regexec(&n->re, folded, 0, NULL, 0) == 0;
		free(folded);
		return n->op == FOP_RE ? r : !r;
	}
	folded = filter_fold(val, true);
	switch (n->op) {
	case FOP_EQ:
	case FOP_NE:
		if (is_date)
			r = compare(FILTER_DATE, val, folded, &n->v) == 0;
		else if (n->v.numeric && filter_number(val, &(double){ 0 }))
			r = compare(n->attr, val, folded, &n->v) == 0;
		else
			r = strcmp(folded, n->v.folded) == 0;
		if (n->op == FOP_NE)
			r = !r;
		break;
	case FOP_HAS:
	case FOP_NHAS:
		if (n->attr == FILTER_FLAGS) {
			r = *n->v.folded != '\0';
			for (const char *c = n->v.folded; *c != '\0'; c++)
				r = r && strchr(folded, *c) != NULL;
		} else
			r = has_word(folded, n->v.folded);
		if (n->op == FOP_NHAS)
			r = !r;
		break;
	case FOP_LT:
		r = compare(is_date ? FILTER_DATE : n->attr, val, folded, &n->v) < 0;
		break;
	case FOP_GT:
		r = compare(is_date ? FILTER_DATE : n->attr, val, folded, &n->v) > 0;
		break;
	case FOP_LE:
		r = compare(is_date ? FILTER_DATE : n->attr, val, folded, &n->v) <= 0;
		break;
	case FOP_GE:
		r = compare(is_date ? FILTER_DATE : n->attr, val, folded, &n->v) >= 0;
		break;
	case FOP_BETWEEN: {
		enum filter_attr a = is_date ? FILTER_DATE : n->attr;
		r = compare(a, val, folded, &n->v) >= 0 && compare(a, val, folded, &n->v2) <= 0;
		break;
	}
	default:
		break;
	}
	free(folded);
	return r;
}

static bool
node_match(const struct fnode *n, const struct filter_item *it, time_t now)
{
	switch (n->kind) {
	case FN_AND:
		return node_match(n->l, it, now) && node_match(n->r, it, now);
	case FN_OR:
		return node_match(n->l, it, now) || node_match(n->r, it, now);
	default:
		return cmp_match(n, it, now);
	}
}

bool
filter_match(const struct filter *f, const struct filter_item *it, time_t now)
{
	return node_match(f->root, it, now);
}
