import ArgumentParser
import Foundation

/// Prints `neurotop: <message>` on standard error and exits with status 1: the way every
/// expected failure (bad config, missing data, corrupt file) ends, without a stack trace.
func exitWithError(_ message: String) -> ExitCode {
    writeError("neurotop: \(message)\n")
    return ExitCode(1)
}

/// Runs `body`, turning any error into one line on standard error and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        throw exitWithError("\(error)")
    }
}
