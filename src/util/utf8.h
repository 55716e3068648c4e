/*
 * UTF-8 decoding and the sanitizer every piece of untrusted text goes
 * through before it can reach a terminal or the cache.
 */
#ifndef NR_UTIL_UTF8_H
#define NR_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/*
 * Decode one code point from s (len > 0 bytes available). Invalid, overlong,
 * surrogate or truncated sequences decode as U+FFFD consuming one byte.
 * Returns the number of bytes consumed (1..4).
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns the byte count (1..4). */
size_t utf8_encode(uint32_t cp, char *out);
bool utf8_valid(const char *s, size_t len);

/* Explicit bidi formatting characters (LRE..RLO, LRI..PDI, LRM, RLM, ALM). */
bool utf8_is_bidi_control(uint32_t cp);

enum utf8_sanitize_flags {
	UTF8_KEEP_NEWLINES = 1 << 0,	/* keep \n and \t (HTML bodies) */
	UTF8_KEEP_BIDI = 1 << 1,	/* keep explicit bidi controls (the layout engine uses them) */
};

/*
 * A clean copy of s (caller frees): invalid bytes become U+FFFD; ESC
 * sequences (CSI, OSC, DCS, SOS, PM, APC, two-byte escapes) and their C1
 * forms are removed whole; other C0/C1 controls and DEL are removed, except
 * \n and \t with UTF8_KEEP_NEWLINES (\r\n and \r become \n); U+FEFF goes;
 * explicit bidi controls go unless UTF8_KEEP_BIDI. If out_len is non-NULL it
 * receives the length.
 */
char *utf8_sanitize(const char *s, size_t len, int flags, size_t *out_len);

#endif
