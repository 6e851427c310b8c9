import AstroKit
import Foundation

/// CAM, a fictitious camera for the recipe-system tests: three types, a few primitives doing
/// real pixel work, and a recipe folder found from this source file (whatever the working
/// directory).
public struct CAMConfiguration: ConfigurationModule {
    public init() {}

    public static func register(in registry: ConfigurationRegistry = .shared) throws {
        try registry.register(CAMConfiguration())
    }

    public var name: String { "CAM" }

    public var types: [TypeDefinition] { Self.typeDefinitions }

    public static let typeDefinitions: [TypeDefinition] = [
        .instrument("CAM", usage: "Any CAM frame", requires: .primary("INSTRUME", .equals("CAM"))),
        .instrument("CAM_FLAT", parent: "CAM", usage: "CAM flat field", requires: .primary("OBSTYPE", .equals("FLAT"))),
        .instrument("CAM_BIAS", parent: "CAM", usage: "CAM bias frame", requires: .primary("OBSTYPE", .equals("BIAS"))),
    ]

    public var recipeFolders: [URL] { [Self.recipesFolder] }

    public static var recipesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("recipes")
    }

    public var primitiveSets: [PrimitiveSet] { Self.primitiveSets }

    public static let primitiveSets: [PrimitiveSet] = [
        PrimitiveSet(type: "CAM", [SubtractScalar(), Scale(), StackFrames(), MeasureMean(), CheckLevel(), Pause()]),
        PrimitiveSet(type: "CAM_FLAT", [NormaliseFlat()]),
    ]
}

/// Writes small CAM frames for tests: `width` x `height` pixels in the primary HDU, every
/// pixel `level + x` so that frames differ and statistics are easy to predict.
public enum CAMFrames {
    @discardableResult
    public static func write(_ folder: URL, name: String, obstype: String, level: Float,
                             width: Int = 8, height: Int = 6) throws -> String {
        var header = FITSHeader()
        header.set("INSTRUME", .string("CAM"))
        header.set("OBSTYPE", .string(obstype))
        header.set("EXPTIME", .real(10))
        let pixels = (0..<(width * height)).map { level + Float($0 % width) }
        let path = folder.appendingPathComponent(name).path
        try FITSWriter.write(to: path, overwrite: true) { writer in
            try writer.addImage(pixels, shape: [width, height], header: header)
        }
        return path
    }
}
