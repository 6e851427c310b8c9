import Config_VIS
import Foundation

/// Bias, dark, charge-injection and trap-pumping tests (VIS.md 3.2, 3.3.1, 3.3.2, 3.3.7, 3.3.10).
extension TestCatalog {
    func bias(_ name: String) -> TestDefinition {
        // BIAS02's class asks for rwd_bas_vs, but the campaign's diffBIAS02 asks for rwd_bas_v
        // and vison's diffvalues win (VIS.md 3.2).
        var b = name == "BIAS02"
            ? builder(name, ELVISScriptDefaults.readout("rwd_bas_vs"), testDiff: ELVISScriptDefaults.readout("rwd_bas_v"))
            : builder(name)
        b.add(10, "bias", .bias)
        return definition(name, family: "BIAS0X", summary: "Bias structure and read noise (10 bias frames, \(b.columns[0].readoutMode ?? ""))",
                          b, defaults: TestDefaults(offsetMethod: .median,
                                                    subtasks: ["check", "prep", "basic", "debugtask", "meta"]))
    }

    func dark() -> TestDefinition {
        var b = builder("DARK01")
        b.add(4, "dark 565 s", .dark, [.exptime: 565])
        var limits = TestLimits(performance: performance)
        limits.darkFluence = performance.darkFluence
        return definition("DARK01", family: "DARK01", summary: "Dark current and hot pixels (4 × 565 s, shutter closed)",
                          b, limits: limits, defaults: TestDefaults(subtasks: ["check", "prep", "meta"]))
    }

    /// Injection settings shared by CHINJ01/02: injection on, 30 lines on / 100 off, 60 µs pulses.
    private static let injection: [ExposureLogField: SettingValue] = [.chinj: 1, .chinj_on: 30, .chinj_of: 100, .id_wid: 60]

    /// The delays that select each half: 2.5 × toi_ch (bottom: E, F), 1.5 × toi_ch (top: G, H).
    private static func delays(toi: Double) -> [(delay: Double, quadrants: [Quadrant], ig1: [ExposureLogField])] {
        [(2.5 * toi, [.E, .F], ELVISScriptDefaults.ig1Bottom), (1.5 * toi, [.G, .H], ELVISScriptDefaults.ig1Top)]
    }

    private func injectionLimits(_ b: StructureBuilder) -> [String: InjectionExpectation] {
        var table: [String: InjectionExpectation] = [:]
        for column in b.columns where column.number(.chinj) == 1 {
            let toi = column.number(.toi_ch) ?? 1000
            guard let half = Self.delays(toi: toi).first(where: { abs($0.delay - (column.number(.id_dly) ?? 0)) < 1e-6 }) else { continue }
            table[column.label] = .expected(idl: column.number(.IDL) ?? 0, ig1: column.number(half.ig1[0]) ?? 0,
                                            ig2: column.number(.IG2_B) ?? 0, pulseWidth: column.number(.id_wid) ?? 0,
                                            quadrants: half.quadrants)
        }
        return table
    }

    func chargeInjection01() -> TestDefinition {
        var common = Self.injection.merging([.IDL: 11, .IDH: 18, .toi_ch: 500]) { $1 }
        common.merge(ELVISScriptDefaults.ig2(6.0)) { $1 }
        var b = builder("CHINJ01", common)
        // vison scans every IG1 at the first delay, then at the second.
        for half in Self.delays(toi: 500) {
            for step in 0..<18 {
                let ig1 = 2.5 + 0.25 * Double(step)
                b.add(1, "IG1 \(ig1) V, delay \(half.delay) µs", .chargeInjection,
                      ELVISScriptDefaults.ig1(ig1).merging([.id_dly: .number(half.delay)]) { $1 })
            }
        }
        var limits = TestLimits(performance: performance)
        limits.injectionLevel = injectionLimits(b)
        return definition("CHINJ01", family: "CHINJ01", summary: "Injection level against IG1 (2.5–6.75 V) at IDL 11 V, per half",
                          b, limits: limits, defaults: TestDefaults(subtasks: ["check", "prep", "basic", "meta", "debugtask"]))
    }

    func chargeInjection02() -> TestDefinition {
        var common = Self.injection.merging([.IDH: 18, .toi_ch: 500]) { $1 }
        common.merge(ELVISScriptDefaults.ig1(4.0)) { $1 }
        common.merge(ELVISScriptDefaults.ig2(6.0)) { $1 }
        var b = builder("CHINJ02", common)
        for half in Self.delays(toi: 500) {
            for step in 0..<13 {
                let idl = 9.5 + 0.25 * Double(step)
                b.add(1, "IDL \(idl) V, delay \(half.delay) µs", .chargeInjection, [.IDL: .number(idl), .id_dly: .number(half.delay)])
            }
        }
        var limits = TestLimits(performance: performance)
        limits.injectionLevel = injectionLimits(b)
        return definition("CHINJ02", family: "CHINJ02", summary: "Injection level against IDL (9.5–12.5 V) at IG1 4 V, per half",
                          b, limits: limits, defaults: TestDefaults(subtasks: ["check", "prep", "basic", "meta"]))
    }

    /// Pumping tests inject over the whole frame (2066 lines on, 0 off) with 5000 shuffles.
    private func pumpingCommon(idl: Double) -> [ExposureLogField: SettingValue] {
        var common: [ExposureLogField: SettingValue] = [.chinj: 1, .chinj_on: 2066, .chinj_of: 0, .id_wid: 60,
                                                        .IDL: .number(idl), .IDH: 18, .toi_ch: 250,
                                                        .v_tp_cnt: 5000, .s_tp_cnt: 5000]
        common.merge(ELVISScriptDefaults.ig1(4.0)) { $1 }
        common.merge(ELVISScriptDefaults.ig2(6.0)) { $1 }
        return common
    }

    func verticalPumping(_ name: String) -> TestDefinition {
        let idl = name == "TP11" ? 10.5 : 11.0
        var b = builder(name, pumpingCommon(idl: idl))
        for half in Self.delays(toi: 250) {
            b.add(1, "BGD, delay \(half.delay) µs", .verticalPumping, [.id_dly: .number(half.delay), .v_tpump: 0])
            for toi in [50.0, 200, 1000, 2000, 4000, 8000] {
                for mode in [123.0, 234, 341, 412] {
                    b.add(1, "TOI_TP \(Int(toi)) µs, mode \(Int(mode))", .verticalPumping,
                          [.id_dly: .number(half.delay), .v_tpump: 1, .toi_tp: .number(toi), .v_tp_mod: .number(mode)])
                }
            }
        }
        return definition(name, family: name, summary: "Vertical trap pumping (IDL \(idl) V): dipoles against TOI_TP and phase mode",
                          b, defaults: TestDefaults(subtasks: ["check", "prep", "injection", "extract", "basic", "meta"]))
    }

    func serialPumping(_ name: String) -> TestDefinition {
        let idl = name == "TP21" ? 10.5 : 11.0
        var common = pumpingCommon(idl: idl)
        common[.vend] = 100
        var b = builder(name, common)
        for half in Self.delays(toi: 250) {
            b.add(1, "BGD, delay \(half.delay) µs", .serialPumping, [.id_dly: .number(half.delay), .s_tpump: 0])
            for dwell in [0.0, 4.75, 14.3, 28.6] {
                for mode in [23.0, 31] {
                    b.add(1, "dwell \(dwell) µs, mode \(Int(mode))", .serialPumping,
                          [.id_dly: .number(half.delay), .s_tpump: 1, .dwell_s: .number(dwell), .s_tp_mod: .number(mode)])
                }
            }
        }
        return definition(name, family: name, summary: "Serial trap pumping (IDL \(idl) V, rows 0–100): dipoles against dwell time and mode",
                          b, defaults: TestDefaults(subtasks: ["check", "prep", "injection", "extract", "basic", "meta"]))
    }
}
