import Dashboard
import Foundation
import RunLogs
import RunLogsTestSupport
import Testing

/// Logs no sane writer makes, which a watched file may still hold: extreme steps, values that
/// are not finite, odd histograms and images. Each is read and drawn at several sizes without a
/// crash.
struct WatchHostileLogTests {
    static let sizes = [(120, 40), (80, 24), (40, 12), (20, 6)]

    /// Reads `events` (as one run's log, in `directory` below the watched path) and renders
    /// every screen size, the scalar list open and closed.
    static func watchAndDraw(_ events: [[UInt8]], directory: String = "run") throws -> DashboardModel {
        let scratch = try ScratchDirectory()
        try scratch.write(
            TFEventsFixture.file([TFEventsFixture.fileVersion()] + events),
            to: "logs/\(directory)/events.out.tfevents.1.host")
        let session = try WatchSession(paths: [scratch.path + "/logs"], clock: { 0 })
        for (width, height) in sizes {
            for opensList in [false, true] {
                if opensList { session.press(.character("v")) }
                var buffer = ScreenBuffer(width: width, height: height)
                session.model.render(into: &buffer, theme: Theme(palette: .ansi256, unicode: true))
                #expect(buffer.plainText.contains("neurotop") || height < 8)
                if opensList { session.press(.escape) }
            }
        }
        return session.model
    }

    static func scalars(step: Int64, _ values: [(String, Float)]) -> [UInt8] {
        TFEventsFixture.event(step: step, values: values.map { TFEventsFixture.simpleValue($0.0, $0.1) })
    }

    @Test(arguments: [Int64.max, Int64.min, -1, 0, 1 << 62])
    func extremeStepsOfEveryKind(step: Int64) throws {
        let model = try Self.watchAndDraw([
            Self.scalars(step: 0, [("Loss/train", 1), ("Accuracy/train", 0.5)]),
            Self.scalars(step: step, [("Loss/train", 0.5), ("epoch_loss", 0.4), ("val_accuracy", 0.9), ("other", 3)]),
            Self.scalars(step: step, [("epoch_accuracy", 0.8), ("val_loss", 0.3)]),
            TFEventsFixture.event(
                step: step, values: [TFEventsFixture.histogram("fc.weight.grad", of: [1, -2], limits: [0, 5])]),
        ])
        let run = try #require(model.runs["run"])
        if (0...Int64(Int32.max)).contains(step) {
            #expect(run.losses.last == 0.5)
        } else {
            #expect(run.losses.steps == [0], "a value at step \(step) is skipped")
            #expect(run.journal.contains { $0.contains("steps outside 0...2147483647 are skipped") })
        }
    }

    @Test func valuesThatAreNotFinite() throws {
        let values: [Float] = [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0]
        let model = try Self.watchAndDraw(
            values.enumerated().map { step, value in
                Self.scalars(
                    step: Int64(step),
                    [
                        ("Loss/train", value), ("Accuracy/train", value), ("epoch_loss", value),
                        ("val_accuracy", value),
                        ("learning_rate", value), ("other", value),
                    ])
            })
        #expect(model.runs["run"]?.losses.steps.count == values.count)
        // Wall times no clock shows.
        for wallTime in [Double.infinity, -.infinity, .nan, 1e300, -1e300] {
            let watched = try Self.watchAndDraw([
                TFEventsFixture.event(
                    step: 1, wallTime: wallTime, values: [TFEventsFixture.simpleValue("Loss/train", 1)])
            ])
            #expect(watched.runs["run"]?.losses.values == [1])
        }
    }

    @Test func histogramsAndImagesOfOddShapes() throws {
        var wide = ProtobufWriter()
        wide.string(1, "wide")
        wide.message(4) { image in
            image.varint(1, 1)
            image.varint(2, 2000)
            image.varint(3, 1)
            image.bytes(4, PNGFixture.png(width: 2000, height: 1, pixels: [UInt8](repeating: 200, count: 2000)))
        }
        let model = try Self.watchAndDraw([
            TFEventsFixture.event(
                step: 1,
                values: [
                    TFEventsFixture.histogram("empty", of: [], limits: [0]),
                    TFEventsFixture.histogram("", of: [1], limits: [2]),
                    TFEventsFixture.histogram("///", of: [.nan, .infinity], limits: [.infinity]),
                    TFEventsFixture.tensorHistogram("keras/dense/kernel/histogram", rows: []),
                    wide.bytes, WatchedLogs.image("one", level: 1, size: 1),
                ])
        ])
        #expect(model.runs["run"]?.layers.isEmpty == false)
    }

    @Test func thousandsOfTagsAndLayers() throws {
        let events = (0..<2000).map { index in
            TFEventsFixture.event(
                step: Int64(index),
                values: [
                    TFEventsFixture.simpleValue("tag \(index) " + String(repeating: "ก", count: index % 50), 1),
                    TFEventsFixture.histogram("layer\(index).weight", of: [1], limits: [2]),
                ])
        }
        let model = try Self.watchAndDraw(events)
        #expect(model.runs["run"]?.watched?.scalarTags.count == 2000)
        #expect(model.runs["run"]?.layers.count == 2000)
    }

    /// An event stream (the path neurotop's own runs and the Keras callback take) with steps and
    /// figures at the ends of what its fields hold: the lines with counts no training has are
    /// skipped with a notice, those with extreme or non-finite figures are read and drawn.
    @Test func anEventStreamWithExtremeFigures() throws {
        let huge = "9223372036854775807"
        let stage = """
            {"v":1,"event":"stage_started","index":0,"count":1,"title":"t","epochs":\(huge),\
            "steps_per_epoch":\(huge),"batch_size":\(huge),"learning_rate":"inf","optimizer":"adam","loss":"x",\
            "reports_accuracy":true,"layers":[],"parameter_counts":{"total":\(huge),"trainable":-5,"non_trainable":0}}
            """
        let lines = [
            #"{"v":1,"event":"started","name":"n","identifier":"i","dataset_name":"d","train_count":-1,"test_count":0,"stage_count":0}"#,
            stage,
            #"{"v":1,"event":"batch_end","epoch":\#(huge),"step":-9,"steps_per_epoch":0,"global_step":\#(huge),"loss":"nan","accuracy":"inf","epoch_loss":3.4e38,"epoch_accuracy":-3.4e38,"samples_per_second":"inf","epoch_elapsed":-1}"#,
            #"{"v":1,"event":"batch_end","epoch":0,"step":1,"steps_per_epoch":1,"global_step":1,"loss":3.4e38,"accuracy":-3.4e38,"epoch_loss":1,"epoch_accuracy":1,"samples_per_second":0,"epoch_elapsed":0}"#,
            #"{"v":1,"event":"epoch_end","epoch":\#(huge),"epochs":0,"steps_per_epoch":\#(huge),"loss":"-inf","accuracy":2,"validation_loss":"nan","validation_accuracy":-1,"seconds":"inf","samples_per_second":-1}"#,
            #"{"v":1,"event":"result","test_loss":"nan","test_accuracy":"inf","epochs":3,"train_samples_per_second":"nan","seconds":-1}"#,
        ]
        let scratch = try ScratchDirectory()
        try scratch.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: "logs/run/events.jsonl")
        let session = try WatchSession(paths: [scratch.path + "/logs"], clock: { 0 })
        for (width, height) in Self.sizes {
            var buffer = ScreenBuffer(width: width, height: height)
            session.model.render(into: &buffer, theme: Theme(palette: .ansi256, unicode: true))
            session.press(.character("c"))
            session.model.render(into: &buffer, theme: Theme(palette: .ansi8, unicode: false))
            session.press(.escape)
        }
        let run = try #require(session.model.runs["run"])
        #expect(run.losses.values == [3.4e38], "the line of finite figures is read")
        #expect(run.result != nil, "non-finite figures are read as such")
        #expect(
            run.journal.contains {
                $0.contains("`epochs` is 9223372036854775807, and it must be a whole number from 0 to 2147483647")
            })
        #expect(run.journal.contains { $0.contains("`epoch` is 9223372036854775807") })
    }
}
