/// What lies at one position of a TFRecord stream.
///
/// A record is framed as: length (8 bytes, little-endian), masked CRC-32C of those 8 bytes, the
/// payload, masked CRC-32C of the payload.
public enum TFRecordFrame: Sendable, Equatable {
    /// A whole record whose checksums match: its payload's byte range and where the next starts.
    case record(payload: Range<Int>, next: Int)
    /// A record whose length is sound but whose payload's checksum does not match: skip it.
    case badDataChecksum(length: Int, next: Int)
    /// The length's checksum does not match: where the next record starts is unknown.
    case badLengthChecksum
    /// The length is sound but over the readers' cap (`ReadBounds.tfRecords`: 64 MiB): never allocated or read.
    case tooLong(length: UInt64)
    /// The record is not all there yet; `needed` bytes from its start would hold it (a writer
    /// is still appending, or was killed mid-record).
    case incomplete(needed: Int)
}
