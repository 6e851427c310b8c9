import CFITSIO

extension FITSFile {
    /// Reads a whole scalar column of a binary or ASCII table, found by name
    /// (case-insensitive, as CFITSIO's `ffgcno` matches it).
    ///
    /// ```swift
    /// let amplifiers = try file.readColumn(hdu: 2, name: "AMP")     // .strings([...])
    /// let gains = try file.readColumn(hdu: 2, name: "GAIN")         // .doubles([...])
    /// ```
    public func readColumn(hdu: Int, name: String) throws -> TableColumnValues {
        try metadataOperation {
            let operation = "cannot read column '\(name)' of"
            let type = try moveTo(hdu: hdu, for: operation)
            var status: Int32 = 0
            let compressed = fits_is_compressed_image(handle, &status) != 0
            guard type == BINARY_TBL || type == ASCII_TBL, !compressed else {
                throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                                message: "the HDU is not a table")
            }
            var column: Int32 = 0
            var template = Array(name.utf8CString)
            try call(hdu: hdu, operation) { status in
                ffgcno(handle, Int32(CASEINSEN), &template, &column, &status)
            }
            var rows: LONGLONG = 0
            var code: Int32 = 0
            var repeatCount: LONGLONG = 0
            var width: LONGLONG = 0
            try call(hdu: hdu, operation) { status in
                ffgnrwll(handle, &rows, &status)
                ffeqtyll(handle, column, &code, &repeatCount, &width, &status)
            }
            let count = Int(rows)
            let isString = code == TSTRING
            guard isString || repeatCount == 1 else {
                throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                                message: "the column holds \(repeatCount) values per row; only scalar columns are read")
            }
            guard count > 0 else { return emptyValues(code) }
            // CFITSIO writes this flag whenever a value equals TNULL: it must point somewhere.
            var anyNull: Int32 = 0
            switch code {
            case TSTRING:
                return .strings(try readStrings(hdu: hdu, column: column, rows: count,
                                                width: Int(width), operation: operation))
            case TLOGICAL:
                var flags = [CChar](repeating: 0, count: count)
                try call(hdu: hdu, operation) { status in
                    ffgcvl(handle, column, 1, 1, LONGLONG(count), 0, &flags, &anyNull, &status)
                }
                return .logicals(flags.map { $0 != 0 })
            case TBYTE, TSBYTE, TSHORT, TUSHORT, TINT, TUINT, TLONG, TULONG, TLONGLONG:
                var values = [LONGLONG](repeating: 0, count: count)
                try call(hdu: hdu, operation) { status in
                    ffgcvjj(handle, column, 1, 1, LONGLONG(count), 0, &values, &anyNull, &status)
                }
                return .integers(values.map { Int($0) })
            case TFLOAT, TDOUBLE, TULONGLONG:
                var values = [Double](repeating: 0, count: count)
                try call(hdu: hdu, operation) { status in
                    ffgcvd(handle, column, 1, 1, LONGLONG(count), .nan, &values, &anyNull, &status)
                }
                return .doubles(values)
            default:
                throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                                message: "column type code \(code) (complex or variable-length) is not read")
            }
        }
    }

    private func emptyValues(_ code: Int32) -> TableColumnValues {
        switch code {
        case TSTRING: return .strings([])
        case TLOGICAL: return .logicals([])
        case TFLOAT, TDOUBLE, TULONGLONG: return .doubles([])
        default: return .integers([])
        }
    }

    /// Reads a character column in one call into one block of row buffers.
    private func readStrings(hdu: Int, column: Int32, rows: Int, width: Int,
                             operation: String) throws -> [String] {
        let stride = max(width, 1) + 1
        var storage = [CChar](repeating: 0, count: rows * stride)
        try storage.withUnsafeMutableBufferPointer { block in
            var pointers: [UnsafeMutablePointer<CChar>?] = (0..<rows).map {
                block.baseAddress! + $0 * stride
            }
            var empty = CChar(0)
            var anyNull: Int32 = 0
            try call(hdu: hdu, operation) { status in
                ffgcvs(handle, column, 1, 1, LONGLONG(rows), &empty, &pointers, &anyNull, &status)
            }
        }
        return (0..<rows).map { row in
            storage.withUnsafeBufferPointer { block in
                HeaderCardParser.trimTrailing(String(cString: block.baseAddress! + row * stride))
            }
        }
    }
}
