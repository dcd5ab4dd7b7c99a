import Datasets
import Experiments
import Foundation
import NeuroEngine
import Synchronization

/// Paths of the test fixtures and the bundled configs, found from this file's location so the
/// package needs no resource declarations.
enum Fixtures {
    static let testsDirectory = (#filePath as NSString).deletingLastPathComponent
    static let validDirectory = (testsDirectory as NSString).appendingPathComponent("valid_configs")
    static let invalidDirectory = (testsDirectory as NSString).appendingPathComponent("invalid_configs")
    /// The package's own `configs/`.
    static let bundledDirectory =
        (((testsDirectory as NSString).deletingLastPathComponent as NSString)
        .deletingLastPathComponent as NSString).appendingPathComponent("configs")

    static var validFiles: [String] { yamlFiles(in: validDirectory) }
    static var invalidFiles: [String] { yamlFiles(in: invalidDirectory) }

    static func valid(_ name: String) -> String { (validDirectory as NSString).appendingPathComponent(name) }

    /// The full paths of the `.yaml` files in `directory`, sorted.
    static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map {
            (directory as NSString).appendingPathComponent($0)
        }
    }

    /// The `# expect: ...` first line of an invalid fixture: the error message after `file:`.
    static func expectation(of path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let first = text.split(separator: "\n", omittingEmptySubsequences: false).first,
            first.hasPrefix("# expect: ")
        else { return nil }
        return String(first.dropFirst("# expect: ".count))
    }

    /// The error loading `path` throws, or nil when it loads.
    static func error(loading path: String) -> ConfigError? {
        do {
            _ = try ConfigLoader.load(file: path)
            return nil
        } catch {
            return error
        }
    }

    /// `body`'s result when it finishes on another thread within `deadline`; nil when it is still
    /// running (it is left to finish on its own), so that a test of a hang fails instead of hanging.
    static func runWithDeadline<T: Sendable>(_ deadline: Duration, _ body: @escaping @Sendable () -> T) -> T? {
        let result = Mutex<T?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            let value = body()
            result.withLock { $0 = value }
            finished.signal()
        }.start()
        let (seconds, attoseconds) = deadline.components
        let wait = Double(seconds) + Double(attoseconds) * 1e-18
        guard finished.wait(timeout: .now() + wait) == .success else { return nil }
        return result.withLock { $0 }
    }

    /// A fresh, empty scratch directory.
    static func temporaryDirectory() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("neurotop-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A small dataset of `rows` x `columns` images with random pixels and cycling labels.
    static func dataset(count: Int = 16, rows: Int = 28, columns: Int = 28, classes: Int = 10) -> Dataset {
        var generator = SystemRandomNumberGenerator()
        func images() -> ImageSet {
            ImageSet(
                count: count, rows: rows, columns: columns,
                pixels: (0..<(count * rows * columns)).map { _ in Float.random(in: 0..<1, using: &generator) },
                labels: (0..<count).map { UInt8($0 % classes) })
        }
        return Dataset(name: "synthetic", train: images(), test: images(), classCount: classes)
    }

    /// A learnable set of 28x28 images: class k lights pixel rows 2k+4 and 2k+5, under noise.
    static func bandDataset(count: Int) -> Dataset {
        var rng = SeededRandom(seed: 3)
        func images() -> ImageSet {
            var pixels: [Float] = []
            var labels: [UInt8] = []
            for index in 0..<count {
                let label = index % 10
                for row in 0..<28 {
                    let lit = row == 2 * label + 4 || row == 2 * label + 5
                    for _ in 0..<28 { pixels.append(lit ? 0.6 + 0.4 * rng.nextUnit() : 0.3 * rng.nextUnit()) }
                }
                labels.append(UInt8(label))
            }
            return ImageSet(count: count, rows: 28, columns: 28, pixels: pixels, labels: labels)
        }
        return Dataset(name: "bands", train: images(), test: images())
    }
}
