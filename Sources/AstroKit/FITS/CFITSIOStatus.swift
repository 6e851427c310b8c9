import CFITSIO
import Foundation

/// Turns CFITSIO status codes into `FITSError`s.
///
/// Locking. The Debian CFITSIO is built reentrant, so different files can be read from
/// different threads at once; three locks keep that safe while letting pixel reads run in
/// parallel:
/// - a per-file lock (`FileLocks`): CFITSIO shares one internal structure between all handles
///   opened on the same file, so every operation on a file holds that file's lock;
/// - the process-wide `serialized` lock for metadata operations (open, close, headers, tables,
///   checksums), so that their errors, the ones users and tests meet, carry their own messages
///   from CFITSIO's single, shared error stack;
/// - `stackLock`, a leaf lock around reading and clearing that stack.
/// Bulk pixel reads and writes take only their file's lock. Lock order is global, then file,
/// then stack, never the reverse, so there is no deadlock.
///
/// ```swift
/// var status: Int32 = 0
/// ffmahd(fptr, 2, nil, &status)
/// try CFITSIOStatus.check(status, path: path, hdu: 1, operation: "cannot move to")
/// ```
enum CFITSIOStatus {
    static let lock = NSRecursiveLock()
    static let stackLock = NSLock()

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
        stackLock.lock()
        defer { stackLock.unlock() }
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
        stackLock.lock()
        ffcmsg()
        stackLock.unlock()
    }
}

extension String {
    /// Builds a String from a fixed-size, NUL-terminated CFITSIO buffer.
    init(fitsBuffer buffer: [CChar]) {
        self = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
