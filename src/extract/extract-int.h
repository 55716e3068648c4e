/*
 * Internals of src/extract shared by its files and its unit tests. The
 * pipeline: extract_to_utf8 (charset.c) -> htmlReadMemory -> title and
 * extract_prune (prune.c) -> extract_best / extract_siblings (score.c) ->
 * extract_build (build.c: a new, clean document) -> extract_serialize_*
 * (output.c).
 */
#ifndef NR_EXTRACT_EXTRACT_INT_H
#define NR_EXTRACT_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>

/* Recursion stops this deep; libxml2 itself nests at most a few hundred. */
#define EXTRACT_MAX_DEPTH 200

/* ---- charset.c ---- */

/*
 * The charset named by a <meta charset> or <meta http-equiv content="...;
 * charset=X"> in the first 8 KiB, copied into name (cap bytes); false when
 * there is none.
 */
bool extract_meta_charset(const char *data, size_t len, char *name, size_t cap);
/*
 * data as valid UTF-8 (caller frees; *out_len its length): BOM, then
 * http_charset, then the meta charset, else UTF-8 (windows-1256 when it is
 * not valid UTF-8). Invalid bytes become U+FFFD.
 */
char *extract_to_utf8(const char *data, size_t len, const char *http_charset,
    size_t *out_len);

/* ---- hints.c: string-level heuristics ---- */

enum extract_hint {
	EXTRACT_HINT_POSITIVE = 1 << 0,	/* article, content, entry, post, ... */
	EXTRACT_HINT_NEGATIVE = 1 << 1,	/* nav, share, comment, related, ad, ... */
};
/* The hints of a class or id value (words split at non-alphanumerics). */
int extract_hints(const char *value);
/* Commas, Latin and Arabic (, ، ؛), in s. */
size_t extract_count_commas(const char *s);
/* Code points of s with every whitespace run counted as one. */
size_t extract_count_chars(const char *s);
enum extract_boiler {
	EXTRACT_BOILER_NONE,
	EXTRACT_BOILER_LABEL,	/* "Related articles", "اقرأ أيضا", "Share", "التعليقات" */
	EXTRACT_BOILER_DISCLAIMER,	/* "Disclaimer:", "إخلاء المسؤولية" */
};
/*
 * How text (whitespace-collapsed) starts. Labels are only recognised in
 * short texts (headings, captions of widgets); disclaimers at any length.
 */
enum extract_boiler extract_boilerplate(const char *text);
/*
 * title without a " | Site" / " - Site" (or "Site | ") part when Site equals
 * site (case and spacing ignored); a new string. site may be NULL.
 */
char *extract_strip_site(const char *title, const char *site);
/* A new string: s with whitespace runs collapsed to one space and trimmed. */
char *extract_collapse(const char *s);

/* ---- dom.c: node helpers ---- */

/* Block-level in the source page (p, div, lists, tables, headings, ...). */
bool extract_is_block(const xmlNode *n);
/* Has n a block-level child element? */
bool extract_has_block_child(const xmlNode *n);
bool extract_is(const xmlNode *n, const char *tag);
/* Is n one of the ntags elements named in tags? */
bool extract_is_one_of(const xmlNode *n, const char *const *tags, size_t ntags);
/* Attribute value (a new string, caller frees) or NULL. */
char *extract_attr(const xmlNode *n, const char *name);
/* The hints of n's class and id together. */
int extract_node_hints(const xmlNode *n);
/* Text content of n (a new string, whitespace collapsed). */
char *extract_text(const xmlNode *n);

struct extract_measure {
	size_t chars;		/* code points, whitespace runs as one */
	size_t link_chars;	/* of those, inside <a> */
	size_t commas;
};
void extract_measure(const xmlNode *n, struct extract_measure *m);
/* link_chars / chars, 0 for an empty node. */
double extract_link_density(const xmlNode *n);

/* ---- prune.c ---- */

/*
 * Remove from the page what is never article: scripts, styles, forms'
 * controls, iframes, hidden elements, nav/aside/footer/header, elements whose
 * class or id says navigation, share bar, widget, comments, related, ad,
 * disclaimer (unless they hold the article or most of the page's prose),
 * boilerplate-headed blocks, galleries. light: only what is never text
 * (scripts, controls, hidden parts), for the fallback of a page where the
 * full pass leaves no article.
 */
void extract_prune(xmlNode *root, bool light);

/* ---- score.c ---- */

/* Scores of the candidate blocks of a page; extract_scores_free() frees. */
struct extract_scores;
struct extract_scores *extract_score(xmlNode *root);
void extract_scores_free(struct extract_scores **s);
/* The best candidate or NULL; *score receives its score. */
xmlNode *extract_best(const struct extract_scores *s, double *score);
/* The score of n, or 0 when n is no candidate. */
double extract_score_of(const struct extract_scores *s, const xmlNode *n);
/*
 * The block that holds the whole story when it is split: the enclosing
 * <article> or itemprop=articleBody of best, else the nearest common
 * ancestor of best and the other blocks that score at least half as well,
 * when it is close (a few levels up) and not mostly links; else best.
 * *score becomes the chosen block's (at least the old one).
 */
xmlNode *extract_widen(const struct extract_scores *s, xmlNode *best, double *score);
/*
 * The nodes to keep, in document order: best and the siblings that score
 * well (caller frees the array; *n its length).
 */
xmlNode **extract_siblings(const struct extract_scores *s, xmlNode *best,
    double best_score, size_t *n);

/* ---- build.c ---- */

/*
 * A clean document whose root is <article> holding the cleaned content of
 * nodes[0..n): only the kept elements and attributes, links and images made
 * absolute against base, whitespace normalized, text sanitized. An <h1>
 * whose text equals title is dropped (the title is printed apart).
 */
xmlDoc *extract_build(xmlNode *const *nodes, size_t n, const char *base,
    const char *title);

/* ---- output.c ---- */

/* The article element of a built document as HTML (new string). */
char *extract_serialize_html(const xmlNode *article);
/* One paragraph per line, each ending in \n (new string). */
char *extract_serialize_text(const xmlNode *article);

#endif
