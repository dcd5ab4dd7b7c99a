import Foundation

/// Finds what to read under a path given on the command line: a tfevents file, an event stream,
/// or a directory (a neurotop run, a TensorBoard log directory with runs and Keras's `train/`
/// and `validation/` below it), walked to any depth.
public enum RunLogDiscovery {
    /// A log directory with more files than this is not walked further (a path given by mistake,
    /// such as `/`, should not take minutes).
    public static let maximumFiles = 10_000

    /// Whether a file name is a TensorBoard event file's (`events.out.tfevents.<time>.<host>...`).
    public static func isTensorBoardName(_ name: String) -> Bool { name.contains("tfevents") }

    /// Every file to read at `path`, sorted by path.
    public static func files(at path: String) throws(RunLogError) -> [WatchedFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missing(path: path)
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard isDirectory.boolValue else { return [try file(at: url)] }
        let found = try walk(url)
        guard !found.isEmpty else { throw .nothingToRead(path: path) }
        return found
    }

    /// A file given by itself: its kind from its name, else from its first bytes.
    static func file(at url: URL) throws(RunLogError) -> WatchedFile {
        let name = url.lastPathComponent
        let kind: WatchedFile.Kind
        if isTensorBoardName(name) {
            kind = .tensorBoard
        } else if name.hasSuffix(".jsonl") {
            kind = .eventStream
        } else {
            kind = try sniff(url.path)
        }
        let directory = url.deletingLastPathComponent()
        return named(url.path, kind: kind, in: directory, below: directory.deletingLastPathComponent())
    }

    /// The kind of a file whose name does not say: a TFRecord header whose length checksum
    /// matches, or a first byte `{`.
    static func sniff(_ path: String) throws(RunLogError) -> WatchedFile.Kind {
        let head = try OpenFile(path: path).read(at: 0, count: TFRecordFraming.headerSize)
        if head.count == TFRecordFraming.headerSize {
            let frame = head.withUnsafeBytes {
                TFRecordFraming.frame(at: 0, in: $0, maximumLength: ReadBounds.tfRecords.maximum)
            }
            if frame != .badLengthChecksum { return .tensorBoard }
        }
        if head.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") }) == UInt8(ascii: "{") {
            return .eventStream
        }
        throw .unknownKind(path: path)
    }

    private static func walk(_ root: URL) throws(RunLogError) -> [WatchedFile] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw .unreadable(path: root.path, reason: "the directory cannot be listed") }
        var found: [WatchedFile] = []
        var seen = 0
        for case let url as URL in enumerator {
            seen += 1
            if seen > maximumFiles { break }
            let name = url.lastPathComponent
            let kind: WatchedFile.Kind
            if isTensorBoardName(name) {
                kind = .tensorBoard
            } else if name == "events.jsonl" {
                kind = .eventStream
            } else {
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            found.append(
                named(url.standardizedFileURL.path, kind: kind, in: url.deletingLastPathComponent(), below: root))
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Names the run of a file in `directory`: its path below `root` without a trailing `train`
    /// or `validation`, or `root`'s own name when that leaves nothing.
    static func named(_ path: String, kind: WatchedFile.Kind, in directory: URL, below root: URL) -> WatchedFile {
        let rootComponents = root.standardizedFileURL.pathComponents
        var components = Array(directory.standardizedFileURL.pathComponents.dropFirst(rootComponents.count))
        var split: TagMeaning.Split?
        if let last = components.last, let named = TagMeaning.split(ofDirectory: last) {
            split = named
            components.removeLast()
        }
        var run = components.joined(separator: "/")
        if components.isEmpty {
            // The path given was a run's `train/` or `validation/` itself.
            if split == nil, let named = TagMeaning.split(ofDirectory: root.lastPathComponent) {
                split = named
                run = root.deletingLastPathComponent().lastPathComponent
            } else {
                run = root.lastPathComponent
            }
        }
        return WatchedFile(path: path, kind: kind, run: run, directorySplit: split)
    }
}
