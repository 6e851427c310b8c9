import Config_VIS
import Foundation
import Testing
@testable import VISSimulator

/// DARK01 files: the truth's file coordinates of defects and cosmic rays point at them.
@Suite struct DarkTests {
    @Test func truthFileCoordinatesPointAtDefectsAndCosmicRays() throws {
        let result = try Fixtures.simulate("DARK01", frames: 1, seed: 12)
        defer { Fixtures.discard(result) }
        let url = try #require(result.frames.first)
        let frame = try Frame(url)
        let ccd = try #require(result.truth.ccd(1))
        let truth = try #require(result.truth.frames.first)
        #expect(truth.exposureTime == 565 && truth.illuminatedTime == 0)
        for hot in ccd.hotPixels {
            let offset = try #require(ccd.quadrant(hot.quadrant)).offset
            let value = frame.pixels[hot.fileX, try #require(hot.fileY)] - offset
            #expect(value > 50, "\(hot): \(value) ADU above the offset")
        }
        let hotColumn = try #require(ccd.badColumns.first { $0.kind == "hot column" })
        let q = try #require(ccd.quadrant(hotColumn.quadrant))
        let section = frame.geometry.quadrant(hotColumn.quadrant).image
        let column = (section.y0..<section.y1).map { frame.pixels[hotColumn.fileX, $0] - q.offset }
        #expect(abs(Statistics.mean(column) - (0.5 + q.darkCurrent) * 565 / q.gain) < 1)
        // A dark's mean level: the expected signal (which leaves cosmic rays out, so add the
        // listed ones), within the shot and read noise of the area.
        for quadrant in truth.quadrants {
            let model = try #require(ccd.quadrant(quadrant.quadrant))
            let image = frame.image(quadrant.quadrant)
            let cosmic = truth.cosmicRays.filter { $0.hit.quadrant == quadrant.quadrant }
                .reduce(0) { $0 + $1.hit.electrons } / model.gain / Double(image.count)
            #expect(abs(Statistics.mean(image) - model.offset - quadrant.signal - cosmic) < 0.03, "\(quadrant.quadrant)")
        }
        #expect(!truth.cosmicRays.isEmpty)
        for ray in truth.cosmicRays {
            let offset = try #require(ccd.quadrant(ray.hit.quadrant)).offset
            #expect(frame.pixels[ray.fileX, ray.fileY] - offset > 20, "\(ray)")
        }
    }
}
