import Foundation

/// A named table of values by key, as instruments keep them (gains per amplifier, offsets
/// per block...). A miss is a `DescriptorFailure.lookupMiss` that names the table and key.
///
/// ```swift
/// let gains = LookupTable(name: "nominal gains", entries: ["E": 3.1, "F": 3.2])
/// try gains.value(for: "E")   // 3.1
/// ```
public struct LookupTable<Key: Hashable & Sendable & CustomStringConvertible, Value: Sendable>: Sendable {
    public var name: String
    public var entries: [Key: Value]

    public init(name: String, entries: [Key: Value]) {
        self.name = name
        self.entries = entries
    }

    public func value(for key: Key) throws(DescriptorFailure) -> Value {
        guard let v = entries[key] else { throw .lookupMiss(table: name, key: key.description) }
        return v
    }
}

/// A lookup table whose values changed over time: each version applies from its start date
/// (inclusive) until the next version starts. Instruments change gain settings, controllers
/// and detectors; the date of the data picks the version.
///
/// ```swift
/// let table = DatedLookupTable(name: "gain", versions: [
///     .init(from: date("2017-02-24"), table: ["amp1": 1.8]),
///     .init(from: date("2023-12-14"), table: ["amp1": 1.6]),
/// ])
/// try table.value(for: "amp1", at: observationDate)
/// ```
public struct DatedLookupTable<Key: Hashable & Sendable & CustomStringConvertible, Value: Sendable>: Sendable {
    public struct Version: Sendable {
        public var from: Date
        public var table: [Key: Value]
        public init(from: Date, table: [Key: Value]) {
            self.from = from
            self.table = table
        }
    }

    public var name: String
    /// Sorted by start date.
    public private(set) var versions: [Version]

    public init(name: String, versions: [Version]) {
        self.name = name
        self.versions = versions.sorted { $0.from < $1.from }
    }

    /// The version in force at `date`: the latest one that started on or before it.
    public func version(at date: Date) -> Version? {
        versions.last { $0.from <= date }
    }

    public func value(for key: Key, at date: Date) throws(DescriptorFailure) -> Value {
        guard let version = version(at: date) else {
            let first = versions.first.map { DescriptorValue.date($0.from).text } ?? "none"
            throw .other("the \(name) table has no version for \(DescriptorValue.date(date).text) (first version starts \(first))")
        }
        guard let v = version.table[key] else {
            throw .other("the \(name) table (version from \(DescriptorValue.date(version.from).text)) has no entry for \(key)")
        }
        return v
    }
}
