/// Seeds written as on a command line: `1-5`, `1,4,9`, or a mix such as `1-3,10`.
public struct SeedList: Equatable, Sendable {
    /// The most seeds one list may name.
    public static let largestCount = 1_000

    public let seeds: [UInt64]

    /// The seeds of a range, in order.
    public init(_ range: ClosedRange<UInt64>) {
        seeds = Array(range)
    }

    /// - Throws: `SeedListError` naming the part that is not a seed or a range of seeds.
    public init(parsing text: String) throws(SeedListError) {
        var seeds: [UInt64] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2, let low = UInt64(bounds[0]), let high = UInt64(bounds[bounds.count - 1]) else {
                throw .malformed(String(part))
            }
            guard low <= high else { throw .backwards(String(part)) }
            guard high - low < UInt64(Self.largestCount), seeds.count + Int(high - low) < Self.largestCount else {
                throw .tooMany
            }
            seeds.append(contentsOf: low...high)
        }
        guard Set(seeds).count == seeds.count else { throw .repeated }
        self.seeds = seeds
    }

    /// `1-5` for a run of consecutive seeds, else the seeds joined by commas.
    public var description: String {
        guard let first = seeds.first, let last = seeds.last else { return "" }
        if seeds.count > 2, first <= last, seeds == Array(first...last) { return "\(first)-\(last)" }
        return seeds.map(String.init).joined(separator: ",")
    }
}

public enum SeedListError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case backwards(String)
    case tooMany
    case repeated

    public var description: String {
        switch self {
        case .malformed(let part):
            "'\(part)' is not a seed or a range of seeds; write them like 1-5 or 1,4,9"
        case .backwards(let part): "the range '\(part)' runs backwards; write the smaller seed first"
        case .tooMany: "at most \(SeedList.largestCount) seeds in one run"
        case .repeated: "a seed is named twice; name each seed once"
        }
    }
}
