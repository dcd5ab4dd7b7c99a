/// A directory holding the four IDX files of an MNIST-format dataset.
///
/// Each file may be gzipped or raw and may use either naming style of
/// `DatasetFileRole.candidateNames`.
public struct DatasetDirectory: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The path of the file playing `role`: the first candidate name that is a regular file.
    public func file(for role: DatasetFileRole) -> String? {
        role.candidateNames.lazy
            .map { LocalFiles.join(path, $0) }
            .first(where: LocalFiles.isRegularFile)
    }

    /// The first candidate for `role` that is there but is no regular file (a directory, a FIFO),
    /// with what it is: named in the error rather than called missing.
    private func otherFile(for role: DatasetFileRole) -> (path: String, kind: String)? {
        for name in role.candidateNames {
            let file = LocalFiles.join(path, name)
            if let kind = RegularFile.otherKind(at: file) { return (file, kind) }
        }
        return nil
    }

    /// Loads both splits, checking that they hold images of the same size.
    ///
    /// - Parameter name: what the resulting `Dataset` is called.
    public func load(name: String, classCount: Int = 10) throws(DatasetError) -> Dataset {
        guard LocalFiles.exists(path) else { throw .missingDirectory(path: path) }
        guard LocalFiles.isDirectory(path) else { throw .notADirectory(path: path) }
        let found = DatasetFileRole.allCases.map { (role: $0, path: file(for: $0)) }
        let missing = found.filter { $0.path == nil }.map(\.role)
        for role in missing {
            if let other = otherFile(for: role) {
                throw .notAFile(path: other.path, role: role, kind: other.kind)
            }
        }
        guard missing.isEmpty else { throw .missingFiles(directory: path, missing: missing) }
        let paths = found.compactMap(\.path)
        let (trainImages, trainLabels, testImages, testLabels) = (paths[0], paths[1], paths[2], paths[3])

        // The test split is six times smaller: reading it first reports a bad file in it
        // without waiting for the training images to decompress.
        let test = try ImageSet(imagesAt: testImages, labelsAt: testLabels, classCount: classCount)
        let train = try ImageSet(imagesAt: trainImages, labelsAt: trainLabels, classCount: classCount)
        guard train.rows == test.rows, train.columns == test.columns else {
            throw .shapeMismatch(
                trainPath: trainImages, trainShape: [train.rows, train.columns],
                testPath: testImages, testShape: [test.rows, test.columns])
        }
        return Dataset(name: name, train: train, test: test, classCount: classCount)
    }
}
