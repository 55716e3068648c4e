/*
 * Shared by the files of src/market only: value cleaning and validation.
 * Not part of the module's API (that is market.h and format.h).
 */
#ifndef NR_MARKET_INTERNAL_H
#define NR_MARKET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "market/market.h"

/* Which numeric field a value is for: sets the bounds it is checked against. */
enum market_numfield { MNF_PRICE, MNF_CAP, MNF_HOLDERS, MNF_CHANGE };

/* Field name as the sources call it, for reasons. */
const char *market_numfield_name(enum market_numfield f);

/*
 * Check v against the bounds of field f. NULL if fine, else a static
 * description ("negative", "not finite", "too large", ...).
 */
const char *market_check_value(enum market_numfield f, double v);

/*
 * A clean copy of untrusted text (caller frees) or NULL with *why set:
 * sanitized with utf8_sanitize, spaces trimmed, cut to max_chars grapheme
 * clusters. strict (symbols and ids): any control, escape or invalid byte
 * rejects the text instead of being removed. Empty after cleaning -> NULL.
 */
char *market_clean_text(const char *s, size_t len, size_t max_chars, bool strict,
    const char **why);
/* A clean http(s) URL or NULL with *why. */
char *market_clean_url(const char *s, size_t len, const char **why);

/* Add a reason to l (printf-style), respecting MARKET_MAX_REASONS. */
void market_reason(struct market_list *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append t to l, taking ownership of its strings (t is cleared); no id check. */
void market_list_push(struct market_list *l, struct market_ticker *t);
/*
 * Drop every ticker whose id (ASCII case ignored) an earlier one has, with a
 * reason naming source; O(n log n) so a hostile payload cannot stall us.
 */
void market_list_dedupe(struct market_list *l, const char *source);

#endif
