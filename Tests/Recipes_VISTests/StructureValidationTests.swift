import Config_VIS
import Foundation
import Recipes_VIS
import Testing

@Suite struct StructureValidationTests {
    let chamber: ChamberProfile
    let ptc: TestDefinition
    let validator: StructureValidator
    let rows: [ExposureLogRow]
    static let start = Date(timeIntervalSince1970: 1_540_000_000)

    init() throws {
        chamber = try ChamberProfile.load("CHAMBER_B_EINSTEIN")
        ptc = try TestCatalog(chamber: chamber).definition("PTC01")
        validator = StructureValidator(definition: ptc, chamber: chamber)
        rows = ptc.expectedLogRows(firstObsID: 1000, start: Self.start)
    }

    /// The ObsID of frame `n` (0-based) of a column.
    func obsid(_ column: Int, frame n: Int) -> Int {
        1000 + ptc.columns[..<column].reduce(0) { $0 + $1.frames } + n
    }

    @Test func aFaultlessAcquisitionIsConsistent() {
        let result = validator.validate(rows)
        #expect(result.consistent, "\(result.messages)")
        #expect(result.ccds == [1, 2, 3])
        #expect(result.column("col003")?.framesFound == [1: 10, 2: 10, 3: 10])
        #expect(result.column("col011")?.obsids.count == 4)
    }

    @Test func aMissingFrameIsReportedForItsColumnAndCCD() {
        let gone = obsid(2, frame: 4)
        let result = validator.validate(rows.filter { !($0.obsid == gone && $0.ccd == 2) })
        #expect(!result.consistent)
        #expect(result.messages == ["col003: 1 frame missing for CCD2 (expected 10, found 9)"])
        #expect(result.column("col003")?.framesFound[2] == 9)
    }

    @Test func anExtraFrameIsReportedForItsColumn() {
        let last = obsid(1, frame: 9)
        var copy = rows
        let index = copy.lastIndex { $0.obsid == last && $0.ccd == 1 }!
        var extra = copy[index]
        extra.obsid = 5000
        copy.insert(extra, at: index + 1)
        let result = validator.validate(copy)
        #expect(result.messages == ["col002: 1 extra frame for CCD1 (expected 10, found 11)"])
        #expect(result.findings.first?.obsids == [5000])
    }

    @Test func aWrongExposureTimeNamesTheExposure() {
        let target = obsid(1, frame: 3)
        let copy = rows.map { row -> ExposureLogRow in
            var r = row
            if r.obsid == target && r.ccd == 1 { r.values[.exptime] = .number(3.6) }
            return r
        }
        let result = validator.validate(copy)
        // col002 is 10 % of 3.4 s.
        #expect(result.messages == ["col002 ObsID \(target) CCD1: exptime is 3.6, expected 0.34"])
    }

    @Test func aWrongFilterForAWholeColumnIsOneFinding() {
        let column = ptc.columns[4]
        let ids = Set((0..<column.frames).map { obsid(4, frame: $0) })
        let copy = rows.map { row -> ExposureLogRow in
            var r = row
            if ids.contains(r.obsid) { r.values[.wave] = .integer(3) }
            return r
        }
        let result = validator.validate(copy)
        #expect(result.messages == ["col005: wave is 3 (730 nm), expected 4 (800 nm)"])
        #expect(result.column("col005")?.findings.first?.field == .wave)
    }

    @Test func settingsWithinHalfAPercentAgree() {
        let copy = rows.map { row -> ExposureLogRow in
            var r = row
            if let t = r.number(.exptime) { r.values[.exptime] = .number(t * 1.004) }
            return r
        }
        #expect(validator.validate(copy).consistent)
    }

    @Test func rowsAreSelectedByTestAndObsIDRange() {
        var other = rows[0]
        other.values[.test] = .text("BIAS01")
        let selected = StructureValidator.select(rows + [other], test: "PTC01", obsids: 1000...1009)
        #expect(selected.count == 30)
        #expect(StructureValidator.select(rows, test: "BF01").count == rows.count)
    }

    @Test func aMissingCCDAndFramesAfterTheLastColumnAreReported() {
        var copy = rows.filter { $0.ccd != 3 }
        var late = copy.last!
        late.obsid = 9999
        late.values[.exptime] = .number(0)   // like no column: beyond the structure
        copy.append(late)
        let result = validator.validate(copy, ccds: [1, 2, 3])
        #expect(result.messages.contains("CCD3: no frames of PTC01 in the log (expected 92)"))
        #expect(result.messages.contains("1 frame for CCD2 beyond the last column (col011): ObsID 9999"))
    }
}

@Suite struct LogRoundTripValidationTests {
    static let catalog = try! TestCatalog(chamber: "CHAMBER_B_EINSTEIN", diffValues: [.sn_ccd1: "14173-14-01", .operator: "rua"])
    static let start = Date(timeIntervalSince1970: 1_540_000_000)

    /// Every test's faultless acquisition validates cleanly, and an ObsID range selects part of it.
    @Test(arguments: TestCatalog.testNames)
    func aFaultlessAcquisitionOfEveryTestIsConsistent(_ name: String) throws {
        let definition = try Self.catalog.definition(name)
        let log = ExposureLog(rows: definition.expectedLogRows(firstObsID: 3000, start: Self.start))
        let result = try Self.catalog.validate(log, test: name, obsids: 3000...(3000 + definition.frameCount - 1))
        #expect(result.consistent, "\(result.messages.prefix(5))")
        let first = try Self.catalog.validate(log, test: name, obsids: 3000...3000)
        #expect(first.consistent == (definition.frameCount == 1))
    }

    /// Written as ELVIS 7.5.X and read back, the log still validates: the written types
    /// (integers, decimals, text) compare equal to the expected settings. One test per family
    /// of settings, as reading a log is the slow part.
    @Test(arguments: ["BIAS02", "CHINJ01", "TP02", "NL02", "FOCUS00_800", "PERSIST01", "MOT_WARM"])
    func aWrittenLogReadsBackConsistent(_ name: String) throws {
        let definition = try Self.catalog.definition(name)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("EXP_LOG_201018-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try ExposureLog.write(definition.expectedLogRows(firstObsID: 3000, start: Self.start), version: .v7_5_X, to: url)
        let log = try ExposureLog.read(url)
        #expect(log.rows.count == definition.frameCount * 3)
        let result = try Self.catalog.validate(log, test: name)
        #expect(result.consistent, "\(result.messages.prefix(5))")
    }
}

/// Small simulated frames log their own full height (VEND = 278 for 258 image rows): the
/// window is compared in the frames' rows, so a full-window test stays consistent.
@Suite struct ReadoutWindowGeometryTests {
    @Test func smallFramesFullWindowIsConsistent() throws {
        let catalog = try TestCatalog(chamber: "CHAMBER_B_EINSTEIN")
        let definition = try catalog.definition("BIAS01")
        var rows = definition.expectedLogRows(firstObsID: 1000, start: Date(timeIntervalSince1970: 1_528_102_800))
        for i in rows.indices { rows[i].values[.vend] = .integer(278) }
        let small = VISGeometry(imageColumns: 256, imageRows: 258)
        #expect(StructureValidator(definition: definition, frameGeometry: small).validate(rows).consistent)
        // Literally, 278 is not 2086: the campaign comparison still catches a short window.
        let literal = StructureValidator(definition: definition).validate(rows)
        #expect(!literal.consistent)
        #expect(literal.messages.first?.contains("vend") == true)
        // And a small frame read only to row 100 is still a mismatch.
        for i in rows.indices { rows[i].values[.vend] = .integer(100) }
        #expect(!StructureValidator(definition: definition, frameGeometry: small).validate(rows).consistent)
    }
}
