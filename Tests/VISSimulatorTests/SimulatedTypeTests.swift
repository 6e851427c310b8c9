import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS
import Testing
@testable import VISSimulator

/// vissim output through AstroData: every supported test's frames get the test's type, and with
/// sparse headers the descriptors come from the exposure log written beside them.
@Suite struct SimulatedTypeTests {
    @Test(arguments: PlanTests.supported)
    func everyFrameHasItsTestType(test: String) throws {
        try? VISConfiguration.register()
        let result = try Fixtures.simulate(test, frames: 1, seed: 4) { $0.sparseHeader = true }
        defer { Fixtures.discard(result) }
        let typeName = try #require(try TestCatalog(chamber: "CHAMBER_B_EINSTEIN").definition(test).typeName)
        for url in result.frames {
            let data = try AstroData.open(url.path)
            #expect(data.types.contains(typeName), "\(url.lastPathComponent): \(data.types)")
        }
        let last = try AstroData.open(try #require(result.frames.last).path)
        let truth = try #require(result.truth.frames.last)
        #expect(last.descriptor("test").values.first?.text == test)
        #expect(last.descriptor("exposure_time").values.first?.value == .double(truth.exposureTime),
                "\(last.descriptor("exposure_time"))")
        #expect(last.descriptor("exposure_time").values.first?.source.contains("EXPTIME") == false)
    }
}
