import Foundation

/// Why a bundled lookup table could not be used.
public enum LookupTableError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingResource(String)
    case undecodable(resource: String, reason: String)
    case unknownEntry(table: String, name: String, known: [String])

    public var description: String {
        switch self {
        case let .missingResource(name):
            return "the lookup table \(name) is missing from the Config_VIS bundle"
        case let .undecodable(resource, reason):
            return "the lookup table \(resource) could not be decoded: \(reason)"
        case let .unknownEntry(table, name, known):
            return "\(table) has no entry '\(name)'; it knows \(known.joined(separator: ", "))"
        }
    }
}

/// Loads the JSON files in `Lookups/` from the module bundle (works on Linux and macOS).
enum LookupTable {
    static func url(_ name: String) throws(LookupTableError) -> URL {
        let bundle = Bundle.module
        if let url = bundle.url(forResource: name, withExtension: "json", subdirectory: "Lookups")
            ?? bundle.url(forResource: name, withExtension: "json") {
            return url
        }
        throw .missingResource("Lookups/\(name).json")
    }

    static func decode<T: Decodable>(_ type: T.Type, from name: String) throws(LookupTableError) -> T {
        let location = try url(name)
        do {
            return try JSONDecoder().decode(T.self, from: Data(contentsOf: location))
        } catch {
            throw .undecodable(resource: "Lookups/\(name).json", reason: String(describing: error))
        }
    }
}
