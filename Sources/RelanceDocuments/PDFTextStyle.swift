/// The few text styles documents use, as pango font descriptions (DejaVu Sans through fontconfig).
enum PDFTextStyle: Sendable {
    case body, bold, small, smallBold, heading, title

    /// The pango font description string.
    var font: String {
        switch self {
        case .body: return "DejaVu Sans 9.5"
        case .bold: return "DejaVu Sans Bold 9.5"
        case .small: return "DejaVu Sans 8"
        case .smallBold: return "DejaVu Sans Bold 8"
        case .heading: return "DejaVu Sans Bold 11"
        case .title: return "DejaVu Sans Bold 14"
        }
    }
}

/// Horizontal alignment of a paragraph or a table cell.
enum PDFAlignment: Sendable {
    case left, center, right
}
