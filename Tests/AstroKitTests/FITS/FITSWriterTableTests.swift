import Foundation
import Testing
@testable import AstroKit

@Suite struct FITSWriterTableTests {
    @Test func binaryTableOfEveryColumnTypeReadsBack() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("gains.fits")
        let doubles = [1.52, -0.000123456789012345, .greatestFiniteMagnitude]
        let floats: [Float] = [0.25, -3.5e-20, 1e30]
        let shorts: [Int16] = [.min, 0, .max]
        let ints: [Int32] = [.min, 42, .max]
        let longs: [Int64] = [.min, -7, .max]
        let bools = [true, false, true]
        let names = ["A", "amp B", "CCD-12 ''q"]
        let columns = [
            TableColumn(name: "GAIN", unit: "electron/adu", .doubles(doubles)),
            TableColumn(name: "RDNOISE", .floats(floats)),
            TableColumn(name: "XBIN", .int16s(shorts)),
            TableColumn(name: "NSAT", .int32s(ints)),
            TableColumn(name: "NPIX", .int64s(longs)),
            TableColumn(name: "GOOD", .bools(bools)),
            TableColumn(name: "AMP", .strings(names, width: 12)),
        ]
        var header = FITSHeader()
        header.set("DETECTOR", .string("VIS"))
        try FITSWriter.write(to: path) { writer in
            try writer.addBinaryTable(columns, header: header, extname: "GAINS")
        }

        let file = try FITSFile.open(path)
        #expect(file.hduCount == 2)  // an empty primary HDU is written first
        let info = try file.info(hdu: 1)
        #expect(info.kind == .binaryTable && info.extname == "GAINS")
        #expect(info.table == TableInfo(rows: 3, columns: columns.map(\.name)))
        #expect(info.header.string("DETECTOR") == "VIS")
        #expect(info.header.string("TUNIT1") == "electron/adu")
        #expect(try file.readColumn(hdu: 1, name: "GAIN") == .doubles(doubles))
        #expect(try file.readColumn(hdu: 1, name: "rdnoise") == .doubles(floats.map(Double.init)))
        #expect(try file.readColumn(hdu: 1, name: "XBIN") == .integers(shorts.map(Int.init)))
        #expect(try file.readColumn(hdu: 1, name: "NSAT") == .integers(ints.map(Int.init)))
        #expect(try file.readColumn(hdu: 1, name: "NPIX") == .integers(longs.map(Int.init)))
        #expect(try file.readColumn(hdu: 1, name: "GOOD") == .logicals(bools))
        #expect(try file.readColumn(hdu: 1, name: "AMP") == .strings(names))
        for hdu in 0..<2 {
            #expect(try file.verifyChecksum(hdu: hdu) == HDUChecksums(data: .valid, hdu: .valid))
        }
        if let verdict = try FITSVerify.run(path) {
            #expect(verdict.warnings == 0 && verdict.errors == 0, "\(verdict.output)")
        }
        let missing = #expect(throws: FITSError.self) { try file.readColumn(hdu: 1, name: "BIAS") }
        #expect(missing?.description.hasPrefix("cannot read column 'BIAS' of HDU 1 of \(path): CFITSIO status 219: named column not found") == true)
    }

    @Test func tooWideStringsAndRaggedColumnsAreRefusedAndLeaveNothing() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("bad.fits")
        #expect(throws: FITSError.self) {
            try FITSWriter.write(to: path) { writer in
                try writer.addBinaryTable([TableColumn(name: "AMP", .strings(["ABCDE"], width: 4))])
            }
        }
        #expect(throws: FITSError.self) {
            try FITSWriter.write(to: path) { writer in
                try writer.addBinaryTable([TableColumn(name: "A", .doubles([1, 2])),
                                           TableColumn(name: "B", .int32s([1]))])
            }
        }
        #expect(folder.contents.isEmpty)
    }

    @Test func emptyTableAndUndefinedKeyword() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("empty.fits")
        var header = FITSHeader()
        header.set("PENDING", .undefined, comment: "filled in later")
        try FITSWriter.write(to: path) { writer in
            try writer.addPrimary(header: header)
            try writer.addBinaryTable([TableColumn(name: "FLUX", .doubles([]))], extname: "EMPTY")
        }
        let file = try FITSFile.open(path)
        #expect(try file.header(hdu: 0)["PENDING"] == .undefined)
        #expect(try file.info(hdu: 1).table == TableInfo(rows: 0, columns: ["FLUX"]))
        #expect(try file.readColumn(hdu: 1, name: "FLUX") == .doubles([]))
    }
}
