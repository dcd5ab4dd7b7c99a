import Foundation
import Testing

@testable import Datasets

@Suite struct BundledDataSearchTests {
    let root: TemporaryDirectory

    init() throws {
        root = try TemporaryDirectory()
    }

    /// Puts the marker file into `relative`, making it a place the search accepts.
    func plantDataset(at relative: String) throws {
        try root.write([0], to: relative + "/" + BundledDataSearch.markerFile)
    }

    /// A search whose four start points all sit under the temporary root.
    var search: BundledDataSearch {
        BundledDataSearch(
            environmentDirectory: root.path + "/env",
            executablePath: root.path + "/repo/.build/debug/neurotop",
            currentDirectory: root.path + "/work/sub",
            systemDirectory: root.path + "/system")
    }

    @Test func searchesEnvironmentThenExecutableThenCurrentDirectoryThenSystem() throws {
        try root.write([0x7f], to: "repo/.build/debug/neurotop")
        try root.makeDirectory("work/sub")
        try plantDataset(at: "env/mnist")
        try plantDataset(at: "repo/data/mnist")
        try plantDataset(at: "work/data/mnist")
        try plantDataset(at: "system/mnist")

        #expect(search.locate("mnist") == root.path + "/env/mnist")
        try root.remove("env")
        #expect(search.locate("mnist") == root.path + "/repo/data/mnist")
        try root.remove("repo/data")
        #expect(search.locate("mnist") == root.path + "/work/data/mnist")
        try root.remove("work/data")
        #expect(search.locate("mnist") == root.path + "/system/mnist")
        try root.remove("system")
        #expect(search.locate("mnist") == nil)
    }

    @Test func walksUpFromTheRealPathOfASymlinkedExecutable() throws {
        let real = try root.write([0x7f], to: "checkout/.build/release/neurotop")
        try plantDataset(at: "checkout/data/mnist")
        try root.makeDirectory("bin")
        let link = root.path + "/bin/neurotop"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)

        let viaLink = BundledDataSearch(
            environmentDirectory: nil, executablePath: link, currentDirectory: nil,
            systemDirectory: root.path + "/system")
        #expect(viaLink.locate("mnist") == root.path + "/checkout/data/mnist")
    }

    @Test func ignoresCandidatesWithoutTheMarkerFile() throws {
        try root.makeDirectory("env/mnist")
        try plantDataset(at: "system/mnist")
        #expect(search.locate("mnist") == root.path + "/system/mnist")
    }

    @Test func listsCandidatesInOrderWithoutDuplicates() {
        let shared = BundledDataSearch(
            environmentDirectory: nil, executablePath: "/a/b/tool", currentDirectory: "/a",
            systemDirectory: "/usr/share/neurotop/data")
        #expect(
            shared.candidates(for: "mnist") == [
                "/a/b/data/mnist", "/a/data/mnist", "/data/mnist", "/usr/share/neurotop/data/mnist",
            ])
    }

    @Test func currentProcessFindsTheRepositoryCopy() throws {
        // The test binary lives under the package's build directory, whose ancestors include
        // the package root with data/mnist.
        let found = try #require(BundledDataSearch.forCurrentProcess().locate("mnist"))
        #expect(found.hasSuffix("/mnist"))
        #expect(DatasetDirectory(path: found).file(for: .testImages) != nil)
    }

    @Test func parentAndAncestorsOfPaths() {
        #expect(LocalFiles.parent(of: "/a/b") == "/a")
        #expect(LocalFiles.parent(of: "/a/b/") == "/a")
        #expect(LocalFiles.parent(of: "/a") == "/")
        #expect(LocalFiles.parent(of: "/") == "/")
        #expect(LocalFiles.selfAndAncestors(of: "/x/y") == ["/x/y", "/x", "/"])
    }
}
