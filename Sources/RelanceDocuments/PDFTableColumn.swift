/// A column of a table drawn by `PDFDocumentWriter`: its heading, width in points and alignment.
struct PDFTableColumn: Sendable {
    var title: String
    var width: Double
    var alignment: PDFAlignment

    init(_ title: String, width: Double, alignment: PDFAlignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}
