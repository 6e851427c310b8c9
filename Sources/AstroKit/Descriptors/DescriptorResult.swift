/// A resolved descriptor: its value (with unit and provenance) or the failure that explains
/// why there is none.
public struct ResolvedValue: Sendable, Hashable {
    public var value: DescriptorValue
    public var unit: Unit?
    /// Where the value came from, in words: "header GAIN", "nominal value (no gain table
    /// registered)", "exposure log EXP_LOG_050800.txt line 3".
    public var source: String

    public init(_ value: DescriptorValue, unit: Unit? = nil, source: String) {
        self.value = value
        self.unit = unit
        self.source = source
    }

    /// The value with its unit, for display ("3.1 e-/ADU").
    public var text: String {
        guard let unit else { return value.text }
        return "\(value.text) \(unit.symbol)"
    }
}

/// The outcome of a descriptor on a dataset: one result for the whole dataset, or one per
/// science extension for descriptors whose nature is per extension (gain, data_section...).
public enum DescriptorResult: Sendable, Hashable {
    case dataset(Result<ResolvedValue, DescriptorFailure>)
    case perExtension([Result<ResolvedValue, DescriptorFailure>])

    /// True when every part resolved.
    public var isResolved: Bool {
        switch self {
        case .dataset(let r): if case .success = r { return true } else { return false }
        case .perExtension(let rs):
            return !rs.isEmpty && rs.allSatisfy { if case .success = $0 { return true } else { return false } }
        }
    }

    /// The first failure, when any part failed.
    public var failure: DescriptorFailure? {
        let parts: [Result<ResolvedValue, DescriptorFailure>]
        switch self {
        case .dataset(let r): parts = [r]
        case .perExtension(let rs):
            if rs.isEmpty { return .other("the dataset has no science extension") }
            parts = rs
        }
        for part in parts { if case .failure(let f) = part { return f } }
        return nil
    }

    /// The resolved values in extension order (one for dataset-wide descriptors).
    public var values: [ResolvedValue] {
        switch self {
        case .dataset(let r): return (try? r.get()).map { [$0] } ?? []
        case .perExtension(let rs): return rs.compactMap { try? $0.get() }
        }
    }

    /// Values for display: comma-separated in extension order, failures as "<failed>".
    public var text: String {
        switch self {
        case .dataset(let r):
            return (try? r.get().value.text) ?? "<failed>"
        case .perExtension(let rs):
            return rs.map { (try? $0.get().value.text) ?? "<failed>" }.joined(separator: ",")
        }
    }
}
