import Foundation

/// Turns the fields of one exposure-log line into a typed ``ExposureLogRow``, using the column
/// plan worked out once from the header.
struct ExposureLogRowReader: Sendable {
    let columns: [String]
    let fileName: String
    /// For each column, the canonical fields it fills (empty: raw only).
    private let plan: [[ExposureLogField]]
    /// For legacy logs, the column index of `RDCCDn_V` for CCD n.
    private let legacyResetDrain: [Int: Int]
    private let obsidColumn: Int
    private let fileNameColumn: Int
    private let ccdColumn: Int?

    init(columns: [String], headerLine: Int, fileName: String) throws(ExposureLogError) {
        self.columns = columns
        self.fileName = fileName
        let plan = columns.map { ExposureLogColumnNames.fields(forHeader: $0) }
        // The identifying fields are read before the others, so the per-row plan leaves them out.
        self.plan = plan.map { $0.filter { ![.obsid, .fileName, .ccd].contains($0) } }
        var resetDrain: [Int: Int] = [:]
        for (index, name) in columns.enumerated() {
            if let n = ExposureLogColumnNames.legacyResetDrainCCD(name) { resetDrain[n] = resetDrain[n] ?? index }
        }
        legacyResetDrain = resetDrain
        func column(_ field: ExposureLogField) -> Int? { plan.firstIndex { $0.contains(field) } }
        guard let obsid = column(.obsid) else {
            // A first line that starts with a number is a data row: the header is missing.
            if let first = columns.first, SidecarNumber.double(first) != nil { throw .noHeader(file: fileName) }
            throw .missingColumn(file: fileName, line: headerLine, column: "ObsID")
        }
        guard let name = column(.fileName) else {
            throw .missingColumn(file: fileName, line: headerLine, column: "File_name")
        }
        obsidColumn = obsid
        fileNameColumn = name
        ccdColumn = column(.ccd)
    }

    func row(from line: TabSeparatedText.Line) throws(ExposureLogError) -> ExposureLogRow {
        let fields = line.fields
        let obsidText = fields[obsidColumn]
        guard let obsid = SidecarNumber.integer(obsidText) else {
            throw .notAWholeNumber(file: fileName, line: line.number, column: columns[obsidColumn], value: obsidText)
        }
        let name = fields[fileNameColumn]
        let ccd = try ccdNumber(fields: fields, fileName: name, line: line.number)
        var row = ExposureLogRow(obsid: obsid, fileName: name, ccd: ccd, lineNumber: line.number)
        // Sized once: growing two dictionaries of ~80 entries per row dominated reading.
        row.raw.reserveCapacity(fields.count)
        row.values.reserveCapacity(fields.count)
        for index in fields.indices {
            let text = fields[index]
            if row.raw[columns[index]] == nil { row.raw[columns[index]] = text }
            guard !text.isEmpty else { continue }
            for field in plan[index] where row.values[field] == nil {
                row.values[field] = try value(text, kind: field.kind, column: index, line: line.number)
            }
        }
        // 5.7.x logged one reset-drain voltage per CCD; the row's own CCD is the one commanded.
        if row.values[.RD_T] == nil, row.values[.RD_B] == nil, let index = legacyResetDrain[ccd],
           !fields[index].isEmpty {
            let rd = try value(fields[index], kind: .number, column: index, line: line.number)
            row.values[.RD_T] = rd
            row.values[.RD_B] = rd
        }
        return row
    }

    /// From the `CCD` column (`CCD2`), or from the `_CCD2` ending of the file name if there is none.
    private func ccdNumber(fields: [String], fileName name: String, line: Int) throws(ExposureLogError) -> Int {
        if let ccdColumn {
            let text = fields[ccdColumn]
            guard let n = Self.ccd(text) else {
                throw .notACCD(file: fileName, line: line, column: columns[ccdColumn], value: text)
            }
            return n
        }
        if let range = name.range(of: "_CCD", options: .backwards), let n = Self.ccd(String(name[range.upperBound...])) {
            return n
        }
        throw .missingColumn(file: fileName, line: line, column: "CCD")
    }

    static func ccd(_ text: String) -> Int? {
        let digits = text.uppercased().hasPrefix("CCD") ? String(text.dropFirst(3)) : text
        guard let n = Int(digits), (1...3).contains(n) else { return nil }
        return n
    }

    private func value(_ text: String, kind: ExposureLogField.Kind, column: Int, line: Int) throws(ExposureLogError) -> ExposureLogValue {
        switch kind {
        case .text:
            return .text(text)
        case .number:
            guard let v = SidecarNumber.double(text) else {
                throw .notANumber(file: fileName, line: line, column: columns[column], value: text)
            }
            return .number(v)
        case .integer:
            if let v = SidecarNumber.integer(text) { return .integer(v) }
            if SidecarNumber.double(text) != nil {
                throw .notAWholeNumber(file: fileName, line: line, column: columns[column], value: text)
            }
            throw .notANumber(file: fileName, line: line, column: columns[column], value: text)
        case .date:
            guard let d = VISDate.parse(text) else {
                throw .notADate(file: fileName, line: line, column: columns[column], value: text)
            }
            return .date(d)
        case .ccd:
            guard let n = Self.ccd(text) else {
                throw .notACCD(file: fileName, line: line, column: columns[column], value: text)
            }
            return .integer(n)
        }
    }
}
