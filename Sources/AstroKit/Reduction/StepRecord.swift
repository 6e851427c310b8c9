import Foundation

/// One primitive run of a reduction: its number in the recipe tree ("3.2"), name, where the
/// recipe calls it, the parameters it ran with, when it started and how long it took.
///
/// ```swift
/// for step in context.steps { print(step.number, step.primitive, step.parameters, step.seconds) }
/// ```
public struct StepRecord: Sendable, Hashable, Codable {
    public var number: String
    public var primitive: String
    /// `file:line` of the recipe call (nil when the primitive was run on its own).
    public var location: String?
    /// `name=value, ...` as run.
    public var parameters: String
    public var started: Date
    public var seconds: Double

    public init(number: String, primitive: String, location: String?, parameters: String, started: Date, seconds: Double) {
        self.number = number
        self.primitive = primitive
        self.location = location
        self.parameters = parameters
        self.started = started
        self.seconds = seconds
    }
}
