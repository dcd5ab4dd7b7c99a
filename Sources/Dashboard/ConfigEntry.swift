/// A config the picker offers: its identifier (what the loader takes), name and family.
public struct ConfigEntry: Sendable, Equatable {
    public var identifier: String
    public var name: String
    /// The family the picker groups it under (`MLP`, `CNN`, `autoencoder`).
    public var group: String

    public init(identifier: String, name: String, group: String) {
        self.identifier = identifier
        self.name = name
        self.group = group
    }
}
