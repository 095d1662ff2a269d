import RelanceCore

extension ConfigParser {
    /// The two files every template needs in each language, relative to its language folder.
    static func templateFiles(_ template: String) -> [String] {
        ["\(template).subject.mustache", "\(template).txt.mustache"]
    }

    /// Checks that each step's template exists in every language its schedule's clients use.
    /// Problems are reported at the step's `template` value.
    func checkTemplates(folder: Located<String>, schedules: ParsedSchedules, clients: ParsedClients) {
        guard FileChecks.isDirectory(folder.value) else {
            log.error("`templates`: folder \(folder.value) does not exist", at: folder.position)
            return
        }
        for name in schedules.declared {
            guard let templates = schedules.templates[name], !templates.isEmpty else { continue }
            // The first client of each language on this schedule, to name in messages.
            var languages: [(language: Language, client: String)] = []
            for usage in clients.usages where usage.schedule == name {
                if !languages.contains(where: { $0.language == usage.language }) {
                    languages.append((usage.language, usage.id))
                }
            }
            for template in templates {
                for (language, client) in languages {
                    let missing = Self.templateFiles(template.value).filter {
                        !FileChecks.isRegularFile(folder.value + "/" + language.rawValue + "/" + $0)
                    }
                    guard !missing.isEmpty else { continue }
                    let files = missing.map { "\(language.rawValue)/\($0)" }.joined(separator: ", ")
                    log.error(
                        "template `\(template.value)` is missing in language `\(language.rawValue)` "
                            + "(used by client \(client), schedule `\(name)`): no \(files) in \(folder.value)",
                        at: template.position)
                }
            }
        }
    }
}
