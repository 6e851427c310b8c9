import Config_VIS
import Foundation
import Recipes_VIS
import Testing
@testable import VISSimulator

/// The structure of a run comes from the test definition, so its log passes structure validation.
@Suite struct PlanTests {
    static let supported = ["BIAS01", "BIAS02", "DARK01", "FLAT01", "FLAT02_730", "PTC01", "PTC02_590", "NL02", "COSMETICS00"]

    @Test(arguments: supported)
    func aFullSizePlanValidatesAgainstItsDefinition(test: String) throws {
        let plan = try Simulator.plan(SimulationRequest(test: test, outputDirectory: Fixtures.folder("plan")))
        #expect(plan.exposures.count == plan.definition.frameCount)
        #expect(plan.rows.count == 3 * plan.definition.frameCount)
        let validation = StructureValidator(definition: plan.definition, chamber: plan.chamber).validate(plan.rows)
        #expect(validation.consistent, "\(validation.messages.prefix(5))")
        // ObsIDs increase and the clock advances by the campaign cadence.
        let obsids = plan.exposures.map(\.obsid)
        #expect(obsids == Array(1000..<(1000 + obsids.count)))
        for (a, b) in zip(plan.exposures, plan.exposures.dropFirst()) {
            #expect(abs(b.date.timeIntervalSince(a.date) - TestDefinition.cadence(of: a.column)) < 1e-3)
        }
    }

    @Test func framesPerLevelChangesOnlyTheCounts() throws {
        var request = SimulationRequest(test: "PTC01", outputDirectory: Fixtures.folder("plan"))
        request.framesPerLevel = 2
        request.ccds = [2]
        let plan = try Simulator.plan(request)
        #expect(plan.exposures.count == 2 * plan.definition.columns.count)
        #expect(plan.rows.allSatisfy { $0.ccd == 2 && $0.test == "PTC01" && $0.filterPosition == 4 })
        let times = Set(plan.exposures.map(\.column.exposureTime))
        #expect(times.count == 11)
    }

    @Test func smallFramesLogTheirOwnWindow() throws {
        var request = SimulationRequest(test: "BIAS01", outputDirectory: Fixtures.folder("plan"))
        request.size = .small
        let plan = try Simulator.plan(request)
        #expect(plan.rows.allSatisfy { $0.vstart == 0 && $0.vend == 278 })
    }

    @Test func unsupportedAcquisitionsAreRefusedWithTheReason() {
        #expect(throws: SimulationError.unsupportedAcquisition(test: "CHINJ01", column: "col001", acquisition: "chargeInjection")) {
            try Simulator.plan(SimulationRequest(test: "CHINJ01", outputDirectory: Fixtures.folder("plan")))
        }
        var request = SimulationRequest(test: "BIAS01", outputDirectory: Fixtures.folder("plan"))
        request.ccds = [4]
        #expect(throws: SimulationError.invalidCCD(4)) { try Simulator.plan(request) }
    }
}

extension PlanTests {
    /// Small frames read 278 rows per quadrant, so their logs say vend = 278; validation against
    /// the campaign structure reports exactly that and nothing else.
    @Test func aSmallPlanDiffersFromItsDefinitionOnlyInTheWindow() throws {
        var request = SimulationRequest(test: "PTC01", outputDirectory: Fixtures.folder("plan"))
        request.size = .small
        let plan = try Simulator.plan(request)
        let validation = StructureValidator(definition: plan.definition, chamber: plan.chamber).validate(plan.rows)
        #expect(!validation.findings.isEmpty)
        #expect(validation.findings.allSatisfy { $0.field == .vend }, "\(validation.messages.prefix(3))")
    }
}
