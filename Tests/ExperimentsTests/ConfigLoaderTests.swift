import Foundation
import Testing

@testable import Experiments

/// How `ConfigLoader.load` resolves its argument and reports files it cannot use.
@Suite struct ConfigLoaderTests {
    let catalog = ConfigCatalog(directory: Fixtures.bundledDirectory)

    @Test func bareNameLoadsTheBundledConfig() throws {
        let config = try ConfigLoader.load("mlp-tanh-2", catalog: catalog)
        #expect(config.identifier == "mlp-tanh-2")
        #expect(config.name == "Tanh 100-100-10")
        #expect(config.file.hasSuffix("configs/mlp-tanh-2.yaml"))
    }

    @Test func bareNameWithoutCatalogFindsTheBundledDirectory() throws {
        // The test runner lives under this package's build directory, so the search finds configs/.
        let config = try ConfigLoader.load("mlp-relu-1")
        #expect(config.name == "ReLU 100-10")
    }

    @Test func pathLoadsThatFile() throws {
        let path = Fixtures.valid("minimal.yaml")
        let config = try ConfigLoader.load(path, catalog: catalog)
        #expect(config.identifier == "minimal")
        #expect(config.file == path)
    }

    @Test func yamlFileNameNotFoundHereFallsBackToTheBundledConfig() throws {
        let config = try ConfigLoader.load("mlp-tanh-3.yaml", catalog: catalog)
        #expect(config.identifier == "mlp-tanh-3")
    }

    @Test func missingFileSaysSo() {
        #expect(throws: ConfigError.fileNotFound(path: "nowhere/missing.yaml")) {
            try ConfigLoader.load("nowhere/missing.yaml", catalog: catalog)
        }
        #expect(throws: ConfigError.fileNotFound(path: "missing.yaml")) {
            try ConfigLoader.load("missing.yaml", catalog: catalog)
        }
    }

    @Test func unknownBareNameListsTheBundledConfigs() throws {
        do {
            _ = try ConfigLoader.load("mlp-tahn-1", catalog: catalog)
            Issue.record("a misspelt name loaded")
        } catch {
            guard case .unknownConfig(let name, _, let available) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name == "mlp-tahn-1")
            #expect(available.contains("mlp-tanh-1"))
            #expect(error.description.contains("available: "))
        }
    }

    @Test func directoryIsNotAConfig() {
        #expect(throws: ConfigError.unreadable(path: Fixtures.validDirectory, reason: "it is a directory")) {
            try ConfigLoader.load(file: Fixtures.validDirectory)
        }
    }

    @Test func nonUTF8FileIsReportedNotCrashedOn() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("binary.yaml")
        try Data([0xFF, 0xFE, 0x00, 0xC3, 0x28]).write(to: URL(fileURLWithPath: path))
        #expect(throws: ConfigError.unreadable(path: path, reason: "not readable as UTF-8 text")) {
            try ConfigLoader.load(file: path)
        }
    }

    @Test func devicesAndHugeFilesAreRefusedWithAReason() throws {
        let device =
            "it is a character device, not a regular file; give the path of a YAML config file"
        #expect(throws: ConfigError.unreadable(path: "/dev/zero", reason: device)) {
            try ConfigLoader.load(file: "/dev/zero")
        }
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("huge.yaml")
        try Data(repeating: UInt8(ascii: "#"), count: ConfigLoader.largestFile + 1).write(
            to: URL(fileURLWithPath: path))
        #expect(throws: ConfigError.unreadable(path: path, reason: "larger than 1 MiB; a config is a page of YAML")) {
            try ConfigLoader.load(file: path)
        }
    }

    /// A named pipe that nothing writes to used to block `open` forever; now the wait is bounded.
    @Test func aPipeWithNoWriterGivesUpAfterTheTimeout() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = (directory as NSString).appendingPathComponent("silent.yaml")
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = Fixtures.runWithDeadline(.seconds(5)) {
            Result { () throws(ConfigError) in try ConfigLoader.load(file: fifo, timeout: .milliseconds(300)) }
        }
        guard let result else {
            // Still blocked: open the writing end so that the reader returns, then fail.
            let writer = open(fifo, O_WRONLY)
            close(writer)
            Issue.record("reading a pipe with no writer was still waiting after 5 s")
            return
        }
        #expect(throws: ConfigError.self) { try result.get() }
        if case .failure(let error) = result {
            #expect(
                error
                    == .unreadable(
                        path: fifo,
                        reason: "nothing arrived for 0.3 s; if it is a pipe, start what writes to it "
                            + "or give the path of a file"))
        }
    }

    @Test func aPipeWhoseWriterIsSlowStillLoads() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = (directory as NSString).appendingPathComponent("slow.yaml")
        #expect(mkfifo(fifo, 0o600) == 0)
        let yaml =
            "name: piped\nmodel: {input: [784], layers: [{Dense: {units: 10, activation: softmax}}]}\n"
            + "compile: {loss: mse, optimizer: Adam}\n"
        let writer = Thread {
            let descriptor = open(fifo, O_WRONLY)
            usleep(200_000)
            let half = yaml.utf8.count / 2
            _ = yaml.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, half) }
            usleep(200_000)
            _ = yaml.utf8CString.withUnsafeBufferPointer {
                write(descriptor, $0.baseAddress! + half, yaml.utf8.count - half)
            }
            close(descriptor)
        }
        writer.start()
        let config = try ConfigLoader.load(file: fifo, timeout: .seconds(5))
        #expect(config.name == "piped")
    }

    /// A config through a symlinked directory and `..` loads as the kernel resolves it.
    @Test func symlinkedDirectoriesResolveAsTheSystemDoes() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let real = (directory as NSString).appendingPathComponent("c")
        let links = (directory as NSString).appendingPathComponent("d")
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: links, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: (links as NSString).appendingPathComponent("up"), withDestinationPath: "../c")
        let yaml =
            "name: x\nmodel: {input: [784], layers: [{Dense: {units: 10, activation: softmax}}]}\ncompile: {loss: mse, optimizer: Adam}\n"
        try yaml.write(toFile: (real as NSString).appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(file: (links as NSString).appendingPathComponent("up/../c/x.yaml"))
        #expect(config.name == "x")
    }

    @Test func bundledConfigErrorsShowARelativePath() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configs = (directory as NSString).appendingPathComponent("configs")
        try Fixtures.write(
            "name: Broken\nmodel: {input: [784], layers: [{Dense: {units: 0}}]}\n",
            to: (configs as NSString).appendingPathComponent("mlp-broken.yaml"))
        let catalog = ConfigCatalog(directory: configs, currentDirectory: directory)
        #expect(
            throws: ConfigError.wrongType(
                ConfigLocation(file: "configs/mlp-broken.yaml", line: 2, path: "model.layers[0].Dense.units"),
                expected: "a positive integer", found: "0")
        ) {
            try ConfigLoader.load("mlp-broken", catalog: catalog)
        }
    }
}
