import NeuroEngine

/// Readers for the arguments of the image layers: window sizes, padding, data format and shapes.
extension ConfigNode {
    /// A window size or stride as Keras takes it: one positive integer for both axes (`3`) or a
    /// pair `[height, width]` (`(3, 3)` in Python).
    func window() throws(ConfigError) -> (height: Int, width: Int) {
        let expected = "a positive integer or a pair like [3, 3]"
        if case .scalar = node {
            guard let size = node.int, size > 0 else { throw .wrongType(location, expected: expected, found: rendered) }
            return (size, size)
        }
        let items = try sequence(expected: expected)
        guard items.count == 2 else {
            throw .wrongType(location, expected: expected, found: "a list of \(items.count)")
        }
        let height = try items[0].positiveInt()
        let width = try items[1].positiveInt()
        return (height, width)
    }

    /// `valid` or `same`.
    func padding() throws(ConfigError) -> Padding {
        let name = try string()
        guard let padding = Padding(rawValue: name) else {
            throw .unknownName(location, category: "padding", name: name, known: Padding.allCases.map(\.rawValue))
        }
        return padding
    }

    /// Keras's image layout names. Images stay channels-first inside neurotop (a `[channels,
    /// height, width]` sample, memory order shared with the flat 784-vector), so only
    /// `channels_first` is accepted; `channels_last` would need every image transposed on the way
    /// in, and is refused with a message that says how to write the config instead.
    static let dataFormats = ["channels_first", "channels_last"]

    /// Checks that the value is `channels_first`.
    func channelsFirst() throws(ConfigError) {
        let name = try string()
        switch name {
        case "channels_first":
            return
        case "channels_last":
            throw .invalidValue(
                location,
                message: "data_format 'channels_last' is not supported: neurotop keeps images channels-first "
                    + "inside; write data_format: channels_first and give model.input as [channels, height, width], "
                    + "e.g. [1, 28, 28]")
        default:
            throw .unknownName(location, category: "data_format", name: name, known: Self.dataFormats)
        }
    }

    /// Keras's `Reshape` target: positive sizes, at most one of them -1 (inferred).
    func targetShape() throws(ConfigError) -> [Int] {
        let expected = "a list of positive integers (one may be -1) like [1, 28, 28]"
        let items = try sequence(expected: expected)
        guard !items.isEmpty else { throw .wrongType(location, expected: expected, found: "an empty list") }
        var shape: [Int] = []
        for item in items {
            guard let size = item.node.int, size > 0 || size == -1 else {
                throw .wrongType(item.location, expected: "a positive integer or -1", found: item.rendered)
            }
            shape.append(size)
        }
        guard shape.filter({ $0 == -1 }).count <= 1 else {
            throw .invalidValue(location, message: "at most one size may be -1 (inferred), got \(shape)")
        }
        return shape
    }
}
