import Config_VIS
import Foundation

extension StructureValidator {
    /// Whether a row has the settings that tell its column apart from the others.
    func looksLike(_ row: ExposureLogRow, _ column: AcquisitionColumn) -> Bool {
        signature.allSatisfy { field in
            guard let expected = column.settings[field] else { return true }
            return agrees(row, field, expected) ?? true
        }
    }

    /// nil when the row has no value for the field (an older log without the column): vison
    /// compares only the keys the log has.
    func agrees(_ row: ExposureLogRow, _ field: ExposureLogField, _ expected: SettingValue) -> Bool? {
        switch windowed(field, expected) {
        case .number(let e):
            guard let found = row.number(field) else { return row.values[field] == nil ? nil : false }
            return abs(found - e) <= 1e-8 + Self.relativeTolerance * abs(e)
        case .text(let e):
            guard let value = row.values[field] else { return nil }
            return text(of: value).trimmingCharacters(in: .whitespaces) == e.trimmingCharacters(in: .whitespaces)
        }
    }

    /// The expected value as the frames' geometry counts it (readout-window rows only).
    func windowed(_ field: ExposureLogField, _ expected: SettingValue) -> SettingValue {
        guard let g = frameGeometry, field == .vstart || field == .vend, case .number(let e) = expected else { return expected }
        return .number(Double(g.windowRow(campaignRow: Int(e.rounded()))))
    }

    /// Mismatches of one setting in a column: one finding for the whole column when every
    /// frame on every CCD has the same wrong value, else one per exposure (CCDs listed).
    func settingFindings(_ column: AcquisitionColumn, _ field: ExposureLogField, _ expected: SettingValue,
                         _ rows: [ExposureLogRow]) -> [Finding] {
        let wrong = rows.filter { agrees($0, field, expected) == false }
        guard !wrong.isEmpty else { return [] }
        let expectedText = describe(field, windowed(field, expected).description)
        let values = wrong.map { row in describe(field, row.values[field].map(text(of:)) ?? "") }
        if wrong.count == rows.count, Set(values).count == 1 {
            return [Finding(kind: .setting, column: column.label, ccds: Set(wrong.map(\.ccd)).sorted(), obsids: [], field: field,
                            expected: expectedText, found: values[0],
                            message: "\(column.label): \(field.rawValue) is \(values[0]), expected \(expectedText)")]
        }
        var groups: [(obsid: Int, value: String, ccds: [Int])] = []
        for (row, value) in zip(wrong, values) {
            if let i = groups.firstIndex(where: { $0.obsid == row.obsid && $0.value == value }) {
                groups[i].ccds.append(row.ccd)
            } else {
                groups.append((row.obsid, value, [row.ccd]))
            }
        }
        return groups.sorted { ($0.obsid, $0.ccds.first ?? 0) < ($1.obsid, $1.ccds.first ?? 0) }.map { g in
            let ccds = g.ccds.sorted().map { "CCD\($0)" }.joined(separator: ", ")
            return Finding(kind: .setting, column: column.label, ccds: g.ccds.sorted(), obsids: [g.obsid], field: field,
                           expected: expectedText, found: g.value,
                           message: "\(column.label) ObsID \(g.obsid) \(ccds): \(field.rawValue) is \(g.value), expected \(expectedText)")
        }
    }

    func text(of value: ExposureLogValue) -> String {
        switch value {
        case .integer(let i): return String(i)
        case .number(let d): return SettingValue.number(d).description
        case .text(let t): return t
        case .date(let d): return VISDate.format(d) ?? "\(d)"
        }
    }

    /// Filter positions with what stands behind them in the chamber: "3 (730 nm)", "6 (ND)".
    func describe(_ field: ExposureLogField, _ text: String) -> String {
        guard field == .wave, let chamber, let position = Int(text),
              let nm = chamber.wavelength(filterPosition: position) else { return text }
        switch nm {
        case 0: return "\(text) (ND)"
        case 2000: return "\(text) (open)"
        default: return "\(text) (\(nm) nm)"
        }
    }
}
