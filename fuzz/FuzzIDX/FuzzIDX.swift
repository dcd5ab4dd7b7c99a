import Datasets
import Glibc

/// libFuzzer entry point for the IDX reader, raw and gzipped: the input is written to a scratch
/// file (the reader takes paths, and checks the size on disk against the header), then read as
/// images and as labels. Errors are expected; crashes, hangs and leaks are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    let path = "\(directory)/neurotop-fuzz-idx-\(getpid())"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot create the scratch file \(path)") }
    var written = 0
    while written < size {
        let got = write(descriptor, data + written, size - written)
        guard got > 0 else { fatalError("cannot write the scratch file \(path)") }
        written += got
    }
    close(descriptor)
    do {
        let images = try IDXReader.readImages(at: path)
        precondition(images.bytes.count == images.count * images.rows * images.columns)
    } catch {
        _ = error.description
    }
    do {
        _ = try IDXReader.readLabels(at: path)
    } catch {
        _ = error.description
    }
    return 0
}
