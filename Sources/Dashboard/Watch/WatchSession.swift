import Foundation
import RunLogs

/// The dashboard on runs another program writes (`neurotop watch`), followed live and
/// read-only: every `pollInterval` each file is read from where its reader stopped, and every
/// `discoveryInterval` the paths are walked again for new files (a new run, Keras's
/// `validation/` after the first epoch). Polling, not inotify: it works the same on network
/// file systems and costs one `stat` and one short read per file per poll.
public final class WatchSession: DashboardSession {
    /// Well within the 0.5 s a new value may take to show.
    public static let pollInterval = 0.2
    public static let discoveryInterval = 1.0
    /// Longest a frame spends reading: a large log loads over several frames, keys still answered.
    public static let readBudget = 0.05

    public private(set) var model: DashboardModel
    private let paths: [String]
    private var followed: [FollowedFile] = []
    private let clock: () -> Double
    private var lastRead: Double?
    private var lastDiscovery: Double?
    /// Whether a file had more to read when the last frame's budget ran out.
    private var isBehind = false
    /// The file the last read had no time left for, where the next one begins.
    private var firstToRead = 0

    /// Finds the files under `paths` and reads what they hold now (the first frame's worth).
    ///
    /// - Throws: `RunLogError` when a path does not exist or holds nothing to read.
    public init(paths: [String], clock: @escaping () -> Double = ReplayController.uptime) throws(RunLogError) {
        self.paths = paths
        self.clock = clock
        model = .watching()
        for path in paths {
            for file in try RunLogDiscovery.files(at: path) { follow(file) }
        }
        lastDiscovery = clock()
        _ = pump()
    }

    @discardableResult
    public func press(_ key: Key) -> Bool { model.performViewKey(key) }

    /// Reads what the files gained since the last poll (or goes on with a large backlog).
    @discardableResult
    public func pump() -> Bool {
        let now = clock()
        if !isBehind, let last = lastRead, now - last < Self.pollInterval { return false }
        lastRead = now
        if let last = lastDiscovery, now - last >= Self.discoveryInterval {
            lastDiscovery = now
            discover()
        }
        return readFiles(until: now + Self.readBudget)
    }

    public func stopAll() {}
    public var failure: (identifier: String, message: String)? { nil }

    /// The files followed now, in the order found.
    public var files: [WatchedFile] { followed.map(\.file) }

    // MARK: - Reading

    private func follow(_ file: WatchedFile) {
        followed.append(FollowedFile(file))
        model.watch(
            run: file.run, source: file.kind == .tensorBoard ? WatchSource.tensorBoard : WatchSource.eventStream)
    }

    /// Takes up files that appeared since (a path that went away says nothing: it may come back).
    private func discover() {
        let known = Set(followed.map(\.file.path))
        for path in paths {
            guard let found = try? RunLogDiscovery.files(at: path) else { continue }
            for file in found where !known.contains(file.path) { follow(file) }
        }
    }

    /// Reads each file in turn, a batch at a time, until nothing is left or `deadline`; whether
    /// anything was read. Past `deadline` no other file is begun: the next read begins with the
    /// first one left, so that many long files fill in over a few frames instead of holding up
    /// the first one. A file that cannot be read any more (deleted, made unreadable) is
    /// dropped with a notice, and taken up again by the next walk if it comes back. A file that
    /// shrank means its writer started over: its run is shown afresh, all its files read again.
    private func readFiles(until deadline: Double) -> Bool {
        var changed = false
        var files: [FollowedFile?] = followed
        var startedOver: Set<String> = []
        var readFromStart: Set<String> = []
        var resumeAt: String?
        isBehind = false
        for offset in followed.indices {
            let index = (firstToRead + offset) % followed.count
            guard var file = files[index] else { continue }
            if offset > 0, clock() >= deadline {
                isBehind = true
                resumeAt = resumeAt ?? file.file.path
                continue
            }
            let run = file.file.run
            do {
                var batch: FollowedFile.Batch
                repeat {
                    batch = try file.readAvailable()
                    if batch.startedOver {
                        readFromStart.insert(file.file.path)
                        if startedOver.insert(run).inserted { model.startOver(run, source: Self.source(of: file.file)) }
                    }
                    for record in batch.records { model.apply(record) }
                    for notice in batch.notices { tell("\(notice)", run: run) }
                    changed = changed || !batch.records.isEmpty || !batch.notices.isEmpty
                } while batch.hasMore && clock() < deadline
                isBehind = isBehind || batch.hasMore
                files[index] = file
            } catch {
                tell("\(error); no longer followed", run: run)
                files[index] = nil
                changed = true
            }
        }
        // The other files of a run that started over are read again from their starts.
        followed = files.compactMap { $0 }.map { file in
            startedOver.contains(file.file.run) && !readFromStart.contains(file.file.path)
                ? FollowedFile(file.file) : file
        }
        firstToRead = resumeAt.flatMap { path in followed.firstIndex { $0.file.path == path } } ?? 0
        isBehind = isBehind || !startedOver.isEmpty
        return changed
    }

    static func source(of file: WatchedFile) -> String {
        file.kind == .tensorBoard ? WatchSource.tensorBoard : WatchSource.eventStream
    }

    private func tell(_ text: String, run: String) {
        model.note(text, on: run)
        model.perform(.notify(text))
    }
}
