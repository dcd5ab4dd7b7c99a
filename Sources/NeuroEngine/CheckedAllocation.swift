#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The one way the engine takes memory for tensors and scratch buffers: `malloc`, checked.
///
/// Swift's own allocator traps when memory runs out ("failed to allocate", then a backtrace).
/// Plans are checked against the memory limits first, but weights are allocated while a config
/// is read, before any such check, and a limit can tighten after it (a container filling up); then
/// one line saying what happened and what to do is worth more than a backtrace.
enum CheckedAllocation {
    /// Room for `count` values, uninitialised; ends the program with a message when there is none.
    static func allocate<Element>(_ type: Element.Type, count: Int) -> UnsafeMutablePointer<Element> {
        let (bytes, overflow) = max(count, 1).multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        if !overflow, let raw = malloc(bytes) {
            return raw.bindMemory(to: Element.self, capacity: count)
        }
        outOfMemory(bytes: overflow ? Int.max : bytes)
    }

    /// Gives back what `allocate` returned.
    static func deallocate<Element>(_ pointer: UnsafeMutablePointer<Element>) {
        free(pointer)
    }

    /// Says how much could not be had and exits with status 1, without a backtrace. Whatever was
    /// already printed is flushed first; `_exit` then skips clean-up that could wait on locks
    /// held by the threads still running.
    private static func outOfMemory(bytes: Int) -> Never {
        let size = bytes == Int.max ? "more than exists" : "\(bytes / (1 << 20)) MiB"
        let message =
            "neurotop: out of memory: could not allocate \(size) for a tensor; use a smaller batch size or "
            + "smaller layers, or raise the memory limit (ulimit -v, or the container's)\n"
        fflush(nil)
        _ = message.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        _exit(1)
    }
}
