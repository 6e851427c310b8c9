import CFITSIO

extension FITSWriter {
    /// Adds a binary-table extension (after an empty primary HDU when nothing has been written
    /// yet). All columns must have the same number of rows.
    ///
    /// ```swift
    /// try writer.addBinaryTable([TableColumn(name: "AMP", .strings(["A", "B"], width: 4)),
    ///                            TableColumn(name: "GAIN", .doubles([1.52, 1.49]))],
    ///                           extname: "GAINS")
    /// ```
    public func addBinaryTable(_ columns: [TableColumn], header: FITSHeader = FITSHeader(),
                               extname: String? = nil) throws {
        try CFITSIOStatus.serialized {
            if hduCount == 0 { try addPrimary() }
            let hdu = hduCount
            let operation = "cannot write the table of"
            let rows = columns.first?.data.count ?? 0
            try validate(columns, rows: rows, hdu: hdu, operation: operation)
            let handle = try openHandle(for: operation)
            // ffcrtb wants arrays of C strings; they live as long as these Swift arrays.
            let names = columns.map { Array($0.name.utf8CString) }
            let forms = columns.map { Array($0.data.tform.utf8CString) }
            let units = columns.map { Array(($0.unit ?? "").utf8CString) }
            try withCStringPointers(names) { namePointers in
                try withCStringPointers(forms) { formPointers in
                    try withCStringPointers(units) { unitPointers in
                        try call(hdu: hdu, operation) { status in
                            ffcrtb(handle, Int32(BINARY_TBL), LONGLONG(rows), Int32(columns.count),
                                   namePointers, formPointers, unitPointers, nil, &status)
                        }
                    }
                }
            }
            if rows > 0 {
                for (index, column) in columns.enumerated() {
                    try write(column.data, column: Int32(index + 1), handle: handle, hdu: hdu,
                              operation: "cannot write column '\(column.name)' of")
                }
            }
            try finishHDU(header: header, extname: extname)
        }
    }

    private func validate(_ columns: [TableColumn], rows: Int, hdu: Int,
                          operation: String) throws {
        for column in columns {
            guard column.data.count == rows else {
                throw failure("column '\(column.name)' has \(column.data.count) rows, not \(rows)",
                              hdu: hdu, operation: operation)
            }
            if case .strings(let values, let width) = column.data {
                guard width >= 1,
                      values.allSatisfy({ $0.utf8.count <= width && $0.allSatisfy(\.isASCII) }) else {
                    throw failure("column '\(column.name)' needs ASCII strings of at most \(width) characters",
                                  hdu: hdu, operation: operation)
                }
            }
        }
    }

    private func write(_ data: TableColumnData, column: Int32,
                       handle: UnsafeMutablePointer<fitsfile>, hdu: Int,
                       operation: String) throws {
        func put<T>(_ values: [T], _ datatype: Int32) throws {
            try values.withUnsafeBufferPointer { buffer in
                try call(hdu: hdu, operation) { status in
                    // CFITSIO only reads from the buffer; its C signature is not const.
                    ffpcl(handle, datatype, column, 1, 1, LONGLONG(buffer.count),
                          UnsafeMutableRawPointer(mutating: buffer.baseAddress), &status)
                }
            }
        }
        switch data {
        case .doubles(let v): try put(v, Int32(TDOUBLE))
        case .floats(let v): try put(v, Int32(TFLOAT))
        case .int16s(let v): try put(v, Int32(TSHORT))
        case .int32s(let v): try put(v, Int32(TINT))
        case .int64s(let v): try put(v, Int32(TLONGLONG))
        case .bools(let v): try put(v.map { CChar($0 ? 1 : 0) }, Int32(TLOGICAL))
        case .strings(let v, _):
            try withCStringPointers(v.map { Array($0.utf8CString) }) { pointers in
                try call(hdu: hdu, operation) { status in
                    ffpcls(handle, column, 1, 1, LONGLONG(v.count), pointers, &status)
                }
            }
        }
    }
}

/// Calls `body` with a `char **` view of NUL-terminated strings, all laid out in one block.
func withCStringPointers<R>(_ strings: [[CChar]],
                            _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) throws -> R) throws -> R {
    var block = strings.flatMap { $0 }
    return try block.withUnsafeMutableBufferPointer { buffer in
        var pointers: [UnsafeMutablePointer<CChar>?] = []
        var offset = 0
        for string in strings {
            pointers.append(buffer.baseAddress.map { $0 + offset })
            offset += string.count
        }
        if pointers.isEmpty { pointers.append(nil) }
        return try pointers.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }
}
