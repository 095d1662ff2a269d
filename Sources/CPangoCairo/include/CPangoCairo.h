// cairo (PDF surfaces) and pango (text layout) for the formal-notice letter and the claim summary,
// loaded on first use (dlopen).
//
// relance does not link them: a daemon that never draws a document never maps cairo, pango,
// glib, fontconfig, freetype, harfbuzz and the X11 libraries they bring (about 4 MB of resident
// memory). `relance_pango_cairo_load()` loads `libpangocairo-1.0.so.0`, which brings the others;
// every other function here requires that it succeeded.
//
// The objects are opaque here and the prototypes are the C ABI of the real ones (same argument
// kinds, enums passed as int); CairoPangoLibrary.c checks the cairo constants against <cairo.h>
// when the headers are installed. The pango constants are those of pango 1.x (unchanged since 1.2).
#ifndef RELANCE_CPANGOCAIRO_H
#define RELANCE_CPANGOCAIRO_H

/// `cairo_surface_t`.
typedef struct relance_cairo_surface relance_cairo_surface;
/// `cairo_t`.
typedef struct relance_cairo relance_cairo;
/// `PangoLayout`.
typedef struct relance_pango_layout relance_pango_layout;
/// `PangoFontDescription`.
typedef struct relance_pango_font_description relance_pango_font_description;

/// `cairo_write_func_t`: returns a `cairo_status_t`.
typedef int (*relance_cairo_write_func)(void *closure, const unsigned char *data, unsigned int length);

#define RELANCE_CAIRO_STATUS_SUCCESS 0
#define RELANCE_CAIRO_STATUS_WRITE_ERROR 11
#define RELANCE_CAIRO_PDF_METADATA_TITLE 0
#define RELANCE_CAIRO_PDF_METADATA_AUTHOR 1
#define RELANCE_CAIRO_PDF_METADATA_CREATOR 4
#define RELANCE_PANGO_SCALE 1024
#define RELANCE_PANGO_WRAP_WORD_CHAR 2
#define RELANCE_PANGO_ALIGN_LEFT 0
#define RELANCE_PANGO_ALIGN_CENTER 1
#define RELANCE_PANGO_ALIGN_RIGHT 2

/// Loads the libraries (once, thread-safe). Returns NULL when they are loaded, else why not.
const char *relance_pango_cairo_load(void);

// MARK: - cairo

relance_cairo_surface *relance_cairo_pdf_surface_create_for_stream(
    relance_cairo_write_func write, void *closure, double width_in_points, double height_in_points);
void relance_cairo_pdf_surface_set_metadata(relance_cairo_surface *surface, int metadata, const char *utf8);
void relance_cairo_surface_finish(relance_cairo_surface *surface);
int relance_cairo_surface_status(relance_cairo_surface *surface);
void relance_cairo_surface_destroy(relance_cairo_surface *surface);
const char *relance_cairo_status_to_string(int status);
relance_cairo *relance_cairo_create(relance_cairo_surface *target);
void relance_cairo_destroy(relance_cairo *cr);
void relance_cairo_show_page(relance_cairo *cr);
void relance_cairo_save(relance_cairo *cr);
void relance_cairo_restore(relance_cairo *cr);
void relance_cairo_set_source_rgb(relance_cairo *cr, double red, double green, double blue);
void relance_cairo_set_line_width(relance_cairo *cr, double width);
void relance_cairo_move_to(relance_cairo *cr, double x, double y);
void relance_cairo_line_to(relance_cairo *cr, double x, double y);
void relance_cairo_stroke(relance_cairo *cr);

// MARK: - pango

relance_pango_layout *relance_pango_cairo_create_layout(relance_cairo *cr);
void relance_pango_cairo_show_layout(relance_cairo *cr, relance_pango_layout *layout);
relance_pango_font_description *relance_pango_font_description_from_string(const char *text);
void relance_pango_font_description_free(relance_pango_font_description *description);
void relance_pango_layout_set_font_description(relance_pango_layout *layout, const relance_pango_font_description *description);
void relance_pango_layout_set_width(relance_pango_layout *layout, int width);
void relance_pango_layout_set_wrap(relance_pango_layout *layout, int wrap);
void relance_pango_layout_set_alignment(relance_pango_layout *layout, int alignment);
void relance_pango_layout_set_text(relance_pango_layout *layout, const char *text, int length);
void relance_pango_layout_get_size(relance_pango_layout *layout, int *width, int *height);
/// `g_object_unref` of a layout.
void relance_pango_layout_release(relance_pango_layout *layout);

#endif
