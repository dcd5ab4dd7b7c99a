/// How a sliding window treats the border, by Keras's names.
public enum Padding: String, Sendable, CaseIterable {
    /// Only windows that fit inside the input: `out = (in - window) / stride + 1`.
    case valid
    /// `out = ceil(in / stride)`, zero-padding as TensorFlow does: the total padding is
    /// `max((out - 1)·stride + window - in, 0)` with the smaller half before, the larger after.
    case same

    /// The output length along one axis and the padding before the first input element.
    /// The length is zero or negative when the window does not fit (`valid` only).
    public func output(input: Int, window: Int, stride: Int) -> (length: Int, padBefore: Int) {
        switch self {
        case .valid:
            return (input >= window ? (input - window) / stride + 1 : 0, 0)
        case .same:
            let length = (input + stride - 1) / stride
            let total = max((length - 1) * stride + window - input, 0)
            return (length, total / 2)
        }
    }
}
