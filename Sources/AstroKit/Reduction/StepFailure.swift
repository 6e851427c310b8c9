/// A step that failed while running: names the step, the recipe line that called it and the
/// file being processed.
///
/// ```text
/// step subtractScalar (recipes/CAM/prepareFlats.recipe:3) failed on flat2.fits: ...
/// ```
public struct StepFailure: Error, CustomStringConvertible {
    public var step: String
    public var location: SourceLocation?
    public var file: String?
    public var underlying: any Error

    public init(step: String, location: SourceLocation?, file: String?, underlying: any Error) {
        self.step = step
        self.location = location
        self.file = file
        self.underlying = underlying
    }

    public var description: String {
        let place = location.map { " (\($0.fileAndLine))" } ?? ""
        let subject = file.map { " on \($0)" } ?? ""
        return "step \(step)\(place) failed\(subject): \(underlying)"
    }
}

/// A `--from` or `--until` that the plan cannot honour.
public enum RunRangeError: Error, Sendable, CustomStringConvertible {
    case unknownStep(option: String, value: String, steps: [String], suggestion: String?)
    case emptyRange(from: String, until: String)
    case noCheckpoint(step: String, previous: String)

    public var description: String {
        switch self {
        case .unknownStep(let option, let value, let steps, let suggestion):
            let hint = suggestion.map { "did you mean '\($0)'? " } ?? ""
            return "\(option) \(value): the plan has no top-level step of that name or number; \(hint)its steps are "
                + steps.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ")
        case .emptyRange(let from, let until):
            return "--from \(from) comes after --until \(until): nothing would run"
        case .noCheckpoint(let step, let previous):
            return "--from \(step) needs the checkpoint of the step before it (\(previous)); run without --from, or with --until \(previous), first"
        }
    }

    static func index(of value: String, option: String, in steps: [PlanNode]) throws(RunRangeError) -> Int {
        if let number = Int(value), steps.indices.contains(number - 1) { return number - 1 }
        if let index = steps.firstIndex(where: { $0.name == value }) { return index }
        throw .unknownStep(option: option, value: value, steps: steps.map(\.name),
                           suggestion: Suggestion.closest(to: value, in: steps.map(\.name)))
    }
}
