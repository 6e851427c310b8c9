import AstroKit
import Config_VIS
import Foundation
@testable import Recipes_VIS
import Testing
import VISSimulator

/// The streamed, buffer-reusing reads of ``VISFrame`` and ``ScanStatistics`` against the
/// whole-frame path they replace, on small simulated frames written to FITS.
@Suite struct FrameReadingTests {
    static func frames() throws -> [VISFrame] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("frame-reading-\(ProcessInfo.processInfo.processIdentifier)")
        var request = SimulationRequest(test: "BIAS01", outputDirectory: folder)
        request.size = .small
        request.ccds = [1]
        request.framesPerLevel = 2
        request.seed = 21
        request.block = "EINSTEIN"
        let result = try Simulator.run(request)
        let registry = ConfigurationRegistry()
        try registry.register(VISConfiguration())
        return try result.frames.map { try VISFrame(AstroData.open($0.path, registry: registry)) }
    }

    @Test func streamedQuadrantsEqualTheWholeFrameOnes() throws {
        let frames = try Self.frames()
        #expect(frames.count == 2)
        var quadrants: [PixelArray<Float>] = [], band: [Float] = []
        for frame in frames {
            // The second frame lands in the first one's buffers.
            try frame.readCanonicalQuadrants(into: &quadrants, band: &band)
            let whole = try frame.read()
            for (index, q) in Quadrant.allCases.enumerated() {
                #expect(quadrants[index] == frame.geometry.canonicalQuadrant(q, of: whole), "\(frame.fileName) \(q)")
            }
        }
    }

    @Test func reusedWorkspaceGivesTheSameStatistics() throws {
        let frames = try Self.frames()
        let state = VISRunState()
        var workspace = ScanStatistics.Workspace()
        var quadrants: [PixelArray<Float>] = [], band: [Float] = []
        for frame in frames {
            try frame.readCanonicalQuadrants(into: &quadrants, band: &band)
            for (index, q) in Quadrant.allCases.enumerated() {
                let fresh = try ScanStatistics.measure(quadrants[index], frame: frame, state: state)
                let reused = try ScanStatistics.measure(masking: &quadrants[index], frame: frame, state: state,
                                                        workspace: &workspace)
                #expect(fresh == reused, "\(frame.fileName) \(q)")
                #expect(fresh["std_pre"]! > 0.5 && fresh["ron_img"]! > 0.5)
            }
        }
    }
}
