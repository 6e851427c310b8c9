import Foundation
import Testing
@testable import AstroKit

@Suite struct FITSErrorTests {
    @Test func missingFile() throws {
        let path = "/nonexistent/astrokit/missing.fits"
        let error = #expect(throws: FITSError.self) { try FITSFile.open(path) }
        #expect(error?.description == "cannot open \(path): CFITSIO status 104: could not open the named file")
        #expect(error?.path == path && error?.status == 104 && error?.hdu == nil)
    }

    @Test func notAFITSFile() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("notes.fits")
        try Data(String(repeating: "These are observing notes, not FITS.\n", count: 100).utf8)
            .write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: FITSError.self) { try FITSFile.open(path) }
        #expect(error?.description == "cannot open \(path): CFITSIO status 252: 1st key not SIMPLE or XTENSION (Extension doesn't start with SIMPLE or XTENSION keyword. (ffrhdu))")
    }

    @Test func truncatedFile() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("cut.fits")
        try FITSWriter.write(to: path) { try $0.addImage([Float](repeating: 1, count: 4096), shape: [64, 64]) }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 2880 + 5000)
        try handle.close()
        let file = try FITSFile.open(path)
        let error = #expect(throws: FITSError.self) { try file.readImage(hdu: 0, as: Float.self) }
        #expect(error?.description == "cannot read the pixels of HDU 0 of \(path): CFITSIO status 108: error reading from FITS file (Error reading elements 1 thru 4096 from image (ffgcle).)")
    }

    @Test func hduOutOfRange() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("one.fits")
        try FITSWriter.write(to: path) { _ in }
        let error = #expect(throws: FITSError.self) { try FITSFile.open(path).info(hdu: 3) }
        #expect(error?.description == "cannot read the header of HDU 3 of \(path): the file has 1 HDU(s), numbered from 0")
    }

    /// Empty files and files cut inside a header are refused at open, with the file named.
    @Test(arguments: [0, 1000, 2880 + 400])
    func cutInsideAHeader(length: Int) throws {
        // 3280 cuts the header of HDU 1, which CFITSIO's HDU count silently stops before.
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let whole = folder.path("whole.fits")
        try FITSWriter.write(to: whole) { writer in
            try writer.addPrimary()
            try writer.addImage([Int32](repeating: 3, count: 100), shape: [10, 10], extname: "SCI")
        }
        let cut = folder.path("cut.fits")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        try bytes.prefix(length).write(to: URL(fileURLWithPath: cut))
        let error = #expect(throws: FITSError.self) { _ = try FITSFile.open(cut).allInfo() }
        #expect(error?.description.contains(cut) == true, "\(String(describing: error))")
    }

    @Test func headerCutShortAfterACompleteHDU() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let whole = folder.path("whole.fits")
        try FITSWriter.write(to: whole) { writer in
            try writer.addPrimary()
            try writer.addImage([Int32](repeating: 3, count: 100), shape: [10, 10], extname: "SCI")
        }
        let cut = folder.path("cut.fits")
        try Data(contentsOf: URL(fileURLWithPath: whole)).prefix(2880 + 400)
            .write(to: URL(fileURLWithPath: cut))
        let error = #expect(throws: FITSError.self) { try FITSFile.open(cut) }
        #expect(error?.description == "cannot open HDU 1 of \(cut): the file ends inside the header of this HDU")
    }
}
