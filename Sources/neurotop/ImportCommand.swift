import ArgumentParser
import Datasets
import Experiments
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Turn a Keras model.to_json() of a Sequential model into a neurotop config.",
        discussion: """
            The layers neurotop knows (Dense, Conv2D, BatchNormalization, Activation, \
            MaxPooling2D, Flatten, Dropout, Reshape) keep their arguments and names; channels-last \
            images become neurotop's channels-first. The optimizer and loss come from the model's \
            compile_config when it was compiled (else Adam at 0.001 and categorical cross-entropy); \
            the recipe is batch 64, 5 epochs, seed 1 (edit the file to change it). A layer neurotop \
            does not have is named in the error, and nothing is written.
            """)

    @Argument(help: "The JSON file model.to_json() wrote.")
    var model: String

    @Option(name: .shortAndLong, help: "Write the config to this file instead of standard output.")
    var output: String?

    @Option(help: "The config's display name (default: the Keras model's name).")
    var name: String?

    func validate() throws {
        if let name, let problem = ConfigLoader.nameProblem(name) {
            throw ValidationError("--name \(problem)")
        }
    }

    func run() throws {
        let yaml = try reportingErrors { () throws -> String in
            // Reading a FIFO would wait for a writer forever, /dev/zero never ends.
            if let kind = RegularFile.otherKind(at: model) {
                throw ImportError(
                    "\(model) is \(kind), not a regular file; give the JSON file model.to_json() "
                        + "wrote")
            }
            guard let data = FileManager.default.contents(atPath: model) else {
                throw ImportError("cannot read \(model): it does not exist or is not readable")
            }
            let yaml: String
            do {
                yaml = try KerasModelImport.yaml(fromJSON: data, name: name)
            } catch {
                throw ImportError("\(model): \(error)")
            }
            // What is written must load as a config (the same checks as any config file).
            let stem =
                output.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "imported"
            _ = try ConfigLoader.parse(yaml: yaml, file: output ?? "the imported config", identifier: stem)
            return yaml
        }
        try ExportOutput.write(yaml, to: output)
    }
}

/// A file that cannot be imported, in one line.
struct ImportError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
