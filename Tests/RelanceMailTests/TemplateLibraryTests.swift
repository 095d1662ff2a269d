import Foundation
import RelanceCore
import Testing
@testable import RelanceMail

@Suite("Loading templates from a folder")
struct TemplateLibraryTests {
    private func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("relance-templates-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    @Test func loadsEveryLanguageAndName() throws {
        let root = try folder([
            "fr/a.subject.mustache": "Sujet", "fr/a.txt.mustache": "Texte", "fr/a.html.mustache": "<p>HTML</p>",
            "en/b.subject.mustache": "Subject", "en/b.txt.mustache": "Text", "fr/notes.md": "ignored",
        ])
        let library = try TemplateLibrary(directory: root)
        #expect(library.names(for: .fr) == ["a"])
        #expect(library.names(for: .en) == ["b"])
        #expect(library.contains("a", language: .fr))
        #expect(!library.contains("a", language: .en))
        #expect(library.template("a", language: .fr)?.htmlFile == root + "/fr/a.html.mustache")
        #expect(library.template("b", language: .en)?.htmlFile == nil)
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let root = try folder([
            "fr/a.subject.mustache": "Sujet",
            "fr/a.txt.mustache": "ligne 1\nligne 2\n{{#invoices}}\n{{number}}\n{{/factures}}\n",
        ])
        let error = try #require(throws: TemplateLoadError.self) { try TemplateLibrary(directory: root) }
        #expect(error.problems.count == 1)
        let problem = try #require(error.problems.first)
        #expect(problem.file == root + "/fr/a.txt.mustache")
        #expect(problem.line == 5)
        #expect(problem.description.hasPrefix(root + "/fr/a.txt.mustache:5:"))
    }

    @Test func htmlSyntaxErrorLineIsNotShifted() throws {
        let root = try folder([
            "en/a.subject.mustache": "S", "en/a.txt.mustache": "T", "en/a.html.mustache": "<p>\n{{#x}}\n</p>\n",
        ])
        let error = try #require(throws: TemplateLoadError.self) { try TemplateLibrary(directory: root) }
        #expect(error.problems.first?.file == root + "/en/a.html.mustache")
        #expect(error.problems.first?.line == 4)
    }

    @Test func subjectWithoutTextIsReported() throws {
        let root = try folder(["fr/a.subject.mustache": "Sujet", "fr/b.txt.mustache": "Texte"])
        let error = try #require(throws: TemplateLoadError.self) { try TemplateLibrary(directory: root) }
        #expect(error.problems.map(\.file) == [root + "/fr/a.txt.mustache", root + "/fr/b.subject.mustache"])
    }

    @Test func missingFolderIsReported() {
        #expect(throws: TemplateLoadError.self) { try TemplateLibrary(directory: "/nonexistent/relance/templates") }
    }

    @Test func unknownTemplateIsAnErrorNamingIt() throws {
        let library = TemplateLibrary(templates: [])
        let error = try #require(throws: TemplateError.self) {
            try library.render("nope", language: .fr, context: [:])
        }
        #expect(error.message.contains("nope"))
    }

    @Test func invalidUTF8IsReported() throws {
        let root = try folder(["fr/a.subject.mustache": "S"])
        try Data([0x66, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: root + "/fr/a.txt.mustache"))
        let error = try #require(throws: TemplateLoadError.self) { try TemplateLibrary(directory: root) }
        #expect(error.problems.first?.message == "not valid UTF-8")
    }
}
