import Yams

extension ConfigNode {
    /// The node of a tree Yams composed, every scalar's kind taken from the tag Yams resolved.
    ///
    /// Only for texts `YAMLComposer` hands to Yams (duplicate keys, several documents); an alias in
    /// Yams's tree is copied here at each use, so the caller bounds the size (`limit` nodes).
    init(yams node: Node, limit: inout Int) throws(YAMLComposer.TooLarge) {
        limit -= 1
        if limit < 0 { throw YAMLComposer.TooLarge() }
        let position = node.mark.map(Position.init) ?? .start
        switch node {
        case .scalar(let scalar):
            self = .scalar(Scalar(string: scalar.string, kind: ScalarKind(tag: Tag.Name(rawValue: node.tag.rawValue)), position: position))
        case .mapping(let mapping):
            var pairs: [(key: ConfigNode, value: ConfigNode)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping { pairs.append((try ConfigNode(yams: key, limit: &limit), try ConfigNode(yams: value, limit: &limit))) }
            self = .mapping(Mapping(pairs: pairs, position: position))
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try ConfigNode(yams: item, limit: &limit)) }
            self = .sequence(Sequence(items: items, position: position))
        case .alias:
            // Yams.compose resolves aliases to the anchored node; an alias node left in the tree reads
            // as an empty text, which every reader reports as the wrong kind.
            self = .scalar(Scalar(string: "", kind: .string, position: position))
        }
    }
}
