/// An image summary, in gray levels (PNG decoded; colour averaged, alpha dropped).
public struct ImagePoint: Sendable, Equatable {
    public var tag: String
    public var step: Int64
    public var wallTime: Double
    public var width: Int
    public var height: Int
    /// 1 grayscale, 2 grayscale and alpha, 3 RGB, 4 RGBA (0 when the writer did not say).
    public var channels: Int
    /// Gray levels 0-255, row by row, `width` x `height` of them.
    public var pixels: [UInt8]
}
