/* SPDX-License-Identifier: MIT */
/*
 * alloc-count.h - count heap allocations in the core benchmark
 *
 * See alloc-count.c for the contract.
 */
#ifndef TF_BENCH_ALLOC_COUNT_H_INCLUDED
#define TF_BENCH_ALLOC_COUNT_H_INCLUDED

#include <stdbool.h>

bool alloc_count_available(void);
void alloc_count_arm(bool on);
void alloc_count_reset(void);
unsigned long alloc_count_read(void);

#endif
