/// An image summary: its size (the pixels are not decoded yet).
public struct ImagePoint: Sendable, Equatable {
    public var tag: String
    public var step: Int64
    public var wallTime: Double
    public var width: Int
    public var height: Int
    /// 1 grayscale, 2 grayscale and alpha, 3 RGB, 4 RGBA (0 when the writer did not say).
    public var channels: Int
}
