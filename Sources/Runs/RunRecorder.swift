import Foundation
import Synchronization
import Training

/// Records one run into its directory: a tap of the trainer's events, written by a thread of its
/// own so that the trainer never waits on a disk.
///
/// Every event but sample images is appended to `events.jsonl` as it comes (one `write(2)` per
/// line, `fsync` at epoch ends); checkpoints are written atomically; `run.json` is replaced on
/// every status change. When a write fails (no permission, a full disk) recording stops, the
/// `notice` closure is told once in one line, and training goes on unrecorded.
public final class RunRecorder: @unchecked Sendable {
    // @unchecked: `log`, `summary`, `stopped` and `finalStage` are touched only by the writer
    // thread (and by `finish` after that thread has ended); `finishing` is atomic.

    public let directory: RunDirectory
    /// Give this to the trainer as a tap.
    public let tap = EventChannel<TrainingEvent>(capacity: 1 << 16)
    private let notice: @Sendable (String) -> Void
    private var log: EventLogWriter?
    private var summary: RunSummary
    private var stopped = false
    private var isFinalStage = true
    private let finishing = Atomic<Bool>(false)
    private let ended = DispatchSemaphore(value: 0)
    private var thread: Thread?

    private init(
        directory: RunDirectory, summary: RunSummary, log: EventLogWriter, notice: @escaping @Sendable (String) -> Void
    ) {
        self.directory = directory
        self.summary = summary
        self.log = log
        self.notice = notice
    }

    /// Makes a new run directory under `root` with `config.yaml` and `run.json`, ready to record.
    public static func create(
        root: String, summary template: RunSummary, configYAML: String, date: Date = Date(),
        notice: @escaping @Sendable (String) -> Void
    ) throws(AtomicFile.WriteError) -> RunRecorder {
        let directory = try RunDirectory.create(in: root, configName: template.config, date: date)
        var summary = template
        summary.id = directory.id
        try AtomicFile.replace(directory.configPath, with: Array(configYAML.utf8))
        try AtomicFile.replace(directory.summaryPath, with: summary.encoded())
        let log = try EventLogWriter(path: directory.eventsPath)
        return RunRecorder(directory: directory, summary: summary, log: log, notice: notice)
    }

    /// Goes on recording into an existing run directory (resume), appending to its events.
    public static func reopen(
        _ directory: RunDirectory, summary: RunSummary, notice: @escaping @Sendable (String) -> Void
    ) throws(AtomicFile.WriteError) -> RunRecorder {
        // run.json is rewritten when the run starts again (its `started` event), not before:
        // a checkpoint that turns out not to fit leaves the directory as it was.
        var summary = summary
        summary.status = .running
        summary.ended = nil
        let log = try EventLogWriter(path: directory.eventsPath)
        try log.cutUnfinishedLine()
        return RunRecorder(directory: directory, summary: summary, log: log, notice: notice)
    }

    /// Starts the writer thread.
    public func start() {
        let thread = Thread { [self] in
            writeLoop()
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            writerCPUSeconds = Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
            ended.signal()
        }
        thread.name = "neurotop.recorder"
        thread.qualityOfService = .utility
        self.thread = thread
        thread.start()
    }

    /// Writes whatever the tap still holds, then the final `run.json`, and waits for it. Call it
    /// once the trainer is idle (finished, failed or stopped), so nothing more arrives.
    public func finish() {
        finishing.store(true, ordering: .releasing)
        tap.post(.log(""))  // wakes the writer; empty log lines are not recorded
        if thread != nil { ended.wait() }
        thread = nil
        if summary.status == .running {
            summary.status = .interrupted
        }
        summary.ended = RunSummary.timestamp(Date())
        writeSummary()
        log?.close()
    }

    /// CPU seconds the writer thread used, known once `finish` returns (what recording costs).
    public private(set) var writerCPUSeconds: Double = 0

    /// Whether recording stopped on a failed write.
    public var hasStopped: Bool { stopped }

    // MARK: - The writer thread

    private func writeLoop() {
        while true {
            let events = tap.waitAndDrain(timeout: 0.25)
            for event in events { record(event) }
            if events.isEmpty, finishing.load(ordering: .acquiring) { return }
        }
    }

    private func record(_ event: TrainingEvent) {
        guard !stopped else { return }
        switch event {
        case .samples, .flips:
            return
        case .log(let message) where message.isEmpty:
            return
        case .batchEnded(let progress):
            do {
                try log?.append(progress.eventLine)
            } catch {
                stop("\(error)")
            }
            return
        case .checkpoint(let snapshot):
            do {
                try SafeTensorsArchive(snapshot: snapshot).write(to: directory.checkpointPath)
            } catch {
                stop("\(error)")
            }
            return
        default:
            break
        }
        var object = event.jsonObject()
        object["v"] = 1
        switch event {
        case .started:
            summary.status = .running
        case .stageStarted(let info):
            isFinalStage = info.index == info.count - 1
        case .epochEnded(let epoch) where isFinalStage:
            summary.epochsDone = epoch.epoch + 1
        case .finished(let result):
            object["run_dir"] = directory.path
            summary.status = .finished
            summary.testLoss = result.testLoss
            summary.testAccuracy = result.testAccuracy
        case .failed:
            summary.status = .failed
        case .stateChanged(.stopped):
            summary.status = .interrupted
        case .intervention(let mark) where mark.action == .fork:
            summary.forkedAt = RunSummary.ForkPoint(stage: mark.stage, globalStep: mark.globalStep)
        default:
            break
        }
        do {
            try log?.append(TrainingEvent.line(object))
            switch event {
            case .epochEnded:
                try log?.sync()
                writeSummary()
            case .started, .finished, .failed, .stateChanged(.stopped):
                writeSummary()
            case .intervention(let mark) where mark.action == .fork:
                writeSummary()
            default:
                break
            }
        } catch {
            stop("\(error)")
        }
    }

    private func writeSummary() {
        guard !stopped else { return }
        do {
            try AtomicFile.replace(directory.summaryPath, with: summary.encoded())
        } catch {
            stop("\(error)")
        }
    }

    private func stop(_ reason: String) {
        guard !stopped else { return }
        stopped = true
        log?.close()
        notice("recording stopped: \(reason); training goes on unrecorded")
    }
}
