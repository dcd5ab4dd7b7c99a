import Foundation

/// The recorded runs under one runs directory (`./runs` unless `--runs` or NEUROTOP_RUNS say
/// otherwise): listed newest first, and found by id, path or config name.
public struct RunCatalog: Sendable {
    /// The environment variable that moves the runs directory.
    public static let environmentVariable = "NEUROTOP_RUNS"
    public static let defaultRoot = "runs"

    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// `--runs DIR` if given, else `$NEUROTOP_RUNS` if set and not empty, else `./runs`.
    public init(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let option, !option.isEmpty {
            root = option
        } else if let variable = environment[Self.environmentVariable], !variable.isEmpty {
            root = variable
        } else {
            root = Self.defaultRoot
        }
    }

    /// A listed run: where it is and its summary.
    public struct Listing: Sendable {
        public let directory: RunDirectory
        public let summary: RunSummary
    }

    /// Every run directory under the root with a readable `run.json`, newest first, and the
    /// problems of those without (so a listing can show the rest and name the damaged ones).
    public func listings() -> (runs: [Listing], problems: [RunReadError]) {
        var runs: [Listing] = []
        var problems: [RunReadError] = []
        for directory in directories() {
            do {
                runs.append(Listing(directory: directory, summary: try RecordedRun.loadSummary(directory)))
            } catch {
                problems.append(error)
            }
        }
        runs.sort(by: Self.isNewer)
        return (runs, problems)
    }

    /// The run `argument` names: a run directory (a path with a `/`), a run id under the root,
    /// or a config name, meaning that config's newest run.
    public func locate(_ argument: String) throws(RunReadError) -> RunDirectory {
        if argument.contains("/") {
            let path = argument.count > 1 && argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            guard Self.isDirectory(path) else { throw .unknownRun(argument: argument, root: root) }
            return RunDirectory(id: URL(fileURLWithPath: path).lastPathComponent, path: path)
        }
        let path = root + "/" + argument
        if Self.isDirectory(path), argument != ".", argument != ".." { return RunDirectory(id: argument, path: path) }
        let newest = listings().runs.first {
            $0.summary.config == argument || RunDirectory.slug($0.summary.config) == argument
        }
        guard let newest else { throw .unknownRun(argument: argument, root: root) }
        return newest.directory
    }

    // MARK: - Helpers

    private func directories() -> [RunDirectory] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            let path = root + "/" + name
            return Self.isDirectory(path) ? RunDirectory(id: name, path: path) : nil
        }
    }

    /// Newest start first; runs without a start time after those with one, then by id (ids end in the time).
    private static func isNewer(_ first: Listing, _ second: Listing) -> Bool {
        switch (first.summary.startDate, second.summary.startDate) {
        case (let a?, let b?) where a != b: a > b
        case (.some, nil): true
        case (nil, .some): false
        default: first.directory.id > second.directory.id
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
