import CFITSIO
import Foundation

/// Files whose last data unit lacks the zero padding that should round it up to a whole
/// 2880-byte record. Writers that forget the padding are common (the data are complete, only
/// the filler is missing); CFITSIO refuses to read the last, short record. Such a file is read
/// from a padded copy in memory through CFITSIO's memory driver. A file that misses data, not
/// just padding, is still refused.
enum UnpaddedFile {
    static let recordLength = 2880

    /// Memory CFITSIO reads from; it keeps pointers to the buffer address and size, so they
    /// live on the heap until the file is closed.
    final class Buffer {
        let address: UnsafeMutablePointer<UnsafeMutableRawPointer?>
        let size: UnsafeMutablePointer<Int>

        init(bytes: Data) {
            let padded = (bytes.count + UnpaddedFile.recordLength - 1) / UnpaddedFile.recordLength * UnpaddedFile.recordLength
            let memory = malloc(padded)!
            memset(memory, 0, padded)
            bytes.withUnsafeBytes { _ = memcpy(memory, $0.baseAddress!, bytes.count) }
            address = .allocate(capacity: 1)
            address.initialize(to: memory)
            size = .allocate(capacity: 1)
            size.initialize(to: padded)
        }

        deinit {
            free(address.pointee)
            address.deallocate()
            size.deallocate()
        }
    }

    /// True when the opened file is a plain (uncompressed) FITS file on disk whose last HDU's
    /// data are complete but whose final record is short.
    static func needsPadding(_ handle: UnsafeMutablePointer<fitsfile>, path: String, hduCount: Int32) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let fileSize = (attributes[.size] as? NSNumber)?.intValue,
              fileSize % recordLength != 0,
              let head = FileHandle(forReadingAtPath: path)?.readData(ofLength: 6),
              String(decoding: head, as: UTF8.self) == "SIMPLE" else { return false }
        var status: Int32 = 0
        var type: Int32 = 0
        ffmahd(handle, hduCount, &type, &status)
        var headStart: LONGLONG = 0, dataStart: LONGLONG = 0, dataEnd: LONGLONG = 0
        ffghadll(handle, &headStart, &dataStart, &dataEnd, &status)
        var bitpix: Int32 = 0, naxis: Int32 = 0
        ffgidt(handle, &bitpix, &status)
        ffgidm(handle, &naxis, &status)
        guard status == 0 else {
            ffcmsg()
            return false
        }
        var axes = [LONGLONG](repeating: 0, count: Int(max(naxis, 1)))
        ffgiszll(handle, naxis, &axes, &status)
        var pcount: Int = 0, gcount: Int = 1
        var keyStatus: Int32 = 0
        ffgkyj(handle, "PCOUNT", &pcount, nil, &keyStatus)
        keyStatus = 0
        if ffgkyj(handle, "GCOUNT", &gcount, nil, &keyStatus) != 0 { gcount = 1 }
        ffcmsg()
        guard status == 0, type == IMAGE_HDU else { return false }
        let pixels = naxis == 0 ? 0 : axes.prefix(Int(naxis)).reduce(1) { $0 * Int($1) }
        let dataBytes = Int(abs(bitpix)) / 8 * gcount * (pcount + pixels)
        return fileSize < Int(dataEnd) && fileSize >= Int(dataStart) + dataBytes
    }

    /// Opens the padded copy through CFITSIO's memory driver.
    static func openPadded(path: String) throws -> (UnsafeMutablePointer<fitsfile>, Buffer) {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let buffer = Buffer(bytes: bytes)
        var status: Int32 = 0
        var handle: UnsafeMutablePointer<fitsfile>?
        ffomem(&handle, path, READONLY, buffer.address, buffer.size, 0, nil, &status)
        guard status == 0, let handle else {
            throw CFITSIOStatus.error(status == 0 ? Int32(FILE_NOT_OPENED) : status,
                                      path: path, operation: "cannot open")
        }
        return (handle, buffer)
    }
}
