/*
 * One out-of-memory policy for the whole program: these wrappers print a
 * message and abort, so callers never test for NULL.
 */
#ifndef NR_UTIL_XALLOC_H
#define NR_UTIL_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* realloc for arrays, with overflow check of nmemb * size. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Copy of s or NULL when s is NULL. */
char *xstrdup_null(const char *s);
char *xstrndup(const char *s, size_t n);
/* Like asprintf(3); the result is the caller's to free. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* free(*p) and set *p to NULL. */
#define xfree(p) do { free(*(p)); *(p) = NULL; } while (0)

#endif
