import Testing

@testable import RunLogs

@Suite struct TagMeaningTests {
    @Test(
        arguments: [
            ("loss", nil, TagMeaning(metric: .loss, split: .train, granularity: nil)),
            ("accuracy", nil, TagMeaning(metric: .accuracy, split: .train, granularity: nil)),
            ("val_loss", nil, TagMeaning(metric: .loss, split: .validation, granularity: nil)),
            ("val_accuracy", nil, TagMeaning(metric: .accuracy, split: .validation, granularity: nil)),
            ("val_acc", nil, TagMeaning(metric: .accuracy, split: .validation, granularity: nil)),
            ("epoch_loss", nil, TagMeaning(metric: .loss, split: .train, granularity: .epoch)),
            ("epoch_loss", .validation, TagMeaning(metric: .loss, split: .validation, granularity: .epoch)),
            ("epoch_accuracy", .train, TagMeaning(metric: .accuracy, split: .train, granularity: .epoch)),
            ("batch_loss", nil, TagMeaning(metric: .loss, split: .train, granularity: .batch)),
            (
                "evaluation_loss_vs_iterations", .validation,
                TagMeaning(metric: .loss, split: .validation, granularity: .batch)
            ),
            ("Loss/train", nil, TagMeaning(metric: .loss, split: .train, granularity: nil)),
            ("Accuracy/test", nil, TagMeaning(metric: .accuracy, split: .validation, granularity: nil)),
            ("train/loss", .validation, TagMeaning(metric: .loss, split: .train, granularity: nil)),
        ] as [(String, TagMeaning.Split?, TagMeaning)])
    func knownTags(tag: String, directory: TagMeaning.Split?, meaning: TagMeaning) {
        #expect(TagMeaning(tag: tag, directorySplit: directory) == meaning)
    }

    @Test(arguments: ["learning_rate", "epoch_learning_rate", "lossy_compression_ratio", "grad_norm", ""])
    func otherTagsGoToTheScalarsList(tag: String) {
        #expect(TagMeaning(tag: tag) == nil)
    }

    @Test func directoriesKerasWrites() {
        #expect(TagMeaning.split(ofDirectory: "train") == .train)
        #expect(TagMeaning.split(ofDirectory: "validation") == .validation)
        #expect(TagMeaning.split(ofDirectory: "run-a") == nil)
    }
}
