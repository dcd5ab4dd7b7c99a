import Foundation

/// Where a recorded run lives: `<runs>/<config>-<YYYYmmdd-HHMMSS>[-N]/`.
public struct RunDirectory: Sendable, Equatable {
    public let id: String
    public let path: String

    public static let configFile = "config.yaml"
    public static let eventsFile = "events.jsonl"
    public static let checkpointFile = "checkpoint.safetensors"
    public static let summaryFile = "run.json"

    public init(id: String, path: String) {
        self.id = id
        self.path = path
    }

    public var configPath: String { path + "/" + Self.configFile }
    public var eventsPath: String { path + "/" + Self.eventsFile }
    public var checkpointPath: String { path + "/" + Self.checkpointFile }
    public var summaryPath: String { path + "/" + Self.summaryFile }

    /// The part of an id that comes from a config name: letters, digits, `-`, `_` and `.` kept,
    /// anything else (`/`, spaces, control characters) made `_`, so that no config can name a
    /// directory outside `runs/`; never empty, never `.` or `..`, at most 64 characters.
    public static func slug(_ configName: String) -> String {
        let kept = configName.unicodeScalars.prefix(64).map { scalar -> Character in
            let allowed =
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar))
            return allowed ? Character(scalar) : "_"
        }
        let slug = String(kept).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return slug.isEmpty ? "run" : slug
    }

    /// `YYYYmmdd-HHMMSS` in UTC.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "-" + two(parts.hour)
            + two(parts.minute) + two(parts.second)
    }

    /// Creates a new, empty run directory under `root` (made if missing), adding `-2`, `-3`...
    /// when the id is taken; `mkdir` itself decides, so two processes never share one.
    public static func create(in root: String, configName: String, date: Date = Date()) throws(AtomicFile.WriteError)
        -> RunDirectory
    {
        try makeDirectories(root)
        let base = slug(configName) + "-" + timestamp(date)
        for attempt in 1...10_000 {
            let id = attempt == 1 ? base : "\(base)-\(attempt)"
            let path = root + "/" + id
            if mkdir(path, 0o755) == 0 { return RunDirectory(id: id, path: path) }
            guard errno == EEXIST else { throw AtomicFile.WriteError(path: path, step: "create", code: errno) }
        }
        throw AtomicFile.WriteError(path: root + "/" + base, step: "create", code: EEXIST)
    }

    /// `mkdir -p`: each missing component of `path` is made; one that exists as a directory is fine.
    static func makeDirectories(_ path: String) throws(AtomicFile.WriteError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw AtomicFile.WriteError(path: prefix, step: "create", code: errno)
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AtomicFile.WriteError(path: path, step: "use as a directory", code: ENOTDIR)
        }
    }
}
