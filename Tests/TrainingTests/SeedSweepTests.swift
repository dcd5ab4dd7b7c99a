import Testing
import Training

/// Seed lists as typed on the command line, their spread, and the lines `neurotop seeds` prints.
struct SeedSweepTests {
    @Test func rangesListsAndMixesParse() throws {
        #expect(try SeedList(parsing: "1-5").seeds == [1, 2, 3, 4, 5])
        #expect(try SeedList(parsing: "1,4,9").seeds == [1, 4, 9])
        #expect(try SeedList(parsing: "1-3,10").seeds == [1, 2, 3, 10])
        #expect(try SeedList(parsing: "7").seeds == [7])
        #expect(try SeedList(parsing: "1-5").description == "1-5")
        #expect(SeedList(1...5) == (try SeedList(parsing: "1-5")))
        #expect(try SeedList(parsing: "1,4,9").description == "1,4,9")
        #expect(try SeedList(parsing: "3,1,2").description == "3,1,2")
        #expect(try SeedList(parsing: "5,1-3").seeds == [5, 1, 2, 3])
    }

    @Test func badSeedListsSayWhatIsWrong() {
        #expect(throws: SeedListError.malformed("x")) { try SeedList(parsing: "x") }
        #expect(throws: SeedListError.malformed("1-2-3")) { try SeedList(parsing: "1-2-3") }
        #expect(throws: SeedListError.malformed("")) { try SeedList(parsing: "1,,2") }
        #expect(throws: SeedListError.malformed("-1")) { try SeedList(parsing: "-1") }
        #expect(throws: SeedListError.backwards("5-1")) { try SeedList(parsing: "5-1") }
        #expect(throws: SeedListError.repeated) { try SeedList(parsing: "1-3,2") }
        #expect(throws: SeedListError.tooMany) { try SeedList(parsing: "1-1000,2000") }
        #expect(throws: SeedListError.tooMany) { try SeedList(parsing: "0-18446744073709551615") }
        #expect((try? SeedList(parsing: "1-1000"))?.seeds.count == 1_000)
    }

    @Test func spreadIsTheSampleStatistics() throws {
        let spread = try #require(SeedSpread([0.98, 0.985, 0.975, 0.99]))
        #expect(spread.count == 4)
        #expect(abs(spread.mean - 0.9825) < 1e-12)
        // Deviations ±0.0025, ±0.0075: (2·0.0025² + 2·0.0075²) / 3.
        #expect(abs(spread.standardDeviation - (0.000125 / 3).squareRoot()) < 1e-12)
        #expect(spread.minimum == 0.975 && spread.maximum == 0.99)
        #expect(SeedSpread([0.5])?.standardDeviation == 0)
        #expect(SeedSpread([]) == nil)
        #expect(SeedSpread.count(of: [0.98, 0.985, 0.975, 0.99], reaching: 0.982) == 2)
    }

    @Test func linesNameTheSeedsAtBothEnds() {
        let result = FinalResult(
            testLoss: 0.0571, testAccuracy: 0.9817, epochs: 5, trainSamplesPerSecond: 9_000, seconds: 25.14)
        #expect(
            SeedSweepFormatter.runLine(seed: 1, result: result, seedWidth: 2)
                == "seed  1  test accuracy 98.17%  test score 0.0571  25.1s")
        let figures: [(seed: UInt64, value: Double)] = [(1, 0.9817), (2, 0.9853), (4, 0.9777)]
        #expect(
            SeedSweepFormatter.summary(figures, isAccuracy: true, reference: 0.982)
                == "over 3 seeds: mean 98.16%  sd 0.38  min 97.77% (seed 4)  max 98.53% (seed 2)  article 98.20%: reached by 1 of 3"
        )
        #expect(
            SeedSweepFormatter.summary([(3, 0.0123)], isAccuracy: false, reference: 0.9)
                == "over 1 seed: mean 0.0123  sd 0.0000  min 0.0123 (seed 3)  max 0.0123 (seed 3)")
    }
}
