import CYaml
import Yams

extension YAMLComposer {
    /// The composed document (`root` nil for a text without one).
    struct Composed {
        var root: ConfigNode?
    }

    /// Builds `ConfigNode`s from libyaml's event stream over UTF-8 bytes, without recursion.
    ///
    /// `compose()` gives nil whenever Yams must decide instead (see `YAMLComposer`).
    struct EventComposer {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Called with each item of the top-level `clients:` list as soon as it is composed.
        var onClientItem: ((Int, ConfigNode) -> Void)? = nil

        /// A mapping or a list being read; its items so far are `scratch[start...]` (a mapping's keys and
        /// values alternate), copied into an array of their own, exactly sized, when it ends.
        private struct Open {
            var isMapping: Bool
            var position: Position
            var anchor: String?
            var start: Int
            /// The top-level `clients:` list (its items go to `onClientItem`).
            var isClients = false
        }

        func compose() -> Composed? {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return Composed(root: nil) }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, base, bytes.count)

            var stack: [Open] = []
            var scratch: [ConfigNode] = []
            var anchors: [String: ConfigNode] = [:]
            var root: ConfigNode?
            var documents = 0
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let position = Position(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                var complete: (node: ConfigNode, anchor: String?)?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return Composed(root: root)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 { return nil }  // Yams reports "expected a single document"
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    let kind: ConfigNode.ScalarKind
                    if scalar.quoted_implicit != 0 {
                        kind = .string
                    } else if let tag = Self.string(scalar.tag) {
                        kind = ConfigNode.ScalarKind(tag: Tag.Name(rawValue: tag))
                    } else {
                        kind = YAMLComposer.kind(ofPlain: text)
                    }
                    complete = (.scalar(.init(string: text, kind: kind, position: position)), Self.string(scalar.anchor))
                case YAML_ALIAS_EVENT:
                    guard let name = Self.string(event.data.alias.anchor), let node = anchors[name] else { return nil }
                    complete = (node, nil)
                case YAML_SEQUENCE_START_EVENT:
                    var open = Open(
                        isMapping: false, position: position, anchor: Self.string(event.data.sequence_start.anchor), start: scratch.count)
                    if stack.count == 1, stack[0].isMapping, (scratch.count - stack[0].start) % 2 == 1,
                        case .scalar(let key) = scratch[scratch.count - 1], key.string == "clients"
                    {
                        open.isClients = onClientItem != nil
                    }
                    stack.append(open)
                case YAML_MAPPING_START_EVENT:
                    stack.append(
                        Open(isMapping: true, position: position, anchor: Self.string(event.data.mapping_start.anchor), start: scratch.count))
                case YAML_SEQUENCE_END_EVENT:
                    guard let open = stack.popLast() else { return nil }
                    let items = Array(scratch[open.start...])
                    scratch.removeSubrange(open.start...)
                    complete = (.sequence(.init(items: items, position: open.position)), open.anchor)
                case YAML_MAPPING_END_EVENT:
                    guard let open = stack.popLast(), let pairs = Self.pairs(scratch[open.start...]) else { return nil }
                    scratch.removeSubrange(open.start...)
                    complete = (.mapping(.init(pairs: pairs, position: open.position)), open.anchor)
                default:
                    break  // stream start, document end
                }
                guard let (node, anchor) = complete else { continue }
                if let anchor { anchors[anchor] = node }
                if stack.isEmpty {
                    root = node
                } else {
                    if stack.count == 2, stack[1].isClients { onClientItem?(scratch.count - stack[1].start, node) }
                    scratch.append(node)
                }
            }
        }

        /// A mapping's pairs from its alternating keys and values; nil when a key is not a scalar or
        /// appears twice (Yams decides then).
        private static func pairs(_ items: ArraySlice<ConfigNode>) -> [(key: ConfigNode, value: ConfigNode)]? {
            var pairs: [(key: ConfigNode, value: ConfigNode)] = []
            pairs.reserveCapacity(items.count / 2)
            var keys = Set<String>(minimumCapacity: items.count > 32 ? items.count / 2 : 0)
            var index = items.startIndex
            while index + 1 < items.endIndex {
                let key = items[index]
                guard case .scalar(let scalar) = key else { return nil }
                if items.count > 32 {
                    guard keys.insert(scalar.string).inserted else { return nil }
                } else if pairs.contains(where: { if case .scalar(let other) = $0.key { other.string == scalar.string } else { false } }) {
                    return nil
                }
                pairs.append((key, items[index + 1]))
                index += 2
            }
            return pairs
        }

        private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let pointer else { return nil }
            return String(cString: pointer)
        }
    }
}
