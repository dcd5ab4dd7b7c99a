import Glibc
import Testing

@testable import Datasets

@Suite struct DatasetDirectoryTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Writes a tiny dataset: 3 training and 2 test images of `rows x columns`.
    func writeDataset(
        in folder: String, names: [DatasetFileRole: String] = [:], gzipped: Bool = true,
        testRows: Int = 2
    ) throws {
        func name(_ role: DatasetFileRole) -> String { "\(folder)/" + (names[role] ?? role.candidateNames[0]) }
        try directory.write(
            IDXFixture.images(count: 3, rows: 2, columns: 2, pixels: IDXFixture.pattern(count: 12)),
            to: name(.trainImages), gzipped: gzipped)
        try directory.write(IDXFixture.labels([5, 0, 4]), to: name(.trainLabels), gzipped: gzipped)
        try directory.write(
            IDXFixture.images(
                count: 2, rows: testRows, columns: 2, pixels: IDXFixture.pattern(count: 2 * testRows * 2)),
            to: name(.testImages), gzipped: gzipped)
        try directory.write(IDXFixture.labels([7, 2]), to: name(.testLabels), gzipped: gzipped)
    }

    @Test func loadsBothSplitsFromCanonicalNames() throws {
        try writeDataset(in: "set")
        let dataset = try DatasetDirectory(path: directory.path + "/set").load(name: "tiny")
        #expect(dataset.name == "tiny" && dataset.classCount == 10)
        #expect(dataset.train.count == 3 && dataset.train.labels == [5, 0, 4])
        #expect(dataset.test.count == 2 && dataset.test.labels == [7, 2])
    }

    @Test func acceptsDottedRawNames() throws {
        let dotted: [DatasetFileRole: String] = [
            .trainImages: "train-images.idx3-ubyte", .trainLabels: "train-labels.idx1-ubyte",
            .testImages: "t10k-images.idx3-ubyte", .testLabels: "t10k-labels.idx1-ubyte",
        ]
        try writeDataset(in: "dotted", names: dotted, gzipped: false)
        let dataset = try DatasetDirectory(path: directory.path + "/dotted").load(name: "dotted")
        #expect(dataset.train.count == 3 && dataset.test.labels == [7, 2])
    }

    @Test func reportsMissingDirectory() throws {
        let path = directory.path + "/absent"
        let error = #expect(throws: DatasetError.self) { try DatasetDirectory(path: path).load(name: "x") }
        #expect(error == .missingDirectory(path: path))
        #expect(
            error?.description
                == "\(path): no such directory; pass --data a directory holding the four MNIST-format IDX files")
    }

    @Test func reportsFileGivenAsDirectory() throws {
        let path = try directory.write([1], to: "plain")
        #expect(throws: DatasetError.notADirectory(path: path)) { try DatasetDirectory(path: path).load(name: "x") }
    }

    @Test func reportsEachMissingFileWithTheNamesLookedFor() throws {
        try writeDataset(in: "partial")
        let folder = directory.path + "/partial"
        try directory.remove("partial/t10k-labels-idx1-ubyte.gz")
        try directory.remove("partial/train-images-idx3-ubyte.gz")
        let error = #expect(throws: DatasetError.self) { try DatasetDirectory(path: folder).load(name: "x") }
        #expect(error == .missingFiles(directory: folder, missing: [.trainImages, .testLabels]))
        #expect(
            error?.description == "\(folder): missing training images "
                + "(train-images-idx3-ubyte[.gz] or train-images.idx3-ubyte[.gz]); test labels "
                + "(t10k-labels-idx1-ubyte[.gz] or t10k-labels.idx1-ubyte[.gz]); "
                + "put the MNIST-format IDX files there under one of those names")
    }

    /// A directory or a FIFO under a file's name is named for what it is, and the FIFO is never
    /// opened (opening it would wait for a writer forever).
    @Test func reportsADirectoryOrAFIFOInPlaceOfAFile() throws {
        for (name, kind) in [("folder", "a directory"), ("fifo", "a FIFO")] {
            try writeDataset(in: name)
            let folder = directory.path + "/" + name
            let path = folder + "/train-labels-idx1-ubyte.gz"
            try directory.remove(name + "/train-labels-idx1-ubyte.gz")
            if kind == "a FIFO" {
                try #require(mkfifo(path, 0o644) == 0)
            } else {
                try #require(mkdir(path, 0o755) == 0)
            }
            let error = #expect(throws: DatasetError.self) {
                try DatasetDirectory(path: folder).load(name: "x")
            }
            #expect(
                error?.description == "\(path): \(kind), not a regular file; the training labels "
                    + "must be a regular IDX file: put it there or pass --data another directory")
        }
    }

    @Test func rejectsSplitsOfDifferentImageSizes() throws {
        try writeDataset(in: "mixed", testRows: 3)
        let folder = directory.path + "/mixed"
        #expect(
            throws: DatasetError.shapeMismatch(
                trainPath: folder + "/train-images-idx3-ubyte.gz", trainShape: [2, 2],
                testPath: folder + "/t10k-images-idx3-ubyte.gz", testShape: [3, 2])
        ) { try DatasetDirectory(path: folder).load(name: "x") }
    }
}
