import Testing

@testable import Datasets

@Suite struct ImageSetIDXTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func loadsMatchingImagesAndLabels() throws {
        let pixels = IDXFixture.pattern(count: 3 * 2 * 2)
        let images = try directory.write(
            IDXFixture.images(count: 3, rows: 2, columns: 2, pixels: pixels), to: "i.gz", gzipped: true)
        let labels = try directory.write(IDXFixture.labels([4, 0, 9]), to: "l")
        let set = try ImageSet(imagesAt: images, labelsAt: labels)
        #expect(set.count == 3 && set.rows == 2 && set.columns == 2)
        #expect(set.labels == [4, 0, 9])
        #expect(set.bytes == pixels)
        #expect(set.image(1) == Array(pixels[4..<8]).map { Float($0) / 255 })
    }

    @Test func rejectsMoreImagesThanLabels() throws {
        let images = try directory.write(IDXFixture.images(count: 3, rows: 1, columns: 1, pixels: [1, 2, 3]), to: "i")
        let labels = try directory.write(IDXFixture.labels([1, 2]), to: "l")
        let error = #expect(throws: DatasetError.self) { try ImageSet(imagesAt: images, labelsAt: labels) }
        #expect(error == .countMismatch(imagesPath: images, imageCount: 3, labelsPath: labels, labelCount: 2))
        #expect(
            error?.description
                == "\(labels): holds 2 labels but \(images) holds 3 images; use the labels file that belongs to these images"
        )
    }

    @Test func rejectsLabelOutsideClassCount() throws {
        let images = try directory.write(IDXFixture.images(count: 3, rows: 1, columns: 1, pixels: [1, 2, 3]), to: "i")
        let labels = try directory.write(IDXFixture.labels([9, 10, 3]), to: "l")
        let error = #expect(throws: DatasetError.self) { try ImageSet(imagesAt: images, labelsAt: labels) }
        #expect(error == .labelOutOfRange(path: labels, index: 1, label: 10, classCount: 10))
        #expect(error?.description.contains("label 10 at index 1 is not one of the 10 classes 0-9") == true)
        // The same files are fine for a dataset with more classes.
        #expect(try ImageSet(imagesAt: images, labelsAt: labels, classCount: 11).labels == [9, 10, 3])
    }
}
