import Training

extension Intervention {
    /// The line as `events.jsonl` holds it, `{"action":...,"event":"intervention","global_step":...,"v":1}`:
    /// the object the recorder writes for `TrainingEvent.intervention(self)`.
    public func jsonLine() -> String {
        var object = TrainingEvent.intervention(self).jsonObject()
        object["v"] = EventLogReader.supportedVersion
        return TrainingEvent.line(object)
    }
}
