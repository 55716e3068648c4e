/*
 * The lock file next to the cache (cache.db.lock; next to the real file when
 * the cache path is a symlink): one interactive instance per cache. The file
 * holds the owner's PID; the lock itself is an fcntl write lock, which the
 * kernel drops when the owner dies, so a lock file left behind by a crash is
 * simply taken over.
 */
#ifndef NR_UI_LOCK_H
#define NR_UI_LOCK_H

/* Opaque; lock_acquire() creates it, lock_release() frees it. */
struct lock;

/*
 * Lock the cache's real path (symlinks resolved) + ".lock". On failure
 * returns NULL and sets *err (caller frees) to one line: "cache.db is in use
 * by PID 1234", or the system error; errno is EAGAIN for "in use", else the
 * system's (ENOSPC: a full disk).
 */
struct lock *lock_acquire(const char *cache_path, char **err);
/* Unlock (the emptied file stays), free *l and set it to NULL; NULL-safe. */
void lock_release(struct lock **l);

#endif
