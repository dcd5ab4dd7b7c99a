/// Why a dataset could not be found or read.
///
/// Each `description` is one line that names the file or directory, says what is wrong and
/// what to do about it, so the command line can print it as is.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The first two bytes are not zero, so this is not an IDX file at all.
    case notIDX(path: String, kind: IDXKind, magic: UInt32)
    /// The IDX element type is not unsigned byte (`0x08`).
    case unsupportedElementType(path: String, typeCode: UInt8)
    /// The header declares a rank other than the one `kind` needs.
    case wrongRank(path: String, kind: IDXKind, found: Int)
    /// The file ends inside the header.
    case truncatedHeader(path: String, expected: Int, present: Int)
    /// A dimension (0-based `index`) is zero.
    case emptyDimension(path: String, index: Int)
    /// The dimensions multiply to more than `IDXHeader.maximumElements`.
    case tooLarge(path: String, kind: IDXKind, dimensions: [Int])
    /// Fewer payload bytes than the header promises.
    case truncated(path: String, kind: IDXKind, promised: Int, present: Int)
    /// More payload bytes than the header promises.
    case trailingBytes(path: String, kind: IDXKind, promised: Int, extra: Int)
    /// The gzip stream is damaged.
    case corruptCompression(path: String, detail: String)
    /// An images file and its labels file disagree on the number of examples.
    case countMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
    /// A label is not below the dataset's class count.
    case labelOutOfRange(path: String, index: Int, label: UInt8, classCount: Int)
    /// The training and test images differ in size.
    case shapeMismatch(trainPath: String, trainShape: [Int], testPath: String, testShape: [Int])
    /// A directory given for data does not exist.
    case missingDirectory(path: String)
    /// A path given as a data directory is something else.
    case notADirectory(path: String)
    /// A file of a dataset directory that is a directory, a FIFO or a device: reading it would
    /// fail or never end.
    case notAFile(path: String, role: DatasetFileRole, kind: String)
    /// Files of a dataset directory that none of the candidate names found.
    case missingFiles(directory: String, missing: [DatasetFileRole])
    /// A known dataset whose files are not where they are looked for.
    case notInstalled(name: String, searched: [String], remedy: String)
    /// A dataset name that is not in the catalog.
    case unknownName(name: String, known: [String])

    public var description: String {
        let refetch = "re-download or re-copy it"
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason); check the path and its permissions"
        case .notIDX(let path, let kind, let magic):
            return "\(path): not an IDX file (magic \(hex(magic)), expected \(hex(kind.magic)) for \(kind)); "
                + "\(refetch) (a saved web page or a tar archive is not an IDX file)"
        case .unsupportedElementType(let path, let typeCode):
            return "\(path): IDX element type \(hex(typeCode)) (\(typeName(typeCode))) is not supported, "
                + "only unsigned bytes (0x08); convert the file to 8-bit values"
        case .wrongRank(let path, let kind, let found):
            return "\(path): header declares \(found) dimension(s), but \(kind) need \(kind.rank) "
                + "(magic \(hex(kind.magic))); check that the images and labels files are not swapped"
        case .truncatedHeader(let path, let expected, let present):
            let has = present == 0 ? "file is empty" : "file has \(present)"
            return "\(path): truncated: the IDX header needs \(expected) bytes, \(has); \(refetch)"
        case .emptyDimension(let path, let index):
            return "\(path): header dimension \(index + 1) is 0; the header is corrupt, \(refetch)"
        case .tooLarge(let path, let kind, let dimensions):
            let shape = dimensions.map(String.init).joined(separator: "x")
            return "\(path): header describes \(shape) \(kind.byteName), more than the "
                + "\(IDXHeader.maximumElements) this reader accepts; the header is corrupt, \(refetch)"
        case .truncated(let path, let kind, let promised, let present):
            return "\(path): truncated: header promises \(promised) \(kind.byteName), file has \(present); \(refetch)"
        case .trailingBytes(let path, let kind, let promised, let extra):
            return "\(path): \(extra) unexpected byte(s) after the \(promised) \(kind.byteName) the header "
                + "promises; the header does not match the data, \(refetch)"
        case .corruptCompression(let path, let detail):
            return "\(path): corrupt gzip data (\(detail)); \(refetch)"
        case .countMismatch(let imagesPath, let imageCount, let labelsPath, let labelCount):
            return "\(labelsPath): holds \(labelCount) labels but \(imagesPath) holds \(imageCount) images; "
                + "use the labels file that belongs to these images"
        case .labelOutOfRange(let path, let index, let label, let classCount):
            return "\(path): label \(label) at index \(index) is not one of the \(classCount) classes "
                + "0-\(classCount - 1); use a dataset with \(classCount) classes"
        case .shapeMismatch(let trainPath, let trainShape, let testPath, let testShape):
            return "\(testPath): test images are \(shape(testShape)) but the training images in "
                + "\(trainPath) are \(shape(trainShape)); use train and test files of the same dataset"
        case .missingDirectory(let path):
            return "\(path): no such directory; pass --data a directory holding the four MNIST-format IDX files"
        case .notADirectory(let path):
            return "\(path): not a directory; pass --data a directory holding the four MNIST-format IDX files"
        case .notAFile(let path, let role, let kind):
            return "\(path): \(kind), not a regular file; the \(role) must be a regular IDX file: "
                + "put it there or pass --data another directory"
        case .missingFiles(let directory, let missing):
            let lists = missing.map { role in
                "\(role) (\(role.namePatterns.joined(separator: " or ")))"
            }
            return "\(directory): missing \(lists.joined(separator: "; ")); "
                + "put the MNIST-format IDX files there under one of those names"
        case .notInstalled(let name, let searched, let remedy):
            return "\(name): not found (looked in \(searched.joined(separator: ", "))); \(remedy)"
        case .unknownName(let name, let known):
            return "unknown dataset \"\(name)\"; known datasets: \(known.joined(separator: ", ")); "
                + "or pass --data DIR for a directory of MNIST-format IDX files"
        }
    }
}

// MARK: - Formatting helpers

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

private func hex(_ value: UInt8) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + (digits.count < 2 ? "0" : "") + digits
}

private func shape(_ dimensions: [Int]) -> String {
    dimensions.map(String.init).joined(separator: "x")
}

/// Names of the IDX element type codes, for a message that says what the file holds instead.
private func typeName(_ code: UInt8) -> String {
    switch code {
    case 0x09: "signed byte"
    case 0x0B: "16-bit integer"
    case 0x0C: "32-bit integer"
    case 0x0D: "32-bit float"
    case 0x0E: "64-bit float"
    default: "unknown type"
    }
}
