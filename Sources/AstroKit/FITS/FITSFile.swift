import CFITSIO
import Foundation

/// A FITS file opened read-only through CFITSIO.
///
/// Compressed wrappers (`.gz`, `.Z`, `.bz2`, or gzip data inside a `.fits`) are read
/// transparently. HDU indices are 0-based: 0 is the primary HDU.
///
/// ```swift
/// let file = try FITSFile.open("/data/raw/ccd0042.fits.gz")
/// for info in try file.allInfo() { print(info.index, info.kind, info.naxis) }
/// let science = try file.readImage(hdu: 1, as: Float.self)
/// ```
///
/// Thread safety: one thread at a time. A `FITSFile` may be handed between threads but not
/// used by two at once (CFITSIO keeps the current HDU inside the handle); hence
/// `@unchecked Sendable`. Pixel reads of different files run in parallel; metadata operations
/// are serialized process-wide so their errors carry their own CFITSIO messages (see
/// `CFITSIOStatus`).
public final class FITSFile: @unchecked Sendable {
    /// The path as given to `open`.
    public let path: String
    /// Number of HDUs, primary included.
    public let hduCount: Int
    let handle: UnsafeMutablePointer<fitsfile>
    /// Held by every operation on this file (see `FileLocks`).
    let fileLock: NSRecursiveLock
    /// The padded in-memory copy of a file whose last record is short (see `UnpaddedFile`).
    private let memoryCopy: UnpaddedFile.Buffer?

    private init(path: String, handle: UnsafeMutablePointer<fitsfile>, hduCount: Int,
                 memoryCopy: UnpaddedFile.Buffer? = nil) {
        self.path = path
        self.handle = handle
        self.hduCount = hduCount
        self.memoryCopy = memoryCopy
        self.fileLock = FileLocks.lock(for: path)
    }

    /// Runs a metadata operation: the process-wide lock (so its errors carry their own
    /// messages), then this file's lock.
    func metadataOperation<R>(_ body: () throws -> R) rethrows -> R {
        try CFITSIOStatus.serialized { try fileLock.holding(body) }
    }

    /// Runs a bulk pixel operation under this file's lock only, so that other files can be
    /// read at the same time.
    func pixelOperation<R>(_ body: () throws -> R) rethrows -> R {
        try fileLock.holding(body)
    }

    deinit {
        metadataOperation {
            var status: Int32 = 0
            ffclos(handle, &status)
            if status != 0 { CFITSIOStatus.clearStack() }
        }
    }

    /// Opens a file read-only. The path is taken literally (no CFITSIO extended-filename
    /// syntax), so names with brackets or a trailing `+1` mean files, not selections.
    public static func open(_ path: String) throws -> FITSFile {
        try CFITSIOStatus.serialized { try FileLocks.lock(for: path).holding {
            var status: Int32 = 0
            var handle: UnsafeMutablePointer<fitsfile>?
            ffdkopn(&handle, path, READONLY, &status)
            guard status == 0, let opened = handle else {
                if let handle { var ignored: Int32 = 0; ffclos(handle, &ignored) }
                throw CFITSIOStatus.error(status == 0 ? Int32(FILE_NOT_OPENED) : status,
                                          path: path, operation: "cannot open")
            }
            // Counting the HDUs walks every header: a truncated or damaged file fails here, at
            // open, with a clean error rather than later in the middle of a reduction.
            var count: Int32 = 0
            ffthdu(opened, &count, &status)
            if status != 0 {
                let error = CFITSIOStatus.error(status, path: path, operation: "cannot open")
                var ignored: Int32 = 0
                ffclos(opened, &ignored)
                CFITSIOStatus.clearStack()
                throw error
            }
            // ffthdu stops quietly before a header that is cut short; stepping past the last
            // HDU must meet a clean end of file, or what follows is a damaged HDU.
            var type: Int32 = 0
            ffmahd(opened, count + 1, &type, &status)
            if status != END_OF_FILE {
                // Status 0: CFITSIO moved onto an HDU it did not count, one cut short.
                let error = status == 0
                    ? FITSError(path: path, hdu: Int(count), operation: "cannot open", status: 0,
                                message: "the file ends inside the header of this HDU")
                    : CFITSIOStatus.error(status, path: path, hdu: Int(count),
                                          operation: "cannot open")
                var ignored: Int32 = 0
                ffclos(opened, &ignored)
                CFITSIOStatus.clearStack()
                throw error
            }
            CFITSIOStatus.clearStack()
            if UnpaddedFile.needsPadding(opened, path: path, hduCount: count) {
                var ignored: Int32 = 0
                ffclos(opened, &ignored)
                let (padded, buffer) = try UnpaddedFile.openPadded(path: path)
                return FITSFile(path: path, handle: padded, hduCount: Int(count), memoryCopy: buffer)
            }
            return FITSFile(path: path, handle: opened, hduCount: Int(count))
        } }
    }

    /// Makes `hdu` CFITSIO's current HDU and returns its CFITSIO type (IMAGE_HDU, ...).
    @discardableResult
    func moveTo(hdu: Int, for operation: String) throws -> Int32 {
        guard hdu >= 0, hdu < hduCount else {
            throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                            message: "the file has \(hduCount) HDU(s), numbered from 0")
        }
        var status: Int32 = 0
        var type: Int32 = 0
        ffmahd(handle, Int32(hdu + 1), &type, &status)
        try CFITSIOStatus.check(status, path: path, hdu: hdu, operation: operation)
        return type
    }

    /// Runs a CFITSIO call and turns a non-zero status into a `FITSError` for this file.
    func call(hdu: Int?, _ operation: String, _ body: (inout Int32) -> Void) throws {
        var status: Int32 = 0
        body(&status)
        try CFITSIOStatus.check(status, path: path, hdu: hdu, operation: operation)
    }
}
