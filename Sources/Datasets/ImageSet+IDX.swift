extension ImageSet {
    /// Reads an images file and its labels file (each raw or gzipped IDX) and checks that they
    /// belong together: as many labels as images, and every label below `classCount`.
    ///
    /// Labels are read first: they are small, and a bad labels file is reported before the
    /// images file is decompressed.
    public init(imagesAt imagesPath: String, labelsAt labelsPath: String, classCount: Int = 10) throws(DatasetError) {
        let labels = try IDXReader.readLabels(at: labelsPath)
        if let index = labels.firstIndex(where: { Int($0) >= classCount }) {
            throw .labelOutOfRange(path: labelsPath, index: index, label: labels[index], classCount: classCount)
        }
        let images = try IDXReader.readImages(at: imagesPath)
        guard images.count == labels.count else {
            throw .countMismatch(
                imagesPath: imagesPath, imageCount: images.count, labelsPath: labelsPath, labelCount: labels.count)
        }
        self.init(
            count: images.count, rows: images.rows, columns: images.columns, bytes: images.bytes,
            labels: labels)
    }
}
