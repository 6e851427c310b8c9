import AstroKit
import Foundation

/// Descriptors of FPA LE1 frames, whose extensions are single quadrants named
/// '<slice>-<ccd>.<Q>' (VIS.md 1.2).
enum VISLE1Descriptors {
    static let definitions: [DescriptorDefinition] = [
        .init("quadrant", .string, scope: .perExtension, summary: "Quadrant (E, F, G or H) an LE1 extension holds"),
        .init("fpa_position", .string, scope: .perExtension, summary: "Focal-plane position '<slice>-<ccd>' of an LE1 extension's CCD"),
    ]

    static let providers: [DescriptorProvider] = [
        DescriptorProvider("quadrant") { (context) throws(DescriptorFailure) -> ResolvedValue in
            let (_, quadrant) = try parts(context)
            return ResolvedValue(.string(quadrant), source: "extension EXTNAME")
        },
        DescriptorProvider("fpa_position") { (context) throws(DescriptorFailure) -> ResolvedValue in
            let (position, _) = try parts(context)
            return ResolvedValue(.string(position), source: "extension EXTNAME")
        },
    ]

    /// '3-4.E' → ("3-4", "E").
    static func parts(_ context: DescriptorContext) throws(DescriptorFailure) -> (String, String) {
        guard let index = context.extensionIndex, let name = context.dataset.extensions[index].name else {
            throw .other("the extension has no EXTNAME")
        }
        let pieces = name.split(separator: ".")
        guard pieces.count == 2, ["E", "F", "G", "H"].contains(String(pieces[1])) else {
            throw .badValue(keyword: "EXTNAME", value: name, expected: "'<slice>-<ccd>.<Q>'")
        }
        return (String(pieces[0]), String(pieces[1]))
    }
}
