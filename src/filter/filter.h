/*
 * newsboat's filter language: `unread = "yes" and title =~ "بيتكوين"`.
 *
 *   expr       := and-expr { "or" and-expr }
 *   and-expr   := primary { "and" primary }
 *   primary    := "(" expr ")" | ATTRIBUTE OP value | ATTRIBUTE "between" value ":" value
 *   OP         := = != =~ !~ < > <= >= # !#
 *   value      := "double-quoted string" (escapes \" \\ \n \t) | number
 *
 * Text is compared the way search compares it (store_search_normalize):
 * Arabic harakat and tatweel are ignored, alef forms, ta marbuta and alef
 * maqsura fold together, letters compare without case. =~ is a POSIX
 * extended regular expression over that folded text; # is "contains as a
 * word" (a tag in tags, a letter in flags, a word or phrase in text).
 * Numbers (age in days) compare as numbers, dates as the prefix of
 * "YYYY-MM-DD HH:MM:SS" (UTC) the value gives: date >= "2026-12".
 *
 * A filter is built by filter_parse() and owned by its caller, who frees it
 * with filter_free(). Matching reads the filter only, so one filter may be
 * used by several threads at once.
 */
#ifndef NR_FILTER_FILTER_H
#define NR_FILTER_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Opaque parsed expression. */
struct filter;

/* The attributes, as bits for filter_attrs(). */
enum filter_attr {
	FILTER_TITLE, FILTER_LINK, FILTER_AUTHOR, FILTER_CONTENT, FILTER_DESCRIPTION,
	FILTER_DATE, FILTER_GUID, FILTER_UNREAD, FILTER_FLAGS, FILTER_AGE,
	FILTER_RSSURL, FILTER_FEEDTITLE, FILTER_TAGS, FILTER_ENCLOSURE_URL,
	FILTER_ENCLOSURE_TYPE, FILTER_LIKED, FILTER_STARRED, FILTER_LANG,
	FILTER_ATTR_COUNT_
};
#define FILTER_BIT(a) (1u << (a))

/* What an expression is matched against. Every string is borrowed, may be
 * NULL (matches as ""), and is UTF-8. */
struct filter_item {
	const char *title, *link, *author, *content, *description, *guid;
	const char *feed_url, *feed_title;
	const char *tags;		/* the feed's, space-separated */
	const char *enclosure_url, *enclosure_type;
	const char *lang;
	time_t date;			/* 0: unknown */
	bool unread, liked, starred;
};

/*
 * Parse text. 0 and *out (caller frees with filter_free), or -1 and *err
 * (caller frees): one line, valid UTF-8 without control characters, naming
 * the column (in characters, from 1): "expected a value after '=' at
 * column 14".
 */
int filter_parse(const char *text, struct filter **out, char **err);
/* Free *f and set it to NULL; NULL-safe. */
void filter_free(struct filter **f);
/* Whether it matches; now is the time age is counted from. */
bool filter_match(const struct filter *f, const struct filter_item *it, time_t now);
/* The attributes the expression reads (FILTER_BIT set): what a caller
 * needs to fill in, or fetch from the cache. */
unsigned filter_attrs(const struct filter *f);
/* The canonical text of f, which filter_parse() reads back as the same
 * tree (caller frees). */
char *filter_print(const struct filter *f);
/* Whether a and b are the same tree. */
bool filter_equal(const struct filter *a, const struct filter *b);
/* The name of an attribute ("enclosure_url"). */
const char *filter_attr_name(enum filter_attr a);

/*
 * The whole expression as an SQL condition, when every comparison in it
 * can be one: unread, liked and starred against "yes"/"no" with = and !=,
 * age against numbers with = != < > <= >= between. cols names the SQL
 * column of FILTER_UNREAD, FILTER_LIKED, FILTER_STARRED (0/1) and
 * FILTER_DATE (seconds); now is written into the text. Returns a new
 * string (caller frees), or NULL when some comparison needs the matcher.
 * The condition is true exactly where filter_match() is.
 */
char *filter_to_sql(const struct filter *f, const char *const cols[FILTER_ATTR_COUNT_],
    time_t now);

/*
 * The text folded as =, # and the stored text compare it: Arabic marks
 * dropped, letter forms folded, lower case when lower. Caller frees.
 */
char *filter_fold(const char *s, bool lower);

#endif
