import AstroKit

/// Type definitions of the VIS configuration.
enum VISTypes {
    /// A raw VIS CCD file: an empty primary HDU and one unsigned 16-bit image extension named
    /// ROE<n>_CCD<n>, campaign-sized (4238 x 4172 or 4238 x 4132) or carrying its own geometry
    /// keywords (NCOLQUAD...), identified by a VIS file name or an OBSID keyword.
    static let raw: Requirement = .all([
        .primary("NAXIS", .equals(0)),
        .extensionCount(.equal, 1),
        .everyExtension("EXTNAME", .matches(#"^ROE[0-9]_CCD[1-3]$"#)),
        .everyExtension("BITPIX", .equals(16)),
        .everyExtension("BZERO", .equals(32768)),
        .any([
            .all([.everyExtension("NAXIS1", .equals(4238)),
                  .everyExtension("NAXIS2", .oneOf(["4172", "4132"]))]),
            .everyExtension("NCOLQUAD", .present),
        ]),
        .any([.fileName(matches: VISFileName.pattern), .anyExtension("OBSID", .present), .primary("OBSID", .present)]),
    ])

    static let definitions: [TypeDefinition] = [
        TypeDefinition(name: "VIS", parent: nil, usage: "A raw Euclid VIS CCD frame (one ROE1_CCDn image extension)",
                       family: .instrument, requirement: raw),
    ]
}
