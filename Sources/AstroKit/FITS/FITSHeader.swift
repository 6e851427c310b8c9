/// The cards of one HDU's header, in file order.
///
/// ```swift
/// let header: FITSHeader = try file.header(hdu: 1)
/// if let gain = header.double("GAIN") { print(gain) }
/// ```
public struct FITSHeader: Sendable, Hashable {
    public var cards: [HeaderCard]

    public init(cards: [HeaderCard] = []) {
        self.cards = cards
    }

    /// The value of the first valued card with this keyword (case-insensitive), or nil.
    public subscript(keyword: String) -> HeaderValue? {
        let key = keyword.uppercased()
        for card in cards where card.value != nil && card.keyword.uppercased() == key {
            return card.value
        }
        return nil
    }

    public func contains(_ keyword: String) -> Bool { self[keyword] != nil }
    public func double(_ keyword: String) -> Double? { self[keyword]?.doubleValue }
    public func int(_ keyword: String) -> Int? { self[keyword]?.intValue }
    public func string(_ keyword: String) -> String? { self[keyword]?.stringValue }
    public func bool(_ keyword: String) -> Bool? { self[keyword]?.boolValue }

    /// The text of every COMMENT card.
    public var comments: [String] { commentary("COMMENT") }
    /// The text of every HISTORY card.
    public var history: [String] { commentary("HISTORY") }

    private func commentary(_ keyword: String) -> [String] {
        cards.filter { $0.value == nil && $0.keyword == keyword }.map { $0.comment ?? "" }
    }

    /// Valued cards as keyword -> value, the first occurrence winning.
    public var keywordValues: [String: HeaderValue] {
        var result: [String: HeaderValue] = [:]
        for card in cards {
            if let value = card.value, result[card.keyword] == nil { result[card.keyword] = value }
        }
        return result
    }

    /// Sets a keyword's value, replacing the first card with that keyword or appending one.
    public mutating func set(_ keyword: String, _ value: HeaderValue, comment: String? = nil) {
        let key = keyword.uppercased()
        if let i = cards.firstIndex(where: { $0.value != nil && $0.keyword.uppercased() == key }) {
            cards[i].value = value
            if let comment { cards[i].comment = comment }
        } else {
            cards.append(HeaderCard(keyword: keyword, value: value, comment: comment))
        }
    }

    /// Removes every valued card with this keyword.
    public mutating func remove(_ keyword: String) {
        let key = keyword.uppercased()
        cards.removeAll { $0.value != nil && $0.keyword.uppercased() == key }
    }
}
