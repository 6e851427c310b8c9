import Foundation

/// How a configuration module says which stored calibration suits a dataset, as data: the
/// criteria every candidate must pass and the order that picks one among those that pass.
///
/// ```swift
/// CalibrationRule(kind: "processed_bias", productType: "VIS_MASTER_BIAS", appliesTo: "VIS",
///                 criteria: [.exact("ccd_serial"), .exact("readout_mode"),
///                            .within("ccd_temperature_top", 2, unit: "K"), .withinDays(90)])
/// ```
public struct CalibrationRule: Sendable, Hashable {
    /// The name primitives ask for (`context.calibration("processed_bias", for: frame)`).
    public var kind: String
    /// The type a stored product must have to be a candidate (e.g. VIS_MASTER_BIAS).
    public var productType: String
    /// The type a dataset must have for this rule to serve it (e.g. VIS).
    public var appliesTo: String
    public var criteria: [MatchCriterion]
    /// Tie-breaking among the candidates that pass, first key first.
    public var ordering: [CalibrationOrdering]
    /// The descriptor giving the time of the data (frame and product), for windows and ordering.
    public var timeDescriptor: String

    public init(kind: String, productType: String, appliesTo: String, criteria: [MatchCriterion],
                ordering: [CalibrationOrdering] = [.closestInTime, .newestProcessing],
                timeDescriptor: String = "ut_datetime") {
        self.kind = kind
        self.productType = productType
        self.appliesTo = appliesTo
        self.criteria = criteria
        self.ordering = ordering
        self.timeDescriptor = timeDescriptor
    }

    /// Descriptors of a product the database stores so this rule can be evaluated later.
    public var productDescriptors: [String] {
        var names = criteria.map(\.productDescriptor)
        if !names.contains(timeDescriptor) { names.append(timeDescriptor) }
        return names
    }
}

/// One test a candidate must pass: a descriptor of the dataset compared with one of the product.
public struct MatchCriterion: Sendable, Hashable {
    public enum Test: Sendable, Hashable {
        /// The two values are equal.
        case equal
        /// Numbers differ by at most the tolerance.
        case within(Double)
        /// Dates differ by at most this many days.
        case withinDays(Double)
        /// The product's value is a list that holds the dataset's value.
        case memberOf
    }

    /// Descriptor of the dataset.
    public var descriptor: String
    /// Descriptor of the product (usually the same name).
    public var productDescriptor: String
    public var test: Test
    /// Unit of a tolerance, for explanations ("nm", "K").
    public var unit: String?

    public init(descriptor: String, productDescriptor: String? = nil, test: Test, unit: String? = nil) {
        self.descriptor = descriptor
        self.productDescriptor = productDescriptor ?? descriptor
        self.test = test
        self.unit = unit
    }

    public static func exact(_ descriptor: String) -> MatchCriterion {
        MatchCriterion(descriptor: descriptor, test: .equal)
    }

    public static func within(_ descriptor: String, _ tolerance: Double, unit: String) -> MatchCriterion {
        MatchCriterion(descriptor: descriptor, test: .within(tolerance), unit: unit)
    }

    /// The dataset and product were taken at most `days` apart (by `descriptor`, ut_datetime by default).
    public static func withinDays(_ days: Double, descriptor: String = "ut_datetime") -> MatchCriterion {
        MatchCriterion(descriptor: descriptor, test: .withinDays(days), unit: "days")
    }

    /// The product's list descriptor (e.g. the CCD serials of a gain table) holds the dataset's value.
    public static func member(_ descriptor: String, of productDescriptor: String) -> MatchCriterion {
        MatchCriterion(descriptor: descriptor, productDescriptor: productDescriptor, test: .memberOf)
    }

    /// The criterion in words: "ccd_serial equal", "wavelength within ±35 nm".
    public var summary: String {
        switch test {
        case .equal: return "\(descriptor) equal"
        case .within(let t): return "\(descriptor) within ±\(StoredValue.format(t)) \(unit ?? "")".trimmingCharacters(in: .whitespaces)
        case .withinDays(let d): return "\(descriptor) within ±\(StoredValue.format(d)) days"
        case .memberOf: return "\(descriptor) among the product's \(productDescriptor)"
        }
    }
}

/// Keys that order the candidates passing every criterion.
public enum CalibrationOrdering: String, Sendable, Hashable {
    /// Smallest |time of the product's data − time of the dataset| first.
    case closestInTime = "closest in time"
    /// Most recently processed product first.
    case newestProcessing = "newest processing"
}
