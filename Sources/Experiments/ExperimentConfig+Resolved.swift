import Yams

extension ExperimentConfig {
    /// The config's YAML with the command line's overrides written in (`fit.epochs`,
    /// `fit.batch_size`, `seed`), so that the text alone runs the same recipe again.
    /// Comments are not kept; when the source cannot be rewritten it is returned as it is.
    public func resolvedYAML(epochs: Int?, batchSize: Int?, seed: UInt64?) -> String {
        guard epochs != nil || batchSize != nil || seed != nil else { return source }
        guard let document = try? Yams.compose(yaml: source), case .mapping(var top) = document else { return source }
        var fit: Node.Mapping
        if case .mapping(let existing)? = top["fit"] { fit = existing } else { fit = Node.Mapping([]) }
        if let epochs { fit["epochs"] = Node(String(epochs), Tag(.int)) }
        if let batchSize { fit["batch_size"] = Node(String(batchSize), Tag(.int)) }
        if epochs != nil || batchSize != nil { top["fit"] = .mapping(fit) }
        if let seed { top["seed"] = Node(String(seed), Tag(.int)) }
        return (try? Yams.serialize(node: .mapping(top))) ?? source
    }
}
