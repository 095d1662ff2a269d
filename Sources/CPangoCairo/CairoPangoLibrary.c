// Loads pangocairo (and through it pango, cairo, gobject and glib) with dlopen on first use;
// see include/CPangoCairo.h.
#include "CPangoCairo.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#if __has_include(<cairo/cairo.h>)
// Debian's libcairo2-dev: check the constants relance passes as ints against cairo's enums.
#include <cairo/cairo-pdf.h>
#include <cairo/cairo.h>
_Static_assert(RELANCE_CAIRO_STATUS_SUCCESS == CAIRO_STATUS_SUCCESS, "cairo_status_t");
_Static_assert(RELANCE_CAIRO_STATUS_WRITE_ERROR == CAIRO_STATUS_WRITE_ERROR, "cairo_status_t");
_Static_assert(RELANCE_CAIRO_PDF_METADATA_TITLE == CAIRO_PDF_METADATA_TITLE, "cairo_pdf_metadata_t");
_Static_assert(RELANCE_CAIRO_PDF_METADATA_AUTHOR == CAIRO_PDF_METADATA_AUTHOR, "cairo_pdf_metadata_t");
_Static_assert(RELANCE_CAIRO_PDF_METADATA_CREATOR == CAIRO_PDF_METADATA_CREATOR, "cairo_pdf_metadata_t");
_Static_assert(sizeof(cairo_status_t) == sizeof(int), "cairo_status_t is passed as an int");
#endif

// Every function relance calls: its name in the libraries, then its C type with opaque objects.
#define RELANCE_PANGO_CAIRO_FUNCTIONS(F)                                                                   \
    F(cairo_pdf_surface_create_for_stream, relance_cairo_surface *(*)(relance_cairo_write_func, void *, double, double)) \
    F(cairo_pdf_surface_set_metadata, void (*)(relance_cairo_surface *, int, const char *))                \
    F(cairo_surface_finish, void (*)(relance_cairo_surface *))                                             \
    F(cairo_surface_status, int (*)(relance_cairo_surface *))                                              \
    F(cairo_surface_destroy, void (*)(relance_cairo_surface *))                                            \
    F(cairo_status_to_string, const char *(*)(int))                                                        \
    F(cairo_create, relance_cairo *(*)(relance_cairo_surface *))                                           \
    F(cairo_destroy, void (*)(relance_cairo *))                                                            \
    F(cairo_show_page, void (*)(relance_cairo *))                                                          \
    F(cairo_save, void (*)(relance_cairo *))                                                               \
    F(cairo_restore, void (*)(relance_cairo *))                                                            \
    F(cairo_set_source_rgb, void (*)(relance_cairo *, double, double, double))                             \
    F(cairo_set_line_width, void (*)(relance_cairo *, double))                                             \
    F(cairo_move_to, void (*)(relance_cairo *, double, double))                                            \
    F(cairo_line_to, void (*)(relance_cairo *, double, double))                                            \
    F(cairo_stroke, void (*)(relance_cairo *))                                                             \
    F(pango_cairo_create_layout, relance_pango_layout *(*)(relance_cairo *))                               \
    F(pango_cairo_show_layout, void (*)(relance_cairo *, relance_pango_layout *))                          \
    F(pango_font_description_from_string, relance_pango_font_description *(*)(const char *))               \
    F(pango_font_description_free, void (*)(relance_pango_font_description *))                            \
    F(pango_layout_set_font_description, void (*)(relance_pango_layout *, const relance_pango_font_description *)) \
    F(pango_layout_set_width, void (*)(relance_pango_layout *, int))                                       \
    F(pango_layout_set_wrap, void (*)(relance_pango_layout *, int))                                        \
    F(pango_layout_set_alignment, void (*)(relance_pango_layout *, int))                                   \
    F(pango_layout_set_text, void (*)(relance_pango_layout *, const char *, int))                          \
    F(pango_layout_get_size, void (*)(relance_pango_layout *, int *, int *))                               \
    F(g_object_unref, void (*)(void *))

static struct {
#define RELANCE_POINTER(name, type) __typeof__(type) name;
    RELANCE_PANGO_CAIRO_FUNCTIONS(RELANCE_POINTER)
#undef RELANCE_POINTER
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_error = "pangocairo was not loaded yet";
static char load_error_text[512];

static void load(void) {
    // pangocairo's soname; its dependencies (pango, cairo, gobject, glib) come with it.
    void *library = dlopen("libpangocairo-1.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error_text, sizeof load_error_text, "cannot load pango and cairo (libpangocairo-1.0.so.0): %s",
                 dlerror());
        load_error = load_error_text;
        return;
    }
    // dlsym on pangocairo's handle also searches the libraries it depends on.
#define RELANCE_LOOKUP(name, type)                                                                      \
    api.name = (type)dlsym(library, #name);                                                             \
    if (api.name == NULL) {                                                                             \
        snprintf(load_error_text, sizeof load_error_text, "libpangocairo-1.0.so.0 has no %s", #name);   \
        load_error = load_error_text;                                                                   \
        return;                                                                                         \
    }
    RELANCE_PANGO_CAIRO_FUNCTIONS(RELANCE_LOOKUP)
#undef RELANCE_LOOKUP
    load_error = NULL;
}

const char *relance_pango_cairo_load(void) {
    pthread_once(&load_once, load);
    return load_error;
}

// MARK: - cairo

relance_cairo_surface *relance_cairo_pdf_surface_create_for_stream(
    relance_cairo_write_func write, void *closure, double width_in_points, double height_in_points) {
    return api.cairo_pdf_surface_create_for_stream(write, closure, width_in_points, height_in_points);
}

void relance_cairo_pdf_surface_set_metadata(relance_cairo_surface *surface, int metadata, const char *utf8) {
    api.cairo_pdf_surface_set_metadata(surface, metadata, utf8);
}

void relance_cairo_surface_finish(relance_cairo_surface *surface) { api.cairo_surface_finish(surface); }
int relance_cairo_surface_status(relance_cairo_surface *surface) { return api.cairo_surface_status(surface); }
void relance_cairo_surface_destroy(relance_cairo_surface *surface) { api.cairo_surface_destroy(surface); }
const char *relance_cairo_status_to_string(int status) { return api.cairo_status_to_string(status); }
relance_cairo *relance_cairo_create(relance_cairo_surface *target) { return api.cairo_create(target); }
void relance_cairo_destroy(relance_cairo *cr) { api.cairo_destroy(cr); }
void relance_cairo_show_page(relance_cairo *cr) { api.cairo_show_page(cr); }
void relance_cairo_save(relance_cairo *cr) { api.cairo_save(cr); }
void relance_cairo_restore(relance_cairo *cr) { api.cairo_restore(cr); }

void relance_cairo_set_source_rgb(relance_cairo *cr, double red, double green, double blue) {
    api.cairo_set_source_rgb(cr, red, green, blue);
}

void relance_cairo_set_line_width(relance_cairo *cr, double width) { api.cairo_set_line_width(cr, width); }
void relance_cairo_move_to(relance_cairo *cr, double x, double y) { api.cairo_move_to(cr, x, y); }
void relance_cairo_line_to(relance_cairo *cr, double x, double y) { api.cairo_line_to(cr, x, y); }
void relance_cairo_stroke(relance_cairo *cr) { api.cairo_stroke(cr); }

// MARK: - pango

relance_pango_layout *relance_pango_cairo_create_layout(relance_cairo *cr) { return api.pango_cairo_create_layout(cr); }

void relance_pango_cairo_show_layout(relance_cairo *cr, relance_pango_layout *layout) {
    api.pango_cairo_show_layout(cr, layout);
}

relance_pango_font_description *relance_pango_font_description_from_string(const char *text) {
    return api.pango_font_description_from_string(text);
}

void relance_pango_font_description_free(relance_pango_font_description *description) {
    api.pango_font_description_free(description);
}

void relance_pango_layout_set_font_description(relance_pango_layout *layout,
                                               const relance_pango_font_description *description) {
    api.pango_layout_set_font_description(layout, description);
}

void relance_pango_layout_set_width(relance_pango_layout *layout, int width) { api.pango_layout_set_width(layout, width); }
void relance_pango_layout_set_wrap(relance_pango_layout *layout, int wrap) { api.pango_layout_set_wrap(layout, wrap); }

void relance_pango_layout_set_alignment(relance_pango_layout *layout, int alignment) {
    api.pango_layout_set_alignment(layout, alignment);
}

void relance_pango_layout_set_text(relance_pango_layout *layout, const char *text, int length) {
    api.pango_layout_set_text(layout, text, length);
}

void relance_pango_layout_get_size(relance_pango_layout *layout, int *width, int *height) {
    api.pango_layout_get_size(layout, width, height);
}

void relance_pango_layout_release(relance_pango_layout *layout) { api.g_object_unref(layout); }
