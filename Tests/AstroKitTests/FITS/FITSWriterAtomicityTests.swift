import Foundation
import Testing
@testable import AstroKit

@Suite struct FITSWriterAtomicityTests {
    struct Interrupted: Error {}

    @Test func aFailedWriteLeavesNothingBehind() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("never.fits")
        #expect(throws: Interrupted.self) {
            try FITSWriter.write(to: path) { writer in
                try writer.addImage([Float](repeating: 1, count: 16), shape: [4, 4])
                throw Interrupted()
            }
        }
        #expect(folder.contents.isEmpty)
    }

    @Test func anExistingFileIsReplacedOnlyOnRequest() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("frame.fits")
        try FITSWriter.write(to: path) { try $0.addImage([Int16](repeating: 1, count: 4), shape: [2, 2]) }
        let refused = #expect(throws: FITSError.self) {
            try FITSWriter.write(to: path) { try $0.addPrimary() }
        }
        #expect(refused?.description == "cannot write \(path): the file exists and overwrite is false")
        try FITSWriter.write(to: path, overwrite: true) { writer in
            try writer.addImage([Int16](repeating: 2, count: 6), shape: [3, 2])
        }
        #expect(try FITSFile.open(path).readPixels(hdu: 0, as: Int16.self).values == [2, 2, 2, 2, 2, 2])
        #expect(folder.contents == ["frame.fits"])
    }

    @Test func nothingAddedMeansAnEmptyPrimaryHDU() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let path = folder.path("empty.fits")
        try FITSWriter.write(to: path) { _ in }
        let info = try FITSFile.open(path).info(hdu: 0)
        #expect(info.kind == .primary && info.naxis.isEmpty && !info.hasPixels)
    }
}
