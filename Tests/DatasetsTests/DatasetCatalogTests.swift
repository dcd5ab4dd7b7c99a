import Testing

@testable import Datasets

@Suite struct DatasetCatalogTests {
    let root: TemporaryDirectory

    init() throws {
        root = try TemporaryDirectory()
    }

    /// A catalog that sees nothing outside the temporary root.
    var isolatedCatalog: DatasetCatalog {
        DatasetCatalog(
            bundled: BundledDataSearch(
                environmentDirectory: nil, executablePath: nil, currentDirectory: root.path,
                systemDirectory: root.path + "/system"),
            fashionMNISTDirectory: root.path + "/fashion-mnist")
    }

    func writeTinyDataset(in folder: String) throws {
        for (role, count) in [(DatasetFileRole.trainImages, 3), (.testImages, 2)] {
            try root.write(
                IDXFixture.images(count: count, rows: 2, columns: 2, pixels: IDXFixture.pattern(count: count * 4)),
                to: folder + "/" + role.candidateNames[0], gzipped: true)
        }
        try root.write(IDXFixture.labels([1, 2, 3]), to: folder + "/train-labels-idx1-ubyte.gz", gzipped: true)
        try root.write(IDXFixture.labels([4, 5]), to: folder + "/t10k-labels-idx1-ubyte.gz", gzipped: true)
    }

    @Test func unknownNameListsKnownNamesAndDataFlag() {
        let error = #expect(throws: DatasetError.self) { try isolatedCatalog.load(name: "cifar", directory: nil) }
        #expect(error == .unknownName(name: "cifar", known: ["mnist", "fashion-mnist"]))
        #expect(
            error?.description == "unknown dataset \"cifar\"; known datasets: mnist, fashion-mnist; "
                + "or pass --data DIR for a directory of MNIST-format IDX files")
    }

    @Test func missingFashionMNISTSaysHowToInstallIt() {
        let error = #expect(throws: DatasetError.self) {
            try isolatedCatalog.load(name: "fashion-mnist", directory: nil)
        }
        #expect(error?.description.contains("sudo apt-get install dataset-fashion-mnist") == true)
        #expect(error?.description.contains(root.path + "/fashion-mnist") == true)
        #expect(error?.description.contains("--data DIR") == true)
    }

    @Test func loadsFashionMNISTFromItsDirectory() throws {
        try writeTinyDataset(in: "fashion-mnist")
        let dataset = try isolatedCatalog.load(name: "fashion-mnist", directory: nil)
        #expect(dataset.name == "fashion-mnist" && dataset.train.labels == [1, 2, 3])
    }

    @Test func missingBundledMNISTSaysWhereItLookedAndWhatToDo() {
        let error = #expect(throws: DatasetError.self) { try isolatedCatalog.load(name: "mnist", directory: nil) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("mnist: not found (looked in $NEUROTOP_DATA (unset), data/mnist above \(root.path)"))
        #expect(message.hasSuffix("set NEUROTOP_DATA to a directory containing mnist/, or pass --data DIR"))
    }

    @Test func findsBundledMNISTCaseInsensitively() throws {
        try writeTinyDataset(in: "data/mnist")
        let dataset = try isolatedCatalog.load(name: "MNIST", directory: nil)
        #expect(dataset.name == "mnist" && dataset.test.labels == [4, 5])
    }

    @Test func directoryWinsOverName() throws {
        try writeTinyDataset(in: "custom")
        let folder = root.path + "/custom"
        let dataset = try isolatedCatalog.load(name: "fashion-mnist", directory: folder)
        #expect(dataset.name == folder && dataset.train.count == 3 && dataset.test.count == 2)
    }

    @Test func bundledMNISTTestSplitIsIntact() throws {
        let directory = try DatasetCatalog().locate(name: "mnist")
        let images = try #require(directory.file(for: .testImages))
        let labels = try #require(directory.file(for: .testLabels))
        let test = try ImageSet(imagesAt: images, labelsAt: labels)

        #expect(test.count == 10_000 && test.rows == 28 && test.columns == 28)
        #expect(test.labels.first == 7)
        var histogram = [Int](repeating: 0, count: 10)
        for label in test.labels { histogram[Int(label)] += 1 }
        #expect(histogram.reduce(0, +) == 10_000)
        // The published per-digit counts of the MNIST test set.
        #expect(histogram == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        let mean = test.bytes.reduce(0.0) { $0 + Double($1) / 255 } / Double(test.bytes.count)
        #expect(abs(mean - 0.1325) < 0.001)
    }
}
