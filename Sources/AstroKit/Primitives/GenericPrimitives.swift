/// AstroKit's primitives for any data: stream bookkeeping and writing. Every primitive set
/// inherits them; an instrument may override any of them by name.
///
/// ```text
/// showInputs
/// addToList(purpose=forStack)
/// getList(purpose=forStack)
/// writeOutputs(suffix="_prepared")
/// ```
public enum GenericPrimitives {
    public static let all: [any Primitive] = [ShowInputs(), WriteOutputs(), AddToList(), GetList(), ClearStream()]
}

/// Logs the datasets of a stream with their types.
public struct ShowInputs: Primitive {
    public let name = "showInputs"
    public let summary = "List the datasets of a stream with their types"
    public let parameters: [ParameterDeclaration] = [.text("stream", default: "main", doc: "Stream to list")]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let stream = try parameters.string("stream")
        let datasets = context.stream(stream)
        context.log.info("\(datasets.count) dataset(s) in stream \(stream):")
        for dataset in datasets {
            context.log.info("  \(dataset.fileName ?? dataset.stem)  \(dataset.types.joined(separator: ", "))")
        }
    }
}

/// Writes the datasets of a stream as products named `<stem><suffix>.fits`.
public struct WriteOutputs: Primitive {
    public let name = "writeOutputs"
    public let summary = "Write the datasets of a stream as products, with a suffix"
    public let parameters: [ParameterDeclaration] = [
        .text("suffix", default: "", doc: "Text added to each file name before .fits"),
        .text("stream", default: "main", doc: "Stream to write"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let suffix = try parameters.string("suffix")
        try context.measure(try parameters.string("stream")) { dataset in
            try context.writeProduct(dataset, name: "\(dataset.stem)\(suffix).fits", summary: "written by writeOutputs")
        }
    }
}

/// Keeps the datasets of a stream in a list for later (e.g. to stack frames of several runs).
public struct AddToList: Primitive {
    public let name = "addToList"
    public let summary = "Add the datasets of a stream to the list kept for a purpose"
    public let parameters: [ParameterDeclaration] = [
        .text("purpose", default: "list", doc: "Name of the list"),
        .text("stream", default: "main", doc: "Stream whose datasets are added"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        context.addToList(try parameters.string("purpose"), context.stream(try parameters.string("stream")))
    }
}

/// Puts the datasets of a list into a stream, replacing the stream's contents.
public struct GetList: Primitive {
    public let name = "getList"
    public let summary = "Replace a stream with the datasets kept in a list"
    public let parameters: [ParameterDeclaration] = [
        .text("purpose", default: "list", doc: "Name of the list"),
        .text("stream", default: "main", doc: "Stream that receives the datasets"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let purpose = try parameters.string("purpose")
        let datasets = context.getList(purpose)
        guard !datasets.isEmpty else { throw BookkeepingError.emptyList(purpose, known: context.lists.keys.sorted()) }
        context.setStream(try parameters.string("stream"), datasets)
    }
}

/// Empties a stream.
public struct ClearStream: Primitive {
    public let name = "clearStream"
    public let summary = "Remove every dataset from a stream"
    public let parameters: [ParameterDeclaration] = [.text("stream", default: "main", doc: "Stream to empty")]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let stream = try parameters.string("stream")
        if stream == "main" { context.setStream("main", []) } else { context.clearStream(stream) }
    }
}

public enum BookkeepingError: Error, Sendable, CustomStringConvertible {
    case emptyList(String, known: [String])

    public var description: String {
        switch self {
        case .emptyList(let purpose, let known):
            let lists = known.isEmpty ? "no list has been filled yet" : "the filled lists are " + known.joined(separator: ", ")
            return "the list '\(purpose)' is empty (\(lists)); call addToList(purpose=\(purpose)) before getList"
        }
    }
}
