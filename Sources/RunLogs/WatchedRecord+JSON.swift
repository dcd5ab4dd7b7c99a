import Runs
import Training

extension WatchedRecord {
    /// The record as one JSON line in the format of `events.jsonl` (docs/events.md: snake_case
    /// keys, sorted, `"v":1`, non-finite numbers as `"nan"`, `"inf"`, `"-inf"`), plus `run`.
    /// TensorBoard's values are the events `scalar`, `histogram` and `image` (docs/watch.md).
    public func jsonLine() -> String {
        var object: [String: Any]
        switch event {
        case .recorded(.event(let event)): object = event.jsonObject()
        case .recorded(.intervention(let intervention)): object = TrainingEvent.intervention(intervention).jsonObject()
        case .scalar(let point): object = Self.fields(of: point)
        case .histogram(let point): object = Self.fields(of: point)
        case .image(let point): object = Self.fields(of: point)
        }
        object["v"] = EventLogReader.supportedVersion
        object["run"] = run
        return TrainingEvent.line(Self.finite(object))
    }

    /// `object` with every non-finite number replaced by neurotop's string for it:
    /// `TrainingEvent.jsonObject` sets a few fields by hand (`learning_rate`), and a NaN among
    /// them would make the whole line unserialisable (`{}`).
    static func finite(_ object: [String: Any]) -> [String: Any] {
        object.mapValues(finiteValue)
    }

    /// Non-finite numbers become strings; everything else is returned as it is (a cast to
    /// Double also succeeds for integers and booleans, which must keep their type).
    private static func finiteValue(_ value: Any) -> Any {
        switch value {
        case let object as [String: Any]: return finite(object)
        case let array as [Any]: return array.map(finiteValue)
        default:
            if let number = value as? Double, !number.isFinite { return Self.number(number) }
            return value
        }
    }

    static func fields(of point: ScalarPoint) -> [String: Any] {
        var object: [String: Any] = [
            "event": "scalar", "tag": point.tag, "step": point.step, "wall_time": number(point.wallTime),
            "value": number(point.value),
        ]
        if let meaning = point.meaning {
            object["metric"] = meaning.metric.rawValue
            object["split"] = meaning.split.rawValue
            if let granularity = meaning.granularity { object["per"] = granularity.rawValue }
        }
        return object
    }

    static func fields(of point: HistogramPoint) -> [String: Any] {
        let statistics = point.statistics
        var object: [String: Any] = [
            "event": "histogram", "tag": point.tag, "step": point.step, "wall_time": number(point.wallTime),
            "count": number(statistics.count), "min": number(statistics.minimum), "max": number(statistics.maximum),
            "mean_abs": number(statistics.meanAbsolute), "max_abs": number(statistics.maximumAbsolute),
        ]
        if let sum = statistics.sum { object["sum"] = number(sum) }
        if let sumOfSquares = statistics.sumOfSquares { object["sum_squares"] = number(sumOfSquares) }
        return object
    }

    static func fields(of point: ImagePoint) -> [String: Any] {
        [
            "event": "image", "tag": point.tag, "step": point.step, "wall_time": number(point.wallTime),
            "width": point.width, "height": point.height, "channels": point.channels, "pixels": point.pixels,
        ]
    }

    /// A JSON number, or the string neurotop writes for a value that is not finite.
    static func number(_ value: Double) -> Any {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return value
    }
}
