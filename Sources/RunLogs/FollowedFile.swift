/// A file being read, with where its reader stopped: `readAvailable` gives what was added since
/// the last call, so the same object serves a one-off read and a live view that polls.
public struct FollowedFile: Sendable {
    public let file: WatchedFile
    private var reader: Reader

    private enum Reader: Sendable {
        case tensorBoard(TFRecordFileReader, TensorBoardEventDecoder)
        case eventStream(EventStreamReader)
    }

    /// What one read gave.
    public struct Batch: Sendable {
        public var records: [WatchedRecord] = []
        public var notices: [ReadNotice] = []
        /// Bytes at the end that do not make a whole record or line yet.
        public var pendingBytes = 0
        /// Whether there is more of the file to read now (the reader stops every megabyte or so).
        public var hasMore = false
        /// Whether the file shrank and was read again from its start (its writer started over).
        public var startedOver = false
    }

    public init(_ file: WatchedFile) {
        self.file = file
        switch file.kind {
        case .tensorBoard:
            reader = .tensorBoard(
                TFRecordFileReader(path: file.path), TensorBoardEventDecoder(directorySplit: file.directorySplit))
        case .eventStream:
            reader = .eventStream(EventStreamReader(path: file.path))
        }
    }

    /// Everything added to the file since the last call.
    public mutating func readAvailable() throws(RunLogError) -> Batch {
        var batch = Batch()
        switch reader {
        case .tensorBoard(var records, let decoder):
            let restarts = records.restarts
            let read = try records.readAvailable()
            reader = .tensorBoard(records, decoder)
            batch.notices = read.notices
            batch.pendingBytes = read.pendingBytes
            batch.hasMore = read.hasMore
            batch.startedOver = records.restarts > restarts
            for (offset, payload) in read.records {
                do {
                    let decoded = try decoder.decode(payload)
                    batch.records += decoded.events.map { WatchedRecord(run: file.run, event: $0) }
                    batch.notices += decoded.problems.map {
                        ReadNotice(path: file.path, place: "byte \(offset)", message: $0)
                    }
                } catch {
                    batch.notices.append(ReadNotice(path: file.path, place: "byte \(offset)", message: error.reason))
                }
            }
        case .eventStream(var lines):
            let restarts = lines.restarts
            let read = try lines.readAvailable()
            reader = .eventStream(lines)
            batch.notices = read.notices
            batch.pendingBytes = read.pendingBytes
            batch.hasMore = read.hasMore
            batch.startedOver = lines.restarts > restarts
            batch.records = read.entries.map { WatchedRecord(run: file.run, event: .recorded($0)) }
        }
        return batch
    }

    /// The notice for bytes left at the end of a file read once: a record or line not yet whole.
    public func unfinishedNotice(pendingBytes: Int) -> ReadNotice? {
        guard pendingBytes > 0 else { return nil }
        let what = file.kind == .tensorBoard ? "an incomplete record" : "an unfinished line"
        return ReadNotice(
            path: file.path, place: "end",
            message: "the last \(pendingBytes) bytes are \(what): skipped until the writer completes it")
    }
}
