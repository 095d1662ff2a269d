import RelanceCore

/// The `schedules:` section as read: the valid schedules, and what template checks need.
struct ParsedSchedules {
    /// Every schedule name written in the config, valid or not (clients may name them).
    var declared: [String] = []
    /// The schedules whose steps are all valid.
    var byName: [String: Schedule] = [:]
    /// Per schedule, each step's template with its position.
    var templates: [String: [Located<String>]] = [:]
}

extension ConfigParser {
    static let stepKeys = ["step", "offset_days", "business_days", "action", "template", "gate", "approval"]
    static let actionNames = StepAction.allCases.map(\.rawValue)

    /// The `schedules:` section: named ladders of steps, strictly ordered by `offset_days`.
    func parseSchedules(_ top: MappingReader) -> ParsedSchedules? {
        guard let reader = top.mapping("schedules", required: true) else { return nil }
        var parsed = ParsedSchedules()
        if reader.entries.isEmpty {
            log.error("`schedules` must define at least one schedule", at: reader.position)
        }
        for entry in reader.entries {
            let name = entry.key
            parsed.declared.append(name)
            guard case .sequence(let sequence) = entry.value else {
                log.error(
                    "`schedules.\(name)` must be a list of steps, found \(entry.value.kindDescription)",
                    at: entry.valuePosition)
                continue
            }
            if sequence.isEmpty {
                log.error("schedule `\(name)` has no steps", at: entry.keyNode.position)
                continue
            }
            var templates: [Located<String>] = []
            if let steps = parseSteps(sequence.items, schedule: name, templates: &templates) {
                parsed.byName[name] = Schedule(name: name, steps: steps)
            }
            parsed.templates[name] = templates
        }
        return parsed
    }

    /// The steps of one schedule, or `nil` when any is invalid (all are still checked).
    private func parseSteps(_ items: [ConfigNode], schedule: String, templates: inout [Located<String>]) -> [Step]?
    {
        var steps: [Step] = []
        var valid = true
        var names: [String: Position] = [:]
        var previous: (name: String, offset: Int)?
        var noticeBefore = false  // a `formal-notice` step came earlier in the ladder
        for (index, item) in items.enumerated() {
            let path = "schedules.\(schedule)[\(index)]"
            guard let reader = MappingReader(item, path: path, log: log) else {
                valid = false
                continue
            }
            reader.rejectUnknownKeys(allowed: Self.stepKeys)
            let name = reader.text("step", required: true)
            let offset = reader.integer("offset_days", required: true, minimum: -3_650, maximum: 3_650)
            let action = reader.choice(
                "action", StepAction.init(rawValue:), names: Self.actionNames, required: true)
            let template = reader.text("template")
            let businessDays = optional(reader, "business_days", valid: &valid) { reader.boolean($0) }
            let gate = optional(reader, "gate", valid: &valid) { reader.boolean($0) }
            let approval = optional(reader, "approval", valid: &valid) {
                reader.choice(
                    $0, { ["required", "none"].contains($0) ? $0 : nil }, names: ["required", "none"])
            }

            if let name {
                if let first = names[name.value] {
                    log.error(
                        "duplicate step `\(name.value)` in schedule `\(schedule)` "
                            + "(first at line \(first.line), column \(first.column))", at: name.position)
                    valid = false
                } else {
                    names[name.value] = name.position
                }
            }
            if let offset {
                if let previous, offset.value <= previous.offset {
                    let label = name.map { "step `\($0.value)`" } ?? "this step"
                    log.error(
                        "steps must be ordered by increasing offset_days: \(label) (\(offset.value)) "
                            + "comes after step `\(previous.name)` (\(previous.offset))", at: offset.position)
                    valid = false
                }
                previous = (name?.value ?? "#\(index)", offset.value)
            }
            if let template {
                if checkTemplateName(template, name: reader.qualified("template")) {
                    templates.append(template)
                } else {
                    valid = false
                }
            }
            if let action, action.value == .email || action.value == .formalNotice,
                reader.entry("template") == nil
            {
                let label = name.map { "step `\($0.value)`" } ?? "a step"
                log.error(
                    "\(label) with action `\(action.value.rawValue)` needs a `template`",
                    at: reader.position)
                valid = false
            }
            if let action {
                let label = name.map { "step `\($0.value)`" } ?? "this step"
                switch action.value {
                case .formalNotice:
                    noticeBefore = true
                    if let offset, offset.value < 1 {
                        log.error(
                            "\(label): a `formal-notice` comes after the due date (offset_days 1 or more), found "
                                + "\(offset.value): nothing is late before it", at: offset.position)
                        valid = false
                    }
                case .legal where !noticeBefore:
                    log.error(
                        "\(label): a `legal` step needs a `formal-notice` step before it in the schedule: the "
                            + "hand-over (injonction de payer, lawyer, agency) stands on the mise en demeure",
                        at: action.position)
                    valid = false
                default: break
                }
            }
            guard let name, let offset, let action, valid else {
                valid = false
                continue
            }
            steps.append(
                Step(
                    name: name.value, offsetDays: offset.value, businessDays: businessDays?.value ?? false,
                    action: action.value, template: template?.value, gate: gate?.value,
                    requiresApproval: approval.map { $0.value == "required" }))
        }
        return valid ? steps : nil
    }

    /// Template names become file names: letters, digits, `-`, `_` and `.`, not starting with `.`.
    private func checkTemplateName(_ template: Located<String>, name: String) -> Bool {
        let allowed = template.value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard allowed, !template.value.isEmpty, !template.value.hasPrefix(".") else {
            log.error(
                "`\(name)`: `\(template.value)` is not a template name (letters, digits, -, _ and . only)",
                at: template.position)
            return false
        }
        return true
    }
}
