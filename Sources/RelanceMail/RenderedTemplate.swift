/// A template rendered for one message, before MIME encoding.
public struct RenderedTemplate: Sendable, Hashable {
    /// One trimmed line, no control characters.
    public var subject: String
    /// The plain-text body, lines separated by `\n`, ending with one `\n`.
    public var text: String
    /// The HTML body, when the template has one.
    public var html: String?

    public init(subject: String, text: String, html: String? = nil) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}
