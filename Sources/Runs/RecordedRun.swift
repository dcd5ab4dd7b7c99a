import Datasets
import Foundation
import Training

/// A recorded run read back from its directory: `run.json`'s summary and every event and
/// intervention of `events.jsonl`, in file order.
public struct RecordedRun: Sendable {
    public let directory: RunDirectory
    public let summary: RunSummary
    public let entries: [RecordedEntry]

    /// The trainer's events, in order (what `DashboardState.apply` takes).
    public var events: [TrainingEvent] {
        entries.compactMap { entry in
            if case .event(let event) = entry { return event }
            return nil
        }
    }

    public var interventions: [Intervention] {
        entries.compactMap { entry in
            if case .intervention(let intervention) = entry { return intervention }
            return nil
        }
    }

    /// The entries as one continuous run: a resumed run announces itself again (`started`,
    /// `stage_started` of a stage already begun) before it goes on, and a view that took those
    /// for a new run would forget the curves before the resume. They are left out here; the
    /// `resume_run` intervention stays to mark the spot.
    public var continuousEntries: [RecordedEntry] {
        var hasStarted = false
        var highestStage = -1
        return entries.filter { entry in
            switch entry {
            case .event(.started):
                defer { hasStarted = true }
                return !hasStarted
            case .event(.stageStarted(let info)):
                defer { highestStage = max(highestStage, info.index) }
                return info.index > highestStage
            default:
                return true
            }
        }
    }

    /// The run's final result, when it finished.
    public var result: FinalResult? {
        for case .event(.finished(let result)) in entries.reversed() { return result }
        return nil
    }

    /// Reads the run in `directory`: its summary, then its events (an unfinished last line, left
    /// by a writer that was killed, is ignored; any other unreadable line is an error).
    public static func load(_ directory: RunDirectory) throws(RunReadError) -> RecordedRun {
        let summary = try loadSummary(directory)
        return RecordedRun(directory: directory, summary: summary, entries: try loadEntries(directory))
    }

    /// `run.json` alone (what a listing needs).
    public static func loadSummary(_ directory: RunDirectory) throws(RunReadError) -> RunSummary {
        let path = directory.summaryPath
        guard FileManager.default.fileExists(atPath: path) else { throw .missingSummary(directory: directory.path) }
        if let kind = RegularFile.otherKind(at: path) { throw .notAFile(path: path, kind: kind) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableSummary(path: path, reason: Self.reason(error))
        }
        do {
            return try RunSummary.decode(data)
        } catch {
            throw .damagedSummary(path: path, reason: error.reason)
        }
    }

    /// Every complete line of `events.jsonl`, decoded; lines of unknown events are skipped.
    public static func loadEntries(_ directory: RunDirectory) throws(RunReadError) -> [RecordedEntry] {
        let path = directory.eventsPath
        guard FileManager.default.fileExists(atPath: path) else { throw .missingEvents(directory: directory.path) }
        if let kind = RegularFile.otherKind(at: path) { throw .notAFile(path: path, kind: kind) }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadableEvents(path: path, reason: Self.reason(error))
        }
        var entries: [RecordedEntry] = []
        for line in EventLogReader.completeLines(in: bytes).lines {
            do {
                _ = try EventLogReader.object(line, path: path)
            } catch {
                switch error {
                case .notJSON: throw .notJSON(path: path, line: line.number)
                case .unsupportedVersion(_, _, let version):
                    throw .unsupportedVersion(path: path, line: line.number, version: version)
                case .unreadable(_, let reason): throw .unreadableEvents(path: path, reason: reason)
                }
            }
            do {
                if let entry = try RecordedEntry.decode(jsonLine: line.text) { entries.append(entry) }
            } catch {
                throw .badEvent(path: path, line: line.number, problem: error)
            }
        }
        return entries
    }

    private static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let message = strerror(Int32(underlying.code))
        {
            return String(cString: message)
        }
        return error.localizedFailureReason ?? error.localizedDescription
    }
}

extension RecordedRun {
    /// The entries from `point` on: what a fork of this run shares with it is left out, so
    /// that the two compare from where they parted. The run's announcements stay.
    public func entries(since point: RunSummary.ForkPoint) -> [RecordedEntry] {
        var stage = 0
        return continuousEntries.filter { entry in
            switch entry {
            case .event(.stageStarted(let info)):
                stage = info.index
                return true
            case .event(.batchEnded(let progress)):
                return stage > point.stage || (stage == point.stage && progress.globalStep > point.globalStep)
            case .event(.gradients(let snapshot)):
                return stage > point.stage || (stage == point.stage && snapshot.globalStep > point.globalStep)
            case .event(.epochEnded(let summary)):
                return stage > point.stage
                    || (stage == point.stage && (summary.epoch + 1) * summary.stepsPerEpoch > point.globalStep)
            case .intervention(let mark):
                return mark.stage > point.stage || (mark.stage == point.stage && mark.globalStep >= point.globalStep)
            default:
                return stage >= point.stage
            }
        }
    }
}
