/* cairo (PDF surfaces) and pango (text layout) for the formal-notice letter and the claim summary. */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
