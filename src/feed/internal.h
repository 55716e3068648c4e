/*
 * Shared between the files of src/feed (not part of the public API):
 * feed.c drives input (sniffing, decoding to UTF-8), xml.c is the SAX2
 * layer for RSS/Atom, json.c handles JSON Feed, item.c accumulates and
 * emits items, markup.c holds the small HTML helpers.
 */
#ifndef NR_FEED_INTERNAL_H
#define NR_FEED_INTERNAL_H

#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>

#include <libxml/parser.h>

#include "feed/feed.h"
#include "util/buf.h"

/* A text field with the priority of the element that set it: a later
 * element only replaces it with a higher priority (dc:creator beats
 * <author>, <link> beats atom:link in RSS, ...). prio 0 = unset. */
struct field {
	struct buf b;
	int prio;
};

enum item_field {
	IF_ID, IF_TITLE, IF_LINK, IF_AUTHOR, IF_SUMMARY, IF_CONTENT,
	IF_COMMENTS, IF_THUMB, IF_REPLY_TO, IF_N
};
enum meta_field { MF_TITLE, MF_LINK, MF_DESC, MF_LANG, MF_AUTHOR, MF_N };

/* The item being built; storage is reused from one item to the next. */
struct item_acc {
	struct field f[IF_N];
	time_t published, updated;
	int pub_prio, upd_prio;
	int64_t count;
	int count_prio;
	char **cats;
	size_t ncats, acats;
	struct feed_enclosure *encs;	/* url, type, title, medium are owned (char *) */
	size_t nencs, aencs;
	int64_t duration;	/* itunes:duration in seconds; -1 when absent */
	char *lang;
	char *bad_date;		/* the first date text date_parse() could not read */
};

enum input_mode {
	IN_UTF8,	/* declared UTF-8: invalid bytes become U+FFFD */
	IN_UTF8_OR_1256,	/* undeclared: UTF-8 until a byte says otherwise */
	IN_1256,	/* latched fallback: windows-1256 by table */
	IN_ICONV,	/* any other declared charset */
};

struct xml_elem;

struct feed_parser {
	const struct feed_sink *sink;
	void *ud;
	char *doc_url;
	char *http_charset;
	char *http_lang;	/* the first tag of Content-Language, or NULL */
	enum feed_format format;
	enum { ST_SNIFF, ST_XML, ST_JSON, ST_HTML, ST_DONE } state;
	char *error;		/* "line N: reason" */
	size_t nitems;
	bool finished;

	/* Input decoding (feed.c). */
	struct buf head;	/* bytes held back while sniffing */
	enum input_mode mode;
	iconv_t cd;
	char carry[8];		/* an incomplete sequence at a chunk's end */
	size_t ncarry;
	uint16_t cp1256[128];
	struct buf esc_hold;	/* from an ESC whose sequence is still undecided */
	bool started;		/* the first non-blank byte was passed on */
	long skipped_lines;	/* blank lines dropped before the document */
	struct buf conv;	/* iconv's output */
	struct buf out;		/* decoded UTF-8 for libxml2 */
	struct buf json;
	struct buf html;	/* a web page, kept for its feed links */

	/* Repairs before libxml2 (repair.c). */
	int rp_state, rp_match;
	char rp_quote;
	struct buf rp_hold;	/* an undecided "&" or "<" and what follows */
	struct buf rp_out;
	long rp_line;		/* lines passed on, until the first repair */
	char *recovered;	/* "line N: what was repaired" or NULL */
	long recovered_line;
	size_t repairs;

	/* XML (xml.c). */
	xmlParserCtxtPtr ctxt;
	xmlSAXHandler sax;
	struct xml_elem *stack;
	size_t depth, adepth;
	int family;		/* 1 RSS, 2 Atom */
	int main_ns;
	bool root_seen, root_closed;
	bool halted;		/* libxml2 gave up inside a feed: the rest is skipped */
	char *root_uri;		/* the root's namespace when it is not one we know */
	char *mismatch;		/* end-tag name of a pending tag mismatch */
	struct {
		bool active;
		size_t depth;	/* stack index of the capturing element */
		int target, kind, prio;
		size_t wrapper;	/* stack index of an xhtml wrapper <div>, or 0 */
		bool permalink;
	} cap;
	struct buf text;	/* captured text */
	struct buf tmp, tmp2;
	/* Entities handed to libxml2 (xmlHashTable): for text, for attribute
	 * values, and the text of those declared in the internal subset. */
	void *ent_text, *ent_attr, *ent_decl;
	size_t entity_bytes;	/* bytes of declared entities expanded so far */
	int xml_err_line;
	char *xml_err;		/* libxml2's first fatal message */
	char *feed_author;

	/* Items (item.c). */
	struct item_acc item;
	bool in_item;
	struct field meta[MF_N];
	bool meta_emitted;
};

/* feed.c */
void feed_fail(struct feed_parser *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* xml.c; xml_init_once() before any other use of libxml2 (threads) */
void xml_init_once(void);
void xml_begin(struct feed_parser *p);
void xml_push(struct feed_parser *p, const char *data, size_t len, bool terminate);
void xml_end(struct feed_parser *p);

/* repair.c: repair s (decoded UTF-8) and pass it on to xml_push(). */
void repair_push(struct feed_parser *p, const char *s, size_t len, bool final);
/* Note damage the parser recovered from (the first note is kept). */
void feed_recovered(struct feed_parser *p, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* charset.c: the iconv name for a charset label (caller frees), NULL when
 * unknown. */
char *charset_resolve(const char *label);

/* json.c */
void json_parse(struct feed_parser *p);

/* item.c */
void field_set(struct field *f, const char *s, size_t len, int prio);
/* Like field_set with b's contents, swapping storage instead of copying. */
void field_take(struct field *f, struct buf *b, int prio);
/* See item.c: text utf8_sanitize() would return unchanged. */
bool text_is_clean(const char *s, size_t len, int flags);
void item_begin(struct feed_parser *p, const char *lang);
void item_add_category(struct feed_parser *p, const char *s, size_t len);
/* url absolute; the other fields as written (NULL when absent). An
 * enclosure whose scheme is not allowed, or a repeated URL, is dropped. */
/* itunes:duration ("1:02:03", "62:03", "3723"): the length of the
 * item's audio or video enclosures that give none. */
void item_set_duration(struct feed_parser *p, const char *s);
void item_add_enclosure(struct feed_parser *p, const char *url, const char *type,
    const char *length, const char *title, const char *medium, const char *duration);
void item_set_count(struct feed_parser *p, const char *s, int prio);
void item_set_date(struct feed_parser *p, bool updated, const char *s, int prio);
void item_emit(struct feed_parser *p);
void meta_emit(struct feed_parser *p);
void item_acc_free(struct item_acc *a);

/* markup.c */
void markup_escape(struct buf *out, const char *s, size_t len, bool attr);
/* Tags removed, entities decoded. */
void markup_to_text(struct buf *out, const char *html, size_t len);
/* Character and HTML named entity references decoded, nothing else. */
void markup_decode_entities(struct buf *out, const char *s, size_t len);
/* Plain text as HTML paragraphs (blank lines) and <br> (other breaks). */
void markup_text_to_html(struct buf *out, const char *s, size_t len);
/* Relative href/src attribute values resolved against base. */
void markup_resolve_links(struct buf *out, const char *html, size_t len, const char *base);
/* Decoded bytes appended; false when s is not base64. */
bool base64_decode(struct buf *out, const char *s, size_t len);
/* What a numeric reference to v means: windows-1252 for the C1 range
 * (HTML's rule: &#146; is U+2019), else v. */
uint32_t markup_cp1252(uint32_t v);
/* One HTML entity by name (without & and ;), as UTF-8 into out (8 bytes); length or 0. */
size_t markup_entity(const char *name, size_t len, char *out);

#endif
