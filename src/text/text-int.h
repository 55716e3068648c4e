/*
 * Internals shared by the files of src/text: grapheme clusters and their
 * display widths. Not part of the module's interface.
 */
#ifndef NR_TEXT_TEXT_INT_H
#define NR_TEXT_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

typedef const utf8proc_property_t *tx_prop;

/* Unicode properties of cps[0..n) into prop, one lookup per code point but
 * none for printable ASCII (U+0020-U+007E: most of a mixed document), whose
 * entry is NULL: one cell wide, grapheme class Other, not a format
 * character. Read entries with tx_prop_at(). */
void tx_props(const uint32_t *cps, size_t n, tx_prop *prop);

static inline bool
tx_ascii_printable(uint32_t cp)
{
	return cp - 0x20 < 0x5F;
}

/* The properties of cps[i], also for the printable ASCII tx_props skips. */
static inline tx_prop
tx_prop_at(const uint32_t *cps, const tx_prop *prop, size_t i)
{
	return prop[i] != NULL ? prop[i] : utf8proc_get_property((utf8proc_int32_t)cps[i]);
}

/*
 * Split cps[0..n) into grapheme clusters (UAX 29 via utf8proc; prop as
 * tx_props gives it): cstart
 * (n + 1 entries) receives the first code point of each cluster and a final
 * n; cl_of (n entries, may be NULL) the cluster of each code point.
 * Returns the number of clusters.
 */
size_t tx_clusters(const uint32_t *cps, const tx_prop *prop, size_t n, uint32_t *cstart,
    uint32_t *cl_of);

/* Cells taken by one cluster as a terminal draws it: 0 (a mark with no
 * base), 1 or 2 (East Asian wide, emoji presentation, flags). */
int tx_cluster_width(const uint32_t *cps, const tx_prop *prop, size_t n);

/* A cluster made only of invisible format characters (bidi controls, ZWSP,
 * ZWJ/ZWNJ alone, soft hyphen, ...): kept in the logical text, never drawn. */
bool tx_cluster_hidden(const tx_prop *prop, size_t n);

/* A single code point after which a line may break and which hangs at the
 * end of a line (spaces, tab, ZWSP; not the no-break spaces). */
static inline bool
tx_is_break_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || (cp >= 0x1680 && (cp == 0x200B || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200A && cp != 0x2007) || cp == 0x205F || cp == 0x3000));
}

/* Decode sanitized UTF-8 into code points; boff (n + 1 entries) receives the
 * byte offset of each and the total length. Returns the count. cps and boff
 * must have room for len entries (+1 for boff). */
size_t tx_decode(const char *s, size_t len, uint32_t *cps, uint32_t *boff);

#endif
