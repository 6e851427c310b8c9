import Foundation

/// The real-file corpus and its reference answers (`references.json`, see its README.md).
enum CorpusReference {
    /// ASTROKIT_FITS_CORPUS, else `../shared/fits-corpus` next to the package root.
    static let directory: URL = {
        if let override = ProcessInfo.processInfo.environment["ASTROKIT_FITS_CORPUS"] {
            return URL(fileURLWithPath: override)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // FITS
            .deletingLastPathComponent()   // AstroKitTests
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()   // package root
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fits-corpus")
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("references.json").path)
    }

    /// File (relative path) -> reference entry, as JSONSerialization reads it. Never mutated
    /// after loading, so sharing it between parallel test cases is safe.
    nonisolated(unsafe) static let entries: [String: [String: Any]] = {
        let url = directory.appendingPathComponent("references.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
        else { return [:] }
        return object
    }()

    static var files: [String] { entries.keys.sorted() }

    static func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    /// True for JSON `true`/`false` (NSNumber would also answer to Int and Double).
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func number(_ value: Any?) -> Double? {
        guard let value, !isBool(value), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    static func int(_ value: Any?) -> Int? {
        guard let value, !isBool(value), let number = value as? NSNumber else { return nil }
        return number.intValue
    }

    /// Equal to 1e-6 relative (BSCALE arithmetic differs in the last bits between libraries);
    /// `scale` is the magnitude below which differences count as absolute (sums near zero).
    static func close(_ a: Double, _ b: Double, scale: Double = 0) -> Bool {
        if a == b { return true }
        return abs(a - b) <= 1e-6 * max(abs(a), abs(b), scale)
    }
}
