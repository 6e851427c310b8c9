import Foundation

/// The judgement of one criterion on one candidate, with both values.
public struct CriterionOutcome: Sendable, Hashable {
    public var criterion: MatchCriterion
    public var datasetValue: StoredValue?
    public var productValue: StoredValue?
    public var passed: Bool
    /// The comparison in words: "'fwd_bas' = 'fwd_bas'", "differ by 3.5 K, tolerance ±2 K",
    /// or why it could not be compared.
    public var detail: String
}

/// Whether a stored file is still the one that was added.
public enum FileIntegrity: Sendable, Hashable {
    case verified
    /// The file changed since it was added (its SHA-256 differs).
    case stale
    case missing
    /// Not checked, because the candidate failed a criterion or another was chosen first.
    case unchecked

    public var text: String {
        switch self {
        case .verified: return "checksum verified"
        case .stale: return "stale: checksum differs"
        case .missing: return "missing"
        case .unchecked: return "checksum not checked"
        }
    }
}

/// One stored calibration judged against a dataset.
public struct CandidateJudgement: Sendable, Hashable {
    public var record: CalibrationRecord
    public var outcomes: [CriterionOutcome]
    public var integrity: FileIntegrity
    /// |time of the product's data − time of the dataset|, when both are known.
    public var timeDistance: TimeInterval?

    public var passesCriteria: Bool { outcomes.allSatisfy(\.passed) }
    public var failures: [CriterionOutcome] { outcomes.filter { !$0.passed } }
    /// Usable: passes every criterion and the file is intact.
    public var isUsable: Bool { passesCriteria && integrity == .verified }
}

/// Every candidate of a calibration look-up, judged; the chosen one and why.
public struct CalibrationSelection: Sendable {
    public var rule: CalibrationRule
    public var database: String
    /// The dataset's file name (or "the dataset").
    public var datasetName: String
    /// The dataset's value of each criterion's descriptor, or why it has none.
    public var datasetValues: [(name: String, value: Result<StoredValue, DescriptorFailure>, source: String)]
    /// Passing candidates in preference order first, then the others by fewest failures.
    public var candidates: [CandidateJudgement]

    /// The best usable candidate.
    public var chosen: CandidateJudgement? { candidates.first(where: \.isUsable) }
}

extension CalibrationDatabase {
    /// Judges every stored calibration of the rule's product type against the dataset. With
    /// `verifyAll`, every file's checksum is checked (for explanations); otherwise only those of
    /// passing candidates, in order, until one is intact.
    public func select(_ kind: String, for dataset: AstroData, verifyAll: Bool = false) throws -> CalibrationSelection {
        let rule = try rule(kind, for: dataset)
        let values = Self.datasetValues(rule, dataset)
        let lookup = Dictionary(values.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let frameTime = try? lookup[rule.timeDescriptor]?.get().date
        var judged = try list(type: rule.productType).map { record in
            let productTime = record.descriptors[rule.timeDescriptor]?.date
            return CandidateJudgement(
                record: record,
                outcomes: rule.criteria.map { Self.judge($0, dataset: lookup[$0.descriptor], product: record.descriptors[$0.productDescriptor]) },
                integrity: .unchecked,
                timeDistance: frameTime.flatMap { f in productTime.map { abs($0.timeIntervalSince(f)) } })
        }
        judged.sort { a, b in Self.precedes(a, b, rule.ordering) }
        var found = false
        for i in judged.indices where verifyAll || (judged[i].passesCriteria && !found) {
            judged[i].integrity = Self.integrity(of: judged[i].record)
            if judged[i].isUsable { found = true }
        }
        return CalibrationSelection(rule: rule, database: path, datasetName: dataset.fileName ?? "the dataset",
                                    datasetValues: values, candidates: judged)
    }

    /// The dataset's values of every descriptor the rule compares (and its time descriptor).
    static func datasetValues(_ rule: CalibrationRule, _ dataset: AstroData)
        -> [(name: String, value: Result<StoredValue, DescriptorFailure>, source: String)] {
        var values: [(name: String, value: Result<StoredValue, DescriptorFailure>, source: String)] = []
        var names = rule.criteria.map(\.descriptor)
        if !names.contains(rule.timeDescriptor) { names.append(rule.timeDescriptor) }
        for name in names {
            let result = dataset.descriptor(name)
            if let first = result.values.first, result.failure == nil {
                if let stored = StoredValue(first.value) {
                    values.append((name, .success(stored), first.source))
                } else {
                    values.append((name, .failure(.other("its value \(first.value.text) cannot be compared")), first.source))
                }
            } else {
                values.append((name, .failure(result.failure ?? .other("no value")), ""))
            }
        }
        return values
    }

    /// The rule for a kind (or a product type name) that serves this dataset's types.
    public func rule(_ kind: String, for dataset: AstroData) throws -> CalibrationRule {
        let rules = try self.rules()
        let named = rules.filter { $0.kind == kind || $0.productType == kind }
        guard !named.isEmpty else {
            throw CalibrationDatabaseError.unknownKind(kind, known: Array(Set(rules.map(\.kind))).sorted())
        }
        guard let rule = named.first(where: { dataset.types.contains($0.appliesTo) }) else {
            throw CalibrationLookupError.notApplicable(kind: kind, dataset: dataset.fileName ?? "the dataset",
                                                       types: dataset.types, wanted: named.map(\.appliesTo))
        }
        return rule
    }

    static func integrity(of record: CalibrationRecord) -> FileIntegrity {
        guard FileManager.default.fileExists(atPath: record.path) else { return .missing }
        guard let sum = try? ChecksumMemo.checksum(record.path) else { return .missing }
        return sum == record.checksum ? .verified : .stale
    }

    /// Passing candidates first, in the rule's order; failing ones by fewest failures, then time.
    static func precedes(_ a: CandidateJudgement, _ b: CandidateJudgement, _ ordering: [CalibrationOrdering]) -> Bool {
        if a.passesCriteria != b.passesCriteria { return a.passesCriteria }
        if !a.passesCriteria && a.failures.count != b.failures.count { return a.failures.count < b.failures.count }
        for key in ordering {
            switch key {
            case .closestInTime:
                let x = a.timeDistance ?? .infinity, y = b.timeDistance ?? .infinity
                if x != y { return x < y }
            case .newestProcessing:
                if a.record.processed != b.record.processed { return a.record.processed > b.record.processed }
            }
        }
        return a.record.path < b.record.path
    }

    static func judge(_ c: MatchCriterion, dataset: Result<StoredValue, DescriptorFailure>?,
                      product: StoredValue?) -> CriterionOutcome {
        var outcome = CriterionOutcome(criterion: c, datasetValue: nil, productValue: product, passed: false, detail: "")
        guard let dataset else { outcome.detail = "the dataset's \(c.descriptor) was not computed"; return outcome }
        let value: StoredValue
        switch dataset {
        case .failure(let f):
            outcome.detail = "the dataset has no \(c.descriptor): \(f.description)"
            return outcome
        case .success(let v): value = v
        }
        outcome.datasetValue = value
        guard let product else { outcome.detail = "the product has no \(c.productDescriptor)"; return outcome }
        let unit = c.unit.map { " \($0)" } ?? ""
        switch c.test {
        case .equal:
            outcome.passed = value.matches(product)
            outcome.detail = outcome.passed ? "equal" : "differ (must be equal)"
        case .within(let tolerance):
            guard let a = value.number, let b = product.number else {
                outcome.detail = "not numbers, cannot compare within ±\(StoredValue.format(tolerance))\(unit)"
                return outcome
            }
            let difference = abs(a - b)
            outcome.passed = difference <= tolerance * (1 + 1e-12)
            outcome.detail = "differ by \(StoredValue.format(difference))\(unit), tolerance ±\(StoredValue.format(tolerance))\(unit)"
        case .withinDays(let days):
            guard let a = value.date, let b = product.date else {
                outcome.detail = "not dates, cannot compare within ±\(StoredValue.format(days)) days"
                return outcome
            }
            let difference = abs(a.timeIntervalSince(b)) / 86400
            outcome.passed = difference <= days
            outcome.detail = "\(String(format: "%.2f", difference)) days apart, window ±\(StoredValue.format(days)) days"
        case .memberOf:
            guard case .list(let items) = product else {
                outcome.detail = "the product's \(c.productDescriptor) is not a list"
                return outcome
            }
            let text: String
            if case .string(let s) = value { text = s } else { text = value.text }
            outcome.passed = items.contains(text)
            outcome.detail = outcome.passed ? "listed" : "not listed"
        }
        return outcome
    }
}
