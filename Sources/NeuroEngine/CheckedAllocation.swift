#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The one way the engine takes memory for tensors and scratch buffers, checked: small blocks
/// from `malloc`, large ones mapped straight from the kernel.
///
/// Swift's own allocator traps when memory runs out ("failed to allocate", then a backtrace).
/// Plans are checked against the memory limits first, but weights are allocated while a config
/// is read, before any such check, and a limit can tighten after it (a container filling up); then
/// one line saying what happened and what to do is worth more than a backtrace.
///
/// Large blocks are mapped because glibc does not give freed ones back: once a large block has
/// been freed it raises its mmap threshold and serves later blocks of up to 32 MiB from its
/// arenas, one per thread that allocates (trainer queues, convolution workers), where freed room
/// stays resident. A dashboard that restarts trainers, switches configs and validates in
/// batches of 500 then grew by hundreds of MiB; unmapped blocks leave at once.
public enum CheckedAllocation {
    /// Runs first when memory runs out, before the message and the exit: the full-screen
    /// dashboard sets it to put the terminal back, else the message would land on its screen and
    /// the shell would be left without echo. It must not allocate.
    nonisolated(unsafe) public static var beforeOutOfMemoryExit: (@convention(c) () -> Void)?

    /// Blocks of at least this many bytes are mapped (glibc's own initial mmap threshold).
    static let mappingThreshold = 128 << 10

    /// Bytes every block has past its end. BLIS's haswell kernels for small products read up to
    /// a row past the end of an operand (and discard it); a block that ended on a page boundary,
    /// as a mapped 64x784 float matrix does exactly, then crashed the process (seen in the GEMM
    /// tests, one run in twenty). A page of slack keeps such reads inside the block.
    static let readSlack = 4096

    /// Room for `count` values, uninitialised; ends the program with a message when there is none.
    /// Give it back with `deallocate(_:count:)` and the same `count`.
    static func allocate<Element>(_ type: Element.Type, count: Int) -> UnsafeMutablePointer<Element> {
        let (size, overflow) = max(count, 1).multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        let (bytes, overflowWithSlack) = size.addingReportingOverflow(readSlack)
        if overflow || overflowWithSlack { outOfMemory(bytes: Int.max) }
        if bytes >= mappingThreshold {
            let mapping = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            if let mapping, mapping != MAP_FAILED { return mapping.bindMemory(to: Element.self, capacity: count) }
        } else if let raw = malloc(bytes) {
            return raw.bindMemory(to: Element.self, capacity: count)
        }
        outOfMemory(bytes: bytes)
    }

    /// Gives back what `allocate` returned for the same `count`.
    static func deallocate<Element>(_ pointer: UnsafeMutablePointer<Element>, count: Int) {
        let bytes = max(count, 1) * MemoryLayout<Element>.stride + readSlack
        if bytes >= mappingThreshold {
            munmap(UnsafeMutableRawPointer(pointer), bytes)
        } else {
            free(pointer)
        }
    }

    /// Says how much could not be had and exits with status 1, without a backtrace. Whatever was
    /// already printed is flushed first; `_exit` then skips clean-up that could wait on locks
    /// held by the threads still running.
    private static func outOfMemory(bytes: Int) -> Never {
        let size = bytes == Int.max ? "more than exists" : "\(bytes / (1 << 20)) MiB"
        let message =
            "neurotop: out of memory: could not allocate \(size) for a tensor; use a smaller batch size or "
            + "smaller layers, or raise the memory limit (ulimit -v, or the container's)\n"
        beforeOutOfMemoryExit?()
        fflush(nil)
        _ = message.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        _exit(1)
    }
}
