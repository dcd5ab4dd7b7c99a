import Foundation
import Testing

@testable import neurotop

/// `neurotop import`, run in-process on Keras JSON written by hand.
struct ImportCommandTests {
    private static let model = """
        {"class_name": "Sequential", "config": {"name": "mlp", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 784]}},
          {"class_name": "Dense", "config": {"name": "out", "units": 10}}]}}
        """

    @Test func aNameGivenWithDashDashNameIsTheConfigs() throws {
        let file = try TemporaryFile(named: "model.json", contents: Self.model)
        let run = CommandRun(["import", file.path, "--name", "My MLP"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.out.contains("name: \"My MLP\""))
    }

    /// A name the config cannot hold is refused as the option's fault, not the generated YAML's.
    @Test func aNameWithControlCharactersIsRefusedAsTheOptions() throws {
        let file = try TemporaryFile(named: "model.json", contents: Self.model)
        for name in ["tab\there", "bell\u{07}", "line\nbreak"] {
            let run = CommandRun(["import", file.path, "--name", name])
            #expect(run.status != 0)
            #expect(run.out.isEmpty)
            #expect(
                run.error.contains(
                    "--name contains control characters (such as tabs or line breaks); "
                        + "use letters, digits, spaces and punctuation"), "\(run.error)")
            #expect(!run.error.contains("imported config"), "\(run.error)")
        }
        let blank = CommandRun(["import", file.path, "--name", "  "])
        #expect(blank.status != 0)
        #expect(blank.error.contains("--name is blank; give the config a name"), "\(blank.error)")
    }
}
