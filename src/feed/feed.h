/*
 * Feed documents (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x) parsed in a
 * streaming way: the caller pushes body bytes as they arrive (from the fetch
 * thread's write callback or from a file) and receives the feed's metadata
 * and each item through callbacks as soon as it is complete, so memory stays
 * bounded by the largest item, not by the document.
 *
 * All strings handed out are UTF-8, NUL-terminated, free of C0/C1 controls and
 * escape sequences (newlines and tabs are kept only in summary/content HTML),
 * and owned by the parser: valid only during the callback. Copy what you keep.
 */
#ifndef NR_FEED_FEED_H
#define NR_FEED_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum feed_format {
	FEED_FORMAT_UNKNOWN = 0,
	FEED_FORMAT_RSS09X,	/* "rss0.9x" (0.90, 0.91, 0.92) */
	FEED_FORMAT_RSS10,	/* "rss1.0" (RDF) */
	FEED_FORMAT_RSS20,	/* "rss2.0" */
	FEED_FORMAT_ATOM03,	/* "atom0.3" */
	FEED_FORMAT_ATOM10,	/* "atom1.0" */
	FEED_FORMAT_JSON10,	/* "json1.0" */
	FEED_FORMAT_JSON11,	/* "json1.1" */
};

/* The name dump-feed prints ("rss2.0", ...); "unknown" for FEED_FORMAT_UNKNOWN. */
const char *feed_format_name(enum feed_format f);

/* A file the item carries (podcast episode, image, PDF). url is absolute
 * and http:, https: (or file: in a document read from a file: URL, the
 * local demo feeds); others are dropped. */
struct feed_enclosure {
	const char *url;
	const char *type;	/* MIME type, lower case; NULL when absent */
	int64_t length;		/* bytes; -1 when absent */
	const char *title;	/* Atom link title, JSON Feed title; NULL when absent */
	const char *medium;	/* Media RSS medium ("audio", "image", ...); NULL when absent */
	int64_t duration;	/* seconds; -1 when absent */
};

/* Document-level data; reported once, before the first item where possible. */
struct feed_meta {
	enum feed_format format;
	const char *title;	/* plain text; NULL when absent */
	const char *link;	/* absolute URL or NULL */
	const char *description;
	const char *language;	/* e.g. "ar", "en-US"; NULL when absent */
};

struct feed_item {
	/* guid/id; when the document has none: the link, else a hash of title
	 * and date ("sha:..."), so a reload never duplicates an item. Never NULL. */
	const char *id;
	bool id_from_document;	/* false when id is a fallback */
	const char *title;	/* plain text or NULL */
	const char *link;	/* absolute or NULL */
	const char *author;
	time_t published;	/* UTC seconds; 0 when absent */
	time_t updated;		/* 0 when absent */
	const char *summary;	/* HTML with relative links resolved; NULL when absent */
	const char *content;	/* HTML (content:encoded, atom content, content_html) */
	const char *const *categories;	/* ncategories strings */
	size_t ncategories;
	const struct feed_enclosure *enclosures;
	size_t nenclosures;
	const char *comments_feed;	/* wfw:commentRss or Atom rel="replies"; absolute */
	int64_t comments_count;	/* slash:comments / thr:total / thr:count; -1 when absent */
	const char *language;	/* item-level xml:lang or the feed's; may be NULL */
	const char *thumbnail;	/* media:thumbnail or JSON Feed image; absolute or NULL */
	/* The item's date as written when it has one but no form date_parse()
	 * reads (published and updated are then 0: the store falls back to
	 * the time it first saw the item); NULL otherwise. */
	const char *date_unparsed;
	const char *in_reply_to;	/* thr:in-reply-to ref (RFC 4685): the id of the
				   entry this one answers (in a comment feed, the
				   parent comment or the post); NULL when absent */
};

struct feed_sink {
	/* Called once with the document's metadata (may be called after some
	 * items for formats that put the channel data at the end). */
	void (*on_meta)(const struct feed_meta *meta, void *ud);
	/* Called for every complete item, in document order. */
	void (*on_item)(const struct feed_item *item, void *ud);
};

/* Opaque parser; created by feed_parser_new(), freed by feed_parser_free(). */
struct feed_parser;

/*
 * doc_url: the document's own URL (base for relative links); may be NULL.
 * http_charset: charset parameter of the Content-Type header or NULL. Order of
 * trust: BOM, then the XML declaration, then http_charset, then UTF-8 (bytes
 * that are not valid UTF-8 without any declaration: windows-1256).
 */
struct feed_parser *feed_parser_new(const char *doc_url, const char *http_charset,
    const struct feed_sink *sink, void *ud);
/* The HTTP Content-Language header: the document's language when the
 * document names none (its first tag; call before the first push). */
void feed_parser_set_http_language(struct feed_parser *p, const char *content_language);
/* Push the next chunk. Returns 0, or -1 on a fatal error (see feed_parser_error). */
int feed_parser_push(struct feed_parser *p, const char *data, size_t len);
/* End of input. Returns 0 when the document was parsed (perhaps with damage
 * recovered), -1 when it could not be parsed at all. */
int feed_parser_finish(struct feed_parser *p);
/* "line N: reason" for the first fatal error, or NULL. Owned by the parser. */
const char *feed_parser_error(const struct feed_parser *p);
/*
 * "line N: what" for the first damage the parser recovered from (a bare
 * "&" or "<" kept as text, an undefined entity, a mismatched or missing end
 * tag, a document cut short), or NULL for a well-formed document and after
 * a fatal error. Not a failure: every item that could be read was
 * delivered. Owned by the parser.
 */
const char *feed_parser_recovered(const struct feed_parser *p);
enum feed_format feed_parser_format(const struct feed_parser *p);
/* Number of items delivered so far. */
size_t feed_parser_item_count(const struct feed_parser *p);
void feed_parser_free(struct feed_parser **p);

/*
 * Feed discovery. feed_discover: the feeds a web page announces
 * (<link rel="alternate"> of the RSS, Atom, RDF and JSON Feed types),
 * absolute (against <base href> or page_url), in page order, without
 * duplicates; returns how many and sets *out (caller frees with
 * feed_discover_free). feed_discover_fallbacks: the usual places to try
 * when a page names none (/feed, /rss.xml, /atom.xml, /feed.json at the
 * site's root), the same way.
 */
/* Whether a whole document (not a prefix) starts as an HTML page
 * ("<!DOCTYPE html" or "<html", after an XML declaration and comments). */
bool feed_looks_like_html(const char *data, size_t len);
size_t feed_discover(const char *html, size_t len, const char *page_url, char ***out);
size_t feed_discover_fallbacks(const char *page_url, char ***out);
void feed_discover_free(char ***v, size_t n);

#endif
