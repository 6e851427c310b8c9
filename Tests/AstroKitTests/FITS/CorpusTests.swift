import Foundation
import Testing
@testable import AstroKit

/// Every file of the real-file corpus against the reference answers of `references.json`.
@Suite(.enabled(if: CorpusReference.isAvailable, "FITS corpus not found"))
struct CorpusTests {
    @Test(arguments: CorpusReference.files)
    func matchesReference(file: String) throws {
        let entry = try #require(CorpusReference.entries[file])
        let path = CorpusReference.path(file)
        switch entry["expect"] as? String {
        case "error":
            do {
                _ = try FITSFile.open(path).allInfo()
                Issue.record("\(file): opened, but the reference expects an error")
            } catch let error as FITSError {
                #expect(error.description.contains(path), "\(file): \(error)")
            }
        case "either":
            // Non-standard: reading or a clean refusal are both fine; crashing is not.
            if let opened = try? FITSFile.open(path) { _ = try? opened.allInfo() }
        default:
            let opened = try FITSFile.open(path)
            let hdus = try #require(entry["hdus"] as? [[String: Any]], "\(file): no hdus")
            #expect(opened.hduCount == hdus.count, "\(file): HDU count")
            for reference in hdus {
                let index = try #require(CorpusReference.int(reference["index"]))
                guard index < opened.hduCount else { continue }
                try CorpusComparison(file: file, hdu: index, reference: reference)
                    .check(info: opened.info(hdu: index), file: opened)
            }
        }
    }
}
