/// The kinds of acquisition a VIS ground-calibration frame can be, each with its type name.
///
/// The type tree (``VISTypes``) and the test definitions (Recipes_VIS) both use this list, so a
/// test's type always sits under the acquisition type its definition declares.
public enum VISAcquisition: String, CaseIterable, Sendable, Codable {
    case bias, dark, flat, pointSource, chargeInjection, verticalPumping, serialPumping

    /// The type name, e.g. `VIS_BIAS`.
    public var typeName: String {
        switch self {
        case .bias: return "VIS_BIAS"
        case .dark: return "VIS_DARK"
        case .flat: return "VIS_FLAT"
        case .pointSource: return "VIS_POINT"
        case .chargeInjection: return "VIS_CHINJ"
        case .verticalPumping: return "VIS_VTPUMP"
        case .serialPumping: return "VIS_STPUMP"
        }
    }

    public var usage: String {
        switch self {
        case .bias: return "A VIS bias frame: no exposure, no charge injection, no trap pumping"
        case .dark: return "A VIS dark frame: a closed-shutter exposure"
        case .flat: return "A VIS flat-field frame: an exposure to the flat (uniform) source"
        case .pointSource: return "A VIS point-source frame: an exposure to the spot-pattern source"
        case .chargeInjection: return "A VIS charge-injection frame (chinj = 1)"
        case .verticalPumping: return "A VIS vertical (parallel) trap-pumping frame (v_tpump = 1)"
        case .serialPumping: return "A VIS serial trap-pumping frame (s_tpump = 1)"
        }
    }
}

/// The campaign tests of VIS.md 3.2, by the name the exposure log's `test` column carries.
///
/// A test belongs to one acquisition kind when all its frames are of that kind or are the
/// kind's background/stability frames (NL02's 0 s frames, TP01's unpumped injection frames).
/// PERSIST01, MOT_WARM and COSMETICS00 mix kinds on purpose (bias, dark, flat, point...), so
/// their types sit directly under `VIS`: putting them under one kind would call their bias
/// frames flats. BF01 and its variants have no frames of their own (they re-analyse the PTC
/// frames, whose log says PTC01 / PTC02_<λ>), so they have no type.
public enum VISCampaign {
    public static let wavelengthsFLAT02 = [590, 730, 880]
    public static let wavelengthsPTC02 = [590, 730, 880]
    public static let wavelengthsFOCUS = [590, 730, 800, 880]
    public static let wavelengthsPSF01 = [590, 730, 800, 880]
    public static let wavelengthsPSFLUX = [590, 730, 800, 880, 0]
    /// The first FLATFLUX00 block of vison's campaign (flat source); see Recipes_VIS.
    public static let wavelengthsFLATFLUX = [590, 2000, 730, 800, 880, 0]

    /// Every test name with its acquisition kind (nil: a mixed test, typed directly under VIS).
    public static let tests: [(name: String, acquisition: VISAcquisition?)] = {
        var list: [(String, VISAcquisition?)] = [
            ("BIAS01", .bias), ("BIAS02", .bias), ("DARK01", .dark),
            ("CHINJ01", .chargeInjection), ("CHINJ02", .chargeInjection),
            ("TP01", .verticalPumping), ("TP11", .verticalPumping),
            ("TP02", .serialPumping), ("TP21", .serialPumping),
            ("FLAT01", .flat),
        ]
        list += wavelengthsFLAT02.map { ("FLAT02_\($0)", .flat) }
        list += [("FLAT_STB", .flat), ("PTC01", .flat)]
        list += wavelengthsPTC02.map { ("PTC02_\($0)", .flat) }
        list += ["148K", "158K", "155R", "160R", "165R"].map { ("PTC02_\($0)", .flat) }
        list += [("NL01", .flat), ("NL02", .flat)]
        list += ["155R", "160R", "165R"].map { ("NL02_\($0)", .flat) }
        list += wavelengthsFLATFLUX.map { ("FLATFLUX00_\($0)", .flat) }
        list += wavelengthsFOCUS.map { ("FOCUS00_\($0)", .pointSource) }
        list += wavelengthsPSF01.map { ("PSF01_\($0)", .pointSource) }
        list += ["148K", "158K"].map { ("PSF02_\($0)", .pointSource) }
        list += wavelengthsPSFLUX.map { ("PSFLUX00_\($0)", .pointSource) }
        list += [("PERSIST01", nil), ("MOT_WARM", nil), ("COSMETICS00", nil)]
        return list
    }()

    /// Tests that take the frames of another test (vison's `surrogate`), with that test's name.
    public static let surrogates: [String: String] = {
        var table = ["BF01": "PTC01"]
        for w in wavelengthsPTC02 { table["BF01_\(w)"] = "PTC02_\(w)" }
        return table
    }()

    public static var testNames: [String] { tests.map(\.name) }

    public static func acquisition(ofTest name: String) -> VISAcquisition? {
        tests.first { $0.name == name }?.acquisition
    }

    /// The type name of a test's frames, e.g. `VIS_PTC01`.
    public static func typeName(ofTest name: String) -> String { "VIS_\(name)" }
}
