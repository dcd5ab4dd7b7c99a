import RunLogsTestSupport
import Testing

@testable import RunLogs

@Suite struct PNGDecoderTests {
    /// A 5x4 gradient with a bright diagonal: every filter has something to predict.
    private let width = 5
    private let height = 4
    private var gray: [UInt8] {
        var levels: [UInt8] = []
        for row in 0..<height {
            for column in 0..<width {
                let level: Int = row == column ? 255 : row * 40 + column * 9
                levels.append(UInt8(level))
            }
        }
        return levels
    }

    @Test(arguments: [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4], [4, 3, 2, 1]] as [[UInt8]])
    func grayImageUnderEveryFilter(filters: [UInt8]) throws {
        let png = PNGFixture.png(width: width, height: height, pixels: gray, filters: filters)
        let image = try PNGDecoder.grayLevels(of: png)
        #expect(image.width == width)
        #expect(image.height == height)
        #expect(image.pixels == gray)
    }

    @Test func rgbWithThreeEqualChannelsGivesTheGrayBack() throws {
        let rgb = gray.flatMap { [$0, $0, $0] }
        let png = PNGFixture.png(width: width, height: height, channels: 3, pixels: rgb, filters: [4, 1])
        #expect(try PNGDecoder.grayLevels(of: png).pixels == gray)
    }

    @Test func rgbaAveragesColourAndDropsAlpha() throws {
        let png = PNGFixture.png(width: 2, height: 1, channels: 4, pixels: [30, 60, 90, 7, 255, 0, 0, 0])
        #expect(try PNGDecoder.grayLevels(of: png).pixels == [60, 85])
    }

    @Test func damagedPNGsAreRefusedWithAReason() throws {
        let good = PNGFixture.png(width: width, height: height, pixels: gray)
        #expect(throws: PNGDecoder.Failure(reason: "not a PNG (no PNG signature)")) {
            try PNGDecoder.grayLevels(of: Array("GIF89a".utf8))
        }
        var truncated = good
        truncated.removeLast(20)
        #expect(throws: PNGDecoder.Failure.self) { try PNGDecoder.grayLevels(of: truncated) }
        var huge = good
        huge.replaceSubrange(16..<24, with: [0, 1, 0, 0, 0, 1, 0, 0])  // 65536 x 65536
        #expect(throws: PNGDecoder.Failure(reason: "a PNG of 65536x65536 pixels; at most 4194304 are read")) {
            try PNGDecoder.grayLevels(of: huge)
        }
    }

    @Test func imageSummaryGivesItsPixels() throws {
        var value = ProtobufWriter()
        value.string(1, "digits")
        value.message(4) { image in
            image.varint(1, UInt64(height))
            image.varint(2, UInt64(width))
            image.varint(3, 1)
            image.bytes(4, PNGFixture.png(width: width, height: height, pixels: gray, filters: [2]))
        }
        let decoded = try TensorBoardEventDecoder().decode(TFEventsFixture.event(step: 9, values: [value.bytes]))
        guard case .image(let image) = decoded.events.first else {
            Issue.record("no image in \(decoded)")
            return
        }
        #expect(image.pixels == gray)
        #expect(image.tag == "digits")
        #expect(image.channels == 1)
        #expect(image.step == 9)
    }
}
