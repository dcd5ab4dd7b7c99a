import Dashboard
import Runs
import Training

/// A recorded run in the dashboard's terms: its events replayed into a state, its
/// interventions as chart markers.
extension RecordedRun {
    /// The picker's entry for the run, keyed by `identifier`.
    func configEntry(identifier: String) -> ConfigEntry {
        ConfigEntry(identifier: identifier, name: summary.name, group: "recorded")
    }

    /// Events and interventions in file order, for playback (a resume's re-announcements left out).
    var timeline: ReplayTimeline {
        ReplayTimeline(
            items: continuousEntries.map { entry in
                switch entry {
                case .event(let event): .event(event)
                case .intervention(let intervention): .marker(intervention)
                }
            })
    }

    /// The dashboard state the whole run leaves.
    var finalState: DashboardState {
        var state = DashboardState()
        for case .event(let event) in continuousEntries { state.apply(event) }
        return state
    }

    /// The final test accuracy: the result event's, else run.json's.
    var testAccuracy: Float? { result?.testAccuracy ?? summary.testAccuracy }
}
