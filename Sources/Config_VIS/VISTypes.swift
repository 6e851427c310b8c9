import AstroKit

/// Type definitions of the VIS configuration: raw frames, their acquisition kinds and campaign
/// tests, processed products and FPA LE1 frames.
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

    /// Settings read from the header, else the exposure log (``VISConfiguration/classificationDescriptors``).
    /// A missing flag counts as off: 5.7.x logs have no pumping columns.
    static let noInjection: Requirement = !.descriptor("chinj", .equals(1))
    static let noPumping: Requirement = !.descriptor("v_tpump", .equals(1)) && !.descriptor("s_tpump", .equals(1))
    static let exposed: Requirement = .descriptor("exposure_time", .greaterThan(0))
    static let darkNamed: Requirement = .descriptor("test", .matches("(?i)dark"))

    /// What the frame's settings say it is, for frames of no campaign test (the 5.7 sample's
    /// "Test", engineering frames). The seven are mutually exclusive.
    static func settings(_ kind: VISAcquisition) -> Requirement {
        switch kind {
        case .bias: return .descriptor("exposure_time", .equals(0)) && noInjection && noPumping
        case .dark: return exposed && noInjection && noPumping && darkNamed
        case .flat: return exposed && noInjection && noPumping && !darkNamed && .descriptor("source", .matches("(?i)^flat"))
        case .pointSource: return exposed && noInjection && noPumping && !darkNamed && .descriptor("source", .matches("(?i)^point"))
        case .chargeInjection: return .descriptor("chinj", .equals(1)) && noPumping
        case .verticalPumping: return .descriptor("v_tpump", .equals(1)) && !.descriptor("s_tpump", .equals(1))
        case .serialPumping: return .descriptor("s_tpump", .equals(1)) && !.descriptor("v_tpump", .equals(1))
        }
    }

    /// A campaign test's frames take the kind of their test, whatever each frame's own
    /// settings (NL02's 0 s background frames are part of a flat test; PERSIST01's biases
    /// belong to no kind), so no frame of a campaign test gets two unrelated leaves. Other
    /// frames are typed by their settings.
    static func acquisition(_ kind: VISAcquisition) -> Requirement {
        .descriptor("test_acquisition", .equals(kind.rawValue))
            || (.descriptor("test_acquisition", .equals("none")) && settings(kind))
    }

    static let productKinds: [(name: String, proctype: String, usage: String)] = [
        ("VIS_MASTER_BIAS", "BIAS", "A VIS master bias (PROCTYPE = 'BIAS')"),
        ("VIS_MASTER_DARK", "DARK", "A VIS master dark (PROCTYPE = 'DARK')"),
        ("VIS_MASTER_FLAT", "FLAT", "A VIS master flat (PROCTYPE = 'FLAT')"),
        ("VIS_DEFECT_MASK", "MASK", "A VIS defect (cosmetics) mask (PROCTYPE = 'MASK')"),
    ]

    /// LE1 quadrant extension names: '<slice>-<ccd>.<Q>', e.g. '3-4.E'.
    static let le1Extension = #"^[1-6]-[1-6]\.[EFGH]$"#

    static let definitions: [TypeDefinition] = {
        var list = [
            TypeDefinition(name: "VIS", parent: nil, usage: "A raw Euclid VIS CCD frame (one ROE1_CCDn image extension)",
                           family: .instrument, requirement: raw),
        ]
        for kind in VISAcquisition.allCases {
            list.append(.instrument(kind.typeName, parent: "VIS", usage: kind.usage, requires: acquisition(kind)))
        }
        for test in VISCampaign.tests {
            list.append(.instrument(VISCampaign.typeName(ofTest: test.name), parent: test.acquisition?.typeName ?? "VIS",
                                    usage: "A frame of the VIS campaign test \(test.name)",
                                    requires: .descriptor("test", .equals(test.name))))
        }
        // Products: the status family already says PROCESSED_BIAS...; these say "of VIS".
        list.append(.instrument("VIS_PRODUCT", usage: "A VIS calibration product (INSTRUME = 'VIS' and PROCTYPE set)",
                                requires: .primary("INSTRUME", .equals("VIS")) && .primary("PROCTYPE", .present)))
        for product in productKinds {
            list.append(.instrument(product.name, parent: "VIS_PRODUCT", usage: product.usage,
                                    requires: .primary("PROCTYPE", .equals(product.proctype))))
        }
        list.append(.instrument("VIS_GAIN_TABLE", parent: "VIS_PRODUCT",
                                usage: "A VIS gain table (PROCTYPE = 'TABLE', TABLETYP = 'GAIN')",
                                requires: .primary("PROCTYPE", .equals("TABLE")) && .primary("TABLETYP", .equals("GAIN"))))
        list.append(.instrument("VIS_READ_NOISE_TABLE", parent: "VIS_PRODUCT",
                                usage: "A VIS read-noise table from a bias test (PROCTYPE = 'TABLE', TABLETYP = 'READNOISE')",
                                requires: .primary("PROCTYPE", .equals("TABLE")) && .primary("TABLETYP", .equals("READNOISE"))))
        list.append(.instrument("VIS_LE1", usage: "A VIS focal-plane LE1 frame: one extension per quadrant, EXTNAME '<slice>-<ccd>.<Q>'",
                                requires: .all([.primary("NAXIS", .equals(0)), .extensionCount(.atLeast, 1),
                                                .everyExtension("EXTNAME", .matches(le1Extension)),
                                                .everyExtension("PRESCANX", .present),
                                                .everyExtension("OVRSCANX", .present)])))
        return list
    }()
}
