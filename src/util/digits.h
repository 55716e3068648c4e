/*
 * The interface's numbers in Arabic-Indic digits (U+0660..U+0669), the way
 * Arabic print writes them. Only chrome goes through here: the numbers of an
 * article's own text are the author's and are never changed.
 */
#ifndef NR_UTIL_DIGITS_H
#define NR_UTIL_DIGITS_H

#include <stddef.h>

/*
 * Copy s to out (outlen bytes, NUL-terminated, truncated at a character
 * boundary) with each ASCII digit replaced by its Arabic-Indic digit (two
 * bytes each), and the decimal point between two digits by U+066B ARABIC
 * DECIMAL SEPARATOR. Other bytes are copied unchanged. Returns the length
 * written.
 */
size_t digits_arabic_indic(const char *s, char *out, size_t outlen);

#endif
