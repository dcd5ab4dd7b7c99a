/// Where each panel goes on a screen of a given size.
///
/// At 80x24 every panel gets just enough room; larger screens give the charts and the digits
/// more rows and columns, and leftover rows under the layer table go to the journal.
public struct DashboardLayout: Equatable, Sendable {
    /// The smallest screen the dashboard draws on.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var header: Rect
    public var charts: Rect
    public var digits: Rect
    public var layers: Rect
    /// Empty when there is no room for it.
    public var journal: Rect
    public var status: Rect

    /// The layout for `bounds`, with a layer table of `layerCount` rows.
    public init(bounds: Rect, layerCount: Int) {
        let (header, belowHeader) = bounds.splitTop(2)
        let body = Rect(x: belowHeader.x, y: belowHeader.y, width: belowHeader.width, height: belowHeader.height - 1)
        status = Rect(x: bounds.x, y: bounds.maxY - 1, width: bounds.width, height: 1)
        self.header = header
        // The charts and digits take what the layer table and a few journal lines leave.
        let tableHeight = layerCount + 3
        let topHeight = min(max(body.height - tableHeight - 6, 10), max(18, body.height * 3 / 5))
        let (top, bottom) = body.splitTop(topHeight)
        let digitsWidth = min(max(bounds.width * 2 / 5, 32), 62)
        let (charts, digits) = top.splitLeft(top.width - digitsWidth)
        self.charts = charts
        self.digits = digits
        if bottom.height - tableHeight >= 5 {
            let (table, rest) = bottom.splitTop(tableHeight)
            layers = table
            journal = rest
        } else {
            layers = bottom
            journal = Rect(x: bottom.x, y: bottom.maxY, width: bottom.width, height: 0)
        }
    }

    /// Whether a screen of this size can show the dashboard.
    public static func fits(width: Int, height: Int) -> Bool {
        width >= minimumWidth && height >= minimumHeight
    }
}
