#ifndef CNNCALC_ALLOCATION_COUNTER_H
#define CNNCALC_ALLOCATION_COUNTER_H

/// The number of heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc,
/// memalign) made by the process so far. Counted only on Linux, where this target's definitions
/// replace the C library's; 0 elsewhere.
unsigned long long cnncalc_allocation_count(void);

#endif
