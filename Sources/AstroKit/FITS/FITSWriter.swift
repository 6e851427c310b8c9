import CFITSIO
import Foundation

/// Writes a new FITS file atomically: the HDUs go to a temporary file in the destination's
/// folder, which is renamed over the destination only when everything succeeded. On any
/// error the temporary file is removed and nothing is left behind.
///
/// Every HDU gets CHECKSUM and DATASUM; structural keywords come from the data, not from the
/// headers passed in (see `FITSWriter.reservedKeyword(_:)`).
///
/// ```swift
/// try FITSWriter.write(to: "/data/out/master_bias.fits") { writer in
///     var header = FITSHeader()
///     header.set("OBSTYPE", .string("BIAS"))
///     try writer.addImage(bias.values, shape: bias.shape, header: header)
///     try writer.addBinaryTable([TableColumn(name: "GAIN", .doubles(gains))], extname: "GAINS")
/// }
/// ```
public final class FITSWriter {
    /// The destination path.
    public let path: String
    /// Number of HDUs written so far.
    public private(set) var hduCount = 0
    let temporaryPath: String
    private var handle: UnsafeMutablePointer<fitsfile>?

    private init(path: String, temporaryPath: String, handle: UnsafeMutablePointer<fitsfile>) {
        self.path = path
        self.temporaryPath = temporaryPath
        self.handle = handle
    }

    /// Creates `path` with the HDUs that `build` adds (an empty primary HDU if it adds none).
    /// An existing file at `path` is replaced only when `overwrite` is true.
    public static func write(to path: String, overwrite: Bool = false,
                             _ build: (FITSWriter) throws -> Void) throws {
        let operation = "cannot write"
        if !overwrite, FileManager.default.fileExists(atPath: path) {
            throw FITSError(path: path, operation: operation, status: 0,
                            message: "the file exists and overwrite is false")
        }
        let destination = URL(fileURLWithPath: path)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp").path
        let created = try CFITSIOStatus.serialized {
            var status: Int32 = 0
            var created: UnsafeMutablePointer<fitsfile>?
            // ffdkinit takes the name literally: no extended-filename syntax on the way out.
            ffdkinit(&created, temporary, &status)
            guard status == 0, let created else {
                throw CFITSIOStatus.error(status == 0 ? Int32(FILE_NOT_CREATED) : status,
                                          path: path, operation: operation)
            }
            return created
        }
        let writer = FITSWriter(path: path, temporaryPath: temporary, handle: created)
        do {
            try build(writer)
            if writer.hduCount == 0 { try writer.addPrimary() }
            try writer.close()
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw FITSError(path: path, operation: operation, status: 0,
                                message: "cannot rename the temporary file into place: \(reason)")
            }
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// An empty primary HDU (NAXIS = 0) with the given cards.
    public func addPrimary(header: FITSHeader = FITSHeader()) throws {
        try CFITSIOStatus.serialized {
            let handle = try openHandle(for: "cannot write the primary HDU of")
            guard hduCount == 0 else {
                throw failure("the primary HDU is already written", hdu: 0,
                              operation: "cannot write the primary HDU of")
            }
            try call(hdu: 0, "cannot write the primary HDU of") { status in
                ffcrimll(handle, 8, 0, nil, &status)
            }
            try finishHDU(header: header, extname: nil)
        }
    }

    /// Writes the header cards, then CHECKSUM/DATASUM, which must come after everything else.
    func finishHDU(header: FITSHeader, extname: String?) throws {
        let hdu = hduCount
        try writeCards(header, extname: extname, hdu: hdu)
        let handle = try openHandle(for: "cannot write the checksums of")
        try call(hdu: hdu, "cannot write the checksums of") { status in
            ffpcks(handle, &status)
        }
        hduCount += 1
    }

    func openHandle(for operation: String) throws -> UnsafeMutablePointer<fitsfile> {
        guard let handle else {
            throw failure("the writer is closed", hdu: nil, operation: operation)
        }
        return handle
    }

    func call(hdu: Int?, _ operation: String, _ body: (inout Int32) -> Void) throws {
        var status: Int32 = 0
        body(&status)
        try CFITSIOStatus.check(status, path: path, hdu: hdu, operation: operation)
    }

    func failure(_ message: String, hdu: Int?, operation: String) -> FITSError {
        FITSError(path: path, hdu: hdu, operation: operation, status: 0, message: message)
    }

    private func close() throws {
        try CFITSIOStatus.serialized {
            guard let handle else { return }
            self.handle = nil
            var status: Int32 = 0
            ffclos(handle, &status)
            try CFITSIOStatus.check(status, path: path, operation: "cannot finish writing")
        }
    }

    /// Closes without caring about errors and removes the temporary file.
    private func abandon() {
        CFITSIOStatus.serialized {
            if let handle {
                var ignored: Int32 = 0
                ffclos(handle, &ignored)
                self.handle = nil
            }
            CFITSIOStatus.clearStack()
            unlink(temporaryPath)
        }
    }
}
