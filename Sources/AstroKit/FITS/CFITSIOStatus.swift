import CFITSIO
import Foundation

/// Turns CFITSIO status codes into `FITSError`s.
///
/// CFITSIO keeps one process-wide error-message stack. So that an error's stack messages are
/// its own and not another thread's, every public FITS operation runs its CFITSIO calls under
/// one process-wide (recursive) lock, `serialized`; the stack is read under it too.
///
/// ```swift
/// var status: Int32 = 0
/// ffmahd(fptr, 2, nil, &status)
/// try CFITSIOStatus.check(status, path: path, hdu: 1, operation: "cannot move to")
/// ```
enum CFITSIOStatus {
    static let lock = NSRecursiveLock()

    /// Runs `body` holding the CFITSIO lock. Recursive, so operations may nest.
    static func serialized<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Throws a `FITSError` when `status` is non-zero; clears CFITSIO's error stack either way
    /// when there was an error, so stale messages never leak into a later error.
    static func check(_ status: Int32, path: String, hdu: Int? = nil, operation: String) throws {
        guard status != 0 else { return }
        throw error(status, path: path, hdu: hdu, operation: operation)
    }

    /// The `FITSError` for a non-zero status, with CFITSIO's text and its error-stack detail.
    static func error(_ status: Int32, path: String, hdu: Int? = nil,
                      operation: String) -> FITSError {
        lock.lock()
        defer { lock.unlock() }
        var text = [CChar](repeating: 0, count: Int(FLEN_ERRMSG) + 1)
        ffgerr(status, &text)
        let summary = String(fitsBuffer: text)
        var detail: [String] = []
        var line = [CChar](repeating: 0, count: Int(FLEN_ERRMSG) + 1)
        while ffgmsg(&line) != 0 {
            let message = String(fitsBuffer: line).trimmingCharacters(in: .whitespacesAndNewlines)
            if isInformative(message, summary: summary), !detail.contains(message) {
                detail.append(message)
            }
        }
        ffcmsg()
        let message = detail.isEmpty ? summary : "\(summary) (\(detail.joined(separator: "; ")))"
        return FITSError(path: path, hdu: hdu, operation: operation, status: status,
                         message: message)
    }

    /// Keeps the stack lines that say something the summary does not: CFITSIO's own sentences,
    /// which name the routine, e.g. "Error reading elements 1 thru 2880 from image (ffgcld)."
    /// Lines that only introduce the next one ("...the following file: (ffopen)"), the file
    /// name, and dumps of the offending bytes are left out.
    private static func isInformative(_ message: String, summary: String) -> Bool {
        guard !message.isEmpty, message != summary,
              let marker = message.range(of: "(ff", options: .backwards) else { return false }
        let sentence = message[..<marker.lowerBound].trimmingCharacters(in: .whitespaces)
        return !sentence.isEmpty && !sentence.hasSuffix(":")
    }

    /// Drops whatever CFITSIO left on its error stack after an error the caller recovered from.
    static func clearStack() {
        lock.lock()
        ffcmsg()
        lock.unlock()
    }
}

extension String {
    /// Builds a String from a fixed-size, NUL-terminated CFITSIO buffer.
    init(fitsBuffer buffer: [CChar]) {
        self = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
