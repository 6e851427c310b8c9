import CFITSIO
import Foundation

/// Turns CFITSIO status codes into `FITSError`s.
///
/// CFITSIO keeps one process-wide error-message stack; every read or clear of it happens under
/// `lock` so that two threads working on different files do not interleave their messages.
///
/// ```swift
/// var status: Int32 = 0
/// ffmahd(fptr, 2, nil, &status)
/// try CFITSIOStatus.check(status, path: path, hdu: 1, operation: "cannot move to")
/// ```
enum CFITSIOStatus {
    static let lock = NSLock()

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
            let message = String(fitsBuffer: line).trimmingCharacters(in: .whitespaces)
            // The file name and the summary itself are already in the description.
            if message.isEmpty || message == path || message == summary { continue }
            if !detail.contains(message) { detail.append(message) }
        }
        ffcmsg()
        let message = detail.isEmpty ? summary : "\(summary) (\(detail.joined(separator: "; ")))"
        return FITSError(path: path, hdu: hdu, operation: operation, status: status,
                         message: message)
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
