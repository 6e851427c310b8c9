import Foundation
import VISSimulator

extension VISRun {
    /// Simulates `test` on small frames of CCD1 into `data/` as `simulate` does, with optional
    /// physics (e.g. non-linearity), and returns the plan too: its detector model (PRNU map key,
    /// gains) and exposures (actual illumination times) are the truth the flat and NL tests
    /// compare with.
    func simulatePlanned(_ test: String, frames: Int, seed: UInt64, physics: PhysicsOptions = PhysicsOptions())
        throws -> (result: SimulationResult, plan: SimulationPlan) {
        var request = SimulationRequest(test: test, outputDirectory: data)
        request.size = .small
        request.ccds = [1]
        request.framesPerLevel = frames
        request.seed = seed
        request.block = "EINSTEIN"
        request.physics = physics
        return (try Simulator.run(request), try Simulator.plan(request))
    }
}
