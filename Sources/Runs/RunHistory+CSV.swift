extension RunHistory.Stage {
    /// The CSV header `epochCSV` starts with.
    public static let csvHeader = "epoch,loss,accuracy,val_loss,val_accuracy,seconds,learning_rate"

    /// One row per epoch, epochs numbered from 1 as the progress lines do; a figure that was not
    /// measured (validation, accuracy of an autoencoder stage) is an empty cell, and a diverged
    /// loss is `nan` or `inf`, which pandas and R read as numbers.
    public func epochCSV() -> String {
        var text = Self.csvHeader + "\n"
        for row in epochs {
            let cells: [String] = [
                String(row.epoch + 1), Self.cell(row.loss), reportsAccuracy ? Self.cell(row.accuracy) : "",
                row.validationLoss.map(Self.cell) ?? "",
                reportsAccuracy ? row.validationAccuracy.map(Self.cell) ?? "" : "",
                Self.cell(row.seconds), row.learningRate.map(Self.cell) ?? "",
            ]
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }

    /// The shortest text that reads back as the same number (`0.001`, not `0.0010000000474974513`).
    private static func cell(_ value: some BinaryFloatingPoint & LosslessStringConvertible) -> String {
        value.description
    }
}
