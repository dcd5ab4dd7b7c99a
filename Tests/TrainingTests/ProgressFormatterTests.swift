import Testing

@testable import Training

@Test func batchLineLooksLikeKerasVerboseOne() {
    let progress = BatchProgress(
        epoch: 0, step: 469, stepsPerEpoch: 938, globalStep: 469, loss: 0.5, accuracy: 0.8,
        epochLoss: 0.34125, epochAccuracy: 0.90213, samplesPerSecond: 60000, epochElapsed: 1.0)
    let line = ProgressFormatter.batchLine(progress, reportsAccuracy: true, width: 10)
    #expect(line == "469/938 [====>.....] - ETA: 1s - loss: 0.3413 - accuracy: 0.9021")
}

@Test func epochLineCarriesValidationFigures() {
    let summary = EpochSummary(
        epoch: 1, epochs: 5, stepsPerEpoch: 938, loss: 0.1, accuracy: 0.97, validationLoss: 0.09,
        validationAccuracy: 0.975, seconds: 0.5, samplesPerSecond: 120000)
    let line = ProgressFormatter.epochLine(summary, reportsAccuracy: true, width: 4)
    #expect(
        line
            == "938/938 [====] - 500ms 533us/step - loss: 0.1000 - accuracy: 0.9700 - val_loss: 0.0900 - val_accuracy: 0.9750"
    )
}

@Test func resultEventIsOneJSONLineWithTheScriptFields() {
    let line = TrainingEvent.finished(
        FinalResult(testLoss: 0.25, testAccuracy: 0.5, epochs: 5, trainSamplesPerSecond: 1000, seconds: 3)
    ).jsonLine()
    #expect(!line.contains("\n"))
    #expect(line.contains("\"event\":\"result\""))
    #expect(line.contains("\"test_loss\":0.25"))
    #expect(line.contains("\"test_accuracy\":0.5"))
    #expect(line.contains("\"epochs\":5"))
    #expect(line.contains("\"train_samples_per_second\":1000"))
}
