#ifndef C_MALLOC_ARENA_H
#define C_MALLOC_ARENA_H

/// Makes every thread allocate from glibc's one main arena instead of an arena per thread
/// (mallopt M_ARENA_MAX = 1), which Glibc does not expose to Swift. Call it before any thread
/// starts. Returns 1 on success.
int podchat_use_one_malloc_arena(void);

#endif
