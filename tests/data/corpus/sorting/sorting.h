#ifndef SORTING_H
#define SORTING_H
#include <stddef.h>

void insertion_sort(int *a, int n);
void selection_sort(int a[], int n);
void quick_sort(int *a, int lo, int hi);
int merge_sort(int *a, int n);
void heap_sort(int *a, int n);
void shell_sort(int *a, size_t n);
int binary_search(const int *a, int n, int key);
int lower_bound(const int *a, int n, int key);
int is_sorted(const int *a, int n);
void reverse_array(int *a, int n);
long sum_array(const int *a, int n);
int max_index(const int a[], int n);
#endif
