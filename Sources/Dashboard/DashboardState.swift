import Training

/// The dashboard's model of what it shows, built only from training events.
public struct DashboardState {
    public init() {}
}
