/// The names a template may use at one level of its context (the root, `creditor`, one element of
/// `invoices`…), and what a section or a dotted name opens on each: what a template is checked against
/// when it is loaded (``TemplateNameChecker``).
struct TemplateScope: Sendable {
    /// What one name holds, as far as a template's sections and dotted names can tell.
    indirect enum Member: Sendable {
        /// A string, a number or a flag: `{{name}}`, `{{#name}}…{{/name}}`; nothing to name inside it.
        case value
        /// An object: `{{name.child}}`, and `{{#name}}{{child}}{{/name}}`.
        case object(TemplateScope)
        /// A list: `{{#name}}{{child}}{{/name}}` names the fields of each element (`{{.}}` the element).
        case list(TemplateScope)
    }

    /// Every name of this level and what it holds.
    let members: [String: Member]

    /// `names`, each a ``Member/value`` unless `opening` says what it holds. Every key of `opening` must be
    /// one of `names`.
    init(names: [String], opening: [String: Member] = [:]) {
        precondition(Set(opening.keys).isSubset(of: names), "opening names a member that is not in the scope")
        var members: [String: Member] = [:]
        for name in names { members[name] = opening[name] ?? .value }
        self.members = members
    }

    /// A level with no names: the lines of an address, seen through `{{#creditor.address}}{{.}}…`.
    static let none = TemplateScope(names: [])

    /// The names, sorted.
    var names: [String] { members.keys.sorted() }

    /// Where else a member called `name` is: the path of each object (`creditor`) and list (`invoices`),
    /// this level's and below, whose members have it, in name order.
    func places(having name: String, under prefix: String = "") -> [(path: String, isList: Bool)] {
        var found: [(path: String, isList: Bool)] = []
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            let path = prefix.isEmpty ? key : prefix + "." + key
            switch member {
            case .value: continue
            case .object(let scope):
                if scope.members[name] != nil { found.append((path, false)) }
                found += scope.places(having: name, under: path)
            case .list(let scope):
                if scope.members[name] != nil { found.append((path, true)) }
                found += scope.places(having: name, under: path)
            }
        }
        return found
    }
}
