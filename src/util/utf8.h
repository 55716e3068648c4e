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
	/* Keep LRM, RLM, ALM and the isolates (LRI, RLI, FSI, PDI): publishers
	 * of Arabic and Hebrew use them to make mixed text display right. The
	 * embeddings and overrides (LRE..RLO), which can disguise text, go. */
	UTF8_KEEP_MARKS = 1 << 2,
};

/*
 * The length of the complete terminal escape sequence at s (s[0] is ESC):
 * CSI with at most 64 bytes of parameters, an OSC/DCS/SOS/PM/APC string
 * of plain bytes (no markup, no controls) ended by BEL, ESC \ or ST within
 * 4 KiB, or an nF escape (ESC, one to three intermediates, a final byte;
 * a lone byte after ESC is text). 0 when s does not start one; then
 * *more says whether more bytes could still complete it.
 */
size_t utf8_escape_length(const char *s, size_t len, bool *more);

/*
 * A clean copy of s (caller frees): invalid bytes become U+FFFD; complete
 * ESC sequences (utf8_escape_length) are removed whole, a stray ESC alone;
 * so is a C1 CSI with parameters (U+009B "31m"); every other C0/C1 control
 * and DEL is removed on its own (a C1 control in fetched text is almost
 * always mojibake, U+00E2 U+0080 U+009D for a right quote, and the text
 * after it stays), except \n and \t with UTF8_KEEP_NEWLINES (\r\n
 * and \r become \n); U+FEFF goes; explicit bidi controls go unless
 * UTF8_KEEP_BIDI. If out_len is non-NULL it receives the length.
 */
char *utf8_sanitize(const char *s, size_t len, int flags, size_t *out_len);

#endif
