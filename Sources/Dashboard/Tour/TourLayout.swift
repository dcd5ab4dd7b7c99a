/// Where the tour puts the dashboard's panels and its own side panel.
///
/// The side panel takes a third of the width (34 to 48 columns) on the right, from below the
/// header to above the status line, which keep the full width. The dashboard's panels share the
/// rest as on a screen of that size; when that leaves under 80 columns, the charts and the test
/// digits no longer fit side by side, and the step's panel of the two (the charts otherwise)
/// takes their whole row.
public struct TourLayout: Equatable, Sendable {
    public static let minimumPanelWidth = 34
    public static let maximumPanelWidth = 48

    public var dashboard: DashboardLayout
    /// The side panel with the step's text.
    public var panel: Rect

    public init(bounds: Rect, layerCount: Int, focus: TourStep.Panel) {
        let panelWidth = min(max(bounds.width / 3, Self.minimumPanelWidth), Self.maximumPanelWidth)
        let left = Rect(x: bounds.x, y: bounds.y, width: bounds.width - panelWidth, height: bounds.height)
        var layout = DashboardLayout(bounds: left, layerCount: layerCount)
        layout.header = bounds.splitTop(2).top
        layout.status = Rect(x: bounds.x, y: bounds.maxY - 1, width: bounds.width, height: 1)
        if left.width < DashboardLayout.minimumWidth {
            let row = Rect(
                x: layout.charts.x, y: layout.charts.y, width: layout.charts.width + layout.digits.width,
                height: layout.charts.height)
            let nothing = Rect(x: row.maxX, y: row.y, width: 0, height: row.height)
            (layout.charts, layout.digits) = focus == .digits ? (nothing, row) : (row, nothing)
        }
        dashboard = layout
        panel = Rect(x: left.maxX, y: bounds.y + 2, width: panelWidth, height: bounds.height - 3)
    }

    /// The rectangle of a dashboard panel.
    public func rect(of panel: TourStep.Panel) -> Rect {
        switch panel {
        case .header: dashboard.header
        case .charts: dashboard.charts
        case .digits: dashboard.digits
        case .layers: dashboard.layers
        case .journal: dashboard.journal
        }
    }
}
