import Datasets
import Foundation

/// Reading and writing safetensors archives on disk.
extension SafeTensorsArchive {
    /// Why a safetensors file on disk could not be read.
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case damaged(path: String, SafeTensorsError)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .damaged(let path, let error): "\(path) is damaged: \(error)"
            }
        }
    }

    /// Reads and checks the file at `path`, which must be a regular file: reading a FIFO would
    /// wait for a writer forever, a device such as /dev/zero never ends.
    public init(contentsOf path: String) throws(ReadError) {
        if let kind = RegularFile.otherKind(at: path) {
            throw .unreadable(path: path, reason: "it is \(kind), not a regular file")
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw .unreadable(path: path, reason: reason)
        }
        do {
            try self.init(parsing: bytes)
        } catch {
            throw .damaged(path: path, error)
        }
    }

    /// Writes the archive to `path` atomically (see `AtomicFile`).
    public func write(to path: String) throws(AtomicFile.WriteError) {
        try AtomicFile.replace(path, with: serialized())
    }
}
