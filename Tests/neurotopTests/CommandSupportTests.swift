import Foundation
import Synchronization
import Testing

@testable import neurotop

/// The helpers every command shares: the progress line, its throttle, JSON lines.
struct CommandSupportTests {
    /// Runs `body` with output captured; returns standard output.
    private func captured(_ body: () -> Void) -> String {
        let out = Mutex("")
        let sink = OutputSink(
            writeOut: { text in out.withLock { $0 += text } }, writeError: { _ in }, isTerminal: true)
        OutputSink.$current.withValue(sink, operation: body)
        return out.withLock { $0 }
    }

    @Test func throttleAllowsOneEventPerTenthOfASecond() {
        var throttle = Throttle()
        let start = Date(timeIntervalSinceReferenceDate: 1000)
        let answers = [0, 0.05, 0.099, 0.1, 0.15].map { throttle.allows(now: start.addingTimeInterval($0)) }
        #expect(answers == [true, false, false, true, false])
    }

    @Test func progressLineRedrawsInPlaceAtMostTenTimesASecond() {
        let out = captured {
            let line = ProgressLine()
            line.update("1/3")
            line.update("2/3")  // within a tenth of a second of the first: skipped
            line.replace(with: "3/3 done")
        }
        #expect(out == "\r\u{1B}[2K1/3" + "\r\u{1B}[2K3/3 done\n")
    }

    @Test func progressLineIsKeptOrClearedOnlyWhenDrawn() {
        let out = captured {
            let line = ProgressLine()
            line.clear()
            line.keep()
            line.replace(with: "epoch 1")
            line.update("seed 1")
            line.keep()
            line.update("seed 2")  // throttled
            line.clear()
        }
        #expect(out == "epoch 1\n" + "\r\u{1B}[2Kseed 1" + "\n")
    }

    private struct Sample: Encodable {
        var configName: String
        var testLoss: Float
        var values: [Double]
        var missing: Int?
    }

    @Test func jsonLinesHaveSortedSnakeCaseKeysAndSayNaN() {
        let out = captured {
            JSONLine.write(Sample(configName: "a/b", testLoss: .nan, values: [0.5, .infinity], missing: nil))
        }
        #expect(out == #"{"config_name":"a/b","test_loss":"nan","values":[0.5,"inf"]}"# + "\n")
    }
}
