import RunLogsTestSupport
import Testing

@testable import RunLogs

@Suite struct FollowedFileTests {
    @Test func tensorBoardFileGivesItsScalarsAndANoticePerBadRecord() throws {
        let scratch = try ScratchDirectory()
        var wrongWireType = ProtobufWriter()
        wrongWireType.varint(5, 1)
        let bytes = TFEventsFixture.file([
            TFEventsFixture.fileVersion(),
            TFEventsFixture.event(step: 1, values: [TFEventsFixture.tensorScalar("epoch_loss", 0.5)]),
            wrongWireType.bytes,
            TFEventsFixture.event(step: 2, values: [TFEventsFixture.tensorScalar("epoch_loss", 0.25)]),
        ])
        let path = try scratch.write(bytes, to: "run-a/validation/events.out.tfevents.1")
        var followed = FollowedFile(try #require(try RunLogDiscovery.files(at: path).first))
        let batch = try followed.readAvailable()
        let values = batch.records.compactMap { record -> Double? in
            guard record.run == "run-a", case .scalar(let point) = record.event, point.meaning?.split == .validation
            else { return nil }
            return point.value
        }
        #expect(values == [0.5, 0.25])
        #expect(batch.notices.count == 1)
        #expect(
            batch.notices.first?.message
                == "Event field 5 has wire type 0, not 2: the writer does not follow TensorBoard's event.proto; skipped"
        )
        #expect(followed.unfinishedNotice(pendingBytes: batch.pendingBytes) == nil)
    }

    /// A live view reads a long log about a megabyte a call, so that no frame waits for more:
    /// decoding an 8 MB events.jsonl at once took seconds, and every frame stalled behind it.
    @Test func aLongEventStreamIsReadAboutAMegabyteACall() throws {
        let scratch = try ScratchDirectory()
        let line = Array(
            (#"{"accuracy":0.125,"epoch":0,"event":"batch_end","global_step":1,"loss":2.5,"step":1,"v":1}"# + "\n").utf8)
        let bytes = Array([[UInt8]](repeating: line, count: 3 * (1 << 20) / line.count + 1).joined())
        let path = try scratch.write(bytes, to: "run/events.jsonl")
        var followed = FollowedFile(WatchedFile(path: path, kind: .eventStream, run: "run"))
        var calls = 1
        while try followed.readAvailable().hasMore { calls += 1 }
        #expect(calls >= 3)
    }

    @Test func unfinishedTailGivesOneNoticeWhenReadOnce() throws {
        let scratch = try ScratchDirectory()
        let bytes = TFEventsFixture.file([TFEventsFixture.fileVersion()])
        let path = try scratch.write(bytes + bytes.prefix(7), to: "events.out.tfevents.1")
        var followed = FollowedFile(WatchedFile(path: path, kind: .tensorBoard, run: "r"))
        let batch = try followed.readAvailable()
        #expect(
            followed.unfinishedNotice(pendingBytes: batch.pendingBytes)?.message
                == "the last 7 bytes are an incomplete record: skipped until the writer completes it")
    }
}
