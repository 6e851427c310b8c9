import CFITSIO
import Foundation

extension FITSFile {
    /// Describes one HDU from its header alone; no pixel or row is read.
    ///
    /// ```swift
    /// let info = try file.info(hdu: 1)
    /// if info.kind == .compressedImage { print(info.bitpix!, info.naxis) }  // ZBITPIX, ZNAXISn
    /// ```
    public func info(hdu: Int) throws -> HDUInfo {
        try metadataOperation {
            let operation = "cannot read the header of"
            let type = try moveTo(hdu: hdu, for: operation)
            let raw = try rawHeaderOfCurrentHDU(hdu: hdu)
            let kind = try kind(ofCurrentHDU: hdu, type: type, header: raw)
            let header = kind == .compressedImage
                ? try imageHeaderOfCompressedHDU(hdu: hdu, raw: raw)
                : raw
            var info = HDUInfo(index: hdu, kind: kind, bitpix: nil, naxis: [],
                               extname: header.string("EXTNAME"), extver: header.int("EXTVER"),
                               header: header)
            switch kind {
            case .primary, .image, .compressedImage:
                (info.bitpix, info.naxis) = try imageParameters(hdu: hdu)
            case .binaryTable, .asciiTable:
                info.table = try tableInfo(hdu: hdu, header: header)
            case .randomGroups:
                // CFITSIO sees groups as an image; the structure is in the keywords themselves.
                info.bitpix = header.int("BITPIX")
                let axes = header.int("NAXIS") ?? 0
                info.naxis = (0..<axes).map { header.int("NAXIS\($0 + 1)") ?? 0 }
                info.groups = RandomGroupsInfo(gcount: header.int("GCOUNT") ?? 1,
                                               pcount: header.int("PCOUNT") ?? 0)
            case .unknown:
                break
            }
            return info
        }
    }

    /// `info(hdu:)` for every HDU, in file order.
    public func allInfo() throws -> [HDUInfo] {
        try (0..<hduCount).map { try info(hdu: $0) }
    }

    /// The header of one HDU; for a compressed image, the header of the image it holds.
    public func header(hdu: Int) throws -> FITSHeader {
        try info(hdu: hdu).header
    }

    private func kind(ofCurrentHDU hdu: Int, type: Int32, header: FITSHeader) throws -> HDUKind {
        switch type {
        case Int32(IMAGE_HDU):
            // CFITSIO presents a tile-compressed image as an IMAGE_HDU; tell it apart.
            var status: Int32 = 0
            let compressed = fits_is_compressed_image(handle, &status)
            try CFITSIOStatus.check(status, path: path, hdu: hdu,
                                    operation: "cannot read the header of")
            if compressed != 0 { return .compressedImage }
            guard hdu == 0 else {
                // CFITSIO reads an unknown XTENSION as an image; the standard says skip it.
                let xtension = header.string("XTENSION")?.trimmingCharacters(in: .whitespaces)
                return xtension == "IMAGE" || xtension == "IUEIMAGE" ? .image : .unknown
            }
            // SIMPLE = F announces a file that does not conform: not a primary array we trust.
            if header.bool("SIMPLE") == false { return .unknown }
            if header.bool("GROUPS") == true, header.int("NAXIS1") == 0 { return .randomGroups }
            return .primary
        case Int32(BINARY_TBL):
            return .binaryTable
        case Int32(ASCII_TBL):
            return .asciiTable
        default:
            return .unknown
        }
    }

    /// BITPIX and axes of the current image HDU as CFITSIO presents them (ZBITPIX/ZNAXISn for
    /// compressed images; the stored BITPIX, not the BZERO-implied type, for scaled data).
    func imageParameters(hdu: Int) throws -> (Int, [Int]) {
        var bitpix: Int32 = 0
        var naxis: Int32 = 0
        var axes = [LONGLONG](repeating: 0, count: 999)
        try call(hdu: hdu, "cannot read the image parameters of") { status in
            ffgiprll(handle, 999, &bitpix, &naxis, &axes, &status)
        }
        return (Int(bitpix), axes.prefix(Int(naxis)).map { Int($0) })
    }

    private func tableInfo(hdu: Int, header: FITSHeader) throws -> TableInfo {
        var rows: LONGLONG = 0
        var columns: Int32 = 0
        try call(hdu: hdu, "cannot read the table layout of") { status in
            ffgnrwll(handle, &rows, &status)
            ffgncl(handle, &columns, &status)
        }
        let names = (0..<Int(columns)).map { header.string("TTYPE\($0 + 1)") ?? "" }
        return TableInfo(rows: Int(rows), columns: names)
    }

    /// The current HDU's cards, exactly as stored.
    func rawHeaderOfCurrentHDU(hdu: Int) throws -> FITSHeader {
        try Self.header(of: handle, path: path, hdu: hdu)
    }

    /// The header of the image inside a tile-compressed HDU, built by CFITSIO itself
    /// (`fits_img_decompress_header` into an in-memory file, as `ffcnvthdr2str` does).
    /// CFITSIO drops every EXTNAME of the table when one of them is the default
    /// 'COMPRESSED_IMAGE'; a second, real EXTNAME (the image's own name) is put back.
    private func imageHeaderOfCompressedHDU(hdu: Int, raw: FITSHeader) throws -> FITSHeader {
        let operation = "cannot read the image header of"
        var status: Int32 = 0
        var memory: UnsafeMutablePointer<fitsfile>?
        ffinit(&memory, "mem://", &status)
        try CFITSIOStatus.check(status, path: path, hdu: hdu, operation: operation)
        guard let memory else {
            throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                            message: "CFITSIO returned no in-memory file")
        }
        defer { var ignored: Int32 = 0; ffclos(memory, &ignored) }
        if hdu > 0 {
            // With an HDU already in the output, CFITSIO writes the image as an extension.
            ffcrimll(memory, 8, 0, nil, &status)
        }
        fits_img_decompress_header(handle, memory, &status)
        try CFITSIOStatus.check(status, path: path, hdu: hdu, operation: operation)
        var header = try Self.header(of: memory, path: path, hdu: hdu)
        if header.string("EXTNAME") == nil,
           let name = raw.cards.first(where: { card in
               card.keyword == "EXTNAME" && card.value?.stringValue != nil
                   && card.value?.stringValue != "COMPRESSED_IMAGE"
           }) {
            header.cards.append(name)
        }
        return header
    }

    static func header(of handle: UnsafeMutablePointer<fitsfile>, path: String,
                       hdu: Int) throws -> FITSHeader {
        var status: Int32 = 0
        var count: Int32 = 0
        var more: Int32 = 0
        ffghsp(handle, &count, &more, &status)
        try CFITSIOStatus.check(status, path: path, hdu: hdu, operation: "cannot read the header of")
        var records: [String] = []
        records.reserveCapacity(Int(count))
        var card = [CChar](repeating: 0, count: Int(FLEN_CARD) + 1)
        for number in 0..<count {
            ffgrec(handle, number + 1, &card, &status)
            try CFITSIOStatus.check(status, path: path, hdu: hdu,
                                    operation: "cannot read the header of")
            records.append(String(fitsBuffer: card))
        }
        return HeaderCardParser.header(from: records)
    }
}
