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

    /// A model whose own name the config cannot hold is refused as the model file's fault, not
    /// the generated YAML's, and --name imports it under another name.
    @Test func aModelNameWithControlCharactersIsRefusedAsTheModelFiles() throws {
        for name in [#"tab\there"#, #"bell\u0007"#, #"line\nbreak"#] {
            let json = Self.model.replacingOccurrences(
                of: #""name": "mlp""#, with: #""name": "\#(name)""#)
            let file = try TemporaryFile(named: "model.json", contents: json)
            let run = CommandRun(["import", file.path])
            #expect(run.status == 1)
            #expect(run.out.isEmpty)
            #expect(
                run.error == "neurotop: \(file.path): the model's name (the `name` in its "
                    + "`config`) contains control characters (such as tabs or line breaks); use "
                    + "letters, digits, spaces and punctuation; or give the config another name "
                    + "with --name\n")
            let renamed = CommandRun(["import", file.path, "--name", "My MLP"])
            #expect(renamed.status == 0, "\(renamed.error)")
        }
    }

    /// A model file that is a FIFO, a directory or a device is named for what it is, not read:
    /// the FIFO would wait for a writer forever.
    @Test func aModelFileThatIsNotARegularFileIsNamed() throws {
        let file = try TemporaryFile(named: "model.json", contents: Self.model)
        let directory = (file.path as NSString).deletingLastPathComponent
        let fifo = directory + "/pipe.json"
        try #require(mkfifo(fifo, 0o644) == 0)
        let cases = [
            (fifo, "a FIFO"), (directory, "a directory"), ("/dev/zero", "a character device"),
        ]
        for (path, kind) in cases {
            let run = CommandRun(["import", path])
            #expect(run.status == 1)
            #expect(
                run.error == "neurotop: \(path) is \(kind), not a regular file; "
                    + "give the JSON file model.to_json() wrote\n")
        }
    }
}
