import Foundation
import Training

/// Plays a recorded run back into the dashboard: its events go through `DashboardModel.apply`
/// as they happened, at 1x, 10x or 100x the pace it trained, or all at once to the end.
public final class ReplayController: DashboardSession {
    public private(set) var model: DashboardModel
    private let timeline: ReplayTimeline
    private let identifier: String
    private let entry: ConfigEntry
    /// Seconds on a monotonic clock (injected in tests).
    private let clock: () -> Double
    /// The next item to play.
    private var position = 0
    /// Seconds of the recording played.
    private var played = 0.0
    private var lastTick: Double?
    private var speed = 10
    private var isPaused = false

    /// - Parameters:
    ///   - entry: the run's identifier (the key of its state in the model) and names.
    ///   - clock: seconds on a clock that never goes back.
    public init(timeline: ReplayTimeline, entry: ConfigEntry, clock: @escaping () -> Double = ReplayController.uptime) {
        self.timeline = timeline
        self.entry = entry
        identifier = entry.identifier
        self.clock = clock
        model = DashboardModel(entries: [entry], current: entry.identifier)
        publish()
    }

    /// Seconds since boot, which no clock change moves.
    public static func uptime() -> Double { ProcessInfo.processInfo.systemUptime }

    @discardableResult
    public func press(_ key: Key) -> Bool {
        var keepGoing = true
        for action in model.handle(key) {
            switch action {
            case .quit: keepGoing = false
            case .playback(let command): perform(command)
            default: model.perform(action)
            }
        }
        return keepGoing
    }

    /// Plays what the time since the last pump covers at the current speed.
    @discardableResult
    public func pump() -> Bool {
        let now = clock()
        defer { lastTick = now }
        guard !isPaused, let last = lastTick, position < timeline.items.count else { return false }
        played = min(timeline.duration, played + (now - last) * Double(speed))
        return play(upTo: played)
    }

    public func stopAll() {}
    public var failure: (identifier: String, message: String)? { nil }

    // MARK: - Playback

    private func perform(_ command: PlaybackCommand) {
        switch command {
        case .speed(let value):
            speed = value
            isPaused = false
            model.perform(.notify("replay at \(value)x"))
        case .togglePause:
            isPaused.toggle()
            model.perform(.notify(isPaused ? "replay paused" : "replay at \(speed)x"))
        case .jumpToEnd:
            played = timeline.duration
            play(upTo: .infinity)
            model.perform(.notify("the end of the recording"))
        case .restart:
            model = DashboardModel(entries: [entry], current: identifier)
            position = 0
            played = 0
            isPaused = false
        }
        publish()
    }

    /// Applies every item up to `time`; whether there was any.
    @discardableResult
    private func play(upTo time: Double) -> Bool {
        let start = position
        while position < timeline.items.count, timeline.times[position] <= time {
            switch timeline.items[position] {
            case .event(let event): model.apply(event, to: identifier)
            case .marker(let marker): model.mark(marker, on: identifier)
            }
            position += 1
        }
        if position == timeline.items.count { played = timeline.duration }
        publish()
        return position > start
    }

    private func publish() {
        model.setPlayback(
            Playback(
                speed: speed, isPaused: isPaused, played: played, duration: timeline.duration,
                isAtEnd: position == timeline.items.count))
    }
}
