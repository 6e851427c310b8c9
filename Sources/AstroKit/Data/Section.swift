import Foundation
/// A rectangular region of a 2-D image: 0-based, end-exclusive, x (NAXIS1) first.
///
/// ```swift
/// let overscan = try Section(iraf: "[2049:2080,1:4096]")  // x 2048..<2080, y 0..<4096
/// overscan.iraf                                           // "[2049:2080,1:4096]"
/// ```
public struct Section: Sendable, Hashable, Codable, CustomStringConvertible {
    public var x0: Int
    public var x1: Int
    public var y0: Int
    public var y1: Int

    public init(x0: Int, x1: Int, y0: Int, y1: Int) {
        self.x0 = x0
        self.x1 = x1
        self.y0 = y0
        self.y1 = y1
    }

    /// Parses the 1-based, inclusive IRAF notation `[x1:x2,y1:y2]` used by DATASEC, BIASSEC...
    public init(iraf text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]") else {
            throw SectionError.notASection(text)
        }
        let inner = trimmed.dropFirst().dropLast()
        let axes = inner.split(separator: ",", omittingEmptySubsequences: false)
        guard axes.count == 2 else { throw SectionError.notASection(text) }
        func bounds(_ part: Substring) throws -> (Int, Int) {
            let ends = part.split(separator: ":", omittingEmptySubsequences: false)
            guard ends.count == 2,
                  let a = Int(ends[0].trimmingCharacters(in: .whitespaces)),
                  let b = Int(ends[1].trimmingCharacters(in: .whitespaces)) else {
                throw SectionError.notASection(text)
            }
            return (a, b)
        }
        let (xa, xb) = try bounds(axes[0])
        let (ya, yb) = try bounds(axes[1])
        guard xa >= 1, ya >= 1, xb >= xa, yb >= ya else {
            throw SectionError.notASection(text)
        }
        self.init(x0: xa - 1, x1: xb, y0: ya - 1, y1: yb)
    }

    public var width: Int { x1 - x0 }
    public var height: Int { y1 - y0 }
    public var area: Int { width * height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The IRAF (1-based, inclusive) notation.
    public var iraf: String { "[\(x0 + 1):\(x1),\(y0 + 1):\(y1)]" }
    public var description: String { iraf }

    public func contains(x: Int, y: Int) -> Bool { x >= x0 && x < x1 && y >= y0 && y < y1 }

    public func contains(_ other: Section) -> Bool {
        other.x0 >= x0 && other.x1 <= x1 && other.y0 >= y0 && other.y1 <= y1
    }

    /// The overlap of two sections, or nil when they do not overlap.
    public func intersection(_ other: Section) -> Section? {
        let s = Section(x0: max(x0, other.x0), x1: min(x1, other.x1),
                        y0: max(y0, other.y0), y1: min(y1, other.y1))
        return s.isEmpty ? nil : s
    }

    public func shifted(dx: Int, dy: Int) -> Section {
        Section(x0: x0 + dx, x1: x1 + dx, y0: y0 + dy, y1: y1 + dy)
    }
}

public enum SectionError: Error, Sendable, CustomStringConvertible {
    case notASection(String)

    public var description: String {
        switch self {
        case .notASection(let text):
            return "'\(text)' is not an image section: expected [x1:x2,y1:y2] with 1-based inclusive bounds"
        }
    }
}
