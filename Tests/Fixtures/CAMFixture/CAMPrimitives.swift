import AstroKit
import Foundation

/// Subtracts a constant level from every pixel.
public struct SubtractScalar: Primitive {
    public let name = "subtractScalar"
    public let summary = "Subtract a constant level from every pixel"
    public let parameters: [ParameterDeclaration] = [
        .real("value", default: 0, range: -1e6...1e6, doc: "Level to subtract, in ADU"),
    ]
    public init() {}
    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let value = Float(try parameters.double("value"))
        try context.transform { try $0 - value }
    }
}

/// Multiplies every pixel by a factor.
public struct Scale: Primitive {
    public let name = "scale"
    public let summary = "Multiply every pixel by a factor"
    public let parameters: [ParameterDeclaration] = [
        .real("factor", default: 1, range: 0...1000, doc: "Multiplier"),
    ]
    public init() {}
    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let factor = Float(try parameters.double("factor"))
        try context.transform { try $0 * factor }
    }
}

/// Combines the frames of the main stream pixel by pixel into one.
public struct StackFrames: Primitive {
    public let name = "stackFrames"
    public let summary = "Combine the frames pixel by pixel into one"
    public let parameters: [ParameterDeclaration] = [
        .choice("operation", default: "mean", choices: ["mean", "median"], doc: "How pixels are combined"),
        .text("suffix", default: "_stack", doc: "Added to the first frame's name"),
    ]
    public init() {}
    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let frames = context.stream()
        guard let first = frames.first else { throw CAMError.nothingToStack }
        let median = try parameters.string("operation") == "median"
        var pixels: [[Float]] = []
        for frame in frames {
            context.currentFile = frame.fileName
            let science = try frame.extensions[0].science()
            guard science.shape == first.extensions[0].shape else {
                throw CAMError.shapeMismatch(frame.fileName ?? frame.stem, science.shape, first.extensions[0].shape)
            }
            pixels.append(science.values)
        }
        let combined = (0..<pixels[0].count).map { i -> Float in
            let column = pixels.map { $0[i] }
            if median { let sorted = column.sorted(); return sorted[sorted.count / 2] }
            return column.reduce(0, +) / Float(column.count)
        }
        var stacked = first.renamed(first.stem + (try parameters.string("suffix")) + ".fits")
        stacked.extensions = [ScienceExtension(header: first.extensions[0].header,
                                               science: PixelArray(shape: first.extensions[0].shape, values: combined))]
        stacked.primaryHeader.set("NCOMBINE", .integer(frames.count))
        context.setStream("main", [stacked])
    }
}

/// Divides a flat by its mean (CAM_FLAT only).
public struct NormaliseFlat: Primitive {
    public let name = "normaliseFlat"
    public let summary = "Divide each flat by its mean level"
    public let parameters: [ParameterDeclaration] = []
    public init() {}
    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        try context.transform { flat in
            let values = try flat.extensions[0].science().values
            let mean = values.reduce(0, +) / Float(values.count)
            guard mean != 0 else { throw CAMError.zeroMean(flat.fileName ?? flat.stem) }
            return try flat / mean
        }
    }
}

/// Records each frame's mean in the ledger; the stream is unchanged.
public struct MeasureMean: Primitive {
    public let name = "measureMean"
    public let summary = "Record each frame's mean level in the ledger"
    public let parameters: [ParameterDeclaration] = [.text("table", default: "means", doc: "Ledger table")]
    public init() {}
    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let table = try parameters.string("table")
        try context.measure { frame in
            for (index, ext) in frame.extensions.enumerated() {
                let values = try ext.science().values
                let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
                context.ledger.record(table, keys: ["file": frame.stem, "extension": String(index + 1)], values: ["mean": mean])
            }
        }
    }
}

/// Fails on a frame whose mean is above a maximum (a compliance check that stops the run).
public struct CheckLevel: Primitive {
    public let name = "checkLevel"
    public let summary = "Stop the run when a frame's mean exceeds a maximum"
    public let parameters: [ParameterDeclaration] = [
        .real("maximum", default: 60000, range: 0...1e9, doc: "Highest acceptable mean, in ADU"),
    ]
    public init() {}
    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let maximum = try parameters.double("maximum")
        try context.measure { frame in
            let values = try frame.extensions[0].science().values
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
            let passed = mean <= maximum
            context.compliance.append(ComplianceResult(name: "level \(frame.stem)", passed: passed,
                                                       detail: "mean \(mean) ADU, maximum \(maximum)"))
            if !passed { throw CAMError.levelTooHigh(mean: mean, maximum: maximum) }
        }
    }
}

/// Waits CAM_PAUSE_SECONDS seconds (0 when unset): makes a step slow enough to interrupt.
public struct Pause: Primitive {
    public let name = "pause"
    public let summary = "Wait CAM_PAUSE_SECONDS seconds (for interruption tests)"
    public let parameters: [ParameterDeclaration] = []
    public init() {}
    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let seconds = Double(ProcessInfo.processInfo.environment["CAM_PAUSE_SECONDS"] ?? "") ?? 0
        if seconds > 0 {
            context.log.info("pausing \(seconds) s")
            Thread.sleep(forTimeInterval: seconds)
        }
    }
}

public enum CAMError: Error, CustomStringConvertible {
    case nothingToStack
    case shapeMismatch(String, [Int], [Int])
    case zeroMean(String)
    case levelTooHigh(mean: Double, maximum: Double)

    public var description: String {
        switch self {
        case .nothingToStack: return "the main stream is empty: there is nothing to stack"
        case .shapeMismatch(let file, let a, let b): return "\(file) has shape \(a), the first frame \(b)"
        case .zeroMean(let file): return "\(file) has a mean of zero and cannot be normalised"
        case .levelTooHigh(let mean, let maximum): return "the mean level \(mean) ADU is above the maximum \(maximum) ADU"
        }
    }
}
