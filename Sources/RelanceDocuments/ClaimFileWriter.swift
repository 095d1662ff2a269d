import Foundation
import RelanceCore

/// Writes a claim file: the folder `<out>/<client-id>-<date>/` and `<out>/<client-id>-<date>.zip`.
///
/// The folder holds `summary.pdf`, `claim.csv`, `invoices/` (copies of the invoice PDFs),
/// `mise-en-demeure.pdf` (`mise-en-demeure-<date>.pdf` each when there are several),
/// `registered-letter.txt`, `reminders/NN-<date>-<step>.eml` with `NN-<date>-<step>.smtp.txt`, and `journal.txt` (the last four when given). A folder and zip of
/// the same name are replaced. File I/O only: the content is built by the caller.
public struct ClaimFileWriter: Sendable {
    /// The summary's language; `nil`: the courts' language of the creditor's jurisdiction
    /// (`ClaimFileContent.courtLanguage`).
    public var summaryLanguage: Language?

    /// A writer, with the summary in `summaryLanguage` (by default the courts' language).
    public init(summaryLanguage: Language? = nil) {
        self.summaryLanguage = summaryLanguage
    }

    /// Writes the claim file under `folder` (created if needed); returns the paths of the claim
    /// file's folder and of its zip.
    @discardableResult
    public func write(_ content: ClaimFileContent, to folder: String) throws -> (folder: String, zip: String) {
        let parent = URL(fileURLWithPath: folder).standardizedFileURL.path
        let name = content.folderName
        let root = parent + "/" + name
        try FileOutput.makeFolder(parent)
        if FileManager.default.fileExists(atPath: root) {
            do { try FileManager.default.removeItem(atPath: root) } catch {
                throw DocumentError.io(path: root, reason: error.localizedDescription)
            }
        }
        try FileOutput.makeFolder(root)

        var documents: [String] = []
        func add(_ relative: String, _ bytes: [UInt8]) throws {
            try FileOutput.write(bytes, to: root + "/" + relative)
            documents.append(relative)
        }

        try add(ClaimFileNames.csv, Array(ClaimCSV.text(content.invoices).utf8))
        if !content.invoicePDFs.isEmpty {
            try FileOutput.makeFolder(root + "/" + ClaimFileNames.invoices)
            var used: Set<String> = []
            for source in content.invoicePDFs {
                var base = ClaimFileNames.safe(URL(fileURLWithPath: source).lastPathComponent)
                while used.contains(base) { base = "1-" + base }
                used.insert(base)
                let relative = ClaimFileNames.invoices + "/" + base
                try FileOutput.copy(source, to: root + "/" + relative)
                documents.append(relative)
            }
        }
        for letter in content.formalNotices {
            try add(ClaimFileNames.formalNotice(letter, among: content.formalNotices.count), letter.pdf)
        }
        if let proof = content.registeredLetterProof {
            try add(ClaimFileNames.registeredLetter, Array(Self.line(proof).utf8))
        }
        if !content.reminders.isEmpty {
            try FileOutput.makeFolder(root + "/" + ClaimFileNames.reminders)
            for (index, reminder) in content.reminders.enumerated() {
                let base = ClaimFileNames.reminders + "/" + ClaimFileNames.reminder(index, reminder)
                try add(base + ".eml", reminder.eml)
                try add(base + ".smtp.txt", Array(Self.line(reminder.smtpAcceptance).utf8))
            }
        }
        if !content.journal.isEmpty {
            try add(ClaimFileNames.journal, Array((content.journal.joined(separator: "\n") + "\n").utf8))
        }

        let summary = try ClaimSummary(
            content: content, documents: [ClaimFileNames.summary] + documents, language: summaryLanguage
        ).pdf()
        try FileOutput.write(summary, to: root + "/" + ClaimFileNames.summary)

        let zip = parent + "/" + name + ".zip"
        try ZipArchiver.zip(folder: name, in: parent, to: zip)
        return (root, zip)
    }

    /// Text ending with exactly one line break.
    private static func line(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }
}
