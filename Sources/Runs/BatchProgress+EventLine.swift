import Training

extension BatchProgress {
    /// The `batch_end` line of an event log, formatted by hand: the same object as
    /// `TrainingEvent.batchEnded(self).jsonObject()` plus `"v":1`, at a fraction of the cost of
    /// going through an encoder (the recorder writes one per batch, beside training).
    public var eventLine: String {
        var line = "{\"accuracy\":" + Self.number(accuracy)
        line += ",\"epoch\":\(epoch),\"epoch_accuracy\":" + Self.number(epochAccuracy)
        line += ",\"epoch_elapsed\":" + Self.number(epochElapsed) + ",\"epoch_loss\":" + Self.number(epochLoss)
        line += ",\"event\":\"batch_end\",\"global_step\":\(globalStep),\"loss\":" + Self.number(loss)
        line += ",\"samples_per_second\":" + Self.number(samplesPerSecond)
        line += ",\"step\":\(step),\"steps_per_epoch\":\(stepsPerEpoch),\"v\":1}"
        return line
    }

    /// A JSON number, or the strings the encoder uses for values that are not finite.
    static func number<Value: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Value) -> String {
        if value.isNaN { return "\"nan\"" }
        if value.isInfinite { return value > 0 ? "\"inf\"" : "\"-inf\"" }
        return value.description
    }
}
