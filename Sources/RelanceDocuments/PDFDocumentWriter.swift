import CPangoCairo
import Foundation

/// fontconfig and pango's font maps are set up lazily and shared: documents are drawn one at a time.
private let renderLock = NSLock()

/// A4 PDF output on a cairo PDF surface, with pango layouts for wrapped UTF-8 text, simple tables
/// and page breaks. Not thread-safe: use one writer per document, through `PDFDocumentWriter.render`.
final class PDFDocumentWriter {
    /// A4 in PostScript points.
    static let pageWidth = 595.276
    static let pageHeight = 841.89

    let left = 56.7
    let right = PDFDocumentWriter.pageWidth - 56.7
    let top = 56.7
    let bottom = PDFDocumentWriter.pageHeight - 64.0
    var contentWidth: Double { right - left }

    /// Where the next block starts (points from the top of the page).
    private(set) var y: Double
    /// Pages started so far.
    private(set) var pageCount = 1
    /// The text at the foot of each page, given its number.
    var footer: (@Sendable (Int) -> String)?

    private let output = PDFOutputBuffer()
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private var finished = false

    /// Draws a whole document with `body` and returns the PDF bytes.
    static func render(_ body: (PDFDocumentWriter) throws -> Void) throws -> [UInt8] {
        // Loads cairo and pango on the first document (CPangoCairo.h): a daemon that draws none never maps them.
        if let reason = relance_pango_cairo_load() { throw DocumentError.pdf(String(cString: reason)) }
        renderLock.lock()
        defer { renderLock.unlock() }
        let writer = try PDFDocumentWriter()
        try body(writer)
        return try writer.finish()
    }

    private init() throws {
        let closure = Unmanaged.passUnretained(output).toOpaque()
        guard
            let surface = relance_cairo_pdf_surface_create_for_stream(
                { closure, data, length in
                    guard let closure, let data else { return RELANCE_CAIRO_STATUS_WRITE_ERROR }
                    let output = Unmanaged<PDFOutputBuffer>.fromOpaque(closure).takeUnretainedValue()
                    output.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                    return RELANCE_CAIRO_STATUS_SUCCESS
                }, closure, PDFDocumentWriter.pageWidth, PDFDocumentWriter.pageHeight)
        else { throw DocumentError.pdf("cannot create a PDF surface") }
        guard let cr = relance_cairo_create(surface) else {
            relance_cairo_surface_destroy(surface)
            throw DocumentError.pdf("cannot create a cairo context")
        }
        self.surface = surface
        self.cr = cr
        self.y = top
    }

    deinit {
        relance_cairo_destroy(cr)
        relance_cairo_surface_destroy(surface)
    }

    /// Sets the document's title and author in the PDF metadata.
    func setMetadata(title: String, author: String) {
        relance_cairo_pdf_surface_set_metadata(surface, RELANCE_CAIRO_PDF_METADATA_TITLE, title)
        relance_cairo_pdf_surface_set_metadata(surface, RELANCE_CAIRO_PDF_METADATA_AUTHOR, author)
        relance_cairo_pdf_surface_set_metadata(surface, RELANCE_CAIRO_PDF_METADATA_CREATOR, "relance")
    }

    /// Adds vertical space (never carried over to a new page).
    func space(_ points: Double) {
        y = min(y + points, bottom)
    }

    /// Starts a new page when less than `height` points are left on this one.
    func ensureSpace(_ height: Double) {
        if y + height > bottom && y > top { newPage() }
    }

    /// Ends the page (with its footer) and starts another.
    func newPage() {
        drawFooter()
        relance_cairo_show_page(cr)
        pageCount += 1
        y = top
    }

    /// A wrapped paragraph at `indent` points from the left margin, moved whole to the next page if
    /// it does not fit.
    func paragraph(
        _ text: String, style: PDFTextStyle = .body, alignment: PDFAlignment = .left, indent: Double = 0,
        width: Double? = nil, spaceAfter: Double = 6
    ) {
        let boxWidth = width ?? (contentWidth - indent)
        let layout = makeLayout(text, style: style, width: boxWidth, alignment: alignment)
        defer { relance_pango_layout_release(layout) }
        let height = measure(layout)
        ensureSpace(height)
        draw(layout, x: left + indent, y: y)
        y += height + spaceAfter
    }

    /// Several blocks side by side (e.g. sender and addressee), each wrapped in its own column.
    func columns(_ blocks: [(text: String, style: PDFTextStyle, x: Double, width: Double)], spaceAfter: Double = 12) {
        var tallest = 0.0
        var layouts: [(OpaquePointer, Double)] = []
        for block in blocks {
            let layout = makeLayout(block.text, style: block.style, width: block.width, alignment: .left)
            layouts.append((layout, block.x))
            tallest = max(tallest, measure(layout))
        }
        ensureSpace(tallest)
        for (layout, x) in layouts {
            draw(layout, x: left + x, y: y)
            relance_pango_layout_release(layout)
        }
        y += tallest + spaceAfter
    }

    /// A table with a bold heading row repeated on every page it spans; `boldRows` are emphasised.
    func table(_ columns: [PDFTableColumn], rows: [[String]], boldRows: Set<Int> = [], spaceAfter: Double = 10) {
        let padding = 3.0
        func drawRow(_ cells: [String], style: PDFTextStyle, rule: Double) -> Bool {
            var layouts: [OpaquePointer] = []
            defer { layouts.forEach { relance_pango_layout_release($0) } }
            var height = 0.0
            for (index, column) in columns.enumerated() {
                let text = index < cells.count ? cells[index] : ""
                let layout = makeLayout(text, style: style, width: column.width - 2 * padding, alignment: column.alignment)
                layouts.append(layout)
                height = max(height, measure(layout))
            }
            let rowHeight = height + 2 * padding
            if y + rowHeight > bottom && y > top { return false }
            var x = left
            for (index, layout) in layouts.enumerated() {
                draw(layout, x: x + padding, y: y + padding)
                x += columns[index].width
            }
            y += rowHeight
            horizontalRule(width: rule)
            return true
        }
        let header = columns.map(\.title)
        ensureSpace(60)
        horizontalRule(width: 0.8)
        _ = drawRow(header, style: .smallBold, rule: 0.8)
        for (index, row) in rows.enumerated() {
            let style: PDFTextStyle = boldRows.contains(index) ? .smallBold : .small
            if !drawRow(row, style: style, rule: 0.3) {
                newPage()
                horizontalRule(width: 0.8)
                _ = drawRow(header, style: .smallBold, rule: 0.8)
                _ = drawRow(row, style: style, rule: 0.3)
            }
        }
        y += spaceAfter
    }

    /// A thin line across the text width at the current position.
    func horizontalRule(width: Double = 0.5) {
        relance_cairo_save(cr)
        relance_cairo_set_source_rgb(cr, 0.45, 0.45, 0.45)
        relance_cairo_set_line_width(cr, width)
        relance_cairo_move_to(cr, left, y)
        relance_cairo_line_to(cr, right, y)
        relance_cairo_stroke(cr)
        relance_cairo_restore(cr)
    }

    /// Ends the last page, closes the surface and returns the bytes.
    private func finish() throws -> [UInt8] {
        precondition(!finished, "a PDF is finished once")
        finished = true
        drawFooter()
        relance_cairo_show_page(cr)
        relance_cairo_surface_finish(surface)
        let status = relance_cairo_surface_status(surface)
        guard status == RELANCE_CAIRO_STATUS_SUCCESS else {
            throw DocumentError.pdf(String(cString: relance_cairo_status_to_string(status)))
        }
        return output.bytes
    }

    private func drawFooter() {
        guard let footer else { return }
        let layout = makeLayout(footer(pageCount), style: .small, width: contentWidth, alignment: .center)
        defer { relance_pango_layout_release(layout) }
        draw(layout, x: left, y: PDFDocumentWriter.pageHeight - 40)
    }

    private func makeLayout(_ text: String, style: PDFTextStyle, width: Double, alignment: PDFAlignment) -> OpaquePointer {
        let layout = relance_pango_cairo_create_layout(cr)!
        let description = relance_pango_font_description_from_string(style.font)
        relance_pango_layout_set_font_description(layout, description)
        relance_pango_font_description_free(description)
        relance_pango_layout_set_width(layout, Int32(width * Double(RELANCE_PANGO_SCALE)))
        relance_pango_layout_set_wrap(layout, RELANCE_PANGO_WRAP_WORD_CHAR)
        switch alignment {
        case .left: relance_pango_layout_set_alignment(layout, RELANCE_PANGO_ALIGN_LEFT)
        case .center: relance_pango_layout_set_alignment(layout, RELANCE_PANGO_ALIGN_CENTER)
        case .right: relance_pango_layout_set_alignment(layout, RELANCE_PANGO_ALIGN_RIGHT)
        }
        relance_pango_layout_set_text(layout, text, -1)
        return layout
    }

    private func measure(_ layout: OpaquePointer) -> Double {
        var width: Int32 = 0
        var height: Int32 = 0
        relance_pango_layout_get_size(layout, &width, &height)
        return Double(height) / Double(RELANCE_PANGO_SCALE)
    }

    private func draw(_ layout: OpaquePointer, x: Double, y: Double) {
        relance_cairo_set_source_rgb(cr, 0, 0, 0)
        relance_cairo_move_to(cr, x, y)
        relance_pango_cairo_show_layout(cr, layout)
    }
}

/// The bytes cairo streams out, collected in memory.
private final class PDFOutputBuffer {
    var bytes: [UInt8] = []
}
