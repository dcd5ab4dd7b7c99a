import Datasets
import Foundation
import Training

extension RunDirectory {
    /// The run `argument` names: a run directory's path, or a run id under `root`.
    public static func locate(_ argument: String, root: String) throws(RunError) -> RunDirectory {
        var isDirectory: ObjCBool = false
        for candidate in [argument, root + "/" + argument] {
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue,
                FileManager.default.fileExists(atPath: candidate + "/" + summaryFile)
            {
                let trimmed = candidate.hasSuffix("/") ? String(candidate.dropLast()) : candidate
                return RunDirectory(id: (trimmed as NSString).lastPathComponent, path: trimmed)
            }
        }
        throw .noSuchRun(argument, root: root)
    }

    /// Refuses a run whose files are not regular files, before anything reads or appends to them:
    /// opening a FIFO would wait for a writer forever, a device such as /dev/zero never ends.
    public func checkFileKinds() throws(RunError) {
        for path in [summaryPath, configPath, eventsPath, checkpointPath] {
            if let kind = RegularFile.otherKind(at: path) { throw .notAFile(path: path, kind: kind) }
        }
    }

    /// The run's checkpoint, read and checked whole: a missing, truncated or altered file is an
    /// error that names the problem, never a partly loaded run.
    public func loadCheckpoint() throws(RunError) -> RunSnapshot {
        guard FileManager.default.fileExists(atPath: checkpointPath) else {
            throw .checkpointMissing(path: checkpointPath)
        }
        let archive: SafeTensorsArchive
        do {
            archive = try SafeTensorsArchive(contentsOf: checkpointPath)
        } catch {
            switch error {
            case .unreadable(_, let reason): throw .unreadable(path: checkpointPath, reason: reason)
            case .damaged(_, let problem): throw .checkpointDamaged(path: checkpointPath, reason: problem.description)
            }
        }
        do {
            return try archive.runSnapshot()
        } catch {
            throw .checkpointDamaged(path: checkpointPath, reason: error.description)
        }
    }
}
