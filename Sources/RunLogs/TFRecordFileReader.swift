/// Reads the records of a TFRecord file from where it last stopped, so a file another program is
/// still writing can be followed: a record not yet whole is left for the next call.
///
/// Memory stays bounded by the window or one record (`ReadBounds.tfRecords`: 1 MiB, 64 MiB),
/// whatever the file's size.
public struct TFRecordFileReader: Sendable {
    /// The records read by one call, with what was skipped on the way.
    public struct Batch: Sendable {
        /// Each record's payload and the byte offset its frame starts at.
        public var records: [(offset: Int, payload: [UInt8])] = []
        public var notices: [ReadNotice] = []
        /// Bytes at the end of the file that do not make a whole record yet.
        public var pendingBytes = 0
        /// Whether the call stopped at `ReadBounds.batch` with more of the file to read.
        public var hasMore = false
    }

    public let path: String
    /// Where the next record starts.
    public private(set) var offset: Int
    /// Set once the framing is lost (a bad length checksum, a length over the cap): nothing past
    /// that point can be trusted, so the file is not read further.
    public private(set) var isStopped = false
    /// How often the file shrank below `offset` and was read again from its start: its writer
    /// started over.
    public private(set) var restarts = 0

    /// Tests and the fuzzer read through windows of a few bytes, to cross their edges often.
    public let bounds: ReadBounds

    public init(path: String, offset: Int = 0, bounds: ReadBounds = .tfRecords) {
        self.path = path
        self.offset = offset
        self.bounds = bounds
    }

    /// The whole records from `offset` on, up to the end of the file as it is now or
    /// `ReadBounds.batch` bytes (then `hasMore` is set).
    public mutating func readAvailable() throws(RunLogError) -> Batch {
        var batch = Batch()
        guard !isStopped else { return batch }
        let file = try OpenFile(path: path)
        let size = try file.size()
        if size < offset {
            batch.notices.append(notice(at: offset, "the file shrank to \(size) bytes: read again from its start"))
            restarts += 1
            offset = 0
        }
        var buffer: [UInt8] = []
        var bufferStart = offset
        let start = offset
        while offset < size {
            if offset - start >= bounds.batch {
                batch.hasMore = true
                return batch
            }
            let frame = buffer.withUnsafeBytes {
                TFRecordFraming.frame(at: offset - bufferStart, in: $0, maximumLength: bounds.maximum)
            }
            switch frame {
            case .incomplete(let needed):
                let inBuffer = bufferStart + buffer.count - offset
                if offset + needed > size {
                    batch.pendingBytes = size - offset
                    return batch
                }
                guard inBuffer < needed else { preconditionFailure("a whole record reported incomplete") }
                buffer = try file.read(at: offset, count: max(needed, bounds.window))
                bufferStart = offset
                // The file shrank since its size was taken: what is left is read next time.
                if buffer.count < needed {
                    batch.pendingBytes = buffer.count
                    return batch
                }
            case .record(let payload, let next):
                let base = bufferStart
                batch.records.append((offset, Array(buffer[payload])))
                offset = base + next
            case .badDataChecksum(let length, let next):
                batch.notices.append(
                    notice(at: offset, "the record's data (\(length) bytes) fails its CRC32C check: record skipped"))
                offset = bufferStart + next
            case .badLengthChecksum:
                batch.notices.append(
                    notice(at: offset, "the record's length fails its CRC32C check: the file is not read past it"))
                isStopped = true
                return batch
            case .tooLong(let length):
                batch.notices.append(
                    notice(
                        at: offset,
                        "a record of \(length) bytes, over the \(ByteCount(bounds.maximum)) "
                            + "a record may have: the file is not read past it"))
                isStopped = true
                return batch
            }
        }
        return batch
    }

    private func notice(at offset: Int, _ message: String) -> ReadNotice {
        ReadNotice(path: path, place: "byte \(offset)", message: message)
    }
}
