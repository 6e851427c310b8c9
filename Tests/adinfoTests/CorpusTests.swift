import Foundation
import TestTools
import Testing

/// Every file of the shared FITS corpus through `adinfo --json --stats --headers`, compared
/// with the reference answers (astropy, cross-checked with CFITSIO).
@Suite struct CorpusTests {
    static func references() throws -> [String: JSONValue] {
        let data = try Data(contentsOf: ToolRunner.corpus.appendingPathComponent("references.json"))
        return try #require(try JSONDecoder().decode(JSONValue.self, from: data).object)
    }

    @Test func everyReadableFileMatchesItsReference() throws {
        let references = try Self.references()
        let okFiles = references.keys.sorted().filter { references[$0]?["expect"]?.string == "ok" }
        #expect(okFiles.count >= 140)
        let paths = okFiles.map { ToolRunner.corpus.appendingPathComponent($0).path }
        let outcome = try ToolRunner.run("adinfo", ["--json", "--stats", "--headers"] + paths)
        #expect(!outcome.timedOut)
        #expect(outcome.status == 0, "adinfo failed: \(outcome.stderr)")
        let reports = try #require(try JSONDecoder().decode(JSONValue.self, from: Data(outcome.stdout.utf8)).array)
        try #require(reports.count == okFiles.count)
        var problems: [String] = []
        for (file, report) in zip(okFiles, reports) {
            problems += Self.compare(file: file, report: report, reference: references[file]!)
        }
        #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) differences:\n" + problems.prefix(60).joined(separator: "\n")))
    }

    static func compare(file: String, report: JSONValue, reference: JSONValue) -> [String] {
        var problems: [String] = []
        let ours = report["hdus"]?.array ?? []
        let theirs = reference["hdus"]?.array ?? []
        guard ours.count == theirs.count else {
            return ["\(file): \(ours.count) HDUs, reference has \(theirs.count)"]
        }
        for (index, (mine, ref)) in zip(ours, theirs).enumerated() {
            let at = "\(file) HDU \(index)"
            for field in ["kind", "bitpix", "naxis", "extname", "extver", "gcount", "pcount", "table"] {
                let expected = ref[field], actual = mine[field]
                if expected == nil && actual == nil { continue }
                if field == "naxis", ref["kind"]?.string == "unknown" || ref["kind"]?.string == "bintable" || ref["kind"]?.string == "table" { continue }
                if let e = expected, let a = actual, a.matches(e) { continue }
                if expected == nil, ["bitpix", "naxis"].contains(field) { continue }
                problems.append("\(at): \(field) is \(actual?.description ?? "absent"), reference \(expected?.description ?? "absent")")
            }
            let refKeywords = ref["keywords"]?.object ?? [:]
            let myKeywords = mine["keywords"]?.object ?? [:]
            // Every reference keyword must be there with its value. Extra keywords are allowed:
            // the references leave out cards astropy does not parse (complex or undefined
            // values, malformed cards), on which readers may differ.
            for (key, value) in refKeywords {
                guard let mineValue = myKeywords[key] else {
                    if !Self.isAstropyConvention(key, mine: myKeywords) {
                        problems.append("\(at): keyword \(key) missing (reference \(value))")
                    }
                    continue
                }
                if !mineValue.matches(value) {
                    problems.append("\(at): keyword \(key) is \(mineValue), reference \(value)")
                }
            }
            if let refStats = ref["stats"]?.object {
                guard let myStats = mine["stats"]?.object else {
                    problems.append("\(at): no statistics")
                    continue
                }
                for (key, value) in refStats where !(myStats[key]?.matches(value) ?? false) {
                    problems.append("\(at): stats \(key) is \(myStats[key]?.description ?? "absent"), reference \(value)")
                }
            }
        }
        return problems
    }

    /// Reference keywords astropy makes up rather than reads: EXTEND = T added to a primary
    /// header followed by extensions, and record-valued keyword cards (D2IM1 = 'AXIS.1: 1' read
    /// as D2IM1.AXIS.1 = 1.0), which are plain string cards in the file.
    static func isAstropyConvention(_ key: String, mine: [String: JSONValue]) -> Bool {
        if key == "EXTEND" { return true }
        if let dot = key.firstIndex(of: "."), mine[String(key[..<dot])]?.string != nil { return true }
        return false
    }

    @Test(arguments: ["HEASARC+cfitsio/testprog.tpt", "sunpy+sunpy/sunpy/data/test/not_actually_fits.fits"])
    func brokenFilesAreRefusedWithOneLine(_ file: String) throws {
        let path = ToolRunner.corpus.appendingPathComponent(file).path
        let outcome = try ToolRunner.run("adinfo", ["--json", path], timeout: 60)
        #expect(outcome.status == 1)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("adinfo: \(path): cannot open") == true, "\(outcome.stderr)")
    }

    @Test func nonStandardFileIsReadOrRefusedCleanly() throws {
        let path = ToolRunner.corpus.appendingPathComponent("astropy+astropy/astropy/io/fits/tests/data/verify.fits").path
        let outcome = try ToolRunner.run("adinfo", ["--json", "--stats", "--headers", path], timeout: 60)
        #expect(!outcome.timedOut)
        #expect(outcome.status == 0 || (outcome.status == 1 && outcome.stderr.split(separator: "\n").count == 1))
    }

    @Test func unreadableFileDoesNotStopTheOthers() throws {
        let good = ToolRunner.corpus.appendingPathComponent("HEASARC+cfitsio/iter_a.fit").path
        let outcome = try ToolRunner.run("adinfo", ["exposure_time", "/no/such/file.fits", good], timeout: 60)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("adinfo: /no/such/file.fits: cannot open"))
        #expect(outcome.stdout.hasPrefix(good + "\t"))
    }
}
