import Training

/// What the charts draw besides the run on screen: the other compared runs, or their band, a
/// pinned baseline, and the markers of what the user did.
struct ChartOverlay {
    struct Curve {
        var label: String
        var state: DashboardState
        var style: CellStyle
        /// The final test accuracy for the legend.
        var testAccuracy: Float?
    }

    /// Every compared run in legend order (the one on screen among them), empty otherwise.
    var curves: [Curve] = []
    /// The label of the run on screen, drawn on top of the others.
    var selected: String?
    /// Draw `curves` as their mean and min-max band.
    var drawsBand = false
    var baseline: Curve?
    /// Markers of the stage on screen.
    var markers: [Intervention] = []
}

extension DashboardModel {
    /// The overlay for the screen as it stands.
    func chartOverlay(theme: Theme) -> ChartOverlay {
        var overlay = ChartOverlay()
        if let comparison {
            overlay.curves = comparison.members.enumerated().map { index, member in
                ChartOverlay.Curve(
                    label: member.label, state: runs[member.label] ?? DashboardState(), style: theme.series(index),
                    testAccuracy: member.testAccuracy)
            }
            overlay.selected = current
            overlay.drawsBand = comparison.drawsBand
        }
        if let fork, let twin = runs[fork.twin] {
            overlay.curves = [
                ChartOverlay.Curve(
                    label: fork.originalLabel, state: state, style: theme.series(0),
                    testAccuracy: state.result?.testAccuracy),
                ChartOverlay.Curve(
                    label: fork.twinLabel, state: twin, style: theme.series(1), testAccuracy: twin.result?.testAccuracy),
            ]
            overlay.selected = fork.originalLabel
        }
        if let baseline {
            overlay.baseline = ChartOverlay.Curve(
                label: baseline.label, state: baseline.state, style: theme.baseline,
                testAccuracy: baseline.state.result?.testAccuracy)
        }
        let stage = state.stage?.index ?? 0
        overlay.markers = (markers[current] ?? []).filter { $0.stage == stage }
        if let fork, fork.stage == stage {
            overlay.markers.append(Intervention(action: .fork, globalStep: fork.globalStep, stage: fork.stage))
        }
        return overlay
    }
}
