/* glibc's malloc extensions: malloc_trim, to hand freed heap pages back after a big transient load. */
#include <malloc.h>
