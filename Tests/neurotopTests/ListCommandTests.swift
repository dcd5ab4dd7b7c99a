import Foundation
import Testing

/// `neurotop list`, run in-process.
struct ListCommandTests {
    /// The bundled configs, as files in the checkout's `configs/`.
    private static func bundledIdentifiers() throws -> [String] {
        let configs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../configs")
        return try FileManager.default.contentsOfDirectory(atPath: configs.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test func listsEveryBundledConfigOnItsOwnLine() throws {
        let run = CommandRun(["list"])
        #expect(run.status == 0)
        #expect(run.error == "")
        let listed = run.outLines.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(listed.sorted() == (try Self.bundledIdentifiers()))
        let tanh = try #require(run.outLines.first { $0.hasPrefix("mlp-tanh-1 ") })
        #expect(tanh.contains("MLP") && tanh.contains("Tanh 100-10") && tanh.contains("(article: 97.2%)"))
    }

    @Test func jsonGivesOneObjectPerConfig() throws {
        let run = CommandRun(["list", "--json"])
        #expect(run.status == 0)
        let objects = try run.jsonObjects()
        #expect(objects.compactMap { $0["identifier"] as? String }.sorted() == (try Self.bundledIdentifiers()))
        let tanh = try #require(objects.first { $0["identifier"] as? String == "mlp-tanh-1" })
        #expect(tanh["name"] as? String == "Tanh 100-10")
        #expect(tanh["group"] as? String == "MLP")
        #expect(tanh["reference_accuracy"] as? Double == 0.972)
        #expect((tanh["path"] as? String)?.hasSuffix("configs/mlp-tanh-1.yaml") == true)
        // Only a broken config has a problem.
        #expect(tanh["problem"] == nil)
        #expect(Set(tanh.keys) == ["identifier", "name", "group", "path", "reference_accuracy"])
    }
}
