/*
 * Shared by the files of src/comments only.
 */
#ifndef NR_COMMENTS_COMMENTS_INT_H
#define NR_COMMENTS_COMMENTS_INT_H

#include "comments/comments.h"

/* "Authorization: Basic base64(user:password)" (RFC 7617); new string, which
 * the caller wipes and frees. */
char *comments_basic_auth(const char *user, const char *password);

#endif
