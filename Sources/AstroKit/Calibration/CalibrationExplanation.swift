import Foundation

extension CalibrationSelection {
    /// Every candidate and every criterion, passed or failed, with both values and the
    /// tolerance, then which candidate won and why (`caldb explain`).
    ///
    /// ```text
    /// processed_bias for EUC_191_..._CCD1.fits: rule VIS_MASTER_BIAS for VIS, database out/caldb.sqlite
    ///   order: closest in time, then newest processing
    ///   dataset ccd_serial = '14173-14-01' (primary header SN_CCD1)
    /// candidate 1: /out/bias_a.fits [chosen]
    ///   pass  ccd_serial: dataset '14173-14-01', product '14173-14-01': equal
    ///   FAIL  ccd_temperature_top: dataset -120, product -116.5: differ by 3.5 K, tolerance ±2 K
    ///   file: checksum verified
    /// chosen: bias_a.fits, because ...
    /// ```
    public var explanation: String {
        var lines = ["\(rule.kind) for \(datasetName): rule \(rule.productType) for \(rule.appliesTo), database \(database)"]
        lines.append("  order: " + rule.ordering.map(\.rawValue).joined(separator: ", then "))
        for entry in datasetValues {
            switch entry.value {
            case .success(let v): lines.append("  dataset \(entry.name) = \(v.text) (\(entry.source))")
            case .failure(let f): lines.append("  dataset \(entry.name): none (\(f.description))")
            }
        }
        if candidates.isEmpty { lines.append("no \(rule.productType) is stored") }
        let winner = chosen
        for (index, candidate) in candidates.enumerated() {
            let mark = candidate.record.path == winner?.record.path ? " [chosen]" : ""
            lines.append("candidate \(index + 1): \(candidate.record.path)\(mark)")
            lines.append("  processed \(StoredValue.dateText(candidate.record.processed)) (\(candidate.record.processedSource)), "
                         + "recipe \(candidate.record.recipe ?? "not recorded")" + Self.timeText(candidate))
            for outcome in candidate.outcomes {
                let dataset = outcome.datasetValue?.text ?? "none"
                let product = outcome.productValue?.text ?? "none"
                lines.append("  \(outcome.passed ? "pass" : "FAIL")  \(outcome.criterion.summary): dataset \(dataset), product \(product): \(outcome.detail)")
            }
            lines.append("  file: \(candidate.integrity.text)")
        }
        lines.append(verdict)
        return lines.joined(separator: "\n")
    }

    /// One sentence: the winner and why, or why there is none with the closest near misses.
    public var verdict: String {
        guard let winner = chosen else { return failureSentence }
        let others = candidates.filter { $0.isUsable && $0.record.path != winner.record.path }
        var reason = "passes all \(winner.outcomes.count) criteria and its file is intact"
        if let runnerUp = others.first {
            reason += "; it beats \(runnerUp.record.fileName) on " + decidingKey(winner, runnerUp)
        } else {
            reason += "; it is the only candidate that does"
        }
        return "chosen: \(winner.record.fileName), because it \(reason)"
    }

    /// Why no calibration was returned, naming the closest near misses (at most three).
    public var failureSentence: String {
        let stored = candidates.count
        if stored == 0 {
            return "no \(rule.kind) for \(datasetName): the database \(database) holds no \(rule.productType)"
        }
        let misses = candidates.prefix(3).map { candidate -> String in
            var reasons = candidate.failures.map { o in
                "\(o.criterion.descriptor) \(o.datasetValue?.text ?? "none") vs \(o.productValue?.text ?? "none"): \(o.detail)"
            }
            if candidate.passesCriteria { reasons.append(candidate.integrity.text) }
            return "\(candidate.record.fileName) (\(reasons.joined(separator: "; ")))"
        }
        return "no \(rule.kind) for \(datasetName) among the \(stored) \(rule.productType) in \(database); closest near misses: "
            + misses.joined(separator: ", ")
    }

    func decidingKey(_ a: CandidateJudgement, _ b: CandidateJudgement) -> String {
        for key in rule.ordering {
            switch key {
            case .closestInTime:
                let x = a.timeDistance ?? .infinity, y = b.timeDistance ?? .infinity
                if x != y { return "time: \(Self.days(x)) from the data against \(Self.days(y))" }
            case .newestProcessing:
                if a.record.processed != b.record.processed {
                    return "processing time: \(StoredValue.dateText(a.record.processed)) against \(StoredValue.dateText(b.record.processed))"
                }
            }
        }
        return "path order (the ordering keys tie)"
    }

    static func timeText(_ c: CandidateJudgement) -> String {
        c.timeDistance.map { ", \(days($0)) from the data" } ?? ""
    }

    static func days(_ seconds: TimeInterval) -> String {
        seconds.isFinite ? String(format: "%.2f days", seconds / 86400) : "unknown time"
    }
}

/// Why a calibration look-up could not return one.
public enum CalibrationLookupError: Error, Sendable, CustomStringConvertible {
    /// The rule applies but no stored calibration passes it with an intact file.
    case noMatch(String)
    /// No rule of this kind serves the dataset's types.
    case notApplicable(kind: String, dataset: String, types: [String], wanted: [String])

    public var description: String {
        switch self {
        case .noMatch(let sentence): return sentence
        case .notApplicable(let kind, let dataset, let types, let wanted):
            return "no \(kind) rule serves \(dataset): its types are \(types.joined(separator: ", ")), "
                + "the rules serve \(wanted.joined(separator: ", "))"
        }
    }
}
