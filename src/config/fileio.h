/*
 * Small file helpers for the config module and the import command: read a
 * whole file with a size cap, create missing directories, and replace a file
 * atomically (temp file in the same directory, fsync, rename) so a crash
 * never leaves a half-written urls file.
 */
#ifndef NR_CONFIG_FILEIO_H
#define NR_CONFIG_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Read path into *data (NUL-terminated, caller frees) and *len. Returns 0, or
 * -1 with *errnum set (errno value; EFBIG when the file passes cap bytes).
 */
int fileio_read(const char *path, size_t cap, char **data, size_t *len, int *errnum);
/* mkdir -p of path's parent directory; new directories get mode. 0 or -1 (errno). */
int fileio_mkdir_parent(const char *path, mode_t mode);
/*
 * Why path cannot be created: the nearest directory above it that exists
 * is on a read-only file system (EROFS) or not writable by us (EACCES).
 * Returns that errno with *dir (caller frees) naming the directory, or 0
 * (*dir NULL) when that is not the reason. For messages that would
 * otherwise blame a missing file (a data directory that could not be made).
 */
int fileio_unwritable_dir(const char *path, char **dir);
/*
 * Replace path with data atomically. A symlink is followed (the link stays),
 * the old file's permissions are kept; a new file is its owner's alone (0600:
 * configs name password files, urls can carry credentials, recovery files
 * hold drafts). Returns 0, or -1 with *err set to one
 * line naming the file and the reason (caller frees).
 */
int fileio_write_atomic(const char *path, const char *data, size_t len, char **err);

#endif
