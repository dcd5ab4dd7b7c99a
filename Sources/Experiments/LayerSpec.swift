import NeuroEngine

/// One entry of a config's `model.layers`, checked and ready to become an engine layer.
///
/// Specs are values and can cross threads; each `makeLayer()` call builds a fresh, unbuilt
/// layer, so one config can produce any number of independent models.
public struct LayerSpec: Sendable {
    /// The Keras class name (`Dense`, `Activation`).
    public let kind: String
    /// Where the layer is declared (`model.layers[2].Dense`), for errors found when the model
    /// is assembled.
    public let location: ConfigLocation
    /// The `name:` the config gives the layer, if any; Keras rejects a model where two layers
    /// are given the same one (unnamed layers are numbered instead).
    public let explicitName: String?
    private let factory: LayerKind.Factory

    init(kind: String, location: ConfigLocation, explicitName: String? = nil, factory: @escaping LayerKind.Factory) {
        self.kind = kind
        self.location = location
        self.explicitName = explicitName
        self.factory = factory
    }

    /// A new engine layer with the arguments from the config, not yet built.
    public func makeLayer() -> any Layer { factory() }
}
