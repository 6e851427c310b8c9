import Foundation

/// The nominal bias offsets (ADU) of a VIS block, per CCD and quadrant, from
/// `Lookups/block_offsets.json` (vison's `<BLOCK>_offsets.json`). Offset checks accept
/// these values ± ``PerformanceLimits/offsetTolerance``.
///
/// ```swift
/// let einstein = try BlockOffsets.nominal(forBlock: "EINSTEIN")
/// einstein.offset(ccd: 1, quadrant: .E)                 // 2713 ADU
/// try BlockOffsets.nominal(forBlock: "ALBERT3").block   // "ALBERT"
/// try BlockOffsets.nominal(forBlock: "NEWBLOCK").block  // "UNKNOWN", 2800 ADU everywhere
/// ```
public struct BlockOffsets: Sendable, Equatable {
    /// The four readout quadrants of a CCD273.
    public enum Quadrant: String, CaseIterable, Sendable, Codable { case E, F, G, H }

    /// The table's own block name (an alias such as NOSTROMO resolves to BORN).
    public var block: String
    /// ADU by CCD number (1...3) and quadrant.
    public var offsets: [Int: [Quadrant: Double]]

    public init(block: String, offsets: [Int: [Quadrant: Double]]) {
        self.block = block
        self.offsets = offsets
    }

    public func offset(ccd: Int, quadrant: Quadrant) -> Double? {
        offsets[ccd]?[quadrant]
    }

    private struct File: Decodable {
        let aliases: [String: String]
        let fallback: String
        let blocks: [String: [String: [String: Double]]]
    }

    private static func file() throws(LookupTableError) -> File {
        try LookupTable.decode(File.self, from: "block_offsets")
    }

    /// Block names with their own table (aliases not included).
    public static func knownBlocks() throws(LookupTableError) -> [String] {
        try file().blocks.keys.sorted()
    }

    /// The table of a block (case-insensitive, aliases resolved), or `nil` if the block is not known.
    public static func named(_ block: String) throws(LookupTableError) -> BlockOffsets? {
        let file = try file()
        let name = block.uppercased()
        let resolved = file.aliases[name] ?? name
        guard let table = file.blocks[resolved] else { return nil }
        var offsets: [Int: [Quadrant: Double]] = [:]
        for (ccdName, quadrants) in table {
            guard let ccd = Int(ccdName.dropFirst(3)) else { continue }
            for (q, value) in quadrants {
                if let quadrant = Quadrant(rawValue: q) { offsets[ccd, default: [:]][quadrant] = value }
            }
        }
        return BlockOffsets(block: resolved, offsets: offsets)
    }

    /// Like ``named(_:)`` but an unknown block gets the UNKNOWN table (2800 ADU), as vison does,
    /// so a new block can still be checked loosely.
    public static func nominal(forBlock block: String) throws(LookupTableError) -> BlockOffsets {
        if let table = try named(block) { return table }
        let fallback = try file().fallback
        guard let table = try named(fallback) else {
            throw .unknownEntry(table: "block_offsets.json", name: fallback, known: try knownBlocks())
        }
        return table
    }
}
