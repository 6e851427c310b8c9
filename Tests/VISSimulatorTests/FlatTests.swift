import AstroKit
import Config_VIS
import Foundation
import Testing
@testable import VISSimulator

@Suite struct FlatTests {
    @Test func meanFlatLevelEqualsTheExpectedFluence() throws {
        let result = try Fixtures.flat.get()
        #expect(result.frames.count == 6)
        for url in result.frames {
            let frame = try Frame(url)
            let name = url.deletingPathExtension().lastPathComponent
            let truth = try #require(result.truth.frames.first { $0.fileName == name })
            #expect(truth.illuminatedTime > truth.exposureTime)  // chamber B's shutter opens late and closes later
            for q in Quadrant.allCases {
                let expected = try #require(truth.quadrant(q))
                let offset = Statistics.clipped(frame.prescan(q)).mean
                let level = Statistics.mean(frame.image(q)) - offset
                #expect(abs(level / expected.signal - 1) < 0.01, "\(name) \(q): \(level) vs \(expected.signal)")
            }
        }
        // FLAT01's levels are 25, 50 and 75 % of 2^16 ADU at the CCD's mean gain, a little more
        // because chamber B's shutter adds ~0.025 s to the 0.85…2.55 s commands (3 % at 25 %).
        let levels = result.truth.frames.map { f in f.quadrants.map(\.signal).reduce(0, +) / 4 }
        for (level, percent) in zip(stride(from: 0, to: 6, by: 2).map { levels[$0] }, [25.0, 50, 75]) {
            #expect(abs(level / (655.36 * percent) - 1) < 0.04, "\(level) for \(percent) %")
        }
    }

    /// Var(A − B)/2 against the mean gives 1/gain: the PTC of BF-free flats returns the true gain.
    @Test func photonTransferGivesTheTrueGain() throws {
        let result = try Fixtures.simulate("PTC01", frames: 2, seed: 21) { $0.physics.prnuRMS = 0.01 }
        defer { Fixtures.discard(result) }
        let truth = try #require(result.truth.ccd(1))
        var byColumn: [String: [URL]] = [:]
        for f in result.truth.frames { byColumn[f.column, default: []].append(result.truthFileFolder(f.fileName)) }
        for q in Quadrant.allCases {
            let expected = try #require(truth.quadrant(q))
            var estimates: [Double] = []
            for (column, urls) in byColumn {
                let frameTruth = try #require(result.truth.frames.first { $0.column == column }?.quadrant(q))
                guard frameTruth.signal > 2000, !frameTruth.saturated else { continue }
                let a = try Frame(urls[0]), b = try Frame(urls[1])
                let offsetA = Statistics.clipped(a.prescan(q)).mean, offsetB = Statistics.clipped(b.prescan(q)).mean
                let imageA = a.image(q), imageB = b.image(q)
                let difference = zip(imageA, imageB).map { $0 - $1 - (offsetA - offsetB) }
                let variance = pow(Statistics.std(difference), 2) / 2
                let mean = Statistics.mean(imageA) - offsetA
                #expect(abs(variance / frameTruth.ptcVariance - 1) < 0.05, "\(column) \(q)")
                estimates.append(mean / (variance - expected.expectedPTCIntercept))
            }
            #expect(estimates.count >= 5)
            let gain = Statistics.mean(estimates)
            #expect(abs(gain / expected.gain - 1) < 0.015, "\(q): \(gain) vs \(expected.gain)")
        }
    }
}

extension SimulationResult {
    func truthFileFolder(_ fileName: String) -> URL {
        truthFile.deletingLastPathComponent().appendingPathComponent(fileName + ".fits")
    }
}

/// The file layout checked against VISGeometry's own sections, independently of the
/// canonical-coordinate helper the simulator uses.
@Suite struct LayoutTests {
    @Test func sectionsOfAFlatHoldWhatTheyShould() throws {
        let result = try Fixtures.flat.get()
        let url = try #require(result.frames.last)
        let frame = try Frame(url)
        let truth = try #require(result.truth.frames.last)
        #expect(frame.pixels.shape == [654, 556])
        for q in Quadrant.allCases {
            let sections = frame.geometry.quadrant(q)
            func mean(_ s: Section) -> Double {
                var sum = 0.0
                for y in s.y0..<s.y1 { for x in s.x0..<s.x1 { sum += frame.pixels[x, y] } }
                return sum / Double(s.area)
            }
            let offset = try #require(result.truth.ccd(1)?.quadrant(q)?.offset)
            let signal = try #require(truth.quadrant(q)?.signal)
            #expect(abs(mean(sections.prescan) - offset) < 0.1, "\(q) prescan")
            #expect(abs(mean(sections.overscan) - offset) < 0.1, "\(q) overscan")
            #expect(abs(mean(try #require(sections.parallelOverscan)) - offset) < 0.1, "\(q) parallel overscan")
            #expect(abs(mean(sections.image) - offset - signal) < 0.01 * signal, "\(q) image")
        }
    }
}
