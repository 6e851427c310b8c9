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

    /// Every named column of every corpus table either reads with one value per row or is
    /// refused with a FITSError (vector, complex, variable-length): never a crash. Columns
    /// with TNULL values once crashed CFITSIO when its null flag pointer was left nil.
    @Test(arguments: CorpusReference.files.filter {
        CorpusReference.entries[$0]?["expect"] as? String == "ok"
    })
    func readsOrRefusesEveryColumn(file: String) throws {
        let opened = try FITSFile.open(CorpusReference.path(file))
        for hdu in 0..<opened.hduCount {
            guard let table = try? opened.info(hdu: hdu).table else { continue }
            for name in table.columns where !name.isEmpty {
                do {
                    let values = try opened.readColumn(hdu: hdu, name: name)
                    #expect(values.count == table.rows, "\(file) HDU \(hdu) column \(name)")
                } catch let error as FITSError {
                    #expect(error.description.contains(opened.path))
                }
            }
        }
    }
}
