/// The family a config belongs to, which the dashboard cycles through with tab.
public enum ConfigGroup: String, Sendable, CaseIterable, Comparable {
    case mlp = "MLP"
    case cnn = "CNN"
    case autoencoder = "autoencoder"
    /// A config whose identifier has none of the known prefixes.
    case other = "other"

    /// The group named by an identifier's prefix: `mlp-`, `cnn-`, `ae-`.
    public init(identifier: String) {
        let prefix = identifier.lowercased()
        if prefix.hasPrefix("mlp-") {
            self = .mlp
        } else if prefix.hasPrefix("cnn-") {
            self = .cnn
        } else if prefix.hasPrefix("ae-") {
            self = .autoencoder
        } else {
            self = .other
        }
    }

    /// Groups sort in the article's order: MLPs, CNNs, autoencoders, then anything else.
    public static func < (lhs: ConfigGroup, rhs: ConfigGroup) -> Bool {
        let order = allCases
        return order.firstIndex(of: lhs) ?? 0 < order.firstIndex(of: rhs) ?? 0
    }
}
