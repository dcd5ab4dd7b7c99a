/// What the terminal app drives: a model to draw, keys in, events pumped once a frame.
///
/// The live dashboard (`DashboardController`, trainers behind it) is one; a recorded run played
/// back (`ReplayController`) and runs compared side by side (`ComparisonSession`) are others.
public protocol DashboardSession: AnyObject {
    var model: DashboardModel { get }
    /// Handles a key press; false when it asks to quit.
    func press(_ key: Key) -> Bool
    /// Brings the model up to date; whether anything changed (the screen is then redrawn).
    func pump() -> Bool
    /// Stops whatever works in the background, before quitting.
    func stopAll()
    /// A training failure that makes the session end with status 1.
    var failure: (identifier: String, message: String)? { get }
}

extension DashboardController: DashboardSession {}

/// Recorded runs shown together: nothing changes but what the keys change.
public final class ComparisonSession: DashboardSession {
    public private(set) var model: DashboardModel

    public init(model: DashboardModel) {
        self.model = model
    }

    @discardableResult
    public func press(_ key: Key) -> Bool { model.performViewKey(key) }

    @discardableResult
    public func pump() -> Bool { false }
    public func stopAll() {}
    public var failure: (identifier: String, message: String)? { nil }
}

extension DashboardModel {
    /// Performs what `key` asks of a session whose every action concerns the view (no trainer
    /// behind it); false when it asks to quit.
    mutating func performViewKey(_ key: Key) -> Bool {
        var keepGoing = true
        for action in handle(key) {
            if action == .quit { keepGoing = false } else { perform(action) }
        }
        return keepGoing
    }
}
