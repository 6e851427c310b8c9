import Config_VIS
import Foundation

/// Checks exposure-log rows against a test's acquisition structure.
///
/// Per CCD, the rows (in log order) are walked through the structure's columns. A column
/// takes rows until it has its frames, but stops early at a row that belongs to a later column
/// (a short column), and after it is full takes further rows that still look like it (extra
/// frames). "Looks like" compares only the settings that tell the test's columns apart, so a
/// frame with one wrong value stays in its column and is reported there. Every compared
/// setting is then checked: numbers within 0.5 % (vison's `np.isclose(rtol=0.005)`), text
/// exactly.
public struct StructureValidator: Sendable {
    public let definition: TestDefinition
    /// For naming filter positions in messages ("3 (730 nm)"); nil prints positions only.
    public let chamber: ChamberProfile?
    public static let relativeTolerance = 0.005
    /// The geometry of the frames checked. The definitions give the readout window in campaign
    /// rows (vend = 2086, the whole quadrant); frames of another geometry (small simulated ones
    /// log VEND = 278, their own full height) are compared with the window mapped to their rows
    /// (``VISGeometry/windowRow(campaignRow:)``). nil compares the campaign numbers literally.
    public var frameGeometry: VISGeometry?

    /// Settings compared on every row.
    let compared: [ExposureLogField]
    /// Settings whose expected values differ between columns: they place rows in columns.
    let signature: [ExposureLogField]

    public init(definition: TestDefinition, chamber: ChamberProfile? = nil, frameGeometry: VISGeometry? = nil) {
        self.definition = definition
        self.frameGeometry = frameGeometry
        self.chamber = chamber
        let all = Set(definition.columns.flatMap { $0.settings.keys }).subtracting(definition.defaults.unvalidatedFields)
        compared = ExposureLogField.allCases.filter { all.contains($0) }
        signature = compared.filter { field in
            Set(definition.columns.map { $0.settings[field] }).count > 1
        }
    }

    /// The rows of one test (by the name its rows carry, surrogates included) within an
    /// optional ObsID range and, for vison's colour-aware selection, at one filter position.
    public static func select(_ rows: [ExposureLogRow], test: String, obsids: ClosedRange<Int>? = nil,
                              filterPosition: Int? = nil) -> [ExposureLogRow] {
        let logged = VISCampaign.surrogates[test] ?? test
        return rows.filter { row in
            row.test?.trimmingCharacters(in: .whitespaces) == logged
                && (obsids?.contains(row.obsid) ?? true)
                && (filterPosition == nil || row.filterPosition == filterPosition)
        }
    }

    /// Validates the selected rows; `ccds` defaults to the CCDs the rows hold.
    public func validate(_ rows: [ExposureLogRow], ccds: [Int]? = nil) -> StructureValidation {
        let ccdList = ccds ?? {
            let present = Set(rows.map(\.ccd)).sorted()
            return present.isEmpty ? [1, 2, 3] : present
        }()
        var placed = Array(repeating: [Int: [ExposureLogRow]](), count: definition.columns.count)
        var extras = Array(repeating: [Int: [ExposureLogRow]](), count: definition.columns.count)
        var general: [Finding] = []
        for ccd in ccdList {
            let list = rows.filter { $0.ccd == ccd }
            guard !list.isEmpty else {
                general.append(Finding(kind: .missingCCD, column: nil, ccds: [ccd], obsids: [], field: nil, expected: nil, found: nil,
                                       message: "CCD\(ccd): no frames of \(definition.loggedTestName) in the log (expected \(definition.frameCount))"))
                continue
            }
            var index = 0
            for (k, column) in definition.columns.enumerated() {
                var taken: [ExposureLogRow] = [], extra: [ExposureLogRow] = []
                let later = definition.columns[(k + 1)...]
                while index < list.count {
                    let row = list[index]
                    let fits = looksLike(row, column)
                    if taken.count < column.frames {
                        if !fits && later.contains(where: { looksLike(row, $0) }) { break }
                        taken.append(row)
                    } else {
                        // A full column takes look-alikes as extras, unless the next column looks the same.
                        guard fits, !(later.first.map { looksLike(row, $0) } ?? false) else { break }
                        extra.append(row)
                    }
                    index += 1
                }
                placed[k][ccd] = taken
                extras[k][ccd] = extra
            }
            if index < list.count {
                let rest = list[index...]
                let count = rest.count
                general.append(Finding(kind: .extraFrames, column: nil, ccds: [ccd], obsids: rest.map(\.obsid), field: nil,
                                       expected: nil, found: nil,
                                       message: "\(count) \(count == 1 ? "frame" : "frames") for CCD\(ccd) beyond the last column (\(definition.columns.last?.label ?? "none")): ObsID \(rest.map { String($0.obsid) }.joined(separator: ", "))"))
            }
        }
        let reports = definition.columns.enumerated().map { k, column in
            report(column, placed: placed[k], extras: extras[k], ccds: ccdList)
        }
        return StructureValidation(test: definition.name, columns: reports, general: general, ccds: ccdList)
    }

    private func report(_ column: AcquisitionColumn, placed: [Int: [ExposureLogRow]], extras: [Int: [ExposureLogRow]],
                        ccds: [Int]) -> ColumnReport {
        var findings: [Finding] = []
        var found: [Int: Int] = [:]
        for ccd in ccds {
            guard let taken = placed[ccd] else { continue }
            let extra = extras[ccd] ?? []
            found[ccd] = taken.count + extra.count
            if taken.count < column.frames {
                let n = column.frames - taken.count
                findings.append(Finding(kind: .missingFrames, column: column.label, ccds: [ccd], obsids: [], field: nil,
                                        expected: String(column.frames), found: String(taken.count),
                                        message: "\(column.label): \(n) \(n == 1 ? "frame" : "frames") missing for CCD\(ccd) (expected \(column.frames), found \(taken.count))"))
            } else if !extra.isEmpty {
                findings.append(Finding(kind: .extraFrames, column: column.label, ccds: [ccd], obsids: extra.map(\.obsid), field: nil,
                                        expected: String(column.frames), found: String(column.frames + extra.count),
                                        message: "\(column.label): \(extra.count) extra \(extra.count == 1 ? "frame" : "frames") for CCD\(ccd) (expected \(column.frames), found \(column.frames + extra.count))"))
            }
        }
        let rows = ccds.flatMap { placed[$0] ?? [] }
        for field in compared {
            guard let expected = column.settings[field] else { continue }
            findings += settingFindings(column, field, expected, rows)
        }
        var obsids: [Int] = []
        for row in rows.sorted(by: { $0.obsid < $1.obsid }) where obsids.last != row.obsid { obsids.append(row.obsid) }
        return ColumnReport(label: column.label, role: column.role, expectedFrames: column.frames, framesFound: found,
                            obsids: obsids, findings: findings)
    }
}
