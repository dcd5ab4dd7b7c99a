import RunLogsTestSupport
import Testing

@testable import RunLogs

@Suite struct TensorBoardEventDecoderTests {
    private let decoder = TensorBoardEventDecoder()

    private func scalars(_ payload: [UInt8], decoder: TensorBoardEventDecoder = .init()) throws -> [ScalarPoint] {
        try decoder.decode(payload).events.compactMap {
            if case .scalar(let point) = $0 { return point }
            return nil
        }
    }

    private func histograms(_ payload: [UInt8]) throws -> [HistogramPoint] {
        try decoder.decode(payload).events.compactMap {
            if case .histogram(let point) = $0 { return point }
            return nil
        }
    }

    @Test func fileVersionRecordGivesNothing() throws {
        let decoded = try decoder.decode(TFEventsFixture.fileVersion())
        #expect(decoded.events.isEmpty)
        #expect(decoded.problems.isEmpty)
    }

    @Test func simpleValueScalarsOfPyTorch() throws {
        let payload = TFEventsFixture.event(
            step: 12, wallTime: 1234.5,
            values: [TFEventsFixture.simpleValue("Loss/train", 0.1), TFEventsFixture.simpleValue("lr", 3e-4)])
        let points = try scalars(payload)
        #expect(points.map(\.tag) == ["Loss/train", "lr"])
        #expect(points.map(\.value) == [Double(Float(0.1)), Double(Float(3e-4))])
        #expect(points.map(\.step) == [12, 12])
        #expect(points.first?.wallTime == 1234.5)
        #expect(points.first?.meaning == TagMeaning(metric: .loss, split: .train, granularity: nil))
        #expect(points.last?.meaning == nil)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func tensorScalarsOfKeras(double: Bool, packed: Bool) throws {
        let value = 0.7123456789012345
        let payload = TFEventsFixture.event(
            step: 3, values: [TFEventsFixture.tensorScalar("epoch_accuracy", value, double: double, packed: packed)])
        let points = try scalars(payload, decoder: TensorBoardEventDecoder(directorySplit: .validation))
        #expect(points.map(\.value) == [double ? value : Double(Float(value))])
        #expect(points.first?.meaning == TagMeaning(metric: .accuracy, split: .validation, granularity: .epoch))
    }

    @Test func histogramProtoGivesExactExtremesAndBucketMeanOfAbsoluteValues() throws {
        let values: [Double] = [-0.5, -0.25, 0.1, 0.3, 0.31, 0.9]
        let limits: [Double] = [-0.4, -0.2, 0, 0.2, 0.4, 1.0]
        let payload = TFEventsFixture.event(
            step: 5, values: [TFEventsFixture.histogram("dense/kernel", of: values, limits: limits)])
        let point = try #require(try histograms(payload).first)
        let statistics = point.statistics
        #expect(point.tag == "dense/kernel")
        #expect(statistics.count == 6)
        #expect(statistics.minimum == -0.5)
        #expect(statistics.maximum == 0.9)
        #expect(statistics.maximumAbsolute == 0.9)
        #expect(statistics.sum == values.reduce(0, +))
        // Buckets clipped to [min, max]: (-0.5,-0.4] 1, (-0.4,-0.2] 1, (0,0.2] 1, (0.2,0.4] 2, (0.4,0.9] 1.
        let expected = (0.45 + 0.3 + 0.1 + 2 * 0.3 + 0.65) / 6
        #expect(abs(statistics.meanAbsolute - expected) < 1e-12)
        let exact = values.map(abs).reduce(0, +) / 6
        #expect(abs(statistics.meanAbsolute - exact) <= 0.1)
    }

    @Test func bucketAcrossZeroCountsTheMeanOfAbsoluteValuesOverIt() {
        // Evenly spread over [-1, 3]: mean |x| = (1 + 9) / (2 * 4) = 1.25.
        let statistics = HistogramStatistics(buckets: [.init(lower: -1, upper: 3, count: 4)])
        #expect(statistics.meanAbsolute == 1.25)
        #expect(statistics.maximumAbsolute == 3)
        #expect(statistics.minimum == -1)
    }

    @Test func tensorHistogramOfKeras() throws {
        let payload = TFEventsFixture.event(
            step: 1,
            values: [
                TFEventsFixture.tensorHistogram("dense/kernel/histogram", rows: [(-2, -1, 2), (-1, 1, 0), (1, 4, 6)])
            ])
        let statistics = try #require(try histograms(payload).first).statistics
        #expect(statistics.count == 8)
        #expect(statistics.minimum == -2)
        #expect(statistics.maximum == 4)
        #expect(statistics.maximumAbsolute == 4)
        #expect(statistics.meanAbsolute == (2 * 1.5 + 6 * 2.5) / 8)
        #expect(statistics.sum == nil)
    }

    @Test func unknownFieldsAreIgnored() throws {
        var event = ProtobufWriter()
        event.double(1, 10)
        event.varint(2, 4)
        event.bytes(4, [UInt8](repeating: 0xAB, count: 100))  // graph_def, not in our subset
        event.varint(99, 12345)  // a field no version of event.proto has
        event.message(5) { summary in
            summary.message(1) { value in
                value.string(1, "val_loss")
                value.float(2, 2.5)
                value.string(7, "node")  // node_name, not in our subset
            }
        }
        let points = try scalars(event.bytes)
        #expect(points.map(\.value) == [2.5])
        #expect(points.first?.meaning?.split == .validation)
    }

    @Test func wrongWireTypeIsAnErrorNotACrash() {
        var event = ProtobufWriter()
        event.string(1, "wall_time should be a double")
        #expect(throws: TensorBoardEventDecoder.DecodingError.self) { try decoder.decode(event.bytes) }
        var summary = ProtobufWriter()
        summary.varint(5, 7)
        #expect(throws: TensorBoardEventDecoder.DecodingError.self) { try decoder.decode(summary.bytes) }
        #expect(throws: TensorBoardEventDecoder.DecodingError.self) { try decoder.decode([0xFF, 0xFF, 0xFF]) }
    }

    @Test func mistypedValueFieldIsAProblemOfThatValueAlone() throws {
        var mistyped = ProtobufWriter()
        mistyped.string(1, "loss")
        mistyped.double(2, 1.0)  // simple_value is a float (fixed32), not a double
        let payload = TFEventsFixture.event(step: 1, values: [mistyped.bytes, TFEventsFixture.simpleValue("acc", 1)])
        let decoded = try decoder.decode(payload)
        #expect(decoded.events.count == 1)
        #expect(decoded.problems.count == 1)
        #expect(decoded.problems.first?.hasPrefix("tag \"loss\": Summary.Value field 2 has wire type 1, not 5") == true)
    }

    @Test func unreadableValueIsAProblemAndTheOthersStillCount() throws {
        var bad = ProtobufWriter()
        bad.string(1, "weird")
        bad.message(9) { metadata in metadata.message(1) { plugin in plugin.string(1, "scalars") } }
        bad.message(8) { tensor in
            tensor.varint(1, 7)  // DT_STRING
            tensor.bytes(8, Array("text".utf8))
        }
        let payload = TFEventsFixture.event(step: 1, values: [bad.bytes, TFEventsFixture.simpleValue("loss", 1)])
        let decoded = try decoder.decode(payload)
        #expect(decoded.events.count == 1)
        #expect(decoded.problems == ["tag \"weird\": a numeric summary of data type 7, not float or double"])
    }
}
